// Names of the blobs in a shard directory (docs/formats/README.md). Numbers
// are 16 lower-case hex digits so that lexical order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quiver::storage {

std::string HexName(std::string_view prefix, uint64_t value, std::string_view suffix);
// Parses "<prefix><16 hex digits><suffix>"; false for anything else.
bool ParseHexName(std::string_view name, std::string_view prefix, std::string_view suffix,
                  uint64_t* value);

inline std::string WalFileName(uint64_t gen) { return HexName("wal-", gen, ".log"); }
inline bool ParseWalFileName(std::string_view name, uint64_t* gen) {
  return ParseHexName(name, "wal-", ".log", gen);
}
inline std::string ManifestFileName(uint64_t gen) { return HexName("manifest-", gen, ""); }
inline bool ParseManifestFileName(std::string_view name, uint64_t* gen) {
  return ParseHexName(name, "manifest-", "", gen);
}
inline std::string SegmentFileName(uint64_t id) { return HexName("seg-", id, ".qseg"); }
inline bool ParseSegmentFileName(std::string_view name, uint64_t* id) {
  return ParseHexName(name, "seg-", ".qseg", id);
}
// "seg-<id>.del-<gen>"
std::string DeletesFileName(uint64_t segment_id, uint64_t gen);
bool ParseDeletesFileName(std::string_view name, uint64_t* segment_id, uint64_t* gen);

}  // namespace quiver::storage
