#include "schema/field_mapper_parser.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "common/strings.h"
#include "schema/field_params.h"
#include "schema/ip_address.h"
#include "schema/value_converter.h"
#include "schema/vector_options_parser.h"

namespace quiver::schema {

struct FieldMapper::Builder {
  static std::shared_ptr<FieldMapper> New() {
    return std::shared_ptr<FieldMapper>(new FieldMapper());
  }
  static std::shared_ptr<FieldMapper> Copy(const FieldMapper& f) {
    return std::shared_ptr<FieldMapper>(new FieldMapper(f));
  }
  static Status Finalize(FieldMapper* f, const IndexSettings& settings);
  static Result<std::shared_ptr<const FieldMapper>> Parse(std::string_view name,
                                                          const std::string& full_path,
                                                          FieldType type, const json::object& def,
                                                          const MappingContext& ctx,
                                                          bool multi_field);
  static Result<std::shared_ptr<const FieldMapper>> Merge(
      const std::shared_ptr<const FieldMapper>& existing,
      const std::shared_ptr<const FieldMapper>& update);
  static std::shared_ptr<const FieldMapper> WithDims(const FieldMapper& field, int dims);
  static std::shared_ptr<const FieldMapper> WithValue(const FieldMapper& field, std::string value);
};

const IndexSettings& MappingContext::settings_or_default() const {
  static const IndexSettings* defaults = new IndexSettings();
  return settings != nullptr ? *settings : *defaults;
}

Status MapperParsingError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("mapper_parsing_exception");
}

Status ValidateFieldName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("field name cannot be an empty string");
  if (TrimWhitespace(name).empty()) {
    return Status::InvalidArgument("field name cannot contain only whitespaces");
  }
  return Status::Ok();
}

namespace {

std::string JavaToString(const json::value& v);

// Java's Map/List toString, as ES prints parameter values in messages.
std::string JavaToString(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return std::string(v.get_string());
    case json::kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += std::string(kv.key()) + "=" + JavaToString(kv.value());
      }
      return out + "}";
    }
    case json::kind::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        out += JavaToString(e);
      }
      return out + "]";
    }
    default:
      return ToJson(v);
  }
}

std::string ChoicesText(const std::vector<std::string_view>& choices) {
  std::string out = "[";
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += ", ";
    out += choices[i];
  }
  return out + "]";
}

Result<json::value> NormalizeBool(const json::value& v, std::string_view field,
                                  std::string_view param) {
  if (v.is_bool()) return v;
  if (v.is_string() && (v.get_string() == "true" || v.get_string() == "false")) {
    return json::value(v.get_string() == "true");
  }
  return Status::InvalidArgument("Could not convert [" + std::string(field) + "." +
                                 std::string(param) + "] to boolean")
      .WithCause(Status::InvalidArgument("Failed to parse value [" + JavaToString(v) +
                                         "] as only [true] or [false] are allowed."));
}

Result<int64_t> NodeInteger(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<int64_t>(v.get_uint64());
  if (v.is_double()) return static_cast<int64_t>(v.get_double());
  std::string text = JavaToString(v);
  int64_t out = 0;
  if (v.is_string() && ParseInt64(text, &out)) return out;
  return Status::InvalidArgument("For input string: \"" + text + "\"")
      .WithType("number_format_exception");
}

Result<double> NodeDouble(const json::value& v) {
  auto d = JsonToDouble(v);
  if (d) return *d;
  return Status::InvalidArgument("For input string: \"" + JavaToString(v) + "\"")
      .WithType("number_format_exception");
}

