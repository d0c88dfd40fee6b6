// TopScoreCollector: the k best (score, doc) pairs over the segments of a
// shard, counting hits exactly up to a threshold (ES track_total_hits); past
// the threshold it hands the minimum competitive score to the scorer so
// disjunctions can skip (then the total is a lower bound). Ties keep the
// lower (segment, doc), as Lucene does. Single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "query/exec/scorer.h"

namespace quiver::query {

struct ScoreDoc {
  float score = 0;
  uint32_t segment = 0;  // index of the segment in the shard's SegmentSet
  uint32_t doc = 0;
};

class TopScoreCollector {
 public:
  // `k` = from + size (0: count only); `total_hits_threshold` = INT64_MAX
  // for exact totals.
  TopScoreCollector(size_t k, int64_t total_hits_threshold)
      : k_(k), threshold_(total_hits_threshold) {}

  void SetSegment(Scorer* scorer, uint32_t segment);
  void Collect(uint32_t doc);

  // Sorted best first.
  std::vector<ScoreDoc> TopDocs() const;
  int64_t total_hits() const { return total_hits_; }
  bool total_is_lower_bound() const { return lower_bound_; }
  float max_score() const { return max_score_; }
  // True once the scorer may skip documents.
  bool pruning() const { return min_competitive_ > 0; }

 private:
  void UpdateMinCompetitive();
  static bool Worse(const ScoreDoc& a, const ScoreDoc& b);  // a ranks below b

  size_t k_;
  int64_t threshold_;
  Scorer* scorer_ = nullptr;
  uint32_t segment_ = 0;
  std::vector<ScoreDoc> heap_;  // min-heap on rank (worst at front)
  int64_t total_hits_ = 0;
  bool lower_bound_ = false;
  float max_score_ = -1;
  float min_competitive_ = 0;
};

}  // namespace quiver::query
