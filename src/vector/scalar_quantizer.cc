#include "vector/scalar_quantizer.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace quiver::vector {

ScalarQuantizer::ScalarQuantizer(float min, float max, uint32_t dims, Metric metric)
    : min_(min), max_(max), dims_(dims), metric_(metric) {
  if (!(max_ > min_)) max_ = min_ + 1e-6f;
  alpha_ = (max_ - min_) / kMaxCode;
  inv_alpha_ = 1.0f / alpha_;
  // l2:  ‖x − y‖² ≈ α²‖c‖² + α²‖d‖² − 2α²⟨c, d⟩          (corr = α²‖c‖²)
  // ip:  −⟨x, y⟩ ≈ −α²⟨c, d⟩ − corr(c) − corr(d)          (corr stored negated)
  scale_ = metric_ == Metric::kL2 ? -2.0f * alpha_ * alpha_ : -alpha_ * alpha_;
}

float ScalarQuantizer::DefaultConfidenceInterval(uint32_t dims) {
  return std::max(0.99f, 1.0f - 1.0f / static_cast<float>(dims + 1));
}

ScalarQuantizer ScalarQuantizer::Train(const float* vectors, size_t num_vectors, uint32_t dims,
                                       Metric metric, float confidence_interval) {
  if (confidence_interval <= 0 || confidence_interval > 1) {
    confidence_interval = DefaultConfidenceInterval(dims);
  }
  const size_t total = num_vectors * dims;
  constexpr size_t kMaxSample = size_t{1} << 20;
  std::vector<float> sample;
  if (total <= kMaxSample) {
    sample.assign(vectors, vectors + total);
  } else {
    // Whole rows, so per-dimension structure is represented evenly.
    std::mt19937_64 rng(42);
    size_t rows = std::max<size_t>(1, kMaxSample / dims);
    sample.reserve(rows * dims);
    std::uniform_int_distribution<size_t> pick(0, num_vectors - 1);
    for (size_t r = 0; r < rows; ++r) {
      const float* row = vectors + pick(rng) * dims;
      sample.insert(sample.end(), row, row + dims);
    }
  }
  float lo = 0, hi = 1;
  if (!sample.empty()) {
    double tail = (1.0 - confidence_interval) / 2.0;
    size_t lo_idx = static_cast<size_t>(tail * static_cast<double>(sample.size() - 1));
    size_t hi_idx = static_cast<size_t>((1.0 - tail) * static_cast<double>(sample.size() - 1));
    std::nth_element(sample.begin(), sample.begin() + lo_idx, sample.end());
    lo = sample[lo_idx];
    std::nth_element(sample.begin(), sample.begin() + hi_idx, sample.end());
    hi = sample[hi_idx];
  }
  ScalarQuantizer q(lo, hi, dims, metric);
  q.confidence_interval_ = confidence_interval;
  return q;
}

void ScalarQuantizer::Encode(const float* x, int8_t* codes, float* correction) const {
  int64_t sum = 0, sum_sq = 0;
  for (uint32_t i = 0; i < dims_; ++i) {
    float v = std::clamp(x[i], min_, max_);
    int c = static_cast<int>(std::lround((v - min_) * inv_alpha_));
    c = std::clamp(c, 0, kMaxCode);
    codes[i] = static_cast<int8_t>(c);
    sum += c;
    sum_sq += c * c;
  }
  if (metric_ == Metric::kL2) {
    *correction = alpha_ * alpha_ * static_cast<float>(sum_sq);
  } else {
    // ⟨x, y⟩ ≈ α²⟨c, d⟩ + α·min·(Σc + Σd) + dims·min²; each side carries half
    // of the constant term, negated because distances are −⟨x, y⟩.
    *correction =
        -(alpha_ * min_ * static_cast<float>(sum) + 0.5f * static_cast<float>(dims_) * min_ * min_);
  }
}

}  // namespace quiver::vector