Status ValidateMeta(const json::value& v, std::string_view field) {
  if (!v.is_object()) {
    return MapperParsingError("[meta] must be an object, got " + std::string(JsonTokenName(v)) +
                              "[" + JavaToString(v) + "] for field [" + std::string(field) + "]");
  }
  const auto& obj = v.get_object();
  if (obj.size() > 5) {
    return MapperParsingError("[meta] can't have more than 5 entries, but got " +
                              std::to_string(obj.size()) + " on field [" + std::string(field) +
                              "]");
  }
  for (const auto& kv : obj) {
    if (kv.key().size() > 20) {
      return MapperParsingError("[meta] keys can't be longer than 20 chars, but got [" +
                                std::string(kv.key()) + "] for field [" + std::string(field) + "]");
    }
    if (!kv.value().is_string()) {
      std::string java_type = kv.value().is_double()   ? "Double"
                              : kv.value().is_bool()   ? "Boolean"
                              : kv.value().is_null()   ? "null"
                              : kv.value().is_array()  ? "ArrayList"
                              : kv.value().is_object() ? "LinkedHashMap"
                                                       : "Integer";
      return MapperParsingError("[meta] values can only be strings, but got " + java_type + "[" +
                                JavaToString(kv.value()) + "] for field [" + std::string(field) +
                                "]");
    }
    if (kv.value().get_string().size() > 50) {
      return MapperParsingError("[meta] values can't be longer than 50 chars, but got [" +
                                std::string(kv.value().get_string()) + "] for field [" +
                                std::string(field) + "]");
    }
  }
  return Status::Ok();
}

