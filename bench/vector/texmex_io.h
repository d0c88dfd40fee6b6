// Readers and writers for the TEXMEX vector file formats used by
// ann-benchmarks and the BIGANN sets: .fvecs (per row: int32 dims, then dims
// float32) and .ivecs (int32 dims, then dims int32).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace quiver::bench {

struct FloatMatrix {
  uint32_t rows = 0;
  uint32_t dims = 0;
  std::vector<float> data;
  const float* Row(uint32_t i) const { return data.data() + size_t{i} * dims; }
};

struct IntMatrix {
  uint32_t rows = 0;
  uint32_t dims = 0;
  std::vector<int32_t> data;
  const int32_t* Row(uint32_t i) const { return data.data() + size_t{i} * dims; }
};

// max_rows 0 = all.
Result<FloatMatrix> ReadFvecs(const std::string& path, uint32_t max_rows = 0);
Result<IntMatrix> ReadIvecs(const std::string& path, uint32_t max_rows = 0);
Status WriteFvecs(const std::string& path, const FloatMatrix& m);
Status WriteIvecs(const std::string& path, const IntMatrix& m);

// Exact k nearest rows of `base` for every row of `queries` (L2 or inner
// product, cosine = inner product on normalized data), brute force with
// Quiver's SIMD kernels on num_threads threads.
IntMatrix ExactKnn(const FloatMatrix& base, const FloatMatrix& queries, uint32_t k, bool l2,
                   uint32_t num_threads);

}  // namespace quiver::bench
