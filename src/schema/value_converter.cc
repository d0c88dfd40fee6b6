#include "schema/value_converter.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/strings.h"
#include "schema/date_format.h"
#include "schema/geo_point.h"
#include "schema/ip_address.h"

namespace quiver::schema {

namespace {

Status Iae(std::string msg) { return Status::InvalidArgument(std::move(msg)); }

// Java's BigDecimal syntax: [+-]digits[.digits][(e|E)[+-]digits], or
// [+-].digits. Returns false for anything else.
struct Decimal {
  bool negative = false;
  std::string int_digits;   // without leading zeros
  std::string frac_digits;  // as written
  int64_t exponent = 0;
};

bool ParseDecimal(std::string_view s, Decimal* d) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    d->negative = s[i] == '-';
    ++i;
  }
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') d->int_digits.push_back(s[i++]);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') d->frac_digits.push_back(s[i++]);
  }
  if (d->int_digits.empty() && d->frac_digits.empty()) return false;
  (void)start;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      eneg = s[i] == '-';
      ++i;
    }
    size_t es = i;
    int64_t e = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (e < 100000000) e = e * 10 + (s[i] - '0');
      ++i;
    }
    if (i == es) return false;
    d->exponent = eneg ? -e : e;
  }
  if (i != s.size()) return false;
  // Normalize: move the exponent into the digit split.
  std::string all = d->int_digits + d->frac_digits;
  int64_t point = static_cast<int64_t>(d->int_digits.size()) + d->exponent;
  if (point <= 0) {
    d->int_digits.clear();
    d->frac_digits = std::string(static_cast<size_t>(std::min<int64_t>(-point, 1000)), '0') + all;
  } else if (point >= static_cast<int64_t>(all.size())) {
    d->int_digits = all + std::string(static_cast<size_t>(std::min<int64_t>(
                                          point - static_cast<int64_t>(all.size()), 1000)),
                                      '0');
    d->frac_digits.clear();
  } else {
    d->int_digits = all.substr(0, static_cast<size_t>(point));
    d->frac_digits = all.substr(static_cast<size_t>(point));
  }
  size_t nz = d->int_digits.find_first_not_of('0');
  d->int_digits = nz == std::string::npos ? "" : d->int_digits.substr(nz);
  return true;
}

bool HasNonZero(const std::string& digits) {
  return digits.find_first_not_of('0') != std::string::npos;
}

// The integer part of a decimal string as int64/uint64 if it fits.
enum class Fit { kOk, kOutOfRange };
Fit IntegerPart(const Decimal& d, bool is_unsigned, int64_t* i64, uint64_t* u64) {
  if (d.int_digits.size() > 20) return Fit::kOutOfRange;
  unsigned __int128 v = 0;
  for (char c : d.int_digits) v = v * 10 + static_cast<unsigned>(c - '0');
  if (is_unsigned) {
    if (d.negative && v != 0) return Fit::kOutOfRange;
    if (v > std::numeric_limits<uint64_t>::max()) return Fit::kOutOfRange;
    *u64 = static_cast<uint64_t>(v);
    return Fit::kOk;
  }
  if (d.negative) {
    if (v > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max()) + 1) {
      return Fit::kOutOfRange;
    }
    *i64 = static_cast<int64_t>(-static_cast<__int128>(v));
  } else {
    if (v > static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max())) {
      return Fit::kOutOfRange;
    }
    *i64 = static_cast<int64_t>(v);
  }
  return Fit::kOk;
}

struct IntRange {
  int64_t min;
  int64_t max;
  std::string_view article_name;  // "a long", "an integer", ...
  std::string_view java_name;     // "Long", "Integer", ...
};

IntRange RangeFor(FieldType t) {
  switch (t) {
    case FieldType::kInteger:
      return {INT32_MIN, INT32_MAX, "an integer", "Integer"};
    case FieldType::kShort:
      return {INT16_MIN, INT16_MAX, "a short", "Short"};
    case FieldType::kByte:
      return {INT8_MIN, INT8_MAX, "a byte", "Byte"};
    default:
      return {INT64_MIN, INT64_MAX, "a long", "Long"};
  }
}

