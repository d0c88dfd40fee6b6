// DocMetaReader: O(1) access to the `docmeta` component (see
// doc_meta_writer.h for the layout). A view over the segment's bytes;
// immutable, thread-safe.
#pragma once

#include <string_view>

#include "common/coding.h"
#include "common/status.h"
#include "segment/doc_meta_writer.h"

namespace quiver::segment {

class DocMetaReader {
 public:
  static Result<DocMetaReader> Open(std::string_view bytes);

  uint32_t num_docs() const { return num_docs_; }
  DocMeta Get(uint32_t doc) const {
    DocMeta m;
    m.seq_no = DecodeFixed64(base_ + 8 * static_cast<size_t>(doc));
    m.version = DecodeFixed64(base_ + 8 * (static_cast<size_t>(num_docs_) + doc));
    m.primary_term = DecodeFixed64(base_ + 8 * (2 * static_cast<size_t>(num_docs_) + doc));
    return m;
  }

 private:
  const char* base_ = nullptr;
  uint32_t num_docs_ = 0;
};

}  // namespace quiver::segment
