// How a field takes part in full-text queries (ES TextSearchInfo): whether
// it supports them, its search and quote analyzers (index default_search /
// default_search_quoted applied as ES does), whether it is tokenized and has
// positions; plus running an analyzer over query text and Lucene's
// Analyzer.normalize for multi-term queries. Stateless; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "common/status.h"
#include "query/dsl/field_lookup.h"

namespace quiver::query::dsl {

class ParseContext;

struct FieldTextSearch {
  // False for types ES gives TextSearchInfo.NONE (dense_vector, binary, ...).
  bool supported = false;
  // text / match_only_text.
  bool tokenized = false;
  bool has_positions = false;
  // Null: the query text is used as one term without analysis (keyword
  // without normalizer, numbers, dates, booleans, ips, metadata fields).
  std::shared_ptr<const analysis::Analyzer> search_analyzer;
  std::shared_ptr<const analysis::Analyzer> search_quote_analyzer;
};

FieldTextSearch TextSearchInfo(const ParseContext& pc, const FieldRef& field);

struct AnalyzedToken {
  std::string term;
  int position_increment = 1;
  int position_length = 1;
  int end_offset = 0;
  bool shingle = false;
};

struct AnalyzedText {
  std::vector<AnalyzedToken> tokens;
  int final_offset = 0;
};

// Runs `analyzer` over `text` (at most index.analyze.max_token_count tokens
// are kept, as the registry's options say).
Result<AnalyzedText> AnalyzeText(const analysis::Analyzer& analyzer, std::string_view text);

// Lucene Analyzer.normalize: only the per-character stages (normalizing char
// filters and token filters such as lowercase and asciifolding) applied to
// the whole text, as for prefix, wildcard, fuzzy and range terms.
std::string NormalizeText(const analysis::Analyzer& analyzer, std::string_view text);

// A keyword field's normalizer applied to a term (the term unchanged
// without one).
std::string NormalizeKeyword(const ParseContext& pc, const schema::FieldMapper& field,
                             std::string_view text);

}  // namespace quiver::query::dsl
