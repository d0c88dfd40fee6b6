#include "schema/date_format.h"

#include <optional>
#include <vector>

#include "common/strings.h"
#include "schema/date_pattern.h"

namespace quiver::schema {

namespace {

constexpr int64_t kNanosPerSecond = 1000000000;

void AppendZeroPadded(std::string* out, int64_t v, int width) {
  std::string digits = std::to_string(v);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out->push_back('0');
  out->append(digits);
}

bool ParseEpoch(std::string_view text, bool millis, DateInstant* out) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  size_t start = i;
  int64_t whole = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > (INT64_MAX - 9) / 10) return false;
    whole = whole * 10 + (text[i] - '0');
    ++i;
  }
  if (i == start) return false;
  int64_t frac_nanos = 0;  // nanos within the unit
  if (i < text.size() && text[i] == '.') {
    ++i;
    size_t fstart = i;
    const size_t max_digits = millis ? 6 : 9;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    size_t n = i - fstart;
    if (n > max_digits) return false;
    for (size_t k = 0; k < max_digits; ++k) {
      frac_nanos = frac_nanos * 10 + (k < n ? text[fstart + k] - '0' : 0);
    }
  }
  if (i != text.size()) return false;
  // Total in nanoseconds, as 128-bit to detect overflow.
  __int128 total = millis ? static_cast<__int128>(whole) * 1000000 + frac_nanos
                          : static_cast<__int128>(whole) * kNanosPerSecond + frac_nanos;
  if (negative) total = -total;
  __int128 secs = total / kNanosPerSecond;
  __int128 rem = total % kNanosPerSecond;
  if (rem < 0) {
    rem += kNanosPerSecond;
    secs -= 1;
  }
  if (secs > INT64_MAX / 1000 || secs < INT64_MIN / 1000) return false;
  out->seconds = static_cast<int64_t>(secs);
  out->nanos = static_cast<int32_t>(rem);
  return true;
}

enum class AltKind : uint8_t { kPattern, kEpochMillis, kEpochSecond };

// The common shapes of strict_date_optional_time, parsed without the
// general pattern machinery (the hot path of date fields). Returns false for
// anything else; the general parser then decides, so semantics and errors
// are unchanged.
bool ParseIsoFast(std::string_view s, DateInstant* out) {
  const size_t n = s.size();
  auto digit = [&](size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; };
  auto num2 = [&](size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); };
  if (n < 4 || !digit(0) || !digit(1) || !digit(2) || !digit(3) || (n > 4 && digit(4))) {
    return false;
  }
  int64_t year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offset = 0;
  size_t i = 4;
  if (i < n && s[i] == '-') {
    if (!digit(i + 1) || !digit(i + 2) || digit(i + 3)) return false;
    month = num2(i + 1);
    i += 3;
    if (i < n && s[i] == '-') {
      if (!digit(i + 1) || !digit(i + 2) || digit(i + 3)) return false;
      day = num2(i + 1);
      i += 3;
    }
  }
  if (i < n && s[i] == 'T') {
    ++i;
    if (digit(i)) {
      if (!digit(i + 1) || digit(i + 2)) return false;
      hour = num2(i);
      i += 2;
      if (i < n && s[i] == ':') {
        if (!digit(i + 1) || !digit(i + 2) || digit(i + 3)) return false;
        minute = num2(i + 1);
        i += 3;
        if (i < n && s[i] == ':') {
          if (!digit(i + 1) || !digit(i + 2) || digit(i + 3)) return false;
          second = num2(i + 1);
          i += 3;
          if (i < n && (s[i] == '.' || s[i] == ',')) {
            ++i;
            int count = 0;
            while (digit(i) && count < 9) {
              nanos = nanos * 10 + (s[i] - '0');
              ++i;
              ++count;
            }
            if (count == 0 || digit(i)) return false;
            for (; count < 9; ++count) nanos *= 10;
          }
        }
      }
    }
    if (i < n && s[i] == 'Z') {
      ++i;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
      const int sign = s[i] == '-' ? -1 : 1;
      if (!digit(i + 1) || !digit(i + 2)) return false;
      int oh = num2(i + 1), om = 0;
      i += 3;
      if (i < n && s[i] == ':') ++i;
      if (digit(i)) {
        if (!digit(i + 1)) return false;
        om = num2(i);
        i += 2;
      }
      if (oh > 18 || om > 59) return false;
      offset = sign * (oh * 3600 + om * 60);
    }
  }
  if (i != n) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12) return false;
  if (day < 1 || day > (month == 2 && leap ? 29 : kDays[month - 1])) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  out->seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  out->nanos = nanos;
  return true;
}