bool SimilarityExists(std::string_view name, const IndexSettings& settings) {
  if (name == "BM25" || name == "boolean") return true;
  for (const auto& [key, value] : settings.values()) {
    std::string prefix = "index.similarity." + std::string(name) + ".";
    if (key.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

Result<json::value> ParseIndexPrefixes(const json::value& v, std::string_view field) {
  if (v.is_null()) return v;
  if (!v.is_object()) {
    return MapperParsingError("[index_prefixes] must be an object on field [" + std::string(field) +
                              "]");
  }
  int64_t min_chars = 2, max_chars = 5;
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "min_chars") {
      QUIVER_ASSIGN_OR_RETURN(min_chars, NodeInteger(kv.value()));
    } else if (kv.key() == "max_chars") {
      QUIVER_ASSIGN_OR_RETURN(max_chars, NodeInteger(kv.value()));
    } else {
      return MapperParsingError("Unknown parameter [" + std::string(kv.key()) +
                                "] on index_prefixes of field [" + std::string(field) + "]");
    }
  }
  if (min_chars < 0) {
    return Status::InvalidArgument("min_chars [" + std::to_string(min_chars) +
                                   "] must be greater than zero");
  }
  if (max_chars >= 20) {
    return Status::InvalidArgument("max_chars [" + std::to_string(max_chars) +
                                   "] must be less than 20");
  }
  if (min_chars > max_chars) {
    return Status::InvalidArgument("min_chars [" + std::to_string(min_chars) +
                                   "] must be less than max_chars [" + std::to_string(max_chars) +
                                   "]");
  }
  json::object out;
  out["min_chars"] = min_chars;
  out["max_chars"] = max_chars;
  return json::value(std::move(out));
}

// Normalizes one parameter value according to its spec.
Result<json::value> NormalizeParam(const ParamSpec& spec, FieldType type, const json::value& v,
                                   std::string_view name, const MappingContext& ctx,
                                   const json::object& so_far) {
  const std::string type_name(FieldTypeName(type));
  switch (spec.kind) {
    case ParamKind::kBool:
      return NormalizeBool(v, name, spec.name);
    case ParamKind::kInt: {
      QUIVER_ASSIGN_OR_RETURN(int64_t i, NodeInteger(v));
      if (spec.name == "ignore_above" && i < 0) {
        return Status::InvalidArgument("[ignore_above] must be positive, got [" +
                                       std::to_string(i) + "]");
      }
      if (spec.name == "position_increment_gap" && i < 0) {
        return MapperParsingError("[position_increment_gap] must be positive, got [" +
                                  std::to_string(i) + "]");
      }
      if ((spec.name == "depth_limit" || spec.name == "nlist" || spec.name == "nprobe") && i < 1) {
        return Status::InvalidArgument("[" + std::string(spec.name) + "] must be positive, got [" +
                                       std::to_string(i) + "]");
      }
      if (i > INT32_MAX || i < INT32_MIN) {
        return Status::InvalidArgument("Value [" + std::to_string(i) +
                                       "] is out of range for an integer");
      }
      return json::value(i);
    }
    case ParamKind::kDouble: {
      QUIVER_ASSIGN_OR_RETURN(double d, NodeDouble(v));
      return json::value(d);
    }
    case ParamKind::kString:
    case ParamKind::kConstValue:
    case ParamKind::kFormat: {
      auto s = JsonToString(v);
      if (!s) {
        return MapperParsingError("[" + std::string(spec.name) + "] on mapper [" +
                                  std::string(name) + "] of type [" + type_name +
                                  "] must be a string, got " + std::string(JsonTokenName(v)));
      }
      return json::value(*s);
    }
    case ParamKind::kEnum: {
      auto s = JsonToString(v);
      std::string text = s ? *s : JavaToString(v);
      for (std::string_view c : spec.choices) {
        if (text == c) return json::value(text);
      }
      if (spec.name == "element_type") {
        return MapperParsingError("invalid element_type [" + text + "]; available types are " +
                                  ChoicesText(spec.choices));
      }
      return MapperParsingError("Unknown value [" + text + "] for field [" +
                                std::string(spec.name) + "] - accepted values are " +
                                ChoicesText(spec.choices));
    }
    case ParamKind::kAnalyzer: {
      auto s = JsonToString(v);
      std::string text = s ? *s : JavaToString(v);
      if (ctx.analyzer_exists && text != "default" && !ctx.analyzer_exists(text)) {
        return MapperParsingError("analyzer [" + text + "] has not been configured in mappings");
      }
      return json::value(text);
    }
    case ParamKind::kNormalizer: {
      auto s = JsonToString(v);
      std::string text = s ? *s : JavaToString(v);
      if (ctx.normalizer_exists && !ctx.normalizer_exists(text)) {
        return MapperParsingError("normalizer [" + text + "] not found for field [" +
                                  std::string(name) + "]");
      }
      return json::value(text);
    }
    case ParamKind::kSimilarity: {
      auto s = JsonToString(v);
      std::string text = s ? *s : JavaToString(v);
      if (!SimilarityExists(text, ctx.settings_or_default())) {
        return MapperParsingError("Unknown Similarity type [" + text + "] for field [" +
                                  std::string(name) + "]");
      }
      return json::value(text);
    }
    case ParamKind::kMeta:
      QUIVER_RETURN_IF_ERROR(ValidateMeta(v, name));
      return v;
    case ParamKind::kCopyTo: {
      json::array out;
      if (v.is_array()) {
        for (const auto& e : v.get_array()) {
          auto s = JsonToString(e);
          if (!s) return MapperParsingError("[copy_to] entries must be strings");
          out.emplace_back(*s);
        }
      } else {
        auto s = JsonToString(v);
        if (!s) return MapperParsingError("[copy_to] must be a string or an array of strings");
        out.emplace_back(*s);
      }
      return json::value(std::move(out));
    }
    case ParamKind::kNullValue:
      if (v.is_object() || v.is_array()) {
        return MapperParsingError("[null_value] on mapper [" + std::string(name) + "] of type [" +
                                  type_name + "] must be a scalar value");
      }
      return v;
    case ParamKind::kDims: {
      if (!v.is_int64() && !v.is_uint64()) {
        return MapperParsingError("Property [" + std::string(spec.name) + "] on field [" +
                                  std::string(name) + "] must be an integer but got [" +
                                  JavaToString(v) + "]");
      }
      int64_t dims = v.is_int64() ? v.get_int64() : INT64_MAX;
      const json::value* element = so_far.if_contains("element_type");
      const bool bit = element != nullptr && *element == "bit";
      const int64_t min_dims = bit ? 8 : 1;
      const int64_t max_dims = bit ? 4096 * 8 : 4096;
      if (dims < min_dims || dims > max_dims) {
        return MapperParsingError("The number of dimensions should be in the range [" +
                                  std::to_string(min_dims) + ", " + std::to_string(max_dims) +
                                  "] but was [" + JavaToString(v) + "]");
      }
      if (bit && dims % 8 != 0) {
        return MapperParsingError(
            "The number of dimensions for should be a multiple of 8 but was [" +
            std::to_string(dims) + "]");
      }
      return json::value(dims);
    }
    case ParamKind::kObject:
      if (spec.name == "index_prefixes") return ParseIndexPrefixes(v, name);
      if (spec.name == "index_options") return ParseVectorIndexOptions(v, name);
      if (!v.is_object()) {
        return MapperParsingError("[" + std::string(spec.name) + "] must be an object on field [" +
                                  std::string(name) + "]");
      }
      return v;
  }
  return v;
}

}  // namespace

