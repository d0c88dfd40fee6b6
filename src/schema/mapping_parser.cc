// Parsing `mappings` JSON into an ObjectMapper tree and RootOptions, with
// ES 8's rules and messages (ObjectMapper.TypeParser, RootObjectMapper,
// MappingParser).
#include <algorithm>

#include "common/strings.h"
#include "schema/field_mapper_parser.h"
#include "schema/mapping_internal.h"

namespace quiver::schema {

namespace {

std::string JoinPath(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

// Java's Object.toString for a mapping value in "unsupported parameters"
// messages.
std::string JavaText(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& kv : v.get_object()) {
      if (!first) out += ", ";
      first = false;
      out += std::string(kv.key()) + "=" + JavaText(kv.value());
    }
    return out + "}";
  }
  if (v.is_array()) {
    std::string out = "[";
    bool first = true;
    for (const auto& e : v.get_array()) {
      if (!first) out += ", ";
      first = false;
      out += JavaText(e);
    }
    return out + "]";
  }
  return ToJson(v);
}

Result<bool> NodeBool(const json::value& v, std::string_view name) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_string() && (v.get_string() == "true" || v.get_string() == "false")) {
    return v.get_string() == "true";
  }
  return Status::InvalidArgument("Could not convert [" + std::string(name) + "] to boolean")
      .WithCause(Status::InvalidArgument("Failed to parse value [" + JavaText(v) +
                                         "] as only [true] or [false] are allowed."));
}

Result<Dynamic> ParseDynamic(const json::value& v, std::string_view object_name) {
  if (v.is_string()) {
    std::string s = AsciiLower(std::string_view(v.get_string().data(), v.get_string().size()));
    if (s == "strict") return Dynamic::kStrict;
    if (s == "runtime") return Dynamic::kRuntime;
  }
  std::string name = object_name.empty() ? "dynamic" : std::string(object_name) + ".dynamic";
  QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(v, name));
  return b ? Dynamic::kTrue : Dynamic::kFalse;
}

Status InsertChild(ObjectMapper* parent, const std::string& name, MapperNode node) {
  MapperNode* existing = ObjectMapper::Builder::FindMutable(parent, name);
  if (existing == nullptr) {
    ObjectMapper::Builder::SetChild(parent, name, std::move(node));
    return Status::Ok();
  }
  if (existing->object && node.object) {
    // "a.b" and "a": {"properties": {...}} in the same request.
    QUIVER_ASSIGN_OR_RETURN(existing->object, MergeObjectMappers(existing->object, node.object));
    return Status::Ok();
  }
  std::string path =
      existing->object ? existing->object->full_path() : existing->field->full_path();
  return Status::InvalidArgument("can't merge a non object mapping [" + path +
                                 "] with an object mapping");
}

Status ParseProperties(ObjectMapper* parent, const json::value& props, const MappingContext& ctx);

Result<std::shared_ptr<const ObjectMapper>> ParseObject(std::string_view name,
                                                        const std::string& full_path,
                                                        ObjectMapper::Kind kind,
                                                        const json::object& def,
                                                        const MappingContext& ctx) {
  auto obj = ObjectMapper::Builder::New(std::string(name), full_path, kind);
  // subobjects first: it decides how dotted property names are read.
  if (const json::value* sub = def.if_contains("subobjects")) {
    QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(*sub, "subobjects"));
    ObjectMapper::Builder::SetSubobjects(obj.get(), b);
  }
  std::string leftovers;
  for (const auto& kv : def) {
    std::string_view key(kv.key().data(), kv.key().size());
    const json::value& v = kv.value();
    if (key == "type" || key == "subobjects") continue;
    if (key == "dynamic") {
      QUIVER_ASSIGN_OR_RETURN(Dynamic d, ParseDynamic(v, name));
      ObjectMapper::Builder::SetDynamic(obj.get(), d);
    } else if (key == "enabled") {
      QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(v, std::string(name) + ".enabled"));
      ObjectMapper::Builder::SetEnabled(obj.get(), b);
    } else if (key == "properties") {
      QUIVER_RETURN_IF_ERROR(ParseProperties(obj.get(), v, ctx));
    } else if (kind == ObjectMapper::Kind::kNested && key == "include_in_parent") {
      QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(v, "include_in_parent"));
      ObjectMapper::Builder::SetIncludeInParent(obj.get(), b);
    } else if (kind == ObjectMapper::Kind::kNested && key == "include_in_root") {
      QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(v, "include_in_root"));
      ObjectMapper::Builder::SetIncludeInRoot(obj.get(), b);
    } else {
      leftovers += " [" + std::string(key) + " : " + JavaText(v) + "]";
    }
  }
  if (!leftovers.empty()) {
    return MapperParsingError("Mapping definition for [" + std::string(name) +
                              "] has unsupported parameters: " + leftovers);
  }
  return std::shared_ptr<const ObjectMapper>(std::move(obj));
}

