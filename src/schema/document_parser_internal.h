// The document parser's state for one document, shared by
// document_parser.cc (the walk over the JSON), document_values.cc (leaf
// values, vectors, copy_to) and dynamic_mapper.cc (new fields). Internal to
// schema/. One DocParser per ParseDocument call; not thread-safe.
#pragma once

#include <simdjson.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/document_parser.h"
#include "schema/dynamic_template.h"
#include "schema/geo_point.h"
#include "schema/value_converter.h"

namespace quiver::schema {

namespace od = simdjson::ondemand;

// Where the walk is: one object of the document.
struct ObjCtx {
  const ObjectMapper* base = nullptr;  // the object in the mapping being parsed against
  ObjectMapper* pending = nullptr;     // the object in this document's dynamic update
  ObjCtx* parent = nullptr;
  std::string name;  // leaf name ("" for the root)
  std::string path;  // full dotted path ("" for the root)
  ObjectMapper::Kind kind = ObjectMapper::Kind::kObject;
  Dynamic dynamic = Dynamic::kTrue;  // effective
  bool subobjects = true;
  // Objects under `dynamic: runtime` are not mapped: their leaves become
  // runtime fields named by full path.
  bool runtime_only = false;
  int depth = 0;  // JSON nesting depth of this object

  bool is_root() const { return parent == nullptr; }
  // "_doc" for the root, as ES names it in messages.
  std::string_view display_path() const {
    return path.empty() ? std::string_view("_doc") : std::string_view(path);
  }
};

// What a key resolves to in the current object.
struct Resolved {
  const FieldMapper* field = nullptr;
  const ObjectMapper* base_object = nullptr;
  ObjectMapper* pending_object = nullptr;
  bool found() const {
    return field != nullptr || base_object != nullptr || pending_object != nullptr;
  }
};

class DocParser {
 public:
  DocParser(const DocumentParseRequest& request, const char* buffer, size_t length,
            ParsedDocument* out);

  Status ParseRoot(od::value root);
  Status Finish();

  // --- document_parser.cc: walking ---
  Status ParseObjectBody(od::object obj, ObjCtx& ctx, const std::string& key_prefix);
  Status ParseEntry(std::string_view key, od::value v, ObjCtx& ctx, const char* key_pos);
  Status ParseIntoObject(od::value v, ObjCtx& child, std::string_view field_name);
  Status Consume(od::value v, int depth);
  Status ReadScalar(od::value& v, od::json_type type, JsonScalar* out, const char** pos);
  Status JsonError(simdjson::error_code error, const char* pos) const;
  Resolved Resolve(const ObjCtx& ctx, std::string_view name) const;
  ObjCtx ChildCtx(ObjCtx& parent, const std::string& name, const ObjectMapper* base,
                  ObjectMapper* pending) const;

  // --- document_values.cc: leaf values ---
  // `depth` is the JSON depth of `v`.
  Status ParseLeaf(const FieldMapper& f, od::value v, int depth, ObjCtx& ctx);
  Status IndexScalar(const FieldMapper& f, const JsonScalar& s, const char* pos, bool copy);
  Status IndexNull(const FieldMapper& f, const char* pos);
  Status ParseVector(const FieldMapper& f, od::value v, const char* pos);
  // document_geo.cc: geo_point values (objects, arrays and strings).
  Status ParseGeoPoint(const FieldMapper& f, od::value v, int depth, const char* pos);
  Status AddGeoPoint(const FieldMapper& f, Result<GeoPoint> point, const char* pos,
                     std::string_view preview);
  Status ParseFlattened(const FieldMapper& f, od::value v, int depth, const std::string& key_path,
                        const char* pos);
  Status CopyTo(const FieldMapper& f, const JsonScalar& s, const char* pos);
  void MarkIgnored(const std::string& path) { ignored_.push_back(path); }

  // --- dynamic_mapper.cc: new fields ---
  // Maps an unmapped key whose value `v` is not an object. Returns the new
  // field (nullptr when nothing is to be indexed: dynamic false, limits
  // ignored, runtime).
  Status ParseDynamicValue(std::string_view name, od::value v, od::json_type type, ObjCtx& ctx,
                           const char* pos, int depth);
  // Creates the dynamic mapper for `name` in `ctx` for a value of `type`.
  // `scalar` is the value (for date detection); `date_format` is set when
  // date detection matched.
  Result<MapperNode> CreateDynamicMapper(std::string_view name, DynamicValueType type,
                                         const DateFormat* date_format, ObjCtx& ctx,
                                         const char* pos);
  // Adds a new mapper to the dynamic update after the limit checks; false
  // when index.mapping.total_fields.ignore_dynamic_beyond_limit dropped it.
  Result<bool> AddDynamicNode(std::string_view name, MapperNode node, ObjCtx& ctx, const char* pos);
  // A new object for `name` in `ctx` (or what a dynamic template maps it to:
  // possibly a leaf field). Nothing found: the value is to be skipped.
  Result<Resolved> DynamicObject(std::string_view name, ObjCtx& ctx, const char* pos);
  ObjectMapper* GetPending(ObjCtx& ctx);
  ObjectMapper* GetPendingForPath(const std::string& path);
  Status AddRuntimeField(const std::string& path, std::string_view runtime_type, const char* pos);
  // Replaces a field (dims or constant value filled in by this document).
  const FieldMapper* ReplaceField(const FieldMapper& old, std::shared_ptr<const FieldMapper> f);
  DynamicValueType DetectStringType(std::string_view text, const DateFormat** date_format) const;
  // Resolves (creating dynamically if allowed) the field at a full path, for
  // copy_to targets. nullptr when the path cannot be mapped.
  Result<const FieldMapper*> FieldForPath(const std::string& path, const JsonScalar& value,
                                          const char* pos);

  // --- errors ---
  std::string Location(const char* pos) const;
  Status DocError(const char* pos, std::string message) const;
  Status FieldError(const FieldMapper& f, const char* pos, std::string_view preview,
                    const Status& cause) const;
  // "[l:c] failed to parse: <cause message>" with the cause attached.
  Status FailedToParse(const char* pos, const Status& cause) const;
  std::string Preview(od::value v, int depth);

  const DocumentParseRequest& req_;
  const Mapping& mapping_;
  const MappingContext& ctx_;
  const IndexSettings& settings_;
  const char* buffer_;
  size_t length_;
  ParsedDocument* out_;
  std::vector<std::string> ignored_;

  // Dynamic update under construction.
  std::shared_ptr<ObjectMapper> pending_root_;
  std::unordered_map<std::string, std::shared_ptr<ObjectMapper>> pending_objects_;
  std::unordered_map<std::string, const FieldMapper*> pending_fields_;
  std::vector<std::shared_ptr<const FieldMapper>> created_fields_;  // keeps them alive
  json::object pending_runtime_;
  int64_t new_fields_ = 0;
  bool in_copy_to_ = false;
  bool template_applied_ = false;  // the last CreateDynamicMapper used a template
  std::vector<const FieldMapper*> vector_fields_seen_;
  std::deque<ObjCtx> extra_ctx_;  // stable contexts for copy_to target paths
  ObjCtx* root_ctx_ = nullptr;
};

}  // namespace quiver::schema
