// SegmentBuilder: the shard's in-memory indexing buffer. Documents are added
// in doc id order as they are written; at refresh the buffer is frozen and
// serialized into a segment (Build), which is then opened like any other.
// Until then, buffered documents are served from here for realtime GET.
//
// Not thread-safe: the owning shard serializes Add with its write lock and
// reads a buffer concurrently only after it is frozen (no more Adds).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "segment/doc_meta_writer.h"
#include "segment/doc_values_writer.h"
#include "segment/field_info.h"
#include "segment/indexable_document.h"
#include "segment/segment_file_writer.h"
#include "text/field_index_writer.h"
#include "text/field_inverter.h"
#include "vector/vector_index_writer.h"

namespace quiver::segment {

class SegmentBuilder {
 public:
  SegmentBuilder() = default;
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // Adds a document (its stored fields and every indexed field); returns its
  // doc id within this buffer.
  uint32_t Add(const IndexableDocument& doc, const DocMeta& meta);

  uint32_t num_docs() const { return static_cast<uint32_t>(docs_.size()); }
  std::string_view id(uint32_t doc) const { return View(docs_[doc].id); }
  std::string_view routing(uint32_t doc) const { return View(docs_[doc].routing); }
  std::string_view source(uint32_t doc) const { return View(docs_[doc].source); }
  const DocMeta& meta(uint32_t doc) const { return docs_[doc].meta; }
  // Approximate heap bytes held (drives refresh on memory pressure).
  size_t ram_bytes() const;

  // Serializes all buffered documents as segment components.
  Status Build(SegmentFileWriter* out, int64_t created_ms) const;

 private:
  // A byte range in the arena.
  struct Slice {
    uint32_t chunk;
    uint32_t offset;
    uint32_t length;
  };
  struct Doc {
    Slice id, routing, source;
    DocMeta meta;
  };
  Slice Store(std::string_view bytes);
  std::string_view View(const Slice& s) const {
    if (s.length == 0) return std::string_view();
    return std::string_view(chunks_[s.chunk].get() + s.offset, s.length);
  }

  // Everything buffered for one field.
  struct BufferedField {
    FieldInfo info;
    std::unique_ptr<text::FieldInverter> inverter;
    std::unique_ptr<NumericDocValuesWriter> numeric;
    std::unique_ptr<SortedSetDocValuesWriter> sorted;
    std::unique_ptr<PointsWriter> points;
    // dense_vector / vector: created with the first vector (its length is
    // the dims when the mapping has none yet). Finish() spends it at Build.
    std::unique_ptr<vector::VectorIndexWriter> vectors;
    uint32_t doc_tokens = 0;  // keyword-like values of the current doc
    bool touched = false;
  };
  BufferedField& FieldFor(const schema::FieldMapper& f);
  void IndexValue(BufferedField& bf, const schema::FieldMapper& f, const schema::FieldValue& v,
                  uint32_t doc);
  // Records that `doc` has a value for `path` that left no other trace
  // (binary values, text without tokens), in the _field_names field.
  void AddFieldName(const std::string& path, uint32_t doc);

  static constexpr size_t kChunkBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  uint32_t current_chunk_ = 0;       // where small values go
  size_t chunk_used_ = kChunkBytes;  // forces a first chunk
  std::vector<Doc> docs_;
  size_t ram_bytes_ = 0;
  std::map<std::string, BufferedField, std::less<>> fields_;
  std::vector<BufferedField*> touched_;
};

// Writes the components of one field's inverted index.
Status WriteFieldIndexParts(SegmentFileWriter* out, const std::string& field,
                            const text::FieldIndexParts& parts);

}  // namespace quiver::segment
