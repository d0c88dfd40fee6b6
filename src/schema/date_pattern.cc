#include "schema/date_pattern.h"

#include <optional>
#include <vector>

#include "common/strings.h"
#include "schema/date_pattern_nodes.h"

namespace quiver::schema {

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = y + (*month <= 2 ? 1 : 0);
}

namespace date_internal {
namespace {

bool IsNumeric(const Node& n) {
  switch (n.kind) {
    case Kind::kYear:
    case Kind::kWeekYear:
    case Kind::kMonth:
    case Kind::kDay:
    case Kind::kDayOfYear:
    case Kind::kHour:
    case Kind::kClockHour24:
    case Kind::kClockHour12:
    case Kind::kHour12:
    case Kind::kMinute:
    case Kind::kSecond:
    case Kind::kFraction:
    case Kind::kNanoOfSecond:
    case Kind::kMilliOfDay:
    case Kind::kDayOfWeek:
    case Kind::kWeekOfYear:
    case Kind::kIgnoredNumber:
      return true;
    default:
      return false;
  }
}

// Java's adjacent value parsing: a variable-width field followed directly by
// fixed-width numeric fields leaves room for them.
void ComputeReserves(std::vector<Node>* nodes) {
  for (size_t i = 0; i < nodes->size(); ++i) {
    Node& n = (*nodes)[i];
    if (n.kind == Kind::kOptional) {
      ComputeReserves(&n.children);
      continue;
    }
    if (!IsNumeric(n) || n.min_width == n.max_width) continue;
    int reserve = 0;
    for (size_t j = i + 1; j < nodes->size(); ++j) {
      const Node& next = (*nodes)[j];
      if (!IsNumeric(next) || next.min_width != next.max_width) break;
      reserve += next.min_width;
    }
    n.reserve = reserve;
  }
}

struct Compiler {
  std::string_view pattern;
  bool strict = true;
  bool internal = false;  // allows the internal 'f' fraction letter
  size_t pos = 0;
  std::string error = {};

  bool Fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
    return false;
  }

  bool SetNumeric(Node* n, int count, int max_count) {
    if (count > max_count) {
      return Fail("Too many pattern letters: " + std::string(1, n->letter));
    }
    if (count == 1) {
      n->min_width = 1;
      n->max_width = 19;
    } else {
      n->min_width = strict ? count : 1;
      n->max_width = count;
    }
    return true;
  }

  bool Letter(char c, int count, Node* n) {
    n->letter = c;
    n->count = count;
    switch (c) {
      case 'y':
      case 'u':
        n->kind = Kind::kYear;
        if (count == 2) {
          n->min_width = strict ? 2 : 1;
          n->max_width = 2;
        } else {
          n->min_width = strict ? count : 1;
          n->max_width = strict ? 19 : 9;
        }
        return true;
      case 'Y':
        n->kind = Kind::kWeekYear;
        n->min_width = strict ? count : 1;
        n->max_width = count == 2 ? 2 : 19;
        return true;
      case 'M':
      case 'L':
        if (count >= 3) {
          n->kind = Kind::kMonthText;
          return count <= 4 || Fail("Too many pattern letters: " + std::string(1, c));
        }
        n->kind = Kind::kMonth;
        return SetNumeric(n, count, 2);
      case 'd':
        n->kind = Kind::kDay;
        return SetNumeric(n, count, 2);
      case 'D':
        n->kind = Kind::kDayOfYear;
        if (count > 3) return Fail("Too many pattern letters: D");
        n->min_width = count == 1 ? 1 : (strict ? count : 1);
        n->max_width = count == 1 ? 19 : 3;
        return true;
      case 'H':
        n->kind = Kind::kHour;
        return SetNumeric(n, count, 2);
      case 'k':
        n->kind = Kind::kClockHour24;
        return SetNumeric(n, count, 2);
      case 'h':
        n->kind = Kind::kClockHour12;
        return SetNumeric(n, count, 2);
      case 'K':
        n->kind = Kind::kHour12;
        return SetNumeric(n, count, 2);
      case 'm':
        n->kind = Kind::kMinute;
        return SetNumeric(n, count, 2);
      case 's':
        n->kind = Kind::kSecond;
        return SetNumeric(n, count, 2);
      case 'S':
        n->kind = Kind::kFraction;
        if (count > 9) return Fail("Too many pattern letters: S");
        n->min_width = n->max_width = count;
        return true;
      case 'n':
        n->kind = Kind::kNanoOfSecond;
        n->min_width = count;
        n->max_width = 19;
        return true;
      case 'N':
      case 'A':
        n->kind = Kind::kMilliOfDay;
        n->min_width = count;
        n->max_width = 19;
        return true;
      case 'a':
        n->kind = Kind::kAmPm;
        return true;
      case 'E':
        n->kind = Kind::kDayOfWeekText;
        return true;
      case 'e':
      case 'c':
        if (count >= 3) {
          n->kind = Kind::kDayOfWeekText;
          return true;
        }
        n->kind = Kind::kDayOfWeek;
        n->min_width = n->max_width = 1;
        return true;
      case 'w':
        n->kind = Kind::kWeekOfYear;
        return SetNumeric(n, count, 2);
      case 'G':
        n->kind = Kind::kEra;
        return true;
      case 'Q':
      case 'q':
      case 'W':
      case 'F':
        n->kind = Kind::kIgnoredNumber;
        n->min_width = 1;
        n->max_width = count <= 2 ? 2 : 19;
        return true;
      case 'Z':
      case 'X':
      case 'x':
      case 'O':
      case 'z':
      case 'V':
        n->kind = Kind::kZone;
        return true;
      case 'f':
        if (!internal) break;
        n->kind = Kind::kFractionVar;
        return true;
      default:
        break;
    }
    return Fail("Unknown pattern letter: " + std::string(1, c));
  }

