#include "query/dsl/date_math.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/strings.h"

namespace quiver::query::dsl {
namespace {

using schema::DateFormat;
using schema::DateInstant;

constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kSecondsPerDay = 86400;

Status DateParseError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("parse_exception");
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// A local date-time (java.time LocalDateTime) in the zone of the math.
struct LocalDateTime {
  int64_t year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int32_t nanos = 0;
};

LocalDateTime ToLocal(DateInstant t, int32_t offset_seconds) {
  int64_t s = t.seconds + offset_seconds;
  int64_t days = FloorDiv(s, kSecondsPerDay);
  int64_t sod = s - days * kSecondsPerDay;
  LocalDateTime l;
  schema::CivilFromDays(days, &l.year, &l.month, &l.day);
  l.hour = static_cast<int>(sod / 3600);
  l.minute = static_cast<int>((sod / 60) % 60);
  l.second = static_cast<int>(sod % 60);
  l.nanos = t.nanos;
  return l;
}

DateInstant FromLocal(const LocalDateTime& l, int32_t offset_seconds) {
  int64_t days = schema::DaysFromCivil(l.year, l.month, l.day);
  DateInstant t;
  t.seconds = days * kSecondsPerDay + l.hour * 3600 + l.minute * 60 + l.second - offset_seconds;
  t.nanos = l.nanos;
  return t;
}

void PlusMonths(LocalDateTime* l, int64_t months) {
  int64_t total = l->year * 12 + (l->month - 1) + months;
  l->year = FloorDiv(total, 12);
  l->month = static_cast<int>(total - l->year * 12) + 1;
  l->day = std::min(l->day, DaysInMonth(l->year, l->month));
}

DateInstant PlusSeconds(DateInstant t, int64_t seconds) {
  t.seconds += seconds;
  return t;
}

DateInstant MinusOneMilli(DateInstant t) {
  int64_t nanos = t.nanos - 1000000;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    t.seconds -= 1;
  }
  t.nanos = static_cast<int32_t>(nanos);
  return t;
}

// Applies the operations after the anchor (JavaDateMathParser.parseMath).
Result<DateInstant> ApplyMath(std::string_view math, DateInstant time, bool round_up,
                              int32_t offset) {
  const std::string whole(math);
  size_t i = 0;
  while (i < math.size()) {
    char c = math[i++];
    bool round = false;
    int64_t sign = 1;
    if (c == '/') {
      round = true;
    } else if (c == '+') {
      sign = 1;
    } else if (c == '-') {
      sign = -1;
    } else {
      return DateParseError("operator not supported for date math [" + whole + "]");
    }
    if (i >= math.size()) return DateParseError("truncated date math [" + whole + "]");
    int64_t num = 1;
    if (math[i] >= '0' && math[i] <= '9') {
      size_t from = i;
      while (i < math.size() && math[i] >= '0' && math[i] <= '9') ++i;
      if (i >= math.size()) return DateParseError("truncated date math [" + whole + "]");
      if (i - from > 9) {
        return DateParseError("failed to parse date math [" + whole + "]: number too large");
      }
      num = std::stoll(std::string(math.substr(from, i - from)));
    }
    if (round && num != 1) {
      return DateParseError("rounding `/` can only be used on single unit types [" + whole + "]");
    }
    char unit = math[i++];
    LocalDateTime l = ToLocal(time, offset);
    switch (unit) {
      case 'y':
        if (round) {
          l.month = 1, l.day = 1, l.hour = 0, l.minute = 0, l.second = 0, l.nanos = 0;
          if (round_up) l.year += 1;
        } else {
          l.year += sign * num;
          l.day = std::min(l.day, DaysInMonth(l.year, l.month));
        }
        time = FromLocal(l, offset);
        break;
      case 'M':
        if (round) {
          l.day = 1, l.hour = 0, l.minute = 0, l.second = 0, l.nanos = 0;
          if (round_up) PlusMonths(&l, 1);
        } else {
          PlusMonths(&l, sign * num);
        }
        time = FromLocal(l, offset);
        break;
      case 'w':
        if (round) {
          int64_t days = schema::DaysFromCivil(l.year, l.month, l.day);
          int64_t dow = (days + 3) - FloorDiv(days + 3, 7) * 7;  // 1970-01-01 was a Thursday
          schema::CivilFromDays(days - dow, &l.year, &l.month, &l.day);
          l.hour = 0, l.minute = 0, l.second = 0, l.nanos = 0;
          time = FromLocal(l, offset);
          if (round_up) time = PlusSeconds(time, 7 * kSecondsPerDay);
        } else {
          time = PlusSeconds(time, sign * num * 7 * kSecondsPerDay);
        }
        break;
      case 'd':
        if (round) {
          l.hour = 0, l.minute = 0, l.second = 0, l.nanos = 0;
          time = FromLocal(l, offset);
          if (round_up) time = PlusSeconds(time, kSecondsPerDay);
        } else {
          time = PlusSeconds(time, sign * num * kSecondsPerDay);
        }
        break;
      case 'h':
      case 'H':
        if (round) {
          l.minute = 0, l.second = 0, l.nanos = 0;
          time = FromLocal(l, offset);
          if (round_up) time = PlusSeconds(time, 3600);
        } else {
          time = PlusSeconds(time, sign * num * 3600);
        }
        break;
      case 'm':
        if (round) {
          l.second = 0, l.nanos = 0;
          time = FromLocal(l, offset);
          if (round_up) time = PlusSeconds(time, 60);
        } else {
          time = PlusSeconds(time, sign * num * 60);
        }
        break;
      case 's':
        if (round) {
          time.nanos = 0;
          if (round_up) time = PlusSeconds(time, 1);
        } else {
          time = PlusSeconds(time, sign * num);
        }
        break;
      default:
        return DateParseError("unit [" + std::string(1, unit) + "] not supported for date math [" +
                              whole + "]");
    }
    if (round && round_up) time = MinusOneMilli(time);
  }
  return time;
}

// Which parts a date text gave, for the time zone and round-up rules.
// DateFormat does not report which fields it parsed, so this reads the
// matched alternative's pattern (or built-in name) and the text's shape.
struct DateShape {
  bool has_zone = false;
  bool has_hour = false;
  bool has_minute = false;
  bool has_second = false;
  bool has_fraction = false;
  bool epoch_second = false;
  bool epoch_millis = false;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ISO 8601 text of the *_optional_time formats: date ['T' time [zone]].
DateShape IsoOptionalTimeShape(std::string_view text) {
  DateShape s;
  size_t t = text.find('T');
  if (t == std::string_view::npos) t = text.find('t');
  if (t == std::string_view::npos) return s;
  std::string_view time = text.substr(t + 1);
  size_t zone = time.find_first_of("Zz+-");
  if (zone != std::string_view::npos) {
    s.has_zone = true;
    time = time.substr(0, zone);
  }
  int groups = 0;
  bool in_digits = false;
  bool fraction = false;
  for (size_t i = 0; i < time.size(); ++i) {
    if (IsDigit(time[i])) {
      if (!in_digits) ++groups;
      in_digits = true;
    } else {
      if ((time[i] == '.' || time[i] == ',') && groups >= 3) fraction = true;
      in_digits = false;
    }
  }
  if (fraction) --groups;  // the fraction digits formed their own group
  s.has_hour = groups >= 1;
  s.has_minute = groups >= 2;
  s.has_second = groups >= 3;
  s.has_fraction = fraction;
  // ISO basic forms without separators ("T1030") still count as hour+minute.
  if (groups == 1) {
    size_t digits = 0;
    for (char c : time) digits += IsDigit(c) ? 1 : 0;
    s.has_minute = digits >= 4;
    s.has_second = digits >= 6;
  }
  return s;
}

DateShape NamedFormatShape(std::string_view name, std::string_view text) {
  if (name.substr(0, 7) == "strict_") name.remove_prefix(7);
  DateShape s;
  if (name == "epoch_millis") {
    s.epoch_millis = true;
    s.has_zone = s.has_hour = s.has_minute = s.has_second = s.has_fraction = true;
    return s;
  }
  if (name == "epoch_second") {
    s.epoch_second = true;
    s.has_zone = s.has_hour = s.has_minute = s.has_second = true;
    return s;
  }
  if (name.find("optional_time") != std::string_view::npos || name == "iso8601") {
    return IsoOptionalTimeShape(text);
  }
  auto has = [&](std::string_view part) { return name.find(part) != std::string_view::npos; };
  if (has("date_time") || has("t_time") || name == "time" || name == "time_no_millis" ||
      name == "basic_time" || name == "basic_time_no_millis") {
    s.has_zone = s.has_hour = s.has_minute = s.has_second = true;
    s.has_fraction = !has("no_millis");
    return s;
  }
  if (has("hour")) {
    s.has_hour = true;
    s.has_minute = has("minute");
    s.has_second = has("second");
    s.has_fraction = has("fraction") || has("millis");
  }
  return s;
}

// A java.time pattern: letters outside optional sections are always
// present; optional numeric fields are counted present in pattern order for
// as many digit groups as the text has beyond the mandatory ones.
DateShape PatternShape(std::string_view pattern, std::string_view text) {
  enum class Kind { kOther, kHour, kMinute, kSecond, kFraction, kZone };
  struct Field {
    Kind kind;
    bool numeric;
    bool optional;
  };
  std::vector<Field> fields;
  int depth = 0;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t end = pattern.find('\'', i + 1);
      i = end == std::string_view::npos ? pattern.size() : end + 1;
      continue;
    }
    if (c == '[') {
      ++depth, ++i;
      continue;
    }
    if (c == ']') {
      depth = depth > 0 ? depth - 1 : 0;
      ++i;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      ++i;
      continue;
    }
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == c) ++run;
    Kind kind = Kind::kOther;
    bool numeric = true;
    switch (c) {
      case 'H':
      case 'h':
      case 'k':
      case 'K':
        kind = Kind::kHour;
        break;
      case 'm':
        kind = Kind::kMinute;
        break;
      case 's':
        kind = Kind::kSecond;
        break;
      case 'S':
      case 'n':
      case 'N':
        kind = Kind::kFraction;
        break;
      case 'X':
      case 'x':
      case 'Z':
      case 'z':
      case 'O':
      case 'V':
        kind = Kind::kZone;
        numeric = false;
        break;
      case 'M':
      case 'L':
        numeric = run <= 2;
        break;
      case 'E':
      case 'e':
      case 'c':
      case 'a':
      case 'G':
        numeric = c == 'e' || c == 'c' ? run <= 2 : false;
        break;
      default:
        break;
    }
    fields.push_back({kind, numeric, depth > 0});
    i += run;
  }
  int groups = 0;
  bool in_digits = false;
  for (char c : text) {
    if (IsDigit(c)) {
      if (!in_digits) ++groups;
      in_digits = true;
    } else {
      in_digits = false;
    }
  }
  int mandatory_numeric = 0;
  for (const Field& f : fields)
    mandatory_numeric += f.numeric && !f.optional && f.kind != Kind::kZone;
  int optional_budget = groups - mandatory_numeric;
  DateShape s;
  bool text_has_zone = !text.empty() && (text.back() == 'Z' || text.back() == 'z' ||
                                         text.find('+') != std::string_view::npos);
  for (const Field& f : fields) {
    bool present = !f.optional;
    if (f.optional) {
      if (f.kind == Kind::kZone) {
        present = text_has_zone;
      } else if (f.numeric && optional_budget > 0) {
        present = true;
        --optional_budget;
      }
    }
    if (!present) continue;
    switch (f.kind) {
      case Kind::kHour:
        s.has_hour = true;
        break;
      case Kind::kMinute:
        s.has_minute = true;
        break;
      case Kind::kSecond:
        s.has_second = true;
        break;
      case Kind::kFraction:
        s.has_fraction = true;
        break;
      case Kind::kZone:
        s.has_zone = true;
        break;
      default:
        break;
    }
  }
  return s;
}

