#include "segment/stored_source_writer.h"

#include <zstd.h>

#include "common/coding.h"

namespace quiver::segment {

Status StoredSourceWriter::Add(std::string_view source) {
  block_lengths_.push_back(static_cast<uint32_t>(source.size()));
  block_data_.append(source);
  ++num_docs_;
  if (block_data_.size() >= kBlockBytes) return FlushBlock();
  return Status::Ok();
}

Status StoredSourceWriter::FlushBlock() {
  if (block_lengths_.empty()) return Status::Ok();
  std::string raw;
  raw.reserve(block_lengths_.size() * 2 + block_data_.size());
  for (uint32_t len : block_lengths_) PutVarint32(&raw, len);
  raw.append(block_data_);
  size_t bound = ZSTD_compressBound(raw.size());
  size_t offset = compressed_.size();
  compressed_.resize(offset + bound);
  size_t n = ZSTD_compress(compressed_.data() + offset, bound, raw.data(), raw.size(), level_);
  if (ZSTD_isError(n)) {
    return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  }
  compressed_.resize(offset + n);
  blocks_.push_back(BlockRef{block_first_doc_, offset, n});
  block_first_doc_ = num_docs_;
  block_lengths_.clear();
  block_data_.clear();
  return Status::Ok();
}

Result<std::string> StoredSourceWriter::Finish() {
  QUIVER_RETURN_IF_ERROR(FlushBlock());
  std::string out;
  out.push_back(1);
  PutVarint64(&out, num_docs_);
  PutVarint64(&out, blocks_.size());
  for (const auto& b : blocks_) {
    PutVarint64(&out, b.first_doc);
    PutVarint64(&out, b.offset);
    PutVarint64(&out, b.length);
  }
  out.append(compressed_);
  return out;
}

}  // namespace quiver::segment
