#include "segment/segment_file_reader.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"
#include "segment/segment_format.h"

namespace quiver::segment {

Result<std::unique_ptr<SegmentFileReader>> SegmentFileReader::Open(
    std::shared_ptr<const storage::Blob> blob) {
  std::string_view d = blob->data();
  auto corrupt = [](const std::string& why) {
    return Status::Corruption("segment file is corrupt: " + why);
  };
  if (d.size() < kSegmentHeaderSize + kSegmentTrailerSize) return corrupt("too short");
  if (std::memcmp(d.data(), kSegmentMagic, 4) != 0) return corrupt("bad header magic");
  if (DecodeFixed32(d.data() + 4) != kSegmentFormatVersion) {
    return corrupt("unsupported format version");
  }
  const char* t = d.data() + d.size() - kSegmentTrailerSize;
  if (std::memcmp(t + 20, kSegmentTrailerMagic, 4) != 0) return corrupt("bad trailer magic");
  if (DecodeFixed32(t + 16) != kSegmentFormatVersion) return corrupt("trailer version mismatch");
  uint64_t footer_offset = DecodeFixed64(t);
  uint32_t footer_length = DecodeFixed32(t + 8);
  uint32_t footer_crc = crc32c::Unmask(DecodeFixed32(t + 12));
  uint64_t footer_limit = d.size() - kSegmentTrailerSize;
  if (footer_offset < kSegmentHeaderSize || footer_offset > footer_limit ||
      footer_length != footer_limit - footer_offset) {
    return corrupt("footer out of range");
  }
  std::string_view footer = d.substr(footer_offset, footer_length);
  if (crc32c::Value(footer) != footer_crc) return corrupt("footer checksum mismatch");

  auto reader = std::unique_ptr<SegmentFileReader>(new SegmentFileReader(blob));
  reader->segment_id_ = DecodeFixed64(d.data() + 8);
  ByteReader r(footer);
  uint64_t count;
  if (!r.GetVarint64(&count) || count > 1u << 20) return corrupt("bad component count");
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view name;
    uint64_t offset, length;
    uint32_t crc;
    if (!r.GetLengthPrefixed(&name) || !r.GetFixed64(&offset) || !r.GetFixed64(&length) ||
        !r.GetFixed32(&crc)) {
      return corrupt("truncated footer");
    }
    if (offset < kSegmentHeaderSize || offset > footer_offset ||
        length > footer_offset - offset || offset % kComponentAlignment != 0) {
      return corrupt("component [" + std::string(name) + "] out of range");
    }
    std::string_view bytes = d.substr(offset, length);
    if (crc32c::Value(bytes) != crc32c::Unmask(crc)) {
      return corrupt("checksum mismatch in component [" + std::string(name) + "]");
    }
    reader->components_.emplace(std::string(name), bytes);
  }
  if (!r.empty()) return corrupt("trailing bytes in footer");
  return reader;
}

std::string_view SegmentFileReader::component(std::string_view name) const {
  auto it = components_.find(name);
  return it == components_.end() ? std::string_view() : it->second;
}

std::vector<std::string> SegmentFileReader::component_names() const {
  std::vector<std::string> names;
  for (const auto& [n, v] : components_) names.push_back(n);
  return names;
}

}  // namespace quiver::segment