struct Alternative {
  bool iso_fast = false;  // strict_date_optional_time(_nanos): try ParseIsoFast first
  AltKind kind = AltKind::kPattern;
  std::string name;
  std::optional<DatePattern> pattern;
};

struct NamedFormat {
  std::string_view name;
  std::string_view pattern;
};

// Built-in names (ES DateFormatters), in an internal pattern dialect where
// 'f' is a '.'/',' plus 1-9 fraction digits and zones parse leniently.
constexpr NamedFormat kNamed[] = {
    {"date_optional_time", "yyyy[-MM[-dd]]['T'[HH[:mm[:ss[f]]]][XXX]]"},
    {"date_optional_time_nanos", "yyyy[-MM[-dd]]['T'[HH[:mm[:ss[f]]]][XXX]]"},
    {"iso8601", "yyyy[-MM[-dd]]['T'[HH[:mm[:ss[f]]]][XXX]]"},
    {"basic_date", "yyyyMMdd"},
    {"basic_date_time", "yyyyMMdd'T'HHmmssfXXX"},
    {"basic_date_time_no_millis", "yyyyMMdd'T'HHmmssXXX"},
    {"basic_ordinal_date", "yyyyDDD"},
    {"basic_ordinal_date_time", "yyyyDDD'T'HHmmssfXXX"},
    {"basic_ordinal_date_time_no_millis", "yyyyDDD'T'HHmmssXXX"},
    {"basic_time", "HHmmssfXXX"},
    {"basic_time_no_millis", "HHmmssXXX"},
    {"basic_t_time", "'T'HHmmssfXXX"},
    {"basic_t_time_no_millis", "'T'HHmmssXXX"},
    {"basic_week_date", "YYYY'W'wwe"},
    {"basic_week_date_time", "YYYY'W'wwe'T'HHmmssfXXX"},
    {"basic_week_date_time_no_millis", "YYYY'W'wwe'T'HHmmssXXX"},
    {"date", "yyyy-MM-dd"},
    {"date_hour", "yyyy-MM-dd'T'HH"},
    {"date_hour_minute", "yyyy-MM-dd'T'HH:mm"},
    {"date_hour_minute_second", "yyyy-MM-dd'T'HH:mm:ss"},
    {"date_hour_minute_second_fraction", "yyyy-MM-dd'T'HH:mm:ssf"},
    {"date_hour_minute_second_millis", "yyyy-MM-dd'T'HH:mm:ssf"},
    {"date_time", "yyyy-MM-dd'T'HH:mm:ssfXXX"},
    {"date_time_no_millis", "yyyy-MM-dd'T'HH:mm:ssXXX"},
    {"hour", "HH"},
    {"hour_minute", "HH:mm"},
    {"hour_minute_second", "HH:mm:ss"},
    {"hour_minute_second_fraction", "HH:mm:ssf"},
    {"hour_minute_second_millis", "HH:mm:ssf"},
    {"ordinal_date", "yyyy-DDD"},
    {"ordinal_date_time", "yyyy-DDD'T'HH:mm:ssfXXX"},
    {"ordinal_date_time_no_millis", "yyyy-DDD'T'HH:mm:ssXXX"},
    {"time", "HH:mm:ssfXXX"},
    {"time_no_millis", "HH:mm:ssXXX"},
    {"t_time", "'T'HH:mm:ssfXXX"},
    {"t_time_no_millis", "'T'HH:mm:ssXXX"},
    {"week_date", "YYYY-'W'ww-e"},
    {"week_date_time", "YYYY-'W'ww-e'T'HH:mm:ssfXXX"},
    {"week_date_time_no_millis", "YYYY-'W'ww-e'T'HH:mm:ssXXX"},
    {"weekyear", "YYYY"},
    {"weekyear_week", "YYYY-'W'ww"},
    {"weekyear_week_day", "YYYY-'W'ww-e"},
    {"year", "yyyy"},
    {"year_month", "yyyy-MM"},
    {"year_month_day", "yyyy-MM-dd"},
};

