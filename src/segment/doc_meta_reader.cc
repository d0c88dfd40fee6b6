#include "segment/doc_meta_reader.h"

namespace quiver::segment {

Result<DocMetaReader> DocMetaReader::Open(std::string_view bytes) {
  ByteReader r(bytes);
  uint8_t version;
  uint64_t n;
  if (!r.GetByte(&version) || version != 1 || !r.GetVarint64(&n) || n > UINT32_MAX) {
    return Status::Corruption("docmeta component is invalid");
  }
  size_t header = (bytes.size() - r.remaining() + 7) / 8 * 8;
  if (header > bytes.size() || (bytes.size() - header) != n * 24) {
    return Status::Corruption("docmeta component has the wrong size");
  }
  DocMetaReader reader;
  reader.base_ = bytes.data() + header;
  reader.num_docs_ = static_cast<uint32_t>(n);
  return reader;
}

}  // namespace quiver::segment
