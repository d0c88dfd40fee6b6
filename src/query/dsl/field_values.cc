#include "query/dsl/field_values.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "common/strings.h"
#include "query/dsl/parse_context.h"
#include "schema/value_converter.h"
#include "segment/bit_packing.h"

namespace quiver::query::dsl {

using schema::FieldType;

namespace {

Status NumberFormatError(std::string_view text) {
  std::string msg = text.empty() ? std::string("empty String")
                                 : "For input string: \"" + std::string(text) + "\"";
  return Status::InvalidArgument(std::move(msg)).WithType("number_format_exception");
}

std::string ValueText(const json::value& v) { return ScalarText(v).value_or("null"); }

constexpr __int128 kSaturate = static_cast<__int128>(1) << 100;

// Parses Java BigDecimal syntax: [sign] digits [. digits] [e [sign] digits].
bool ParseDecimalText(std::string_view s, DecimalValue* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string int_digits, frac_digits;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') int_digits.push_back(s[i++]);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') frac_digits.push_back(s[i++]);
  }
  if (int_digits.empty() && frac_digits.empty()) return false;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (exp < 100000) exp = exp * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return false;
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return false;
  // Shift the decimal point by the exponent.
  std::string all = int_digits + frac_digits;
  int64_t point = static_cast<int64_t>(int_digits.size()) + exp;
  __int128 value = 0;
  bool fraction = false;
  for (int64_t k = 0; k < static_cast<int64_t>(all.size()); ++k) {
    if (k < point) {
      if (value < kSaturate) value = value * 10 + (all[k] - '0');
    } else if (all[k] != '0') {
      fraction = true;
    }
  }
  for (int64_t k = static_cast<int64_t>(all.size()); k < point; ++k) {
    if (value < kSaturate) value *= 10;
  }
  out->negative = neg;
  out->int_part = neg ? -value : value;
  out->has_fraction = fraction;
  out->approx = std::strtod(std::string(s).c_str(), nullptr);
  return true;
}

}  // namespace

Result<double> ValueToDouble(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64:
      return static_cast<double>(v.get_int64());
    case json::kind::uint64:
      return static_cast<double>(v.get_uint64());
    case json::kind::double_:
      return v.get_double();
    case json::kind::string: {
      double d;
      if (ParseJavaDouble(std::string_view(v.get_string()), &d)) return d;
      return NumberFormatError(std::string_view(v.get_string()));
    }
    default:
      return NumberFormatError(ValueText(v));
  }
}

Result<DecimalValue> ValueToDecimal(const json::value& v) {
  DecimalValue d;
  switch (v.kind()) {
    case json::kind::int64:
      d.int_part = v.get_int64();
      d.negative = v.get_int64() < 0;
      d.approx = static_cast<double>(v.get_int64());
      return d;
    case json::kind::uint64:
      d.int_part = v.get_uint64();
      d.approx = static_cast<double>(v.get_uint64());
      return d;
    case json::kind::double_: {
      double x = v.get_double();
      if (!std::isfinite(x)) return NumberFormatError(ValueText(v));
      double t = std::trunc(x);
      d.negative = x < 0;
      d.has_fraction = t != x;
      d.int_part =
          std::fabs(t) >= 1e30 ? (x < 0 ? -kSaturate : kSaturate) : static_cast<__int128>(t);
      d.approx = x;
      return d;
    }
    case json::kind::string: {
      std::string_view s = TrimWhitespace(std::string_view(v.get_string()));
      if (ParseDecimalText(s, &d)) return d;
      return NumberFormatError(std::string_view(v.get_string()));
    }
    default:
      return NumberFormatError(ValueText(v));
  }
}

bool HasDecimalPart(const json::value& v) {
  auto d = ValueToDecimal(v);
  return d.ok() && d->has_fraction;
}

int ValueSignum(const json::value& v) {
  auto d = ValueToDouble(v);
  if (!d.ok()) return 0;
  return *d > 0 ? 1 : (*d < 0 ? -1 : 0);
}

