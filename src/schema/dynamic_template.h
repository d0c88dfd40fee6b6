// DynamicTemplate: one entry of a mapping's `dynamic_templates` — rules that
// choose the mapping of a new field by its name, path and JSON type
// (match / unmatch / path_match / path_unmatch / match_mapping_type /
// unmatch_mapping_type, `simple` wildcards or `regex`), and the mapping
// snippet to apply with `{name}` / `{dynamic_type}` substituted.
//
// Immutable after Parse; thread-safe.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "common/strings.h"

namespace quiver::schema {

// The JSON type of a new value as dynamic templates see it (ES
// XContentFieldType). Strings that pass date / numeric detection are kDate,
// kLong or kDouble.
enum class DynamicValueType : uint8_t {
  kObject,
  kString,
  kLong,
  kDouble,
  kBoolean,
  kDate,
  kBinary
};
// "object", "string", "long", ...: the names match_mapping_type uses.
std::string_view DynamicValueTypeName(DynamicValueType t);
// What `{dynamic_type}` becomes (and the type used when a template's mapping
// has none): object, text, long, float, boolean, date, binary.
std::string_view DefaultMappingType(DynamicValueType t);

class DynamicTemplate {
 public:
  // Parses `{"match": ..., "mapping": {...}}` (the value under the template
  // name). Errors are mapper_parsing_exception / illegal_argument_exception
  // with ES's messages.
  static Result<DynamicTemplate> Parse(std::string name, const json::value& def);

  const std::string& name() const { return name_; }
  bool is_runtime() const { return runtime_; }
  // The types named by match_mapping_type ("*" or absent: all).
  const std::vector<DynamicValueType>& match_mapping_types() const { return match_types_; }

  // `path` is the full dotted path of the new field, `field_name` its last
  // component.
  bool Matches(std::string_view path, std::string_view field_name, DynamicValueType type) const;

  // The mapping snippet for a field, with `{name}` and `{dynamic_type}` (and
  // the legacy `{dynamicType}`) substituted in keys and string values.
  json::object MappingFor(std::string_view field_name, DynamicValueType type) const;
  // The type the snippet declares (after substitution), or the default one.
  std::string MappingType(DynamicValueType type) const;

  // {"<name>": {...}} as given, for GET _mapping.
  json::value ToJson() const;

 private:
  bool MatchOne(const std::string& pattern, size_t regex_index, std::string_view value) const;

  std::string name_;
  json::value definition_;
  std::vector<std::string> match_, unmatch_, path_match_, path_unmatch_;
  std::vector<DynamicValueType> match_types_, unmatch_types_;
  bool regex_ = false;
  // Compiled patterns in the order match_, unmatch_, path_match_, path_unmatch_.
  std::shared_ptr<const std::vector<std::regex>> regexes_;
  json::object mapping_;
  bool runtime_ = false;
};

using quiver::SimpleMatch;  // common/strings.h

}  // namespace quiver::schema
