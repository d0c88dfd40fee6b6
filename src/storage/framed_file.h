// A small checksummed file frame shared by manifests and index metadata:
//   magic (4), format version (4), generation (8), payload length (4),
//   payload, crc32c over everything before it (4)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::storage {

std::string EncodeFramedFile(const char magic[4], uint32_t version, uint64_t generation,
                             std::string_view payload);

struct FramedFile {
  uint64_t generation = 0;
  std::string_view payload;  // a view into the decoded bytes
};

// kCorruption (naming `what`) on any mismatch of magic, version, length or CRC.
Result<FramedFile> DecodeFramedFile(std::string_view bytes, const char magic[4],
                                    uint32_t version, std::string_view what);

}  // namespace quiver::storage
