#include "segment/segment_builder.h"

#include <algorithm>
#include <cstring>

#include "segment/id_index_writer.h"
#include "segment/segment_format.h"
#include "segment/segment_info.h"
#include "segment/stored_source_writer.h"

namespace quiver::segment {

SegmentBuilder::Slice SegmentBuilder::Store(std::string_view bytes) {
  if (bytes.empty()) return Slice{0, 0, 0};
  if (bytes.size() > kChunkBytes / 4) {
    // Large values get a chunk of their own; small ones keep packing into
    // the current chunk.
    auto chunk = std::make_unique<char[]>(bytes.size());
    std::memcpy(chunk.get(), bytes.data(), bytes.size());
    chunks_.push_back(std::move(chunk));
    ram_bytes_ += bytes.size();
    return Slice{static_cast<uint32_t>(chunks_.size() - 1), 0,
                 static_cast<uint32_t>(bytes.size())};
  }
  if (kChunkBytes - chunk_used_ < bytes.size()) {
    chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    current_chunk_ = static_cast<uint32_t>(chunks_.size() - 1);
    chunk_used_ = 0;
    ram_bytes_ += kChunkBytes;
  }
  Slice s{current_chunk_, static_cast<uint32_t>(chunk_used_),
          static_cast<uint32_t>(bytes.size())};
  std::memcpy(chunks_[current_chunk_].get() + chunk_used_, bytes.data(), bytes.size());
  chunk_used_ += bytes.size();
  return s;
}

uint32_t SegmentBuilder::Add(const schema::ParsedDocument& doc, const DocMeta& meta) {
  Doc d;
  d.id = Store(doc.id);
  d.routing = Store(doc.routing);
  d.source = Store(doc.source);
  d.meta = meta;
  docs_.push_back(d);
  ram_bytes_ += sizeof(Doc);
  return static_cast<uint32_t>(docs_.size() - 1);
}

Status SegmentBuilder::Build(SegmentFileWriter* out, int64_t created_ms) const {
  SegmentInfo info;
  info.num_docs = num_docs();
  info.created_ms = created_ms;
  DocMetaWriter meta_writer;
  IdIndexWriter id_writer;
  StoredSourceWriter source_writer(/*compression_level=*/1);
  uint64_t min_seq = UINT64_MAX, max_seq = 0;
  for (const Doc& d : docs_) {
    meta_writer.Add(d.meta);
    id_writer.Add(View(d.id), View(d.routing));
    QUIVER_RETURN_IF_ERROR(source_writer.Add(View(d.source)));
    min_seq = std::min(min_seq, d.meta.seq_no);
    max_seq = std::max(max_seq, d.meta.seq_no);
  }
  info.min_seq_no = docs_.empty() ? 0 : min_seq;
  info.max_seq_no = max_seq;
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kInfoComponent, EncodeSegmentInfo(info)));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kDocMetaComponent, meta_writer.Finish()));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kIdsComponent, id_writer.Finish()));
  QUIVER_ASSIGN_OR_RETURN(std::string source_bytes, source_writer.Finish());
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kSourceComponent, source_bytes));
  return Status::Ok();
}

}  // namespace quiver::segment
