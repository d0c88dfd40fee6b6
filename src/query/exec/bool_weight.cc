// BoolQuery execution as Lucene's BooleanWeight composes it: must and filter
// clauses in a conjunction (filters without score), should clauses as an
// optional sum (or required with minimum_should_match), must_not as an
// exclusion; top-k pure disjunctions use block-max MaxScore.
#include <algorithm>

#include "query/exec/compound_scorers.h"
#include "query/exec/weights.h"

namespace quiver::query {
namespace {

// Docs matching any of `scorers`, as an iterator (must_not).
std::unique_ptr<DocIdIterator> UnionOf(std::vector<ScorerPtr> scorers) {
  if (scorers.size() == 1) return std::move(scorers[0]);
  return std::make_unique<DisjunctionScorer>(std::move(scorers), 1, 0, false);
}

class BoolWeight : public Weight {
 public:
  BoolWeight(std::vector<WeightPtr> must, std::vector<WeightPtr> filter,
             std::vector<WeightPtr> should, std::vector<WeightPtr> must_not, int msm,
             ScoreMode mode, float boost, bool match_all_when_only_negative)
      : must_(std::move(must)),
        filter_(std::move(filter)),
        should_(std::move(should)),
        must_not_(std::move(must_not)),
        msm_(msm),
        mode_(mode),
        boost_(boost),
        implicit_all_(match_all_when_only_negative) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    std::vector<ScorerPtr> must, filter, should, must_not;
    for (const auto& w : must_) {
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w->MakeScorer(ctx));
      if (!s) return ScorerPtr();
      must.push_back(std::move(s));
    }
    for (const auto& w : filter_) {
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w->MakeScorer(ctx));
      if (!s) return ScorerPtr();
      filter.push_back(std::move(s));
    }
    for (const auto& w : should_) {
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w->MakeScorer(ctx));
      if (s) should.push_back(std::move(s));
    }
    for (const auto& w : must_not_) {
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w->MakeScorer(ctx));
      if (s) must_not.push_back(std::move(s));
    }
    bool has_required = !must.empty() || !filter.empty();
    int msm = msm_;
    if (!has_required && msm == 0 && !should_.empty()) msm = 1;
    if (static_cast<int>(should.size()) < msm) return ScorerPtr();
    if (implicit_all_ && !has_required && should_.empty()) {
      filter.push_back(std::make_unique<ConstantScorer>(
          std::make_unique<AllDocsIterator>(ctx.max_doc()), 0.0f));
      has_required = true;
    }
    ScorerPtr positive;
    bool scores = mode_ != ScoreMode::kNoScores;
    if (has_required) {
      if (must.empty() && filter.size() == 1 && should.empty()) {
        positive = std::make_unique<ConstantScorer>(std::move(filter[0]), 0.0f);
      } else if (must.size() == 1 && filter.empty()) {
        positive = std::move(must[0]);
      } else {
        if (must.empty()) {
          // Filters only: matches score 0.
          std::vector<ScorerPtr> none;
          none.push_back(std::make_unique<ConstantScorer>(std::make_unique<AllDocsIterator>(ctx.max_doc()), 0.0f));
          positive = std::make_unique<ConjunctionScorer>(std::move(none), std::move(filter));
        } else {
          positive = std::make_unique<ConjunctionScorer>(std::move(must), std::move(filter));
        }
      }
      if (!should.empty()) {
        if (msm > 0) {
          ScorerPtr opt = should.size() == 1 && msm <= 1
                              ? std::move(should[0])
                              : std::make_unique<DisjunctionScorer>(std::move(should), msm, 0, false);
          std::vector<ScorerPtr> both;
          both.push_back(std::move(positive));
          both.push_back(std::move(opt));
          positive = std::make_unique<ConjunctionScorer>(std::move(both), std::vector<ScorerPtr>());
        } else if (scores) {
          ScorerPtr opt = should.size() == 1
                              ? std::move(should[0])
                              : std::make_unique<DisjunctionScorer>(std::move(should), 1, 0, false);
          positive = std::make_unique<ReqOptScorer>(std::move(positive), std::move(opt));
        }
      }
    } else {
      if (should.empty()) return ScorerPtr();
      if (should.size() == 1) {
        positive = std::move(should[0]);
      } else if (mode_ == ScoreMode::kTopScores && msm <= 1) {
        positive = std::make_unique<MaxScoreDisjunctionScorer>(std::move(should));
      } else {
        positive = std::make_unique<DisjunctionScorer>(std::move(should), msm, 0, false);
      }
    }
    if (!must_not.empty()) {
      positive = std::make_unique<ReqExclScorer>(std::move(positive), UnionOf(std::move(must_not)));
    }
    if (boost_ != 1.0f) positive = std::make_unique<BoostScorer>(std::move(positive), boost_);
    return positive;
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, MakeScorer(ctx));
    if (!s || s->Advance(doc) != doc) {
      return Explanation::NoMatch("Failure to meet condition(s) of required/prohibited clause(s)");
    }
    float score = s->Score();
    std::vector<Explanation> details;
    for (const auto* group : {&must_, &should_}) {
      for (const auto& w : *group) {
        QUIVER_ASSIGN_OR_RETURN(Explanation e, w->Explain(ctx, doc));
        if (e.match) details.push_back(std::move(e));
      }
    }
    for (const auto& w : filter_) {
      QUIVER_ASSIGN_OR_RETURN(Explanation e, w->Explain(ctx, doc));
      if (e.match) {
        details.push_back(Explanation::Match(0, "match on required clause, product of:",
                                             {Explanation::Match(0, "# clause"), std::move(e)}));
      }
    }
    return Explanation::Match(score, "sum of:", std::move(details));
  }

 private:
  std::vector<WeightPtr> must_, filter_, should_, must_not_;
  int msm_;
  ScoreMode mode_;
  float boost_;
  bool implicit_all_;
};

}  // namespace

Result<WeightPtr> MakeBoolWeight(const BoolQuery& q, IndexSearcher* s, ScoreMode mode, float boost) {
  std::vector<WeightPtr> must, filter, should, must_not;
  ScoreMode sub = mode;
  // A top-k disjunction may prune; clauses nested under a conjunction score
  // every match.
  bool pure_disjunction = q.must.empty() && q.filter.empty();
  if (!pure_disjunction && sub == ScoreMode::kTopScores) sub = ScoreMode::kComplete;
  for (const auto& c : q.must) {
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*c, s, sub == ScoreMode::kTopScores ? ScoreMode::kComplete : sub));
    must.push_back(std::move(w));
  }
  for (const auto& c : q.filter) {
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*c, s, ScoreMode::kNoScores));
    filter.push_back(std::move(w));
  }
  for (const auto& c : q.should) {
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*c, s, sub));
    should.push_back(std::move(w));
  }
  for (const auto& c : q.must_not) {
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*c, s, ScoreMode::kNoScores));
    must_not.push_back(std::move(w));
  }
  bool only_negative = q.must.empty() && q.filter.empty() && q.should.empty() && !q.must_not.empty();
  return WeightPtr(std::make_unique<BoolWeight>(std::move(must), std::move(filter), std::move(should),
                                                std::move(must_not), q.minimum_should_match, mode,
                                                boost, only_negative));
}

}  // namespace quiver::query
