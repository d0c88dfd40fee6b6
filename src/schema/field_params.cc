#include "schema/field_params.h"

#include <climits>
#include <map>

#include "schema/index_settings.h"

namespace quiver::schema {

namespace {

using K = ParamKind;

const std::vector<std::string_view> kIndexOptions = {"docs", "freqs", "positions", "offsets"};
const std::vector<std::string_view> kTermVector = {"no",
                                                   "yes",
                                                   "with_positions",
                                                   "with_offsets",
                                                   "with_positions_offsets",
                                                   "with_positions_payloads",
                                                   "with_positions_offsets_payloads"};

std::vector<ParamSpec> TextParams(bool match_only) {
  if (match_only) {
    return {{"analyzer", K::kAnalyzer},
            {"search_analyzer", K::kAnalyzer, true},
            {"search_quote_analyzer", K::kAnalyzer, true},
            {"meta", K::kMeta, true},
            {"copy_to", K::kCopyTo, true}};
  }
  return {{"index", K::kBool},
          {"store", K::kBool},
          {"index_options", K::kEnum, false, kIndexOptions},
          {"norms", K::kBool, true},
          {"term_vector", K::kEnum, false, kTermVector},
          {"analyzer", K::kAnalyzer},
          {"search_analyzer", K::kAnalyzer, true},
          {"search_quote_analyzer", K::kAnalyzer, true},
          {"similarity", K::kSimilarity},
          {"position_increment_gap", K::kInt},
          {"fielddata", K::kBool, true},
          {"fielddata_frequency_filter", K::kObject, true},
          {"eager_global_ordinals", K::kBool, true},
          {"index_phrases", K::kBool},
          {"index_prefixes", K::kObject, false, {}, true},
          {"meta", K::kMeta, true},
          {"copy_to", K::kCopyTo, true}};
}

std::vector<ParamSpec> KeywordParams() {
  return {{"index", K::kBool},
          {"doc_values", K::kBool},
          {"store", K::kBool},
          {"null_value", K::kNullValue, false, {}, true},
          {"eager_global_ordinals", K::kBool, true},
          {"index_options", K::kEnum, false, {"docs", "freqs"}},
          {"norms", K::kBool, true},
          {"similarity", K::kSimilarity},
          {"normalizer", K::kNormalizer, false, {}, true},
          {"split_queries_on_whitespace", K::kBool, true},
          {"time_series_dimension", K::kBool},
          {"meta", K::kMeta, true},
          {"ignore_above", K::kInt, true},
          {"copy_to", K::kCopyTo, true}};
}

std::vector<ParamSpec> NumericParams(bool scaled) {
  std::vector<ParamSpec> p = {{"index", K::kBool},
                              {"doc_values", K::kBool},
                              {"store", K::kBool},
                              {"ignore_malformed", K::kBool, true},
                              {"coerce", K::kBool, true},
                              {"null_value", K::kNullValue, false, {}, true},
                              {"time_series_dimension", K::kBool},
                              {"time_series_metric", K::kString},
                              {"meta", K::kMeta, true},
                              {"copy_to", K::kCopyTo, true}};
  if (scaled) p.insert(p.begin(), ParamSpec{"scaling_factor", K::kDouble});
  return p;
}

const std::map<FieldType, std::vector<ParamSpec>>& Tables() {
  static const auto* tables = new std::map<FieldType, std::vector<ParamSpec>>{
      {FieldType::kText, TextParams(false)},
      {FieldType::kMatchOnlyText, TextParams(true)},
      {FieldType::kKeyword, KeywordParams()},
      {FieldType::kConstantKeyword, {{"value", K::kConstValue, true}, {"meta", K::kMeta, true}}},
      {FieldType::kWildcard,
       {{"null_value", K::kNullValue, false, {}, true},
        {"ignore_above", K::kInt, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
      {FieldType::kLong, NumericParams(false)},
      {FieldType::kInteger, NumericParams(false)},
      {FieldType::kShort, NumericParams(false)},
      {FieldType::kByte, NumericParams(false)},
      {FieldType::kDouble, NumericParams(false)},
      {FieldType::kFloat, NumericParams(false)},
      {FieldType::kHalfFloat, NumericParams(false)},
      {FieldType::kScaledFloat, NumericParams(true)},
      {FieldType::kUnsignedLong, NumericParams(false)},
      {FieldType::kBoolean,
       {{"index", K::kBool},
        {"doc_values", K::kBool},
        {"store", K::kBool},
        {"null_value", K::kNullValue, false, {}, true},
        {"ignore_malformed", K::kBool, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
      {FieldType::kDate,
       {{"index", K::kBool},
        {"doc_values", K::kBool},
        {"store", K::kBool},
        {"format", K::kFormat},
        {"locale", K::kString},
        {"null_value", K::kNullValue, false, {}, true},
        {"ignore_malformed", K::kBool, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
      {FieldType::kDateNanos,
       {{"index", K::kBool},
        {"doc_values", K::kBool},
        {"store", K::kBool},
        {"format", K::kFormat},
        {"locale", K::kString},
        {"null_value", K::kNullValue, false, {}, true},
        {"ignore_malformed", K::kBool, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
      {FieldType::kIp,
       {{"index", K::kBool},
        {"doc_values", K::kBool},
        {"store", K::kBool},
        {"ignore_malformed", K::kBool, true},
        {"null_value", K::kNullValue, false, {}, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
      {FieldType::kBinary,
       {{"doc_values", K::kBool}, {"store", K::kBool}, {"meta", K::kMeta, true}}},
      {FieldType::kDenseVector,
       {{"element_type", K::kEnum, false, {"float", "byte", "bit"}},
        {"dims", K::kDims, true},
        {"index", K::kBool},
        {"similarity",
         K::kEnum,
         false,
         {"l2_norm", "cosine", "dot_product", "max_inner_product"},
         true},
        {"index_options", K::kObject, true, {}, true},
        {"meta", K::kMeta, true}}},
      {FieldType::kVector,
       {{"dimension", K::kDims},
        {"metric", K::kEnum, false, {"l2", "cosine", "dot"}},
        {"nlist", K::kInt},
        {"nprobe", K::kInt, true},
        {"meta", K::kMeta, true}}},
      {FieldType::kFlattened,
       {{"depth_limit", K::kInt, true},
        {"doc_values", K::kBool},
        {"eager_global_ordinals", K::kBool, true},
        {"ignore_above", K::kInt, true},
        {"index", K::kBool},
        {"index_options", K::kEnum, false, {"docs", "freqs"}},
        {"null_value", K::kNullValue, false, {}, true},
        {"similarity", K::kSimilarity},
        {"split_queries_on_whitespace", K::kBool, true},
        {"meta", K::kMeta, true}}},
      {FieldType::kAlias, {{"path", K::kString, true}}},
      {FieldType::kGeoPoint,
       {{"index", K::kBool},
        {"doc_values", K::kBool},
        {"store", K::kBool},
        {"ignore_malformed", K::kBool, true},
        {"ignore_z_value", K::kBool, true},
        {"null_value", K::kNullValue, false, {}, true},
        {"meta", K::kMeta, true},
        {"copy_to", K::kCopyTo, true}}},
  };
  return *tables;
}

const json::value* Explicit(const json::object& p, std::string_view name) {
  return p.if_contains(json::string_view(name.data(), name.size()));
}

}  // namespace

const std::vector<ParamSpec>& ParamsFor(FieldType type) { return Tables().at(type); }

const ParamSpec* FindParam(FieldType type, std::string_view name) {
  for (const ParamSpec& p : ParamsFor(type)) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

json::value DefaultParam(FieldType type, std::string_view name, const json::object& p,
                         const IndexSettings& settings) {
  if (name == "index") return true;
  if (name == "store") return false;
  if (name == "doc_values") return type != FieldType::kBinary;
  if (name == "meta") return json::object();
  if (name == "copy_to") return json::array();
  if (name == "coerce") return settings.mapping_coerce();
  if (name == "ignore_z_value") return true;
  if (name == "ignore_malformed") return settings.mapping_ignore_malformed();
  if (name == "eager_global_ordinals" || name == "fielddata" || name == "index_phrases" ||
      name == "split_queries_on_whitespace" || name == "time_series_dimension") {
    return false;
  }
  if (name == "norms") return IsTextType(type);
  if (name == "index_options") {
    if (IsTextType(type)) return "positions";
    if (type == FieldType::kDenseVector) {
      const json::value* element = Explicit(p, "element_type");
      const json::value* index = Explicit(p, "index");
      bool indexed = index == nullptr || (index->is_bool() && index->get_bool());
      bool is_float = element == nullptr || *element == "float";
      if (!indexed || !is_float) return nullptr;
      json::object io;
      io["type"] = "int8_hnsw";
      io["m"] = 16;
      io["ef_construction"] = 100;
      return io;
    }
    return "docs";
  }
  if (name == "term_vector") return "no";
  if (name == "similarity") {
    if (type == FieldType::kDenseVector) {
      const json::value* index = Explicit(p, "index");
      if (index != nullptr && index->is_bool() && !index->get_bool()) return nullptr;
      const json::value* element = Explicit(p, "element_type");
      return element != nullptr && *element == "bit" ? "l2_norm" : "cosine";
    }
    return "BM25";
  }
  if (name == "analyzer") return "default";
  if (name == "search_analyzer") {
    const json::value* a = Explicit(p, "analyzer");
    return a != nullptr ? *a : json::value("default");
  }
  if (name == "search_quote_analyzer") {
    const json::value* s = Explicit(p, "search_analyzer");
    if (s != nullptr) return *s;
    const json::value* a = Explicit(p, "analyzer");
    return a != nullptr ? *a : json::value("default");
  }
  if (name == "position_increment_gap") return 100;
  if (name == "ignore_above") return type == FieldType::kFlattened ? INT_MAX : INT_MAX;
  if (name == "depth_limit") return 20;
  if (name == "element_type") return "float";
  if (name == "format") {
    return type == FieldType::kDateNanos ? "strict_date_optional_time_nanos||epoch_millis"
                                         : "strict_date_optional_time||epoch_millis";
  }
  if (name == "locale") return "";
  if (name == "metric") return "l2";
  if (name == "nlist") return 100;
  if (name == "nprobe") return 10;
  return nullptr;
}

}  // namespace quiver::schema
