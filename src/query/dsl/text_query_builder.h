// TextQueryBuilder: analyzed query text to a query on one field, as
// Lucene's QueryBuilder and ES's MatchQueryParser build it — one term, a
// bool of terms (operator), synonyms at one position as a SynonymQuery,
// phrases with position gaps, phrase prefixes, bool prefixes, and token
// graphs from multi-word synonyms (articulation points; side paths as
// phrases when auto_generate_synonyms_phrase_query). Fuzziness turns terms
// into fuzzy queries. Subclasses override the node factories (cross_fields
// blends terms across fields).
//
// Errors are shard-level causes (see field_queries.h); with `lenient` a
// failing term becomes match_none. Not thread-safe; one per query build.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "common/status.h"
#include "query/dsl/field_lookup.h"
#include "query/dsl/fuzziness.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/text_analysis.h"
#include "query/query.h"

namespace quiver::query::dsl {

class ParseContext;

// ES MatchQueryParser.Type.
enum class TextQueryType { kBoolean, kPhrase, kPhrasePrefix, kBooleanPrefix };

struct TextQueryOptions {
  Occur occur = Occur::kShould;  // `operator`
  int phrase_slop = 0;
  bool enable_position_increments = true;
  bool auto_generate_synonyms_phrase_query = true;
  std::optional<Fuzziness> fuzziness;
  int fuzzy_prefix_length = 0;
  int max_expansions = 50;
  bool fuzzy_transpositions = true;
  bool lenient = false;
  // The `analyzer` option: replaces the field's search (and quote) analyzer.
  std::shared_ptr<const analysis::Analyzer> analyzer;
};

class TextQueryBuilder {
 public:
  TextQueryBuilder(const ParseContext& pc, FieldRef field, const TextQueryOptions& options);
  virtual ~TextQueryBuilder() = default;

  // ES MatchQueryParser.parse for this field: an unmapped field yields
  // "unmapped field [f]" match_none; a field without text search fails
  // ("Field [f] of type [dense_vector] does not support match queries");
  // nullptr means the text analyzed to no terms (zero_terms_query applies).
  Result<QueryPtr> Parse(TextQueryType type, std::string_view text);

  // Builds from text with a given analyzer (nullptr: the text is one term).
  Result<QueryPtr> BuildWithAnalyzer(TextQueryType type, std::string_view text,
                                     const analysis::Analyzer* analyzer);

  const FieldRef& field() const { return field_; }
  const FieldTextSearch& text_search() const { return tsi_; }
  // The analyzer Parse uses for `type`.
  const analysis::Analyzer* AnalyzerFor(TextQueryType type) const;

 protected:
  virtual Result<QueryPtr> NewTermQuery(const std::string& term);
  virtual Result<QueryPtr> NewSynonymQuery(const std::vector<std::string>& terms);
  virtual Result<QueryPtr> NewPrefixQuery(const std::string& term);
  virtual Result<QueryPtr> NewPhraseQuery(const std::vector<std::vector<std::string>>& terms,
                                          const std::vector<int>& positions, int slop);
  virtual Result<QueryPtr> NewPhrasePrefixQuery(const std::vector<std::vector<std::string>>& terms,
                                                const std::vector<int>& positions, int slop);
  // lenient: errors become "failed [field] query, caused by ..." match_none.
  Result<QueryPtr> Lenient(Result<QueryPtr> r) const;

  const ParseContext& pc_;
  FieldRef field_;
  FieldTextSearch tsi_;
  TextQueryOptions options_;

 private:
  Result<QueryPtr> CreateFieldQuery(const std::vector<AnalyzedToken>& tokens, int final_offset,
                                    TextQueryType type, Occur occur, int slop);
  Result<QueryPtr> AnalyzeMultiBoolean(const std::vector<AnalyzedToken>& tokens, int final_offset,
                                       Occur occur, bool prefix);
  Result<QueryPtr> AnalyzePhrase(const std::vector<AnalyzedToken>& tokens, int slop, bool prefix);
  Result<QueryPtr> AnalyzeGraphBoolean(const std::vector<AnalyzedToken>& tokens, int final_offset,
                                       Occur occur, bool prefix);
  Result<QueryPtr> AnalyzeGraphPhrase(const std::vector<AnalyzedToken>& tokens, TextQueryType type,
                                      int slop);
  bool auto_phrase_ = true;
};

// Lenient failure for a field (ES Queries.newLenientFieldQuery).
QueryPtr LenientFieldQuery(const std::string& field, const Status& cause);

}  // namespace quiver::query::dsl
