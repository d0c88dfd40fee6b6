// Number formatting with Java DecimalFormat patterns ("#.0", "#,##0.00",
// "0.###%"), as Elasticsearch applies a `format` to numeric doc values and
// aggregation results: Locale.ROOT symbols, HALF_EVEN rounding of the
// shortest decimal representation. Patterns with exponents or quoted
// literals are rejected. Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver {

class DecimalFormat {
 public:
  static Result<DecimalFormat> Parse(std::string_view pattern);

  std::string Format(double value) const;

 private:
  std::string prefix_;
  std::string suffix_;
  int min_integer_digits_ = 1;
  int grouping_size_ = 0;  // 0: no grouping
  int min_fraction_digits_ = 0;
  int max_fraction_digits_ = 0;
  bool decimal_always_shown_ = false;  // a trailing '.' in the pattern
  int multiplier_ = 1;                 // 100 for '%', 1000 for '‰'
};

}  // namespace quiver
