#include "segment/segment_info.h"

#include "common/coding.h"

namespace quiver::segment {
namespace {
constexpr uint8_t kVersion = 1;
}

std::string EncodeSegmentInfo(const SegmentInfo& info) {
  std::string out;
  out.push_back(static_cast<char>(kVersion));
  PutVarint64(&out, info.num_docs);
  PutVarint64(&out, info.min_seq_no);
  PutVarint64(&out, info.max_seq_no);
  PutVarint64(&out, static_cast<uint64_t>(info.created_ms));
  PutLengthPrefixed(&out, info.fields_json);
  return out;
}

Result<SegmentInfo> DecodeSegmentInfo(std::string_view bytes) {
  ByteReader r(bytes);
  uint8_t version;
  SegmentInfo info;
  uint64_t num_docs, created;
  std::string_view fields;
  if (!r.GetByte(&version) || version != kVersion || !r.GetVarint64(&num_docs) ||
      num_docs > UINT32_MAX || !r.GetVarint64(&info.min_seq_no) ||
      !r.GetVarint64(&info.max_seq_no) || !r.GetVarint64(&created) ||
      !r.GetLengthPrefixed(&fields)) {
    return Status::Corruption("segment info component is invalid");
  }
  info.num_docs = static_cast<uint32_t>(num_docs);
  info.created_ms = static_cast<int64_t>(created);
  info.fields_json = std::string(fields);
  return info;
}

}  // namespace quiver::segment
