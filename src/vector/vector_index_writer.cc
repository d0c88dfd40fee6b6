#include "vector/vector_index_writer.h"

#include <cmath>
#include <string>

#include "vector/flat_index_writer.h"
#include "vector/hnsw_serializer.h"

namespace quiver::vector {

Status ValidateOptions(const VectorIndexOptions& options) {
  if (options.dims == 0 || options.dims > 4096) {
    return Status::InvalidArgument("[dims] must be in [1, 4096], got " +
                                   std::to_string(options.dims));
  }
  if (options.hnsw.m < 2 || options.hnsw.m > HnswBuilder::kMaxM) {
    return Status::InvalidArgument("[m] must be in [2, 512]");
  }
  if (options.hnsw.ef_construction < 1 || options.hnsw.ef_construction > 3200) {
    return Status::InvalidArgument("[ef_construction] must be in [1, 3200]");
  }
  if (options.ivf.nlist > (1u << 20)) return Status::InvalidArgument("[nlist] too large");
  if (options.confidence_interval != 0 &&
      (options.confidence_interval < 0.9f || options.confidence_interval > 1.0f)) {
    return Status::InvalidArgument("[confidence_interval] must be in [0.9, 1.0]");
  }
  return Status::Ok();
}

VectorIndexWriter::VectorIndexWriter(const VectorIndexOptions& options)
    : options_(options), vectors_(options.metric, options.dims) {}

Status VectorIndexWriter::Add(uint32_t doc, std::span<const float> vector) {
  if (vector.size() != options_.dims) {
    return Status::InvalidArgument("The [dense_vector] field has dimension [" +
                                   std::to_string(options_.dims) + "] but the vector has [" +
                                   std::to_string(vector.size()) + "] dimensions");
  }
  if (static_cast<int64_t>(doc) <= last_doc_) {
    return Status::InvalidArgument("vector doc ids must be strictly increasing");
  }
  double norm_sq = 0;
  for (float v : vector) {
    if (!std::isfinite(v)) return Status::InvalidArgument("vector has non-finite values");
    norm_sq += double{v} * v;
  }
  if (options_.metric == Metric::kCosine && norm_sq == 0) {
    return Status::InvalidArgument(
        "The [cosine] similarity does not support vectors with zero magnitude");
  }
  last_doc_ = doc;
  vectors_.Add(doc, vector.data());
  return Status::Ok();
}

Result<std::string> VectorIndexWriter::Finish() {
  QUIVER_RETURN_IF_ERROR(ValidateOptions(options_));
  return BuildVectorIndex(&vectors_, options_);
}

Result<std::string> BuildVectorIndex(StoredVectorsWriter* vectors,
                                     const VectorIndexOptions& options) {
  QUIVER_RETURN_IF_ERROR(ValidateOptions(options));
  if (vectors->dims() != options.dims || vectors->metric() != options.metric) {
    return Status::InvalidArgument("vector writer does not match the index options");
  }
  // Variance-ordered dimensions make early-abandoning L2 effective; inner
  // product kernels cannot abandon, so other metrics keep the given order.
  if (options.metric == Metric::kL2 && options.dims >= 64) vectors->OrderDimensionsByVariance();
  if (IsQuantized(options.type) && vectors->size() > 0) {
    vectors->Quantize(options.confidence_interval);
  }
  switch (options.type) {
    case IndexType::kFlat:
    case IndexType::kInt8Flat:
      return SerializeFlatIndex(*vectors);
    case IndexType::kHnsw:
    case IndexType::kInt8Hnsw: {
      HnswOptions hnsw = options.hnsw;
      hnsw.num_threads = std::max(hnsw.num_threads, options.num_threads);
      HnswBuilder builder(hnsw, vectors->View());
      QUIVER_RETURN_IF_ERROR(builder.Build());
      return SerializeHnswIndex(builder, vectors);
    }
    case IndexType::kIvf:
    case IndexType::kInt8Ivf: {
      IvfOptions ivf = options.ivf;
      ivf.num_threads = std::max(ivf.num_threads, options.num_threads);
      return BuildIvfIndex(vectors, ivf);
    }
  }
  return Status::InvalidArgument("unknown index type");
}

}  // namespace quiver::vector
