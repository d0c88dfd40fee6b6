#include <variant>

#include "query/exec/knn_search.h"
#include "query/exec/weights.h"

namespace quiver::query {

namespace {

Result<WeightPtr> CreateUncachedWeight(const Query& query, IndexSearcher* s, ScoreMode mode,
                                       float b) {
  return std::visit(
      [&](const auto& node) -> Result<WeightPtr> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, MatchAllQuery>) {
          return MakeMatchAllWeight(b);
        } else if constexpr (std::is_same_v<T, MatchNoneQuery>) {
          return MakeMatchNoneWeight(node.reason);
        } else if constexpr (std::is_same_v<T, TermQuery>) {
          return MakeTermWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, SynonymQuery>) {
          return MakeSynonymWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, TermSetQuery> || std::is_same_v<T, TermRangeQuery> ||
                             std::is_same_v<T, PrefixQuery> || std::is_same_v<T, WildcardQuery> ||
                             std::is_same_v<T, RegexpQuery>) {
          return MakeMultiTermWeight(query.node, s, b);
        } else if constexpr (std::is_same_v<T, NumericRangeQuery> ||
                             std::is_same_v<T, NumericSetQuery>) {
          return MakeNumericWeight(query.node, s, b);
        } else if constexpr (std::is_same_v<T, FuzzyQuery>) {
          return MakeFuzzyWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, PhraseQuery>) {
          return MakePhraseWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, PhrasePrefixQuery>) {
          return MakePhrasePrefixWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, BoolQuery>) {
          return MakeBoolWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, ConstantScoreQuery>) {
          QUIVER_ASSIGN_OR_RETURN(WeightPtr inner,
                                  CreateWeight(*node.filter, s, ScoreMode::kNoScores));
          return MakeConstantScoreWeight(std::move(inner), b, "ConstantScore");
        } else if constexpr (std::is_same_v<T, DisMaxQuery>) {
          return MakeDisMaxWeight(node, s,
                                  mode == ScoreMode::kTopScores ? ScoreMode::kComplete : mode, b);
        } else if constexpr (std::is_same_v<T, BoostingQuery>) {
          return MakeBoostingWeight(node, s,
                                    mode == ScoreMode::kTopScores ? ScoreMode::kComplete : mode, b);
        } else if constexpr (std::is_same_v<T, CombinedFieldsQuery>) {
          return MakeCombinedFieldsWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, ExistsQuery>) {
          return MakeExistsWeight(node, b);
        } else if constexpr (std::is_same_v<T, IdsQuery>) {
          return MakeIdsWeight(node, b);
        } else if constexpr (std::is_same_v<T, FunctionScoreQuery>) {
          return MakeFunctionScoreWeight(node, s, mode, b);
        } else if constexpr (std::is_same_v<T, KnnQuery>) {
          return MakeKnnWeight(node, s, b);
        } else {
          return Result<WeightPtr>(Status::Internal("unhandled query node"));
        }
      },
      query.node);
}

}  // namespace

Result<WeightPtr> CreateWeight(const Query& query, IndexSearcher* s, ScoreMode mode, float boost) {
  float b = boost * query.boost;
  QUIVER_ASSIGN_OR_RETURN(WeightPtr weight, CreateUncachedWeight(query, s, mode, b));
  if (mode != ScoreMode::kNoScores) return weight;
  return MaybeCacheFilter(query, std::move(weight), s, b);
}

}  // namespace quiver::query
