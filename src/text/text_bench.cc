// Throughput benchmarks of the inverted index on a synthetic Zipfian
// corpus (not part of the tests): indexing (FieldInverter), serialization
// (WriteFieldIndex), postings decoding, term lookup and fuzzy enumeration.
//   build-text/src/text/text_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "text/automaton_terms_enum.h"
#include "text/bit_packing.h"
#include "text/field_index_reader.h"
#include "text/field_index_writer.h"
#include "text/field_inverter.h"
#include "text/levenshtein_automaton.h"
#include "text/pfor.h"

namespace quiver::text {
namespace {

struct Corpus {
  std::vector<std::string> vocabulary;
  // Docs as runs of vocabulary ids.
  std::vector<uint32_t> tokens;
  std::vector<uint32_t> doc_starts;  // num_docs + 1
};

// Zipf(s=1) over `vocab` random lowercase words; doc lengths 4..20 tokens
// ("short documents", like log lines or titles).
const Corpus& GetCorpus(uint32_t num_docs, uint32_t vocab) {
  static std::map<std::pair<uint32_t, uint32_t>, std::unique_ptr<Corpus>> cache;
  auto& slot = cache[{num_docs, vocab}];
  if (slot) return *slot;
  slot = std::make_unique<Corpus>();
  Corpus& c = *slot;
  std::mt19937_64 rng(42);
  std::set<std::string> seen;
  while (c.vocabulary.size() < vocab) {
    std::string w;
    const int len = 3 + static_cast<int>(rng() % 8);
    for (int i = 0; i < len; ++i) w.push_back(static_cast<char>('a' + rng() % 26));
    if (seen.insert(w).second) c.vocabulary.push_back(w);
  }
  std::vector<double> cdf(vocab);
  double total = 0;
  for (uint32_t i = 0; i < vocab; ++i) cdf[i] = total += 1.0 / (i + 1);
  std::uniform_real_distribution<double> u(0, total);
  for (uint32_t d = 0; d < num_docs; ++d) {
    c.doc_starts.push_back(static_cast<uint32_t>(c.tokens.size()));
    const int len = 4 + static_cast<int>(rng() % 17);
    for (int i = 0; i < len; ++i) {
      c.tokens.push_back(
          static_cast<uint32_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin()));
    }
  }
  c.doc_starts.push_back(static_cast<uint32_t>(c.tokens.size()));
  return c;
}

void Invert(const Corpus& c, FieldInverter* inverter) {
  const uint32_t num_docs = static_cast<uint32_t>(c.doc_starts.size() - 1);
  for (uint32_t d = 0; d < num_docs; ++d) {
    uint32_t pos = 0;
    uint32_t offset = 0;
    for (uint32_t i = c.doc_starts[d]; i < c.doc_starts[d + 1]; ++i) {
      const std::string& t = c.vocabulary[c.tokens[i]];
      inverter->AddToken(t, d, pos++, offset, offset + static_cast<uint32_t>(t.size()));
      offset += static_cast<uint32_t>(t.size()) + 1;
    }
    inverter->EndField(d, c.doc_starts[d + 1] - c.doc_starts[d]);
  }
}

struct BuiltIndex {
  FieldIndexParts parts;
  FieldIndexReader reader;
};

const BuiltIndex& GetIndex(uint32_t num_docs, uint32_t vocab, IndexOptions options) {
  static std::map<std::tuple<uint32_t, uint32_t, int>, std::unique_ptr<BuiltIndex>> cache;
  auto& slot = cache[{num_docs, vocab, static_cast<int>(options)}];
  if (slot) return *slot;
  const Corpus& c = GetCorpus(num_docs, vocab);
  FieldInverter inverter(options, true);
  Invert(c, &inverter);
  auto source = inverter.NewTermSource();
  slot = std::make_unique<BuiltIndex>();
  slot->parts = std::move(WriteFieldIndex(*source, num_docs, options, true)).value();
  slot->reader = std::move(FieldIndexReader::Open({slot->parts.terms, slot->parts.postings,
                                                   slot->parts.positions, slot->parts.norms}))
                     .value();
  return *slot;
}

void BM_FieldInverter(benchmark::State& state) {
  const IndexOptions options = static_cast<IndexOptions>(state.range(0));
  const Corpus& c = GetCorpus(100000, 50000);
  size_t ram = 0;
  for (auto _ : state) {
    FieldInverter inverter(options, true);
    Invert(c, &inverter);
    ram = inverter.ram_bytes();
    benchmark::DoNotOptimize(ram);
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["docs/s"] =
      benchmark::Counter(100000.0 * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["ram_bytes/token"] = static_cast<double>(ram) / c.tokens.size();
}
BENCHMARK(BM_FieldInverter)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

void BM_WriteFieldIndex(benchmark::State& state) {
  const IndexOptions options = static_cast<IndexOptions>(state.range(0));
  const Corpus& c = GetCorpus(100000, 50000);
  FieldInverter inverter(options, true);
  Invert(c, &inverter);
  size_t bytes = 0;
  for (auto _ : state) {
    auto source = inverter.NewTermSource();
    auto parts = WriteFieldIndex(*source, 100000, options, true);
    bytes = parts->terms.size() + parts->postings.size() + parts->positions.size() +
            parts->norms.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(c.tokens.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["bytes/token"] = static_cast<double>(bytes) / c.tokens.size();
}
BENCHMARK(BM_WriteFieldIndex)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

// Full iteration of the most frequent terms' postings.
void BM_PostingsNextDoc(benchmark::State& state) {
  const IndexOptions features = static_cast<IndexOptions>(state.range(0));
  const BuiltIndex& index = GetIndex(1000000, 50000, IndexOptions::kPositions);
  TermsEnum e = index.reader.NewTermsEnum();
  std::vector<TermState> terms;
  while (e.Next()) {
    if (e.doc_freq() >= 20000) terms.push_back(e.state());
  }
  PostingsIterator it;
  uint64_t docs = 0;
  for (auto _ : state) {
    for (const TermState& t : terms) {
      (void)index.reader.OpenPostings(t, features, &it);
      uint64_t sum = 0;
      for (uint32_t d = it.NextDoc(); d != kNoMoreDocs; d = it.NextDoc()) {
        sum += d + it.freq();
        if (HasPositions(features)) sum += it.NextPosition();
      }
      benchmark::DoNotOptimize(sum);
      docs += t.doc_freq;
    }
  }
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PostingsNextDoc)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// Advance by random strides (a conjunction's lead), docs decoded per call.
void BM_PostingsAdvance(benchmark::State& state) {
  const uint32_t stride = static_cast<uint32_t>(state.range(0));
  const BuiltIndex& index = GetIndex(1000000, 50000, IndexOptions::kPositions);
  TermState t;
  (void)index.reader.SeekExact(GetCorpus(1000000, 50000).vocabulary[0], &t);
  PostingsIterator it;
  std::mt19937 rng(1);
  uint64_t calls = 0;
  for (auto _ : state) {
    (void)index.reader.OpenPostings(t, IndexOptions::kFreqs, &it);
    uint32_t target = 0;
    while (it.Advance(target) != kNoMoreDocs) {
      target = it.doc() + 1 + rng() % stride;
      ++calls;
    }
  }
  state.counters["advances/s"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PostingsAdvance)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_DecodeBlock(benchmark::State& state) {
  ForceScalarBitPackingForTest(state.range(1) != 0);
  std::mt19937 rng(3);
  std::vector<uint32_t> values(128);
  for (auto& v : values) v = rng() & ((1u << state.range(0)) - 1);
  std::string enc;
  EncodePfor128(values.data(), &enc);
  const auto* p = reinterpret_cast<const uint8_t*>(enc.data());
  alignas(16) uint32_t out[128];
  for (auto _ : state) {
    benchmark::DoNotOptimize(DecodePfor128(p, p + enc.size(), out));
    GapsToDocs128(out, 0);
    benchmark::ClobberMemory();
  }
  state.SetLabel(BitPackingKernelName());
  ForceScalarBitPackingForTest(false);
}
BENCHMARK(BM_DecodeBlock)->Args({5, 0})->Args({12, 0})->Args({5, 1})->Args({12, 1});

void BM_TermLookup(benchmark::State& state) {
  const BuiltIndex& index = GetIndex(1000000, 50000, IndexOptions::kFreqs);
  const Corpus& c = GetCorpus(1000000, 50000);
  std::mt19937 rng(5);
  std::vector<std::string> probes;
  for (int i = 0; i < 4096; ++i) {
    std::string t = c.vocabulary[rng() % c.vocabulary.size()];
    if (i % 4 == 0) t.back() = '~';  // misses
    probes.push_back(t);
  }
  size_t i = 0;
  TermState t;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.reader.SeekExact(probes[i++ & 4095], &t));
  }
  state.counters["terms"] = static_cast<double>(index.reader.stats().num_terms);
}
BENCHMARK(BM_TermLookup);

void BM_FuzzyEnumerate(benchmark::State& state) {
  const BuiltIndex& index = GetIndex(1000000, 50000, IndexOptions::kFreqs);
  const Corpus& c = GetCorpus(1000000, 50000);
  std::mt19937 rng(6);
  FuzzyOptions o;
  o.max_edits = static_cast<int>(state.range(0));
  uint64_t matched = 0;
  for (auto _ : state) {
    auto f = CompiledFuzzy::Compile(c.vocabulary[rng() % c.vocabulary.size()], o);
    FuzzyTermsEnum e(index.reader, *f);
    while (e.Next()) ++matched;
  }
  state.counters["matches/query"] = static_cast<double>(matched) / state.iterations();
}
BENCHMARK(BM_FuzzyEnumerate)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace quiver::text

BENCHMARK_MAIN();
