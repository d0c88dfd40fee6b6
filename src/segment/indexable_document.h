// IndexableDocument: a ParsedDocument plus the analysis of its text fields —
// everything the in-memory buffer needs to index the document without
// further work. Produced by AnalyzeDocument outside the shard's write lock
// (analysis is the expensive part of indexing), consumed under it.
// Token terms live in one byte arena to avoid an allocation per token.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analysis_registry.h"
#include "common/status.h"
#include "schema/parsed_document.h"

namespace quiver::segment {

struct IndexedToken {
  uint32_t term_begin = 0;  // into IndexableDocument::terms
  uint32_t term_length = 0;
  uint32_t position = 0;
  uint32_t start_offset = 0;  // bytes, across the field's values
  uint32_t end_offset = 0;
};

// All values of one text field of the document.
struct AnalyzedText {
  const schema::FieldMapper* field = nullptr;
  uint32_t token_begin = 0;  // into IndexableDocument::tokens
  uint32_t token_end = 0;
  // Tokens that advance the position (Lucene discountOverlaps): the length
  // BM25 normalizes by.
  uint32_t length = 0;
};

struct IndexableDocument {
  schema::ParsedDocument parsed;
  std::string terms;
  std::vector<IndexedToken> tokens;
  std::vector<AnalyzedText> text_fields;

  std::string_view term(const IndexedToken& t) const {
    return std::string_view(terms).substr(t.term_begin, t.term_length);
  }
};

// Analyzes the text fields (each with its analyzer, values of one field
// joined with its position_increment_gap) and applies keyword normalizers
// in place. Errors only when an analyzer is missing or fails.
Result<IndexableDocument> AnalyzeDocument(schema::ParsedDocument doc,
                                          const analysis::AnalysisRegistry& registry);

}  // namespace quiver::segment
