// Scorer: a DocIdIterator that can score its current doc, with the
// block-max hooks dynamic pruning needs (Lucene's Scorer): AdvanceShallow
// moves skip data without decoding docs and tells how far the current block
// reaches; GetMaxScore bounds the score of any doc up to a limit; and the
// collector feeds back the minimum competitive score so that disjunctions
// can skip documents that cannot enter the top k (block-max WAND/MaxScore).
// Single-threaded; one per segment per search.
#pragma once

#include <limits>
#include <memory>
#include <vector>

#include "query/exec/doc_id_iterator.h"

namespace quiver::query {

enum class ScoreMode {
  kComplete,     // every match, with scores
  kTopScores,    // top-k by score: scorers may skip non-competitive docs
  kNoScores,     // filters and counts
};

class Scorer : public DocIdIterator {
 public:
  virtual float Score() = 0;
  // Last doc of the region from `target` for which GetMaxScore is tight
  // (default: the whole segment).
  virtual uint32_t AdvanceShallow(uint32_t target) { return kNoMoreDocs; }
  // Upper bound of Score() for docs in [doc(), up_to].
  virtual float GetMaxScore(uint32_t up_to) = 0;
  virtual void SetMinCompetitiveScore(float) {}
};

using ScorerPtr = std::unique_ptr<Scorer>;

// Wraps an iterator with a constant score.
class ConstantScorer : public Scorer {
 public:
  ConstantScorer(std::unique_ptr<DocIdIterator> it, float score)
      : it_(std::move(it)), score_(score) {}
  uint32_t doc() const override { return it_->doc(); }
  uint32_t NextDoc() override { return it_->NextDoc(); }
  uint32_t Advance(uint32_t t) override { return it_->Advance(t); }
  int64_t cost() const override { return it_->cost(); }
  float Score() override { return score_; }
  float GetMaxScore(uint32_t) override { return score_; }

 private:
  std::unique_ptr<DocIdIterator> it_;
  float score_;
};

// Multiplies another scorer's scores (query boosts around compound queries).
class BoostScorer : public Scorer {
 public:
  BoostScorer(ScorerPtr in, float boost) : in_(std::move(in)), boost_(boost) {}
  uint32_t doc() const override { return in_->doc(); }
  uint32_t NextDoc() override { return in_->NextDoc(); }
  uint32_t Advance(uint32_t t) override { return in_->Advance(t); }
  int64_t cost() const override { return in_->cost(); }
  float Score() override { return in_->Score() * boost_; }
  uint32_t AdvanceShallow(uint32_t t) override { return in_->AdvanceShallow(t); }
  float GetMaxScore(uint32_t up_to) override { return in_->GetMaxScore(up_to) * boost_; }
  void SetMinCompetitiveScore(float s) override {
    if (boost_ > 0) in_->SetMinCompetitiveScore(s / boost_);
  }

 private:
  ScorerPtr in_;
  float boost_;
};

}  // namespace quiver::query
