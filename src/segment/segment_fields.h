// SegmentFields: the per-field readers of an open segment — inverted index
// (text/FieldIndexReader), doc values, points, vector index — opened from the components
// the field infos list. Owned by the SegmentReader; immutable, thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "segment/doc_values_reader.h"
#include "segment/field_info.h"
#include "segment/segment_file_reader.h"
#include "text/field_index_reader.h"
#include "vector/vector_index.h"

namespace quiver::segment {

struct FieldReaders {
  FieldInfo info;
  std::unique_ptr<text::FieldIndexReader> inverted;  // unique_ptr: must not move
  std::optional<NumericDocValues> numeric;
  std::optional<SortedSetDocValues> sorted;
  std::optional<PointsReader> points;
  // kNN index over the mapped segment bytes (no copy); null when none.
  std::unique_ptr<vector::VectorIndex> vectors;
};

class SegmentFields {
 public:
  static Result<SegmentFields> Open(const SegmentFileReader& file, const FieldInfos& infos,
                                    uint32_t num_docs);
  // nullptr when the segment has no data for the field.
  const FieldReaders* Find(std::string_view field) const;
  const std::unordered_map<std::string, FieldReaders>& all() const { return fields_; }

 private:
  std::unordered_map<std::string, FieldReaders> fields_;
};

}  // namespace quiver::segment
