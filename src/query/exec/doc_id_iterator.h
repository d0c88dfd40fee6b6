// DocIdIterator: iteration over increasing doc ids of one segment, with
// Advance for skipping (Lucene's DocIdSetIterator). Every matching structure
// (postings, doc lists, bitsets, conjunctions) is one. Single-threaded.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace quiver::query {

inline constexpr uint32_t kNoMoreDocs = 0x7fffffff;

class DocIdIterator {
 public:
  virtual ~DocIdIterator() = default;
  // Current doc; -1 (as uint32 max) before the first NextDoc/Advance.
  virtual uint32_t doc() const = 0;
  virtual uint32_t NextDoc() = 0;
  // First doc >= target (target > doc()).
  virtual uint32_t Advance(uint32_t target) = 0;
  // Upper bound of matches (for ordering conjunctions).
  virtual int64_t cost() const = 0;
};

inline constexpr uint32_t kUnpositioned = 0xffffffffu;

// Over a sorted, distinct list of doc ids.
class SortedDocsIterator : public DocIdIterator {
 public:
  explicit SortedDocsIterator(std::shared_ptr<const std::vector<uint32_t>> docs)
      : docs_(std::move(docs)) {}
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override {
    return doc_ = ++i_ < docs_->size() ? (*docs_)[i_] : kNoMoreDocs;
  }
  uint32_t Advance(uint32_t target) override;
  int64_t cost() const override { return static_cast<int64_t>(docs_->size()); }

 private:
  std::shared_ptr<const std::vector<uint32_t>> docs_;
  size_t i_ = static_cast<size_t>(-1);
  uint32_t doc_ = kUnpositioned;
};

// Every doc in [0, max_doc).
class AllDocsIterator : public DocIdIterator {
 public:
  explicit AllDocsIterator(uint32_t max_doc) : max_doc_(max_doc) {}
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    return doc_ = target < max_doc_ ? target : kNoMoreDocs;
  }
  int64_t cost() const override { return max_doc_; }

 private:
  uint32_t max_doc_;
  uint32_t doc_ = kUnpositioned;
};

// Matches nothing.
class EmptyIterator : public DocIdIterator {
 public:
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return doc_ = kNoMoreDocs; }
  uint32_t Advance(uint32_t) override { return doc_ = kNoMoreDocs; }
  int64_t cost() const override { return 0; }

 private:
  uint32_t doc_ = kUnpositioned;
};

}  // namespace quiver::query
