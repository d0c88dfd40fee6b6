#include "segment/segment_fields.h"

#include "vector/vector_index_reader.h"

namespace quiver::segment {

Result<SegmentFields> SegmentFields::Open(const SegmentFileReader& file, const FieldInfos& infos,
                                          uint32_t num_docs) {
  SegmentFields out;
  for (const auto& [name, info] : infos) {
    FieldReaders r;
    r.info = info;
    auto where = [&](const Status& s) {
      return s.WithMessage("field [" + name + "]: " + s.message());
    };
    if (info.inverted) {
      text::FieldIndexComponents c;
      c.terms = file.component(TermsComponent(name));
      c.postings = file.component(PostingsComponent(name));
      c.positions = file.component(PositionsComponent(name));
      c.norms = file.component(NormsComponent(name));
      auto reader = text::FieldIndexReader::Open(c);
      if (!reader.ok()) return where(reader.status());
      if (reader->num_docs() != num_docs) {
        return Status::Corruption("field [" + name + "] covers a different number of documents");
      }
      r.inverted = std::make_unique<text::FieldIndexReader>(std::move(reader).value());
    }
    if (info.doc_values == DocValuesKind::kNumeric) {
      auto dv = NumericDocValues::Open(file.component(DocValuesComponent(name)));
      if (!dv.ok()) return where(dv.status());
      r.numeric = std::move(dv).value();
    } else if (info.doc_values == DocValuesKind::kSortedSet) {
      auto dv = SortedSetDocValues::Open(file.component(DocValuesComponent(name)));
      if (!dv.ok()) return where(dv.status());
      r.sorted = std::move(dv).value();
    }
    if (info.points) {
      auto pt = PointsReader::Open(file.component(PointsComponent(name)), num_docs);
      if (!pt.ok()) return where(pt.status());
      r.points = std::move(pt).value();
    }
    if (info.vector) {
      // The container verified the component's CRC on open, so the payload
      // checksums need not be verified again (the index still validates its
      // structure, so corrupt bytes cannot make a search read out of bounds).
      vector::OpenOptions options;
      options.verify_checksums = false;
      auto index = vector::OpenVectorIndex(file.component(VectorsComponent(name)), options);
      if (!index.ok()) return where(index.status());
      r.vectors = std::move(index).value();
    }
    out.fields_.emplace(name, std::move(r));
  }
  return out;
}

const FieldReaders* SegmentFields::Find(std::string_view field) const {
  auto it = fields_.find(std::string(field));
  return it == fields_.end() ? nullptr : &it->second;
}

}  // namespace quiver::segment
