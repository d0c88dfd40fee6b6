// SegmentBuilder: the shard's in-memory indexing buffer. Documents are added
// in doc id order as they are written; at refresh the buffer is frozen and
// serialized into a segment (Build), which is then opened like any other.
// Until then, buffered documents are served from here for realtime GET.
//
// Not thread-safe: the owning shard serializes Add with its write lock and
// reads a buffer concurrently only after it is frozen (no more Adds).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "schema/parsed_document.h"
#include "segment/doc_meta_writer.h"
#include "segment/segment_file_writer.h"

namespace quiver::segment {

class SegmentBuilder {
 public:
  SegmentBuilder() = default;
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // Adds a document; returns its doc id within this buffer.
  uint32_t Add(const schema::ParsedDocument& doc, const DocMeta& meta);

  uint32_t num_docs() const { return static_cast<uint32_t>(docs_.size()); }
  std::string_view id(uint32_t doc) const { return View(docs_[doc].id); }
  std::string_view routing(uint32_t doc) const { return View(docs_[doc].routing); }
  std::string_view source(uint32_t doc) const { return View(docs_[doc].source); }
  const DocMeta& meta(uint32_t doc) const { return docs_[doc].meta; }
  // Approximate heap bytes held (drives refresh on memory pressure).
  size_t ram_bytes() const { return ram_bytes_; }

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

  static constexpr size_t kChunkBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> chunks_;
  uint32_t current_chunk_ = 0;       // where small values go
  size_t chunk_used_ = kChunkBytes;  // forces a first chunk
  std::vector<Doc> docs_;
  size_t ram_bytes_ = 0;
};

}  // namespace quiver::segment
