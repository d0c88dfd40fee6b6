// Loading the benchmark's inputs: a corpus (JSON lines, one document per
// line, the text in one string field) and a query file (one query per line,
// TYPE<TAB>words, TYPE one of term, and, or, phrase).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace quiver::bench {

struct Corpus {
  std::vector<std::string> lines;  // the JSON lines as read (Quiver's _source)
  std::vector<std::string> texts;  // the text field of each line
  std::string field;
  uint64_t text_bytes = 0;
  uint64_t json_bytes = 0;
};

// Reads at most `max_docs` documents (0: all); lines without a string
// `field` are skipped. Exits with a message on unreadable input.
Corpus LoadCorpus(const std::string& path, const std::string& field, size_t max_docs);

enum class QueryType { kTerm, kAnd, kOr, kPhrase };
inline constexpr QueryType kQueryTypes[] = {QueryType::kTerm, QueryType::kAnd, QueryType::kOr,
                                            QueryType::kPhrase};
const char* QueryTypeName(QueryType type);

struct BenchQuery {
  QueryType type = QueryType::kTerm;
  std::string text;                // the words separated by single spaces
  std::vector<std::string> words;  // lowercase
};

// Exits with a message on a malformed line.
std::vector<BenchQuery> LoadQueries(const std::string& path, size_t max_per_type);

// JSON string literal of `s` (quotes included).
std::string JsonQuote(const std::string& s);

}  // namespace quiver::bench
