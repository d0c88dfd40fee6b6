// Internal representation of a compiled DatePattern, shared by the parser
// (date_pattern.cc) and the printer (date_pattern_printer.cc).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/date_format.h"

namespace quiver::schema::date_internal {

inline constexpr int64_t kNanosPerSecond = 1000000000;
inline constexpr int64_t kMaxYear = 1000000000;  // java.time's Year.MAX_VALUE

inline bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

inline constexpr std::array<std::string_view, 12> kMonthsShort = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr std::array<std::string_view, 12> kMonthsLong = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
// ISO order: Monday = 1.
inline constexpr std::array<std::string_view, 7> kDaysShort = {"Mon", "Tue", "Wed", "Thu",
                                                               "Fri", "Sat", "Sun"};
inline constexpr std::array<std::string_view, 7> kDaysLong = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

enum class Kind : uint8_t {
  kLiteral,
  kYear,           // y, u (count 2: reduced two-digit year, base 2000)
  kWeekYear,       // Y
  kMonth,          // M, L numeric
  kMonthText,      // MMM, MMMM
  kDay,            // d
  kDayOfYear,      // D
  kHour,           // H
  kClockHour24,    // k (1-24)
  kClockHour12,    // h (1-12)
  kHour12,         // K (0-11)
  kMinute,         // m
  kSecond,         // s
  kFraction,       // S: exactly `count` digits
  kFractionVar,    // internal 'f': [.,] then 1-9 digits
  kNanoOfSecond,   // n
  kMilliOfDay,     // A
  kAmPm,           // a
  kDayOfWeekText,  // E, EEEE (and e/c with count >= 3)
  kDayOfWeek,      // e, c numeric (ISO: Monday = 1)
  kWeekOfYear,     // w
  kEra,            // G
  kIgnoredNumber,  // Q, q, W, F: parsed and ignored
  kZone,           // Z, X, x, O, z, V
  kOptional,
};

struct Node {
  Kind kind = Kind::kLiteral;
  char letter = 0;
  int count = 0;
  int min_width = 0;
  int max_width = 0;
  int reserve = 0;  // digits left for adjacent fixed-width fields
  std::string literal;
  std::vector<Node> children;
};

// Prints `nodes` for the broken-down time in `b`.
struct Broken {
  int64_t year;
  int month, day, hour, minute, second;
  int32_t nanos;
  int64_t days;
  int32_t offset;
};
void FormatNodes(const std::vector<Node>& nodes, const Broken& b, bool nanos_precision,
                 std::string* out);

}  // namespace quiver::schema::date_internal