Status NotNumeric(const JsonScalar& v) {
  return Iae(std::string("Current token (") + (v.boolean ? "VALUE_TRUE" : "VALUE_FALSE") +
             ") not numeric, can not use numeric value accessors");
}

Status OutOfRange(std::string_view text, const IntRange& r) {
  return Iae("Value [" + std::string(text) + "] is out of range for " +
             std::string(r.article_name));
}

Status ConvertInteger(const FieldMapper& f, const JsonScalar& v, FieldValue* out) {
  const IntRange r = RangeFor(f.type());
  const bool coerce = f.numeric().coerce;
  int64_t value = 0;
  switch (v.kind) {
    case JsonScalar::Kind::kInt64:
      value = v.i64;
      break;
    case JsonScalar::Kind::kUint64:
    case JsonScalar::Kind::kBigNumber:
      return OutOfRange(v.text, r);
    case JsonScalar::Kind::kDouble: {
      double d = v.f64;
      if (!std::isfinite(d) || d >= 9.223372036854775807e18 || d < -9.223372036854775808e18) {
        return OutOfRange(v.text, r);
      }
      if (!coerce && d != std::trunc(d)) {
        std::string s;
        AppendJsonDouble(&s, d);
        return Iae(s + " cannot be converted to " + std::string(r.java_name) +
                   " without data loss");
      }
      value = static_cast<int64_t>(d);
      break;
    }
    case JsonScalar::Kind::kString: {
      if (!coerce) return Iae(std::string(r.java_name) + " value passed as String");
      Decimal d;
      if (!ParseDecimal(v.text, &d)) {
        return Iae("For input string: \"" + std::string(v.text) + "\"");
      }
      uint64_t unused = 0;
      if (IntegerPart(d, false, &value, &unused) != Fit::kOk) return OutOfRange(v.text, r);
      if (!coerce && HasNonZero(d.frac_digits)) {
        return Iae("Value [" + std::string(v.text) + "] has a decimal part");
      }
      break;
    }
    case JsonScalar::Kind::kBool:
      return NotNumeric(v);
    case JsonScalar::Kind::kNull:
      return Iae("null value");
  }
  if (value < r.min || value > r.max) {
    return OutOfRange(v.kind == JsonScalar::Kind::kDouble ? v.text : std::to_string(value), r);
  }
  out->i64 = value;
  return Status::Ok();
}

Status ConvertUnsignedLong(const FieldMapper& f, const JsonScalar& v, FieldValue* out) {
  const bool coerce = f.numeric().coerce;
  uint64_t value = 0;
  auto out_of_range = [&](std::string_view text) {
    return Iae("Value [" + std::string(text) + "] is out of range for an unsigned_long");
  };
  switch (v.kind) {
    case JsonScalar::Kind::kInt64:
      if (v.i64 < 0) return out_of_range(v.text);
      value = static_cast<uint64_t>(v.i64);
      break;
    case JsonScalar::Kind::kUint64:
      value = v.u64;
      break;
    case JsonScalar::Kind::kBigNumber:
      return out_of_range(v.text);
    case JsonScalar::Kind::kDouble:
    case JsonScalar::Kind::kString: {
      if (v.kind == JsonScalar::Kind::kString && !coerce) {
        return Iae("Value [" + std::string(v.text) + "] is not a valid unsigned long");
      }
      Decimal d;
      if (!ParseDecimal(v.text, &d)) {
        return Iae("For input string: \"" + std::string(v.text) + "\"");
      }
      int64_t unused = 0;
      if (IntegerPart(d, true, &unused, &value) != Fit::kOk) return out_of_range(v.text);
      if (!coerce && HasNonZero(d.frac_digits)) {
        return Iae("Value [" + std::string(v.text) + "] has a decimal part");
      }
      break;
    }
    case JsonScalar::Kind::kBool:
      return NotNumeric(v);
    case JsonScalar::Kind::kNull:
      return Iae("null value");
  }
  // Order-preserving shift into the signed range.
  out->i64 = static_cast<int64_t>(value ^ (uint64_t{1} << 63));
  return Status::Ok();
}

