#include "schema/index_settings.h"

#include <algorithm>
#include <vector>

#include "common/strings.h"
#include "schema/setting_registry.h"

namespace quiver::schema {

namespace {

constexpr std::string_view kIndexPrefix = "index.";
constexpr std::string_view kAnalysisPrefix = "index.analysis.";

// One flattened input entry: the normalized key and the value as given
// (scalar, array, or null).
using FlatSettings = std::map<std::string, json::value>;

std::string NormalizeKey(std::string_view key) {
  if (key.substr(0, kIndexPrefix.size()) == kIndexPrefix) return std::string(key);
  return std::string(kIndexPrefix) + std::string(key);
}

void Flatten(const json::object& obj, const std::string& prefix, FlatSettings* out) {
  for (const auto& kv : obj) {
    std::string key = prefix.empty() ? std::string(kv.key()) : prefix + "." + std::string(kv.key());
    if (kv.value().is_object()) {
      Flatten(kv.value().get_object(), key, out);
    } else {
      (*out)[NormalizeKey(key)] = kv.value();
    }
  }
}

// Inserts `value` into the analysis tree at the dotted `path`.
void InsertAtPath(json::object* root, std::string_view path, const json::value& value) {
  json::object* cur = root;
  while (true) {
    size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    json::string_view jpart(part.data(), part.size());
    if (dot == std::string_view::npos) {
      if (value.is_null()) {
        cur->erase(jpart);
      } else {
        (*cur)[jpart] = value;
      }
      return;
    }
    json::value& next = (*cur)[jpart];
    if (!next.is_object()) next = json::object();
    cur = &next.get_object();
    path.remove_prefix(dot + 1);
  }
}

// ES renders settings as strings; lists as arrays of strings.
json::value RenderValue(const json::value& v) {
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.get_array()) {
      out.emplace_back(RenderValue(e));
    }
    return out;
  }
  if (v.is_object()) {
    json::object out;
    for (const auto& kv : v.get_object()) out[kv.key()] = RenderValue(kv.value());
    return out;
  }
  auto s = JsonToString(v);
  return s ? json::value(*s) : json::value(nullptr);
}

void FlattenForRender(const json::value& v, const std::string& prefix, json::object* out) {
  if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      FlattenForRender(kv.value(), prefix + "." + std::string(kv.key()), out);
    }
    return;
  }
  (*out)[prefix] = RenderValue(v);
}

void InsertNested(json::object* root, std::string_view key, json::value value) {
  json::object* cur = root;
  while (true) {
    size_t dot = key.find('.');
    std::string_view part = key.substr(0, dot);
    json::string_view jpart(part.data(), part.size());
    if (dot == std::string_view::npos) {
      (*cur)[jpart] = std::move(value);
      return;
    }
    json::value& next = (*cur)[jpart];
    if (!next.is_object()) next = json::object();
    cur = &next.get_object();
    key.remove_prefix(dot + 1);
  }
}

// Sorts object keys recursively (ES settings are a sorted map).
json::value SortedCopy(const json::value& v) {
  if (!v.is_object()) return v;
  std::vector<std::pair<std::string, const json::value*>> entries;
  for (const auto& kv : v.get_object()) entries.emplace_back(std::string(kv.key()), &kv.value());
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  json::object out;
  for (const auto& [k, val] : entries) out[k] = SortedCopy(*val);
  return out;
}

