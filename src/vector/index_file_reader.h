// IndexFileReader: validates and indexes a serialized vector index buffer
// (index_format.h). It never copies: sections are views into the buffer, which
// must outlive the reader and everything opened from it.
//
// Validation on Open (docs/formats/vector.md, "Checksum policy"): header and metadata CRCs,
// section bounds and alignment, CRC of every index-bearing section, and, when
// verify_payload_checksums, of the vector payload sections too.
//
// Immutable after Open; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "vector/metric.h"
#include "vector/search_types.h"

namespace quiver::vector {

struct OpenOptions {
  // Also verify CRCs of vectors / codes / centroids (index-bearing sections
  // are always verified). Turn off when the caller verified the whole file.
  bool verify_checksums = true;
};

class IndexFileReader {
 public:
  static Result<IndexFileReader> Open(std::string_view data, const OpenOptions& options);

  IndexType type() const { return type_; }
  Metric metric() const { return metric_; }
  uint32_t dims() const { return dims_; }
  uint32_t num_vectors() const { return num_vectors_; }
  std::string_view params() const { return params_; }

  bool Has(uint32_t id) const;
  // The section's bytes; Corruption if missing or not exactly expected_size.
  Result<std::string_view> Section(uint32_t id, size_t expected_size) const;
  // Any size that is a multiple of elem_size.
  Result<std::string_view> SectionAnySize(uint32_t id, size_t elem_size) const;

 private:
  struct Entry {
    uint32_t id;
    std::string_view bytes;
  };
  IndexType type_ = IndexType::kFlat;
  Metric metric_ = Metric::kL2;
  uint32_t dims_ = 0;
  uint32_t num_vectors_ = 0;
  std::string_view params_;
  std::vector<Entry> sections_;
};

// Typed view of a section (alignment was checked on Open).
template <typename T>
const T* AsArray(std::string_view bytes) {
  return reinterpret_cast<const T*>(bytes.data());
}

// Reads little-endian params fields.
float GetF32(std::string_view params, size_t offset);
uint32_t GetU32(std::string_view params, size_t offset);

}  // namespace quiver::vector
