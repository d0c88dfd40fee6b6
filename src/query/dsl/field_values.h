// Query values converted to what a field indexes (parsed_document.h), with
// the coercions and error messages of ES's field types: numbers from JSON
// numbers or strings (range checks per type, float/half_float rounding,
// scaled_float scaling, unsigned_long shifting), booleans, IP addresses and
// dates (through date_math.h). Errors are the causes ES wraps in
// "failed to create query: ..." (number_format_exception "For input string:
// \"abc\"", illegal_argument_exception "Value [300] is out of range for a
// byte", ...). Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "schema/field_type.h"
#include "schema/ip_address.h"

namespace quiver::query::dsl {

// A decimal number read exactly enough for integer conversions: the integer
// part (saturated beyond ±2^100) and whether a fraction is present.
struct DecimalValue {
  bool negative = false;
  __int128 int_part = 0;  // signed, truncated toward zero
  bool has_fraction = false;
  double approx = 0;  // the value as a double
};

// Java's objectToDouble for a query value (numbers, numeric strings).
Result<double> ValueToDouble(const json::value& v);
Result<DecimalValue> ValueToDecimal(const json::value& v);
// ES NumberFieldMapper.hasDecimalPart.
bool HasDecimalPart(const json::value& v);
// Sign of the value (-1, 0, 1); 0 when not a number.
int ValueSignum(const json::value& v);

// long/integer/short/byte with coercion (decimals truncate toward zero);
// "Value [x] is out of range for a long/an integer/a short/a byte".
Result<int64_t> ValueToInteger(schema::FieldType type, const json::value& v);
// double/float/half_float, rounded to the type's precision (as a double);
// "[float] supports only finite values, but got [NaN]".
Result<double> ValueToFloating(schema::FieldType type, const json::value& v);

// The sortable int64 of a double (segment/bit_packing.h DoubleToSortable).
int64_t SortableDouble(double d);
double NextUpDouble(double d);
double NextDownDouble(double d);
float NextUpFloat(float f);
float NextDownFloat(float f);
// Lucene HalfFloatPoint.nextUp / nextDown (on the half-float grid).
float HalfFloatNextUp(float f);
float HalfFloatNextDown(float f);

// unsigned_long: the shifted int64 it is indexed as (value - 2^63).
int64_t UnsignedToSortable(uint64_t u);
// A term for an unsigned_long field; nullopt when the value is not an
// integer in [0, 2^64-1] (ES answers such terms with match_none).
std::optional<uint64_t> UnsignedTerm(const json::value& v);
// Range bounds for unsigned_long (ES parseLowerRangeTerm / parseUpperRangeTerm):
// nullopt means the range is empty. Malformed numbers are errors.
Result<std::optional<uint64_t>> UnsignedLowerBound(const json::value& v, bool include);
Result<std::optional<uint64_t>> UnsignedUpperBound(const json::value& v, bool include);

// boolean: "T" / "F" (the indexed terms); JSON booleans or "true"/"false".
Result<std::string> ValueToBooleanTerm(const json::value& v);

// ip: 16 bytes (IPv4 mapped into IPv6).
Result<schema::IpBytes> ValueToIp(const json::value& v);
// Adds/subtracts one to a 16-byte address; false on overflow.
bool IpIncrement(schema::IpBytes* ip);
bool IpDecrement(schema::IpBytes* ip);

}  // namespace quiver::query::dsl
