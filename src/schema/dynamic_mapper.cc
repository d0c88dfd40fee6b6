// Dynamic mapping (ES 8 DynamicFieldsBuilder): choosing the mapping of new
// fields from their values and the dynamic templates, enforcing the limits
// on what a document may add, and collecting the additions into the
// document's mapping update.
#include <cmath>

#include "common/strings.h"
#include "schema/document_parser_internal.h"
#include "schema/field_mapper_parser.h"
#include "schema/mapping_internal.h"

namespace quiver::schema {

namespace {

// Arrays of this many floats (or more, up to kMaxDynamicVectorDims) become
// dense_vector fields (ES 8.11+).
constexpr size_t kMinDynamicVectorDims = 128;
constexpr size_t kMaxDynamicVectorDims = 4096;

// Java's Long.parseLong / Double.parseDouble acceptance, for numeric
// detection and for refusing date detection on pure numbers.
bool ParsesAsLong(std::string_view s) {
  int64_t v;
  return ParseInt64(s, &v);
}

bool ParsesAsDouble(std::string_view s) {
  std::string_view t = TrimWhitespace(s);
  if (t == "NaN" || t == "Infinity" || t == "-Infinity" || t == "+Infinity") return true;
  if (!t.empty() && (t.back() == 'd' || t.back() == 'D' || t.back() == 'f' || t.back() == 'F')) {
    t.remove_suffix(1);
  }
  double d;
  return ParseDouble(t, &d);
}

std::string_view RuntimeTypeFor(DynamicValueType t) {
  switch (t) {
    case DynamicValueType::kLong:
      return "long";
    case DynamicValueType::kDouble:
      return "double";
    case DynamicValueType::kBoolean:
      return "boolean";
    case DynamicValueType::kDate:
      return "date";
    default:
      return "keyword";
  }
}

// Integers of any size map to long (ES maps Jackson's BIG_INTEGER there too,
// so values beyond 64 bits then fail the long range check); decimals to float.
DynamicValueType NumberDynamicType(const JsonScalar& s) {
  switch (s.kind) {
    case JsonScalar::Kind::kInt64:
    case JsonScalar::Kind::kUint64:
      return DynamicValueType::kLong;
    case JsonScalar::Kind::kBigNumber:
      return s.text.find_first_of(".eE") == std::string_view::npos ? DynamicValueType::kLong
                                                                   : DynamicValueType::kDouble;
    default:
      return DynamicValueType::kDouble;
  }
}

int64_t CountFields(const MapperNode& node) {
  if (node.object) return 1;
  int64_t n = 1;
  for (const auto& sub : node.field->multi_fields())
    n += 1 + static_cast<int64_t>(sub->multi_fields().size());
  return n;
}

const json::object& DefaultStringMapping() {
  static const json::object* def = [] {
    auto v =
        ParseJson(R"({"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}})");
    return new json::object(v->get_object());
  }();
  return *def;
}

}  // namespace

DynamicValueType DocParser::DetectStringType(std::string_view text,
                                             const DateFormat** date_format) const {
  const bool as_long = ParsesAsLong(text);
  const bool as_double = !as_long && ParsesAsDouble(text);
  if (mapping_.numeric_detection()) {
    if (as_long) return DynamicValueType::kLong;
    if (as_double) return DynamicValueType::kDouble;
  }
  if (!as_long && !as_double && mapping_.date_detection()) {
    // Pure numbers are refused: too likely false positives with epoch formats.
    for (const DateFormat& f : mapping_.dynamic_date_formats()) {
      if (f.ParseInstant(text).ok()) {
        *date_format = &f;
        return DynamicValueType::kDate;
      }
    }
  }
  return DynamicValueType::kString;
}

