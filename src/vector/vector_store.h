// VectorStore: read-only view of the per-ordinal arrays every index keeps
// (doc ids, float vectors, cosine norms, int8 codes + corrections), plus the
// query-side helpers that compute distances against it. Points into memory
// owned elsewhere (the mmap'd index buffer or a builder); thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/status.h"
#include "vector/distances.h"
#include "vector/metric.h"
#include "vector/scalar_quantizer.h"

namespace quiver::vector {

struct VectorStore {
  uint32_t dims = 0;
  uint32_t num_vectors = 0;
  Metric metric = Metric::kL2;
  const uint32_t* doc_ids = nullptr;
  const float* vectors = nullptr;      // unit-normalized for cosine
  const float* norms = nullptr;        // cosine only: original norms
  const int8_t* codes = nullptr;       // quantized only
  const float* corrections = nullptr;  // quantized only
  uint32_t code_stride = 0;
  ScalarQuantizer quantizer;
  // Optional: stored dimension i is original dimension dim_order[i].
  const uint32_t* dim_order = nullptr;

  bool quantized() const { return codes != nullptr; }
  const float* Vector(uint32_t ord) const { return vectors + size_t{ord} * dims; }
  const int8_t* Code(uint32_t ord) const { return codes + size_t{ord} * code_stride; }
  // The vector as it was given at insert (cosine: normalized × norm; original
  // dimension order).
  void CopyOriginal(uint32_t ord, float* out) const;
  size_t FloatBytes() const { return size_t{num_vectors} * dims * sizeof(float); }
  size_t CodeBytes() const {
    return quantized() ? size_t{num_vectors} * (code_stride + sizeof(float)) : 0;
  }
};

// A query prepared for one store: unit-normalized under cosine, and encoded
// to codes for quantized stores. Not thread-safe; one per search.
class PreparedQuery {
 public:
  PreparedQuery(const VectorStore& store, std::span<const float> query);

  const float* floats() const { return floats_.data(); }
  const uint8_t* codes() const { return codes_.data(); }
  float correction() const { return correction_; }

 private:
  std::vector<float> floats_;
  std::vector<uint8_t> codes_;
  float correction_ = 0;
};

// Normalizes v in place; returns its original norm (0 vectors stay 0).
float NormalizeInPlace(float* v, size_t dims);

// Exact float distance from a prepared query to ordinal `ord`.
class FloatDistance {
 public:
  FloatDistance(const VectorStore& store, const float* query)
      : base_(store.vectors),
        query_(query),
        dims_(store.dims),
        l2_(store.metric == Metric::kL2),
        kernel_(l2_ ? Kernels().l2sq_f32 : Kernels().dot_f32),
        bounded_(Kernels().l2sq_f32_bounded) {}
  float operator()(uint32_t ord) const {
    float v = kernel_(query_, base_ + size_t{ord} * dims_, dims_);
    return l2_ ? v : -v;
  }
  // Exact when below `bound`, otherwise any value ≥ bound (early abandoning
  // for L2; exact for inner product).
  float Bounded(uint32_t ord, float bound) const {
    if (l2_) return bounded_(query_, base_ + size_t{ord} * dims_, dims_, bound);
    return -kernel_(query_, base_ + size_t{ord} * dims_, dims_);
  }
  // Distance between two stored vectors (graph construction).
  float Between(uint32_t a, uint32_t b) const {
    float v = kernel_(base_ + size_t{a} * dims_, base_ + size_t{b} * dims_, dims_);
    return l2_ ? v : -v;
  }
  // Between() with the contract of Bounded().
  float BetweenBounded(uint32_t a, uint32_t b, float bound) const {
    if (l2_) return bounded_(base_ + size_t{a} * dims_, base_ + size_t{b} * dims_, dims_, bound);
    return -kernel_(base_ + size_t{a} * dims_, base_ + size_t{b} * dims_, dims_);
  }
  // The first two lines: the early-abandoning kernel often needs no more,
  // and the hardware prefetcher follows the rest.
  void Prefetch(uint32_t ord) const {
    PrefetchLines(base_ + size_t{ord} * dims_, std::min<size_t>(dims_ * sizeof(float), 128));
  }
  const float* query() const { return query_; }

 private:
  const float* base_;
  const float* query_;
  size_t dims_;
  bool l2_;
  float (*kernel_)(const float*, const float*, size_t);
  float (*bounded_)(const float*, const float*, size_t, float);
};

// Approximate distance from quantized codes (scalar_quantizer.h).
class QuantizedDistance {
 public:
  QuantizedDistance(const VectorStore& store, const uint8_t* query_codes, float query_correction)
      : store_(&store),
        codes_(store.codes),
        corr_(store.corrections),
        query_(query_codes),
        query_corr_(query_correction),
        stride_(store.code_stride),
        dims_(store.dims),
        kernel_(Kernels().dot_u8i8) {}
  float operator()(uint32_t ord) const {
    int32_t dot = kernel_(query_, codes_ + size_t{ord} * stride_, dims_);
    return store_->quantizer.Distance(dot, query_corr_, corr_[ord]);
  }
  float Bounded(uint32_t ord, float) const { return (*this)(ord); }
  float Between(uint32_t a, uint32_t b) const {
    int32_t dot = kernel_(reinterpret_cast<const uint8_t*>(codes_ + size_t{a} * stride_),
                          codes_ + size_t{b} * stride_, dims_);
    return store_->quantizer.Distance(dot, corr_[a], corr_[b]);
  }
  float BetweenBounded(uint32_t a, uint32_t b, float) const { return Between(a, b); }
  void Prefetch(uint32_t ord) const {
    PrefetchLines(codes_ + size_t{ord} * stride_, std::min<size_t>(dims_, 128));
    __builtin_prefetch(corr_ + ord, 0, 3);
  }

 private:
  const VectorStore* store_;
  const int8_t* codes_;
  const float* corr_;
  const uint8_t* query_;
  float query_corr_;
  size_t stride_;
  size_t dims_;
  int32_t (*kernel_)(const uint8_t*, const int8_t*, size_t);
};

}  // namespace quiver::vector

namespace quiver::vector {

class IndexFileReader;

// Opens the common sections of an index file as a VectorStore (the reader
// side of StoredVectorsWriter). Checks sizes against dims × num_vectors.
Result<VectorStore> LoadVectorStore(const IndexFileReader& file, bool quantized);

}  // namespace quiver::vector
