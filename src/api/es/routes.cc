// The whole Elasticsearch REST surface Quiver serves: one table of
// (method, path pattern, handler, accepted query parameters). Parameters not
// listed (beyond pretty, human, error_trace, filter_path, source) are
// rejected with ES's "contains unrecognized parameter" error.
#include "api/es/alias_handlers.h"
#include "api/es/bulk_handler.h"
#include "api/es/cat_handlers.h"
#include "api/es/document_handlers.h"
#include "api/es/es_api.h"
#include "api/es/index_handlers.h"
#include "api/es/info_handlers.h"
#include "api/es/ivf_handlers.h"
#include "api/es/mget_handler.h"
#include "api/es/search_handler.h"
#include "api/es/search_knn.h"

namespace quiver::api {
namespace {

using P = std::vector<std::string>;

const P kIndicesOpts = {"allow_no_indices", "expand_wildcards", "ignore_unavailable"};

P Concat(P a, const P& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<RouteDef> AllRoutes() {
  const P cat = {"format", "h", "help", "s", "v", "bytes", "time", "local", "master_timeout"};
  const P write = {"refresh", "routing", "timeout", "wait_for_active_shards", "pipeline",
                   "require_alias", "require_data_stream", "include_source_on_error"};
  const P index_doc = Concat(write, {"op_type", "if_seq_no", "if_primary_term", "version",
                                     "version_type"});
  const P get_doc = {"_source", "_source_excludes", "_source_includes", "preference",
                     "realtime", "refresh", "routing", "stored_fields", "version",
                     "version_type", "force_synthetic_source"};
  const P search = {"_source", "_source_excludes", "_source_includes", "allow_no_indices",
                    "allow_partial_search_results", "analyze_wildcard", "analyzer",
                    "batched_reduce_size", "ccs_minimize_roundtrips", "default_operator", "df",
                    "docvalue_fields", "expand_wildcards", "explain", "from", "ignore_throttled",
                    "ignore_unavailable", "lenient", "max_concurrent_shard_requests",
                    "pre_filter_shard_size", "preference", "q", "request_cache",
                    "rest_total_hits_as_int", "routing", "scroll", "search_type",
                    "seq_no_primary_term", "size", "sort", "stats", "stored_fields",
                    "suggest_field", "suggest_mode", "suggest_size", "suggest_text",
                    "terminate_after", "timeout", "track_scores", "track_total_hits",
                    "typed_keys", "version", "include_named_queries_score"};
  const P count = {"allow_no_indices", "analyze_wildcard", "analyzer", "default_operator", "df",
                   "expand_wildcards", "ignore_throttled", "ignore_unavailable", "lenient",
                   "min_score", "preference", "q", "routing", "terminate_after"};
  const P master = {"master_timeout", "timeout"};
  const P by_query = {"allow_no_indices", "analyze_wildcard", "analyzer", "conflicts",
                      "default_operator", "df", "expand_wildcards", "from", "ignore_unavailable",
                      "lenient", "max_docs", "preference", "q", "refresh", "request_cache",
                      "requests_per_second", "routing", "scroll", "scroll_size",
                      "search_timeout", "search_type", "slices", "sort", "stats",
                      "terminate_after", "timeout", "version", "wait_for_active_shards",
                      "wait_for_completion"};
  const P get_index = Concat(kIndicesOpts, {"features", "flat_settings", "include_defaults",
                                            "local", "master_timeout"});
  const P stats = {"completion_fields", "expand_wildcards", "fielddata_fields", "fields",
                   "forbid_closed_indices", "groups", "include_segment_file_sizes",
                   "include_unloaded_segments", "level", "ignore_unavailable", "allow_no_indices"};

  return {
      // Node and cluster.
      {"GET", "/", HandleRootInfo, {}},
      {"HEAD", "/", HandlePing, {}},
      {"GET", "/_cluster/health", HandleClusterHealth,
       Concat(kIndicesOpts, {"level", "local", "master_timeout", "timeout",
                             "wait_for_active_shards", "wait_for_events",
                             "wait_for_no_initializing_shards", "wait_for_no_relocating_shards",
                             "wait_for_nodes", "wait_for_status"})},
      {"GET", "/_cluster/health/{index}", HandleClusterHealth,
       Concat(kIndicesOpts, {"level", "local", "master_timeout", "timeout",
                             "wait_for_active_shards", "wait_for_events",
                             "wait_for_no_initializing_shards", "wait_for_no_relocating_shards",
                             "wait_for_nodes", "wait_for_status"})},
      {"GET", "/_capabilities", HandleCapabilities,
       {"method", "path", "capabilities", "parameters", "local_only"}},
      {"GET", "/_quiver/features", HandleQuiverFeatures, {}},
      {"GET", "/_cat/health", HandleCatHealth, Concat(cat, {"ts"})},
      {"GET", "/_cat/indices", HandleCatIndices,
       Concat(cat, {"expand_wildcards", "health", "pri", "include_unloaded_segments"})},
      {"GET", "/_cat/indices/{index}", HandleCatIndices,
       Concat(cat, {"expand_wildcards", "health", "pri", "include_unloaded_segments"})},
      {"GET", "/_cat/count", HandleCatCount, cat},
      {"GET", "/_cat/count/{index}", HandleCatCount, cat},

      // Indices.
      {"PUT", "/{index}", HandleCreateIndex, Concat(master, {"wait_for_active_shards"})},
      {"DELETE", "/{index}", HandleDeleteIndex, Concat(kIndicesOpts, master)},
      {"HEAD", "/{index}", HandleIndexExists, get_index},
      {"GET", "/{index}", HandleGetIndex, get_index},
      {"GET", "/_mapping", HandleGetMapping, Concat(kIndicesOpts, {"local", "master_timeout"})},
      {"GET", "/{index}/_mapping", HandleGetMapping,
       Concat(kIndicesOpts, {"local", "master_timeout"})},
      {"PUT", "/{index}/_mapping", HandlePutMapping,
       Concat(kIndicesOpts, {"master_timeout", "timeout", "write_index_only"})},
      {"POST", "/{index}/_mapping", HandlePutMapping,
       Concat(kIndicesOpts, {"master_timeout", "timeout", "write_index_only"})},
      {"GET", "/_settings", HandleGetSettings,
       Concat(kIndicesOpts, {"flat_settings", "include_defaults", "local", "master_timeout"})},
      {"GET", "/_settings/{name}", HandleGetSettings,
       Concat(kIndicesOpts, {"flat_settings", "include_defaults", "local", "master_timeout"})},
      {"GET", "/{index}/_settings", HandleGetSettings,
       Concat(kIndicesOpts, {"flat_settings", "include_defaults", "local", "master_timeout"})},
      {"GET", "/{index}/_settings/{name}", HandleGetSettings,
       Concat(kIndicesOpts, {"flat_settings", "include_defaults", "local", "master_timeout"})},
      {"PUT", "/_settings", HandlePutSettings,
       Concat(kIndicesOpts, {"flat_settings", "master_timeout", "preserve_existing", "reopen",
                             "timeout"})},
      {"PUT", "/{index}/_settings", HandlePutSettings,
       Concat(kIndicesOpts, {"flat_settings", "master_timeout", "preserve_existing", "reopen",
                             "timeout"})},
      {"POST", "/_refresh", HandleRefresh, kIndicesOpts},
      {"GET", "/_refresh", HandleRefresh, kIndicesOpts},
      {"POST", "/{index}/_refresh", HandleRefresh, kIndicesOpts},
      {"GET", "/{index}/_refresh", HandleRefresh, kIndicesOpts},
      {"POST", "/_flush", HandleFlush, Concat(kIndicesOpts, {"force", "wait_if_ongoing"})},
      {"GET", "/_flush", HandleFlush, Concat(kIndicesOpts, {"force", "wait_if_ongoing"})},
      {"POST", "/{index}/_flush", HandleFlush, Concat(kIndicesOpts, {"force", "wait_if_ongoing"})},
      {"GET", "/{index}/_flush", HandleFlush, Concat(kIndicesOpts, {"force", "wait_if_ongoing"})},
      {"POST", "/_forcemerge", HandleForceMerge,
       Concat(kIndicesOpts, {"flush", "max_num_segments", "only_expunge_deletes",
                             "wait_for_completion"})},
      {"POST", "/{index}/_forcemerge", HandleForceMerge,
       Concat(kIndicesOpts, {"flush", "max_num_segments", "only_expunge_deletes",
                             "wait_for_completion"})},
      {"POST", "/{index}/_open", HandleOpenIndex,
       Concat(kIndicesOpts, Concat(master, {"wait_for_active_shards"}))},
      {"POST", "/{index}/_close", HandleCloseIndex,
       Concat(kIndicesOpts, Concat(master, {"wait_for_active_shards"}))},
      {"GET", "/_stats", HandleIndexStats, stats},
      {"GET", "/_stats/{metric}", HandleIndexStats, stats},
      {"GET", "/{index}/_stats", HandleIndexStats, stats},
      {"GET", "/{index}/_stats/{metric}", HandleIndexStats, stats},

      // Aliases.
      {"PUT", "/{index}/_alias/{name}", HandlePutAlias, master},
      {"POST", "/{index}/_alias/{name}", HandlePutAlias, master},
      {"PUT", "/{index}/_aliases/{name}", HandlePutAlias, master},
      {"POST", "/{index}/_aliases/{name}", HandlePutAlias, master},
      {"DELETE", "/{index}/_alias/{name}", HandleDeleteAlias, master},
      {"DELETE", "/{index}/_aliases/{name}", HandleDeleteAlias, master},
      {"POST", "/_aliases", HandleUpdateAliases, master},
      {"GET", "/_alias", HandleGetAlias, Concat(kIndicesOpts, {"local"})},
      {"GET", "/_alias/{name}", HandleGetAlias, Concat(kIndicesOpts, {"local"})},
      {"GET", "/{index}/_alias", HandleGetAlias, Concat(kIndicesOpts, {"local"})},
      {"GET", "/{index}/_alias/{name}", HandleGetAlias, Concat(kIndicesOpts, {"local"})},
      {"HEAD", "/_alias/{name}", HandleAliasExists, Concat(kIndicesOpts, {"local"})},
      {"HEAD", "/{index}/_alias/{name}", HandleAliasExists, Concat(kIndicesOpts, {"local"})},

      // Documents.
      {"PUT", "/{index}/_doc/{id}", HandleIndexDoc, index_doc},
      {"POST", "/{index}/_doc/{id}", HandleIndexDoc, index_doc},
      {"POST", "/{index}/_doc", HandleIndexDoc, index_doc},
      {"PUT", "/{index}/_create/{id}", HandleCreateDoc,
       Concat(write, {"version", "version_type"})},
      {"POST", "/{index}/_create/{id}", HandleCreateDoc,
       Concat(write, {"version", "version_type"})},
      {"GET", "/{index}/_doc/{id}", HandleGetDoc, get_doc},
      {"HEAD", "/{index}/_doc/{id}", HandleDocExists, get_doc},
      {"GET", "/{index}/_source/{id}", HandleGetSource, get_doc},
      {"HEAD", "/{index}/_source/{id}", HandleGetSource, get_doc},
      {"DELETE", "/{index}/_doc/{id}", HandleDeleteDoc,
       {"if_primary_term", "if_seq_no", "refresh", "routing", "timeout", "version",
        "version_type", "wait_for_active_shards"}},
      {"POST", "/{index}/_update/{id}", HandleUpdateDoc,
       {"_source", "_source_excludes", "_source_includes", "if_primary_term", "if_seq_no",
        "include_source_on_error", "lang", "refresh", "require_alias", "retry_on_conflict",
        "routing", "timeout", "wait_for_active_shards"}},
      {"POST", "/_bulk", HandleBulk,
       {"_source", "_source_excludes", "_source_includes", "pipeline", "refresh",
        "require_alias", "require_data_stream", "routing", "timeout", "wait_for_active_shards",
        "list_executed_pipelines", "include_source_on_error"}},
      {"PUT", "/_bulk", HandleBulk,
       {"_source", "_source_excludes", "_source_includes", "pipeline", "refresh",
        "require_alias", "require_data_stream", "routing", "timeout", "wait_for_active_shards",
        "list_executed_pipelines", "include_source_on_error"}},
      {"POST", "/{index}/_bulk", HandleBulk,
       {"_source", "_source_excludes", "_source_includes", "pipeline", "refresh",
        "require_alias", "require_data_stream", "routing", "timeout", "wait_for_active_shards",
        "list_executed_pipelines", "include_source_on_error"}},
      {"PUT", "/{index}/_bulk", HandleBulk,
       {"_source", "_source_excludes", "_source_includes", "pipeline", "refresh",
        "require_alias", "require_data_stream", "routing", "timeout", "wait_for_active_shards",
        "list_executed_pipelines", "include_source_on_error"}},
      {"GET", "/_mget", HandleMget, get_doc},
      {"POST", "/_mget", HandleMget, get_doc},
      {"GET", "/{index}/_mget", HandleMget, get_doc},
      {"POST", "/{index}/_mget", HandleMget, get_doc},

      // Search.
      {"GET", "/_search", HandleSearch, search},
      {"POST", "/_search", HandleSearch, search},
      {"GET", "/{index}/_search", HandleSearch, search},
      {"POST", "/{index}/_search", HandleSearch, search},
      // The seed IVF plugin (ivf_handlers.h).
      {"POST", "/{index}/_ivf/train", HandleIvfTrain, {}},
      {"GET", "/{index}/_ivf/stats", HandleIvfStats, {"field"}},
      {"GET", "/{index}/_knn_search", HandleKnnSearch, {"routing"}},
      {"POST", "/{index}/_knn_search", HandleKnnSearch, {"routing"}},
      {"GET", "/_msearch", HandleMsearch,
       {"allow_no_indices", "ccs_minimize_roundtrips", "expand_wildcards", "ignore_throttled",
        "ignore_unavailable", "include_named_queries_score", "index", "max_concurrent_searches",
        "max_concurrent_shard_requests", "pre_filter_shard_size", "rest_total_hits_as_int",
        "routing", "search_type", "typed_keys"}},
      {"POST", "/_msearch", HandleMsearch,
       {"allow_no_indices", "ccs_minimize_roundtrips", "expand_wildcards", "ignore_throttled",
        "ignore_unavailable", "include_named_queries_score", "index", "max_concurrent_searches",
        "max_concurrent_shard_requests", "pre_filter_shard_size", "rest_total_hits_as_int",
        "routing", "search_type", "typed_keys"}},
      {"GET", "/{index}/_msearch", HandleMsearch,
       {"allow_no_indices", "ccs_minimize_roundtrips", "expand_wildcards", "ignore_throttled",
        "ignore_unavailable", "include_named_queries_score", "max_concurrent_searches",
        "max_concurrent_shard_requests", "pre_filter_shard_size", "rest_total_hits_as_int",
        "routing", "search_type", "typed_keys"}},
      {"POST", "/{index}/_msearch", HandleMsearch,
       {"allow_no_indices", "ccs_minimize_roundtrips", "expand_wildcards", "ignore_throttled",
        "ignore_unavailable", "include_named_queries_score", "max_concurrent_searches",
        "max_concurrent_shard_requests", "pre_filter_shard_size", "rest_total_hits_as_int",
        "routing", "search_type", "typed_keys"}},
      {"GET", "/_search/scroll", HandleScroll, {"scroll", "scroll_id", "rest_total_hits_as_int"}},
      {"POST", "/_search/scroll", HandleScroll, {"scroll", "scroll_id", "rest_total_hits_as_int"}},
      {"GET", "/_search/scroll/{scroll_id}", HandleScroll, {"scroll", "rest_total_hits_as_int"}},
      {"POST", "/_search/scroll/{scroll_id}", HandleScroll, {"scroll", "rest_total_hits_as_int"}},
      {"DELETE", "/_search/scroll", HandleClearScroll, {}},
      {"DELETE", "/_search/scroll/{scroll_id}", HandleClearScroll, {}},
      {"POST", "/{index}/_pit", HandleOpenPit,
       {"allow_partial_search_results", "expand_wildcards", "ignore_unavailable", "keep_alive",
        "max_concurrent_shard_requests", "preference", "routing"}},
      {"DELETE", "/_pit", HandleClosePit, {}},
      {"GET", "/{index}/_explain/{id}", HandleExplain,
       {"analyze_wildcard", "analyzer", "default_operator", "df", "lenient", "preference", "q",
        "routing", "_source", "_source_excludes", "_source_includes", "stored_fields"}},
      {"POST", "/{index}/_explain/{id}", HandleExplain,
       {"analyze_wildcard", "analyzer", "default_operator", "df", "lenient", "preference", "q",
        "routing", "_source", "_source_excludes", "_source_includes", "stored_fields"}},
      {"POST", "/{index}/_delete_by_query", HandleDeleteByQuery, by_query},
      {"POST", "/{index}/_update_by_query", HandleUpdateByQuery,
       Concat(by_query, {"pipeline", "version_type"})},
      {"GET", "/_tasks/{task_id}", HandleGetTask, {"timeout", "wait_for_completion"}},
      {"GET", "/_analyze", HandleAnalyze, {"index"}},
      {"POST", "/_analyze", HandleAnalyze, {"index"}},
      {"GET", "/{index}/_analyze", HandleAnalyze, {}},
      {"POST", "/{index}/_analyze", HandleAnalyze, {}},
      {"GET", "/_count", HandleCount, count},
      {"POST", "/_count", HandleCount, count},
      {"GET", "/{index}/_count", HandleCount, count},
      {"POST", "/{index}/_count", HandleCount, count},
  };
}

}  // namespace quiver::api
