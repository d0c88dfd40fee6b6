#include "query/exec/top_score_collector.h"

#include <algorithm>
#include <cmath>

namespace quiver::query {

bool TopScoreCollector::Worse(const ScoreDoc& a, const ScoreDoc& b) {
  if (a.score != b.score) return a.score < b.score;
  if (a.segment != b.segment) return a.segment > b.segment;
  return a.doc > b.doc;
}

void TopScoreCollector::SetSegment(Scorer* scorer, uint32_t segment) {
  scorer_ = scorer;
  segment_ = segment;
  if (min_competitive_ > 0) scorer_->SetMinCompetitiveScore(min_competitive_);
}

void TopScoreCollector::UpdateMinCompetitive() {
  if (total_hits_ < threshold_ || heap_.size() < k_ || k_ == 0) return;
  // Later docs lose ties, so they must score strictly higher.
  float next = std::nextafter(heap_.front().score, INFINITY);
  if (next > min_competitive_) {
    min_competitive_ = next;
    scorer_->SetMinCompetitiveScore(min_competitive_);
    lower_bound_ = true;
  }
}

void TopScoreCollector::Collect(uint32_t doc) {
  ++total_hits_;
  if (k_ == 0) {
    if (total_hits_ >= threshold_ && threshold_ != INT64_MAX) lower_bound_ = true;
    return;
  }
  float score = scorer_->Score();
  if (score > max_score_) max_score_ = score;
  ScoreDoc sd{score, segment_, doc};
  auto cmp = [](const ScoreDoc& a, const ScoreDoc& b) { return Worse(b, a); };
  if (heap_.size() < k_) {
    heap_.push_back(sd);
    std::push_heap(heap_.begin(), heap_.end(), cmp);
  } else if (Worse(heap_.front(), sd)) {
    std::pop_heap(heap_.begin(), heap_.end(), cmp);
    heap_.back() = sd;
    std::push_heap(heap_.begin(), heap_.end(), cmp);
  }
  UpdateMinCompetitive();
}

std::vector<ScoreDoc> TopScoreCollector::TopDocs() const {
  std::vector<ScoreDoc> out = heap_;
  std::sort(out.begin(), out.end(), [](const ScoreDoc& a, const ScoreDoc& b) { return Worse(b, a); });
  return out;
}

}  // namespace quiver::query