Status ConvertFloating(const FieldMapper& f, const JsonScalar& v, FieldValue* out) {
  const bool coerce = f.numeric().coerce;
  double d = 0;
  switch (v.kind) {
    case JsonScalar::Kind::kInt64:
      d = static_cast<double>(v.i64);
      break;
    case JsonScalar::Kind::kUint64:
      d = static_cast<double>(v.u64);
      break;
    case JsonScalar::Kind::kDouble:
      d = v.f64;
      break;
    case JsonScalar::Kind::kBigNumber:
    case JsonScalar::Kind::kString: {
      if (v.kind == JsonScalar::Kind::kString && !coerce) {
        const char* name = f.type() == FieldType::kDouble ? "Double" : "Float";
        return Iae(std::string(name) + " value passed as String");
      }
      std::string_view text = TrimWhitespace(v.text);
      Decimal dec;
      if (!ParseDecimal(text, &dec)) {
        return Iae("For input string: \"" + std::string(v.text) + "\"");
      }
      auto res =
          std::from_chars(text.data() + (text[0] == '+' ? 1 : 0), text.data() + text.size(), d);
      if (res.ec == std::errc::result_out_of_range) {
        d = dec.negative ? -HUGE_VAL : HUGE_VAL;
        if (dec.int_digits.empty()) d = 0;
      } else if (res.ec != std::errc()) {
        return Iae("For input string: \"" + std::string(v.text) + "\"");
      }
      break;
    }
    case JsonScalar::Kind::kBool:
      return NotNumeric(v);
    case JsonScalar::Kind::kNull:
      return Iae("null value");
  }
  std::string_view name = FieldTypeName(f.type());
  switch (f.type()) {
    case FieldType::kFloat:
      d = static_cast<double>(static_cast<float>(d));
      break;
    case FieldType::kHalfFloat:
      d = static_cast<double>(RoundToHalfFloat(static_cast<float>(d)));
      break;
    case FieldType::kScaledFloat: {
      if (!std::isfinite(d)) {
        std::string s;
        AppendJsonDouble(&s, d);
        return Iae("[scaled_float] only supports finite values, but got [" + std::string(v.text) +
                   "]");
      }
      double scaled = d * f.numeric().scaling_factor;
      if (!std::isfinite(scaled) || std::fabs(scaled) >= 9.2e18) {
        return Iae("Value [" + std::string(v.text) + "] is out of range for a long");
      }
      // Java's Math.round: floor(x + 0.5).
      out->i64 = static_cast<int64_t>(std::floor(scaled + 0.5));
      return Status::Ok();
    }
    default:
      break;
  }
  if (!std::isfinite(d)) {
    return Iae("[" + std::string(name) + "] supports only finite values, but got [" +
               std::string(v.text) + "]");
  }
  out->f64 = d;
  return Status::Ok();
}

Status ConvertBoolean(const JsonScalar& v, FieldValue* out) {
  if (v.kind == JsonScalar::Kind::kBool) {
    out->i64 = v.boolean ? 1 : 0;
    return Status::Ok();
  }
  if (v.kind == JsonScalar::Kind::kString) {
    // ES 8: only "true" and "false"; the empty string reads as false.
    if (v.text == "true") {
      out->i64 = 1;
      return Status::Ok();
    }
    if (v.text == "false" || v.text.empty()) {
      out->i64 = 0;
      return Status::Ok();
    }
    return Iae("Failed to parse value [" + std::string(v.text) +
               "] as only [true] or [false] are allowed.");
  }
  return Iae(
      "Current token (" +
      std::string(v.kind == JsonScalar::Kind::kDouble ? "VALUE_NUMBER_FLOAT" : "VALUE_NUMBER_INT") +
      ") not of boolean type");
}

}  // namespace

float RoundToHalfFloat(float v) {
  if (!std::isfinite(v)) return v;
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  const uint32_t sign = bits & 0x80000000u;
  float a = std::fabs(v);
  if (a >= 65520.0f) return sign ? -INFINITY : INFINITY;  // rounds past max half (65504)
  if (a < 5.9604645e-8f / 2) return sign ? -0.0f : 0.0f;
  int exp;
  std::frexp(a, &exp);  // a = m * 2^exp, m in [0.5, 1)
  // Half keeps 11 significant bits for normals; subnormals have a fixed
  // quantum of 2^-24.
  int quantum_exp = std::max(exp - 11, -24);
  float quantum = std::ldexp(1.0f, quantum_exp);
  float q = a / quantum;
  float r = std::nearbyint(q);  // round half to even (default FE_TONEAREST)
  float result = r * quantum;
  return sign ? -result : result;
}

