// DateFormat: Elasticsearch date formats — the built-in names
// (`strict_date_optional_time`, `epoch_millis`, `basic_date`, ...), Java
// DateTimeFormatter patterns (`yyyy-MM-dd HH:mm:ss`, `dd/MMM/yyyy:HH:mm:ss Z`,
// quoted literals, optional `[...]` sections) and `||` alternatives, tried in
// order. Used by date fields at index time and by the query layer for range
// queries, aggregations and formatting.
//
// Semantics follow ES 8 (java.time with ResolverStyle.STRICT): all text must
// be consumed; missing fields default (month/day 1, time 00:00); values
// without an offset are UTC; `strict_` names need fixed widths (yyyy, MM, dd),
// the lenient names accept 1-2 digit fields. Month/day names are English
// (Locale.ROOT). Named zone ids other than UTC/GMT/Z are not resolved (there
// is no tz database here); fixed offsets are.
//
// Immutable after Parse; cheap to copy (shared state); thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::schema {

// A point in time with nanosecond precision.
struct DateInstant {
  int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  int32_t nanos = 0;    // 0..999999999
};

class DateFormat {
 public:
  // Compiles a format spec. Errors: illegal_argument_exception
  // "Invalid format: [spec]: <reason>".
  static Result<DateFormat> Parse(std::string_view spec);

  // "strict_date_optional_time||epoch_millis" (date fields).
  static const DateFormat& Default();
  // "strict_date_optional_time_nanos||epoch_millis" (date_nanos fields).
  static const DateFormat& DefaultNanos();

  DateFormat();  // same as Default()

  // The spec as given.
  const std::string& spec() const;

  // Parses with each alternative in turn. Error: illegal_argument_exception
  // "failed to parse date field [text] with format [spec]", caused by a
  // date_time_parse_exception naming the position.
  Result<DateInstant> ParseInstant(std::string_view text) const;
  // Milliseconds since the epoch (floored).
  Result<int64_t> ParseMillis(std::string_view text) const;
  // Nanoseconds since the epoch, for date_nanos: 1970-01-01 ..
  // 2262-04-11T23:47:16.854775807Z, as ES requires.
  Result<int64_t> ParseNanos(std::string_view text) const;

  // Prints with the first alternative, in UTC shifted by `offset_seconds`.
  std::string Format(int64_t millis, int32_t offset_seconds = 0) const;
  std::string FormatNanos(int64_t nanos, int32_t offset_seconds = 0) const;
  std::string FormatInstant(DateInstant instant, int32_t offset_seconds = 0) const;

  struct Impl;

 private:
  explicit DateFormat(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// Proleptic Gregorian calendar helpers (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms"), exposed for tests and the query layer.
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

}  // namespace quiver::schema