bool IsNamedFormat(std::string_view spec) {
  for (char c : spec) {
    if (!((c >= 'a' && c <= 'z') || c == '_' || IsDigit(c))) return false;
  }
  // Patterns made only of lowercase letters (e.g. "yyyy") are not names.
  return spec.find('_') != std::string_view::npos || spec == "date" || spec == "time" ||
         spec == "hour" || spec == "year" || spec == "weekyear" || spec == "iso8601";
}

// The alternatives of a format, compiled once per spec.
std::vector<std::pair<std::string, DateFormat>> Alternatives(const DateFormat& format) {
  static std::mutex mu;
  static std::map<std::string, std::vector<std::pair<std::string, DateFormat>>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(format.spec());
  if (it != cache.end()) return it->second;
  std::vector<std::pair<std::string, DateFormat>> alts;
  std::string_view rest = format.spec();
  while (true) {
    size_t sep = rest.find("||");
    std::string part(TrimWhitespace(rest.substr(0, sep)));
    auto f = DateFormat::Parse(part);
    if (f.ok()) alts.emplace_back(part, *f);
    if (sep == std::string_view::npos) break;
    rest.remove_prefix(sep + 2);
  }
  if (cache.size() > 256) cache.clear();
  cache.emplace(format.spec(), alts);
  return alts;
}

