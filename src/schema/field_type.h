// Leaf field types Quiver maps, with their Elasticsearch names. Objects and
// nested objects are not leaf types (see object_mapper.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace quiver::schema {

enum class FieldType : uint8_t {
  kText,
  kMatchOnlyText,
  kKeyword,
  kConstantKeyword,
  kWildcard,  // indexed with keyword semantics
  kLong,
  kInteger,
  kShort,
  kByte,
  kDouble,
  kFloat,
  kHalfFloat,
  kScaledFloat,
  kUnsignedLong,
  kBoolean,
  kDate,
  kDateNanos,
  kIp,
  kBinary,
  kDenseVector,
  kVector,  // the seed IVF plugin's type: {dimension, metric, nlist, nprobe}
  kFlattened,
  kAlias,
  kGeoPoint,  // values in FieldValue::i64, EncodeGeoPoint (geo_point.h)
};

// "text", "long", "dense_vector", ...
std::string_view FieldTypeName(FieldType type);
// nullopt for unknown names and for "object"/"nested".
std::optional<FieldType> FieldTypeFromName(std::string_view name);

inline bool IsTextType(FieldType t) {
  return t == FieldType::kText || t == FieldType::kMatchOnlyText;
}
inline bool IsKeywordType(FieldType t) {
  return t == FieldType::kKeyword || t == FieldType::kConstantKeyword || t == FieldType::kWildcard;
}
// long, integer, short, byte (values in FieldValue::i64).
inline bool IsIntegerType(FieldType t) {
  return t == FieldType::kLong || t == FieldType::kInteger || t == FieldType::kShort ||
         t == FieldType::kByte;
}
// double, float, half_float (values in FieldValue::f64).
inline bool IsFloatingType(FieldType t) {
  return t == FieldType::kDouble || t == FieldType::kFloat || t == FieldType::kHalfFloat;
}
inline bool IsNumericType(FieldType t) {
  return IsIntegerType(t) || IsFloatingType(t) || t == FieldType::kScaledFloat ||
         t == FieldType::kUnsignedLong;
}
inline bool IsDateType(FieldType t) { return t == FieldType::kDate || t == FieldType::kDateNanos; }
inline bool IsVectorType(FieldType t) {
  return t == FieldType::kDenseVector || t == FieldType::kVector;
}

}  // namespace quiver::schema
