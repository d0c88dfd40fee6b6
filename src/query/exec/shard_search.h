// The query phase of a search on one shard: run the query over the shard's
// point-in-time segments, apply post_filter / min_score / search_after /
// terminate_after, count hits up to the track_total_hits threshold, and keep
// the top k by score or by sort fields (doc values). Returns doc references
// (segment, doc) plus scores and sort values; fetching sources is the
// caller's fetch phase. Thread-compatible: one call per shard.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "query/exec/explanation.h"
#include "query/query.h"
#include "segment/segment_view.h"

namespace quiver::query {

// A sort key value as it appears in hits[].sort.
struct SortValue {
  enum class Kind : uint8_t { kNull, kLong, kDouble, kString };
  Kind kind = Kind::kNull;
  int64_t l = 0;
  double d = 0;
  std::string s;
  static SortValue Long(int64_t v) {
    SortValue x;
    x.kind = Kind::kLong;
    x.l = v;
    return x;
  }
  static SortValue Double(double v) {
    SortValue x;
    x.kind = Kind::kDouble;
    x.d = v;
    return x;
  }
  static SortValue String(std::string v) {
    SortValue x;
    x.kind = Kind::kString;
    x.s = std::move(v);
    return x;
  }
};

struct SortField {
  enum class Kind : uint8_t { kScore, kDoc, kField };
  Kind kind = Kind::kScore;
  std::string field;
  bool reverse = false;  // descending (for _score, descending is the natural order)
  enum class Missing : uint8_t { kLast, kFirst, kValue } missing = Missing::kLast;
  SortValue missing_value;
  std::string mode;  // min, max, sum, avg, median ("" = min asc / max desc)
  // How the field's values compare: numbers (long or double) or keywords.
  enum class Type : uint8_t { kLong, kDouble, kString } type = Type::kLong;
  bool unmapped = false;  // unmapped_type given and the field is absent
  // Long values are compared as value * multiply / divide (dates sorted
  // with numeric_type date_nanos, or date_nanos with numeric_type date).
  int64_t multiply = 1;
  int64_t divide = 1;
};

struct ShardSearchRequest {
  QueryPtr query;                    // null: match_all
  QueryPtr post_filter;              // null: none
  std::vector<SortField> sort;       // empty: by score
  size_t k = 10;                     // from + size
  int64_t track_total_hits = 10000;  // INT64_MAX: exact
  std::optional<float> min_score;
  int64_t terminate_after = 0;  // 0: no limit
  std::vector<SortValue> search_after;
  bool track_scores = false;
  // Optional extra filter on candidates after scoring (scroll cursors):
  // false drops the doc. Disables pruning.
  std::function<bool(uint32_t segment, uint32_t doc, float score,
                     const std::vector<SortValue>& sort_values)>
      accept;
  // Added to the shard-local doc id of _doc sort values (ES _shard_doc).
  uint64_t doc_sort_offset = 0;
  // A slice of a sliced scroll / PIT within this shard: only documents
  // whose hash falls in slice `id` of `max` match (and count).
  struct Slice {
    std::string field;  // "" or "_id": the document id; else a doc-values field
    uint32_t id = 0;
    uint32_t max = 1;
  };
  std::optional<Slice> slice;
};

struct ShardHit {
  uint32_t segment = 0;
  uint32_t doc = 0;
  float score = 0;  // NaN when not computed
  std::vector<SortValue> sort_values;
};

struct ShardSearchResult {
  std::vector<ShardHit> hits;  // best first
  int64_t total_hits = 0;
  bool total_is_lower_bound = false;
  float max_score = -1;  // < 0: none
  bool terminated_early = false;
};

Result<ShardSearchResult> SearchShard(std::shared_ptr<const segment::SegmentSet> set,
                                      const ShardSearchRequest& request);

// Explains the score of one document for the request's query.
Result<Explanation> ExplainDoc(std::shared_ptr<const segment::SegmentSet> set, const Query& query,
                               uint32_t segment, uint32_t doc);

// Compares two sort value lists under `sort` (negative: a first).
int CompareSortValues(const std::vector<SortField>& sort, const std::vector<SortValue>& a,
                      const std::vector<SortValue>& b);

}  // namespace quiver::query
