#include "vector/vector_store.h"

#include <cmath>

#include "vector/index_file_reader.h"
#include "vector/index_format.h"

namespace quiver::vector {

float NormalizeInPlace(float* v, size_t dims) {
  float norm = std::sqrt(Kernels().norm_sq_f32(v, dims));
  if (norm > 0) {
    float inv = 1.0f / norm;
    for (size_t i = 0; i < dims; ++i) v[i] *= inv;
  }
  return norm;
}

void VectorStore::CopyOriginal(uint32_t ord, float* out) const {
  const float* v = Vector(ord);
  float scale = metric == Metric::kCosine && norms != nullptr ? norms[ord] : 1.0f;
  for (uint32_t i = 0; i < dims; ++i) out[dim_order != nullptr ? dim_order[i] : i] = v[i] * scale;
}

PreparedQuery::PreparedQuery(const VectorStore& store, std::span<const float> query)
    : floats_(query.begin(), query.end()) {
  if (store.dim_order != nullptr) {
    for (uint32_t i = 0; i < store.dims; ++i) floats_[i] = query[store.dim_order[i]];
  }
  if (store.metric == Metric::kCosine) NormalizeInPlace(floats_.data(), floats_.size());
  if (store.quantized()) {
    codes_.resize(store.code_stride, 0);
    store.quantizer.Encode(floats_.data(), reinterpret_cast<int8_t*>(codes_.data()), &correction_);
  }
}

}  // namespace quiver::vector

namespace quiver::vector {

Result<VectorStore> LoadVectorStore(const IndexFileReader& file, bool quantized) {
  VectorStore s;
  s.dims = file.dims();
  s.num_vectors = file.num_vectors();
  s.metric = file.metric();
  const size_t n = s.num_vectors;
  if (file.params().size() < format::kCommonParamsSize) {
    return Status::Corruption("vector index: params too short");
  }
  QUIVER_ASSIGN_OR_RETURN(auto ids, file.Section(format::kDocIds, n * 4));
  s.doc_ids = AsArray<uint32_t>(ids);
  QUIVER_ASSIGN_OR_RETURN(auto vecs, file.Section(format::kVectors, n * s.dims * 4));
  s.vectors = AsArray<float>(vecs);
  if (s.metric == Metric::kCosine) {
    QUIVER_ASSIGN_OR_RETURN(auto norms, file.Section(format::kNorms, n * 4));
    s.norms = AsArray<float>(norms);
  }
  if (file.Has(format::kDimOrder)) {
    QUIVER_ASSIGN_OR_RETURN(auto order, file.Section(format::kDimOrder, size_t{s.dims} * 4));
    s.dim_order = AsArray<uint32_t>(order);
    std::vector<bool> seen(s.dims, false);
    for (uint32_t i = 0; i < s.dims; ++i) {
      if (s.dim_order[i] >= s.dims || seen[s.dim_order[i]]) {
        return Status::Corruption("vector index: dim_order is not a permutation");
      }
      seen[s.dim_order[i]] = true;
    }
  }
  if (quantized) {
    s.code_stride = GetU32(file.params(), 0);
    float min = GetF32(file.params(), 4);
    float max = GetF32(file.params(), 8);
    if (s.code_stride < s.dims || s.code_stride > s.dims + 64 || !(max > min)) {
      return Status::Corruption("vector index: bad quantizer params");
    }
    s.quantizer = ScalarQuantizer(min, max, s.dims, s.metric);
    s.quantizer.set_confidence_interval(GetF32(file.params(), 12));
    QUIVER_ASSIGN_OR_RETURN(auto codes, file.Section(format::kCodes, n * s.code_stride));
    s.codes = AsArray<int8_t>(codes);
    QUIVER_ASSIGN_OR_RETURN(auto corr, file.Section(format::kCodeCorrections, n * 4));
    s.corrections = AsArray<float>(corr);
  }
  return s;
}

}  // namespace quiver::vector
