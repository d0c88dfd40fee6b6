#include "schema/dynamic_template.h"

#include <array>

#include "common/strings.h"

namespace quiver::schema {

namespace {

constexpr std::array<std::string_view, 7> kTypeNames = {"object",  "string", "long",  "double",
                                                        "boolean", "date",   "binary"};

Status MapperError(std::string msg) {
  return Status::InvalidArgument(std::move(msg)).WithType("mapper_parsing_exception");
}

Result<std::vector<std::string>> StringOrList(const json::value& v, std::string_view key) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.emplace_back(v.get_string());
    return out;
  }
  if (v.is_array()) {
    for (const auto& e : v.get_array()) {
      if (!e.is_string()) {
        return MapperError("[" + std::string(key) +
                           "] values must either be a string or a list "
                           "of strings, but was [" +
                           ToJson(v) + "]");
      }
      out.emplace_back(e.get_string());
    }
    return out;
  }
  return MapperError("[" + std::string(key) +
                     "] values must either be a string or a list of "
                     "strings, but was [" +
                     ToJson(v) + "]");
}

Result<std::vector<DynamicValueType>> ParseTypes(const json::value& v, std::string_view key) {
  QUIVER_ASSIGN_OR_RETURN(std::vector<std::string> names, StringOrList(v, key));
  std::vector<DynamicValueType> out;
  for (const std::string& n : names) {
    if (n == "*") {
      for (size_t i = 0; i < kTypeNames.size(); ++i)
        out.push_back(static_cast<DynamicValueType>(i));
      continue;
    }
    bool found = false;
    for (size_t i = 0; i < kTypeNames.size(); ++i) {
      if (kTypeNames[i] == n) {
        out.push_back(static_cast<DynamicValueType>(i));
        found = true;
      }
    }
    if (!found) {
      return Status::InvalidArgument("No field type matched on [" + n +
                                     "], possible values are [object, string, long, double, "
                                     "boolean, date, binary]");
    }
  }
  return out;
}

std::string Substitute(std::string_view s, std::string_view name, std::string_view dynamic_type) {
  std::string out(s);
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"{name}", name},
                          {"{dynamic_type}", dynamic_type},
                          {"{dynamicType}", dynamic_type}}) {
    size_t pos = 0;
    while ((pos = out.find(from, pos)) != std::string::npos) {
      out.replace(pos, from.size(), to);
      pos += to.size();
    }
  }
  return out;
}

json::value SubstituteValue(const json::value& v, std::string_view name,
                            std::string_view dynamic_type) {
  if (v.is_string()) {
    return json::value(Substitute(std::string_view(v.get_string().data(), v.get_string().size()),
                                  name, dynamic_type));
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.get_array()) out.push_back(SubstituteValue(e, name, dynamic_type));
    return out;
  }
  if (v.is_object()) {
    json::object out;
    for (const auto& kv : v.get_object()) {
      std::string key =
          Substitute(std::string_view(kv.key().data(), kv.key().size()), name, dynamic_type);
      out[key] = SubstituteValue(kv.value(), name, dynamic_type);
    }
    return out;
  }
  return v;
}

}  // namespace

std::string_view DynamicValueTypeName(DynamicValueType t) {
  return kTypeNames[static_cast<size_t>(t)];
}

std::string_view DefaultMappingType(DynamicValueType t) {
  switch (t) {
    case DynamicValueType::kObject:
      return "object";
    case DynamicValueType::kString:
      return "text";
    case DynamicValueType::kLong:
      return "long";
    case DynamicValueType::kDouble:
      return "float";
    case DynamicValueType::kBoolean:
      return "boolean";
    case DynamicValueType::kDate:
      return "date";
    case DynamicValueType::kBinary:
      return "binary";
  }
  return "text";
}

