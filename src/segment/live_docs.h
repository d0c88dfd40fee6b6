// LiveDocs: an immutable snapshot of which documents of a segment are
// deleted. Deletions never change a segment; the shard publishes a new
// LiveDocs (copy-on-write) at refresh and persists it at flush as
// seg-<id>.del-<gen> (docs/formats/segment.md#live-docs):
//   magic "QDEL" (4), format version (4), segment id (8), generation (8),
//   num_docs (4), num_deleted (4), bitmap (ceil(num_docs/64) u64 words,
//   bit set = deleted), crc32c over everything before it (4)
// Thread-safe (immutable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::segment {

class LiveDocs {
 public:
  // All `num_docs` documents live.
  explicit LiveDocs(uint32_t num_docs);

  uint32_t num_docs() const { return num_docs_; }
  uint32_t num_deleted() const { return num_deleted_; }
  uint32_t num_live() const { return num_docs_ - num_deleted_; }
  bool IsLive(uint32_t doc) const {
    return (deleted_[doc >> 6] & (uint64_t{1} << (doc & 63))) == 0;
  }
  // The bitmap words (bit set = deleted), for fast scans.
  const std::vector<uint64_t>& deleted_words() const { return deleted_; }

  // A copy with `docs` additionally deleted.
  std::shared_ptr<const LiveDocs> WithDeleted(const std::vector<uint32_t>& docs) const;

  std::string Encode(uint64_t segment_id, uint64_t generation) const;
  static Result<std::shared_ptr<const LiveDocs>> Decode(std::string_view bytes,
                                                        uint64_t segment_id,
                                                        uint32_t num_docs);

 private:
  uint32_t num_docs_;
  uint32_t num_deleted_ = 0;
  std::vector<uint64_t> deleted_;
};

}  // namespace quiver::segment
