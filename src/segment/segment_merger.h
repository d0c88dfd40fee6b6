// SegmentMerger: writes the live documents of several segments, in order, as
// one new segment (purging deletions). Every component is merged by its own
// writer from its readers, never by re-parsing _source. Produces, per input,
// the map from old to new doc ids so that deletions that arrive while the
// merge runs can be carried over to the output. Not thread-safe; one merge
// per merger.
#pragma once

#include <memory>
#include <vector>

#include "segment/segment_file_writer.h"
#include "segment/segment_view.h"

namespace quiver::segment {

using MergeInput = SegmentView;

struct MergeResult {
  uint32_t num_docs = 0;
  // doc_maps[i][old_doc] = new doc id, or -1 if the doc was deleted.
  std::vector<std::vector<int32_t>> doc_maps;
};

Result<MergeResult> MergeSegments(const std::vector<MergeInput>& inputs, int64_t created_ms,
                                  SegmentFileWriter* out);

}  // namespace quiver::segment
