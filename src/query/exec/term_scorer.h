// TermScorer: BM25 over one term's postings, with block-max bounds from the
// postings' per-block impacts (Lucene's TermScorer + ImpactsDISI).
// Single-threaded.
#pragma once

#include <vector>

#include "query/exec/bm25.h"
#include "query/exec/scorer.h"
#include "text/field_index_reader.h"

namespace quiver::query {

class TermScorer : public Scorer {
 public:
  // `sim` must outlive the scorer. `scores` false: freqs are not read and
  // Score() returns the weight constant.
  TermScorer(const text::FieldIndexReader* field, std::unique_ptr<text::PostingsIterator> it,
             const Bm25Weight* sim, float term_max_score, bool scores);

  uint32_t doc() const override { return it_->doc(); }
  uint32_t NextDoc() override { return it_->NextDoc(); }
  uint32_t Advance(uint32_t target) override { return it_->Advance(target); }
  int64_t cost() const override { return static_cast<int64_t>(it_->cost()); }
  float Score() override;
  uint32_t AdvanceShallow(uint32_t target) override;
  float GetMaxScore(uint32_t up_to) override;

  uint32_t freq() const { return it_->freq(); }
  text::PostingsIterator* postings() { return it_.get(); }

 private:
  const text::FieldIndexReader* field_;
  std::unique_ptr<text::PostingsIterator> it_;
  const Bm25Weight* sim_;
  float term_max_score_;
  bool scores_;
  bool has_norms_;
  uint32_t shallow_end_ = 0;
  bool shallow_valid_ = false;
};

// The best BM25 score over a list of competitive (freq, norm) pairs.
float MaxScoreOverImpacts(const Bm25Weight& sim, std::span<const text::Impact> impacts,
                          bool has_norms);

}  // namespace quiver::query
