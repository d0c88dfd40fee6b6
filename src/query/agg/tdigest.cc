#include "query/agg/tdigest.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quiver::query::agg {

void TDigest::Add(double x, double weight) {
  if (std::isnan(x)) return;
  if (count() == 0) {
    min_ = max_ = x;
  } else {
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  buffer_.push_back({x, weight});
  total_weight_ += weight;
  if (buffer_.size() > static_cast<size_t>(std::max(500.0, compression_ * 10))) Compress();
}

void TDigest::Merge(const TDigest& other) {
  if (other.count() == 0) return;
  if (count() == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  for (const auto& c : other.centroids()) buffer_.push_back(c);
  total_weight_ += other.total_weight_;
  Compress();
}

const std::vector<TDigest::Centroid>& TDigest::centroids() const {
  if (!buffer_.empty()) Compress();
  return centroids_;
}

void TDigest::Compress() const {
  std::vector<Centroid> all = std::move(centroids_);
  all.insert(all.end(), buffer_.begin(), buffer_.end());
  buffer_.clear();
  std::sort(all.begin(), all.end(),
            [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
  double total = 0;
  for (const auto& c : all) total += c.weight;
  centroids_.clear();
  double so_far = 0;  // weight before the current centroid
  for (const auto& c : all) {
    if (!centroids_.empty()) {
      Centroid& last = centroids_.back();
      double merged = last.weight + c.weight;
      // The merged centroid's central quantile bounds its size (k1).
      double q = (so_far - last.weight + merged / 2) / total;
      double limit = 4 * total * q * (1 - q) / compression_;
      if (merged <= limit) {
        last.mean += (c.mean - last.mean) * c.weight / merged;
        last.weight = merged;
        so_far += c.weight;
        continue;
      }
    }
    centroids_.push_back(c);
    so_far += c.weight;
  }
}

double TDigest::Quantile(double q) const {
  const auto& cs = centroids();
  if (cs.empty()) return std::nan("");
  if (cs.size() == 1) return cs[0].mean;
  double total = 0;
  for (const auto& c : cs) total += c.weight;
  double index = q * total;
  // Centroid i covers weight around its centre; interpolate between
  // neighbouring centres, and towards min / max beyond the outer ones.
  double center = cs[0].weight / 2;
  if (index <= center) {
    if (cs[0].weight <= 1) return min_;
    return min_ + (cs[0].mean - min_) * (index / center);
  }
  double cum = 0;
  for (size_t i = 0; i + 1 < cs.size(); ++i) {
    double c0 = cum + cs[i].weight / 2;
    double c1 = cum + cs[i].weight + cs[i + 1].weight / 2;
    if (index <= c1) {
      double t = (index - c0) / (c1 - c0);
      return cs[i].mean + t * (cs[i + 1].mean - cs[i].mean);
    }
    cum += cs[i].weight;
  }
  const Centroid& last = cs.back();
  double c_last = total - last.weight / 2;
  if (last.weight <= 1 || index >= total) return max_;
  return last.mean + (max_ - last.mean) * ((index - c_last) / (total - c_last));
}

// Equal values count half (ES's midpoint convention: a value ranks at the
// centre of the weight it shares), interpolating between centroid centres.
double TDigest::Cdf(double x) const {
  const auto& cs = centroids();
  if (cs.empty()) return std::nan("");
  double total = 0;
  for (const auto& c : cs) total += c.weight;
  if (x < min_) return 0;
  if (x > max_) return 1;
  if (cs.size() == 1) return 0.5;
  double first_center = cs[0].weight / 2;
  if (x < cs[0].mean) {
    return first_center * (x - min_) / (cs[0].mean - min_) / total;
  }
  double cum = 0;
  for (size_t i = 0; i + 1 < cs.size(); ++i) {
    double c0 = cum + cs[i].weight / 2;
    double c1 = cum + cs[i].weight + cs[i + 1].weight / 2;
    if (x < cs[i + 1].mean) {
      double span = cs[i + 1].mean - cs[i].mean;
      double t = span > 0 ? (x - cs[i].mean) / span : 0;
      return (c0 + t * (c1 - c0)) / total;
    }
    cum += cs[i].weight;
  }
  const Centroid& last = cs.back();
  double c_last = total - last.weight / 2;
  if (x == last.mean || max_ == last.mean) return c_last / total;
  return (c_last + (total - c_last) * (x - last.mean) / (max_ - last.mean)) / total;
}

}  // namespace quiver::query::agg