Result<std::shared_ptr<const FieldMapper>> FieldMapper::Builder::Parse(
    std::string_view name, const std::string& full_path, FieldType type, const json::object& def,
    const MappingContext& ctx, bool multi_field) {
  auto f = New();
  f->name_ = std::string(name);
  f->full_path_ = full_path;
  f->type_ = type;
  f->is_multi_field_ = multi_field;
  const std::string type_name(FieldTypeName(type));
  const json::object* fields = nullptr;

  // "element_type" first: dims validation depends on it.
  std::vector<const json::key_value_pair*> ordered;
  for (const auto& kv : def) {
    if (kv.key() == "element_type")
      ordered.insert(ordered.begin(), &kv);
    else
      ordered.push_back(&kv);
  }
  for (const json::key_value_pair* kv : ordered) {
    std::string_view key(kv->key().data(), kv->key().size());
    const json::value& v = kv->value();
    if (key == "type") continue;
    if (key == "fields" && type != FieldType::kAlias && type != FieldType::kVector &&
        type != FieldType::kDenseVector && type != FieldType::kConstantKeyword) {
      if (multi_field) {
        return Status::InvalidArgument(
            "Encountered a multi-field [" + std::string(name) +
            "] which itself contains a multi-field. Defining chained multi-fields is not "
            "supported.");
      }
      if (v.is_array() && v.get_array().empty()) continue;
      if (!v.is_object()) {
        return MapperParsingError("Expected map for property [fields] on field [" +
                                  std::string(name) + "] but got a " +
                                  std::string(JsonTokenName(v)));
      }
      fields = &v.get_object();
      continue;
    }
    if (key == "copy_to" && multi_field) {
      return MapperParsingError(
          "copy_to in multi fields is not allowed. Found the copy_to in field [" +
          std::string(name) + "] which is within a multi field.");
    }
    const ParamSpec* spec = FindParam(type, key);
    if (spec == nullptr) {
      return MapperParsingError("unknown parameter [" + std::string(key) + "] on mapper [" +
                                std::string(name) + "] of type [" + type_name + "]");
    }
    if (v.is_null()) {
      if (!spec->accepts_null) {
        return MapperParsingError("[" + std::string(key) + "] on mapper [" + std::string(name) +
                                  "] of type [" + type_name + "] must not have a [null] value");
      }
      continue;
    }
    QUIVER_ASSIGN_OR_RETURN(json::value normalized,
                            NormalizeParam(*spec, type, v, name, ctx, f->params_));
    if (!normalized.is_null()) f->params_[key] = std::move(normalized);
  }

  QUIVER_RETURN_IF_ERROR(Finalize(f.get(), ctx.settings_or_default()));

  if (fields != nullptr) {
    std::vector<std::shared_ptr<const FieldMapper>> subs;
    for (const auto& kv : *fields) {
      std::string_view sub_name(kv.key().data(), kv.key().size());
      QUIVER_RETURN_IF_ERROR(ValidateFieldName(sub_name));
      if (!kv.value().is_object()) {
        return MapperParsingError("Expected map for property [fields] on field [" +
                                  std::string(sub_name) + "] but got a " +
                                  std::string(JsonTokenName(kv.value())));
      }
      const json::object& sub_def = kv.value().get_object();
      const json::value* sub_type = sub_def.if_contains("type");
      if (sub_type == nullptr) {
        return MapperParsingError("No type specified for field [" + std::string(sub_name) + "]");
      }
      std::string sub_type_name = JsonToString(*sub_type).value_or(JavaToString(*sub_type));
      if (sub_type_name == "object" || sub_type_name == "nested") {
        return MapperParsingError("Type [" + sub_type_name + "] cannot be used in multi field");
      }
      auto parsed_type = FieldTypeFromName(sub_type_name);
      if (!parsed_type) {
        return MapperParsingError("The mapper type [" + sub_type_name + "] declared on field [" +
                                  std::string(sub_name) +
                                  "] does not exist. It might have been created within a future "
                                  "version or requires a plugin to be installed. Check the "
                                  "documentation.");
      }
      QUIVER_ASSIGN_OR_RETURN(auto sub, Parse(sub_name, full_path + "." + std::string(sub_name),
                                              *parsed_type, sub_def, ctx, true));
      subs.push_back(std::move(sub));
    }
    std::sort(subs.begin(), subs.end(),
              [](const auto& a, const auto& b) { return a->name() < b->name(); });
    f->multi_fields_ = std::move(subs);
  }
  return std::shared_ptr<const FieldMapper>(std::move(f));
}

