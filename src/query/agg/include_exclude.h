// IncludeExclude: the `include` / `exclude` filters of terms aggregations
// (ES IncludeExclude): Lucene regular expressions (string terms only),
// arrays of exact values, or hash partitions (`{partition,
// num_partitions}`, Murmur3 with seed 31 for terms and mix64 for numbers,
// as ES). Immutable after Parse; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "query/agg/doc_format.h"
#include "query/dsl/regexp_automaton.h"

namespace quiver::query::agg {

class IncludeExclude {
 public:
  // Parses `include` and/or `exclude` (null when absent).
  static Result<std::shared_ptr<IncludeExclude>> Parse(const json::value& include,
                                                       const json::value& exclude);
  bool has_regex() const { return include_re_ || exclude_re_; }

  // Binds the exact values to a numeric or bytes source.
  Status BindNumeric(const DocFormat& format, bool is_double, std::string_view agg_name);
  Status BindBytes(bool is_ip, std::string_view agg_name);

  bool AcceptBytes(std::string_view term) const;
  // `canonical`: the long value, or the sortable bits of a double.
  bool AcceptNumber(int64_t canonical) const;

 private:
  static Status RegexNotSupported(std::string_view agg_name);
  std::optional<dsl::CodePointAutomaton> include_re_, exclude_re_;
  json::array include_values_, exclude_values_;
  bool has_include_values_ = false;
  std::set<std::string> include_bytes_, exclude_bytes_;
  std::set<int64_t> include_numbers_, exclude_numbers_;
  int64_t partition_ = -1, num_partitions_ = 0;
};

}  // namespace quiver::query::agg