ObjectMapper* DocParser::GetPendingForPath(const std::string& path) {
  auto it = pending_objects_.find(path);
  if (it != pending_objects_.end()) return it->second.get();
  if (path.empty()) {
    pending_root_ = ObjectMapper::Builder::New("_doc", "", ObjectMapper::Kind::kRoot);
    pending_objects_[""] = pending_root_;
    return pending_root_.get();
  }
  // Object names never contain dots (only leaves under subobjects: false do).
  size_t dot = path.rfind('.');
  std::string parent_path = dot == std::string::npos ? "" : path.substr(0, dot);
  std::string name = dot == std::string::npos ? path : path.substr(dot + 1);
  ObjectMapper* parent = GetPendingForPath(parent_path);
  MapperNode* existing = ObjectMapper::Builder::FindMutable(parent, name);
  std::shared_ptr<ObjectMapper> node;
  if (existing != nullptr && existing->object) {
    // A new object from earlier in this document (e.g. from a template):
    // copy it so more fields can be added.
    node = ObjectMapper::Builder::Copy(*existing->object);
    existing->object = node;
  } else {
    // A bare path node for an existing object; the merge keeps its settings.
    const ObjectMapper* base = mapping_.FindObject(path);
    node = ObjectMapper::Builder::New(name, path,
                                      base != nullptr ? base->kind() : ObjectMapper::Kind::kObject);
    ObjectMapper::Builder::SetChild(parent, name, MapperNode{node, nullptr});
  }
  pending_objects_[path] = node;
  return node.get();
}

ObjectMapper* DocParser::GetPending(ObjCtx& ctx) {
  if (ctx.pending == nullptr) ctx.pending = GetPendingForPath(ctx.path);
  return ctx.pending;
}

const FieldMapper* DocParser::ReplaceField(const FieldMapper& old,
                                           std::shared_ptr<const FieldMapper> field) {
  // Copies: `old` may be owned by the pending node being replaced.
  const std::string path = old.full_path();
  const std::string name = old.name();
  std::string parent_path =
      path.size() > name.size() ? path.substr(0, path.size() - name.size() - 1) : "";
  ObjectMapper* parent = GetPendingForPath(parent_path);
  const FieldMapper* raw = field.get();
  if (MapperNode* existing = ObjectMapper::Builder::FindMutable(parent, name);
      existing != nullptr && existing->field) {
    created_fields_.push_back(existing->field);  // values may still point at it
  }
  ObjectMapper::Builder::SetChild(parent, name, MapperNode{nullptr, field});
  pending_fields_[path] = raw;
  created_fields_.push_back(std::move(field));
  return raw;
}

Status DocParser::AddRuntimeField(const std::string& path, std::string_view runtime_type,
                                  const char* pos) {
  json::string_view key(path.data(), path.size());
  if (pending_runtime_.if_contains(key) != nullptr ||
      mapping_.options().runtime.if_contains(key) != nullptr) {
    return Status::Ok();
  }
  const int64_t limit = settings_.total_fields_limit();
  if (mapping_.total_fields() + new_fields_ + 1 > limit) {
    if (settings_.ignore_dynamic_beyond_limit()) {
      MarkIgnored(path);
      return Status::Ok();
    }
    return FailedToParse(pos,
                         Status::InvalidArgument("Limit of total fields [" + std::to_string(limit) +
                                                 "] has been exceeded while adding new fields [" +
                                                 std::to_string(new_fields_ + 1) + "]"));
  }
  json::object def;
  def["type"] = json::string_view(runtime_type.data(), runtime_type.size());
  pending_runtime_[key] = std::move(def);
  ++new_fields_;
  return Status::Ok();
}

Result<MapperNode> DocParser::CreateDynamicMapper(std::string_view name, DynamicValueType type,
                                                  const DateFormat* date_format, ObjCtx& ctx,
                                                  const char* pos) {
  template_applied_ = false;
  const std::string path =
      ctx.path.empty() ? std::string(name) : ctx.path + "." + std::string(name);
  for (const DynamicTemplate& t : mapping_.dynamic_templates()) {
    if (!t.Matches(path, name, type)) continue;
    template_applied_ = true;
    if (t.is_runtime()) {
      json::object def = t.MappingFor(name, type);
      const json::value* rt = def.if_contains("type");
      std::string runtime_type = rt != nullptr && rt->is_string()
                                     ? std::string(rt->get_string())
                                     : std::string(RuntimeTypeFor(type));
      QUIVER_RETURN_IF_ERROR(AddRuntimeField(path, runtime_type, pos));
      return MapperNode{};
    }
    json::object def = t.MappingFor(name, type);
    if (def.if_contains("type") == nullptr) def["type"] = t.MappingType(type);
    const json::value& mtype = def.at("type");
    if (date_format != nullptr && def.if_contains("format") == nullptr &&
        (mtype == "date" || mtype == "date_nanos")) {
      def["format"] = date_format->spec();
    }
    auto node = ParseProperty(name, path, def, ctx_);
    if (!node.ok()) return FailedToParse(pos, node.status());
    return std::move(*node);
  }
  if (ctx.dynamic == Dynamic::kRuntime || ctx.runtime_only) {
    if (type != DynamicValueType::kObject) {
      QUIVER_RETURN_IF_ERROR(AddRuntimeField(path, RuntimeTypeFor(type), pos));
    }
    return MapperNode{};
  }
  json::object def;
  switch (type) {
    case DynamicValueType::kString:
      def = DefaultStringMapping();
      break;
    case DynamicValueType::kDate:
      def["type"] = "date";
      if (date_format != nullptr) def["format"] = date_format->spec();
      break;
    case DynamicValueType::kLong:
      def["type"] = "long";
      break;
    case DynamicValueType::kDouble:
      def["type"] = "float";
      break;
    case DynamicValueType::kBoolean:
      def["type"] = "boolean";
      break;
    case DynamicValueType::kBinary:
      def["type"] = "binary";
      break;
    case DynamicValueType::kObject: {
      auto obj = ObjectMapper::Builder::New(std::string(name), path, ObjectMapper::Kind::kObject);
      return MapperNode{std::move(obj), nullptr};
    }
  }
  auto node = ParseProperty(name, path, def, ctx_);
  if (!node.ok()) return FailedToParse(pos, node.status());
  return std::move(*node);
}