  bool Sequence(std::vector<Node>* out, bool nested) {
    while (pos < pattern.size()) {
      char c = pattern[pos];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        size_t start = pos;
        while (pos < pattern.size() && pattern[pos] == c) ++pos;
        Node n;
        if (!Letter(c, static_cast<int>(pos - start), &n)) return false;
        out->push_back(std::move(n));
      } else if (c == '\'') {
        ++pos;
        std::string lit;
        while (true) {
          if (pos >= pattern.size()) return Fail("Pattern ends with an incomplete string literal");
          if (pattern[pos] == '\'') {
            if (pos + 1 < pattern.size() && pattern[pos + 1] == '\'') {
              lit.push_back('\'');
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          lit.push_back(pattern[pos++]);
        }
        if (lit.empty()) lit = "'";
        Node n;
        n.kind = Kind::kLiteral;
        n.literal = std::move(lit);
        out->push_back(std::move(n));
      } else if (c == '[') {
        ++pos;
        Node n;
        n.kind = Kind::kOptional;
        if (!Sequence(&n.children, true)) return false;
        out->push_back(std::move(n));
      } else if (c == ']') {
        if (!nested) return Fail("Pattern invalid as it contains ] without previous [");
        ++pos;
        return true;
      } else if (c == '{' || c == '}' || c == '#') {
        return Fail("Pattern includes reserved character: '" + std::string(1, c) + "'");
      } else {
        Node n;
        n.kind = Kind::kLiteral;
        n.literal.assign(1, c);
        ++pos;
        out->push_back(std::move(n));
      }
    }
    return true;  // an unclosed '[' is closed by the end of the pattern, as in Java
  }
};

// Parsed field values before resolution.
struct Fields {
  std::optional<int64_t> year;
  std::optional<int64_t> week_year;
  bool reduced_year = false;
  bool bc = false;
  std::optional<int64_t> month, day, day_of_year, week, day_of_week;
  std::optional<int64_t> hour, clock_hour_24, clock_hour_12, hour_12, minute, second;
  std::optional<int64_t> milli_of_day;
  int64_t nanos = 0;
  std::optional<int> am_pm;  // 0 AM, 1 PM
  std::optional<int32_t> offset_seconds;
};

struct Parser {
  std::string_view text;
  size_t pos = 0;
  size_t error_pos = 0;
  Fields f = {};

  bool Fail() {
    if (pos > error_pos) error_pos = pos;
    return false;
  }

