#include "segment/segment_builder.h"

#include <algorithm>
#include <cstring>

#include "schema/field_mapper.h"
#include "segment/bit_packing.h"
#include "segment/id_index_writer.h"
#include "segment/segment_format.h"
#include "segment/segment_info.h"
#include "segment/stored_source_writer.h"
#include "segment/vector_field.h"
#include "text/field_index_writer.h"

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
    return Slice{static_cast<uint32_t>(chunks_.size() - 1), 0, static_cast<uint32_t>(bytes.size())};
  }
  if (kChunkBytes - chunk_used_ < bytes.size()) {
    chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    current_chunk_ = static_cast<uint32_t>(chunks_.size() - 1);
    chunk_used_ = 0;
    ram_bytes_ += kChunkBytes;
  }
  Slice s{current_chunk_, static_cast<uint32_t>(chunk_used_), static_cast<uint32_t>(bytes.size())};
  std::memcpy(chunks_[current_chunk_].get() + chunk_used_, bytes.data(), bytes.size());
  chunk_used_ += bytes.size();
  return s;
}

SegmentBuilder::BufferedField& SegmentBuilder::FieldFor(const schema::FieldMapper& f) {
  auto it = fields_.find(f.full_path());
  if (it != fields_.end()) return it->second;
  BufferedField bf;
  schema::FieldType t = f.type();
  bf.info.type = std::string(f.type_name());
  if (schema::IsTextType(t)) {
    if (f.indexed()) {
      bf.info.inverted = true;
      bf.info.index_options = static_cast<text::IndexOptions>(f.text().index_options);
      bf.info.norms = f.text().norms;
    }
  } else if (schema::IsKeywordType(t) || t == schema::FieldType::kIp ||
             t == schema::FieldType::kFlattened) {
    if (f.indexed()) {
      bf.info.inverted = true;
      bf.info.index_options = t == schema::FieldType::kIp
                                  ? text::IndexOptions::kDocs
                                  : static_cast<text::IndexOptions>(f.keyword().index_options);
      bf.info.norms = t != schema::FieldType::kIp && f.keyword().norms;
    }
    if (f.doc_values()) bf.info.doc_values = DocValuesKind::kSortedSet;
  } else if (schema::IsNumericType(t) || schema::IsDateType(t) ||
             t == schema::FieldType::kBoolean || t == schema::FieldType::kGeoPoint) {
    if (f.indexed()) bf.info.points = true;
    if (t == schema::FieldType::kBoolean && f.indexed()) {
      bf.info.inverted = true;  // also as terms "T"/"F", as ES indexes booleans
      bf.info.index_options = text::IndexOptions::kDocs;
    }
    if (f.doc_values()) {
      bf.info.doc_values = DocValuesKind::kNumeric;
      bf.info.doc_values_double = schema::IsFloatingType(t);
    }
  }
  if (bf.info.inverted) {
    bf.inverter = std::make_unique<text::FieldInverter>(bf.info.index_options, bf.info.norms);
  }
  if (bf.info.doc_values == DocValuesKind::kNumeric) {
    bf.numeric = std::make_unique<NumericDocValuesWriter>(bf.info.doc_values_double);
  } else if (bf.info.doc_values == DocValuesKind::kSortedSet) {
    bf.sorted = std::make_unique<SortedSetDocValuesWriter>();
  }
  if (bf.info.points) bf.points = std::make_unique<PointsWriter>();
  return fields_.emplace(f.full_path(), std::move(bf)).first->second;
}

void SegmentBuilder::IndexValue(BufferedField& bf, const schema::FieldMapper& f,
                                const schema::FieldValue& v, uint32_t doc) {
  schema::FieldType t = f.type();
  if (schema::IsKeywordType(t) || t == schema::FieldType::kIp ||
      t == schema::FieldType::kFlattened) {
    if (bf.inverter) bf.inverter->AddToken(v.str, doc, bf.doc_tokens, 0, 0);
    if (bf.sorted) bf.sorted->Add(doc, v.str);
    ++bf.doc_tokens;
  } else if (schema::IsNumericType(t) || schema::IsDateType(t) ||
             t == schema::FieldType::kBoolean || t == schema::FieldType::kGeoPoint) {
    int64_t value = schema::IsFloatingType(t) ? DoubleToSortable(v.f64) : v.i64;
    if (bf.points) bf.points->Add(doc, value);
    if (bf.numeric) bf.numeric->Add(doc, value);
    if (t == schema::FieldType::kBoolean && bf.inverter) {
      bf.inverter->AddToken(v.i64 ? "T" : "F", doc, bf.doc_tokens, 0, 0);
      ++bf.doc_tokens;
    }
  } else if (schema::IsVectorType(t)) {
    // The vector index needs no per-doc bookkeeping (touched_): a field has
    // at most one vector per document.
    if (!bf.vectors) {
      auto options = VectorIndexOptionsFor(f, static_cast<uint32_t>(v.vec.size()));
      if (!options) return;
      bf.info.vector = VectorFieldInfo{*options, EsSimilarityOf(f), ElementTypeOf(f)};
      bf.vectors = std::make_unique<vector::VectorIndexWriter>(*options);
    }
    // The document parser validated the vector against the mapping; what the
    // index still rejects (e.g. a dims change under a dims-less mapping) is
    // left out of kNN rather than failing the acknowledged write.
    if (bf.vectors->Add(doc, v.vec).ok()) ram_bytes_ += v.vec.size() * sizeof(float) + 4;
    return;
  } else {
    return;  // binary values are not indexed
  }
  if (!bf.touched) {
    bf.touched = true;
    touched_.push_back(&bf);
  }
}

