#include "text/pfor.h"

#include <bit>
#include <cassert>
#include <cstring>

#include "common/coding.h"
#include "text/bit_packing.h"
#include "text/varint_decoding.h"

namespace quiver::text {

namespace {

inline int BitWidth(uint32_t v) { return 32 - std::countl_zero(v); }

}  // namespace

void EncodePfor128(const uint32_t* values, std::string* out) {
  bool all_equal = true;
  int histogram[33] = {};
  for (int i = 0; i < 128; ++i) {
    all_equal &= values[i] == values[0];
    ++histogram[BitWidth(values[i])];
  }
  if (all_equal) {
    out->push_back(0);
    PutVarint32(out, values[0]);
    return;
  }
  int max_bits = 32;
  assert(histogram[32] == 0 && "PFOR128 values must be below 2^31");
  while (max_bits > 0 && histogram[max_bits] == 0) --max_bits;
  // Choose b in [max_bits - 8, max_bits] minimising 16*b + 2*exceptions,
  // where the values wider than b (at most 7) become exceptions.
  int best_bits = max_bits;
  int best_cost = 16 * max_bits;
  int wider = 0;  // values wider than b
  for (int b = max_bits - 1; b >= 0 && b >= max_bits - 8; --b) {
    wider += histogram[b + 1];
    if (wider > kMaxPforExceptions) break;
    const int cost = 16 * b + 2 * wider;
    if (cost < best_cost) {
      best_cost = cost;
      best_bits = b;
    }
  }
  uint8_t exceptions[2 * kMaxPforExceptions];
  int num_exceptions = 0;
  uint32_t low[128];
  const uint32_t mask = best_bits == 32 ? 0xffffffffu : ((1u << best_bits) - 1);
  for (int i = 0; i < 128; ++i) {
    low[i] = values[i] & mask;
    if (BitWidth(values[i]) > best_bits) {
      exceptions[2 * num_exceptions] = static_cast<uint8_t>(i);
      exceptions[2 * num_exceptions + 1] = static_cast<uint8_t>(values[i] >> best_bits);
      ++num_exceptions;
    }
  }
  out->push_back(static_cast<char>(best_bits | (num_exceptions << 5)));
  const size_t at = out->size();
  out->resize(at + PackedBytes128(best_bits));
  Pack128(low, best_bits, reinterpret_cast<uint8_t*>(out->data() + at));
  out->append(reinterpret_cast<const char*>(exceptions), 2 * num_exceptions);
}

const uint8_t* DecodePfor128(const uint8_t* p, const uint8_t* end, uint32_t* out, int* max_width) {
  if (p >= end) return nullptr;
  const int token = *p++;
  const int bits = token & 31;
  const int num_exceptions = token >> 5;
  if (bits == 0 && num_exceptions == 0) {
    uint32_t value;
    p = ReadVarint32(p, end, &value);
    if (p == nullptr) return nullptr;
    for (int i = 0; i < 128; ++i) out[i] = value;
    if (max_width != nullptr) *max_width = BitWidth(value);
    return p;
  }
  const size_t packed = PackedBytes128(bits);
  const size_t patch = 2 * static_cast<size_t>(num_exceptions);
  if (static_cast<size_t>(end - p) < packed + patch) return nullptr;
  Unpack128(p, bits, out);
  p += packed;
  if (max_width != nullptr) *max_width = num_exceptions > 0 ? bits + 8 : bits;
  for (int e = 0; e < num_exceptions; ++e) {
    const uint8_t index = p[0];
    if (index >= 128) return nullptr;
    out[index] |= static_cast<uint32_t>(p[1]) << bits;
    p += 2;
  }
  return p;
}

const uint8_t* SkipPfor128(const uint8_t* p, const uint8_t* end) {
  if (p >= end) return nullptr;
  const int token = *p++;
  const int bits = token & 31;
  const int num_exceptions = token >> 5;
  if (bits == 0 && num_exceptions == 0) {
    uint32_t value;
    return ReadVarint32(p, end, &value);
  }
  const size_t size = PackedBytes128(bits) + 2 * static_cast<size_t>(num_exceptions);
  if (static_cast<size_t>(end - p) < size) return nullptr;
  return p + size;
}

}  // namespace quiver::text