  size_t DigitsAt(size_t at) const {
    size_t n = 0;
    while (at + n < text.size() && text[at + n] >= '0' && text[at + n] <= '9') ++n;
    return n;
  }

  bool Number(const Node& n, int64_t* out, bool allow_sign) {
    bool negative = false;
    if (allow_sign && pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
      negative = text[pos] == '-';
      ++pos;
    }
    size_t avail = DigitsAt(pos);
    size_t take = std::min<size_t>(avail, static_cast<size_t>(n.max_width));
    if (n.reserve > 0 && avail >= static_cast<size_t>(n.reserve)) {
      take = std::min(take, avail - static_cast<size_t>(n.reserve));
    }
    if (take < static_cast<size_t>(n.min_width) || take == 0 || take > 18) return Fail();
    int64_t v = 0;
    for (size_t i = 0; i < take; ++i) v = v * 10 + (text[pos + i] - '0');
    pos += take;
    *out = negative ? -v : v;
    return true;
  }

  template <size_t N>
  bool Text(const std::array<std::string_view, N>& names, int64_t* index) {
    for (size_t i = 0; i < N; ++i) {
      std::string_view name = names[i];
      if (text.size() - pos >= name.size() &&
          EqualsIgnoreCase(text.substr(pos, name.size()), name)) {
        pos += name.size();
        *index = static_cast<int64_t>(i);
        return true;
      }
    }
    return Fail();
  }

  bool Fraction(int min_digits, int max_digits) {
    size_t avail = DigitsAt(pos);
    size_t take = std::min<size_t>(avail, static_cast<size_t>(max_digits));
    if (take < static_cast<size_t>(min_digits)) return Fail();
    int64_t v = 0;
    for (size_t i = 0; i < 9; ++i) v = v * 10 + (i < take ? text[pos + i] - '0' : 0);
    f.nanos = v;
    pos += take;
    return true;
  }

  // Z, +HH, +HHmm, +HH:mm, +HH:mm:ss, UTC, GMT, UT (optionally followed by
  // an offset).
  bool Zone() {
    std::string_view rest = text.substr(pos);
    if (!rest.empty() && (rest[0] == 'Z' || rest[0] == 'z')) {
      ++pos;
      f.offset_seconds = 0;
      return true;
    }
    for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
      if (rest.size() >= prefix.size() && rest.substr(0, prefix.size()) == prefix) {
        pos += prefix.size();
        f.offset_seconds = 0;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) return Offset();
        return true;
      }
    }
    return Offset();
  }

