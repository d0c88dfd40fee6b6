// SegmentView: one segment as a searcher sees it — the immutable reader and
// the deletions in force for this point-in-time view.
#pragma once

#include <memory>
#include <vector>

#include "segment/live_docs.h"
#include "segment/segment_reader.h"

namespace quiver::segment {

struct SegmentView {
  std::shared_ptr<const SegmentReader> reader;
  std::shared_ptr<const LiveDocs> live_docs;
};

// A consistent set of segments (a shard's point-in-time searcher).
struct SegmentSet {
  std::vector<SegmentView> segments;
  uint64_t num_live_docs() const {
    uint64_t n = 0;
    for (const auto& s : segments) n += s.live_docs->num_live();
    return n;
  }
  uint64_t num_deleted_docs() const {
    uint64_t n = 0;
    for (const auto& s : segments) n += s.live_docs->num_deleted();
    return n;
  }
};

}  // namespace quiver::segment