// Converts one user value to the normalized stored form for `def`.
Result<json::value> NormalizeValue(const SettingDef& def, const std::string& key,
                                   const json::value& v) {
  if (def.kind == SettingKind::kList) {
    json::array out;
    if (v.is_array()) {
      for (const auto& e : v.get_array()) {
        auto s = JsonToString(e);
        if (!s) {
          return Status::InvalidArgument("Failed to parse value [" + ToJson(e) + "] for setting [" +
                                         key + "]");
        }
        out.emplace_back(*s);
      }
    } else {
      auto s = JsonToString(v);
      if (!s) return Status::InvalidArgument("Failed to parse value for setting [" + key + "]");
      for (std::string_view part : SplitString(*s, ',')) {
        out.emplace_back(TrimWhitespace(part));
      }
    }
    return json::value(std::move(out));
  }
  if (v.is_array()) {
    return Status::InvalidArgument("Failed to parse value [" + ToJson(v) + "] for setting [" + key +
                                   "]");
  }
  auto text = JsonToString(v);
  if (!text) {
    return Status::InvalidArgument("Failed to parse value for setting [" + key + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(std::string normalized, NormalizeSettingValue(def, key, *text));
  return json::value(normalized);
}

int64_t ToLong(const std::optional<std::string>& s, int64_t fallback) {
  int64_t v = 0;
  if (s && ParseInt64(*s, &v)) return v;
  return fallback;
}

bool ToBool(const std::optional<std::string>& s, bool fallback) {
  if (!s) return fallback;
  if (*s == "true") return true;
  if (*s == "false") return false;
  return fallback;
}

// ES's default number of routing shards for an index created on 7.0+: the
// largest numShards * 2^k <= 1024, split at least once.
int DefaultRoutingShards(int num_shards) {
  int log2_num_shards = 0;
  while ((1 << log2_num_shards) < num_shards) ++log2_num_shards;
  int num_splits = std::max(1, 10 - log2_num_shards);
  return num_shards * (1 << num_splits);
}

}  // namespace

IndexSettings::IndexSettings() {
  values_["index.number_of_shards"] = "1";
  values_["index.number_of_replicas"] = "1";
  Refresh();
}

Result<IndexSettings> IndexSettings::Parse(const json::value& settings) {
  IndexSettings out;
  if (settings.is_null()) return out;
  if (!settings.is_object()) {
    auto text = JsonToString(settings);
    return Status::InvalidArgument("Failed to load settings from [" +
                                   (text ? *text : quiver::ToJson(settings)) + "]")
        .WithType("settings_exception");
  }
  FlatSettings flat;
  Flatten(settings.get_object(), "", &flat);
  for (const auto& [key, value] : flat) {
    if (value.is_null()) continue;
    if (key.compare(0, kAnalysisPrefix.size(), kAnalysisPrefix) == 0) {
      InsertAtPath(&out.analysis_.get_object(),
                   std::string_view(key).substr(kAnalysisPrefix.size()), value);
      continue;
    }
    const SettingDef* def = FindSetting(key);
    if (def == nullptr) return UnknownSetting(key);
    if (key == "index.version.created") {
      return Status::InvalidArgument("Validation Failed: 1: private index setting [" + key +
                                     "] can not be set explicitly;")
          .WithType("validation_exception");
    }
    QUIVER_ASSIGN_OR_RETURN(json::value normalized, NormalizeValue(*def, key, value));
    out.values_[key] = std::move(normalized);
  }
  auto soft_deletes = out.values_.find("index.soft_deletes.enabled");
  if (soft_deletes != out.values_.end() && soft_deletes->second.is_string() &&
      soft_deletes->second.get_string() == "false") {
    return Status::InvalidArgument(
        "Creating indices with soft-deletes disabled is no longer supported. Please do not "
        "specify a value for setting [index.soft_deletes.enabled].");
  }
  out.Refresh();
  QUIVER_RETURN_IF_ERROR(out.ValidateCombination());
  return out;
}

Status IndexSettings::ValidateCombination() const {
  const int shards = typed_.number_of_shards;
  if (IsSet("index.number_of_routing_shards")) {
    const int routing = typed_.number_of_routing_shards;
    if (routing < shards) {
      return Status::InvalidArgument("index.number_of_routing_shards [" + std::to_string(routing) +
                                     "] must be >= index.number_of_shards [" +
                                     std::to_string(shards) + "]");
    }
    if (routing % shards != 0) {
      return Status::InvalidArgument("the number of source shards [" + std::to_string(shards) +
                                     "] must be a factor of [" + std::to_string(routing) + "]");
    }
  }
  const int partition = typed_.routing_partition_size;
  if (partition != 1 && partition >= typed_.number_of_routing_shards) {
    return Status::InvalidArgument(
        "routing partition size [" + std::to_string(partition) +
        "] should be a positive number less than the number of routing shards [" +
        std::to_string(typed_.number_of_routing_shards) + "]");
  }
  auto mode = Get("index.mode");
  if (mode && AsciiLower(*mode) == "lookup" && shards != 1) {
    return Status::InvalidArgument(
        "index with [lookup] mode must have [index.number_of_shards] set to 1 or unset; "
        "provided " +
        std::to_string(shards));
  }
  return Status::Ok();
}

IndexSettings IndexSettings::WithSystemSettings(const SystemSettings& system) const {
  IndexSettings out = *this;
  out.values_["index.uuid"] = system.uuid;
  if (!out.IsSet("index.creation_date")) {
    out.values_["index.creation_date"] = std::to_string(system.creation_date_ms);
  }
  out.values_["index.provided_name"] = system.provided_name;
  // ES 8 puts every new (non-data-stream) index on the content tier, and
  // GET _settings shows it.
  if (!out.IsSet("index.routing.allocation.include._tier_preference")) {
    out.values_["index.routing.allocation.include._tier_preference"] = "data_content";
  }
  if (!system.version_created.empty()) {
    out.values_["index.version.created"] = system.version_created;
  }
  out.Refresh();
  return out;
}

Result<IndexSettings> IndexSettings::ApplyUpdate(const json::value& update,
                                                 const SettingsUpdateOptions& options) const {
  if (!update.is_object()) {
    return Status::InvalidArgument("Failed to load settings from [" + quiver::ToJson(update) + "]")
        .WithType("settings_exception");
  }
  const json::object* body = &update.get_object();
  if (const json::value* inner = body->if_contains("settings"); inner && inner->is_object()) {
    body = &inner->get_object();
  }
  FlatSettings flat;
  Flatten(*body, "", &flat);

  // Validate everything first (ES validates the whole request before applying).
  std::vector<std::string> non_dynamic;
  for (const auto& [key, value] : flat) {
    if (key.compare(0, kAnalysisPrefix.size(), kAnalysisPrefix) == 0) {
      non_dynamic.push_back(key);
      continue;
    }
    const SettingDef* def = FindSetting(key);
    if (def == nullptr) return UnknownSetting(key);
    if (def->scope == SettingScope::kPrivate) {
      return Status::InvalidArgument("can not update private setting [" + key +
                                     "]; this setting is managed by Elasticsearch");
    }
    if (!value.is_null()) {
      QUIVER_RETURN_IF_ERROR(NormalizeValue(*def, key, value).status());
    }
    if (def->scope != SettingScope::kDynamic) non_dynamic.push_back(key);
  }
  std::string index_name =
      options.index_name.empty() ? typed_.provided_name : std::string(options.index_name);
  if (!non_dynamic.empty()) {
    if (options.index_open) {
      std::string keys;
      for (size_t i = 0; i < non_dynamic.size(); ++i) {
        if (i > 0) keys += ", ";
        keys += non_dynamic[i];
      }
      return Status::InvalidArgument("Can't update non dynamic settings [[" + keys +
                                     "]] for open indices [[" + index_name + "/" + typed_.uuid +
                                     "]]");
    }
    for (const std::string& key : non_dynamic) {
      const SettingDef* def = FindSetting(key);
      if (def != nullptr && def->scope == SettingScope::kFinal) {
        return Status::InvalidArgument("final " + index_name + " setting [" + key +
                                       "], not updateable");
      }
    }
  }

  IndexSettings out = *this;
  for (const auto& [key, value] : flat) {
    if (options.preserve_existing && (out.values_.count(key) > 0)) continue;
    if (key.compare(0, kAnalysisPrefix.size(), kAnalysisPrefix) == 0) {
      InsertAtPath(&out.analysis_.get_object(),
                   std::string_view(key).substr(kAnalysisPrefix.size()), value);
      continue;
    }
    if (value.is_null()) {
      out.values_.erase(key);
      continue;
    }
    const SettingDef* def = FindSetting(key);
    QUIVER_ASSIGN_OR_RETURN(json::value normalized, NormalizeValue(*def, key, value));
    out.values_[key] = std::move(normalized);
  }
  out.Refresh();
  return out;
}

std::optional<std::string> IndexSettings::Get(std::string_view key) const {
  auto it = values_.find(std::string(key));
  if (it != values_.end()) {
    if (it->second.is_string()) return std::string(it->second.get_string());
    return quiver::ToJson(it->second);
  }
  const SettingDef* def = FindSetting(key);
  if (def == nullptr) return std::nullopt;
  return std::string(def->default_value);
}

void IndexSettings::Refresh() {
  Typed t;
  t.number_of_shards = static_cast<int>(ToLong(Get("index.number_of_shards"), 1));
  t.number_of_replicas = static_cast<int>(ToLong(Get("index.number_of_replicas"), 1));
  t.number_of_routing_shards =
      IsSet("index.number_of_routing_shards")
          ? static_cast<int>(ToLong(Get("index.number_of_routing_shards"), 1))
          : DefaultRoutingShards(t.number_of_shards);
  t.routing_partition_size = static_cast<int>(ToLong(Get("index.routing_partition_size"), 1));
  if (auto v = Get("index.refresh_interval")) {
    auto ms = ParseSettingTimeMs("index.refresh_interval", *v);
    if (ms.ok()) t.refresh_interval_ms = *ms;
  }
  if (auto v = Get("index.translog.durability")) {
    t.durability =
        EqualsIgnoreCase(*v, "async") ? TranslogDurability::kAsync : TranslogDurability::kRequest;
  }
  if (auto v = Get("index.translog.sync_interval")) {
    auto ms = ParseSettingTimeMs("index.translog.sync_interval", *v);
    if (ms.ok()) t.sync_interval_ms = *ms;
  }
  t.total_fields_limit = ToLong(Get("index.mapping.total_fields.limit"), 1000);
  t.ignore_dynamic_beyond_limit =
      ToBool(Get("index.mapping.total_fields.ignore_dynamic_beyond_limit"), false);
  t.depth_limit = ToLong(Get("index.mapping.depth.limit"), 20);
  t.nested_fields_limit = ToLong(Get("index.mapping.nested_fields.limit"), 50);
  t.nested_objects_limit = ToLong(Get("index.mapping.nested_objects.limit"), 10000);
  t.field_name_length_limit = ToLong(Get("index.mapping.field_name_length.limit"), INT64_MAX);
  t.mapping_coerce = ToBool(Get("index.mapping.coerce"), true);
  t.mapping_ignore_malformed = ToBool(Get("index.mapping.ignore_malformed"), false);
  t.max_result_window = static_cast<int>(ToLong(Get("index.max_result_window"), 10000));
  t.max_inner_result_window = static_cast<int>(ToLong(Get("index.max_inner_result_window"), 100));
  t.max_rescore_window = static_cast<int>(ToLong(Get("index.max_rescore_window"), 10000));
  t.max_terms_count = static_cast<int>(ToLong(Get("index.max_terms_count"), 65536));
  t.max_regex_length = static_cast<int>(ToLong(Get("index.max_regex_length"), 1000));
  t.max_ngram_diff = static_cast<int>(ToLong(Get("index.max_ngram_diff"), 1));
  t.max_shingle_diff = static_cast<int>(ToLong(Get("index.max_shingle_diff"), 3));
  t.analyze_max_token_count = static_cast<int>(ToLong(Get("index.analyze.max_token_count"), 10000));
  t.max_docvalue_fields_search =
      static_cast<int>(ToLong(Get("index.max_docvalue_fields_search"), 100));
  t.max_script_fields = static_cast<int>(ToLong(Get("index.max_script_fields"), 32));
  t.max_slices_per_scroll = static_cast<int>(ToLong(Get("index.max_slices_per_scroll"), 1024));
  t.max_analyzed_offset = ToLong(Get("index.highlight.max_analyzed_offset"), 1000000);
  t.codec = Get("index.codec").value_or("default");
  t.hidden = ToBool(Get("index.hidden"), false);
  t.blocks_read_only = ToBool(Get("index.blocks.read_only"), false);
  t.blocks_read = ToBool(Get("index.blocks.read"), false);
  t.blocks_write = ToBool(Get("index.blocks.write"), false);
  t.blocks_metadata = ToBool(Get("index.blocks.metadata"), false);
  t.blocks_read_only_allow_delete = ToBool(Get("index.blocks.read_only_allow_delete"), false);
  t.default_pipeline = Get("index.default_pipeline").value_or("_none");
  t.final_pipeline = Get("index.final_pipeline").value_or("_none");
  t.uuid = Get("index.uuid").value_or("");
  t.creation_date_ms = ToLong(Get("index.creation_date"), -1);
  t.provided_name = Get("index.provided_name").value_or("");
  t.version_created = Get("index.version.created").value_or("");
  typed_ = std::move(t);
}

json::value IndexSettings::ToJson(bool flat) const {
  json::object flat_out;
  for (const auto& [key, value] : values_) flat_out[key] = RenderValue(value);
  if (!analysis_.get_object().empty()) {
    FlattenForRender(analysis_, "index.analysis", &flat_out);
  }
  if (flat) return SortedCopy(flat_out);
  json::object nested;
  for (const auto& kv : flat_out) {
    InsertNested(&nested, std::string_view(kv.key().data(), kv.key().size()), kv.value());
  }
  return SortedCopy(nested);
}

json::value IndexSettings::DefaultsToJson(bool flat) const {
  json::object flat_out;
  for (const SettingDef& def : AllSettings()) {
    if (def.scope == SettingScope::kPrivate || def.default_value.empty()) continue;
    if (IsSet(def.key)) continue;
    if (def.kind == SettingKind::kList) {
      json::array arr;
      arr.emplace_back(json::string_view(def.default_value.data(), def.default_value.size()));
      flat_out[json::string_view(def.key.data(), def.key.size())] = std::move(arr);
    } else {
      flat_out[json::string_view(def.key.data(), def.key.size())] =
          json::string_view(def.default_value.data(), def.default_value.size());
    }
  }
  if (flat) return flat_out;
  json::object nested;
  for (const auto& kv : flat_out) {
    InsertNested(&nested, std::string_view(kv.key().data(), kv.key().size()), kv.value());
  }
  return SortedCopy(nested);
}

json::value IndexSettings::ToStoredJson() const {
  json::object values;
  for (const auto& [key, value] : values_) values[key] = value;
  json::object out;
  out["values"] = std::move(values);
  out["analysis"] = analysis_;
  return out;
}

Result<IndexSettings> IndexSettings::FromStoredJson(const json::value& stored) {
  const json::value* values = JsonFind(stored, "values");
  const json::value* analysis = JsonFind(stored, "analysis");
  if (values == nullptr || !values->is_object()) {
    return Status::Corruption("stored index settings have no [values] object");
  }
  IndexSettings out;
  out.values_.clear();
  for (const auto& kv : values->get_object()) out.values_[std::string(kv.key())] = kv.value();
  if (analysis != nullptr && analysis->is_object()) out.analysis_ = *analysis;
  out.Refresh();
  return out;
}

}  // namespace quiver::schema