bool DecodeBase64(std::string_view in, std::string* out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out->clear();
  size_t end = in.size();
  while (end > 0 && in[end - 1] == '=') --end;
  if (in.size() - end > 2) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < end; ++i) {
    int v = val(in[i]);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return bits < 6;
}

JsonScalar ScalarFromJson(const json::value& v, std::string* storage) {
  JsonScalar s;
  switch (v.kind()) {
    case json::kind::string:
      s.kind = JsonScalar::Kind::kString;
      s.text = std::string_view(v.get_string().data(), v.get_string().size());
      break;
    case json::kind::int64:
      s.kind = JsonScalar::Kind::kInt64;
      s.i64 = v.get_int64();
      *storage = std::to_string(s.i64);
      s.text = *storage;
      break;
    case json::kind::uint64:
      s.kind = JsonScalar::Kind::kUint64;
      s.u64 = v.get_uint64();
      *storage = std::to_string(s.u64);
      s.text = *storage;
      break;
    case json::kind::double_:
      s.kind = JsonScalar::Kind::kDouble;
      s.f64 = v.get_double();
      storage->clear();
      AppendJsonDouble(storage, s.f64);
      s.text = *storage;
      break;
    case json::kind::bool_:
      s.kind = JsonScalar::Kind::kBool;
      s.boolean = v.get_bool();
      s.text = s.boolean ? "true" : "false";
      break;
    default:
      s.kind = JsonScalar::Kind::kNull;
      s.text = "null";
  }
  return s;
}

Status ConvertScalar(const FieldMapper& field, const JsonScalar& v, FieldValue* out) {
  out->field = &field;
  const FieldType t = field.type();
  if (IsTextType(t) || IsKeywordType(t) || t == FieldType::kFlattened) {
    out->str.assign(v.text.data(), v.text.size());
    return Status::Ok();
  }
  if (IsIntegerType(t)) return ConvertInteger(field, v, out);
  if (t == FieldType::kUnsignedLong) return ConvertUnsignedLong(field, v, out);
  if (IsFloatingType(t) || t == FieldType::kScaledFloat) return ConvertFloating(field, v, out);
  switch (t) {
    case FieldType::kBoolean:
      return ConvertBoolean(v, out);
    case FieldType::kDate:
    case FieldType::kDateNanos: {
      if (v.kind == JsonScalar::Kind::kBool) {
        return Status::InvalidArgument("failed to parse date field [" + std::string(v.text) +
                                       "] with format [" + field.date().format.spec() + "]");
      }
      if (t == FieldType::kDate) {
        QUIVER_ASSIGN_OR_RETURN(out->i64, field.date().format.ParseMillis(v.text));
      } else {
        QUIVER_ASSIGN_OR_RETURN(out->i64, field.date().format.ParseNanos(v.text));
      }
      return Status::Ok();
    }
    case FieldType::kIp: {
      QUIVER_ASSIGN_OR_RETURN(IpBytes ip, ParseIp(v.text));
      out->str.assign(reinterpret_cast<const char*>(ip.data()), ip.size());
      return Status::Ok();
    }
    case FieldType::kGeoPoint: {
      if (v.kind != JsonScalar::Kind::kString) return Iae("geo_point expected");
      QUIVER_ASSIGN_OR_RETURN(GeoPoint p,
                              ParseGeoPointText(v.text, field.numeric().ignore_z_value));
      QUIVER_RETURN_IF_ERROR(ValidateGeoPoint(p, field.full_path()));
      out->i64 = EncodeGeoPoint(p);
      return Status::Ok();
    }
    case FieldType::kBinary:
      if (v.kind != JsonScalar::Kind::kString || !DecodeBase64(v.text, &out->str)) {
        return Iae("Failed to decode base64 value [" + std::string(v.text) + "]");
      }
      return Status::Ok();
    default:
      return Iae("field type [" + std::string(FieldTypeName(t)) + "] does not take scalar values");
  }
}

}  // namespace quiver::schema
