// The index-scoped settings Quiver knows, with their value kinds, defaults,
// bounds and update rules (Elasticsearch's IndexScopedSettings registry).
// IndexSettings uses it to validate and normalize user input; the API layer
// uses it to render `include_defaults`.
//
// The registry is a static, immutable table; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::schema {

enum class SettingKind : unsigned char {
  kInt,       // 32-bit integer ("2", 2)
  kLong,      // 64-bit integer
  kDouble,    // floating point
  kBool,      // "true" / "false" only
  kTime,      // time value: "1s", "500ms", "-1", "0"
  kByteSize,  // "512mb", "10gb", "-1"
  kString,    // any scalar, kept as text
  kEnum,      // one of `choices` (compared case-insensitively where ES does)
  kList,      // array of strings (a scalar is a one-element list)
};

// How a setting may change after index creation.
enum class SettingScope : unsigned char {
  kDynamic,  // PUT _settings on an open index
  kStatic,   // only on a closed index
  kFinal,    // never (index.number_of_shards, index.routing_partition_size)
  kPrivate,  // managed by the engine (index.uuid, index.creation_date, ...)
};

struct SettingDef {
  std::string_view key;  // full key ("index.refresh_interval"), or a prefix ending in '.'
  SettingKind kind;
  SettingScope scope;
  // Default value as ES renders it (settings are strings); empty view means
  // "no default shown" (e.g. index.number_of_routing_shards).
  std::string_view default_value;
  std::optional<int64_t> min = std::nullopt;  // ints/longs; for kTime/kByteSize in ms/bytes
  std::optional<int64_t> max = std::nullopt;
  // For kEnum: the accepted values. For kTime/kByteSize mins, the text ES
  // prints in "must be >= [..]".
  std::vector<std::string_view> choices = {};
  std::string_view min_text = {};
  bool is_prefix = false;  // matches every key under `key`
};

// Looks up the definition for a full `index.*` key (exact keys first, then
// prefix families such as `index.routing.allocation.include.`).
const SettingDef* FindSetting(std::string_view key);

// Every exact (non-prefix) setting, sorted by key.
const std::vector<SettingDef>& AllSettings();

// ES's "unknown setting [k] ..." illegal_argument_exception, with the
// "did you mean [..]?" suggestion ES computes (Lucene Levenshtein > 0.7).
Status UnknownSetting(std::string_view key);

// Validates `text` for `def`, returning the normalized string ES stores
// (booleans and enums lowercased, numbers as given after trimming). Errors
// use ES's messages ("Failed to parse value [0] for setting
// [index.number_of_shards] must be >= 1").
Result<std::string> NormalizeSettingValue(const SettingDef& def, std::string_view key,
                                          std::string_view text);

// ES time values: "1s", "500ms", "2m", "-1" (disabled), "0". Errors are ES's
// ("failed to parse setting [k] with value [v] as a time value: unit is
// missing or unrecognized").
Result<int64_t> ParseSettingTimeMs(std::string_view key, std::string_view text);
// ES byte sizes: "512mb", "1gb", "100b", "-1".
Result<int64_t> ParseSettingBytes(std::string_view key, std::string_view text);

}  // namespace quiver::schema
