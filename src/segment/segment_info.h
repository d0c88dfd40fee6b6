// SegmentInfo: the `info` component — a segment's summary (docs/formats/segment.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::segment {

struct SegmentInfo {
  uint32_t num_docs = 0;
  uint64_t min_seq_no = 0;
  uint64_t max_seq_no = 0;
  int64_t created_ms = 0;
  // Per-field summary written by the components that own the fields (JSON).
  std::string fields_json = "{}";
};

std::string EncodeSegmentInfo(const SegmentInfo& info);
Result<SegmentInfo> DecodeSegmentInfo(std::string_view bytes);

}  // namespace quiver::segment
