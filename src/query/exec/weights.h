// Factories of the Weight implementations, one per query node family
// (internal to exec/; CreateWeight in create_weight.cc dispatches).
#pragma once

#include "query/exec/weight.h"

namespace quiver::query {

Result<WeightPtr> MakeTermWeight(const TermQuery& q, IndexSearcher* s, ScoreMode mode, float boost);
Result<WeightPtr> MakeSynonymWeight(const SynonymQuery& q, IndexSearcher* s, ScoreMode mode,
                                    float boost);
Result<WeightPtr> MakeFuzzyWeight(const FuzzyQuery& q, IndexSearcher* s, ScoreMode mode,
                                  float boost);
// Constant-score multi-term and range queries.
Result<WeightPtr> MakeMultiTermWeight(const QueryNode& node, IndexSearcher* s, float boost);
Result<WeightPtr> MakeNumericWeight(const QueryNode& node, IndexSearcher* s, float boost);
Result<WeightPtr> MakePhraseWeight(const PhraseQuery& q, IndexSearcher* s, ScoreMode mode,
                                   float boost);
Result<WeightPtr> MakePhrasePrefixWeight(const PhrasePrefixQuery& q, IndexSearcher* s,
                                         ScoreMode mode, float boost);
Result<WeightPtr> MakeBoolWeight(const BoolQuery& q, IndexSearcher* s, ScoreMode mode, float boost);
Result<WeightPtr> MakeMatchAllWeight(float boost);
Result<WeightPtr> MakeMatchNoneWeight(const std::string& reason);
Result<WeightPtr> MakeConstantScoreWeight(WeightPtr inner, float boost, std::string description);
Result<WeightPtr> MakeDisMaxWeight(const DisMaxQuery& q, IndexSearcher* s, ScoreMode mode,
                                   float boost);
Result<WeightPtr> MakeBoostingWeight(const BoostingQuery& q, IndexSearcher* s, ScoreMode mode,
                                     float boost);
Result<WeightPtr> MakeExistsWeight(const ExistsQuery& q, float boost);
Result<WeightPtr> MakeIdsWeight(const IdsQuery& q, float boost);
Result<WeightPtr> MakeFunctionScoreWeight(const FunctionScoreQuery& q, IndexSearcher* s,
                                          ScoreMode mode, float boost);
// Wraps a filter-context weight so its per-segment matches are served from
// the searcher's FilterCache when the query is cacheable (filter_cache.h);
// returns `weight` unchanged otherwise.
WeightPtr MaybeCacheFilter(const Query& query, WeightPtr weight, IndexSearcher* searcher,
                           float boost);
Result<WeightPtr> MakeCombinedFieldsWeight(const CombinedFieldsQuery& q, IndexSearcher* s,
                                           ScoreMode mode, float boost);

}  // namespace quiver::query
