#include "segment/live_docs.h"

#include <bit>
#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"

namespace quiver::segment {
namespace {
constexpr char kMagic[4] = {'Q', 'D', 'E', 'L'};
constexpr uint32_t kVersion = 1;
}  // namespace

LiveDocs::LiveDocs(uint32_t num_docs) : num_docs_(num_docs), deleted_((num_docs + 63) / 64, 0) {}

std::shared_ptr<const LiveDocs> LiveDocs::WithDeleted(const std::vector<uint32_t>& docs) const {
  auto copy = std::make_shared<LiveDocs>(*this);
  for (uint32_t d : docs) {
    uint64_t bit = uint64_t{1} << (d & 63);
    if ((copy->deleted_[d >> 6] & bit) == 0) {
      copy->deleted_[d >> 6] |= bit;
      ++copy->num_deleted_;
    }
  }
  return copy;
}

std::string LiveDocs::Encode(uint64_t segment_id, uint64_t generation) const {
  std::string out(kMagic, 4);
  PutFixed32(&out, kVersion);
  PutFixed64(&out, segment_id);
  PutFixed64(&out, generation);
  PutFixed32(&out, num_docs_);
  PutFixed32(&out, num_deleted_);
  for (uint64_t w : deleted_) PutFixed64(&out, w);
  PutFixed32(&out, crc32c::Mask(crc32c::Value(out)));
  return out;
}

Result<std::shared_ptr<const LiveDocs>> LiveDocs::Decode(std::string_view bytes,
                                                         uint64_t segment_id,
                                                         uint32_t num_docs) {
  auto corrupt = [&](const char* why) {
    return Status::Corruption("deletions of segment " + std::to_string(segment_id) +
                              " are corrupt: " + why);
  };
  size_t words = (num_docs + 63) / 64;
  if (bytes.size() != 32 + words * 8 + 4) return corrupt("wrong size");
  if (std::memcmp(bytes.data(), kMagic, 4) != 0) return corrupt("bad magic");
  uint32_t crc = crc32c::Unmask(DecodeFixed32(bytes.data() + bytes.size() - 4));
  if (crc != crc32c::Value(bytes.data(), bytes.size() - 4)) return corrupt("checksum mismatch");
  if (DecodeFixed32(bytes.data() + 4) != kVersion) return corrupt("unsupported version");
  if (DecodeFixed64(bytes.data() + 8) != segment_id) return corrupt("segment id mismatch");
  if (DecodeFixed32(bytes.data() + 24) != num_docs) return corrupt("doc count mismatch");
  auto live = std::make_shared<LiveDocs>(num_docs);
  uint32_t counted = 0;
  for (size_t i = 0; i < words; ++i) {
    live->deleted_[i] = DecodeFixed64(bytes.data() + 32 + 8 * i);
    counted += static_cast<uint32_t>(std::popcount(live->deleted_[i]));
  }
  if (counted != DecodeFixed32(bytes.data() + 28)) return corrupt("deleted count mismatch");
  if (num_docs % 64 != 0 && words > 0 && (live->deleted_.back() >> (num_docs % 64)) != 0) {
    return corrupt("bits set beyond the last document");
  }
  live->num_deleted_ = counted;
  return std::shared_ptr<const LiveDocs>(std::move(live));
}

}  // namespace quiver::segment
