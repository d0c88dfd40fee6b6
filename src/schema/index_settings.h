// IndexSettings: the `settings` of one index, as Elasticsearch 8 keeps them —
// a flat map of normalized `index.*` keys to string values — plus typed
// accessors for the settings Quiver acts on.
//
// Input accepts every ES spelling: nested (`{"index":{"number_of_shards":2}}`),
// flat (`"index.number_of_shards": "2"`), unprefixed (`"number_of_shards": 2`),
// numbers or strings. `index.analysis.*` is kept as the JSON object the user
// gave (analysis() hands it to the analysis layer); everything else is
// validated against the registry in setting_registry.h.
//
// Immutable value type: every change returns a new IndexSettings. Cheap to
// copy relative to how rarely settings change. Thread-safe for concurrent
// reads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"

namespace quiver::schema {

enum class TranslogDurability : unsigned char { kRequest, kAsync };

// Engine-managed settings, set once when the index is created.
struct SystemSettings {
  std::string uuid;
  int64_t creation_date_ms = 0;
  std::string provided_name;    // the name as the user typed it
  std::string version_created;  // ES renders an integer id, e.g. "8500003"
};

struct SettingsUpdateOptions {
  // Shown in "for open indices [[name/uuid]]"; defaults to provided_name.
  std::string_view index_name;
  bool index_open = true;
  // ?preserve_existing=true: keys already set keep their value.
  bool preserve_existing = false;
};

class IndexSettings {
 public:
  // Every setting at its default, with number_of_shards and
  // number_of_replicas explicitly "1" as ES writes them at creation.
  IndexSettings();

  // The `settings` object of PUT /{index} (null or absent: all defaults).
  // Errors: illegal_argument_exception for unknown settings and bad values,
  // validation_exception for private settings ES forbids
  // (index.version.created), settings_exception when `settings` is not an
  // object. index.uuid, index.provided_name and index.creation_date are
  // accepted as ES does; the engine's WithSystemSettings() sets the first two.
  static Result<IndexSettings> Parse(const json::value& settings);

  // A copy with the engine-managed settings filled in (creation time).
  IndexSettings WithSystemSettings(const SystemSettings& system) const;

  // PUT /{index}/_settings. The body may be wrapped in {"settings": {...}}.
  // Dynamic settings only on open indices ("Can't update non dynamic settings
  // [[index.number_of_shards]] for open indices [[name/uuid]]"); `null`
  // resets a setting to its default.
  Result<IndexSettings> ApplyUpdate(const json::value& update,
                                    const SettingsUpdateOptions& options = {}) const;

  // GET /{index}/_settings: the value under "settings". Nested ES form
  // (`{"index":{"number_of_shards":"1",...}}`) or, with flat=true,
  // `{"index.number_of_shards":"1",...}`. Keys sorted, values strings.
  json::value ToJson(bool flat = false) const;
  // `include_defaults=true`: the value under "defaults" — every registered
  // setting that is not explicitly set, at its default.
  json::value DefaultsToJson(bool flat = false) const;

  // Lossless persistence (trusted input; no user-facing validation).
  json::value ToStoredJson() const;
  static Result<IndexSettings> FromStoredJson(const json::value& stored);

  // Explicitly set values, flat and normalized (strings, or arrays of strings
  // for list settings); analysis excluded.
  const std::map<std::string, json::value>& values() const { return values_; }
  // The explicit value of `key` ("index.refresh_interval") as a string, else
  // its registered default; nullopt for unknown keys.
  std::optional<std::string> Get(std::string_view key) const;
  bool IsSet(std::string_view key) const { return values_.count(std::string(key)) > 0; }

  // `index.analysis` as given (an object; empty object when none).
  const json::value& analysis() const { return analysis_; }

