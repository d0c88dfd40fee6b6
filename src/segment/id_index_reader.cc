#include "segment/id_index_reader.h"

namespace quiver::segment {

Result<IdIndexReader> IdIndexReader::Open(std::string_view bytes) {
  auto corrupt = [] { return Status::Corruption("ids component is invalid"); };
  ByteReader r(bytes);
  uint8_t version;
  uint64_t n;
  if (!r.GetByte(&version) || version != 1 || !r.GetVarint64(&n) || n > UINT32_MAX) {
    return corrupt();
  }
  size_t pos = (bytes.size() - r.remaining() + 7) / 8 * 8;
  size_t fixed = n * 8 + n * 4 + (n + 1) * 4 * 2;
  if (pos > bytes.size() || bytes.size() - pos < fixed) return corrupt();
  IdIndexReader reader;
  reader.num_docs_ = static_cast<uint32_t>(n);
  const char* p = bytes.data() + pos;
  reader.hashes_ = p;
  reader.hash_docs_ = p + n * 8;
  reader.id_offsets_ = reader.hash_docs_ + n * 4;
  reader.routing_offsets_ = reader.id_offsets_ + (n + 1) * 4;
  reader.id_bytes_ = reader.routing_offsets_ + (n + 1) * 4;
  // Validate offsets so that id()/routing() can never read out of bounds.
  uint64_t id_total = reader.IdOffset(n), routing_total = reader.RoutingOffset(n);
  size_t avail = bytes.size() - pos - fixed;
  if (id_total + routing_total != avail) return corrupt();
  reader.routing_bytes_ = reader.id_bytes_ + id_total;
  for (size_t i = 0; i < n; ++i) {
    if (reader.IdOffset(i) > reader.IdOffset(i + 1) ||
        reader.RoutingOffset(i) > reader.RoutingOffset(i + 1) || reader.HashDoc(i) >= n) {
      return corrupt();
    }
  }
  return reader;
}

std::optional<uint32_t> IdIndexReader::Find(std::string_view id_value) const {
  std::optional<uint32_t> best;
  ForEachDocWithId(id_value, [&](uint32_t doc) {
    if (!best || doc > *best) best = doc;
    return true;
  });
  return best;
}

}  // namespace quiver::segment
