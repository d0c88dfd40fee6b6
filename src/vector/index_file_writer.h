// IndexFileWriter: lays out one serialized vector index (header, params,
// section table, 64-byte-aligned sections; see index_format.h / docs/formats/vector.md).
// Sections are given as views that must stay valid until Finish(), so big
// arrays are copied once, straight into the output.
//
// Not thread-safe; one per serialization.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vector/metric.h"
#include "vector/search_types.h"

namespace quiver::vector {

class IndexFileWriter {
 public:
  IndexFileWriter(IndexType type, Metric metric, uint32_t dims, uint32_t num_vectors);

  void SetParams(std::string params) { params_ = std::move(params); }
  void AddSection(uint32_t id, std::string_view bytes);
  template <typename T>
  void AddArray(uint32_t id, const std::vector<T>& v) {
    AddSection(id, std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  }

  std::string Finish();

 private:
  struct Section {
    uint32_t id;
    std::string_view bytes;
  };
  IndexType type_;
  Metric metric_;
  uint32_t dims_;
  uint32_t num_vectors_;
  std::string params_;
  std::vector<Section> sections_;
};

// Little helpers for building params blocks.
void PutF32(std::string* dst, float v);

}  // namespace quiver::vector
