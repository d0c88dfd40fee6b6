// ObjectMapper: an object (or nested object, or the mapping root) and its
// children, keyed by their leaf names. Children are leaf FieldMappers or
// further ObjectMappers.
//
// Built by the mapping parser / merger / dynamic mapper, then immutable and
// shared between Mapping versions through shared_ptr<const ObjectMapper>
// (unchanged subtrees are shared, not copied). Thread-safe for reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/field_mapper.h"

namespace quiver::schema {

enum class Dynamic : uint8_t { kTrue, kFalse, kStrict, kRuntime };
std::string_view DynamicName(Dynamic d);  // "true", "false", "strict", "runtime"

class ObjectMapper;

// One child of an object: exactly one of the two is set.
struct MapperNode {
  std::shared_ptr<const ObjectMapper> object;
  std::shared_ptr<const FieldMapper> field;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class ObjectMapper {
 public:
  enum class Kind : uint8_t { kRoot, kObject, kNested };
  using Children = std::unordered_map<std::string, MapperNode, StringHash, std::equal_to<>>;

  // Dotted path; empty for the root.
  const std::string& full_path() const { return full_path_; }
  const std::string& name() const { return name_; }
  Kind kind() const { return kind_; }
  bool is_nested() const { return kind_ == Kind::kNested; }
  bool is_root() const { return kind_ == Kind::kRoot; }
  // `dynamic` as configured on this object; nullopt inherits the parent's.
  std::optional<Dynamic> dynamic() const { return dynamic_; }
  // `enabled: false` objects are kept in _source but not parsed or indexed.
  bool enabled() const { return enabled_; }
  bool enabled_explicit() const { return enabled_explicit_; }
  // `subobjects: false`: dotted names below are leaf fields, not objects.
  std::optional<bool> subobjects() const { return subobjects_; }
  // nested only.
  std::optional<bool> include_in_parent() const { return include_in_parent_; }
  std::optional<bool> include_in_root() const { return include_in_root_; }

  const MapperNode* Find(std::string_view child_name) const {
    auto it = children_.find(child_name);
    return it == children_.end() ? nullptr : &it->second;
  }
  const Children& children() const { return children_; }
  // Child names in ES serialization order (sorted).
  std::vector<std::string_view> SortedChildNames() const;

  // Mapping-internal construction and copy-on-write (mapping_parser.cc,
  // mapping_merge.cc, dynamic_mapper.cc).
  struct Builder;

 private:
  friend struct Builder;
  ObjectMapper() = default;

  std::string full_path_;
  std::string name_;
  Kind kind_ = Kind::kObject;
  std::optional<Dynamic> dynamic_;
  bool enabled_ = true;
  bool enabled_explicit_ = false;
  std::optional<bool> subobjects_;
  std::optional<bool> include_in_parent_;
  std::optional<bool> include_in_root_;
  Children children_;
};

struct ObjectMapper::Builder {
  static std::shared_ptr<ObjectMapper> New(std::string name, std::string full_path, Kind kind);
  // A shallow copy: same parameters, same (shared) children.
  static std::shared_ptr<ObjectMapper> Copy(const ObjectMapper& o);
  static void SetDynamic(ObjectMapper* o, std::optional<Dynamic> d) { o->dynamic_ = d; }
  static void SetEnabled(ObjectMapper* o, bool enabled) {
    o->enabled_ = enabled;
    o->enabled_explicit_ = true;
  }
  static void SetSubobjects(ObjectMapper* o, std::optional<bool> v) { o->subobjects_ = v; }
  static void SetIncludeInParent(ObjectMapper* o, std::optional<bool> v) {
    o->include_in_parent_ = v;
  }
  static void SetIncludeInRoot(ObjectMapper* o, std::optional<bool> v) { o->include_in_root_ = v; }
  static void SetChild(ObjectMapper* o, const std::string& name, MapperNode node) {
    o->children_[name] = std::move(node);
  }
  static MapperNode* FindMutable(ObjectMapper* o, std::string_view name) {
    auto it = o->children_.find(name);
    return it == o->children_.end() ? nullptr : &it->second;
  }
};

}  // namespace quiver::schema
