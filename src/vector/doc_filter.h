// DocFilter: which segment-local doc ids a search may return (live docs ∧
// query filter). Indexes apply it during traversal, not after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quiver::vector {

// Interface. Implementations must be safe to call from several searching
// threads at once (const, no mutation). A null DocFilter* means "accept all".
class DocFilter {
 public:
  virtual ~DocFilter() = default;
  virtual bool Accept(uint32_t doc) const = 0;
  // An estimate (upper bound preferred) of how many docs Accept() is true for;
  // indexes use it to choose between graph/list traversal and exact search.
  virtual size_t EstimatedCount() const = 0;
};

// Bitset over doc ids [0, num_docs); docs ≥ num_docs are rejected. Mutable
// while being filled, then immutable and thread-safe for readers.
class BitsetDocFilter final : public DocFilter {
 public:
  explicit BitsetDocFilter(uint32_t num_docs, bool initial = false);

  void Set(uint32_t doc);
  void Clear(uint32_t doc);
  bool Accept(uint32_t doc) const override {
    return doc < num_docs_ && ((words_[doc >> 6] >> (doc & 63)) & 1u) != 0;
  }
  size_t EstimatedCount() const override { return count_; }
  uint32_t num_docs() const { return num_docs_; }

 private:
  uint32_t num_docs_;
  size_t count_ = 0;
  std::vector<uint64_t> words_;
};

inline bool Accepts(const DocFilter* filter, uint32_t doc) {
  return filter == nullptr || filter->Accept(doc);
}

}  // namespace quiver::vector