Result<bool> DocParser::AddDynamicNode(std::string_view name, MapperNode node, ObjCtx& ctx,
                                       const char* pos) {
  const std::string path =
      ctx.path.empty() ? std::string(name) : ctx.path + "." + std::string(name);
  const int64_t count = CountFields(node);
  const int64_t limit = settings_.total_fields_limit();
  if (mapping_.total_fields() + new_fields_ + count > limit) {
    if (settings_.ignore_dynamic_beyond_limit()) {
      MarkIgnored(path);
      return false;
    }
    return FailedToParse(pos,
                         Status::InvalidArgument("Limit of total fields [" + std::to_string(limit) +
                                                 "] has been exceeded while adding new fields [" +
                                                 std::to_string(new_fields_ + count) + "]"));
  }
  if (node.object) {
    const int64_t depth = 1 + std::count(path.begin(), path.end(), '.');
    if (depth > settings_.depth_limit()) {
      return FailedToParse(
          pos, Status::InvalidArgument("Limit of mapping depth [" +
                                       std::to_string(settings_.depth_limit()) +
                                       "] has been exceeded due to object field [" + path + "]"));
    }
  }
  if (static_cast<int64_t>(name.size()) > settings_.field_name_length_limit()) {
    return FailedToParse(
        pos, Status::InvalidArgument(
                 "Field name [" + std::string(name) + "] is longer than the limit of [" +
                 std::to_string(settings_.field_name_length_limit()) + "] characters"));
  }
  ObjectMapper* parent = GetPending(ctx);
  if (node.object) {
    auto mutable_obj = ObjectMapper::Builder::Copy(*node.object);
    ObjectMapper::Builder::SetChild(parent, std::string(name), MapperNode{mutable_obj, nullptr});
    pending_objects_[path] = std::move(mutable_obj);
  } else {
    pending_fields_[path] = node.field.get();
    for (const auto& sub : node.field->multi_fields())
      pending_fields_[sub->full_path()] = sub.get();
    ObjectMapper::Builder::SetChild(parent, std::string(name), node);
  }
  new_fields_ += count;
  return true;
}

Result<Resolved> DocParser::DynamicObject(std::string_view name, ObjCtx& ctx, const char* pos) {
  Resolved r;
  QUIVER_ASSIGN_OR_RETURN(MapperNode node,
                          CreateDynamicMapper(name, DynamicValueType::kObject, nullptr, ctx, pos));
  if (!node.object && !node.field) return r;
  const bool is_field = node.field != nullptr;
  const FieldMapper* field = node.field.get();
  QUIVER_ASSIGN_OR_RETURN(bool added, AddDynamicNode(name, std::move(node), ctx, pos));
  if (!added) return r;
  if (is_field) {
    r.field = field;
    return r;
  }
  const std::string path =
      ctx.path.empty() ? std::string(name) : ctx.path + "." + std::string(name);
  r.pending_object = pending_objects_.at(path).get();
  return r;
}

