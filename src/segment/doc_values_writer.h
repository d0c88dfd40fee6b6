// Writers of the doc-values and points components
// (docs/formats/doc-values.md). Values are added in doc-id order (several
// per doc allowed); Finish() produces the component bytes. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::segment {

class NumericDocValuesWriter {
 public:
  explicit NumericDocValuesWriter(bool is_double) : is_double_(is_double) {}
  // `value` is the raw int64 (or DoubleToSortable for doubles).
  void Add(uint32_t doc, int64_t value) { entries_.push_back({doc, value}); }
  std::string Finish(uint32_t num_docs) const;
  size_t ram_bytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    uint32_t doc;
    int64_t value;
  };
  bool is_double_;
  std::vector<Entry> entries_;
};

class SortedSetDocValuesWriter {
 public:
  void Add(uint32_t doc, std::string_view term);
  std::string Finish(uint32_t num_docs) const;
  size_t ram_bytes() const { return bytes_.capacity() + entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    uint32_t doc;
    uint32_t offset;
    uint32_t length;
  };
  std::string bytes_;
  std::vector<Entry> entries_;
};

class PointsWriter {
 public:
  void Add(uint32_t doc, int64_t value) { entries_.push_back({value, doc}); }
  std::string Finish() const;
  size_t ram_bytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    int64_t value;
    uint32_t doc;
  };
  std::vector<Entry> entries_;
};

}  // namespace quiver::segment
