// StoredSourceWriter: builds the `source` component — each document's
// `_source` bytes, zstd-compressed in blocks of about kBlockBytes:
//   version (1), num_docs (varint), num_blocks (varint),
//   per block: first_doc (varint), offset (varint), length (varint),
//   blocks: zstd frames of [varint length per doc][doc bytes...]
// Documents are added in doc id order. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::segment {

class StoredSourceWriter {
 public:
  static constexpr size_t kBlockBytes = 16 * 1024;

  // zstd level: 1 for refresh-time segments (fast), higher for merges.
  explicit StoredSourceWriter(int compression_level = 1) : level_(compression_level) {}

  Status Add(std::string_view source);
  Result<std::string> Finish();
  uint32_t num_docs() const { return num_docs_; }

 private:
  Status FlushBlock();

  int level_;
  uint32_t num_docs_ = 0;
  uint32_t block_first_doc_ = 0;
  std::vector<uint32_t> block_lengths_;  // per doc in the open block
  std::string block_data_;               // doc bytes of the open block
  struct BlockRef {
    uint32_t first_doc;
    uint64_t offset;
    uint64_t length;
  };
  std::vector<BlockRef> blocks_;
  std::string compressed_;
};

}  // namespace quiver::segment
