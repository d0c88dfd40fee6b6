// SearchExecutor: runs a parsed SearchRequest over a set of shards — the
// query phase on every shard (in parallel), the merge of their top hits,
// rescoring, and the fetch phase (source filtering, fields, docvalue_fields,
// highlighting, explain) — and renders Elasticsearch's response. Shards are
// given pinned point-in-time views so that scrolls and PITs page over the
// same data. Thread-compatible; one call per request.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/es/search_request.h"
#include "engine/index.h"
#include "query/dsl/query_parser.h"
#include "query/exec/shard_search.h"

namespace quiver::api {

struct ShardTarget {
  std::shared_ptr<engine::Index> index;
  size_t shard = 0;
  std::shared_ptr<const segment::SegmentSet> searcher;
  json::value alias_filter;  // null: none
};

// Where the previous page of a scroll ended.
struct ScrollCursor {
  bool valid = false;
  float score = 0;
  std::vector<query::SortValue> sort_values;
  size_t target = 0;
  uint32_t segment = 0;
  uint32_t doc = 0;
};

struct SearchOutcome {
  std::string body;   // the response JSON (without _scroll_id / pit_id)
  ScrollCursor last;  // the last hit returned
  int64_t total_hits = 0;
  bool total_is_lower_bound = false;
  size_t num_hits = 0;
};

struct SearchExecution {
  // Extra top-level fields appended to the response (e.g. "_scroll_id").
  std::vector<std::pair<std::string, std::string>> extra_fields;
  // For scroll pages: continue after this cursor; the page is `size` hits
  // from there and the total reported is `fixed_total`.
  ScrollCursor after;
  std::optional<int64_t> fixed_total;
  // Only count (the _count API): hits are not collected or fetched.
  bool count_only = false;
  // Node identity for `explain` hit metadata.
  std::string node_id;
  // Resolves terms lookups in the query (unset: they fail).
  std::function<Result<std::vector<json::value>>(const query::dsl::TermsLookup&)> terms_lookup;
};

// Pins the current point-in-time view of every shard of `indices` (with the
// alias filters that apply for `expression`).
std::vector<ShardTarget> PinTargets(const std::vector<std::shared_ptr<engine::Index>>& indices,
                                    const std::vector<json::value>& alias_filters);

Result<SearchOutcome> ExecuteSearch(const SearchRequest& request,
                                    const std::vector<ShardTarget>& targets,
                                    const SearchExecution& exec);

}  // namespace quiver::api
