// Manifest: a shard's commit point (docs/formats/manifest.md) and its codec.
//   magic "QMAN" (4), format version (4), generation (8), payload length (4),
//   payload (JSON), crc32c over everything before it (4)
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace quiver::storage {

struct ManifestSegment {
  uint64_t id = 0;
  uint64_t num_docs = 0;
  uint64_t del_gen = 0;  // 0: no deletion file
  uint64_t num_deleted = 0;
  uint64_t size_bytes = 0;
};

struct Manifest {
  uint64_t generation = 0;
  std::string index_uuid;
  uint32_t shard = 0;
  uint64_t primary_term = 1;
  // Every operation with seq_no <= checkpoint is in `segments`; -1 when none.
  int64_t checkpoint = -1;
  int64_t max_seq_no = -1;
  uint64_t next_segment_id = 1;
  uint64_t wal_generation = 1;
  std::vector<ManifestSegment> segments;
  std::map<std::string, std::string> user_data;
};

std::string EncodeManifest(const Manifest& m);
Result<Manifest> DecodeManifest(std::string_view bytes);

}  // namespace quiver::storage
