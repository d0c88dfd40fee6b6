#include <map>
#include <span>

#include "schema/field_mapper.h"
#include "segment/indexable_document.h"

namespace quiver::segment {
namespace {

std::shared_ptr<const analysis::Analyzer> IndexAnalyzer(const schema::FieldMapper& f,
                                                        const analysis::AnalysisRegistry& r) {
  const std::string& name = f.text().analyzer;
  if (name.empty() || name == "default") return r.default_analyzer();
  return r.FindAnalyzer(name);
}

}  // namespace

Result<IndexableDocument> AnalyzeDocument(schema::ParsedDocument doc,
                                          const analysis::AnalysisRegistry& registry) {
  IndexableDocument out;
  // Group the values of each text field, in source order.
  std::map<const schema::FieldMapper*, std::vector<size_t>> text_values;
  std::vector<const schema::FieldMapper*> text_order;
  for (size_t i = 0; i < doc.fields.size(); ++i) {
    schema::FieldValue& v = doc.fields[i];
    const schema::FieldMapper* f = v.field;
    if (f == nullptr) continue;
    if (schema::IsTextType(f->type()) && f->indexed()) {
      auto& list = text_values[f];
      if (list.empty()) text_order.push_back(f);
      list.push_back(i);
    } else if (schema::IsKeywordType(f->type()) && !f->keyword().normalizer.empty()) {
      auto normalizer = registry.FindNormalizer(f->keyword().normalizer);
      if (normalizer == nullptr) {
        return Status::InvalidArgument("normalizer [" + f->keyword().normalizer +
                                       "] not found for field [" + f->full_path() + "]");
      }
      std::string normalized;
      QUIVER_RETURN_IF_ERROR(normalizer->Normalize(v.str, &normalized));
      v.str = std::move(normalized);
    }
  }
  for (const schema::FieldMapper* f : text_order) {
    auto analyzer = IndexAnalyzer(*f, registry);
    if (analyzer == nullptr) {
      return Status::InvalidArgument("analyzer [" + f->text().analyzer + "] not found for field [" +
                                     f->full_path() + "]");
    }
    const std::vector<size_t>& idx = text_values[f];
    std::vector<std::string_view> values;
    values.reserve(idx.size());
    for (size_t i : idx) values.push_back(doc.fields[i].str);
    // Offsets accumulate across values (Lucene adds the offset gap).
    std::vector<uint32_t> value_base(values.size(), 0);
    uint32_t base = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      value_base[i] = base;
      base += static_cast<uint32_t>(values[i].size()) + static_cast<uint32_t>(analyzer->offset_gap());
    }
    AnalyzedText at;
    at.field = f;
    at.token_begin = static_cast<uint32_t>(out.tokens.size());
    int32_t gap = f->text().position_increment_gap;
    auto effective = analyzer;
    if (gap != analyzer->position_increment_gap()) {
      analysis::AnalyzerOptions o = analyzer->options();
      o.position_increment_gap = gap;
      effective = analyzer->WithNameAndOptions(analyzer->name(), o);
    }
    QUIVER_RETURN_IF_ERROR(effective->AnalyzeValues(
        std::span<const std::string_view>(values), [&](size_t value_index, const analysis::Token& t) {
          IndexedToken tok;
          tok.term_begin = static_cast<uint32_t>(out.terms.size());
          tok.term_length = static_cast<uint32_t>(t.term.size());
          out.terms.append(t.term);
          tok.position = static_cast<uint32_t>(t.position < 0 ? 0 : t.position);
          tok.start_offset = value_base[value_index] + static_cast<uint32_t>(t.start_offset);
          tok.end_offset = value_base[value_index] + static_cast<uint32_t>(t.end_offset);
          out.tokens.push_back(tok);
          if (t.position_increment > 0) ++at.length;
        }));
    at.token_end = static_cast<uint32_t>(out.tokens.size());
    out.text_fields.push_back(at);
  }
  out.parsed = std::move(doc);
  return out;
}

}  // namespace quiver::segment