Status FieldMapper::Builder::Finalize(FieldMapper* f, const IndexSettings& settings) {
  const FieldType type = f->type_;
  // Effective values of every parameter.
  f->effective_.clear();
  for (const ParamSpec& spec : ParamsFor(type)) {
    const json::value* v = f->params_.if_contains(spec.name);
    f->effective_[spec.name] =
        v != nullptr ? *v : DefaultParam(type, spec.name, f->params_, settings);
  }
  auto eff = [&](std::string_view name) -> const json::value& {
    static const json::value kNull;
    const json::value* v = f->effective_.if_contains(json::string_view(name.data(), name.size()));
    return v != nullptr ? *v : kNull;
  };
  auto eff_bool = [&](std::string_view name, bool dflt) {
    const json::value& v = eff(name);
    return v.is_bool() ? v.get_bool() : dflt;
  };
  auto eff_int = [&](std::string_view name, int64_t dflt) {
    const json::value& v = eff(name);
    return v.is_int64() ? v.get_int64() : dflt;
  };
  auto eff_str = [&](std::string_view name) {
    const json::value& v = eff(name);
    return v.is_string() ? std::string(v.get_string()) : std::string();
  };
  auto index_options = [&](std::string_view s) {
    if (s == "docs") return IndexOptions::kDocs;
    if (s == "freqs") return IndexOptions::kFreqs;
    if (s == "offsets") return IndexOptions::kOffsets;
    return IndexOptions::kPositions;
  };

  f->index_ = eff_bool("index", true);
  f->store_ = eff_bool("store", false);
  f->doc_values_ = eff_bool("doc_values", type != FieldType::kBinary && !IsTextType(type));
  if (const json::value* m = f->params_.if_contains("meta")) f->meta_ = *m;
  f->copy_to_.clear();
  if (const json::value* c = f->params_.if_contains("copy_to")) {
    for (const auto& e : c->get_array()) f->copy_to_.emplace_back(e.get_string());
  }
  if (const json::value* nv = f->params_.if_contains("null_value")) f->null_value_ = *nv;

  if (IsTextType(type)) {
    TextOptions& t = f->text_;
    t.analyzer = eff_str("analyzer");
    t.search_analyzer = eff_str("search_analyzer");
    t.search_quote_analyzer = eff_str("search_quote_analyzer");
    if (t.analyzer.empty()) t.analyzer = "default";
    if (t.search_analyzer.empty()) t.search_analyzer = t.analyzer;
    if (t.search_quote_analyzer.empty()) t.search_quote_analyzer = t.search_analyzer;
    if (type == FieldType::kText) {
      t.index_options = index_options(eff_str("index_options"));
      t.norms = eff_bool("norms", true);
      t.position_increment_gap = static_cast<int>(eff_int("position_increment_gap", 100));
      t.fielddata = eff_bool("fielddata", false);
      t.eager_global_ordinals = eff_bool("eager_global_ordinals", false);
      t.index_phrases = eff_bool("index_phrases", false);
      t.similarity = eff_str("similarity");
      const std::string tv = eff_str("term_vector");
      static const char* kTv[] = {"no",
                                  "yes",
                                  "with_positions",
                                  "with_offsets",
                                  "with_positions_offsets",
                                  "with_positions_payloads",
                                  "with_positions_offsets_payloads"};
      for (int i = 0; i < 7; ++i) {
        if (tv == kTv[i]) t.term_vector = static_cast<TermVector>(i);
      }
      const json::value& ip = eff("index_prefixes");
      if (ip.is_object()) {
        t.index_prefixes = IndexPrefixes{static_cast<int>(ip.at("min_chars").as_int64()),
                                         static_cast<int>(ip.at("max_chars").as_int64())};
      }
    } else {
      t.index_options = IndexOptions::kDocs;
      t.norms = false;
    }
  }
  if (IsKeywordType(type) || type == FieldType::kFlattened) {
    KeywordOptions& k = f->keyword_;
    k.ignore_above = static_cast<int>(eff_int("ignore_above", INT_MAX));
    k.normalizer = eff_str("normalizer");
    k.eager_global_ordinals = eff_bool("eager_global_ordinals", false);
    k.split_queries_on_whitespace = eff_bool("split_queries_on_whitespace", false);
    k.index_options =
        index_options(eff_str("index_options").empty() ? "docs" : eff_str("index_options"));
    k.norms = eff_bool("norms", false);
    k.similarity = eff_str("similarity").empty() ? "BM25" : eff_str("similarity");
    k.depth_limit = static_cast<int>(eff_int("depth_limit", 20));
    if (const json::value* cv = f->params_.if_contains("value")) {
      k.constant_value = std::string(cv->get_string());
    }
  }
  if (IsNumericType(type) || type == FieldType::kBoolean || IsDateType(type) ||
      type == FieldType::kIp || type == FieldType::kGeoPoint) {
    f->numeric_.coerce = eff_bool("coerce", true);
    f->numeric_.ignore_z_value = eff_bool("ignore_z_value", true);
    f->numeric_.ignore_malformed = eff_bool("ignore_malformed", false);
  }
  if (type == FieldType::kScaledFloat) {
    const json::value* sf = f->params_.if_contains("scaling_factor");
    if (sf == nullptr) return Status::InvalidArgument("Field [scaling_factor] is required");
    double factor = sf->as_double();
    if (!std::isfinite(factor) || factor <= 0) {
      std::string text;
      AppendJsonDouble(&text, factor);
      return Status::InvalidArgument("[scaling_factor] must be a positive number, got [" + text +
                                     "]");
    }
    f->numeric_.scaling_factor = factor;
  }
  if (IsDateType(type)) {
    DateOptions& d = f->date_;
    const std::string spec = eff_str("format");
    auto format = DateFormat::Parse(spec);
    if (!format.ok()) {
      return Status::InvalidArgument("Error parsing [format] on field [" + f->name_ +
                                     "]: " + format.status().message());
    }
    d.format = std::move(*format);
    d.locale = eff_str("locale");
    d.ignore_malformed = f->numeric_.ignore_malformed;
  }
  if (IsVectorType(type)) {
    QUIVER_RETURN_IF_ERROR(
        FinalizeVectorOptions(f->name_, type, f->params_, f->effective_, &f->vector_, &f->index_));
  }
  if (type == FieldType::kAlias) {
    const json::value* path = f->params_.if_contains("path");
    if (path == nullptr) {
      return MapperParsingError("The [path] property must be specified for field [" + f->name_ +
                                "].");
    }
    f->alias_path_ = std::string(path->get_string());
  }

  // null_value must be a value the field can parse.
  if (f->null_value_ && !IsVectorType(type) && type != FieldType::kAlias) {
    std::string storage;
    JsonScalar s = ScalarFromJson(*f->null_value_, &storage);
    FieldValue probe;
    Status st = ConvertScalar(*f, s, &probe);
    if (!st.ok()) {
      return MapperParsingError("Error parsing [null_value] on field [" + f->name_ +
                                "]: " + st.message());
    }
  }

  // What GET _mapping shows: explicit values that differ from the default,
  // plus the parameters ES always prints.
  f->shown_.clear();
  for (const ParamSpec& spec : ParamsFor(type)) {
    if (spec.name == "copy_to") continue;
    const json::value* v = f->params_.if_contains(spec.name);
    const json::value& e = eff(spec.name);
    const bool always =
        type == FieldType::kDenseVector && (spec.name == "index" || spec.name == "similarity" ||
                                            spec.name == "index_options" || spec.name == "dims");
    if (always) {
      if (!e.is_null()) f->shown_[spec.name] = e;
      continue;
    }
    if (v != nullptr && *v != DefaultParam(type, spec.name, f->params_, settings)) {
      f->shown_[spec.name] = *v;
    }
  }
  return Status::Ok();
}

