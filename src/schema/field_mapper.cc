#include "schema/field_mapper.h"

#include <array>
#include <utility>

namespace quiver::schema {

namespace {

constexpr std::pair<FieldType, std::string_view> kTypeNames[] = {
    {FieldType::kText, "text"},
    {FieldType::kMatchOnlyText, "match_only_text"},
    {FieldType::kKeyword, "keyword"},
    {FieldType::kConstantKeyword, "constant_keyword"},
    {FieldType::kWildcard, "wildcard"},
    {FieldType::kLong, "long"},
    {FieldType::kInteger, "integer"},
    {FieldType::kShort, "short"},
    {FieldType::kByte, "byte"},
    {FieldType::kDouble, "double"},
    {FieldType::kFloat, "float"},
    {FieldType::kHalfFloat, "half_float"},
    {FieldType::kScaledFloat, "scaled_float"},
    {FieldType::kUnsignedLong, "unsigned_long"},
    {FieldType::kBoolean, "boolean"},
    {FieldType::kDate, "date"},
    {FieldType::kDateNanos, "date_nanos"},
    {FieldType::kIp, "ip"},
    {FieldType::kBinary, "binary"},
    {FieldType::kDenseVector, "dense_vector"},
    {FieldType::kVector, "vector"},
    {FieldType::kFlattened, "flattened"},
    {FieldType::kAlias, "alias"},
    {FieldType::kGeoPoint, "geo_point"},
};

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<FieldType> FieldTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view IndexOptionsName(IndexOptions v) {
  static constexpr std::array<std::string_view, 4> kNames = {"docs", "freqs", "positions",
                                                             "offsets"};
  return kNames[static_cast<size_t>(v)];
}

std::string_view VectorElementTypeName(VectorElementType v) {
  static constexpr std::array<std::string_view, 3> kNames = {"float", "byte", "bit"};
  return kNames[static_cast<size_t>(v)];
}

std::string_view VectorSimilarityName(VectorSimilarity v) {
  static constexpr std::array<std::string_view, 4> kNames = {"l2_norm", "cosine", "dot_product",
                                                             "max_inner_product"};
  return kNames[static_cast<size_t>(v)];
}

std::string_view VectorIndexTypeName(VectorIndexType v) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "hnsw",      "int8_hnsw", "int4_hnsw", "bbq_hnsw", "flat",
      "int8_flat", "int4_flat", "bbq_flat",  "ivf",      "int8_ivf"};
  return kNames[static_cast<size_t>(v)];
}

json::value FieldMapper::ToJson() const {
  json::object out;
  out["type"] = json::string_view(type_name().data(), type_name().size());
  for (const auto& kv : shown_) out[kv.key()] = kv.value();
  if (!multi_fields_.empty()) {
    json::object fields;
    for (const auto& sub : multi_fields_) fields[sub->name()] = sub->ToJson();
    out["fields"] = std::move(fields);
  }
  if (!copy_to_.empty()) {
    json::array arr;
    for (const std::string& target : copy_to_) arr.emplace_back(target);
    out["copy_to"] = std::move(arr);
  }
  return out;
}

}  // namespace quiver::schema
