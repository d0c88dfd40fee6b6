// OffsetMap: how a char filter moved text around, so token offsets in the
// filtered text can be mapped back to the text the filter received (Lucene's
// BaseCharFilter.correct). A list of (output offset, cumulative difference)
// points: an output offset maps to itself plus the difference of the last
// point at or before it. Not thread-safe; one per pipeline stage.
#pragma once

#include <cstdint>
#include <vector>

namespace quiver::analysis {

class OffsetMap {
 public:
  void Clear() { points_.clear(); }
  bool empty() const { return points_.empty(); }

  // From output offset `output_offset` on, input = output + cumulative_diff.
  // Points must be added with non-decreasing output offsets; a point at the
  // same offset as the previous one replaces it.
  void Add(int32_t output_offset, int32_t cumulative_diff);

  // The cumulative difference in force just before a new point (0 if none).
  int32_t last_diff() const { return points_.empty() ? 0 : points_.back().diff; }

  int32_t Correct(int32_t output_offset) const;

 private:
  struct Point {
    int32_t offset;
    int32_t diff;
  };
  std::vector<Point> points_;
};

}  // namespace quiver::analysis
