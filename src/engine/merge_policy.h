// TieredMergePolicy: picks which segments of a shard to merge, after
// Lucene's TieredMergePolicy (Mike McCandless, LUCENE-854): segments are
// grouped into size tiers; while there are more segments than the tiers
// allow, merge the window of up to `max_merge_at_once` similar-sized
// segments with the best (lowest) skew score, favouring merges that reclaim
// deletions. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace quiver::engine {

struct MergePolicyOptions {
  int segments_per_tier = 10;
  int max_merge_at_once = 10;
  uint64_t floor_segment_bytes = 2ull << 20;
  uint64_t max_merged_segment_bytes = 5ull << 30;
  double deletes_pct_allowed = 20.0;
};

struct MergeCandidate {
  uint64_t segment_id;
  uint64_t size_bytes;
  uint32_t num_docs;
  uint32_t num_deleted;
};

class TieredMergePolicy {
 public:
  explicit TieredMergePolicy(MergePolicyOptions options = {}) : options_(options) {}

  // Segment ids of one merge to run now, or empty if none is needed.
  // `segments` excludes segments already being merged.
  std::vector<uint64_t> FindMerge(const std::vector<MergeCandidate>& segments) const;

  // Merges for force-merge down to at most `max_segments` segments (each
  // merge at most max_merge_at_once wide), or those reclaiming deletions
  // when `only_expunge_deletes`.
  std::vector<std::vector<uint64_t>> FindForcedMerges(const std::vector<MergeCandidate>& segments,
                                                      int max_segments,
                                                      bool only_expunge_deletes) const;

 private:
  MergePolicyOptions options_;
};

}  // namespace quiver::engine
