// Scorers that combine other scorers, as Lucene's boolean query execution
// does: conjunctions (leapfrog over iterators ordered by cost), disjunctions
// (sum, max with tie breaker, minimum-should-match), exclusion (must_not)
// and required-plus-optional (must + should). Filters take part in matching
// with a zero score contribution. Single-threaded.
#pragma once

#include <vector>

#include "query/exec/scorer.h"

namespace quiver::query {

// All of `scorers` must match; the score is the sum of the `scoring` ones
// (the first `num_scoring` entries), filters add nothing.
class ConjunctionScorer : public Scorer {
 public:
  ConjunctionScorer(std::vector<ScorerPtr> scoring, std::vector<ScorerPtr> filters);
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return DoNext(lead_->NextDoc()); }
  uint32_t Advance(uint32_t target) override { return DoNext(lead_->Advance(target)); }
  int64_t cost() const override { return lead_->cost(); }
  float Score() override;
  uint32_t AdvanceShallow(uint32_t target) override;
  float GetMaxScore(uint32_t up_to) override;
  void SetMinCompetitiveScore(float s) override;

 private:
  uint32_t DoNext(uint32_t doc);
  std::vector<ScorerPtr> scoring_;
  std::vector<ScorerPtr> filters_;
  std::vector<Scorer*> by_cost_;  // all, cheapest first
  Scorer* lead_ = nullptr;
  uint32_t doc_ = kUnpositioned;
};

// At least `min_should_match` (≥ 1) of `scorers` must match. Score: the sum
// of matching scores, or, for dis_max (`tie_breaker` >= 0), the max plus
// tie_breaker times the others.
class DisjunctionScorer : public Scorer {
 public:
  DisjunctionScorer(std::vector<ScorerPtr> scorers, int min_should_match, float tie_breaker,
                    bool dis_max);
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override;
  uint32_t Advance(uint32_t target) override;
  int64_t cost() const override { return cost_; }
  float Score() override;
  float GetMaxScore(uint32_t up_to) override;

 private:
  uint32_t Settle(uint32_t candidate);
  std::vector<ScorerPtr> scorers_;
  int min_should_match_;
  float tie_breaker_;
  bool dis_max_;
  int64_t cost_ = 0;
  uint32_t doc_ = kUnpositioned;
};

// Top-k disjunction with dynamic pruning (block-max MaxScore, Turtle & Flood
// 1995 with Ding & Suel 2011's block-max bounds): once the collector reports
// a minimum competitive score, terms whose summed block maxima cannot reach
// it only confirm candidates found through the others, and whole blocks that
// cannot compete are skipped. Returns only docs whose score can reach the
// minimum competitive score (others may be skipped, so counts become lower
// bounds, as in Lucene).
class MaxScoreDisjunctionScorer : public Scorer {
 public:
  explicit MaxScoreDisjunctionScorer(std::vector<ScorerPtr> scorers);
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Find(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override { return Find(target); }
  int64_t cost() const override { return cost_; }
  float Score() override { return score_; }
  float GetMaxScore(uint32_t up_to) override;
  void SetMinCompetitiveScore(float s) override { min_competitive_ = s; }

 private:
  uint32_t Find(uint32_t target);
  void PlanWindow(uint32_t target);
  std::vector<ScorerPtr> scorers_;
  float min_competitive_ = 0;
  int64_t cost_ = 0;
  uint32_t doc_ = kUnpositioned;
  float score_ = 0;
  // Current window: scorers sorted by their max score within it.
  uint32_t window_end_ = 0;
  bool window_valid_ = false;
  std::vector<std::pair<float, Scorer*>> order_;  // ascending max
  size_t first_essential_ = 0;
  std::vector<float> prefix_max_;  // sum of maxes of order_[0..i)
};

// `req` must match and `excl` must not.
class ReqExclScorer : public Scorer {
 public:
  ReqExclScorer(ScorerPtr req, std::unique_ptr<DocIdIterator> excl)
      : req_(std::move(req)), excl_(std::move(excl)) {}
  uint32_t doc() const override { return req_->doc(); }
  uint32_t NextDoc() override { return Settle(req_->NextDoc()); }
  uint32_t Advance(uint32_t t) override { return Settle(req_->Advance(t)); }
  int64_t cost() const override { return req_->cost(); }
  float Score() override { return req_->Score(); }
  uint32_t AdvanceShallow(uint32_t t) override { return req_->AdvanceShallow(t); }
  float GetMaxScore(uint32_t up_to) override { return req_->GetMaxScore(up_to); }
  void SetMinCompetitiveScore(float s) override { req_->SetMinCompetitiveScore(s); }

 private:
  uint32_t Settle(uint32_t doc);
  ScorerPtr req_;
  std::unique_ptr<DocIdIterator> excl_;
};

// `req` must match; `opt` adds its score when it matches too.
class ReqOptScorer : public Scorer {
 public:
  ReqOptScorer(ScorerPtr req, ScorerPtr opt) : req_(std::move(req)), opt_(std::move(opt)) {}
  uint32_t doc() const override { return req_->doc(); }
  uint32_t NextDoc() override { return req_->NextDoc(); }
  uint32_t Advance(uint32_t t) override { return req_->Advance(t); }
  int64_t cost() const override { return req_->cost(); }
  float Score() override;
  float GetMaxScore(uint32_t up_to) override {
    return req_->GetMaxScore(up_to) + opt_->GetMaxScore(up_to);
  }

 private:
  ScorerPtr req_;
  ScorerPtr opt_;
};

}  // namespace quiver::query
