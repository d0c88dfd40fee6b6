// The engine-neutral query tree: what an Elasticsearch query means once it
// has been parsed and resolved against an index's mapping and analyzers
// (dsl/ turns ES JSON into it; exec/ runs it on segments). Field names are
// concrete full paths; text is already analyzed; keyword terms are
// normalized; dates are epoch milliseconds (nanoseconds for date_nanos);
// floating-point bounds are sortable longs (segment/bit_packing.h) so that
// every numeric comparison is on int64.
//
// Nodes are immutable and shared (QueryPtr); a tree may be executed by many
// threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace quiver::query {

struct Query;
using QueryPtr = std::shared_ptr<const Query>;

// Matches every live document (score = boost).
struct MatchAllQuery {};

// Matches nothing; `reason` documents why (e.g. an unmapped field).
struct MatchNoneQuery {
  std::string reason;
};

// One term in a field's inverted index (text, keyword, ip as 16 bytes,
// boolean as "T"/"F"). Scored with BM25 for text fields.
struct TermQuery {
  std::string field;
  std::string term;
};

// Several terms at the same position of one field, scored as one term
// whose frequency is the sum (Lucene SynonymQuery); from synonym expansion.
struct SynonymQuery {
  std::string field;
  std::vector<std::string> terms;
};

// Any of a set of terms; constant score (ES `terms` query).
struct TermSetQuery {
  std::string field;
  std::vector<std::string> terms;
};

// Terms between two bounds in byte order (keyword/ip ranges); constant score.
struct TermRangeQuery {
  std::string field;
  std::optional<std::string> lower;  // nullopt: unbounded
  std::optional<std::string> upper;
  bool include_lower = true;
  bool include_upper = true;
};

// Numeric / date / boolean values in [lower, upper] (inclusive, as int64 or
// sortable longs); uses the points index or doc values. Constant score.
struct NumericRangeQuery {
  std::string field;
  int64_t lower = INT64_MIN;
  int64_t upper = INT64_MAX;
};

// Any of a set of numeric values; constant score.
struct NumericSetQuery {
  std::string field;
  std::vector<int64_t> values;
};

// Multi-term queries: expanded per segment against the term dictionary;
// constant score (ES's default constant_score rewrite).
struct PrefixQuery {
  std::string field;
  std::string prefix;
  bool case_insensitive = false;
};
struct WildcardQuery {
  std::string field;
  std::string pattern;  // '*' and '?', '\' escapes
  bool case_insensitive = false;
};
struct RegexpQuery {
  std::string field;
  std::string pattern;  // Lucene RegExp syntax
  int flags = 0xffff;   // Lucene RegExp flags (ALL)
  int max_determinized_states = 10000;
  bool case_insensitive = false;
};
// Scored like ES's fuzzy query (top terms blended frequencies rewrite).
struct FuzzyQuery {
  std::string field;
  std::string term;
  int max_edits = 2;
  int prefix_length = 0;
  int max_expansions = 50;
  bool transpositions = true;
};

// Terms at relative positions. Each entry of `terms` holds the alternatives
// at `positions[i]` (one term for a plain phrase, several for synonyms).
// `slop` as Lucene's PhraseQuery / MultiPhraseQuery.
struct PhraseQuery {
  std::string field;
  std::vector<std::vector<std::string>> terms;
  std::vector<int> positions;
  int slop = 0;
};

// A phrase whose last term is a prefix (match_phrase_prefix), expanded to at
// most `max_expansions` terms per segment.
struct PhrasePrefixQuery {
  std::string field;
  std::vector<std::vector<std::string>> terms;  // all but the last
  std::vector<int> positions;                   // of the terms and then the prefix
  std::string prefix;
  int slop = 0;
  int max_expansions = 50;
};

struct BoolQuery {
  std::vector<QueryPtr> must;
  std::vector<QueryPtr> should;
  std::vector<QueryPtr> must_not;
  std::vector<QueryPtr> filter;
  // Resolved count (0: should clauses are optional when there is a must or
  // filter clause, else at least one must match — ES semantics are applied
  // by the parser, which always sets the effective value here).
  int minimum_should_match = 0;
};

struct ConstantScoreQuery {
  QueryPtr filter;
};