Result<std::shared_ptr<const FieldMapper>> ParseFieldMapper(std::string_view name,
                                                            const std::string& full_path,
                                                            FieldType type, const json::object& def,
                                                            const MappingContext& ctx,
                                                            bool multi_field) {
  return FieldMapper::Builder::Parse(name, full_path, type, def, ctx, multi_field);
}

Result<std::shared_ptr<const FieldMapper>> FieldMapper::Builder::Merge(
    const std::shared_ptr<const FieldMapper>& existing,
    const std::shared_ptr<const FieldMapper>& update) {
  if (existing->type() != update->type()) {
    return Status::InvalidArgument(
        "mapper [" + existing->full_path() + "] cannot be changed from type [" +
        std::string(existing->type_name()) + "] to [" + std::string(update->type_name()) + "]");
  }
  std::vector<std::string> conflicts;
  for (const ParamSpec& spec : ParamsFor(existing->type())) {
    const json::value* a = existing->effective_.if_contains(spec.name);
    const json::value* b = update->effective_.if_contains(spec.name);
    json::value va = a != nullptr ? *a : json::value();
    json::value vb = b != nullptr ? *b : json::value();
    if (va == vb) continue;
    bool ok = spec.updateable;
    if (spec.kind == ParamKind::kDims || spec.kind == ParamKind::kConstValue) {
      ok = va.is_null();
    } else if (spec.name == "norms") {
      ok = va == json::value(true) && vb == json::value(false);
    } else if (spec.name == "index_options" && existing->type() == FieldType::kDenseVector) {
      ok = va.is_null() || vb.is_null() || VectorIndexOptionsUpdatable(va, vb);
    }
    if (!ok) {
      conflicts.push_back("Cannot update parameter [" + std::string(spec.name) + "] from [" +
                          JavaToString(va) + "] to [" + JavaToString(vb) + "]");
    }
  }
  if (!conflicts.empty()) {
    std::string msg = "Mapper for [" + existing->full_path() + "] conflicts with existing mapper:";
    for (const std::string& c : conflicts) msg += "\n\t" + c;
    return Status::InvalidArgument(std::move(msg));
  }
  auto merged = Copy(*update);
  // dims / constant value set by documents survive an update that omits them.
  if (merged->params_.if_contains("dims") == nullptr && existing->params_.if_contains("dims")) {
    merged = Copy(*WithVectorDims(*merged, existing->vector().dims));
  }
  if (merged->params_.if_contains("value") == nullptr && existing->keyword().constant_value) {
    merged = Copy(*WithConstantValue(*merged, *existing->keyword().constant_value));
  }
  // Multi-fields: existing ones are kept, the update's merged in or added.
  std::vector<std::shared_ptr<const FieldMapper>> subs = existing->multi_fields();
  for (const auto& sub : update->multi_fields()) {
    auto it = std::find_if(subs.begin(), subs.end(),
                           [&](const auto& s) { return s->name() == sub->name(); });
    if (it == subs.end()) {
      subs.push_back(sub);
    } else {
      QUIVER_ASSIGN_OR_RETURN(*it, Merge(*it, sub));
    }
  }
  std::sort(subs.begin(), subs.end(),
            [](const auto& a, const auto& b) { return a->name() < b->name(); });
  merged->multi_fields_ = std::move(subs);
  return std::shared_ptr<const FieldMapper>(std::move(merged));
}

