// Mapping: the `mappings` of one index — the object tree of fields plus the
// root options (dynamic, date/numeric detection, dynamic_templates, _source,
// _routing, _meta, runtime) — with O(1) lookup of every leaf field by full
// path, and the rules ES applies when a mapping is created, updated
// (PUT _mapping) or grown by dynamic mapping.
//
// Immutable; shared as std::shared_ptr<const Mapping>. Every change (Merge,
// dynamic updates) returns a new Mapping that shares unchanged FieldMappers
// and subtrees with the old one, so FieldMapper pointers taken from the old
// mapping stay valid while it is alive. Thread-safe for concurrent reads.
//
// Usage by the engine:
//   auto m = Mapping::Parse(body["mappings"], ctx);         // PUT /{index}
//   auto m2 = (*m)->Merge(put_mapping_body, ctx);           // PUT /{index}/_mapping
//   json::value shown = (*m2)->ToJson();                    // GET /{index}/_mapping
//   auto doc = ParseDocument({m2_ptr, &ctx, id, routing, source});
//   if (doc->dynamic_update()) publish doc->mapping;  (see parsed_document.h)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/json.h"
#include "common/status.h"
#include "schema/date_format.h"
#include "schema/dynamic_template.h"
#include "schema/field_mapper.h"
#include "schema/mapping_context.h"
#include "schema/object_mapper.h"

namespace quiver::schema {

// The `_source` metadata field.
struct SourceOptions {
  bool enabled = true;
  std::vector<std::string> includes;
  std::vector<std::string> excludes;
  // "stored" (default), "synthetic" or "disabled" as configured; Quiver
  // stores the original source for "synthetic" too.
  std::string mode;
  bool filtered() const { return !includes.empty() || !excludes.empty(); }
  bool stored() const { return enabled && mode != "disabled"; }
};

// Root-level options. The std::optional members are unset when not given
// (GET _mapping shows only what was set).
struct RootOptions {
  std::optional<Dynamic> dynamic;
  std::optional<bool> date_detection;
  std::optional<bool> numeric_detection;
  std::optional<std::vector<std::string>> dynamic_date_formats;
  std::optional<std::vector<DynamicTemplate>> dynamic_templates;
  std::optional<SourceOptions> source;
  std::optional<bool> routing_required;
  std::optional<json::value> meta;                   // _meta
  json::object runtime;                              // runtime fields, kept as given
  std::optional<json::value> data_stream_timestamp;  // _data_stream_timestamp, as given
};

class Mapping {
 public:
  // The mapping of an index created without mappings (GET shows {}).
  static std::shared_ptr<const Mapping> Empty();

  // The `mappings` object of PUT /{index} (null: empty). Errors are
  // mapper_parsing_exception "Failed to parse mapping: <reason>" (with the
  // reason as caused_by), or illegal_argument_exception for limits
  // ("Limit of total fields [1000] has been exceeded").
  static Result<std::shared_ptr<const Mapping>> Parse(const json::value& mappings,
                                                      const MappingContext& ctx);

  // PUT /{index}/_mapping: adds fields and updates what ES allows to update.
  // Conflicts are illegal_argument_exception ("mapper [f] cannot be changed
  // from type [long] to [text]", "Mapper for [f] conflicts with existing
  // mapper:\n\tCannot update parameter [...] from [..] to [..]").
  Result<std::shared_ptr<const Mapping>> Merge(const json::value& update,
                                               const MappingContext& ctx) const;

  // What GET /{index}/_mapping shows under "mappings"; `{}` when empty.
  // Round-trips through Parse (also the persisted form).
  json::value ToJson() const;

  // Leaf field (including multi-fields such as "title.keyword") by full
  // path; nullptr if none. O(1).
  const FieldMapper* FindField(std::string_view full_path) const;
  // Object by full path ("" is the root); nullptr if none.
  const ObjectMapper* FindObject(std::string_view full_path) const;
  const ObjectMapper& root() const { return *root_; }
  // Every leaf field and multi-field, sorted by full path.
  const std::vector<const FieldMapper*>& fields() const { return fields_; }
  // Fields + multi-fields + objects (+ runtime fields), as ES counts them
  // against index.mapping.total_fields.limit.
  int64_t total_fields() const { return total_fields_; }
  int64_t nested_fields() const { return nested_fields_; }
  bool empty() const;

  const RootOptions& options() const { return options_; }
  // Effective root options.
  Dynamic dynamic() const { return options_.dynamic.value_or(Dynamic::kTrue); }
  bool date_detection() const { return options_.date_detection.value_or(true); }
  bool numeric_detection() const { return options_.numeric_detection.value_or(false); }
  // Parsed dynamic_date_formats (ES default:
  // "strict_date_optional_time||epoch_millis" and
  // "yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis").
  const std::vector<DateFormat>& dynamic_date_formats() const { return date_formats_; }
  const std::vector<DynamicTemplate>& dynamic_templates() const;
  const SourceOptions& source() const;
  bool routing_required() const { return options_.routing_required.value_or(false); }

  // Internal: builds a Mapping from a tree and options, computing the
  // lookup tables and checking limits (mapping_builder.cc).
  struct Builder;

 private:
  friend struct Builder;
  Mapping() = default;

  std::shared_ptr<const ObjectMapper> root_;
  RootOptions options_;
  std::vector<DateFormat> date_formats_;
  std::unordered_map<std::string, const FieldMapper*, StringHash, std::equal_to<>> field_index_;
  std::unordered_map<std::string, const ObjectMapper*, StringHash, std::equal_to<>> object_index_;
  std::vector<const FieldMapper*> fields_;
  int64_t total_fields_ = 0;
  int64_t nested_fields_ = 0;
};

}  // namespace quiver::schema