Status ParseProperties(ObjectMapper* parent, const json::value& props, const MappingContext& ctx) {
  if (props.is_array() && props.get_array().empty()) return Status::Ok();
  if (!props.is_object()) {
    return Status::InvalidArgument("properties must be a map type").WithType("parse_exception");
  }
  const bool subobjects = parent->subobjects().value_or(true);
  for (const auto& kv : props.get_object()) {
    std::string key(kv.key());
    QUIVER_RETURN_IF_ERROR(ValidateFieldName(key));
    const json::value& def = kv.value();
    if (def.is_array() && def.get_array().empty()) continue;
    if (!def.is_object()) {
      return MapperParsingError("Expected map for property [fields] on field [" + key +
                                "] but got a class java.lang.String");
    }
    if (!subobjects) {
      QUIVER_ASSIGN_OR_RETURN(
          MapperNode node,
          ParseProperty(key, JoinPath(parent->full_path(), key), def.get_object(), ctx));
      if (node.object && !node.object->is_nested()) {
        return MapperParsingError("Tried to add subobject [" + key + "] to object [" +
                                  parent->name() + "] which does not support subobjects");
      }
      if (node.object) {
        return MapperParsingError("Tried to add nested object [" + key + "] to object [" +
                                  parent->name() + "] which does not support subobjects");
      }
      QUIVER_RETURN_IF_ERROR(InsertChild(parent, key, std::move(node)));
      continue;
    }
    // Dotted names expand into objects. Java's split drops trailing empties.
    std::vector<std::string_view> parts = SplitString(key, '.');
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
    if (parts.empty()) return Status::InvalidArgument("field name cannot contain only dots");
    for (std::string_view p : parts) QUIVER_RETURN_IF_ERROR(ValidateFieldName(p));
    std::string full = parent->full_path();
    for (std::string_view p : parts) full = JoinPath(full, p);
    QUIVER_ASSIGN_OR_RETURN(MapperNode node,
                            ParseProperty(parts.back(), full, def.get_object(), ctx));
    // Wrap in intermediate objects, innermost first.
    std::string prefix = full;
    for (size_t i = parts.size() - 1; i > 0; --i) {
      prefix.resize(prefix.size() - parts[i].size() - 1);
      auto wrapper = ObjectMapper::Builder::New(std::string(parts[i - 1]), prefix,
                                                ObjectMapper::Kind::kObject);
      ObjectMapper::Builder::SetChild(wrapper.get(), std::string(parts[i]), std::move(node));
      node = MapperNode{std::move(wrapper), nullptr};
    }
    QUIVER_RETURN_IF_ERROR(InsertChild(parent, std::string(parts.front()), std::move(node)));
  }
  return Status::Ok();
}