  // Typed accessors (defaults applied).
  int number_of_shards() const { return typed_.number_of_shards; }
  int number_of_replicas() const { return typed_.number_of_replicas; }
  int number_of_routing_shards() const { return typed_.number_of_routing_shards; }
  int routing_partition_size() const { return typed_.routing_partition_size; }
  // -1 when refresh is disabled.
  int64_t refresh_interval_ms() const { return typed_.refresh_interval_ms; }
  TranslogDurability durability() const { return typed_.durability; }
  int64_t sync_interval_ms() const { return typed_.sync_interval_ms; }
  int64_t total_fields_limit() const { return typed_.total_fields_limit; }
  bool ignore_dynamic_beyond_limit() const { return typed_.ignore_dynamic_beyond_limit; }
  int64_t depth_limit() const { return typed_.depth_limit; }
  int64_t nested_fields_limit() const { return typed_.nested_fields_limit; }
  int64_t nested_objects_limit() const { return typed_.nested_objects_limit; }
  int64_t field_name_length_limit() const { return typed_.field_name_length_limit; }
  // Index-wide defaults for the `coerce` / `ignore_malformed` field params.
  bool mapping_coerce() const { return typed_.mapping_coerce; }
  bool mapping_ignore_malformed() const { return typed_.mapping_ignore_malformed; }
  int max_result_window() const { return typed_.max_result_window; }
  int max_inner_result_window() const { return typed_.max_inner_result_window; }
  int max_rescore_window() const { return typed_.max_rescore_window; }
  int max_terms_count() const { return typed_.max_terms_count; }
  int max_regex_length() const { return typed_.max_regex_length; }
  int max_ngram_diff() const { return typed_.max_ngram_diff; }
  int max_shingle_diff() const { return typed_.max_shingle_diff; }
  int analyze_max_token_count() const { return typed_.analyze_max_token_count; }
  int max_docvalue_fields_search() const { return typed_.max_docvalue_fields_search; }
  int max_script_fields() const { return typed_.max_script_fields; }
  int max_slices_per_scroll() const { return typed_.max_slices_per_scroll; }
  int64_t max_analyzed_offset() const { return typed_.max_analyzed_offset; }
  const std::string& codec() const { return typed_.codec; }
  bool hidden() const { return typed_.hidden; }
  bool blocks_read_only() const { return typed_.blocks_read_only; }
  bool blocks_read() const { return typed_.blocks_read; }
  bool blocks_write() const { return typed_.blocks_write; }
  bool blocks_metadata() const { return typed_.blocks_metadata; }
  bool blocks_read_only_allow_delete() const { return typed_.blocks_read_only_allow_delete; }
  const std::string& default_pipeline() const { return typed_.default_pipeline; }
  const std::string& final_pipeline() const { return typed_.final_pipeline; }
  const std::string& uuid() const { return typed_.uuid; }
  int64_t creation_date_ms() const { return typed_.creation_date_ms; }
  const std::string& provided_name() const { return typed_.provided_name; }
  const std::string& version_created() const { return typed_.version_created; }

 private:
  struct Typed {
    int number_of_shards = 1;
    int number_of_replicas = 1;
    int number_of_routing_shards = 1;
    int routing_partition_size = 1;
    int64_t refresh_interval_ms = 1000;
    TranslogDurability durability = TranslogDurability::kRequest;
    int64_t sync_interval_ms = 5000;
    int64_t total_fields_limit = 1000;
    bool ignore_dynamic_beyond_limit = false;
    int64_t depth_limit = 20;
    int64_t nested_fields_limit = 50;
    int64_t nested_objects_limit = 10000;
    int64_t field_name_length_limit = INT64_MAX;
    bool mapping_coerce = true;
    bool mapping_ignore_malformed = false;
    int max_result_window = 10000;
    int max_inner_result_window = 100;
    int max_rescore_window = 10000;
    int max_terms_count = 65536;
    int max_regex_length = 1000;
    int max_ngram_diff = 1;
    int analyze_max_token_count = 10000;
    int max_slices_per_scroll = 1024;
    int max_shingle_diff = 3;
    int max_docvalue_fields_search = 100;
    int max_script_fields = 32;
    int64_t max_analyzed_offset = 1000000;
    std::string codec = "default";
    bool hidden = false;
    bool blocks_read_only = false;
    bool blocks_read = false;
    bool blocks_write = false;
    bool blocks_metadata = false;
    bool blocks_read_only_allow_delete = false;
    std::string default_pipeline = "_none";
    std::string final_pipeline = "_none";
    std::string uuid;
    int64_t creation_date_ms = -1;
    std::string provided_name;
    std::string version_created;
  };

  // Recomputes typed_ from values_ (values are already validated).
  void Refresh();
  // Cross-setting checks ES runs at creation (routing shards, index.mode).
  Status ValidateCombination() const;

  std::map<std::string, json::value> values_;
  json::value analysis_ = json::object();
  Typed typed_;
};

}  // namespace quiver::schema
