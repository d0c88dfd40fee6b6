// Readers of the doc-values and points components
// (docs/formats/doc-values.md): O(1) access to a document's values, views
// over the segment's mmap'd bytes. Validated at Open so that no later access
// reads out of bounds. Immutable, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::segment {

// Which docs have values, and the rank of a doc among them.
class DocPresence {
 public:
  Status Init(const char* base, size_t size, uint32_t num_docs, uint32_t docs_with_value,
              size_t* consumed);
  bool Has(uint32_t doc) const {
    if (all_) return doc < num_docs_;
    return (Word(doc >> 6) >> (doc & 63)) & 1;
  }
  // Index of `doc` among docs with values (doc must have values).
  uint32_t Rank(uint32_t doc) const;
  uint32_t docs_with_value() const { return docs_with_value_; }

 private:
  uint64_t Word(size_t i) const;
  bool all_ = true;
  uint32_t num_docs_ = 0;
  uint32_t docs_with_value_ = 0;
  const char* bits_ = nullptr;
  const char* ranks_ = nullptr;
};

class NumericDocValues {
 public:
  static Result<NumericDocValues> Open(std::string_view bytes);

  bool is_double() const { return is_double_; }
  bool multi_valued() const { return multi_; }
  uint32_t docs_with_value() const { return presence_.docs_with_value(); }
  // Number of values of `doc` (0 when none).
  uint32_t Count(uint32_t doc) const;
  // The i-th value (ascending) of `doc`, as stored: int64, or the sortable
  // form of a double (see bit_packing.h).
  int64_t Value(uint32_t doc, uint32_t i = 0) const;
  double DoubleValue(uint32_t doc, uint32_t i = 0) const;

 private:
  int64_t ValueAt(uint64_t index) const;
  uint64_t FirstIndex(uint32_t doc) const;

  bool is_double_ = false;
  bool multi_ = false;
  uint32_t num_docs_ = 0;
  uint64_t num_values_ = 0;
  DocPresence presence_;
  const char* offsets_ = nullptr;
  const char* values_ = nullptr;
  const char* block_offsets_ = nullptr;
};

class SortedSetDocValues {
 public:
  static Result<SortedSetDocValues> Open(std::string_view bytes);

  uint32_t num_terms() const { return num_terms_; }
  std::string_view Term(uint32_t ord) const;
  // Ordinal of `term`, or nullopt.
  std::optional<uint32_t> Lookup(std::string_view term) const;
  // First ordinal whose term is >= `term` (num_terms() if none).
  uint32_t LowerBound(std::string_view term) const;
  uint32_t docs_with_value() const { return presence_.docs_with_value(); }
  uint32_t Count(uint32_t doc) const;
  uint32_t Ord(uint32_t doc, uint32_t i = 0) const;

 private:
  uint64_t FirstIndex(uint32_t doc) const;

  bool multi_ = false;
  uint32_t num_docs_ = 0;
  uint32_t num_terms_ = 0;
  uint64_t num_ords_ = 0;
  int bits_ = 0;
  DocPresence presence_;
  const char* term_offsets_ = nullptr;
  const char* term_bytes_ = nullptr;
  const char* offsets_ = nullptr;
  const char* ords_ = nullptr;
};

class PointsReader {
 public:
  // Every doc id must be below `num_docs`.
  static Result<PointsReader> Open(std::string_view bytes, uint32_t num_docs);
  uint64_t count() const { return count_; }
  // Docs with a value in [lo, hi] (inclusive), sorted ascending, distinct.
  void Range(int64_t lo, int64_t hi, std::vector<uint32_t>* docs) const;
  // Number of values in [lo, hi] (cost estimate).
  uint64_t CountRange(int64_t lo, int64_t hi) const;
  // The i-th (value, doc) pair in value order (merges).
  int64_t ValueAt(uint64_t i) const;
  uint32_t DocAt(uint64_t i) const;
  int64_t min_value() const;
  int64_t max_value() const;

 private:
  uint64_t LowerBound(int64_t v) const;
  uint64_t UpperBound(int64_t v) const;
  uint64_t count_ = 0;
  const char* values_ = nullptr;
  const char* docs_ = nullptr;
};

}  // namespace quiver::segment