Status DocParser::ParseDynamicValue(std::string_view name, od::value v, od::json_type type,
                                    ObjCtx& ctx, const char* pos, int depth) {
  if (depth > kMaxDocumentDepth) return JsonError(simdjson::DEPTH_ERROR, pos);
  if (type != od::json_type::array) {
    JsonScalar s;
    QUIVER_RETURN_IF_ERROR(ReadScalar(v, type, &s, &pos));
    const DateFormat* date_format = nullptr;
    DynamicValueType dtype = DynamicValueType::kString;
    switch (s.kind) {
      case JsonScalar::Kind::kString:
        dtype = DetectStringType(s.text, &date_format);
        break;
      case JsonScalar::Kind::kBool:
        dtype = DynamicValueType::kBoolean;
        break;
      case JsonScalar::Kind::kNull:
        return Status::Ok();
      default:
        dtype = NumberDynamicType(s);
    }
    QUIVER_ASSIGN_OR_RETURN(MapperNode node,
                            CreateDynamicMapper(name, dtype, date_format, ctx, pos));
    if (node.object) {
      return DocError(
          pos, "object mapping for [" +
                   (ctx.path.empty() ? std::string(name) : ctx.path + "." + std::string(name)) +
                   "] tried to parse field [" + std::string(name) +
                   "] as object, but found a concrete value");
    }
    if (!node.field) return Status::Ok();
    const FieldMapper* field = node.field.get();
    QUIVER_ASSIGN_OR_RETURN(bool added, AddDynamicNode(name, std::move(node), ctx, pos));
    if (!added) return Status::Ok();
    return IndexScalar(*field, s, pos, false);
  }

  // Arrays: the first non-null element decides the mapping; the rest use it.
  od::array arr;
  if (auto err = v.get_array().get(arr)) return JsonError(err, pos);
  const size_t fields_mark = out_->fields.size();
  bool created_here = false;
  bool vector_candidate = true;
  bool first_number_seen = false;
  size_t count = 0;
  bool skipped = false;
  for (auto element : arr) {
    od::value e;
    if (auto err = element.get(e)) return JsonError(err, pos);
    const char* epos = e.raw_json_token().data();
    od::json_type et;
    if (auto err = e.type().get(et)) return JsonError(err, epos);
    ++count;
    if (et != od::json_type::number) vector_candidate = false;
    if (skipped) {
      QUIVER_RETURN_IF_ERROR(Consume(e, depth + 1));
      continue;
    }
    Resolved r = Resolve(ctx, name);
    if (r.field != nullptr) {
      QUIVER_RETURN_IF_ERROR(ParseLeaf(*r.field, e, depth + 1, ctx));
      continue;
    }
    if (r.base_object != nullptr || r.pending_object != nullptr) {
      ObjCtx child = ChildCtx(ctx, std::string(name), r.base_object, r.pending_object);
      child.depth = depth + 1;
      QUIVER_RETURN_IF_ERROR(ParseIntoObject(e, child, name));
      continue;
    }
    if (et == od::json_type::null) {
      QUIVER_RETURN_IF_ERROR(Consume(e, depth + 1));
      continue;
    }
    const size_t before = new_fields_ + pending_runtime_.size();
    if (et == od::json_type::object) {
      QUIVER_ASSIGN_OR_RETURN(Resolved created, DynamicObject(name, ctx, epos));
      if (created.field != nullptr) {
        QUIVER_RETURN_IF_ERROR(ParseLeaf(*created.field, e, depth + 1, ctx));
      } else if (created.found()) {
        ObjCtx child =
            ChildCtx(ctx, std::string(name), created.base_object, created.pending_object);
        child.depth = depth + 1;
        QUIVER_RETURN_IF_ERROR(ParseIntoObject(e, child, name));
      } else {
        skipped = true;
        QUIVER_RETURN_IF_ERROR(Consume(e, depth + 1));
      }
    } else if (et == od::json_type::array) {
      QUIVER_RETURN_IF_ERROR(ParseDynamicValue(name, e, et, ctx, epos, depth + 1));
    } else {
      if (et == od::json_type::number && !first_number_seen) {
        // Only arrays that start with a floating point number can become
        // dense vectors (integers map to long).
        std::string_view raw = e.raw_json_token();
        vector_candidate = raw.find_first_of(".eE") != std::string_view::npos;
      }
      QUIVER_RETURN_IF_ERROR(ParseDynamicValue(name, e, et, ctx, epos, depth + 1));
    }
    if (et == od::json_type::number) first_number_seen = true;
    if (Resolve(ctx, name).found()) {
      created_here = true;
    } else if (new_fields_ + pending_runtime_.size() == before) {
      skipped = true;
    }
  }
  const FieldMapper* field = Resolve(ctx, name).field;
  if (created_here && vector_candidate && !template_applied_ && field != nullptr &&
      field->type() == FieldType::kFloat && count >= kMinDynamicVectorDims &&
      count <= kMaxDynamicVectorDims && !in_copy_to_) {
    // ES 8.11+: an unmapped array of 128..4096 floats is a dense_vector.
    std::vector<float> vec;
    for (size_t i = fields_mark; i < out_->fields.size(); ++i) {
      if (out_->fields[i].field == field) vec.push_back(static_cast<float>(out_->fields[i].f64));
    }
    out_->fields.resize(fields_mark);
    json::object def;
    def["type"] = "dense_vector";
    def["dims"] = static_cast<int64_t>(vec.size());
    const std::string path =
        ctx.path.empty() ? std::string(name) : ctx.path + "." + std::string(name);
    auto node = ParseProperty(name, path, def, ctx_);
    if (!node.ok()) return FailedToParse(pos, node.status());
    const FieldMapper* vector_field = ReplaceField(*field, node->field);
    float squared = 0;
    for (float x : vec) squared += x * x;
    if (squared == 0.0f) {
      return FailedToParse(
          pos, Status::InvalidArgument("The [cosine] similarity does not support vectors with zero "
                                       "magnitude."));
    }
    FieldValue fv;
    fv.field = vector_field;
    fv.vec = std::move(vec);
    out_->fields.push_back(std::move(fv));
  }
  return Status::Ok();
}

