// The Lucene classic query parser (QueryParser.jj) as ES's query_string
// uses it: terms and consecutive bare terms analyzed together (Lucene's
// split_on_whitespace=false), `field:`, `*:`, AND/OR/NOT and && || !, + and
// -, groups with boosts, "phrases"~slop, fuzzy~N, prefix*, wild?cards,
// /regexps/, [inclusive TO ranges}, ^boosts and \ escapes. The parser owns
// the syntax and Lucene's boolean clause rules (addClause); the builder
// decides what each piece means (ES QueryStringQueryParser's get*Query).
//
// Groups may nest at most kMaxClassicNesting deep: deeper input fails with a
// parse error instead of exhausting the stack. Not thread-safe; one per call.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "query/query.h"

namespace quiver::query::dsl {

inline constexpr int kMaxClassicNesting = 256;

// Query factories called by the parser. `field` is nullopt for the default
// field(s). A null QueryPtr means "no query" (all terms were stopwords).
class ClassicQueryBuilder {
 public:
  virtual ~ClassicQueryBuilder() = default;
  // Unquoted text (one term, or several consecutive bare terms).
  virtual Result<QueryPtr> FieldQuery(const std::optional<std::string>& field,
                                      const std::string& text) = 0;
  virtual Result<QueryPtr> PhraseQuery(const std::optional<std::string>& field,
                                       const std::string& text, int slop) = 0;
  virtual Result<QueryPtr> PrefixQuery(const std::optional<std::string>& field,
                                       const std::string& text) = 0;
  // `pattern` keeps its escapes.
  virtual Result<QueryPtr> WildcardQuery(const std::optional<std::string>& field,
                                         const std::string& pattern) = 0;
  virtual Result<QueryPtr> RegexpQuery(const std::optional<std::string>& field,
                                       const std::string& pattern) = 0;
  // `slop` is the fuzzy token as written: "~", "~1", "~0.5".
  virtual Result<QueryPtr> FuzzyQuery(const std::optional<std::string>& field,
                                      const std::string& text, const std::string& slop) = 0;
  virtual Result<QueryPtr> RangeQuery(const std::optional<std::string>& field,
                                      const std::optional<std::string>& lower,
                                      const std::optional<std::string>& upper, bool include_lower,
                                      bool include_upper) = 0;
};

struct ClassicParserOptions {
  bool default_operator_and = false;
  int phrase_slop = 0;
};

// Parses `query`. Syntax errors are parse_exception "Cannot parse
// '<query>': <reason>"; builder errors propagate unchanged. nullptr: no
// query (nothing but stopwords).
Result<QueryPtr> ParseClassicQuery(std::string_view query, const ClassicParserOptions& options,
                                   ClassicQueryBuilder* builder);

// Lucene's discardEscapeChar: removes `\` escapes (\uXXXX included).
Result<std::string> DiscardEscapeChars(std::string_view input);

}  // namespace quiver::query::dsl
