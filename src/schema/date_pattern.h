// DatePattern: one compiled java.time-style pattern (letters such as yyyy,
// MM, dd, HH, SSS, XXX, quoted literals, optional [..] sections). Internal to
// DateFormat, which adds the built-in names, epoch formats and `||`
// alternatives. Immutable; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "schema/date_format.h"

namespace quiver::schema {

class DatePattern {
 public:
  // `strict`: two-letter fields need exactly two digits (java.time); when
  // false they accept one or two (ES's non-strict built-in names).
  // `internal`: enables the letter 'f' (a '.' or ',' followed by 1-9
  // fraction digits), used by the built-in names.
  // Error message: the reason only ("Unknown pattern letter: b").
  static Result<DatePattern> Compile(std::string_view pattern, bool strict, bool internal);

  // True if the whole text matched and resolved to a valid instant; else
  // sets *error_index to where parsing stopped.
  bool Parse(std::string_view text, DateInstant* out, size_t* error_index) const;

  void Format(DateInstant t, int32_t offset_seconds, bool nanos_precision, std::string* out) const;

 private:
  struct Nodes;
  explicit DatePattern(std::shared_ptr<const Nodes> nodes) : nodes_(std::move(nodes)) {}
  std::shared_ptr<const Nodes> nodes_;
};

}  // namespace quiver::schema
