#include "analysis/offset_map.h"

#include <algorithm>

namespace quiver::analysis {

void OffsetMap::Add(int32_t output_offset, int32_t cumulative_diff) {
  if (!points_.empty() && points_.back().offset == output_offset) {
    points_.back().diff = cumulative_diff;
    return;
  }
  points_.push_back({output_offset, cumulative_diff});
}

int32_t OffsetMap::Correct(int32_t output_offset) const {
  if (points_.empty() || output_offset < points_.front().offset) return output_offset;
  auto it = std::upper_bound(points_.begin(), points_.end(), output_offset,
                             [](int32_t off, const Point& p) { return off < p.offset; });
  return output_offset + std::prev(it)->diff;
}

}  // namespace quiver::analysis
