// StoredSourceReader: fetches a document's `_source` from the `source`
// component (layout in stored_source_writer.h) by decompressing the block
// that holds it. Immutable, thread-safe (each call decompresses into the
// caller's buffer; a thread-local scratch buffer avoids reallocation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace quiver::segment {

class StoredSourceReader {
 public:
  static Result<StoredSourceReader> Open(std::string_view bytes);

  uint32_t num_docs() const { return num_docs_; }
  // Appends nothing and returns OK with an empty `out` for a document stored
  // without source. kCorruption if the block does not decompress.
  Status Get(uint32_t doc, std::string* out) const;

  // Visits every document's source in doc id order, one block at a time
  // (merges). `visit(doc, source)` returns a Status; the first error stops.
  template <typename Visit>
  Status ForEach(Visit&& visit) const;

 private:
  struct Block {
    uint32_t first_doc;
    uint64_t offset;
    uint64_t length;
  };
  // Decompresses block `b` into `raw` and decodes its per-doc lengths.
  Status LoadBlock(size_t b, std::string* raw, std::vector<uint32_t>* lengths,
                   size_t* data_start) const;

  uint32_t num_docs_ = 0;
  std::vector<Block> blocks_;
  std::string_view data_;
};

template <typename Visit>
Status StoredSourceReader::ForEach(Visit&& visit) const {
  std::string raw;
  std::vector<uint32_t> lengths;
  for (size_t b = 0; b < blocks_.size(); ++b) {
    size_t pos;
    QUIVER_RETURN_IF_ERROR(LoadBlock(b, &raw, &lengths, &pos));
    for (size_t i = 0; i < lengths.size(); ++i) {
      QUIVER_RETURN_IF_ERROR(
          visit(blocks_[b].first_doc + static_cast<uint32_t>(i),
                std::string_view(raw).substr(pos, lengths[i])));
      pos += lengths[i];
    }
  }
  return Status::Ok();
}

}  // namespace quiver::segment
