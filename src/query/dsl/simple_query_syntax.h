// Lucene's SimpleQueryParser syntax (ES simple_query_string): `+` and,
// `|` or, `-` not, "phrases" with ~slop, prefix*, fuzzy~N, ( ) precedence,
// `\` escapes, whitespace; each operator can be switched off with flags.
// It never fails on syntax: unbalanced quotes and parentheses are treated
// as ordinary characters, as in Lucene. Nesting is handled with an explicit
// stack, so deeply nested input cannot exhaust the call stack.
#pragma once

#include <string_view>

#include "common/status.h"
#include "query/dsl/query_nodes.h"
#include "query/query.h"

namespace quiver::query::dsl {

// SimpleQueryParser flags (ES SimpleQueryStringFlag values).
inline constexpr int kSqsAnd = 1 << 0;
inline constexpr int kSqsNot = 1 << 1;
inline constexpr int kSqsOr = 1 << 2;
inline constexpr int kSqsPrefix = 1 << 3;
inline constexpr int kSqsPhrase = 1 << 4;
inline constexpr int kSqsPrecedence = 1 << 5;
inline constexpr int kSqsEscape = 1 << 6;
inline constexpr int kSqsWhitespace = 1 << 7;
inline constexpr int kSqsFuzzy = 1 << 8;
inline constexpr int kSqsNear = 1 << 9;  // ~N after phrases
inline constexpr int kSqsSlop = kSqsNear;
inline constexpr int kSqsAll = -1;

class SimpleQueryBuilder {
 public:
  virtual ~SimpleQueryBuilder() = default;
  // A plain term (analyzed). nullptr: no terms.
  virtual Result<QueryPtr> DefaultQuery(std::string_view text) = 0;
  virtual Result<QueryPtr> FuzzyQuery(std::string_view text, int fuzziness) = 0;
  virtual Result<QueryPtr> PhraseQuery(std::string_view text, int slop) = 0;
  virtual Result<QueryPtr> PrefixQuery(std::string_view text) = 0;
};

// Parses `text`; "*" alone matches everything; no clause at all yields
// match_none "empty string passed to query parser". Errors come only from
// the builder.
Result<QueryPtr> ParseSimpleQuery(std::string_view text, int flags, Occur default_operator,
                                  SimpleQueryBuilder* builder);

}  // namespace quiver::query::dsl
