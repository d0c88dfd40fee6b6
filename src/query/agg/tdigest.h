// TDigest: the mergeable quantile sketch of the percentiles,
// percentile_ranks and median_absolute_deviation aggregations (Dunning &
// Ertl, "Computing extremely accurate quantiles using t-digests", merging
// variant). Centroid sizes obey the k1 bound w <= 4·n·q(1-q)/compression,
// so tails stay exact; with at most `compression` values every value is a
// singleton and quantiles are exact interpolations between cumulative
// centres (matching ES's answers on small inputs). Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace quiver::query::agg {

class TDigest {
 public:
  explicit TDigest(double compression = 100) : compression_(compression) {}

  void Add(double x, double weight = 1);
  void Merge(const TDigest& other);
  double compression() const { return compression_; }
  double count() const { return total_weight_; }
  bool empty() const { return count() == 0; }

  // q in [0, 1]; NaN when empty.
  double Quantile(double q) const;
  // Fraction of the weight at or below x, in [0, 1]; NaN when empty.
  double Cdf(double x) const;

  struct Centroid {
    double mean;
    double weight;
  };
  const std::vector<Centroid>& centroids() const;
  double min() const { return min_; }
  double max() const { return max_; }

 private:
  void Compress() const;
  double compression_;
  mutable std::vector<Centroid> centroids_;  // sorted by mean after Compress
  mutable std::vector<Centroid> buffer_;
  double min_ = 0, max_ = 0;
  double total_weight_ = 0;
};

}  // namespace quiver::query::agg