Result<SourceOptions> ParseSource(const json::value& v) {
  if (!v.is_object()) return MapperParsingError("[_source] must be an object");
  SourceOptions s;
  auto list = [](const json::value& e, std::vector<std::string>* out) -> Status {
    if (e.is_string()) {
      out->emplace_back(e.get_string());
      return Status::Ok();
    }
    if (!e.is_array()) return MapperParsingError("[_source] includes/excludes must be arrays");
    for (const auto& x : e.get_array()) {
      auto s = JsonToString(x);
      if (!s) return MapperParsingError("[_source] includes/excludes must be strings");
      out->push_back(*s);
    }
    return Status::Ok();
  };
  for (const auto& kv : v.get_object()) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (key == "enabled") {
      QUIVER_ASSIGN_OR_RETURN(s.enabled, NodeBool(kv.value(), "_source.enabled"));
    } else if (key == "includes") {
      QUIVER_RETURN_IF_ERROR(list(kv.value(), &s.includes));
    } else if (key == "excludes") {
      QUIVER_RETURN_IF_ERROR(list(kv.value(), &s.excludes));
    } else if (key == "mode") {
      std::string mode = JsonToString(kv.value()).value_or("");
      if (mode != "stored" && mode != "synthetic" && mode != "disabled") {
        return MapperParsingError("Unknown value [" + mode +
                                  "] for field [mode] - accepted values are [synthetic, stored, "
                                  "disabled]");
      }
      s.mode = mode;
    } else {
      return MapperParsingError("unknown parameter [" + std::string(key) +
                                "] on metadata field [_source]");
    }
  }
  return s;
}

Status ValidateRuntime(const json::value& v) {
  if (!v.is_object()) return MapperParsingError("runtime must be a map type");
  static constexpr std::string_view kRuntimeTypes[] = {
      "keyword", "long",      "double",    "boolean",   "date",
      "ip",      "geo_point", "geo_shape", "composite", "lookup"};
  for (const auto& kv : v.get_object()) {
    if (kv.value().is_null()) continue;
    if (!kv.value().is_object()) {
      return MapperParsingError("Expected map for runtime field [" + std::string(kv.key()) +
                                "] definition but got a " + JavaText(kv.value()));
    }
    const json::value* type = kv.value().get_object().if_contains("type");
    if (type == nullptr) {
      return MapperParsingError("No type specified for runtime field [" + std::string(kv.key()) +
                                "]");
    }
    std::string t = JsonToString(*type).value_or("");
    if (std::find(std::begin(kRuntimeTypes), std::end(kRuntimeTypes), t) ==
        std::end(kRuntimeTypes)) {
      return MapperParsingError("The mapper type [" + t + "] declared on runtime field [" +
                                std::string(kv.key()) +
                                "] does not exist. It might have been created within a future "
                                "version or requires a plugin to be installed. Check the "
                                "documentation.");
    }
  }
  return Status::Ok();
}

// ES validates each template's mapping by parsing it for the JSON types it
// applies to; it is valid if any of them parses.
Status ValidateTemplate(const DynamicTemplate& t, const MappingContext& ctx) {
  if (t.is_runtime()) return Status::Ok();
  std::vector<DynamicValueType> types = t.match_mapping_types();
  if (types.empty()) {
    for (int i = 0; i < 7; ++i) types.push_back(static_cast<DynamicValueType>(i));
  }
  Status last;
  for (DynamicValueType type : types) {
    json::object def = t.MappingFor("__dummy__", type);
    def["type"] = t.MappingType(type);
    auto node = ParseProperty("__dummy__", "__dummy__", def, ctx);
    if (node.ok()) return Status::Ok();
    last = node.status();
  }
  std::string type_list = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) type_list += ", ";
    type_list += DynamicValueTypeName(types[i]);
  }
  type_list += "]";
  const json::value def = t.ToJson();
  return MapperParsingError("dynamic template [" + t.name() + "] has invalid content [" +
                            ToJson(*JsonFind(def, t.name())) +
                            "], attempted to validate it with the following match_mapping_type: " +
                            type_list + ", last error: [" + last.message() + "]")
      .WithCause(last);
}