Result<DynamicTemplate> DynamicTemplate::Parse(std::string name, const json::value& def) {
  DynamicTemplate t;
  t.name_ = std::move(name);
  t.definition_ = def;
  if (!def.is_object()) {
    return MapperError("Dynamic template syntax error. An array of named objects is expected.");
  }
  bool has_mapping = false;
  for (const auto& kv : def.get_object()) {
    std::string_view key(kv.key().data(), kv.key().size());
    const json::value& v = kv.value();
    if (key == "match") {
      QUIVER_ASSIGN_OR_RETURN(t.match_, StringOrList(v, key));
    } else if (key == "unmatch") {
      QUIVER_ASSIGN_OR_RETURN(t.unmatch_, StringOrList(v, key));
    } else if (key == "path_match") {
      QUIVER_ASSIGN_OR_RETURN(t.path_match_, StringOrList(v, key));
    } else if (key == "path_unmatch") {
      QUIVER_ASSIGN_OR_RETURN(t.path_unmatch_, StringOrList(v, key));
    } else if (key == "match_mapping_type") {
      QUIVER_ASSIGN_OR_RETURN(t.match_types_, ParseTypes(v, key));
    } else if (key == "unmatch_mapping_type") {
      QUIVER_ASSIGN_OR_RETURN(t.unmatch_types_, ParseTypes(v, key));
    } else if (key == "match_pattern") {
      std::string p = JsonToString(v).value_or("");
      if (p == "regex") {
        t.regex_ = true;
      } else if (p != "simple") {
        return Status::InvalidArgument("No matching pattern found for [" + p + "]");
      }
    } else if (key == "mapping" || key == "runtime") {
      if (has_mapping) {
        return MapperError(
            "mapping and runtime cannot be both specified in the same dynamic "
            "template [" +
            t.name_ + "]");
      }
      if (!v.is_object()) {
        return MapperError("dynamic template [" + t.name_ + "] must have a [" + std::string(key) +
                           "] object");
      }
      has_mapping = true;
      t.runtime_ = key == "runtime";
      t.mapping_ = v.get_object();
    } else {
      return MapperError("Illegal dynamic template parameter: [" + std::string(key) + "]");
    }
  }
  if (!has_mapping) {
    return MapperError("template [" + t.name_ + "] must have either mapping or runtime set");
  }
  if (t.regex_) {
    auto regexes = std::make_shared<std::vector<std::regex>>();
    for (const auto* list : {&t.match_, &t.unmatch_, &t.path_match_, &t.path_unmatch_}) {
      for (const std::string& p : *list) {
        // std::regex reports bad patterns by exception; this is the library
        // boundary, so it is caught here and turned into a Status.
        try {
          regexes->emplace_back(p, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error&) {
          return Status::InvalidArgument("Pattern [" + p +
                                         "] of type [regex] is invalid. Cannot "
                                         "create dynamic template [" +
                                         t.name_ + "].");
        }
      }
    }
    t.regexes_ = std::move(regexes);
  }
  return t;
}

bool DynamicTemplate::MatchOne(const std::string& pattern, size_t regex_index,
                               std::string_view value) const {
  if (!regex_) return SimpleMatch(pattern, value);
  return std::regex_match(value.begin(), value.end(), (*regexes_)[regex_index]);
}

bool DynamicTemplate::Matches(std::string_view path, std::string_view field_name,
                              DynamicValueType type) const {
  const size_t unmatch_base = match_.size();
  const size_t path_match_base = unmatch_base + unmatch_.size();
  const size_t path_unmatch_base = path_match_base + path_match_.size();
  auto any = [&](const std::vector<std::string>& list, size_t base, std::string_view value) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (MatchOne(list[i], base + i, value)) return true;
    }
    return false;
  };
  if (!path_match_.empty() && !any(path_match_, path_match_base, path)) return false;
  if (!match_.empty() && !any(match_, 0, field_name)) return false;
  if (any(path_unmatch_, path_unmatch_base, path)) return false;
  if (any(unmatch_, unmatch_base, field_name)) return false;
  if (!match_types_.empty() &&
      std::find(match_types_.begin(), match_types_.end(), type) == match_types_.end()) {
    return false;
  }
  if (std::find(unmatch_types_.begin(), unmatch_types_.end(), type) != unmatch_types_.end()) {
    return false;
  }
  // Runtime fields cannot be objects or binary.
  if (runtime_ && (type == DynamicValueType::kObject || type == DynamicValueType::kBinary)) {
    return false;
  }
  return true;
}

json::object DynamicTemplate::MappingFor(std::string_view field_name, DynamicValueType type) const {
  return SubstituteValue(json::value(mapping_), field_name, DefaultMappingType(type)).get_object();
}

std::string DynamicTemplate::MappingType(DynamicValueType type) const {
  const json::value* t = mapping_.if_contains("type");
  std::string_view dynamic_type = DefaultMappingType(type);
  if (t == nullptr || !t->is_string()) return std::string(dynamic_type);
  return Substitute(std::string_view(t->get_string().data(), t->get_string().size()), "",
                    dynamic_type);
}

json::value DynamicTemplate::ToJson() const {
  json::object out;
  out[name_] = definition_;
  return out;
}

}  // namespace quiver::schema
