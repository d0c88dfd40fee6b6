// TextEngine: one full-text engine under benchmark (Quiver in process,
// Xapian, SQLite FTS5), indexing a corpus once and then answering top-k
// queries single-threaded. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "corpus.h"

namespace quiver::bench {

// How text becomes terms. kStandard: Unicode word boundaries + lowercase,
// no stemming, no stopwords. kEnglish: also stopwords and Snowball/Porter
// stemming (each engine's nearest equivalent; see Describe()).
enum class Analysis { kStandard, kEnglish };

struct IndexStats {
  double seconds = 0;        // everything up to a searchable, persisted index
  double extra_seconds = 0;  // of which: a final merge / optimize step (0: none)
  double cpu_seconds = 0;    // process CPU time of the whole Index call (set by the caller)
  uint64_t index_bytes = 0;  // index size as compared (see size_note)
  std::string size_note;     // what index_bytes counts
};

class TextEngine {
 public:
  virtual ~TextEngine() = default;
  virtual std::string name() const = 0;
  // The analysis and ranking as configured, for the report.
  virtual std::string Describe() const = 0;
  // Builds the index under `dir` (an empty directory owned by the engine).
  virtual IndexStats Index(const Corpus& corpus, const std::string& dir) = 0;
  // Top-k document numbers (0-based corpus line numbers), best first.
  virtual void Search(const BenchQuery& query, size_t k, std::vector<uint64_t>* docs) = 0;
  // The exact number of matching documents.
  virtual uint64_t Count(const BenchQuery& query) = 0;
};

std::unique_ptr<TextEngine> MakeQuiverEngine(Analysis analysis, const std::string& field);
std::unique_ptr<TextEngine> MakeXapianEngine(Analysis analysis);
std::unique_ptr<TextEngine> MakeSqliteEngine(Analysis analysis);

// The Elasticsearch query for `query` on `field` (the same body for the
// in-process engine and the HTTP _search run).
std::string EsQueryJson(const BenchQuery& query, const std::string& field);

}  // namespace quiver::bench