Result<int64_t> ValueToInteger(FieldType type, const json::value& v) {
  std::string text = ValueText(v);
  if (type == FieldType::kLong) {
    QUIVER_ASSIGN_OR_RETURN(double approx, ValueToDouble(v));
    if (approx < -9.2233720368547758e18 || approx > 9.2233720368547758e18) {
      return IllegalArgumentError("Value [" + text + "] is out of range for a long");
    }
    QUIVER_ASSIGN_OR_RETURN(DecimalValue d, ValueToDecimal(v));
    if (d.int_part > INT64_MAX || d.int_part < INT64_MIN) {
      return IllegalArgumentError("Value [" + text + "] is out of range for a long");
    }
    return static_cast<int64_t>(d.int_part);
  }
  QUIVER_ASSIGN_OR_RETURN(double d, ValueToDouble(v));
  double lo, hi;
  const char* what;
  switch (type) {
    case FieldType::kInteger:
      lo = INT32_MIN, hi = INT32_MAX, what = "an integer";
      break;
    case FieldType::kShort:
      lo = INT16_MIN, hi = INT16_MAX, what = "a short";
      break;
    default:
      lo = INT8_MIN, hi = INT8_MAX, what = "a byte";
      break;
  }
  if (std::isnan(d) || d < lo || d > hi) {
    return IllegalArgumentError("Value [" + text + "] is out of range for " + what);
  }
  return static_cast<int64_t>(std::trunc(d));
}

