// GET _mapping rendering: ES's field order, sorted properties, and only what
// was explicitly configured.
#include "schema/mapping_internal.h"

namespace quiver::schema {

namespace {

json::value SourceToJson(const SourceOptions& s) {
  json::object out;
  if (!s.mode.empty()) out["mode"] = s.mode;
  if (!s.enabled) out["enabled"] = false;
  auto list = [](const std::vector<std::string>& v) {
    json::array a;
    for (const std::string& x : v) a.emplace_back(x);
    return a;
  };
  if (!s.includes.empty()) out["includes"] = list(s.includes);
  if (!s.excludes.empty()) out["excludes"] = list(s.excludes);
  return out;
}

json::value ObjectToJson(const ObjectMapper& o);

json::value PropertiesToJson(const ObjectMapper& o) {
  json::object props;
  for (std::string_view name : o.SortedChildNames()) {
    const MapperNode* node = o.Find(name);
    props[name] = node->object ? ObjectToJson(*node->object) : node->field->ToJson();
  }
  return props;
}

json::value ObjectToJson(const ObjectMapper& o) {
  json::object out;
  if (o.is_nested()) {
    out["type"] = "nested";
  } else if (o.children().empty()) {
    out["type"] = "object";
  }
  if (o.dynamic()) out["dynamic"] = DynamicName(*o.dynamic());
  if (!o.enabled()) out["enabled"] = false;
  if (o.subobjects()) out["subobjects"] = *o.subobjects();
  if (o.include_in_parent()) out["include_in_parent"] = *o.include_in_parent();
  if (o.include_in_root()) out["include_in_root"] = *o.include_in_root();
  if (!o.children().empty()) out["properties"] = PropertiesToJson(o);
  return out;
}

}  // namespace

json::value Mapping::ToJson() const {
  json::object out;
  const ObjectMapper& r = *root_;
  if (options_.dynamic) out["dynamic"] = DynamicName(*options_.dynamic);
  if (!r.enabled()) out["enabled"] = false;
  if (r.subobjects()) out["subobjects"] = *r.subobjects();
  if (options_.meta) out["_meta"] = *options_.meta;
  if (options_.data_stream_timestamp)
    out["_data_stream_timestamp"] = *options_.data_stream_timestamp;
  if (options_.routing_required) {
    json::object routing;
    routing["required"] = *options_.routing_required;
    out["_routing"] = std::move(routing);
  }
  if (options_.source) out["_source"] = SourceToJson(*options_.source);
  if (options_.dynamic_date_formats) {
    json::array formats;
    for (const std::string& f : *options_.dynamic_date_formats) formats.emplace_back(f);
    out["dynamic_date_formats"] = std::move(formats);
  }
  if (options_.dynamic_templates) {
    json::array templates;
    for (const DynamicTemplate& t : *options_.dynamic_templates) templates.push_back(t.ToJson());
    out["dynamic_templates"] = std::move(templates);
  }
  if (options_.date_detection) out["date_detection"] = *options_.date_detection;
  if (options_.numeric_detection) out["numeric_detection"] = *options_.numeric_detection;
  if (!options_.runtime.empty()) {
    std::vector<std::string_view> names;
    for (const auto& kv : options_.runtime) names.emplace_back(kv.key().data(), kv.key().size());
    std::sort(names.begin(), names.end());
    json::object runtime;
    for (std::string_view n : names) {
      runtime[n] = options_.runtime.at(json::string_view(n.data(), n.size()));
    }
    out["runtime"] = std::move(runtime);
  }
  if (!r.children().empty()) out["properties"] = PropertiesToJson(r);
  return out;
}

}  // namespace quiver::schema