Result<const FieldMapper*> DocParser::FieldForPath(const std::string& path, const JsonScalar& value,
                                                   const char* pos) {
  auto pf = pending_fields_.find(path);
  if (pf != pending_fields_.end()) return pf->second;
  if (const FieldMapper* f = mapping_.FindField(path)) return f;
  if (root_ctx_ == nullptr) return static_cast<const FieldMapper*>(nullptr);
  // Not mapped: create it as if it appeared in the document at that path.
  std::vector<std::string_view> parts = SplitString(path, '.');
  ObjCtx* cur = root_ctx_;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string part(parts[i]);
    Resolved r = Resolve(*cur, part);
    if (r.field != nullptr) return static_cast<const FieldMapper*>(nullptr);
    if (!r.found()) {
      if (cur->dynamic == Dynamic::kStrict) {
        return DocError(pos, "mapping set to strict, dynamic introduction of [" + part +
                                 "] within [" + std::string(cur->display_path()) +
                                 "] is not allowed")
            .WithType("strict_dynamic_mapping_exception");
      }
      if (cur->dynamic != Dynamic::kTrue) return static_cast<const FieldMapper*>(nullptr);
      QUIVER_ASSIGN_OR_RETURN(r, DynamicObject(part, *cur, pos));
      if (r.field != nullptr || !r.found()) return static_cast<const FieldMapper*>(nullptr);
    }
    extra_ctx_.push_back(ChildCtx(*cur, part, r.base_object, r.pending_object));
    cur = &extra_ctx_.back();
  }
  std::string leaf(parts.back());
  Resolved r = Resolve(*cur, leaf);
  if (r.field != nullptr) return r.field;
  if (r.found()) return static_cast<const FieldMapper*>(nullptr);
  if (cur->dynamic == Dynamic::kStrict) {
    return DocError(pos, "mapping set to strict, dynamic introduction of [" + leaf + "] within [" +
                             std::string(cur->display_path()) + "] is not allowed")
        .WithType("strict_dynamic_mapping_exception");
  }
  if (cur->dynamic != Dynamic::kTrue) return static_cast<const FieldMapper*>(nullptr);
  const DateFormat* date_format = nullptr;
  DynamicValueType dtype = DynamicValueType::kString;
  switch (value.kind) {
    case JsonScalar::Kind::kString:
      dtype = DetectStringType(value.text, &date_format);
      break;
    case JsonScalar::Kind::kBool:
      dtype = DynamicValueType::kBoolean;
      break;
    default:
      dtype = NumberDynamicType(value);
  }
  QUIVER_ASSIGN_OR_RETURN(MapperNode node,
                          CreateDynamicMapper(leaf, dtype, date_format, *cur, pos));
  if (!node.field) return static_cast<const FieldMapper*>(nullptr);
  const FieldMapper* field = node.field.get();
  QUIVER_ASSIGN_OR_RETURN(bool added, AddDynamicNode(leaf, std::move(node), *cur, pos));
  return added ? field : nullptr;
}

}  // namespace quiver::schema
