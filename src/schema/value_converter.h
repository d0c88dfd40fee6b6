// Converting one JSON scalar of a document into the indexed form of a leaf
// field (FieldValue), with ES's coercion rules: numbers from strings, floats
// truncated into integer types, range checks per type, float/half_float
// rounding, scaled_float scaling, unsigned_long shifting, ES 8 booleans,
// dates through the field's DateFormat, IPs into 16 bytes, binary from
// base64. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "schema/field_mapper.h"
#include "schema/parsed_document.h"

namespace quiver::schema {

// One scalar as the document parser sees it.
struct JsonScalar {
  enum class Kind : uint8_t { kString, kInt64, kUint64, kDouble, kBigNumber, kBool, kNull };
  Kind kind = Kind::kNull;
  // The string value, or for numbers their text as written in the document.
  std::string_view text;
  int64_t i64 = 0;
  uint64_t u64 = 0;
  double f64 = 0;
  bool boolean = false;
};

// A JsonScalar view of a Boost.JSON scalar; `storage` keeps number text alive.
JsonScalar ScalarFromJson(const json::value& v, std::string* storage);

// Converts `v` for `field` (a non-object, non-vector leaf type). On failure
// returns the cause ES reports under the field-level error: e.g.
// illegal_argument_exception "Value [300] is out of range for a byte",
// "For input string: \"abc\"", "failed to parse date field [x] with format
// [...]". null is the caller's business (null_value).
Status ConvertScalar(const FieldMapper& field, const JsonScalar& v, FieldValue* out);

// Rounds to IEEE half precision (what half_float fields keep).
float RoundToHalfFloat(float v);

// Standard base64 (RFC 4648, padding optional), as ES binary fields accept.
bool DecodeBase64(std::string_view in, std::string* out);

}  // namespace quiver::schema
