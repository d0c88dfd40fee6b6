#include "query/exec/bitset.h"

#include <algorithm>

namespace quiver::query {

uint32_t FixedBitSet::Cardinality() const {
  uint64_t n = 0;
  for (uint64_t w : words_) n += static_cast<uint64_t>(__builtin_popcountll(w));
  return static_cast<uint32_t>(n);
}

uint32_t FixedBitSet::NextSetBit(uint32_t i) const {
  if (i >= num_bits_) return kNoMoreDocs;
  size_t w = i >> 6;
  uint64_t word = words_[w] >> (i & 63);
  if (word != 0) return i + static_cast<uint32_t>(__builtin_ctzll(word));
  for (++w; w < words_.size(); ++w) {
    if (words_[w] != 0) {
      uint32_t bit = static_cast<uint32_t>(w * 64 + __builtin_ctzll(words_[w]));
      return bit < num_bits_ ? bit : kNoMoreDocs;
    }
  }
  return kNoMoreDocs;
}

void FixedBitSet::Or(const FixedBitSet& o) {
  for (size_t i = 0; i < std::min(words_.size(), o.words_.size()); ++i) words_[i] |= o.words_[i];
}

void FixedBitSet::And(const FixedBitSet& o) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] &= i < o.words_.size() ? o.words_[i] : 0;
}

void FixedBitSet::AndNot(const FixedBitSet& o) {
  for (size_t i = 0; i < std::min(words_.size(), o.words_.size()); ++i) words_[i] &= ~o.words_[i];
}

void FixedBitSet::OrIterator(DocIdIterator* it) {
  for (uint32_t d = it->NextDoc(); d != kNoMoreDocs; d = it->NextDoc()) {
    if (d < num_bits_) Set(d);
  }
}

}  // namespace quiver::query
