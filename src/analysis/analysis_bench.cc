// Throughput of analysis on English text: tokens/s of the standard analyzer
// (the default for text fields) and friends. Corpus: the GNU Collaborative
// International Dictionary of English (Debian dict-gcide), read from
// /usr/share/dictd/gcide.dict.dz, or a generated text when it is missing.
//
//   analysis_bench [--benchmark_filter=...] [--corpus=/path/to/file.dz]
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis_registry.h"

namespace quiver::analysis {
namespace {

std::string corpus_path = "/usr/share/dictd/gcide.dict.dz";

// Up to `max_bytes` of the corpus (gzip/dictzip or plain).
std::string LoadCorpus(size_t max_bytes) {
  std::string out;
  gzFile f = gzopen(corpus_path.c_str(), "rb");
  if (f != nullptr) {
    out.resize(max_bytes);
    int n = gzread(f, out.data(), static_cast<unsigned>(max_bytes));
    gzclose(f);
    out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  }
  if (out.size() < max_bytes / 2) {
    std::mt19937 rng(1);
    static const char* kWords[] = {"the",      "of",     "and",   "a",        "to",      "in",
                                   "is",       "that",   "it",    "was",      "for",     "on",
                                   "analysis", "search", "index", "document", "quickly", "Token",
                                   "running",  "jumped", "1987",  "e-mail",   "O'Neil",  "café"};
    out.clear();
    while (out.size() < max_bytes) {
      out += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
      out += rng() % 12 == 0 ? ". " : " ";
    }
  }
  return out;
}

// The corpus cut into field values of about `words` words.
std::vector<std::string> Values(size_t words) {
  static const std::string corpus = LoadCorpus(8 << 20);
  std::vector<std::string> out;
  size_t start = 0;
  while (start < corpus.size() && out.size() < 200000) {
    size_t end = start;
    for (size_t w = 0; w < words && end < corpus.size(); ++w) {
      end = corpus.find(' ', end + 1);
      if (end == std::string::npos) end = corpus.size();
    }
    out.push_back(corpus.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void RunAnalyzer(benchmark::State& state, const char* name, size_t words) {
  auto analyzer = AnalysisRegistry::Global()->FindAnalyzer(name);
  const std::vector<std::string> values = Values(words);
  size_t tokens = 0, bytes = 0, docs = 0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& v = values[i++ % values.size()];
    Status st = analyzer->Analyze(v, [&](const Token& t) {
      benchmark::DoNotOptimize(t.term.data());
      ++tokens;
    });
    benchmark::DoNotOptimize(st);
    bytes += v.size();
    ++docs;
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["values/s"] =
      benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// Short field values (title-like): per-call overhead dominates.
void BM_StandardShortValues(benchmark::State& s) { RunAnalyzer(s, "standard", 8); }
// Paragraph-sized values: tokenizer throughput.
void BM_StandardParagraphs(benchmark::State& s) { RunAnalyzer(s, "standard", 200); }
void BM_WhitespaceParagraphs(benchmark::State& s) { RunAnalyzer(s, "whitespace", 200); }
void BM_EnglishParagraphs(benchmark::State& s) { RunAnalyzer(s, "english", 200); }
void BM_FrenchParagraphs(benchmark::State& s) { RunAnalyzer(s, "french", 200); }

BENCHMARK(BM_StandardShortValues);
BENCHMARK(BM_StandardShortValues)->Threads(2);
BENCHMARK(BM_StandardParagraphs);
BENCHMARK(BM_StandardParagraphs)->Threads(2);
BENCHMARK(BM_WhitespaceParagraphs);
BENCHMARK(BM_EnglishParagraphs);
BENCHMARK(BM_FrenchParagraphs);

}  // namespace
}  // namespace quiver::analysis

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--corpus=", 9) == 0) {
      quiver::analysis::corpus_path = argv[i] + 9;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      --i;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
