#include "storage/framed_file.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"

namespace quiver::storage {

std::string EncodeFramedFile(const char magic[4], uint32_t version, uint64_t generation,
                             std::string_view payload) {
  std::string out(magic, 4);
  PutFixed32(&out, version);
  PutFixed64(&out, generation);
  PutFixed32(&out, static_cast<uint32_t>(payload.size()));
  out.append(payload);
  PutFixed32(&out, crc32c::Mask(crc32c::Value(out)));
  return out;
}

Result<FramedFile> DecodeFramedFile(std::string_view bytes, const char magic[4],
                                    uint32_t version, std::string_view what) {
  auto corrupt = [&](const char* why) {
    return Status::Corruption(std::string(what) + " is corrupt: " + why);
  };
  if (bytes.size() < 24 || std::memcmp(bytes.data(), magic, 4) != 0) {
    return corrupt("no valid header");
  }
  uint32_t len = DecodeFixed32(bytes.data() + 16);
  if (bytes.size() != 20 + static_cast<size_t>(len) + 4) return corrupt("length mismatch");
  uint32_t stored = crc32c::Unmask(DecodeFixed32(bytes.data() + 20 + len));
  if (stored != crc32c::Value(bytes.data(), 20 + len)) return corrupt("checksum mismatch");
  if (DecodeFixed32(bytes.data() + 4) != version) return corrupt("format version not supported");
  FramedFile f;
  f.generation = DecodeFixed64(bytes.data() + 8);
  f.payload = bytes.substr(20, len);
  return f;
}

}  // namespace quiver::storage
