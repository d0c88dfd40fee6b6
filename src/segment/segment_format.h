// Segment container constants (docs/formats/segment.md).
//   header:  magic "QSEG" (4), format version (4), segment id (8), zero padding to 64
//   components, each at a 64-byte aligned offset
//   footer:  count (varint), then per component: name (varint length + bytes),
//            offset (8), length (8), crc32c (4)
//   trailer: footer offset (8), footer length (4), footer crc32c (4),
//            format version (4), magic "QSGE" (4)
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver::segment {

inline constexpr char kSegmentMagic[4] = {'Q', 'S', 'E', 'G'};
inline constexpr char kSegmentTrailerMagic[4] = {'Q', 'S', 'G', 'E'};
inline constexpr uint32_t kSegmentFormatVersion = 1;
inline constexpr size_t kSegmentHeaderSize = 64;
inline constexpr size_t kSegmentTrailerSize = 24;
inline constexpr size_t kComponentAlignment = 64;

// Names of the components every segment has.
inline constexpr char kInfoComponent[] = "info";
inline constexpr char kDocMetaComponent[] = "docmeta";
inline constexpr char kIdsComponent[] = "ids";
inline constexpr char kSourceComponent[] = "source";

}  // namespace quiver::segment
