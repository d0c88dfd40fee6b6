#include "engine/merge_policy.h"

#include <algorithm>
#include <cmath>

namespace quiver::engine {
namespace {

// Size discounted by the fraction of deleted docs (what a merge would keep).
double LiveBytes(const MergeCandidate& s) {
  if (s.num_docs == 0) return 0;
  return static_cast<double>(s.size_bytes) * (1.0 - static_cast<double>(s.num_deleted) /
                                                        static_cast<double>(s.num_docs));
}

}  // namespace

std::vector<uint64_t> TieredMergePolicy::FindMerge(
    const std::vector<MergeCandidate>& segments) const {
  std::vector<MergeCandidate> sorted = segments;
  std::sort(sorted.begin(), sorted.end(),
            [](const MergeCandidate& a, const MergeCandidate& b) { return LiveBytes(a) > LiveBytes(b); });
  const double floor = static_cast<double>(options_.floor_segment_bytes);
  const double max_merged = static_cast<double>(options_.max_merged_segment_bytes);

  // Segments already near the maximum size only take part to shed deletes.
  std::vector<MergeCandidate> eligible;
  double total = 0;
  double min_size = 0;
  for (const auto& s : sorted) {
    double live = LiveBytes(s);
    double pct_deleted = s.num_docs ? 100.0 * s.num_deleted / s.num_docs : 0;
    if (live > max_merged / 2 && pct_deleted < options_.deletes_pct_allowed) continue;
    eligible.push_back(s);
    total += std::max(live, floor);
    min_size = min_size == 0 ? std::max(live, floor) : std::min(min_size, std::max(live, floor));
  }
  if (eligible.size() < 2) return {};

  // How many segments the tiers allow for this much data.
  double level = std::max(min_size, floor);
  double remaining = total;
  double allowed = 0;
  while (true) {
    double at_level = remaining / level;
    if (at_level < options_.segments_per_tier) {
      allowed += std::ceil(at_level);
      break;
    }
    allowed += options_.segments_per_tier;
    remaining -= options_.segments_per_tier * level;
    level *= options_.max_merge_at_once;
  }
  bool too_many = static_cast<double>(eligible.size()) > allowed;
  bool has_heavy_deletes = std::any_of(eligible.begin(), eligible.end(), [&](const auto& s) {
    return s.num_docs && 100.0 * s.num_deleted / s.num_docs > options_.deletes_pct_allowed;
  });
  if (!too_many && !has_heavy_deletes) return {};

  double best_score = 1e300;
  std::vector<uint64_t> best;
  for (size_t start = 0; start + 1 < eligible.size(); ++start) {
    std::vector<uint64_t> ids;
    double merged = 0, merged_floored = 0, largest = 0;
    uint64_t docs = 0, deleted = 0;
    for (size_t i = start; i < eligible.size() && ids.size() < static_cast<size_t>(options_.max_merge_at_once); ++i) {
      double live = LiveBytes(eligible[i]);
      if (merged + live > max_merged) continue;
      ids.push_back(eligible[i].segment_id);
      merged += live;
      merged_floored += std::max(live, floor);
      largest = std::max(largest, std::max(live, floor));
      docs += eligible[i].num_docs;
      deleted += eligible[i].num_deleted;
    }
    if (ids.size() < 2) continue;
    // Skew: a merge of equal-sized segments scores 1/n; lower is better.
    double skew = largest / merged_floored;
    double score = skew * std::pow(merged_floored, 0.05);
    double live_ratio = docs ? 1.0 - static_cast<double>(deleted) / static_cast<double>(docs) : 1;
    score *= live_ratio * live_ratio;
    if (!too_many && deleted == 0) continue;
    if (score < best_score) {
      best_score = score;
      best = std::move(ids);
    }
  }
  return best;
}

std::vector<std::vector<uint64_t>> TieredMergePolicy::FindForcedMerges(
    const std::vector<MergeCandidate>& segments, int max_segments,
    bool only_expunge_deletes) const {
  std::vector<std::vector<uint64_t>> merges;
  if (only_expunge_deletes) {
    std::vector<uint64_t> group;
    for (const auto& s : segments) {
      if (s.num_deleted == 0) continue;
      group.push_back(s.segment_id);
      if (group.size() == static_cast<size_t>(options_.max_merge_at_once)) {
        merges.push_back(std::move(group));
        group.clear();
      }
    }
    if (!group.empty()) merges.push_back(std::move(group));
    return merges;
  }
  if (max_segments < 1) max_segments = 1;
  if (static_cast<int>(segments.size()) <= max_segments) {
    // Already few enough: a single segment with deletions is rewritten.
    if (segments.size() == 1 && segments[0].num_deleted > 0) {
      merges.push_back({segments[0].segment_id});
    }
    return merges;
  }
  std::vector<MergeCandidate> sorted = segments;
  std::sort(sorted.begin(), sorted.end(),
            [](const MergeCandidate& a, const MergeCandidate& b) { return a.size_bytes < b.size_bytes; });
  // Merge the smallest segments until the count fits, each merge at most
  // max_merge_at_once wide; the caller repeats until done.
  size_t excess = sorted.size() - static_cast<size_t>(max_segments) + 1;
  size_t width = std::min(excess, static_cast<size_t>(options_.max_merge_at_once));
  if (width < 2) width = 2;
  std::vector<uint64_t> group;
  for (size_t i = 0; i < width && i < sorted.size(); ++i) group.push_back(sorted[i].segment_id);
  merges.push_back(std::move(group));
  return merges;
}

}  // namespace quiver::engine