Result<std::shared_ptr<const FieldMapper>> MergeFieldMappers(
    const std::shared_ptr<const FieldMapper>& existing,
    const std::shared_ptr<const FieldMapper>& update) {
  return FieldMapper::Builder::Merge(existing, update);
}

std::shared_ptr<const FieldMapper> WithVectorDims(const FieldMapper& field, int dims) {
  return FieldMapper::Builder::WithDims(field, dims);
}

std::shared_ptr<const FieldMapper> WithConstantValue(const FieldMapper& field, std::string value) {
  return FieldMapper::Builder::WithValue(field, std::move(value));
}

std::shared_ptr<const FieldMapper> FieldMapper::Builder::WithDims(const FieldMapper& field,
                                                                  int dims) {
  auto f = Copy(field);
  std::string_view key = field.type() == FieldType::kVector ? "dimension" : "dims";
  f->params_[key] = dims;
  f->effective_[key] = dims;
  f->shown_[key] = dims;
  f->vector_.dims = dims;
  // Keep "dims" right after element_type in the printed order.
  if (field.type() == FieldType::kDenseVector) {
    json::object reordered;
    for (const ParamSpec& spec : ParamsFor(field.type())) {
      if (const json::value* v = f->shown_.if_contains(spec.name)) reordered[spec.name] = *v;
    }
    f->shown_ = std::move(reordered);
  }
  return f;
}

std::shared_ptr<const FieldMapper> FieldMapper::Builder::WithValue(const FieldMapper& field,
                                                                   std::string value) {
  auto f = Copy(field);
  f->params_["value"] = value;
  f->effective_["value"] = value;
  f->shown_["value"] = value;
  f->keyword_.constant_value = std::move(value);
  return f;
}

}  // namespace quiver::schema
