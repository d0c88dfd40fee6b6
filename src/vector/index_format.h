// Constants of the serialized vector index container (docs/formats/vector.md beside this
// file, later docs/formats/vector_index.md).
//
// Header (64 bytes): magic "QVIX" (4), version (1), index type (1), metric (1),
// reserved (1), dims (4), num_vectors (4), num_sections (4), params_size (4),
// total_size (8), masked crc32c of params + section table (4), reserved (24),
// masked crc32c of header bytes 0..59 (4).
// Section table entry (32 bytes): id (4), flags (4), offset (8), size (8),
// masked crc32c (4), reserved (4). Sections start at 64-byte-aligned offsets.
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver::vector::format {

inline constexpr char kMagic[4] = {'Q', 'V', 'I', 'X'};
inline constexpr uint8_t kVersion = 1;
inline constexpr size_t kHeaderSize = 64;
inline constexpr size_t kSectionEntrySize = 32;
inline constexpr size_t kAlignment = 64;
inline constexpr uint32_t kMaxSections = 64;
inline constexpr uint32_t kMaxParamsSize = 4096;
inline constexpr uint32_t kMaxDims = 65536;

// Section flags.
inline constexpr uint32_t kFlagIndices = 1;

enum SectionId : uint32_t {
  kDocIds = 1,
  kVectors = 2,
  kNorms = 3,
  kCodes = 4,
  kCodeCorrections = 5,
  kDimOrder = 6,
  kHnswLevels = 10,
  kHnswLevel0 = 11,
  kHnswLevel0Offsets = 12,
  kHnswUpperOffsets = 13,
  kHnswUpper = 14,
  kIvfCentroids = 20,
  kIvfListOffsets = 21,
};

// Sections whose values index other arrays: always checksummed on open.
inline bool IsIndexSection(uint32_t id) {
  return id == kDocIds || id == kDimOrder || id == kHnswLevels || id == kHnswLevel0 ||
         id == kHnswLevel0Offsets || id == kHnswUpperOffsets || id == kHnswUpper ||
         id == kIvfListOffsets;
}

inline constexpr size_t AlignUp(size_t n) { return (n + kAlignment - 1) & ~(kAlignment - 1); }

// Common params prefix (16 bytes): code_stride, quantizer min, max, ci.
inline constexpr size_t kCommonParamsSize = 16;
// HNSW params: common + M, ef_construction, entry point, max level, level-0
// encoding, reserved.
inline constexpr size_t kHnswParamsSize = kCommonParamsSize + 24;
// IVF params: common + nlist, default nprobe.
inline constexpr size_t kIvfParamsSize = kCommonParamsSize + 8;

enum class Level0Encoding : uint32_t { kFixed = 0, kPacked = 1 };

}  // namespace quiver::vector::format
