#include "query/exec/compound_scorers.h"

#include <algorithm>

namespace quiver::query {

// ---- ConjunctionScorer ----

ConjunctionScorer::ConjunctionScorer(std::vector<ScorerPtr> scoring, std::vector<ScorerPtr> filters)
    : scoring_(std::move(scoring)), filters_(std::move(filters)) {
  for (auto& s : scoring_) by_cost_.push_back(s.get());
  for (auto& f : filters_) by_cost_.push_back(f.get());
  std::sort(by_cost_.begin(), by_cost_.end(),
            [](Scorer* a, Scorer* b) { return a->cost() < b->cost(); });
  lead_ = by_cost_.front();
}

uint32_t ConjunctionScorer::DoNext(uint32_t doc) {
  while (true) {
    if (doc == kNoMoreDocs) return doc_ = kNoMoreDocs;
    bool agreed = true;
    for (size_t i = 1; i < by_cost_.size(); ++i) {
      Scorer* other = by_cost_[i];
      uint32_t d = other->doc();
      if (d == kUnpositioned || d < doc) d = other->Advance(doc);
      if (d != doc) {
        doc = lead_->Advance(d);
        agreed = false;
        break;
      }
    }
    if (agreed) return doc_ = doc;
  }
}

float ConjunctionScorer::Score() {
  float sum = 0;
  for (auto& s : scoring_) sum += s->Score();
  return sum;
}

uint32_t ConjunctionScorer::AdvanceShallow(uint32_t target) {
  uint32_t end = kNoMoreDocs;
  for (auto& s : scoring_) end = std::min(end, s->AdvanceShallow(target));
  return end;
}

float ConjunctionScorer::GetMaxScore(uint32_t up_to) {
  float sum = 0;
  for (auto& s : scoring_) sum += s->GetMaxScore(up_to);
  return sum;
}

void ConjunctionScorer::SetMinCompetitiveScore(float s) {
  // With a single scoring clause the bound passes through unchanged.
  if (scoring_.size() == 1) scoring_[0]->SetMinCompetitiveScore(s);
}

// ---- DisjunctionScorer ----

DisjunctionScorer::DisjunctionScorer(std::vector<ScorerPtr> scorers, int min_should_match,
                                     float tie_breaker, bool dis_max)
    : scorers_(std::move(scorers)),
      min_should_match_(std::max(1, min_should_match)),
      tie_breaker_(tie_breaker),
      dis_max_(dis_max) {
  for (auto& s : scorers_) cost_ += s->cost();
}

uint32_t DisjunctionScorer::Settle(uint32_t candidate) {
  // `candidate` is the smallest doc any sub-scorer is on; count matches.
  while (candidate != kNoMoreDocs) {
    int matches = 0;
    uint32_t next = kNoMoreDocs;
    for (auto& s : scorers_) {
      if (s->doc() == candidate) {
        ++matches;
      } else {
        next = std::min(next, s->doc());
      }
    }
    if (matches >= min_should_match_) return doc_ = candidate;
    // Not enough: move the matching ones past the candidate.
    for (auto& s : scorers_) {
      if (s->doc() == candidate) next = std::min(next, s->NextDoc());
    }
    candidate = next;
  }
  return doc_ = kNoMoreDocs;
}

uint32_t DisjunctionScorer::NextDoc() {
  uint32_t target = doc_ == kUnpositioned ? 0 : doc_ + 1;
  return Advance(target);
}

uint32_t DisjunctionScorer::Advance(uint32_t target) {
  uint32_t candidate = kNoMoreDocs;
  for (auto& s : scorers_) {
    uint32_t d = s->doc();
    if (d == kUnpositioned || d < target) d = s->Advance(target);
    candidate = std::min(candidate, d);
  }
  return Settle(candidate);
}

float DisjunctionScorer::Score() {
  float sum = 0, max = 0;
  for (auto& s : scorers_) {
    if (s->doc() != doc_) continue;
    float v = s->Score();
    sum += v;
    max = std::max(max, v);
  }
  if (!dis_max_) return sum;
  return max + (sum - max) * tie_breaker_;
}

float DisjunctionScorer::GetMaxScore(uint32_t up_to) {
  float sum = 0, max = 0;
  for (auto& s : scorers_) {
    float v = s->GetMaxScore(up_to);
    sum += v;
    max = std::max(max, v);
  }
  return dis_max_ ? max + (sum - max) * tie_breaker_ : sum;
}

// ---- MaxScoreDisjunctionScorer ----

MaxScoreDisjunctionScorer::MaxScoreDisjunctionScorer(std::vector<ScorerPtr> scorers)
    : scorers_(std::move(scorers)) {
  for (auto& s : scorers_) cost_ += s->cost();
}

float MaxScoreDisjunctionScorer::GetMaxScore(uint32_t up_to) {
  float sum = 0;
  for (auto& s : scorers_) sum += s->GetMaxScore(up_to);
  return sum;
}

void MaxScoreDisjunctionScorer::PlanWindow(uint32_t target) {
  window_end_ = kNoMoreDocs;
  for (auto& s : scorers_) {
    if (s->doc() != kUnpositioned && s->doc() >= target) {
      // Block boundaries are relative to where the scorer will be next.
      window_end_ = std::min(window_end_, s->AdvanceShallow(s->doc()));
    } else {
      window_end_ = std::min(window_end_, s->AdvanceShallow(target));
    }
  }
  order_.clear();
  for (auto& s : scorers_) order_.push_back({s->GetMaxScore(window_end_), s.get()});
  std::sort(order_.begin(), order_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  prefix_max_.assign(order_.size() + 1, 0);
  for (size_t i = 0; i < order_.size(); ++i) prefix_max_[i + 1] = prefix_max_[i] + order_[i].first;
  // Non-essential: the longest prefix whose summed maxima cannot reach the
  // competitive score on their own.
  first_essential_ = 0;
  while (first_essential_ < order_.size() &&
         prefix_max_[first_essential_ + 1] < min_competitive_) {
    ++first_essential_;
  }
  window_valid_ = true;
}

uint32_t MaxScoreDisjunctionScorer::Find(uint32_t target) {
  while (target != kNoMoreDocs) {
    if (!window_valid_ || target > window_end_ || min_competitive_ > 0) {
      if (!window_valid_ || target > window_end_) PlanWindow(target);
      // Re-partition when the competitive score rose within the window.
      while (first_essential_ < order_.size() &&
             prefix_max_[first_essential_ + 1] < min_competitive_) {
        ++first_essential_;
      }
    }
    if (first_essential_ == order_.size()) {
      // Nothing in this window can compete.
      if (window_end_ == kNoMoreDocs) break;
      target = window_end_ + 1;
      window_valid_ = false;
      continue;
    }
    // Next candidate from the essential scorers.
    uint32_t candidate = kNoMoreDocs;
    for (size_t i = first_essential_; i < order_.size(); ++i) {
      Scorer* s = order_[i].second;
      uint32_t d = s->doc();
      if (d == kUnpositioned || d < target) d = s->Advance(target);
      candidate = std::min(candidate, d);
    }
    if (candidate == kNoMoreDocs) break;
    if (candidate > window_end_) {
      target = candidate;
      window_valid_ = false;
      continue;
    }
    float score = 0;
    for (size_t i = first_essential_; i < order_.size(); ++i) {
      Scorer* s = order_[i].second;
      if (s->doc() == candidate) score += s->Score();
    }
    // Confirm with the non-essential ones, highest bound first, stopping as
    // soon as the doc cannot reach the competitive score.
    bool competitive = true;
    for (size_t i = first_essential_; i-- > 0;) {
      if (score + prefix_max_[i + 1] < min_competitive_) {
        competitive = false;
        break;
      }
      Scorer* s = order_[i].second;
      uint32_t d = s->doc();
      if (d == kUnpositioned || d < candidate) d = s->Advance(candidate);
      if (d == candidate) score += s->Score();
    }
    if (competitive && score >= min_competitive_) {
      doc_ = candidate;
      score_ = score;
      return doc_;
    }
    target = candidate + 1;
  }
  return doc_ = kNoMoreDocs;
}

// ---- ReqExclScorer / ReqOptScorer ----

uint32_t ReqExclScorer::Settle(uint32_t doc) {
  while (doc != kNoMoreDocs) {
    uint32_t e = excl_->doc();
    if (e == kUnpositioned || e < doc) e = excl_->Advance(doc);
    if (e != doc) return doc;
    doc = req_->NextDoc();
  }
  return doc;
}

float ReqOptScorer::Score() {
  float s = req_->Score();
  uint32_t d = req_->doc();
  uint32_t o = opt_->doc();
  if (o == kUnpositioned || o < d) o = opt_->Advance(d);
  if (o == d) s += opt_->Score();
  return s;
}

}  // namespace quiver::query