  bool Offset() {
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return Fail();
    int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    auto two = [&](int* out) {
      if (DigitsAt(pos) < 2) return false;
      *out = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
      pos += 2;
      return true;
    };
    int hh = 0, mm = 0, ss = 0;
    size_t digits = DigitsAt(pos);
    if (digits == 1) {
      hh = text[pos] - '0';
      ++pos;
    } else if (!two(&hh)) {
      return Fail();
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!two(&mm)) return Fail();
      if (pos < text.size() && text[pos] == ':') {
        ++pos;
        if (!two(&ss)) return Fail();
      }
    } else if (DigitsAt(pos) >= 2) {
      two(&mm);
      if (DigitsAt(pos) >= 2) two(&ss);
    }
    if (hh > 18 || mm > 59 || ss > 59) return Fail();
    f.offset_seconds = sign * (hh * 3600 + mm * 60 + ss);
    return true;
  }

  bool Node1(const Node& n) {
    int64_t v = 0;
    switch (n.kind) {
      case Kind::kLiteral:
        if (text.size() - pos < n.literal.size() ||
            text.substr(pos, n.literal.size()) != n.literal) {
          return Fail();
        }
        pos += n.literal.size();
        return true;
      case Kind::kYear:
        if (!Number(n, &v, n.count != 2)) return false;
        f.year = v;
        f.reduced_year = n.count == 2;
        return true;
      case Kind::kWeekYear:
        if (!Number(n, &v, n.count != 2)) return false;
        f.week_year = n.count == 2 ? 2000 + v : v;
        return true;
      case Kind::kMonth:
        if (!Number(n, &v, false)) return false;
        f.month = v;
        return true;
      case Kind::kMonthText:
        if (!(n.count == 3 ? Text(kMonthsShort, &v) : Text(kMonthsLong, &v))) return false;
        f.month = v + 1;
        return true;
      case Kind::kDay:
        if (!Number(n, &v, false)) return false;
        f.day = v;
        return true;
      case Kind::kDayOfYear:
        if (!Number(n, &v, false)) return false;
        f.day_of_year = v;
        return true;
      case Kind::kHour:
        if (!Number(n, &v, false)) return false;
        f.hour = v;
        return true;
      case Kind::kClockHour24:
        if (!Number(n, &v, false)) return false;
        f.clock_hour_24 = v;
        return true;
      case Kind::kClockHour12:
        if (!Number(n, &v, false)) return false;
        f.clock_hour_12 = v;
        return true;
      case Kind::kHour12:
        if (!Number(n, &v, false)) return false;
        f.hour_12 = v;
        return true;
      case Kind::kMinute:
        if (!Number(n, &v, false)) return false;
        f.minute = v;
        return true;
      case Kind::kSecond:
        if (!Number(n, &v, false)) return false;
        f.second = v;
        return true;
      case Kind::kFraction:
        return Fraction(n.count, n.count);
      case Kind::kFractionVar:
        if (pos >= text.size() || (text[pos] != '.' && text[pos] != ',')) return Fail();
        ++pos;
        return Fraction(1, 9);
      case Kind::kNanoOfSecond:
        if (!Number(n, &v, false)) return false;
        if (v >= kNanosPerSecond) return Fail();
        f.nanos = v;
        return true;
      case Kind::kMilliOfDay:
        if (!Number(n, &v, false)) return false;
        f.milli_of_day = v;
        return true;
      case Kind::kAmPm: {
        static constexpr std::array<std::string_view, 2> kAmPm = {"AM", "PM"};
        if (!Text(kAmPm, &v)) return false;
        f.am_pm = static_cast<int>(v);
        return true;
      }
      case Kind::kDayOfWeekText:
        if (Text(kDaysLong, &v) || Text(kDaysShort, &v)) {
          f.day_of_week = v + 1;
          return true;
        }
        return false;
      case Kind::kDayOfWeek:
        if (!Number(n, &v, false)) return false;
        f.day_of_week = v;
        return true;
      case Kind::kWeekOfYear:
        if (!Number(n, &v, false)) return false;
        f.week = v;
        return true;
      case Kind::kEra: {
        static constexpr std::array<std::string_view, 2> kEras = {"BC", "AD"};
        if (!Text(kEras, &v)) return false;
        f.bc = v == 0;
        return true;
      }
      case Kind::kIgnoredNumber:
        return Number(n, &v, false);
      case Kind::kZone:
        return Zone();
      case Kind::kOptional: {
        size_t saved_pos = pos;
        Fields saved = f;
        if (!Sequence(n.children)) {
          pos = saved_pos;
          f = saved;
        }
        return true;
      }
    }
    return Fail();
  }

  bool Sequence(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      if (!Node1(n)) return false;
    }
    return true;
  }
};

