#include "text/norms_reader.h"

#include "common/coding.h"
#include "text/postings_format.h"

namespace quiver::text {

Result<NormsReader> NormsReader::Open(std::string_view data, uint32_t num_docs) {
  NormsReader r;
  r.num_docs_ = num_docs;
  if (data.empty()) return r;
  if (data.size() < kNormsHeaderBytes) return Status::Corruption("norms: truncated header");
  if (static_cast<uint8_t>(data[0]) != kNormsVersion) {
    return Status::Corruption("norms: unknown version " +
                              std::to_string(static_cast<uint8_t>(data[0])));
  }
  const uint8_t mode = static_cast<uint8_t>(data[1]);
  const uint32_t stored_docs = DecodeFixed32(data.data() + 4);
  const uint32_t count = DecodeFixed32(data.data() + 8);
  if (stored_docs != num_docs) return Status::Corruption("norms: doc count mismatch");
  const auto* body = reinterpret_cast<const uint8_t*>(data.data()) + kNormsHeaderBytes;
  const size_t body_bytes = data.size() - kNormsHeaderBytes;
  switch (mode) {
    case kNormsNone:
      if (count != 0) return Status::Corruption("norms: count without values");
      break;
    case kNormsDense:
      if (body_bytes < num_docs) return Status::Corruption("norms: truncated");
      r.dense_ = body;
      r.count_ = count;
      break;
    case kNormsSparse:
      if (count > num_docs || body_bytes < uint64_t{count} * 5) {
        return Status::Corruption("norms: truncated");
      }
      r.count_ = count;
      r.sparse_docs_ = body;
      r.sparse_norms_ = body + uint64_t{count} * 4;
      break;
    default:
      return Status::Corruption("norms: unknown mode");
  }
  return r;
}

uint8_t NormsReader::SparseNorm(uint32_t doc) const {
  uint32_t lo = 0;
  uint32_t hi = count_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    uint32_t d;
    std::memcpy(&d, sparse_docs_ + 4 * uint64_t{mid}, 4);
    if (d < doc) {
      lo = mid + 1;
    } else if (d > doc) {
      hi = mid;
    } else {
      return sparse_norms_[mid];
    }
  }
  return 0;
}

}  // namespace quiver::text
