#include "segment/segment_merger.h"

#include <algorithm>

#include "segment/doc_meta_writer.h"
#include "segment/doc_values_writer.h"
#include "segment/field_info.h"
#include "segment/id_index_writer.h"
#include "segment/segment_builder.h"
#include "segment/segment_format.h"
#include "segment/stored_source_writer.h"
#include "text/field_index_writer.h"
#include "text/merge_source.h"
#include "vector/vector_index_merger.h"

namespace quiver::segment {

namespace {

// Builds the merged vector index of `field`: deleted docs are dropped, and
// sources whose vectors do not fit the options (a dims or metric change
// across mapping versions cannot happen, but a corrupt input could) fail the
// merge rather than produce a wrong index.
Status MergeVectors(const std::vector<MergeInput>& inputs, const MergeResult& result,
                    const std::string& field, const vector::VectorIndexOptions& options,
                    SegmentFileWriter* out) {
  std::vector<std::vector<uint32_t>> maps(inputs.size());
  std::vector<vector::MergeSource> sources;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const FieldReaders* fr = inputs[i].reader->field(field);
    if (!fr || !fr->vectors || fr->vectors->size() == 0) continue;
    if (fr->vectors->dims() != options.dims) {
      return Status::Corruption("field [" + field + "]: vector dims differ between segments");
    }
    const auto& old_map = result.doc_maps[i];
    maps[i].resize(old_map.size());
    for (size_t d = 0; d < old_map.size(); ++d) {
      maps[i][d] = old_map[d] < 0 ? vector::kDroppedDoc : static_cast<uint32_t>(old_map[d]);
    }
    sources.push_back({fr->vectors.get(), maps[i]});
  }
  QUIVER_ASSIGN_OR_RETURN(std::string index, vector::MergeVectorIndexes(sources, options));
  return out->AddComponent(VectorsComponent(field), index);
}

// Merges every field's components of the inputs into `out`.
Status MergeFields(const std::vector<MergeInput>& inputs, const MergeResult& result,
                   FieldInfos* infos, SegmentFileWriter* out) {
  for (const auto& in : inputs) {
    for (const auto& [name, fi] : in.reader->field_infos()) {
      auto [it, inserted] = infos->emplace(name, fi);
      if (!inserted) {
        // The same field in several inputs: keep the lowest common options.
        FieldInfo& merged = it->second;
        if (fi.inverted && merged.inverted) {
          merged.index_options = std::min(merged.index_options, fi.index_options);
          merged.norms = merged.norms && fi.norms;
        } else {
          merged.inverted = merged.inverted || fi.inverted;
          if (fi.inverted && !merged.inverted) merged.index_options = fi.index_options;
        }
        if (merged.doc_values == DocValuesKind::kNone) {
          merged.doc_values = fi.doc_values;
          merged.doc_values_double = fi.doc_values_double;
        }
        merged.points = merged.points || fi.points;
        if (!merged.vector) merged.vector = fi.vector;
      }
    }
  }
  const uint32_t n = result.num_docs;
  for (const auto& [name, info] : *infos) {
    if (info.inverted) {
      std::vector<text::MergeInput> parts;
      for (size_t i = 0; i < inputs.size(); ++i) {
        const FieldReaders* fr = inputs[i].reader->field(name);
        text::MergeInput mi;
        mi.reader = fr && fr->inverted ? fr->inverted.get() : nullptr;
        mi.doc_map = result.doc_maps[i];
        parts.push_back(mi);
      }
      QUIVER_ASSIGN_OR_RETURN(auto source,
                              text::MergeSource::Create(std::move(parts), n, info.index_options));
      QUIVER_ASSIGN_OR_RETURN(text::FieldIndexParts written,
                              text::WriteFieldIndex(*source, n, info.index_options, info.norms));
      QUIVER_RETURN_IF_ERROR(WriteFieldIndexParts(out, name, written));
    }
    if (info.doc_values == DocValuesKind::kNumeric) {
      NumericDocValuesWriter w(info.doc_values_double);
      for (size_t i = 0; i < inputs.size(); ++i) {
        const FieldReaders* fr = inputs[i].reader->field(name);
        if (!fr || !fr->numeric) continue;
        const auto& map = result.doc_maps[i];
        for (uint32_t d = 0; d < map.size(); ++d) {
          if (map[d] < 0) continue;
          for (uint32_t k = 0; k < fr->numeric->Count(d); ++k) {
            w.Add(static_cast<uint32_t>(map[d]), fr->numeric->Value(d, k));
          }
        }
      }
      QUIVER_RETURN_IF_ERROR(out->AddComponent(DocValuesComponent(name), w.Finish(n)));
    } else if (info.doc_values == DocValuesKind::kSortedSet) {
      SortedSetDocValuesWriter w;
      for (size_t i = 0; i < inputs.size(); ++i) {
        const FieldReaders* fr = inputs[i].reader->field(name);
        if (!fr || !fr->sorted) continue;
        const auto& map = result.doc_maps[i];
        for (uint32_t d = 0; d < map.size(); ++d) {
          if (map[d] < 0) continue;
          for (uint32_t k = 0; k < fr->sorted->Count(d); ++k) {
            w.Add(static_cast<uint32_t>(map[d]), fr->sorted->Term(fr->sorted->Ord(d, k)));
          }
        }
      }
      QUIVER_RETURN_IF_ERROR(out->AddComponent(DocValuesComponent(name), w.Finish(n)));
    }
    if (info.points) {
      PointsWriter w;
      for (size_t i = 0; i < inputs.size(); ++i) {
        const FieldReaders* fr = inputs[i].reader->field(name);
        if (!fr || !fr->points) continue;
        const auto& map = result.doc_maps[i];
        for (uint64_t k = 0; k < fr->points->count(); ++k) {
          uint32_t d = fr->points->DocAt(k);
          if (map[d] >= 0) w.Add(static_cast<uint32_t>(map[d]), fr->points->ValueAt(k));
        }
      }
      QUIVER_RETURN_IF_ERROR(out->AddComponent(PointsComponent(name), w.Finish()));
    }
    if (info.vector) {
      QUIVER_RETURN_IF_ERROR(MergeVectors(inputs, result, name, info.vector->index, out));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<MergeResult> MergeSegments(const std::vector<MergeInput>& inputs, int64_t created_ms,
                                  SegmentFileWriter* out) {
  MergeResult result;
  // Doc maps first: every field is merged with them.
  int32_t next = 0;
  for (const MergeInput& in : inputs) {
    std::vector<int32_t> map(in.reader->num_docs(), -1);
    for (uint32_t d = 0; d < in.reader->num_docs(); ++d) {
      if (in.live_docs->IsLive(d)) map[d] = next++;
    }
    result.doc_maps.push_back(std::move(map));
  }
  result.num_docs = static_cast<uint32_t>(next);
  DocMetaWriter meta_writer;
  IdIndexWriter id_writer;
  StoredSourceWriter source_writer(/*compression_level=*/3);
  uint64_t min_seq = UINT64_MAX, max_seq = 0;
  for (const MergeInput& in : inputs) {
    const SegmentReader& r = *in.reader;
    QUIVER_RETURN_IF_ERROR(r.source().ForEach([&](uint32_t doc, std::string_view source) {
      if (!in.live_docs->IsLive(doc)) return Status::Ok();
      DocMeta meta = r.doc_meta().Get(doc);
      meta_writer.Add(meta);
      id_writer.Add(r.ids().id(doc), r.ids().routing(doc));
      min_seq = std::min(min_seq, meta.seq_no);
      max_seq = std::max(max_seq, meta.seq_no);
      return source_writer.Add(source);
    }));
  }
  FieldInfos infos;
  SegmentInfo info;
  info.num_docs = result.num_docs;
  info.min_seq_no = next == 0 ? 0 : min_seq;
  info.max_seq_no = max_seq;
  info.created_ms = created_ms;
  // `info` is written last: it lists the fields the merge produced (the
  // container indexes components by name, so order does not matter).
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kDocMetaComponent, meta_writer.Finish()));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kIdsComponent, id_writer.Finish()));
  QUIVER_ASSIGN_OR_RETURN(std::string source_bytes, source_writer.Finish());
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kSourceComponent, source_bytes));
  QUIVER_RETURN_IF_ERROR(MergeFields(inputs, result, &infos, out));
  info.fields_json = EncodeFieldInfos(infos);
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kInfoComponent, EncodeSegmentInfo(info)));
  return result;
}

}  // namespace quiver::segment
