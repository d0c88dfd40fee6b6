#include "query/exec/term_scorer.h"

#include <algorithm>

namespace quiver::query {

float MaxScoreOverImpacts(const Bm25Weight& sim, std::span<const text::Impact> impacts,
                          bool has_norms) {
  float best = 0;
  for (const text::Impact& i : impacts) {
    best = std::max(best, sim.Score(static_cast<float>(i.freq), has_norms ? i.norm : 1));
  }
  return best;
}

TermScorer::TermScorer(const text::FieldIndexReader* field,
                       std::unique_ptr<text::PostingsIterator> it, const Bm25Weight* sim,
                       float term_max_score, bool scores)
    : field_(field),
      it_(std::move(it)),
      sim_(sim),
      term_max_score_(term_max_score),
      scores_(scores),
      has_norms_(field->has_norms()) {}

float TermScorer::Score() {
  if (!scores_) return sim_->weight();
  uint8_t norm = has_norms_ ? field_->norm(it_->doc()) : 1;
  return sim_->Score(static_cast<float>(it_->freq()), norm);
}

uint32_t TermScorer::AdvanceShallow(uint32_t target) {
  shallow_end_ = it_->AdvanceShallow(target);
  shallow_valid_ = true;
  return shallow_end_;
}

float TermScorer::GetMaxScore(uint32_t up_to) {
  if (shallow_valid_ && up_to <= shallow_end_) {
    return MaxScoreOverImpacts(*sim_, it_->impacts(), has_norms_);
  }
  return term_max_score_;
}

}  // namespace quiver::query