Result<Alternative> CompileAlternative(std::string_view spec, std::string_view full_spec) {
  Alternative alt;
  alt.name = std::string(spec);
  if (spec == "epoch_millis") {
    alt.kind = AltKind::kEpochMillis;
    return alt;
  }
  if (spec == "epoch_second") {
    alt.kind = AltKind::kEpochSecond;
    return alt;
  }
  std::string_view base = spec;
  bool strict = true;
  if (base.substr(0, 7) == "strict_") base.remove_prefix(7);
  for (const NamedFormat& nf : kNamed) {
    if (nf.name == base) {
      // basic_* formats have fixed widths even without the strict_ prefix.
      strict = spec.substr(0, 7) == "strict_" || base.substr(0, 6) == "basic_";
      auto compiled = DatePattern::Compile(nf.pattern, strict, /*internal=*/true);
      if (!compiled.ok()) return compiled.status();
      alt.pattern = std::move(*compiled);
      alt.iso_fast =
          spec == "strict_date_optional_time" || spec == "strict_date_optional_time_nanos";
      return alt;
    }
  }
  auto compiled = DatePattern::Compile(spec, /*strict=*/true, /*internal=*/false);
  if (!compiled.ok()) {
    return Status::InvalidArgument("Invalid format: [" + std::string(full_spec) +
                                   "]: " + compiled.status().message());
  }
  alt.pattern = std::move(*compiled);
  return alt;
}

std::string FormatEpoch(DateInstant t, bool millis) {
  std::string out;
  if (millis) {
    __int128 total = static_cast<__int128>(t.seconds) * kNanosPerSecond + t.nanos;
    int64_t ms = static_cast<int64_t>(total / 1000000);
    int64_t rem = static_cast<int64_t>(total % 1000000);
    if (rem < 0) {
      rem += 1000000;
      ms -= 1;
    }
    out = std::to_string(ms);
    if (rem != 0) {
      std::string frac;
      AppendZeroPadded(&frac, rem, 6);
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
      out += "." + frac;
    }
    return out;
  }
  out = std::to_string(t.seconds);
  if (t.nanos != 0) {
    std::string frac;
    AppendZeroPadded(&frac, t.nanos, 9);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  return out;
}

}  // namespace

struct DateFormat::Impl {
  std::string spec;
  std::vector<Alternative> alternatives;
};

Result<DateFormat> DateFormat::Parse(std::string_view spec) {
  auto impl = std::make_shared<Impl>();
  impl->spec = std::string(spec);
  std::string_view rest = spec;
  while (true) {
    size_t sep = rest.find("||");
    std::string_view part = TrimWhitespace(rest.substr(0, sep));
    if (part.empty()) {
      return Status::InvalidArgument("Invalid format: [" + std::string(spec) + "]: empty format");
    }
    QUIVER_ASSIGN_OR_RETURN(Alternative alt, CompileAlternative(part, spec));
    impl->alternatives.push_back(std::move(alt));
    if (sep == std::string_view::npos) break;
    rest.remove_prefix(sep + 2);
  }
  return DateFormat(std::move(impl));
}

