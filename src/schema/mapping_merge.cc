// PUT _mapping and dynamic updates: merging an update tree into an existing
// mapping with ES 8's conflict rules (ObjectMapper.merge, RootObjectMapper,
// FieldMapper.merge, metadata field mappers).
#include "schema/field_mapper_parser.h"
#include "schema/mapping_internal.h"

namespace quiver::schema {

namespace {

std::string_view KindName(const ObjectMapper& o) { return o.is_nested() ? "nested" : "object"; }

Status MergeObjectParams(const ObjectMapper& existing, const ObjectMapper& update,
                         ObjectMapper* out) {
  if (existing.is_nested() != update.is_nested()) {
    if (existing.is_nested()) {
      return Status::InvalidArgument("can't merge a nested mapping [" + existing.full_path() +
                                     "] with a non-nested mapping");
    }
    return Status::InvalidArgument("can't merge a non-nested mapping [" + existing.full_path() +
                                   "] with a nested mapping");
  }
  if (update.dynamic()) ObjectMapper::Builder::SetDynamic(out, update.dynamic());
  if (update.enabled_explicit() && update.enabled() != existing.enabled()) {
    return Status::InvalidArgument(
        "the [enabled] parameter can't be updated for the object "
        "mapping [" +
        existing.full_path() + "]");
  }
  if (update.subobjects() && update.subobjects() != existing.subobjects().value_or(true)) {
    return Status::InvalidArgument(
        "the [subobjects] parameter can't be updated for the object "
        "mapping [" +
        existing.full_path() + "]");
  }
  if (existing.is_nested()) {
    if (update.include_in_parent() &&
        update.include_in_parent() != existing.include_in_parent().value_or(false)) {
      return Status::InvalidArgument(
          "the [include_in_parent] parameter can't be updated on a nested object mapping");
    }
    if (update.include_in_root() &&
        update.include_in_root() != existing.include_in_root().value_or(false)) {
      return Status::InvalidArgument(
          "the [include_in_root] parameter can't be updated on a nested object mapping");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const ObjectMapper>> MergeObjectMappers(
    const std::shared_ptr<const ObjectMapper>& existing,
    const std::shared_ptr<const ObjectMapper>& update) {
  auto out = ObjectMapper::Builder::Copy(*existing);
  QUIVER_RETURN_IF_ERROR(MergeObjectParams(*existing, *update, out.get()));
  for (const auto& [name, node] : update->children()) {
    MapperNode* current = ObjectMapper::Builder::FindMutable(out.get(), name);
    if (current == nullptr) {
      ObjectMapper::Builder::SetChild(out.get(), name, node);
      continue;
    }
    if (current->object && node.object) {
      QUIVER_ASSIGN_OR_RETURN(current->object, MergeObjectMappers(current->object, node.object));
    } else if (current->field && node.field) {
      QUIVER_ASSIGN_OR_RETURN(current->field, MergeFieldMappers(current->field, node.field));
    } else if (current->object) {
      return Status::InvalidArgument("can't merge a non object mapping [" +
                                     current->object->full_path() + "] with an object mapping");
    } else {
      return Status::InvalidArgument("mapper [" + current->field->full_path() +
                                     "] cannot be changed from type [" +
                                     std::string(current->field->type_name()) + "] to [" +
                                     std::string(KindName(*node.object)) + "]");
    }
  }
  return std::shared_ptr<const ObjectMapper>(std::move(out));
}

Result<RootOptions> MergeRootOptions(const RootOptions& existing, const RootOptions& update) {
  RootOptions out = existing;
  if (update.dynamic) out.dynamic = update.dynamic;
  if (update.date_detection) out.date_detection = update.date_detection;
  if (update.numeric_detection) out.numeric_detection = update.numeric_detection;
  if (update.dynamic_date_formats) out.dynamic_date_formats = update.dynamic_date_formats;
  if (update.dynamic_templates) {
    // Templates are keyed by name: a new definition replaces the old one in
    // place, new names are appended.
    std::vector<DynamicTemplate> merged =
        existing.dynamic_templates ? *existing.dynamic_templates : std::vector<DynamicTemplate>{};
    for (const DynamicTemplate& t : *update.dynamic_templates) {
      auto it = std::find_if(merged.begin(), merged.end(),
                             [&](const DynamicTemplate& e) { return e.name() == t.name(); });
      if (it != merged.end()) {
        *it = t;
      } else {
        merged.push_back(t);
      }
    }
    out.dynamic_templates = std::move(merged);
  }
  if (update.source) {
    const SourceOptions before = existing.source.value_or(SourceOptions{});
    const SourceOptions& after = *update.source;
    std::vector<std::string> conflicts;
    auto list_text = [](const std::vector<std::string>& v) {
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) s += (i > 0 ? ", " : "") + v[i];
      return s + "]";
    };
    if (before.enabled != after.enabled) {
      conflicts.push_back(std::string("Cannot update parameter [enabled] from [") +
                          (before.enabled ? "true" : "false") + "] to [" +
                          (after.enabled ? "true" : "false") + "]");
    }
    if (before.includes != after.includes) {
      conflicts.push_back("Cannot update parameter [includes] from " + list_text(before.includes) +
                          " to " + list_text(after.includes));
    }
    if (before.excludes != after.excludes) {
      conflicts.push_back("Cannot update parameter [excludes] from " + list_text(before.excludes) +
                          " to " + list_text(after.excludes));
    }
    if (!conflicts.empty()) {
      std::string msg = "Mapper for [_source] conflicts with existing mapper:";
      for (const std::string& c : conflicts) msg += "\n\t" + c;
      return Status::InvalidArgument(std::move(msg));
    }
    out.source = after;
  }
  if (update.routing_required &&
      *update.routing_required != existing.routing_required.value_or(false)) {
    return Status::InvalidArgument(
        std::string("Mapper for [_routing] conflicts with existing mapper:\n\tCannot update "
                    "parameter [required] from [") +
        (existing.routing_required.value_or(false) ? "true" : "false") + "] to [" +
        (*update.routing_required ? "true" : "false") + "]");
  }
  if (update.routing_required) out.routing_required = update.routing_required;
  if (update.meta) out.meta = update.meta;
  for (const auto& kv : update.runtime) out.runtime[kv.key()] = kv.value();
  if (update.data_stream_timestamp) out.data_stream_timestamp = update.data_stream_timestamp;
  return out;
}

Result<std::shared_ptr<const Mapping>> Mapping::Merge(const json::value& update,
                                                      const MappingContext& ctx) const {
  if (update.is_object() && update.get_object().size() == 1 &&
      update.get_object().if_contains("_doc") != nullptr &&
      update.get_object().at("_doc").is_object()) {
    return Status::InvalidArgument("Types cannot be provided in put mapping requests");
  }
  auto parsed = ParseMappingsBody(update, ctx);
  if (!parsed.ok()) return FailedToParseMapping(parsed.status());
  QUIVER_ASSIGN_OR_RETURN(auto root, MergeObjectMappers(root_, parsed->root));
  QUIVER_ASSIGN_OR_RETURN(RootOptions options, MergeRootOptions(options_, parsed->options));
  // Runtime fields set to null in the update are removed.
  if (const json::value* rt = JsonFind(update, "runtime"); rt != nullptr && rt->is_object()) {
    for (const auto& kv : rt->get_object()) {
      if (kv.value().is_null()) options.runtime.erase(kv.key());
    }
  }
  std::shared_ptr<const Mapping> m = Builder::Build(std::move(root), std::move(options));
  QUIVER_RETURN_IF_ERROR(CheckMappingLimits(*m, ctx));
  return m;
}

Result<std::shared_ptr<const Mapping>> ApplyDynamicUpdate(
    const Mapping& base, const std::shared_ptr<const ObjectMapper>& update,
    const json::object& runtime) {
  QUIVER_ASSIGN_OR_RETURN(auto root, MergeObjectMappers(Mapping::Builder::RootOf(base), update));
  RootOptions options = base.options();
  for (const auto& kv : runtime) options.runtime[kv.key()] = kv.value();
  return std::shared_ptr<const Mapping>(
      Mapping::Builder::Build(std::move(root), std::move(options)));
}

}  // namespace quiver::schema
