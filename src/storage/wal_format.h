// Write-ahead log format constants and operation encoding.
// The byte layout is specified in docs/formats/wal.md:
//   file header: magic "QWAL" (4), format version (4), generation (8),
//                reserved (4), crc32c of the previous 20 bytes (4)
//   record:      crc32c of type+payload (4), payload length (4), type (1), payload
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace quiver::storage {

inline constexpr char kWalMagic[4] = {'Q', 'W', 'A', 'L'};
inline constexpr uint32_t kWalFormatVersion = 1;
inline constexpr size_t kWalHeaderSize = 24;
inline constexpr size_t kWalRecordHeaderSize = 9;
inline constexpr uint32_t kWalMaxRecordBytes = 256u << 20;

enum class WalRecordType : uint8_t { kOperation = 1 };

enum class WalOpType : uint8_t { kIndex = 1, kDelete = 2, kNoop = 3 };

// One shard operation as logged. For kIndex, `source` is the document as
// received; replay parses it again.
struct WalOperation {
  WalOpType type = WalOpType::kIndex;
  uint64_t seq_no = 0;
  uint64_t primary_term = 1;
  uint64_t version = 1;
  std::string_view id;
  std::string_view routing;
  std::string_view source;
};

// Appends a complete record (header + payload) for `op` to `dst`.
void AppendWalRecord(const WalOperation& op, std::string* dst);
// Encodes the file header for `generation`.
std::string EncodeWalHeader(uint64_t generation);
// Decodes a record payload; views point into `payload`.
Status DecodeWalOperation(std::string_view payload, WalOperation* op);

}  // namespace quiver::storage
