// HyperLogLogPlusPlus-style distinct counter for the cardinality
// aggregation (Heule, Nunkesser, Hall 2013; ES HyperLogLogPlusPlus): exact
// (a set of 64-bit hashes, "linear counting") up to the precision
// threshold, then 2^p one-byte registers with p derived from the threshold
// as ES does (threshold 3000 → p 14). Estimates use the HLL harmonic mean
// with linear counting for small cardinalities; ES's empirical bias tables
// are not reproduced, so mid-range estimates can differ from ES by up to
// the HLL standard error 1.04/sqrt(2^p). Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace quiver::query::agg {

class HyperLogLog {
 public:
  explicit HyperLogLog(int64_t precision_threshold);

  void AddHash(uint64_t hash);
  void Merge(const HyperLogLog& other);
  int64_t Cardinality() const;
  int precision() const { return p_; }
  int64_t threshold() const { return threshold_; }

  static int PrecisionForThreshold(int64_t threshold);

 private:
  void ToRegisters();
  void AddToRegisters(uint64_t hash);
  int64_t threshold_;
  int p_;
  bool exact_ = true;
  std::unordered_set<uint64_t> hashes_;
  std::vector<uint8_t> registers_;
};

// 64-bit hashes of values (consistent across shards).
uint64_t HashBytes(const void* data, size_t len);
uint64_t HashLong(int64_t v);

}  // namespace quiver::query::agg