const DateFormat& DateFormat::Default() {
  static const DateFormat* f =
      new DateFormat(*DateFormat::Parse("strict_date_optional_time||epoch_millis"));
  return *f;
}

const DateFormat& DateFormat::DefaultNanos() {
  static const DateFormat* f =
      new DateFormat(*DateFormat::Parse("strict_date_optional_time_nanos||epoch_millis"));
  return *f;
}

DateFormat::DateFormat() : impl_(Default().impl_) {}

const std::string& DateFormat::spec() const { return impl_->spec; }

Result<DateInstant> DateFormat::ParseInstant(std::string_view text) const {
  size_t error_index = 0;
  for (const Alternative& alt : impl_->alternatives) {
    DateInstant out;
    if (alt.kind != AltKind::kPattern) {
      if (ParseEpoch(text, alt.kind == AltKind::kEpochMillis, &out)) return out;
      continue;
    }
    if (alt.iso_fast && ParseIsoFast(text, &out)) return out;
    size_t index = 0;
    if (alt.pattern->Parse(text, &out, &index)) return out;
    error_index = std::max(error_index, index);
  }
  std::string cause = impl_->alternatives.size() > 1
                          ? "Failed to parse with all enclosed parsers"
                          : "Text '" + std::string(text) + "' could not be parsed at index " +
                                std::to_string(error_index);
  return Status::InvalidArgument("failed to parse date field [" + std::string(text) +
                                 "] with format [" + impl_->spec + "]")
      .WithCause(Status::InvalidArgument(cause).WithType("date_time_parse_exception"));
}

Result<int64_t> DateFormat::ParseMillis(std::string_view text) const {
  QUIVER_ASSIGN_OR_RETURN(DateInstant t, ParseInstant(text));
  return t.seconds * 1000 + t.nanos / 1000000;
}

Result<int64_t> DateFormat::ParseNanos(std::string_view text) const {
  QUIVER_ASSIGN_OR_RETURN(DateInstant t, ParseInstant(text));
  if (t.seconds < 0) {
    return Status::InvalidArgument("date[" + Default().FormatInstant(t) +
                                   "] is before the epoch in 1970 and cannot be stored in "
                                   "nanosecond resolution");
  }
  constexpr int64_t kMaxSeconds = INT64_MAX / kNanosPerSecond;
  if (t.seconds > kMaxSeconds ||
      (t.seconds == kMaxSeconds && t.nanos > INT64_MAX % kNanosPerSecond)) {
    return Status::InvalidArgument("date[" + Default().FormatInstant(t) +
                                   "] is after 2262-04-11T23:47:16.854775807 and cannot be "
                                   "stored in nanosecond resolution");
  }
  return t.seconds * kNanosPerSecond + t.nanos;
}

std::string DateFormat::FormatInstant(DateInstant t, int32_t offset_seconds) const {
  const Alternative& alt = impl_->alternatives.front();
  if (alt.kind != AltKind::kPattern) return FormatEpoch(t, alt.kind == AltKind::kEpochMillis);
  std::string out;
  const bool nanos_precision = alt.name.find("nanos") != std::string::npos;
  alt.pattern->Format(t, offset_seconds, nanos_precision, &out);
  return out;
}

std::string DateFormat::Format(int64_t millis, int32_t offset_seconds) const {
  int64_t secs = millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
  int32_t nanos = static_cast<int32_t>((millis - secs * 1000) * 1000000);
  return FormatInstant({secs, nanos}, offset_seconds);
}

std::string DateFormat::FormatNanos(int64_t nanos, int32_t offset_seconds) const {
  int64_t secs =
      nanos >= 0 ? nanos / kNanosPerSecond : -((-nanos + kNanosPerSecond - 1) / kNanosPerSecond);
  return FormatInstant({secs, static_cast<int32_t>(nanos - secs * kNanosPerSecond)},
                       offset_seconds);
}

}  // namespace quiver::schema