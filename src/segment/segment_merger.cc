#include "segment/segment_merger.h"

#include <algorithm>

#include "segment/doc_meta_writer.h"
#include "segment/id_index_writer.h"
#include "segment/segment_format.h"
#include "segment/stored_source_writer.h"

namespace quiver::segment {

Result<MergeResult> MergeSegments(const std::vector<MergeInput>& inputs, int64_t created_ms,
                                  SegmentFileWriter* out) {
  MergeResult result;
  DocMetaWriter meta_writer;
  IdIndexWriter id_writer;
  StoredSourceWriter source_writer(/*compression_level=*/3);
  uint64_t min_seq = UINT64_MAX, max_seq = 0;
  int32_t next = 0;
  for (const MergeInput& in : inputs) {
    const SegmentReader& r = *in.reader;
    std::vector<int32_t> map(r.num_docs(), -1);
    QUIVER_RETURN_IF_ERROR(r.source().ForEach([&](uint32_t doc, std::string_view source) {
      if (!in.live_docs->IsLive(doc)) return Status::Ok();
      DocMeta meta = r.doc_meta().Get(doc);
      meta_writer.Add(meta);
      id_writer.Add(r.ids().id(doc), r.ids().routing(doc));
      min_seq = std::min(min_seq, meta.seq_no);
      max_seq = std::max(max_seq, meta.seq_no);
      map[doc] = next++;
      return source_writer.Add(source);
    }));
    result.doc_maps.push_back(std::move(map));
  }
  result.num_docs = static_cast<uint32_t>(next);
  SegmentInfo info;
  info.num_docs = result.num_docs;
  info.min_seq_no = next == 0 ? 0 : min_seq;
  info.max_seq_no = max_seq;
  info.created_ms = created_ms;
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kInfoComponent, EncodeSegmentInfo(info)));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kDocMetaComponent, meta_writer.Finish()));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kIdsComponent, id_writer.Finish()));
  QUIVER_ASSIGN_OR_RETURN(std::string source_bytes, source_writer.Finish());
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kSourceComponent, source_bytes));
  return result;
}

}  // namespace quiver::segment
