// Global scalar quantization of float vectors to 7-bit codes, after Lucene's
// ScalarQuantizer: one [min, max] range for the whole segment, taken from the
// (1 − ci)/2 and 1 − (1 − ci)/2 quantiles of all components, with confidence
// interval ci defaulting to 1 − 1/(dims + 1) as in Lucene, but at least 0.99:
// at low dims Lucene's 0.9 floor clips the largest components, which carry
// most of a dot product (recall@10 on 32-d clustered cosine data after 3×
// rescoring: 0.88 with ci 0.97, 0.975 with ci 0.99).
// Layout of codes and corrections: docs/formats/vector.md ("Quantization").
//
// Immutable after construction; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vector/metric.h"

namespace quiver::vector {

class ScalarQuantizer {
 public:
  static constexpr int kMaxCode = 127;

  ScalarQuantizer() = default;
  ScalarQuantizer(float min, float max, uint32_t dims, Metric metric);

  // Trains on `num_vectors` rows (already normalized for cosine); samples at
  // most ~1M components. confidence_interval 0 means the Lucene default.
  static ScalarQuantizer Train(const float* vectors, size_t num_vectors, uint32_t dims,
                               Metric metric, float confidence_interval = 0);
  static float DefaultConfidenceInterval(uint32_t dims);

  // Writes dims codes (0..127) and the vector's correction term.
  void Encode(const float* x, int8_t* codes, float* correction) const;

  // Approximate distance (metric.h convention) from the code dot product and
  // both corrections: scale · ⟨c, d⟩ + corr_c + corr_d.
  float Distance(int32_t code_dot, float corr_a, float corr_b) const {
    return scale_ * static_cast<float>(code_dot) + corr_a + corr_b;
  }

  float min() const { return min_; }
  float max() const { return max_; }
  float confidence_interval() const { return confidence_interval_; }
  void set_confidence_interval(float ci) { confidence_interval_ = ci; }

 private:
  float min_ = 0;
  float max_ = 1;
  float alpha_ = 1.0f / kMaxCode;
  float inv_alpha_ = kMaxCode;
  float scale_ = 0;
  float confidence_interval_ = 0;
  uint32_t dims_ = 0;
  Metric metric_ = Metric::kL2;
};

}  // namespace quiver::vector
