// FilteredTermsEnum: the terms of a field that a multi-term query matches,
// in byte order (Lucene's FilteredTermsEnum). The query layer pulls terms
// with Next() and may stop early (ES `max_expansions`). Implementations:
// PrefixTermsEnum and RangeTermsEnum here, AutomatonTermsEnum (wildcard,
// regexp, fuzzy, case-insensitive term/prefix) in automaton_terms_enum.h.
// Not thread-safe; the reader must outlive the enum.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "text/field_index_reader.h"
#include "text/terms_enum.h"

namespace quiver::text {

class FilteredTermsEnum {
 public:
  virtual ~FilteredTermsEnum() = default;
  // Moves to the next matching term; false when there is none (or on
  // error: see status()).
  virtual bool Next() = 0;
  std::string_view term() const { return terms_.term(); }
  // Statistics and postings location of the current term.
  const TermState& state() { return terms_.state(); }
  const Status& status() const { return terms_.status().ok() ? status_ : terms_.status(); }

 protected:
  explicit FilteredTermsEnum(const FieldIndexReader& reader) : terms_(reader.NewTermsEnum()) {}
  TermsEnum terms_;
  Status status_;  // errors found by the filter itself
};

// Terms starting with `prefix` (all terms for an empty prefix).
class PrefixTermsEnum final : public FilteredTermsEnum {
 public:
  PrefixTermsEnum(const FieldIndexReader& reader, std::string_view prefix);
  bool Next() override;

 private:
  std::string prefix_;
  bool started_ = false;
  bool done_ = false;
};

// Terms between `lower` and `upper` (absent = unbounded), each end
// inclusive or not (Lucene's TermRangeQuery).
class RangeTermsEnum final : public FilteredTermsEnum {
 public:
  RangeTermsEnum(const FieldIndexReader& reader, std::optional<std::string_view> lower,
                 std::optional<std::string_view> upper, bool include_lower, bool include_upper);
  bool Next() override;

 private:
  std::optional<std::string> lower_;
  std::optional<std::string> upper_;
  bool include_lower_;
  bool include_upper_;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace quiver::text