struct DisMaxQuery {
  std::vector<QueryPtr> queries;
  float tie_breaker = 0;
};

struct BoostingQuery {
  QueryPtr positive;
  QueryPtr negative;
  float negative_boost = 1;
};

// BM25F over several fields as one (ES combined_fields / cross_fields with
// the combined strategy): each term's statistics are blended across fields.
struct CombinedFieldsQuery {
  std::vector<std::pair<std::string, float>> fields;  // field, weight
  std::vector<std::string> terms;
  int minimum_should_match = 1;
};

struct ExistsQuery {
  std::vector<std::string> fields;  // any of them has a value
};

struct IdsQuery {
  std::vector<std::string> ids;
};

// function_score
struct ScoreFunction {
  enum class Kind { kWeight, kFieldValueFactor, kRandomScore, kDecay };
  Kind kind = Kind::kWeight;
  QueryPtr filter;  // null: every document
  float weight = 1;
  bool has_weight = false;
  // field_value_factor
  std::string field;
  double factor = 1;
  std::string modifier = "none";  // none log log1p log2p ln ln1p ln2p square sqrt reciprocal
  std::optional<double> missing;
  // random_score
  int64_t seed = 0;
  // decay (gauss, exp, linear) on a numeric/date field
  std::string decay_type;  // gauss exp linear
  double origin = 0;
  double scale = 1;
  double offset = 0;
  double decay = 0.5;
  std::string multi_value_mode = "min";  // min max avg sum
};

struct FunctionScoreQuery {
  QueryPtr query;
  std::vector<ScoreFunction> functions;
  std::string score_mode = "multiply";  // multiply sum avg first max min
  std::string boost_mode = "multiply";  // multiply replace sum avg max min
  float max_boost = 3.4028235e38f;
  std::optional<float> min_score;
};

// One hit chosen ahead of the query phase: segment (index in the shard's
// SegmentSet), doc, and its score (before the query's boost).
struct ScoredSegmentDoc {
  uint32_t segment = 0;
  uint32_t doc = 0;
  float score = 0;
};

// Hits of a kNN search (or a fused ranking) already chosen for every shard
// of a request, keyed by the address of the shard's point-in-time
// segment::SegmentSet: the query tree is shared by all shards of an index,
// and the snapshot is what tells shards apart for the length of a request.
struct PrecomputedHits {
  std::map<const void*, std::vector<ScoredSegmentDoc>> by_snapshot;
};

// Dense-vector kNN (search.vectors issue); `filter` restricts candidates
// during the search, not after. Each shard keeps its best `k` of
// `num_candidates` searched per segment (ES's knn query).
struct KnnQuery {
  std::string field;
  std::vector<float> vector;
  int k = 10;
  int num_candidates = 15;
  QueryPtr filter;
  std::optional<float> similarity;  // minimum similarity threshold
  int nprobe = 0;                   // IVF; 0: index default
  float rescore_oversample = 0;     // 0: none
  // Set by the request-level phases (top-level knn: global top k across
  // shards; rank / retriever: fused scores): match exactly these hits with
  // these scores instead of searching. The other members are then unused.
  std::shared_ptr<const PrecomputedHits> precomputed;
};

using QueryNode =
    std::variant<MatchAllQuery, MatchNoneQuery, TermQuery, SynonymQuery, TermSetQuery,
                 TermRangeQuery, NumericRangeQuery, NumericSetQuery, PrefixQuery, WildcardQuery,
                 RegexpQuery, FuzzyQuery, PhraseQuery, PhrasePrefixQuery, BoolQuery,
                 ConstantScoreQuery, DisMaxQuery, BoostingQuery, CombinedFieldsQuery, ExistsQuery,
                 IdsQuery, FunctionScoreQuery, KnnQuery>;

struct Query {
  QueryNode node;
  float boost = 1;
  // `_name` of the ES query (matched_queries in hits).
  std::string name;
};

template <typename T>
QueryPtr MakeQuery(T node, float boost = 1) {
  auto q = std::make_shared<Query>();
  q->node = std::move(node);
  q->boost = boost;
  return q;
}

// Debug rendering, for tests and `profile` output: Lucene-like
// ("+title:dune -year:[1960 TO 1970]").
std::string ToString(const Query& q);

}  // namespace quiver::query