void SegmentBuilder::AddFieldName(const std::string& path, uint32_t doc) {
  auto it = fields_.find(kFieldNamesField);
  if (it == fields_.end()) {
    BufferedField bf;
    bf.info.type = "keyword";
    bf.info.inverted = true;
    bf.info.index_options = text::IndexOptions::kDocs;
    bf.info.norms = false;
    bf.inverter = std::make_unique<text::FieldInverter>(text::IndexOptions::kDocs, false);
    it = fields_.emplace(std::string(kFieldNamesField), std::move(bf)).first;
  }
  BufferedField& bf = it->second;
  bf.inverter->AddToken(path, doc, bf.doc_tokens, 0, 0);
  ++bf.doc_tokens;
  if (!bf.touched) {
    bf.touched = true;
    touched_.push_back(&bf);
  }
}

uint32_t SegmentBuilder::Add(const IndexableDocument& idoc, const DocMeta& meta) {
  const schema::ParsedDocument& doc = idoc.parsed;
  uint32_t docid = static_cast<uint32_t>(docs_.size());
  Doc d;
  d.id = Store(doc.id);
  d.routing = Store(doc.routing);
  d.source = Store(doc.source);
  d.meta = meta;
  docs_.push_back(d);
  ram_bytes_ += sizeof(Doc);
  // Text fields: analyzed tokens.
  for (const AnalyzedText& at : idoc.text_fields) {
    BufferedField& bf = FieldFor(*at.field);
    if (!bf.inverter) continue;
    if (at.token_begin == at.token_end) AddFieldName(at.field->full_path(), docid);
    for (uint32_t i = at.token_begin; i < at.token_end; ++i) {
      const IndexedToken& tok = idoc.tokens[i];
      bf.inverter->AddToken(idoc.term(tok), docid, tok.position, tok.start_offset, tok.end_offset);
    }
    bf.inverter->EndField(docid, at.length);
  }
  // Everything else: one value at a time.
  for (const schema::FieldValue& v : doc.fields) {
    if (v.field == nullptr || schema::IsTextType(v.field->type())) continue;
    if (v.field->type() == schema::FieldType::kBinary) {
      AddFieldName(v.field->full_path(), docid);
      continue;
    }
    IndexValue(FieldFor(*v.field), *v.field, v, docid);
  }
  for (BufferedField* bf : touched_) {
    if (bf->inverter && bf->doc_tokens > 0) bf->inverter->EndField(docid, bf->doc_tokens);
    bf->doc_tokens = 0;
    bf->touched = false;
  }
  touched_.clear();
  return docid;
}

size_t SegmentBuilder::ram_bytes() const {
  size_t total = ram_bytes_;
  for (const auto& [name, bf] : fields_) {
    if (bf.inverter) total += bf.inverter->ram_bytes();
    if (bf.numeric) total += bf.numeric->ram_bytes();
    if (bf.sorted) total += bf.sorted->ram_bytes();
    if (bf.points) total += bf.points->ram_bytes();
  }
  return total;
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
  FieldInfos infos;
  for (const auto& [name, bf] : fields_) infos[name] = bf.info;
  info.fields_json = EncodeFieldInfos(infos);
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kInfoComponent, EncodeSegmentInfo(info)));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kDocMetaComponent, meta_writer.Finish()));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kIdsComponent, id_writer.Finish()));
  QUIVER_ASSIGN_OR_RETURN(std::string source_bytes, source_writer.Finish());
  QUIVER_RETURN_IF_ERROR(out->AddComponent(kSourceComponent, source_bytes));
  const uint32_t n = num_docs();
  for (const auto& [name, bf] : fields_) {
    if (bf.inverter) {
      auto source = bf.inverter->NewTermSource();
      QUIVER_ASSIGN_OR_RETURN(
          text::FieldIndexParts parts,
          text::WriteFieldIndex(*source, n, bf.info.index_options, bf.info.norms));
      QUIVER_RETURN_IF_ERROR(WriteFieldIndexParts(out, name, parts));
    }
    if (bf.numeric) {
      QUIVER_RETURN_IF_ERROR(out->AddComponent(DocValuesComponent(name), bf.numeric->Finish(n)));
    }
    if (bf.sorted) {
      QUIVER_RETURN_IF_ERROR(out->AddComponent(DocValuesComponent(name), bf.sorted->Finish(n)));
    }
    if (bf.points) {
      QUIVER_RETURN_IF_ERROR(out->AddComponent(PointsComponent(name), bf.points->Finish()));
    }
    if (bf.vectors) {
      // Build is called once per frozen buffer; the writer is spent after.
      QUIVER_ASSIGN_OR_RETURN(std::string index, bf.vectors->Finish());
      QUIVER_RETURN_IF_ERROR(out->AddComponent(VectorsComponent(name), index));
    }
  }
  return Status::Ok();
}

Status WriteFieldIndexParts(SegmentFileWriter* out, const std::string& field,
                            const text::FieldIndexParts& parts) {
  QUIVER_RETURN_IF_ERROR(out->AddComponent(TermsComponent(field), parts.terms));
  QUIVER_RETURN_IF_ERROR(out->AddComponent(PostingsComponent(field), parts.postings));
  if (!parts.positions.empty()) {
    QUIVER_RETURN_IF_ERROR(out->AddComponent(PositionsComponent(field), parts.positions));
  }
  if (!parts.norms.empty()) {
    QUIVER_RETURN_IF_ERROR(out->AddComponent(NormsComponent(field), parts.norms));
  }
  return Status::Ok();
}

}  // namespace quiver::segment
