#include "query/agg/hyperloglog.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "common/hash.h"

namespace quiver::query::agg {

uint64_t HashLong(int64_t v) { return Mix64(static_cast<uint64_t>(v)); }

uint64_t HashBytes(const void* data, size_t len) {
  return Hash64(std::string_view(static_cast<const char*>(data), len));
}

int HyperLogLog::PrecisionForThreshold(int64_t threshold) {
  // ES: the precision whose register array is at least as large as the
  // hash set holding `threshold` entries (4 bytes each, load factor 0.75).
  double entries = std::ceil(static_cast<double>(std::max<int64_t>(threshold, 1)) / 0.75);
  int p = static_cast<int>(std::ceil(std::log2(entries * 4)));
  return std::clamp(p, 4, 18);
}

HyperLogLog::HyperLogLog(int64_t precision_threshold)
    : threshold_(std::min<int64_t>(precision_threshold, 40000)),
      p_(PrecisionForThreshold(threshold_)) {}

void HyperLogLog::AddToRegisters(uint64_t hash) {
  uint64_t index = hash >> (64 - p_);
  uint64_t rest = (hash << p_) | (uint64_t{1} << (p_ - 1));
  auto rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
  if (registers_[index] < rank) registers_[index] = rank;
}

void HyperLogLog::ToRegisters() {
  exact_ = false;
  registers_.assign(size_t{1} << p_, 0);
  for (uint64_t h : hashes_) AddToRegisters(h);
  hashes_.clear();
}

void HyperLogLog::AddHash(uint64_t hash) {
  if (exact_) {
    hashes_.insert(hash);
    if (static_cast<int64_t>(hashes_.size()) > threshold_) ToRegisters();
    return;
  }
  AddToRegisters(hash);
}

void HyperLogLog::Merge(const HyperLogLog& other) {
  if (other.exact_) {
    for (uint64_t h : other.hashes_) AddHash(h);
    return;
  }
  if (exact_) ToRegisters();
  for (size_t i = 0; i < registers_.size(); ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
}

int64_t HyperLogLog::Cardinality() const {
  if (exact_) return static_cast<int64_t>(hashes_.size());
  double m = static_cast<double>(registers_.size());
  double sum = 0;
  int zeros = 0;
  for (uint8_t r : registers_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  double alpha = 0.7213 / (1 + 1.079 / m);
  double e = alpha * m * m / sum;
  if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / zeros);
  return static_cast<int64_t>(std::llround(e));
}

}  // namespace quiver::query::agg
