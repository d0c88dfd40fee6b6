#include "segment/stored_source_reader.h"

#include <zstd.h>

#include <algorithm>

#include "common/coding.h"

namespace quiver::segment {

Result<StoredSourceReader> StoredSourceReader::Open(std::string_view bytes) {
  auto corrupt = [] { return Status::Corruption("source component is invalid"); };
  ByteReader r(bytes);
  uint8_t version;
  uint64_t n, num_blocks;
  if (!r.GetByte(&version) || version != 1 || !r.GetVarint64(&n) || n > UINT32_MAX ||
      !r.GetVarint64(&num_blocks) || num_blocks > n) {
    return corrupt();
  }
  StoredSourceReader reader;
  reader.num_docs_ = static_cast<uint32_t>(n);
  reader.blocks_.reserve(num_blocks);
  uint64_t prev_first = 0;
  for (uint64_t i = 0; i < num_blocks; ++i) {
    uint64_t first, off, len;
    if (!r.GetVarint64(&first) || !r.GetVarint64(&off) || !r.GetVarint64(&len)) return corrupt();
    if (first >= n || (i > 0 && first <= prev_first) || (i == 0 && first != 0)) return corrupt();
    prev_first = first;
    reader.blocks_.push_back(Block{static_cast<uint32_t>(first), off, len});
  }
  reader.data_ = bytes.substr(bytes.size() - r.remaining());
  for (const auto& b : reader.blocks_) {
    if (b.offset > reader.data_.size() || b.length > reader.data_.size() - b.offset) {
      return corrupt();
    }
  }
  if (n > 0 && num_blocks == 0) return corrupt();
  return reader;
}

Status StoredSourceReader::LoadBlock(size_t b, std::string* raw, std::vector<uint32_t>* lengths,
                                     size_t* data_start) const {
  const Block& block = blocks_[b];
  uint32_t end_doc = b + 1 < blocks_.size() ? blocks_[b + 1].first_doc : num_docs_;
  const char* src = data_.data() + block.offset;
  unsigned long long raw_size = ZSTD_getFrameContentSize(src, block.length);
  if (raw_size == ZSTD_CONTENTSIZE_ERROR || raw_size == ZSTD_CONTENTSIZE_UNKNOWN ||
      raw_size > (1ull << 31)) {
    return Status::Corruption("stored source block has a bad frame header");
  }
  raw->resize(raw_size);
  size_t got = ZSTD_decompress(raw->data(), raw->size(), src, block.length);
  if (ZSTD_isError(got) || got != raw_size) {
    return Status::Corruption("stored source block does not decompress");
  }
  ByteReader r(*raw);
  lengths->clear();
  uint64_t total = 0;
  for (uint32_t d = block.first_doc; d < end_doc; ++d) {
    uint32_t len;
    if (!r.GetVarint32(&len)) return Status::Corruption("stored source block is truncated");
    lengths->push_back(len);
    total += len;
  }
  if (total != r.remaining()) return Status::Corruption("stored source block has a bad size");
  *data_start = raw->size() - r.remaining();
  return Status::Ok();
}

Status StoredSourceReader::Get(uint32_t doc, std::string* out) const {
  out->clear();
  if (doc >= num_docs_) return Status::Internal("doc id out of range");
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), doc,
                             [](uint32_t d, const Block& b) { return d < b.first_doc; });
  size_t b = static_cast<size_t>(it - blocks_.begin()) - 1;
  thread_local std::string raw;
  thread_local std::vector<uint32_t> lengths;
  size_t pos;
  QUIVER_RETURN_IF_ERROR(LoadBlock(b, &raw, &lengths, &pos));
  uint32_t idx = doc - blocks_[b].first_doc;
  for (uint32_t i = 0; i < idx; ++i) pos += lengths[i];
  out->assign(raw, pos, lengths[idx]);
  return Status::Ok();
}

}  // namespace quiver::segment
