#include "segment/segment_reader.h"

#include <atomic>

#include "segment/segment_format.h"

namespace quiver::segment {

Result<std::shared_ptr<const SegmentReader>> SegmentReader::Open(
    std::shared_ptr<const storage::Blob> blob) {
  static std::atomic<uint64_t> next_uid{1};
  auto reader = std::shared_ptr<SegmentReader>(new SegmentReader());
  reader->uid_ = next_uid.fetch_add(1, std::memory_order_relaxed);
  QUIVER_ASSIGN_OR_RETURN(reader->file_, SegmentFileReader::Open(std::move(blob)));
  const SegmentFileReader& f = *reader->file_;
  auto require = [&](const char* name) -> Result<std::string_view> {
    if (!f.has(name)) {
      return Status::Corruption("segment " + std::to_string(f.segment_id()) + " lacks component [" +
                                name + "]");
    }
    return f.component(name);
  };
  QUIVER_ASSIGN_OR_RETURN(std::string_view info_bytes, require(kInfoComponent));
  QUIVER_ASSIGN_OR_RETURN(reader->info_, DecodeSegmentInfo(info_bytes));
  QUIVER_ASSIGN_OR_RETURN(std::string_view ids_bytes, require(kIdsComponent));
  QUIVER_ASSIGN_OR_RETURN(reader->ids_, IdIndexReader::Open(ids_bytes));
  QUIVER_ASSIGN_OR_RETURN(std::string_view meta_bytes, require(kDocMetaComponent));
  QUIVER_ASSIGN_OR_RETURN(reader->doc_meta_, DocMetaReader::Open(meta_bytes));
  QUIVER_ASSIGN_OR_RETURN(std::string_view source_bytes, require(kSourceComponent));
  QUIVER_ASSIGN_OR_RETURN(reader->source_, StoredSourceReader::Open(source_bytes));
  uint32_t n = reader->info_.num_docs;
  if (reader->ids_.num_docs() != n || reader->doc_meta_.num_docs() != n ||
      reader->source_.num_docs() != n) {
    return Status::Corruption("segment " + std::to_string(f.segment_id()) +
                              " components disagree on the number of documents");
  }
  QUIVER_ASSIGN_OR_RETURN(reader->field_infos_, DecodeFieldInfos(reader->info_.fields_json));
  auto fields = SegmentFields::Open(f, reader->field_infos_, n);
  if (!fields.ok()) {
    return fields.status().WithMessage("segment " + std::to_string(f.segment_id()) + ": " +
                                       fields.status().message());
  }
  reader->fields_ = std::move(fields).value();
  return std::shared_ptr<const SegmentReader>(std::move(reader));
}

}  // namespace quiver::segment
