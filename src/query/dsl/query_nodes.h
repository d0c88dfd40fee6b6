// Small helpers to build and adjust query-tree nodes (query/query.h) the way
// the DSL parsers need: boosts multiply like Lucene's BoostQuery wrapping,
// `_name` attaches to the outermost node. Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "query/query.h"

namespace quiver::query::dsl {

// Lucene's IndexSearcher.maxClauseCount as ES 8 sizes it on small nodes: the
// most clauses one bool (or one analyzed text, or one field expansion) may have.
inline constexpr size_t kMaxClauseCount = 4096;

QueryPtr MatchAll();
QueryPtr MatchNone(std::string reason);
// "unmapped field [f]" (ES Queries.newUnmappedFieldQuery).
QueryPtr UnmappedField(const std::string& field);

bool IsMatchNone(const QueryPtr& q);
bool IsMatchAll(const QueryPtr& q);

// q with its boost multiplied by `boost` (q itself when boost is 1).
QueryPtr Boost(const QueryPtr& q, float boost);
// q named `name`; a node that already has another name is wrapped in a
// single-clause bool so both names survive.
QueryPtr Named(const QueryPtr& q, const std::string& name);
// Boost then name (the `boost` / `_name` of an ES query).
QueryPtr Finish(const QueryPtr& q, float boost, const std::string& name);

// Lucene BooleanQuery occurrence.
enum class Occur { kMust, kShould, kMustNot, kFilter };

struct Clause {
  QueryPtr query;
  Occur occur = Occur::kShould;
};

// A bool node from clauses; `minimum_should_match` is the raw Lucene value
// (see EffectiveBool for the ES default).
QueryPtr MakeBool(const std::vector<Clause>& clauses, int minimum_should_match = 0);

// The minimum_should_match query.h expects: with no must/filter clause and
// some should clauses, at least one should clause must match.
int EffectiveMinimumShouldMatch(const BoolQuery& b, int requested);

// Lucene/ES: a bool whose clauses are all must_not gets a match-all filter
// so it excludes from everything (Queries.fixNegativeQueryIfNeeded).
QueryPtr FixNegativeQuery(const QueryPtr& q);

// A dis_max over `queries` (the single query itself when there is one).
QueryPtr MakeDisMax(std::vector<QueryPtr> queries, float tie_breaker);

}  // namespace quiver::query::dsl
