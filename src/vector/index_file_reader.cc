#include "vector/index_file_reader.h"

#include <cstring>
#include <string>

#include "common/coding.h"
#include "common/crc32c.h"
#include "vector/index_format.h"

namespace quiver::vector {

float GetF32(std::string_view params, size_t offset) {
  float v;
  std::memcpy(&v, params.data() + offset, 4);
  return v;
}

uint32_t GetU32(std::string_view params, size_t offset) {
  return DecodeFixed32(params.data() + offset);
}

Result<IndexFileReader> IndexFileReader::Open(std::string_view data, const OpenOptions& options) {
  using namespace format;
  if (reinterpret_cast<uintptr_t>(data.data()) % 8 != 0) {
    return Status::InvalidArgument("vector index buffer must be 8-byte (ideally 64-byte) aligned");
  }
  if (data.size() < kHeaderSize) return Status::Corruption("vector index: truncated header");
  const char* h = data.data();
  if (std::memcmp(h, kMagic, 4) != 0) return Status::Corruption("vector index: bad magic");
  if (crc32c::Unmask(DecodeFixed32(h + 60)) != crc32c::Value(h, 60)) {
    return Status::Corruption("vector index: header checksum mismatch");
  }
  if (static_cast<uint8_t>(h[4]) != kVersion) {
    return Status::Corruption("vector index: unsupported format version " +
                              std::to_string(static_cast<uint8_t>(h[4])));
  }
  IndexFileReader r;
  uint8_t type = static_cast<uint8_t>(h[5]);
  uint8_t metric = static_cast<uint8_t>(h[6]);
  if (type < 1 || type > 6) return Status::Corruption("vector index: unknown index type");
  if (metric > 2) return Status::Corruption("vector index: unknown metric");
  r.type_ = static_cast<IndexType>(type);
  r.metric_ = static_cast<Metric>(metric);
  r.dims_ = DecodeFixed32(h + 8);
  r.num_vectors_ = DecodeFixed32(h + 12);
  uint32_t num_sections = DecodeFixed32(h + 16);
  uint32_t params_size = DecodeFixed32(h + 20);
  uint64_t total_size = DecodeFixed64(h + 24);
  if (r.dims_ == 0 || r.dims_ > kMaxDims) return Status::Corruption("vector index: bad dims");
  if (num_sections > kMaxSections || params_size > kMaxParamsSize) {
    return Status::Corruption("vector index: bad metadata sizes");
  }
  if (total_size > data.size()) return Status::Corruption("vector index: truncated");
  size_t meta_size = params_size + size_t{num_sections} * kSectionEntrySize;
  if (kHeaderSize + meta_size > total_size) return Status::Corruption("vector index: truncated");
  std::string_view meta(h + kHeaderSize, meta_size);
  if (crc32c::Unmask(DecodeFixed32(h + 32)) != crc32c::Value(meta)) {
    return Status::Corruption("vector index: metadata checksum mismatch");
  }
  r.params_ = meta.substr(0, params_size);
  const char* e = meta.data() + params_size;
  for (uint32_t i = 0; i < num_sections; ++i, e += kSectionEntrySize) {
    uint32_t id = DecodeFixed32(e);
    uint64_t offset = DecodeFixed64(e + 8);
    uint64_t size = DecodeFixed64(e + 16);
    uint32_t crc = crc32c::Unmask(DecodeFixed32(e + 24));
    if (offset % kAlignment != 0 || offset < kHeaderSize + meta_size || offset > total_size ||
        size > total_size - offset) {
      return Status::Corruption("vector index: section " + std::to_string(id) + " out of bounds");
    }
    if (r.Has(id)) return Status::Corruption("vector index: duplicate section");
    std::string_view bytes(h + offset, size);
    if ((IsIndexSection(id) || options.verify_checksums) && crc32c::Value(bytes) != crc) {
      return Status::Corruption("vector index: section " + std::to_string(id) +
                                " checksum mismatch");
    }
    r.sections_.push_back(Entry{id, bytes});
  }
  return r;
}

bool IndexFileReader::Has(uint32_t id) const {
  for (const Entry& e : sections_) {
    if (e.id == id) return true;
  }
  return false;
}

Result<std::string_view> IndexFileReader::Section(uint32_t id, size_t expected_size) const {
  for (const Entry& e : sections_) {
    if (e.id != id) continue;
    if (e.bytes.size() != expected_size) {
      return Status::Corruption("vector index: section " + std::to_string(id) + " has size " +
                                std::to_string(e.bytes.size()) + ", expected " +
                                std::to_string(expected_size));
    }
    return e.bytes;
  }
  return Status::Corruption("vector index: missing section " + std::to_string(id));
}

Result<std::string_view> IndexFileReader::SectionAnySize(uint32_t id, size_t elem_size) const {
  for (const Entry& e : sections_) {
    if (e.id != id) continue;
    if (e.bytes.size() % elem_size != 0) {
      return Status::Corruption("vector index: section " + std::to_string(id) + " misaligned");
    }
    return e.bytes;
  }
  return Status::Corruption("vector index: missing section " + std::to_string(id));
}

}  // namespace quiver::vector