Result<DateInstant> ParseDateText(std::string_view text, const DateFormat& format, bool round_up,
                                  int32_t offset) {
  if (TrimWhitespace(text).empty()) return DateParseError("cannot parse empty date");
  auto parsed = format.ParseInstant(text);
  if (!parsed.ok()) {
    std::string reason = parsed.status().caused_by() != nullptr
                             ? parsed.status().caused_by()->message()
                             : parsed.status().message();
    return DateParseError("failed to parse date field [" + std::string(text) + "] with format [" +
                          format.spec() + "]: [" + reason + "]");
  }
  DateInstant t = *parsed;
  if (!round_up && offset == 0) return t;
  DateShape shape;
  for (const auto& [spec, alt] : Alternatives(format)) {
    if (!alt.ParseInstant(text).ok()) continue;
    shape = IsNamedFormat(spec) ? NamedFormatShape(spec, text) : PatternShape(spec, text);
    break;
  }
  if (!shape.has_zone) t.seconds -= offset;
  if (round_up) {
    if (shape.epoch_second) {
      t.nanos = 999999999;
    } else if (shape.epoch_millis) {
      if (t.nanos % 1000000 == 0) t.nanos += 999999;  // the rest of the millisecond
    } else {
      int32_t local_offset = shape.has_zone ? 0 : offset;
      LocalDateTime l = ToLocal(t, local_offset);
      if (!shape.has_hour) l.hour = 23;
      if (!shape.has_hour || !shape.has_minute) l.minute = 59;
      if (!shape.has_hour || !shape.has_minute || !shape.has_second) l.second = 59;
      if (!shape.has_hour || !shape.has_minute || !shape.has_second || !shape.has_fraction) {
        l.nanos = 999999999;
      }
      t = FromLocal(l, local_offset);
    }
  }
  return t;
}

}  // namespace

