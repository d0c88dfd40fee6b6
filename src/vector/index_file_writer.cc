#include "vector/index_file_writer.h"

#include <cstring>

#include "common/coding.h"
#include "common/crc32c.h"
#include "vector/index_format.h"

namespace quiver::vector {

void PutF32(std::string* dst, float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  PutFixed32(dst, bits);
}

IndexFileWriter::IndexFileWriter(IndexType type, Metric metric, uint32_t dims, uint32_t num_vectors)
    : type_(type), metric_(metric), dims_(dims), num_vectors_(num_vectors) {}

void IndexFileWriter::AddSection(uint32_t id, std::string_view bytes) {
  sections_.push_back(Section{id, bytes});
}

std::string IndexFileWriter::Finish() {
  using namespace format;
  std::string meta = params_;
  size_t offset = AlignUp(kHeaderSize + params_.size() + sections_.size() * kSectionEntrySize);
  std::vector<size_t> offsets;
  for (const Section& s : sections_) {
    offsets.push_back(offset);
    PutFixed32(&meta, s.id);
    PutFixed32(&meta, IsIndexSection(s.id) ? kFlagIndices : 0);
    PutFixed64(&meta, offset);
    PutFixed64(&meta, s.bytes.size());
    PutFixed32(&meta, crc32c::Mask(crc32c::Value(s.bytes)));
    PutFixed32(&meta, 0);
    offset = AlignUp(offset + s.bytes.size());
  }
  const size_t total_size = offset;

  std::string out;
  out.reserve(total_size);
  out.append(kMagic, 4);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(type_));
  out.push_back(static_cast<char>(metric_));
  out.push_back(0);
  PutFixed32(&out, dims_);
  PutFixed32(&out, num_vectors_);
  PutFixed32(&out, static_cast<uint32_t>(sections_.size()));
  PutFixed32(&out, static_cast<uint32_t>(params_.size()));
  PutFixed64(&out, total_size);
  PutFixed32(&out, crc32c::Mask(crc32c::Value(meta)));
  out.append(24, '\0');
  PutFixed32(&out, crc32c::Mask(crc32c::Value(out.data(), 60)));
  out += meta;
  for (size_t i = 0; i < sections_.size(); ++i) {
    out.resize(offsets[i], '\0');
    out.append(sections_[i].bytes.data(), sections_[i].bytes.size());
  }
  out.resize(total_size, '\0');
  return out;
}

}  // namespace quiver::vector
