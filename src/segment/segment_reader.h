// SegmentReader: an opened, verified, immutable segment — the container plus
// readers for its components. Shared by every searcher snapshot that
// includes the segment (std::shared_ptr); the bytes stay mapped while any
// reader lives. Thread-safe.
#pragma once

#include <memory>

#include "segment/doc_meta_reader.h"
#include "segment/id_index_reader.h"
#include "segment/segment_fields.h"
#include "segment/segment_file_reader.h"
#include "segment/segment_info.h"
#include "segment/stored_source_reader.h"

namespace quiver::segment {

class SegmentReader {
 public:
  // Verifies the container and opens the core components. Any mismatch is
  // a kCorruption error naming the segment.
  static Result<std::shared_ptr<const SegmentReader>> Open(
      std::shared_ptr<const storage::Blob> blob);

  uint64_t id() const { return file_->segment_id(); }
  // Unique among every reader this process opened (segment ids repeat across
  // shards): what caches of per-segment results key on.
  uint64_t uid() const { return uid_; }
  uint32_t num_docs() const { return info_.num_docs; }
  const SegmentInfo& info() const { return info_; }
  const SegmentFileReader& file() const { return *file_; }
  const IdIndexReader& ids() const { return ids_; }
  const DocMetaReader& doc_meta() const { return doc_meta_; }
  const StoredSourceReader& source() const { return source_; }
  const FieldInfos& field_infos() const { return field_infos_; }
  // Readers of one field's components; nullptr when this segment has none.
  const FieldReaders* field(std::string_view name) const { return fields_.Find(name); }
  const SegmentFields& fields() const { return fields_; }
  uint64_t size_bytes() const { return file_->size_bytes(); }

 private:
  SegmentReader() = default;
  std::unique_ptr<SegmentFileReader> file_;
  uint64_t uid_ = 0;
  SegmentInfo info_;
  IdIndexReader ids_;
  DocMetaReader doc_meta_;
  StoredSourceReader source_;
  FieldInfos field_infos_;
  SegmentFields fields_;
};

}  // namespace quiver::segment
