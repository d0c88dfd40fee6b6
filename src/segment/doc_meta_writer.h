// DocMetaWriter: builds the `docmeta` component — per-document seq_no,
// version and primary term in fixed-width columns:
//   version (1), num_docs (varint), zero padding to 8-byte alignment,
//   seq_no[num_docs] (u64), doc_version[num_docs] (u64), primary_term[num_docs] (u64)
// Documents are added in doc id order. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quiver::segment {

struct DocMeta {
  uint64_t seq_no = 0;
  uint64_t version = 1;
  uint64_t primary_term = 1;
};

class DocMetaWriter {
 public:
  void Add(const DocMeta& meta) { docs_.push_back(meta); }
  uint32_t num_docs() const { return static_cast<uint32_t>(docs_.size()); }
  std::string Finish() const;

 private:
  std::vector<DocMeta> docs_;
};

}  // namespace quiver::segment