Result<DateInstant> EvaluateDateMathInstant(std::string_view expr, int64_t now_ms, bool round_up,
                                            const DateFormat& format, int32_t tz_offset_seconds) {
  DateInstant time;
  std::string_view math;
  if (expr.substr(0, 3) == "now") {
    time.seconds = FloorDiv(now_ms, 1000);
    time.nanos = static_cast<int32_t>((now_ms - time.seconds * 1000) * 1000000);
    math = expr.substr(3);
  } else {
    size_t sep = expr.find("||");
    if (sep == std::string_view::npos) {
      return ParseDateText(expr, format, round_up, tz_offset_seconds);
    }
    QUIVER_ASSIGN_OR_RETURN(time,
                            ParseDateText(expr.substr(0, sep), format, false, tz_offset_seconds));
    math = expr.substr(sep + 2);
  }
  return ApplyMath(math, time, round_up, tz_offset_seconds);
}

Result<int64_t> EvaluateDateMath(std::string_view expr, int64_t now_ms, bool round_up,
                                 const DateFormat& format, int32_t tz_offset_seconds) {
  QUIVER_ASSIGN_OR_RETURN(
      DateInstant t, EvaluateDateMathInstant(expr, now_ms, round_up, format, tz_offset_seconds));
  return t.seconds * 1000 + t.nanos / 1000000;
}

Result<int32_t> ParseTimeZoneOffset(std::string_view tz) {
  std::string_view s = tz;
  auto bad = [&]() -> Status {
    return Status::InvalidArgument("Unknown time-zone ID: " + std::string(tz) +
                                   " (only UTC and fixed offsets are supported)")
        .WithType("illegal_argument_exception");
  };
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (s.substr(0, prefix.size()) == prefix) {
      s.remove_prefix(prefix.size());
      if (s.empty()) return 0;
      break;
    }
  }
  if (s == "Z" || s == "z") return 0;
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return bad();
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int parts[3] = {0, 0, 0};
  int part = 0;
  size_t digits_in_part = 0;
  std::string compact;
  for (char c : s) {
    if (IsDigit(c)) {
      compact.push_back(c);
      parts[part] = parts[part] * 10 + (c - '0');
      if (++digits_in_part > 2) {
        // "+0530" style: no separators
        if (part == 0 && s.find(':') == std::string_view::npos) continue;
        return bad();
      }
    } else if (c == ':' && part < 2 && digits_in_part > 0) {
      ++part;
      digits_in_part = 0;
    } else {
      return bad();
    }
  }
  if (compact.empty()) return bad();
  if (s.find(':') == std::string_view::npos && compact.size() > 2) {
    if (compact.size() != 4 && compact.size() != 6) return bad();
    parts[0] = std::stoi(compact.substr(0, 2));
    parts[1] = std::stoi(compact.substr(2, 2));
    parts[2] = compact.size() == 6 ? std::stoi(compact.substr(4, 2)) : 0;
  }
  if (parts[0] > 18 || parts[1] > 59 || parts[2] > 59) return bad();
  int32_t seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
  if (seconds > 18 * 3600) return bad();
  return sign * seconds;
}

}  // namespace quiver::query::dsl
