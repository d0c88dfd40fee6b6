#include "text/impacts.h"

#include <bit>
#include <cstring>

#include "common/coding.h"
#include "text/varint_decoding.h"

namespace quiver::text {

ImpactAccumulator::ImpactAccumulator() {
  std::memset(max_freq_, 0, sizeof(max_freq_));
  std::memset(seen_, 0, sizeof(seen_));
}

void ImpactAccumulator::AddAll(const ImpactAccumulator& other) {
  for (int w = 0; w < 4; ++w) {
    uint64_t bits = other.seen_[w];
    while (bits != 0) {
      const int norm = w * 64 + std::countr_zero(bits);
      bits &= bits - 1;
      Add(other.max_freq_[norm], static_cast<uint8_t>(norm));
    }
  }
}

void ImpactAccumulator::Clear() {
  for (int w = 0; w < 4; ++w) {
    uint64_t bits = seen_[w];
    while (bits != 0) {
      max_freq_[w * 64 + std::countr_zero(bits)] = 0;
      bits &= bits - 1;
    }
    seen_[w] = 0;
  }
}

bool ImpactAccumulator::empty() const { return (seen_[0] | seen_[1] | seen_[2] | seen_[3]) == 0; }

size_t ImpactAccumulator::Competitive(Impact* out) const {
  // Walking norms upwards (shorter documents first), a pair is competitive
  // iff its freq beats every pair with a smaller norm.
  size_t n = 0;
  uint32_t best_freq = 0;
  for (int w = 0; w < 4; ++w) {
    uint64_t bits = seen_[w];
    while (bits != 0) {
      const int norm = w * 64 + std::countr_zero(bits);
      bits &= bits - 1;
      if (max_freq_[norm] > best_freq) {
        best_freq = max_freq_[norm];
        out[n++] = Impact{best_freq, static_cast<uint8_t>(norm)};
      }
    }
  }
  return n;
}

void ImpactAccumulator::Encode(std::string* out) const {
  Impact pairs[kMaxImpacts];
  const size_t n = Competitive(pairs);
  EncodeImpacts(std::span<const Impact>(pairs, n), out);
}

void EncodeImpacts(std::span<const Impact> impacts, std::string* out) {
  PutVarint32(out, static_cast<uint32_t>(impacts.size()));
  for (size_t i = 0; i < impacts.size(); ++i) {
    if (i == 0) {
      PutVarint32(out, impacts[0].freq - 1);
      out->push_back(static_cast<char>(impacts[0].norm));
    } else {
      PutVarint32(out, impacts[i].freq - impacts[i - 1].freq - 1);
      out->push_back(static_cast<char>(impacts[i].norm - impacts[i - 1].norm - 1));
    }
  }
}

const uint8_t* DecodeImpacts(const uint8_t* p, const uint8_t* end, Impact* out, size_t* count) {
  uint32_t n;
  p = ReadVarint32(p, end, &n);
  if (p == nullptr || n == 0 || n > kMaxImpacts) return nullptr;
  uint64_t freq = 0;
  int norm = -1;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t freq_delta;
    p = ReadVarint32(p, end, &freq_delta);
    if (p == nullptr || p >= end) return nullptr;
    const int norm_delta = *p++;
    freq += uint64_t{freq_delta} + 1;
    norm += norm_delta + 1;
    if (freq > 0xffffffffu || norm > 255) return nullptr;
    out[i] = Impact{static_cast<uint32_t>(freq), static_cast<uint8_t>(norm)};
  }
  *count = n;
  return p;
}

}  // namespace quiver::text
