#include "segment/vector_field.h"

namespace quiver::segment {

vector::EsSimilarity EsSimilarityOf(const schema::FieldMapper& field) {
  switch (field.vector().similarity.value_or(schema::VectorSimilarity::kL2Norm)) {
    case schema::VectorSimilarity::kL2Norm:
      return vector::EsSimilarity::kL2Norm;
    case schema::VectorSimilarity::kCosine:
      return vector::EsSimilarity::kCosine;
    case schema::VectorSimilarity::kDotProduct:
      return vector::EsSimilarity::kDotProduct;
    case schema::VectorSimilarity::kMaxInnerProduct:
      return vector::EsSimilarity::kMaxInnerProduct;
  }
  return vector::EsSimilarity::kL2Norm;
}

vector::ElementType ElementTypeOf(const schema::FieldMapper& field) {
  return field.vector().element_type == schema::VectorElementType::kByte
             ? vector::ElementType::kByte
             : vector::ElementType::kFloat;
}

std::optional<vector::VectorIndexOptions> VectorIndexOptionsFor(const schema::FieldMapper& field,
                                                                uint32_t dims) {
  const schema::VectorOptions& o = field.vector();
  if (!o.indexed || o.element_type == schema::VectorElementType::kBit || dims == 0) {
    return std::nullopt;
  }
  vector::VectorIndexOptions out;
  out.dims = dims;
  out.metric = vector::MetricFor(EsSimilarityOf(field));
  schema::VectorIndexType type = o.element_type == schema::VectorElementType::kByte
                                     ? schema::VectorIndexType::kHnsw
                                     : schema::VectorIndexType::kInt8Hnsw;
  if (o.index_options) {
    const schema::VectorIndexOptions& io = *o.index_options;
    type = io.type;
    out.hnsw.m = static_cast<uint32_t>(io.m);
    out.hnsw.ef_construction = static_cast<uint32_t>(io.ef_construction);
    out.ivf.nlist = static_cast<uint32_t>(io.nlist);
    out.ivf.nprobe = static_cast<uint32_t>(io.nprobe);
    out.confidence_interval = io.confidence_interval.value_or(0);
  }
  switch (type) {
    case schema::VectorIndexType::kHnsw:
      out.type = vector::IndexType::kHnsw;
      break;
    case schema::VectorIndexType::kInt8Hnsw:
    case schema::VectorIndexType::kInt4Hnsw:
    case schema::VectorIndexType::kBbqHnsw:
      out.type = vector::IndexType::kInt8Hnsw;
      break;
    case schema::VectorIndexType::kFlat:
      out.type = vector::IndexType::kFlat;
      break;
    case schema::VectorIndexType::kInt8Flat:
    case schema::VectorIndexType::kInt4Flat:
    case schema::VectorIndexType::kBbqFlat:
      out.type = vector::IndexType::kInt8Flat;
      break;
    case schema::VectorIndexType::kIvf:
      out.type = vector::IndexType::kIvf;
      break;
    case schema::VectorIndexType::kInt8Ivf:
      out.type = vector::IndexType::kInt8Ivf;
      break;
  }
  return out;
}

}  // namespace quiver::segment
