#include "schema/setting_registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "common/strings.h"

namespace quiver::schema {

namespace {

using K = SettingKind;
using S = SettingScope;

constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
constexpr int64_t kLongMax = std::numeric_limits<int64_t>::max();

// The registry. Defaults are the strings ES prints under `defaults` in
// GET _settings?include_defaults=true (8.x).
const std::vector<SettingDef>& Table() {
  static const std::vector<SettingDef>* table = new std::vector<SettingDef>{
      {"index.number_of_shards", K::kInt, S::kFinal, "1", 1, 1024},
      {"index.number_of_replicas", K::kInt, S::kDynamic, "1", 0, kIntMax},
      {"index.number_of_routing_shards", K::kInt, S::kStatic, "", 1, kIntMax},
      {"index.routing_partition_size", K::kInt, S::kFinal, "1", 1, kIntMax},
      {"index.auto_expand_replicas", K::kString, S::kDynamic, "false"},
      {"index.refresh_interval", K::kTime, S::kDynamic, "1s", -1, {}, {}, "-1"},
      {"index.translog.durability", K::kEnum, S::kDynamic, "REQUEST", {}, {}, {"request", "async"}},
      {"index.translog.sync_interval", K::kTime, S::kStatic, "5s", 100, {}, {}, "100ms"},
      {"index.translog.flush_threshold_size", K::kByteSize, S::kDynamic, "10gb", 56, {}, {}, "56b"},
      {"index.translog.flush_threshold_age", K::kTime, S::kDynamic, "1m", 1000, {}, {}, "1s"},
      {"index.translog.generation_threshold_size", K::kByteSize, S::kDynamic, "64mb"},
      {"index.translog.retention.size", K::kByteSize, S::kDynamic, "-1"},
      {"index.translog.retention.age", K::kTime, S::kDynamic, "-1"},
      {"index.mapping.total_fields.limit", K::kLong, S::kDynamic, "1000", 0, kLongMax},
      {"index.mapping.total_fields.ignore_dynamic_beyond_limit", K::kBool, S::kDynamic, "false"},
      {"index.mapping.depth.limit", K::kLong, S::kDynamic, "20", 1, kLongMax},
      {"index.mapping.nested_fields.limit", K::kLong, S::kDynamic, "50", 0, kLongMax},
      {"index.mapping.nested_objects.limit", K::kLong, S::kDynamic, "10000", 0, kLongMax},
      {"index.mapping.field_name_length.limit", K::kLong, S::kDynamic, "9223372036854775807", 1,
       kLongMax},
      {"index.mapping.dimension_fields.limit", K::kLong, S::kDynamic, "32768", 0, kLongMax},
      {"index.mapping.coerce", K::kBool, S::kDynamic, "true"},
      {"index.mapping.ignore_malformed", K::kBool, S::kDynamic, "false"},
      {"index.mapping.ignore_above", K::kInt, S::kStatic, "2147483647", 0, kIntMax},
      {"index.mapping.source.mode",
       K::kEnum,
       S::kStatic,
       "STORED",
       {},
       {},
       {"stored", "synthetic", "disabled"}},
      {"index.max_result_window", K::kInt, S::kDynamic, "10000", 1, kIntMax},
      {"index.max_inner_result_window", K::kInt, S::kDynamic, "100", 1, kIntMax},
      {"index.max_rescore_window", K::kInt, S::kDynamic, "10000", 1, kIntMax},
      {"index.max_docvalue_fields_search", K::kInt, S::kDynamic, "100", 0, kIntMax},
      {"index.max_script_fields", K::kInt, S::kDynamic, "32", 0, kIntMax},
      {"index.max_ngram_diff", K::kInt, S::kDynamic, "1", 0, kIntMax},
      {"index.max_shingle_diff", K::kInt, S::kDynamic, "3", 0, kIntMax},
      {"index.analyze.max_token_count", K::kInt, S::kDynamic, "10000", 1, kIntMax},
      {"index.max_refresh_listeners", K::kInt, S::kDynamic, "1000", 0, kIntMax},
      {"index.max_terms_count", K::kInt, S::kDynamic, "65536", 1, kIntMax},
      {"index.max_regex_length", K::kInt, S::kDynamic, "1000", 1, kIntMax},
      {"index.max_slices_per_scroll", K::kInt, S::kDynamic, "1024", 1, kIntMax},
      {"index.max_adjacency_matrix_filters", K::kInt, S::kDynamic, "100", 2, kIntMax},
      {"index.highlight.max_analyzed_offset", K::kInt, S::kDynamic, "1000000", 1, kIntMax},
      {"index.highlight.weight_matches_mode.enabled", K::kBool, S::kDynamic, "true"},
      {"index.codec", K::kString, S::kStatic, "default"},
      {"index.hidden", K::kBool, S::kDynamic, "false"},
      {"index.priority", K::kInt, S::kDynamic, "1", 0, kIntMax},
      {"index.blocks.read_only", K::kBool, S::kDynamic, "false"},
      {"index.blocks.read", K::kBool, S::kDynamic, "false"},
      {"index.blocks.write", K::kBool, S::kDynamic, "false"},
      {"index.blocks.metadata", K::kBool, S::kDynamic, "false"},
      {"index.blocks.read_only_allow_delete", K::kBool, S::kDynamic, "false"},
      {"index.query.default_field", K::kList, S::kDynamic, "*"},
      {"index.query.parse.allow_unmapped_fields", K::kBool, S::kDynamic, "true"},
      {"index.query_string.lenient", K::kBool, S::kDynamic, "false"},
      {"index.search.idle.after", K::kTime, S::kDynamic, "30s"},
      {"index.default_pipeline", K::kString, S::kDynamic, "_none"},
      {"index.final_pipeline", K::kString, S::kDynamic, "_none"},
      {"index.write.wait_for_active_shards", K::kString, S::kDynamic, "1"},
      {"index.gc_deletes", K::kTime, S::kDynamic, "60s"},
      {"index.soft_deletes.enabled", K::kBool, S::kStatic, "true"},
      {"index.soft_deletes.retention_lease.period", K::kTime, S::kDynamic, "12h"},
      {"index.mode",
       K::kEnum,
       S::kStatic,
       "standard",
       {},
       {},
       {"standard", "lookup", "logsdb", "time_series"}},
      {"index.lifecycle.name", K::kString, S::kDynamic, ""},
      {"index.lifecycle.rollover_alias", K::kString, S::kDynamic, ""},
      {"index.lifecycle.indexing_complete", K::kBool, S::kDynamic, "false"},
      {"index.lifecycle.origination_date", K::kLong, S::kDynamic, "-1", -1, kLongMax},
      {"index.lifecycle.parse_origination_date", K::kBool, S::kDynamic, "false"},
      {"index.routing.allocation.enable",
       K::kEnum,
       S::kDynamic,
       "all",
       {},
       {},
       {"all", "primaries", "new_primaries", "none"}},
      {"index.routing.rebalance.enable",
       K::kEnum,
       S::kDynamic,
       "all",
       {},
       {},
       {"all", "primaries", "replicas", "none"}},
      {"index.routing.allocation.total_shards_per_node", K::kInt, S::kDynamic, "-1", -1, kIntMax},
      {"index.unassigned.node_left.delayed_timeout", K::kTime, S::kDynamic, "1m"},
      {"index.store.type", K::kString, S::kStatic, ""},
      {"index.store.preload", K::kList, S::kStatic, ""},
      {"index.shard.check_on_startup", K::kString, S::kStatic, "false"},
      {"index.load_fixed_bitset_filters_eagerly", K::kBool, S::kStatic, "true"},
      {"index.requests.cache.enable", K::kBool, S::kDynamic, "true"},
      {"index.queries.cache.enabled", K::kBool, S::kStatic, "true"},
      {"index.sort.field", K::kList, S::kStatic, ""},
      {"index.sort.order", K::kList, S::kStatic, ""},
      {"index.sort.mode", K::kList, S::kStatic, ""},
      {"index.sort.missing", K::kList, S::kStatic, ""},
      {"index.merge.policy.max_merged_segment", K::kByteSize, S::kDynamic, "5gb"},
      {"index.merge.policy.segments_per_tier", K::kDouble, S::kDynamic, "10.0"},
      {"index.merge.policy.floor_segment", K::kByteSize, S::kDynamic, "2mb"},
      {"index.merge.policy.max_merge_at_once", K::kInt, S::kDynamic, "10", 2, kIntMax},
      {"index.merge.policy.deletes_pct_allowed", K::kDouble, S::kDynamic, "20.0"},
      {"index.merge.scheduler.max_thread_count", K::kInt, S::kDynamic, "1", 1, kIntMax},
      {"index.merge.scheduler.max_merge_count", K::kInt, S::kDynamic, "6", 1, kIntMax},
      {"index.merge.scheduler.auto_throttle", K::kBool, S::kDynamic, "true"},
      {"index.dense_vector.hnsw_filter_heuristic",
       K::kEnum,
       S::kDynamic,
       "acorn",
       {},
       {},
       {"acorn", "fanout"}},
      // Engine-managed.
      {"index.uuid", K::kString, S::kPrivate, ""},
      {"index.creation_date", K::kLong, S::kPrivate, "", -1, kLongMax},
      {"index.provided_name", K::kString, S::kPrivate, ""},
      {"index.version.created", K::kString, S::kPrivate, ""},
      {"index.history.uuid", K::kString, S::kPrivate, ""},
  };
  return *table;
}

const std::vector<SettingDef>& PrefixTable() {
  static const std::vector<SettingDef>* table = new std::vector<SettingDef>{
      {"index.routing.allocation.include.", K::kString, S::kDynamic, "", {}, {}, {}, {}, true},
      {"index.routing.allocation.exclude.", K::kString, S::kDynamic, "", {}, {}, {}, {}, true},
      {"index.routing.allocation.require.", K::kString, S::kDynamic, "", {}, {}, {}, {}, true},
      {"index.search.slowlog.", K::kString, S::kDynamic, "", {}, {}, {}, {}, true},
      {"index.indexing.slowlog.", K::kString, S::kDynamic, "", {}, {}, {}, {}, true},
      {"index.similarity.", K::kString, S::kStatic, "", {}, {}, {}, {}, true},
      {"index.analysis.", K::kString, S::kStatic, "", {}, {}, {}, {}, true},
  };
  return *table;
}

// Lucene's LevenshteinDistance.getDistance: 1 - edits / max(length).
float Similarity(std::string_view target, std::string_view other) {
  const size_t n = target.size(), m = other.size();
  if (n == 0 || m == 0) return n == m ? 1.0f : 0.0f;
  std::vector<size_t> prev(n + 1), cur(n + 1);
  for (size_t i = 0; i <= n; ++i) prev[i] = i;
  for (size_t j = 1; j <= m; ++j) {
    cur[0] = j;
    for (size_t i = 1; i <= n; ++i) {
      size_t cost = target[i - 1] == other[j - 1] ? 0 : 1;
      cur[i] = std::min({cur[i - 1] + 1, prev[i] + 1, prev[i - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return 1.0f - static_cast<float>(prev[n]) / static_cast<float>(std::max(n, m));
}

Status IllegalArgument(std::string msg) { return Status::InvalidArgument(std::move(msg)); }

Status FailedToParse(std::string_view key, std::string_view text) {
  return IllegalArgument("Failed to parse value [" + std::string(text) + "] for setting [" +
                         std::string(key) + "]");
}

bool ParseJavaLong(std::string_view s, int64_t* out) {
  // Long.parseLong: optional sign, digits only.
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (*b == '+') {
    ++b;
    if (b == e || *b == '-') return false;
  }
  auto res = std::from_chars(b, e, *out);
  return res.ec == std::errc() && res.ptr == e;
}

Result<int64_t> ParseWithUnit(std::string_view key, std::string_view original,
                              std::string_view number, int64_t scale_num, int64_t scale_den) {
  std::string_view s = TrimWhitespace(number);
  int64_t value = 0;
  if (!ParseJavaLong(s, &value)) {
    double d = 0;
    if (ParseDouble(s, &d)) {
      return IllegalArgument("failed to parse [" + std::string(original) +
                             "], fractional time values are not supported");
    }
    return IllegalArgument("failed to parse [" + std::string(original) + "]");
  }
  if (value < -1) {
    return IllegalArgument("failed to parse setting [" + std::string(key) + "] with value [" +
                           std::string(original) +
                           "] as a time value: negative durations are not supported");
  }
  if (scale_den > 1) return value / scale_den;
  if (value != 0 && std::abs(value) > kLongMax / scale_num) return kLongMax;
  return value * scale_num;
}

}  // namespace

Result<int64_t> ParseSettingTimeMs(std::string_view key, std::string_view text) {
  std::string normalized = AsciiLower(TrimWhitespace(text));
  auto ends = [&](std::string_view suffix) {
    return normalized.size() >= suffix.size() &&
           normalized.compare(normalized.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  auto head = [&](size_t suffix_len) {
    return std::string_view(normalized).substr(0, normalized.size() - suffix_len);
  };
  std::string_view trimmed = TrimWhitespace(text);
  if (ends("nanos")) return ParseWithUnit(key, text, head(5), 1, 1000000);
  if (ends("micros")) return ParseWithUnit(key, text, head(6), 1, 1000);
  if (ends("ms")) return ParseWithUnit(key, text, head(2), 1, 1);
  if (ends("s")) return ParseWithUnit(key, text, head(1), 1000, 1);
  // Minutes are case-sensitive in ES: 'M' would mean months.
  if (!trimmed.empty() && trimmed.back() == 'm') {
    return ParseWithUnit(key, text, head(1), 60000, 1);
  }
  if (ends("h")) return ParseWithUnit(key, text, head(1), 3600000, 1);
  if (ends("d")) return ParseWithUnit(key, text, head(1), 86400000, 1);
  auto all_of = [](std::string_view s, char c) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [c](char x) { return x == c; });
  };
  if (normalized.size() >= 2 && normalized[0] == '-' &&
      all_of(std::string_view(normalized).substr(1, normalized.size() - 2), '0') &&
      normalized.back() == '1') {
    return -1;
  }
  if (normalized == "-1") return -1;
  if (all_of(normalized, '0')) return 0;
  return IllegalArgument("failed to parse setting [" + std::string(key) + "] with value [" +
                         std::string(text) + "] as a time value: unit is missing or unrecognized");
}

Result<int64_t> ParseSettingBytes(std::string_view key, std::string_view text) {
  std::string lower = AsciiLower(TrimWhitespace(text));
  struct Unit {
    std::string_view suffix;
    int64_t mult;
  };
  static constexpr Unit kUnits[] = {{"pb", 1LL << 50}, {"tb", 1LL << 40}, {"gb", 1LL << 30},
                                    {"mb", 1LL << 20}, {"kb", 1LL << 10}, {"p", 1LL << 50},
                                    {"t", 1LL << 40},  {"g", 1LL << 30},  {"m", 1LL << 20},
                                    {"k", 1LL << 10},  {"b", 1}};
  for (const Unit& u : kUnits) {
    if (lower.size() > u.suffix.size() &&
        lower.compare(lower.size() - u.suffix.size(), u.suffix.size(), u.suffix) == 0) {
      std::string_view num =
          TrimWhitespace(std::string_view(lower).substr(0, lower.size() - u.suffix.size()));
      int64_t v = 0;
      if (ParseJavaLong(num, &v) && v >= -1) return v < 0 ? v : v * u.mult;
      double d = 0;
      if (ParseDouble(num, &d) && d >= 0) return static_cast<int64_t>(d * u.mult);
      return IllegalArgument("failed to parse [" + std::string(text) + "]");
    }
  }
  if (lower == "-1") return -1;
  if (lower == "0") return 0;
  return IllegalArgument("failed to parse setting [" + std::string(key) + "] with value [" +
                         std::string(text) +
                         "] as a size in bytes: unit is missing or unrecognized");
}

const SettingDef* FindSetting(std::string_view key) {
  const auto& table = Table();
  for (const SettingDef& def : table) {
    if (def.key == key) return &def;
  }
  for (const SettingDef& def : PrefixTable()) {
    if (key.size() > def.key.size() && key.substr(0, def.key.size()) == def.key) return &def;
  }
  return nullptr;
}

const std::vector<SettingDef>& AllSettings() {
  static const std::vector<SettingDef>* sorted = [] {
    auto* v = new std::vector<SettingDef>(Table());
    std::sort(v->begin(), v->end(),
              [](const SettingDef& a, const SettingDef& b) { return a.key < b.key; });
    return v;
  }();
  return *sorted;
}

Status UnknownSetting(std::string_view key) {
  std::vector<std::pair<float, std::string_view>> scored;
  for (const SettingDef& def : Table()) {
    float d = Similarity(key, def.key);
    if (d > 0.7f) scored.emplace_back(d, def.key);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string msg = "unknown setting [" + std::string(key) + "]";
  if (scored.empty()) {
    msg +=
        " please check that any required plugins are installed, or check the breaking changes "
        "documentation for removed settings";
  } else if (scored.size() == 1) {
    msg += " did you mean [" + std::string(scored[0].second) + "]?";
  } else {
    msg += " did you mean any of [";
    for (size_t i = 0; i < scored.size(); ++i) {
      if (i > 0) msg += ", ";
      msg += scored[i].second;
    }
    msg += "]?";
  }
  return IllegalArgument(std::move(msg));
}

Result<std::string> NormalizeSettingValue(const SettingDef& def, std::string_view key,
                                          std::string_view text) {
  switch (def.kind) {
    case K::kInt:
    case K::kLong: {
      int64_t v = 0;
      std::string_view s = text;
      bool ok = ParseJavaLong(s, &v);
      if (ok && def.kind == K::kInt && (v > kIntMax || v < std::numeric_limits<int32_t>::min())) {
        ok = false;
      }
      if (!ok) return FailedToParse(key, text);
      if (def.min && v < *def.min) {
        return IllegalArgument("Failed to parse value [" + std::string(text) + "] for setting [" +
                               std::string(key) + "] must be >= " + std::to_string(*def.min));
      }
      if (def.max && v > *def.max) {
        return IllegalArgument("Failed to parse value [" + std::string(text) + "] for setting [" +
                               std::string(key) + "] must be <= " + std::to_string(*def.max));
      }
      return std::string(text);
    }
    case K::kDouble: {
      double d = 0;
      if (!ParseDouble(TrimWhitespace(text), &d)) return FailedToParse(key, text);
      return std::string(text);
    }
    case K::kBool:
      if (text != "true" && text != "false") {
        return IllegalArgument("Failed to parse value [" + std::string(text) +
                               "] as only [true] or [false] are allowed.");
      }
      return std::string(text);
    case K::kTime: {
      QUIVER_ASSIGN_OR_RETURN(int64_t ms, ParseSettingTimeMs(key, text));
      if (def.min && ms < *def.min) {
        return IllegalArgument("failed to parse value [" + std::string(text) + "] for setting [" +
                               std::string(key) + "], must be >= [" + std::string(def.min_text) +
                               "]");
      }
      return std::string(text);
    }
    case K::kByteSize: {
      QUIVER_ASSIGN_OR_RETURN(int64_t bytes, ParseSettingBytes(key, text));
      if (def.min && bytes < *def.min) {
        return IllegalArgument("failed to parse value [" + std::string(text) + "] for setting [" +
                               std::string(key) + "], must be >= [" + std::string(def.min_text) +
                               "]");
      }
      return std::string(text);
    }
    case K::kEnum: {
      std::string lower = AsciiLower(TrimWhitespace(text));
      for (std::string_view choice : def.choices) {
        if (lower == choice) return std::string(text);  // ES stores what was given
      }
      if (key == "index.translog.durability") {
        std::string upper(TrimWhitespace(text));
        for (char& c : upper) {
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        }
        return IllegalArgument(
            "No enum constant org.elasticsearch.index.translog.Translog.Durability." + upper);
      }
      std::string msg = "illegal value [" + std::string(text) + "] for setting [" +
                        std::string(key) + "], must be one of [";
      for (size_t i = 0; i < def.choices.size(); ++i) {
        if (i > 0) msg += ", ";
        msg += def.choices[i];
      }
      msg += "]";
      return IllegalArgument(std::move(msg));
    }
    case K::kString:
    case K::kList:
      return std::string(text);
  }
  return std::string(text);
}

}  // namespace quiver::schema