Result<std::vector<DynamicTemplate>> ParseTemplates(const json::value& v,
                                                    const MappingContext& ctx) {
  if (!v.is_array()) {
    return MapperParsingError(
        "Dynamic template syntax error. An array of named objects is "
        "expected.");
  }
  std::vector<DynamicTemplate> out;
  for (const auto& entry : v.get_array()) {
    if (!entry.is_object() || entry.get_object().size() != 1) {
      return MapperParsingError("A dynamic template must be defined with a name");
    }
    const auto& kv = *entry.get_object().begin();
    QUIVER_ASSIGN_OR_RETURN(DynamicTemplate t,
                            DynamicTemplate::Parse(std::string(kv.key()), kv.value()));
    QUIVER_RETURN_IF_ERROR(ValidateTemplate(t, ctx));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Status FailedToParseMapping(const Status& cause) {
  return MapperParsingError("Failed to parse mapping: " + cause.message()).WithCause(cause);
}

const std::vector<std::string>& DefaultDynamicDateFormats() {
  static const auto* formats = new std::vector<std::string>{
      // ES's DEFAULT_DATE_TIME_FORMATTER (so dynamic ISO dates show no
      // "format" in GET _mapping) and the slash format.
      "strict_date_optional_time||epoch_millis", "yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"};
  return *formats;
}

Result<MapperNode> ParseProperty(std::string_view name, const std::string& full_path,
                                 const json::object& def, const MappingContext& ctx) {
  std::string type;
  if (const json::value* t = def.if_contains("type")) {
    type = JsonToString(*t).value_or(JavaText(*t));
  } else if (def.if_contains("properties") != nullptr ||
             (def.size() == 1 && def.if_contains("enabled") != nullptr)) {
    type = "object";
  } else {
    return MapperParsingError("No type specified for field [" + std::string(name) + "]");
  }
  if (type == "object" || type == "nested") {
    QUIVER_ASSIGN_OR_RETURN(auto obj, ParseObject(name, full_path,
                                                  type == "nested" ? ObjectMapper::Kind::kNested
                                                                   : ObjectMapper::Kind::kObject,
                                                  def, ctx));
    return MapperNode{std::move(obj), nullptr};
  }
  auto field_type = FieldTypeFromName(type);
  if (!field_type) {
    return MapperParsingError("The mapper type [" + type + "] declared on field [" +
                              std::string(name) +
                              "] does not exist. It might have been created within a future "
                              "version or requires a plugin to be installed. Check the "
                              "documentation.");
  }
  QUIVER_ASSIGN_OR_RETURN(auto field,
                          ParseFieldMapper(name, full_path, *field_type, def, ctx, false));
  return MapperNode{nullptr, std::move(field)};
}

Result<ParsedMappings> ParseMappingsBody(const json::value& mappings, const MappingContext& ctx) {
  ParsedMappings out;
  auto root = ObjectMapper::Builder::New("_doc", "", ObjectMapper::Kind::kRoot);
  if (mappings.is_null()) {
    out.root = std::move(root);
    return out;
  }
  if (!mappings.is_object()) {
    return MapperParsingError("Root mapping definition must be an object, got " +
                              std::string(JsonTokenName(mappings)));
  }
  const json::object& def = mappings.get_object();
  if (const json::value* sub = def.if_contains("subobjects")) {
    QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(*sub, "subobjects"));
    ObjectMapper::Builder::SetSubobjects(root.get(), b);
  }
  std::string leftovers;
  for (const auto& kv : def) {
    std::string_view key(kv.key().data(), kv.key().size());
    const json::value& v = kv.value();
    if (key == "subobjects") continue;
    if (key == "properties") {
      QUIVER_RETURN_IF_ERROR(ParseProperties(root.get(), v, ctx));
    } else if (key == "dynamic") {
      QUIVER_ASSIGN_OR_RETURN(Dynamic d, ParseDynamic(v, ""));
      ObjectMapper::Builder::SetDynamic(root.get(), d);
      out.options.dynamic = d;
    } else if (key == "enabled") {
      QUIVER_ASSIGN_OR_RETURN(bool b, NodeBool(v, "enabled"));
      ObjectMapper::Builder::SetEnabled(root.get(), b);
    } else if (key == "date_detection") {
      QUIVER_ASSIGN_OR_RETURN(out.options.date_detection, NodeBool(v, "date_detection"));
    } else if (key == "numeric_detection") {
      QUIVER_ASSIGN_OR_RETURN(out.options.numeric_detection, NodeBool(v, "numeric_detection"));
    } else if (key == "dynamic_date_formats") {
      std::vector<std::string> formats;
      if (v.is_string()) {
        formats.emplace_back(v.get_string());
      } else if (v.is_array()) {
        for (const auto& e : v.get_array()) {
          auto s = JsonToString(e);
          if (!s) return MapperParsingError("Invalid format in [dynamic_date_formats]");
          formats.push_back(*s);
        }
      } else {
        return MapperParsingError("Invalid [dynamic_date_formats]: expected a string or an array");
      }
      for (const std::string& f : formats) QUIVER_RETURN_IF_ERROR(DateFormat::Parse(f).status());
      out.options.dynamic_date_formats = std::move(formats);
    } else if (key == "dynamic_templates") {
      QUIVER_ASSIGN_OR_RETURN(out.options.dynamic_templates, ParseTemplates(v, ctx));
    } else if (key == "_source") {
      QUIVER_ASSIGN_OR_RETURN(out.options.source, ParseSource(v));
    } else if (key == "_routing") {
      if (!v.is_object()) return MapperParsingError("[_routing] must be an object");
      for (const auto& r : v.get_object()) {
        if (r.key() != "required") {
          return MapperParsingError("unknown parameter [" + std::string(r.key()) +
                                    "] on metadata field [_routing]");
        }
        QUIVER_ASSIGN_OR_RETURN(out.options.routing_required, NodeBool(r.value(), "required"));
      }
    } else if (key == "_meta") {
      if (!v.is_object()) {
        return MapperParsingError("[_meta] must be an object, got " +
                                  std::string(JsonTokenName(v)) + "[" + JavaText(v) + "]");
      }
      out.options.meta = v;
    } else if (key == "runtime") {
      QUIVER_RETURN_IF_ERROR(ValidateRuntime(v));
      for (const auto& r : v.get_object()) {
        if (!r.value().is_null()) out.options.runtime[r.key()] = r.value();
      }
    } else if (key == "_data_stream_timestamp") {
      out.options.data_stream_timestamp = v;
    } else if (key == "_field_names") {
      // Deprecated in ES 8 and without effect; accepted for compatibility.
    } else {
      leftovers += " [" + std::string(key) + " : " + JavaText(v) + "]";
    }
  }
  if (!leftovers.empty()) {
    return MapperParsingError("Root mapping definition has unsupported parameters: " + leftovers);
  }
  out.root = std::move(root);
  return out;
}

Result<std::shared_ptr<const Mapping>> Mapping::Parse(const json::value& mappings,
                                                      const MappingContext& ctx) {
  if (mappings.is_object() && mappings.get_object().size() == 1 &&
      mappings.get_object().if_contains("_doc") != nullptr &&
      mappings.get_object().at("_doc").is_object()) {
    return Status::InvalidArgument(
        "The mapping definition cannot be nested under a type [_doc] unless include_type_name "
        "is set to true.");
  }
  auto parsed = ParseMappingsBody(mappings, ctx);
  if (!parsed.ok()) return FailedToParseMapping(parsed.status());
  std::shared_ptr<const Mapping> m =
      Builder::Build(std::move(parsed->root), std::move(parsed->options));
  QUIVER_RETURN_IF_ERROR(CheckMappingLimits(*m, ctx));
  return m;
}

}  // namespace quiver::schema