// Resolves parsed fields (STRICT resolver semantics) into an instant.
bool Resolve(const Fields& f, DateInstant* out) {
  int64_t year = 1970;
  int month = 1, day = 1;
  if (f.year) {
    year = *f.year;
    if (f.reduced_year) year += 2000;
    if (f.bc) year = 1 - year;
  }
  if (year > kMaxYear || year < -kMaxYear) return false;
  int64_t days = 0;
  if (f.week_year && !f.year) {
    // ISO week date: Monday of week 1 is the Monday on or before January 4.
    int64_t jan4 = DaysFromCivil(*f.week_year, 1, 4);
    int64_t jan4_dow = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday
    int64_t week = f.week.value_or(1);
    int64_t dow = f.day_of_week.value_or(1);
    if (week < 1 || week > 53 || dow < 1 || dow > 7) return false;
    days = jan4 - jan4_dow + (week - 1) * 7 + (dow - 1);
  } else if (f.day_of_year) {
    int64_t doy = *f.day_of_year;
    if (doy < 1 || doy > (IsLeap(year) ? 366 : 365)) return false;
    days = DaysFromCivil(year, 1, 1) + doy - 1;
  } else {
    if (f.month) {
      if (*f.month < 1 || *f.month > 12) return false;
      month = static_cast<int>(*f.month);
    }
    if (f.day) {
      if (*f.day < 1 || *f.day > DaysInMonth(year, month)) return false;
      day = static_cast<int>(*f.day);
    }
    days = DaysFromCivil(year, month, day);
  }

  int64_t hour = 0, minute = 0, second = 0;
  int64_t nanos = f.nanos;
  if (f.milli_of_day) {
    if (*f.milli_of_day < 0 || *f.milli_of_day >= 86400000) return false;
    hour = *f.milli_of_day / 3600000;
    minute = *f.milli_of_day / 60000 % 60;
    second = *f.milli_of_day / 1000 % 60;
    nanos = *f.milli_of_day % 1000 * 1000000;
  }
  if (f.hour) {
    if (*f.hour < 0 || *f.hour > 23) return false;
    hour = *f.hour;
  } else if (f.clock_hour_24) {
    if (*f.clock_hour_24 < 1 || *f.clock_hour_24 > 24) return false;
    hour = *f.clock_hour_24 % 24;
  } else if (f.clock_hour_12 || f.hour_12) {
    int64_t h = 0;
    if (f.clock_hour_12) {
      if (*f.clock_hour_12 < 1 || *f.clock_hour_12 > 12) return false;
      h = *f.clock_hour_12 % 12;
    } else {
      if (*f.hour_12 < 0 || *f.hour_12 > 11) return false;
      h = *f.hour_12;
    }
    hour = h + (f.am_pm.value_or(0) == 1 ? 12 : 0);
  }
  if (f.minute) {
    if (*f.minute < 0 || *f.minute > 59) return false;
    minute = *f.minute;
  }
  if (f.second) {
    if (*f.second < 0 || *f.second > 59) return false;
    second = *f.second;
  }
  __int128 seconds = static_cast<__int128>(days) * 86400 + hour * 3600 + minute * 60 + second;
  seconds -= f.offset_seconds.value_or(0);
  if (seconds > INT64_MAX / 1000 || seconds < INT64_MIN / 1000) {
    // Outside what epoch milliseconds can hold (about +/-292 million years).
    return false;
  }
  out->seconds = static_cast<int64_t>(seconds);
  out->nanos = static_cast<int32_t>(nanos);
  return true;
}

// epoch_millis: [-]digits[.up to 6 digits]; epoch_second: [-]digits[.up to 9].
}  // namespace
}  // namespace date_internal

struct DatePattern::Nodes {
  std::vector<date_internal::Node> nodes;
};

Result<DatePattern> DatePattern::Compile(std::string_view pattern, bool strict, bool internal) {
  auto nodes = std::make_shared<Nodes>();
  date_internal::Compiler c{pattern, strict, internal};
  if (!c.Sequence(&nodes->nodes, false)) return Status::InvalidArgument(c.error);
  date_internal::ComputeReserves(&nodes->nodes);
  return DatePattern(std::move(nodes));
}

bool DatePattern::Parse(std::string_view text, DateInstant* out, size_t* error_index) const {
  date_internal::Parser p{text};
  const bool matched = p.Sequence(nodes_->nodes);
  if (matched && p.pos == text.size() && date_internal::Resolve(p.f, out)) return true;
  *error_index = matched ? p.pos : p.error_pos;
  return false;
}

void DatePattern::Format(DateInstant t, int32_t offset_seconds, bool nanos_precision,
                         std::string* out) const {
  date_internal::Broken b;
  int64_t local = t.seconds + offset_seconds;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  int64_t secs_of_day = local - days * 86400;
  CivilFromDays(days, &b.year, &b.month, &b.day);
  b.days = days;
  b.hour = static_cast<int>(secs_of_day / 3600);
  b.minute = static_cast<int>(secs_of_day / 60 % 60);
  b.second = static_cast<int>(secs_of_day % 60);
  b.nanos = t.nanos;
  b.offset = offset_seconds;
  date_internal::FormatNodes(nodes_->nodes, b, nanos_precision, out);
}

}  // namespace quiver::schema