Result<double> ValueToFloating(FieldType type, const json::value& v) {
  std::string text = ValueText(v);
  double d;
  if (type == FieldType::kDouble) {
    QUIVER_ASSIGN_OR_RETURN(d, ValueToDouble(v));
  } else {
    float f;
    if (v.is_string()) {
      double ignored;
      std::string s(TrimWhitespace(std::string_view(v.get_string())));
      if (!ParseJavaDouble(s, &ignored)) return NumberFormatError(std::string_view(v.get_string()));
      if (!s.empty() &&
          (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F')) {
        s.pop_back();
      }
      f = std::strtof(s.c_str(), nullptr);
      if (s == "NaN" || s == "+NaN" || s == "-NaN") f = NAN;
    } else {
      QUIVER_ASSIGN_OR_RETURN(double x, ValueToDouble(v));
      f = static_cast<float>(x);
    }
    if (type == FieldType::kHalfFloat && std::isfinite(f)) f = schema::RoundToHalfFloat(f);
    d = f;
  }
  if (!std::isfinite(d)) {
    return IllegalArgumentError("[" + std::string(schema::FieldTypeName(type)) +
                                "] supports only finite values, but got [" + text + "]");
  }
  return d;
}

int64_t SortableDouble(double d) { return segment::DoubleToSortable(d); }
double NextUpDouble(double d) { return std::nextafter(d, INFINITY); }
double NextDownDouble(double d) { return std::nextafter(d, -INFINITY); }
float NextUpFloat(float f) { return std::nextafter(f, INFINITY); }
float NextDownFloat(float f) { return std::nextafter(f, -INFINITY); }

namespace {

// Half floats as sortable shorts (Lucene HalfFloatPoint).
uint16_t HalfBits(float f) {
  // Round to nearest half via the schema helper, then take the bits.
  float h = schema::RoundToHalfFloat(f);
  uint32_t x;
  std::memcpy(&x, &h, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  int32_t exp = static_cast<int32_t>((x >> 23) & 0xff) - 127 + 15;
  uint32_t mant = x & 0x7fffff;
  if (std::isinf(h)) return static_cast<uint16_t>(sign | 0x7c00);
  if (h == 0) return static_cast<uint16_t>(sign);
  if (exp <= 0) {  // subnormal half
    mant |= 0x800000;
    return static_cast<uint16_t>(sign | (mant >> (14 - exp)));
  }
  return static_cast<uint16_t>(sign | (exp << 10) | (mant >> 13));
}

float HalfToFloat(uint16_t h) {
  uint32_t sign = (h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  float f;
  if (exp == 0) {
    f = std::ldexp(static_cast<float>(mant), -24);
  } else if (exp == 31) {
    f = mant == 0 ? INFINITY : NAN;
  } else {
    f = std::ldexp(static_cast<float>(mant | 0x400), static_cast<int>(exp) - 25);
  }
  uint32_t x;
  std::memcpy(&x, &f, 4);
  x |= sign;
  std::memcpy(&f, &x, 4);
  return f;
}

int16_t HalfSortable(uint16_t bits) {
  int16_t s = static_cast<int16_t>(bits);
  return static_cast<int16_t>(s ^ ((s >> 15) & 0x7fff));
}

uint16_t HalfFromSortable(int16_t s) { return static_cast<uint16_t>(s ^ ((s >> 15) & 0x7fff)); }

}  // namespace

float HalfFloatNextUp(float f) {
  int16_t s = HalfSortable(HalfBits(f));
  if (s < INT16_MAX) ++s;
  return HalfToFloat(HalfFromSortable(s));
}

float HalfFloatNextDown(float f) {
  int16_t s = HalfSortable(HalfBits(f));
  if (s > INT16_MIN) --s;
  return HalfToFloat(HalfFromSortable(s));
}

int64_t UnsignedToSortable(uint64_t u) { return static_cast<int64_t>(u ^ (uint64_t{1} << 63)); }

std::optional<uint64_t> UnsignedTerm(const json::value& v) {
  if (v.is_int64()) {
    if (v.get_int64() < 0) return std::nullopt;
    return static_cast<uint64_t>(v.get_int64());
  }
  if (v.is_uint64()) return v.get_uint64();
  if (v.is_double()) return std::nullopt;
  auto text = ScalarText(v);
  if (!text) return std::nullopt;
  DecimalValue d;
  if (!ParseDecimalText(TrimWhitespace(*text), &d) || d.has_fraction || d.int_part < 0 ||
      d.int_part > static_cast<__int128>(UINT64_MAX)) {
    return std::nullopt;
  }
  return static_cast<uint64_t>(d.int_part);
}

Result<std::optional<uint64_t>> UnsignedLowerBound(const json::value& v, bool include) {
  QUIVER_ASSIGN_OR_RETURN(DecimalValue d, ValueToDecimal(v));
  bool negative = d.int_part < 0 || (d.negative && d.has_fraction);
  bool zero = d.int_part == 0 && !d.has_fraction;
  if (negative) return std::optional<uint64_t>(0);
  if (zero) return std::optional<uint64_t>(include ? 0 : 1);
  const __int128 max = static_cast<__int128>(UINT64_MAX);
  if (d.int_part > max || (d.int_part == max && (!include || d.has_fraction))) {
    return std::optional<uint64_t>();
  }
  uint64_t value = static_cast<uint64_t>(d.int_part);
  if (!include || d.has_fraction) ++value;
  return std::optional<uint64_t>(value);
}

Result<std::optional<uint64_t>> UnsignedUpperBound(const json::value& v, bool include) {
  QUIVER_ASSIGN_OR_RETURN(DecimalValue d, ValueToDecimal(v));
  bool negative = d.int_part < 0 || (d.negative && d.has_fraction);
  bool zero = d.int_part == 0 && !d.has_fraction;
  if (negative || (zero && !include)) return std::optional<uint64_t>();
  const __int128 max = static_cast<__int128>(UINT64_MAX);
  if (d.int_part > max) return std::optional<uint64_t>(UINT64_MAX);
  uint64_t value = static_cast<uint64_t>(d.int_part);
  if (!include && !d.has_fraction) --value;
  return std::optional<uint64_t>(value);
}

Result<std::string> ValueToBooleanTerm(const json::value& v) {
  if (v.is_bool()) return std::string(v.get_bool() ? "T" : "F");
  if (v.is_null()) return std::string("F");
  std::string s = ValueText(v);
  if (s == "true") return std::string("T");
  if (s == "false") return std::string("F");
  return IllegalArgumentError("Can't parse boolean value [" + s + "], expected [true] or [false]");
}

Result<schema::IpBytes> ValueToIp(const json::value& v) {
  auto text = ScalarText(v);
  if (!text) return IllegalArgumentError("'" + ValueText(v) + "' is not an IP string literal.");
  return schema::ParseIp(*text);
}

bool IpIncrement(schema::IpBytes* ip) {
  for (int i = 15; i >= 0; --i) {
    if ((*ip)[i] != 0xff) {
      ++(*ip)[i];
      for (int j = i + 1; j < 16; ++j) (*ip)[j] = 0;
      return true;
    }
  }
  return false;
}

bool IpDecrement(schema::IpBytes* ip) {
  for (int i = 15; i >= 0; --i) {
    if ((*ip)[i] != 0) {
      --(*ip)[i];
      for (int j = i + 1; j < 16; ++j) (*ip)[j] = 0xff;
      return true;
    }
  }
  return false;
}

}  // namespace quiver::query::dsl
