// FixedBitSet: a bit per doc of a segment, for filters (cached), multi-term
// query results and live docs; and its iterator. Not thread-safe to mutate;
// immutable bitsets may be shared.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "query/exec/doc_id_iterator.h"

namespace quiver::query {

class FixedBitSet {
 public:
  explicit FixedBitSet(uint32_t num_bits) : num_bits_(num_bits), words_((num_bits + 63) / 64, 0) {}

  uint32_t size() const { return num_bits_; }
  bool Get(uint32_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void Set(uint32_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  void Clear(uint32_t i) { words_[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
  uint32_t Cardinality() const;
  // Next set bit at or after `i`, or kNoMoreDocs.
  uint32_t NextSetBit(uint32_t i) const;
  void Or(const FixedBitSet& other);
  void And(const FixedBitSet& other);
  void AndNot(const FixedBitSet& other);
  // Sets every doc the iterator visits (any type with NextDoc()).
  void OrIterator(DocIdIterator* it);
  template <typename It>
  void OrDocs(It* it) {
    for (uint32_t d = it->NextDoc(); d != kNoMoreDocs; d = it->NextDoc()) {
      if (d < num_bits_) Set(d);
    }
  }
  const std::vector<uint64_t>& words() const { return words_; }
  std::vector<uint64_t>& mutable_words() { return words_; }
  size_t ram_bytes() const { return words_.size() * 8; }

 private:
  uint32_t num_bits_;
  std::vector<uint64_t> words_;
};

class BitSetIterator : public DocIdIterator {
 public:
  BitSetIterator(std::shared_ptr<const FixedBitSet> bits, int64_t cost)
      : bits_(std::move(bits)), cost_(cost) {}
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    return doc_ = target >= bits_->size() ? kNoMoreDocs : bits_->NextSetBit(target);
  }
  int64_t cost() const override { return cost_; }

 private:
  std::shared_ptr<const FixedBitSet> bits_;
  int64_t cost_;
  uint32_t doc_ = kUnpositioned;
};

}  // namespace quiver::query
