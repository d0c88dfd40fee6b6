// SearchRequest: an Elasticsearch search request (body + URL parameters) in
// parsed form, before it is bound to any index. Query clauses stay JSON:
// they are resolved per index (mappings differ) by the executor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/es/document_handlers.h"
#include "api/es/rest_request.h"
#include "common/json.h"
#include "schema/date_format.h"
#include "schema/mapping.h"

namespace quiver::api {

struct SortSpec {
  std::string field;  // "_score", "_doc", "_shard_doc" or a field
  bool desc = false;
  bool order_given = false;
  std::string mode;
  json::value missing;  // null: default (_last)
  std::string unmapped_type;
  std::string numeric_type;
  std::string format;
};

struct FieldAndFormat {
  std::string field;
  std::string format;
};

struct RescoreSpec {
  int64_t window_size = 10;
  json::value query;
  float query_weight = 1;
  float rescore_query_weight = 1;
  std::string score_mode = "total";  // total multiply avg max min
};

// "slice": {"id", "max", "field"} of a sliced scroll or PIT search.
struct SliceSpec {
  std::string field;  // empty: the document id
  int64_t id = 0;
  int64_t max = 1;
};

struct SearchRequest {
  json::value query;        // null: match_all
  json::value post_filter;  // null: none
  // ?q=… (query_string) and its options.
  std::optional<std::string> q;
  json::value q_options = json::object();
  int64_t from = 0;
  int64_t size = 10;
  bool size_given = false;
  std::vector<SortSpec> sort;
  std::vector<json::value> search_after;
  int64_t track_total_hits = 10000;  // INT64_MAX: exact, 0: off
  bool track_total_hits_given = false;
  bool track_scores = false;
  std::optional<float> min_score;
  int64_t terminate_after = 0;
  int64_t timeout_ms = -1;
  SourceFetch source;
  bool source_given = false;
  std::optional<std::vector<std::string>> stored_fields;  // "_none_" disables _source
  std::vector<FieldAndFormat> docvalue_fields;
  std::vector<FieldAndFormat> fields;
  json::value highlight;
  bool explain = false;
  bool version = false;
  bool seq_no_primary_term = false;
  std::vector<std::pair<std::string, float>> indices_boost;
  std::vector<RescoreSpec> rescore;
  bool profile = false;
  json::value aggs;  // null: none
  json::value knn;
  json::value rank;
  json::value retriever;
  json::value pit;  // {"id", "keep_alive"}
  std::optional<int64_t> scroll_keep_alive_ms;
  bool rest_total_hits_as_int = false;
  bool typed_keys = false;
  bool allow_partial_search_results = true;
  json::value collapse;
  json::value suggest;
  size_t script_fields = 0;
  std::optional<SliceSpec> slice;  // how many were asked for (scripts are not supported)
};

// Parses the body (may be null) and the URL parameters. Errors are ES's
// parsing_exception / illegal_argument_exception.
Result<SearchRequest> ParseSearchRequest(const json::value& body, const RestRequest& req);

// Reads ?q= and its options (df, default_operator, analyzer,
// analyze_wildcard, lenient) into s->q / s->q_options as query_string keys.
Status ReadQueryStringParams(const RestRequest& req, SearchRequest* s);

// A date sort with a `format`: its values are rendered with the format and
// search_after strings are parsed with it.
struct SortDateUnit {
  schema::DateFormat format;
  bool nanos = false;  // values are nanoseconds (date_nanos, or numeric_type date_nanos)
};
// nullopt when `spec` has no format or its field is not a date in `mapping`.
Result<std::optional<SortDateUnit>> SortDateUnitOf(const SortSpec& spec,
                                                   const schema::Mapping& mapping);
Result<int64_t> ParseSortDate(const SortDateUnit& unit, std::string_view text);
std::string FormatSortDate(const SortDateUnit& unit, int64_t value);

// The smallest of each per-index search limit over the target indices.
struct SearchLimits {
  int64_t max_result_window = 10000;
  int64_t max_rescore_window = 10000;
  int64_t max_docvalue_fields = 100;
  int64_t max_script_fields = 32;
  int64_t max_slices_per_scroll = 1024;
};

// Applies request-wide limits that ES checks against the target indices'
// settings (max_result_window, rescore window, docvalue and script fields).
Status CheckSearchLimits(const SearchRequest& s, const SearchLimits& limits);

}  // namespace quiver::api
