#include "query/agg/date_rounding.h"

#include <cctype>

#include "schema/date_format.h"

namespace quiver::query::agg {
namespace {

constexpr int64_t kMinute = 60000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

Result<DateRounding> DateRounding::Calendar(std::string_view s) {
  DateRounding r;
  if (s == "minute" || s == "1m") {
    r.unit_ = Unit::kMinute;
  } else if (s == "hour" || s == "1h") {
    r.unit_ = Unit::kHour;
  } else if (s == "day" || s == "1d") {
    r.unit_ = Unit::kDay;
  } else if (s == "week" || s == "1w") {
    r.unit_ = Unit::kWeek;
  } else if (s == "month" || s == "1M") {
    r.unit_ = Unit::kMonth;
  } else if (s == "quarter" || s == "1q") {
    r.unit_ = Unit::kQuarter;
  } else if (s == "year" || s == "1y") {
    r.unit_ = Unit::kYear;
  } else {
    return Status::InvalidArgument("The supplied interval [" + std::string(s) +
                                   "] could not be parsed as a calendar interval.");
  }
  return r;
}

Result<DateRounding> DateRounding::Fixed(std::string_view s) {
  DateRounding r;
  QUIVER_ASSIGN_OR_RETURN(r.fixed_ms_, ParseTimeValueMillis(s, "date_histogram.fixedInterval"));
  if (r.fixed_ms_ <= 0) {
    return Status::InvalidArgument("Zero or negative time interval not supported");
  }
  return r;
}

Result<int64_t> ParseTimeValueMillis(std::string_view s, std::string_view setting) {
  std::string_view t = s;
  int sign = 1;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    sign = t[0] == '-' ? -1 : 1;
    t.remove_prefix(1);
  }
  size_t i = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  std::string_view unit = t.substr(i);
  auto bad = [&]() {
    return Status::ParseError("failed to parse setting [" + std::string(setting) +
                              "] with value [" + std::string(s) +
                              "] as a time value: unit is missing or unrecognized")
        .WithType("illegal_argument_exception");
  };
  if (i == 0) return bad();
  int64_t n = std::stoll(std::string(t.substr(0, i)));
  int64_t mult;
  if (unit == "ms") {
    mult = 1;
  } else if (unit == "s") {
    mult = 1000;
  } else if (unit == "m") {
    mult = kMinute;
  } else if (unit == "h") {
    mult = kHour;
  } else if (unit == "d") {
    mult = kDay;
  } else {
    return bad();
  }
  return sign * n * mult;
}

Result<int64_t> ParseZoneOffsetMillis(std::string_view s) {
  std::string_view t = s;
  if (t == "UTC" || t == "Z" || t == "GMT" || t == "UT" || t == "Etc/UTC" || t == "Etc/GMT") {
    return 0;
  }
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (t.substr(0, prefix.size()) == prefix && t.size() > prefix.size() &&
        (t[prefix.size()] == '+' || t[prefix.size()] == '-')) {
      t.remove_prefix(prefix.size());
      break;
    }
  }
  if (t.empty() || (t[0] != '+' && t[0] != '-')) {
    return Status::InvalidArgument("Unknown time-zone ID: " + std::string(s));
  }
  int sign = t[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : t.substr(1)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != ':') {
      return Status::InvalidArgument("Invalid ID for ZoneOffset, invalid format: " +
                                     std::string(s));
    }
  }
  int64_t h = 0, m = 0;
  if (digits.size() <= 2 && !digits.empty()) {
    h = std::stoll(digits);
  } else if (digits.size() == 4) {
    h = std::stoll(digits.substr(0, 2));
    m = std::stoll(digits.substr(2));
  } else {
    return Status::InvalidArgument("Invalid ID for ZoneOffset, invalid format: " + std::string(s));
  }
  if (h > 18 || m > 59) {
    return Status::InvalidArgument("Zone offset hours not in valid range: value " +
                                   std::to_string(h) + " is not in the range -18 to 18");
  }
  return sign * (h * kHour + m * kMinute);
}

int64_t DateRounding::RoundLocal(int64_t t) const {
  switch (unit_) {
    case Unit::kFixed:
      return FloorDiv(t, fixed_ms_) * fixed_ms_;
    case Unit::kMinute:
      return FloorDiv(t, kMinute) * kMinute;
    case Unit::kHour:
      return FloorDiv(t, kHour) * kHour;
    case Unit::kDay:
      return FloorDiv(t, kDay) * kDay;
    case Unit::kWeek: {
      int64_t days = FloorDiv(t, kDay);
      // 1970-01-01 was a Thursday; ISO weeks start on Monday.
      int64_t weekday = ((days + 3) % 7 + 7) % 7;
      return (days - weekday) * kDay;
    }
    case Unit::kMonth:
    case Unit::kQuarter:
    case Unit::kYear: {
      int64_t y;
      int m, d;
      schema::CivilFromDays(FloorDiv(t, kDay), &y, &m, &d);
      if (unit_ == Unit::kQuarter) m = (m - 1) / 3 * 3 + 1;
      if (unit_ == Unit::kYear) m = 1;
      return schema::DaysFromCivil(y, m, 1) * kDay;
    }
  }
  return t;
}

// ES applies `offset` to the instant around the zoned rounding.
int64_t DateRounding::Round(int64_t utc_ms) const {
  return ToUtc(RoundLocal(ToLocal(utc_ms - offset_ms_))) + offset_ms_;
}

int64_t DateRounding::Next(int64_t key) const {
  int64_t local = ToLocal(key - offset_ms_);
  int64_t next;
  switch (unit_) {
    case Unit::kFixed:
      next = local + fixed_ms_;
      break;
    case Unit::kMinute:
      next = local + kMinute;
      break;
    case Unit::kHour:
      next = local + kHour;
      break;
    case Unit::kDay:
      next = local + kDay;
      break;
    case Unit::kWeek:
      next = local + 7 * kDay;
      break;
    default: {
      int64_t y;
      int m, d;
      schema::CivilFromDays(FloorDiv(local, kDay), &y, &m, &d);
      int add = unit_ == Unit::kMonth ? 1 : (unit_ == Unit::kQuarter ? 3 : 12);
      int64_t months = y * 12 + (m - 1) + add;
      next =
          schema::DaysFromCivil(FloorDiv(months, 12), static_cast<int>(months % 12 + 1), 1) * kDay;
      break;
    }
  }
  int64_t next_key = ToUtc(RoundLocal(next)) + offset_ms_;
  // A DST change can map the next wall-clock bucket onto this one.
  return next_key > key ? next_key : key + (unit_ == Unit::kFixed ? fixed_ms_ : kHour);
}

}  // namespace quiver::query::agg
