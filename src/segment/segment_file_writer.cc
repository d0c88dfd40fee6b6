#include "segment/segment_file_writer.h"

#include "common/coding.h"
#include "common/crc32c.h"
#include "segment/segment_format.h"

namespace quiver::segment {

Status BlobSink::Append(std::string_view data) {
  buffer_.append(data);
  if (buffer_.size() >= (1u << 20)) return Flush();
  return Status::Ok();
}

Status BlobSink::Flush() {
  if (buffer_.empty()) return Status::Ok();
  Status s = writer_->Append(buffer_);
  buffer_.clear();
  return s;
}

SegmentFileWriter::SegmentFileWriter(ByteSink* sink, uint64_t segment_id) : sink_(sink) {
  std::string header(kSegmentMagic, 4);
  PutFixed32(&header, kSegmentFormatVersion);
  PutFixed64(&header, segment_id);
  header.resize(kSegmentHeaderSize, '\0');
  status_ = Write(header);
}

Status SegmentFileWriter::Write(std::string_view data) {
  QUIVER_RETURN_IF_ERROR(sink_->Append(data));
  pos_ += data.size();
  return Status::Ok();
}

Status SegmentFileWriter::BeginComponent(std::string_view name) {
  QUIVER_RETURN_IF_ERROR(status_);
  if (in_component_) return Status::Internal("segment component not ended");
  for (const auto& e : entries_) {
    if (e.name == name) return Status::Internal("duplicate segment component " + e.name);
  }
  size_t pad = (kComponentAlignment - pos_ % kComponentAlignment) % kComponentAlignment;
  if (pad) QUIVER_RETURN_IF_ERROR(Write(std::string(pad, '\0')));
  entries_.push_back(Entry{std::string(name), pos_, 0, 0});
  in_component_ = true;
  crc_ = 0;
  return Status::Ok();
}

Status SegmentFileWriter::Append(std::string_view data) {
  if (!in_component_) return Status::Internal("append outside a segment component");
  crc_ = crc32c::Extend(crc_, data.data(), data.size());
  return Write(data);
}

Status SegmentFileWriter::EndComponent() {
  if (!in_component_) return Status::Internal("no segment component to end");
  Entry& e = entries_.back();
  e.length = pos_ - e.offset;
  e.crc = crc_;
  in_component_ = false;
  return Status::Ok();
}

Status SegmentFileWriter::AddComponent(std::string_view name, std::string_view data) {
  QUIVER_RETURN_IF_ERROR(BeginComponent(name));
  QUIVER_RETURN_IF_ERROR(Append(data));
  return EndComponent();
}

Result<uint64_t> SegmentFileWriter::Finish() {
  QUIVER_RETURN_IF_ERROR(status_);
  if (in_component_) return Status::Internal("segment component not ended");
  std::string footer;
  PutVarint64(&footer, entries_.size());
  for (const auto& e : entries_) {
    PutLengthPrefixed(&footer, e.name);
    PutFixed64(&footer, e.offset);
    PutFixed64(&footer, e.length);
    PutFixed32(&footer, crc32c::Mask(e.crc));
  }
  uint64_t footer_offset = pos_;
  QUIVER_RETURN_IF_ERROR(Write(footer));
  std::string trailer;
  PutFixed64(&trailer, footer_offset);
  PutFixed32(&trailer, static_cast<uint32_t>(footer.size()));
  PutFixed32(&trailer, crc32c::Mask(crc32c::Value(footer)));
  PutFixed32(&trailer, kSegmentFormatVersion);
  trailer.append(kSegmentTrailerMagic, 4);
  QUIVER_RETURN_IF_ERROR(Write(trailer));
  return pos_;
}

}  // namespace quiver::segment
