// fulltext_bench: Quiver's full-text engine in process against Xapian and
// SQLite FTS5, on the same corpus and queries, queries single-threaded
// (issue 3). Optionally the same queries through HTTP `_search` on a running
// `quiver serve` that holds the same corpus (bench/text/run_text.py does the
// server part).
//
//   fulltext_bench --corpus C.jsonl --queries Q.tsv [--field text]
//     [--analysis standard|english] [--engines quiver,xapian,fts5]
//     [--k 10,100] [--rounds 3] [--max-docs N] [--max-queries-per-type N]
//     [--work-dir DIR] [--http-port P --http-index NAME] [--title T]
//
// Every engine indexes the whole corpus first (timed, one at a time). Then
// the exact hit count of every query is compared across engines (untimed),
// and `rounds` passes run every (k, query type, engine) in an order rotated
// per pass; each query keeps its fastest time over the passes, so load from
// other processes on a shared machine hits every engine alike. p50/p99 are
// over those per-query times and QPS = queries / sum of them. Prints
// Markdown tables (ratios are Quiver / peer) on stdout, progress on stderr.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/json.h"
#include "corpus.h"
#include "http_search_client.h"
#include "text_engine.h"

using namespace quiver;
using namespace quiver::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Flags {
  std::string corpus, queries, field = "text", analysis = "standard", work_dir, title;
  std::string http_index;
  std::vector<std::string> engines = {"quiver", "xapian", "fts5"};
  std::vector<size_t> ks = {10, 100};
  uint32_t rounds = 3, max_docs = 0, max_per_type = 0;
  int http_port = 0;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool Parse(int argc, char** argv, Flags* f) {
  using Setter = std::function<void(const std::string&)>;
  auto u32 = [](uint32_t* dst) {
    return Setter([dst](const std::string& v) { *dst = std::stoul(v); });
  };
  auto str = [](std::string* dst) { return Setter([dst](const std::string& v) { *dst = v; }); };
  const std::map<std::string, Setter> setters = {
      {"--corpus", str(&f->corpus)},
      {"--queries", str(&f->queries)},
      {"--field", str(&f->field)},
      {"--analysis", str(&f->analysis)},
      {"--work-dir", str(&f->work_dir)},
      {"--title", str(&f->title)},
      {"--http-index", str(&f->http_index)},
      {"--http-port", [f](const std::string& v) { f->http_port = std::stoi(v); }},
      {"--engines", [f](const std::string& v) { f->engines = Split(v); }},
      {"--k",
       [f](const std::string& v) {
         f->ks.clear();
         for (const auto& s : Split(v)) f->ks.push_back(std::stoul(s));
       }},
      {"--rounds", u32(&f->rounds)},
      {"--max-docs", u32(&f->max_docs)},
      {"--max-queries-per-type", u32(&f->max_per_type)},
  };
  for (int i = 1; i + 1 < argc; i += 2) {
    auto it = setters.find(argv[i]);
    if (it == setters.end()) {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return false;
    }
    it->second(argv[i + 1]);
  }
  if (f->corpus.empty() || f->queries.empty()) {
    std::fprintf(stderr, "--corpus and --queries are required\n");
    return false;
  }
  if (f->analysis != "standard" && f->analysis != "english") {
    std::fprintf(stderr, "--analysis must be standard or english\n");
    return false;
  }
  if (f->rounds == 0) f->rounds = 1;
  return true;
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct LatencyStats {
  double p50_ms = 0, p99_ms = 0, qps = 0;
};

LatencyStats Summarize(std::vector<double> seconds) {
  LatencyStats s;
  if (seconds.empty()) return s;
  double sum = 0;
  for (double x : seconds) sum += x;
  std::sort(seconds.begin(), seconds.end());
  auto pct = [&](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(seconds.size() - 1) + 0.5);
    return seconds[std::min(i, seconds.size() - 1)] * 1e3;
  };
  s.p50_ms = pct(0.50);
  s.p99_ms = pct(0.99);
  s.qps = sum > 0 ? static_cast<double>(seconds.size()) / sum : 0;
  return s;
}

std::string Fmt(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

std::string Thousands(double v) {
  std::string digits = std::to_string(static_cast<long long>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Ratio(double a, double b) { return b > 0 ? Fmt(a / b, 2) + "×" : "–"; }

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!Parse(argc, argv, &flags)) return 2;
  const Analysis analysis = flags.analysis == "english" ? Analysis::kEnglish : Analysis::kStandard;

  auto t0 = Clock::now();
  Corpus corpus = LoadCorpus(flags.corpus, flags.field, flags.max_docs);
  std::vector<BenchQuery> queries = LoadQueries(flags.queries, flags.max_per_type);
  std::fprintf(stderr, "loaded %zu docs (%.1f MB text) and %zu queries in %.1fs\n",
               corpus.texts.size(), corpus.text_bytes / 1e6, queries.size(),
               Seconds(t0, Clock::now()));

  std::string work = flags.work_dir;
  if (work.empty()) {
    char tmpl[] = "/tmp/fulltext-bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return 1;
    work = tmpl;
  }

  std::vector<std::unique_ptr<TextEngine>> engines;
  for (const auto& e : flags.engines) {
    if (e == "quiver") {
      engines.push_back(MakeQuiverEngine(analysis, flags.field));
    } else if (e == "xapian") {
      engines.push_back(MakeXapianEngine(analysis));
    } else if (e == "fts5") {
      engines.push_back(MakeSqliteEngine(analysis));
    } else {
      std::fprintf(stderr, "unknown engine %s\n", e.c_str());
      return 2;
    }
  }

  // ---- indexing
  std::vector<IndexStats> index_stats;
  for (auto& engine : engines) {
    std::string dir = work + "/" + engine->name();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::fprintf(stderr, "indexing with %s...\n", engine->name().c_str());
    double cpu0 = CpuSeconds();
    index_stats.push_back(engine->Index(corpus, dir));
    index_stats.back().cpu_seconds = CpuSeconds() - cpu0;
    std::fprintf(stderr, "  %.2fs, %s bytes\n", index_stats.back().seconds,
                 Thousands(static_cast<double>(index_stats.back().index_bytes)).c_str());
  }

  // ---- sanity: exact hit counts per query, compared across engines
  std::vector<std::vector<uint64_t>> counts(engines.size());
  for (size_t e = 0; e < engines.size(); ++e) {
    for (const auto& q : queries) counts[e].push_back(engines[e]->Count(q));
  }
  // Top-10 overlap of Quiver's hits with each peer's (rankings differ by
  // the BM25 variants and tokenizers; a sanity check, not a goal).
  std::vector<double> overlap(engines.size(), 0);
  {
    std::vector<uint64_t> a, b;
    for (const auto& q : queries) {
      engines[0]->Search(q, 10, &a);
      std::sort(a.begin(), a.end());
      for (size_t e = 1; e < engines.size(); ++e) {
        engines[e]->Search(q, 10, &b);
        size_t common = 0;
        for (uint64_t d : b) common += std::binary_search(a.begin(), a.end(), d) ? 1 : 0;
        size_t denom = std::max(a.size(), b.size());
        overlap[e] += denom == 0 ? 1.0 : static_cast<double>(common) / denom;
      }
    }
  }

  // ---- timed passes
  // times[e][k][q]: fastest time of query q at ks[k] on engine e.
  std::vector<std::vector<std::vector<double>>> times(
      engines.size(),
      std::vector<std::vector<double>>(flags.ks.size(), std::vector<double>(queries.size(), 1e9)));
  std::vector<uint64_t> docs;
  docs.reserve(1000);
  for (uint32_t round = 0; round < flags.rounds; ++round) {
    std::fprintf(stderr, "pass %u/%u\n", round + 1, flags.rounds);
    for (size_t ki = 0; ki < flags.ks.size(); ++ki) {
      for (QueryType type : kQueryTypes) {
        for (size_t j = 0; j < engines.size(); ++j) {
          size_t e = (j + round) % engines.size();
          for (size_t qi = 0; qi < queries.size(); ++qi) {
            if (queries[qi].type != type) continue;
            auto start = Clock::now();
            engines[e]->Search(queries[qi], flags.ks[ki], &docs);
            double s = Seconds(start, Clock::now());
            times[e][ki][qi] = std::min(times[e][ki][qi], s);
          }
        }
      }
    }
  }

  // ---- HTTP _search on a running server holding the same corpus
  std::vector<std::vector<double>> http_times;
  size_t http_same_topk = 0, http_checked = 0, http_errors = 0;
  if (flags.http_port > 0) {
    HttpSearchClient client(flags.http_port);
    std::string path = "/" + flags.http_index + "/_search";
    http_times.assign(flags.ks.size(), std::vector<double>(queries.size(), 1e9));
    std::string response;
    for (uint32_t round = 0; round < flags.rounds; ++round) {
      std::fprintf(stderr, "http pass %u/%u\n", round + 1, flags.rounds);
      for (size_t ki = 0; ki < flags.ks.size(); ++ki) {
        for (size_t qi = 0; qi < queries.size(); ++qi) {
          std::string body = R"({"size": )" + std::to_string(flags.ks[ki]) +
                             R"(, "track_total_hits": false, "_source": false, "query": )" +
                             EsQueryJson(queries[qi], flags.field) + "}";
          auto start = Clock::now();
          int status = client.Post(path, body, &response);
          double s = Seconds(start, Clock::now());
          if (status != 200) {
            if (++http_errors <= 3) {
              std::fprintf(stderr, "http %d: %s\n", status, response.substr(0, 300).c_str());
            }
            continue;
          }
          http_times[ki][qi] = std::min(http_times[ki][qi], s);
          if (round == 0 && ki == 0 && engines[0]->name() == "Quiver") {
            // The same top-k as in process (ids are corpus line numbers).
            auto v = ParseJson(response);
            const json::value* hits = v.ok() ? JsonFindPath(*v, "hits.hits") : nullptr;
            std::vector<uint64_t> got;
            if (hits != nullptr && hits->is_array()) {
              for (const auto& h : hits->as_array()) {
                const json::value* id = JsonFind(h, "_id");
                if (id != nullptr && id->is_string()) {
                  got.push_back(std::strtoull(id->as_string().c_str(), nullptr, 10));
                }
              }
            }
            engines[0]->Search(queries[qi], flags.ks[ki], &docs);
            ++http_checked;
            if (got == docs) ++http_same_topk;
          }
        }
      }
    }
  }

  // ---- report
  const std::string ana = flags.analysis;
  std::printf("### %s\n\n", flags.title.empty() ? flags.corpus.c_str() : flags.title.c_str());
  std::printf(
      "Corpus `%s` (field `%s`): %s documents, %.1f MB of text (%.1f MB of JSON "
      "lines); queries `%s`: %zu (",
      flags.corpus.c_str(), flags.field.c_str(),
      Thousands(static_cast<double>(corpus.texts.size())).c_str(), corpus.text_bytes / 1e6,
      corpus.json_bytes / 1e6, flags.queries.c_str(), queries.size());
  for (QueryType type : kQueryTypes) {
    size_t n = std::count_if(queries.begin(), queries.end(),
                             [&](const BenchQuery& q) { return q.type == type; });
    std::printf("%s%s %zu", type == QueryType::kTerm ? "" : ", ", QueryTypeName(type), n);
  }
  std::printf("); analysis `%s`; %u timed passes, fastest time per query kept.\n\n", ana.c_str(),
              flags.rounds);
  for (const auto& engine : engines) {
    std::printf("- **%s**: %s\n", engine->name().c_str(), engine->Describe().c_str());
  }
  std::printf("\n");

  // Indexing.
  std::printf(
      "| indexing | docs/s | MB/s (text) | seconds | CPU seconds | docs per CPU-s | "
      "index size | size note |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---|\n");
  for (size_t e = 0; e < engines.size(); ++e) {
    const auto& s = index_stats[e];
    std::string secs = Fmt(s.seconds, 2);
    if (s.extra_seconds > 0) secs += " (final merge " + Fmt(s.extra_seconds, 2) + ")";
    std::printf("| %s | %s | %.2f | %s | %.2f | %s | %.1f MB | %s |\n", engines[e]->name().c_str(),
                Thousands(corpus.texts.size() / s.seconds).c_str(),
                corpus.text_bytes / 1e6 / s.seconds, secs.c_str(), s.cpu_seconds,
                Thousands(corpus.texts.size() / s.cpu_seconds).c_str(), s.index_bytes / 1e6,
                s.size_note.c_str());
  }
  std::printf("\n");
  for (size_t e = 1; e < engines.size(); ++e) {
    const auto& q = index_stats[0];
    const auto& p = index_stats[e];
    double peer_fast = p.seconds - p.extra_seconds;
    std::string merge_note;
    if (p.extra_seconds > 0) {
      merge_note = ", " + Ratio(peer_fast, q.seconds) + " against " + engines[e]->name() +
                   " without its final merge";
    }
    std::printf(
        "- Quiver/%s: indexing speed (wall) %s%s; per CPU-second %s; index size %s\n",
        engines[e]->name().c_str(), Ratio(p.seconds, q.seconds).c_str(), merge_note.c_str(),
        Ratio(p.cpu_seconds, q.cpu_seconds).c_str(),
        Ratio(static_cast<double>(q.index_bytes), static_cast<double>(p.index_bytes)).c_str());
  }
  std::printf("\n");

  // Hit counts.
  std::printf("| hit counts (exact) | queries |");
  for (size_t e = 1; e < engines.size(); ++e) {
    std::printf(" = %s | median %s/Quiver |", engines[e]->name().c_str(),
                engines[e]->name().c_str());
  }
  std::printf(" median hits (Quiver) |\n|---|---:|");
  for (size_t e = 1; e < engines.size(); ++e) std::printf("---:|---:|");
  std::printf("---:|\n");
  std::vector<std::string> examples;
  for (QueryType type : kQueryTypes) {
    std::vector<size_t> idx;
    for (size_t qi = 0; qi < queries.size(); ++qi) {
      if (queries[qi].type == type) idx.push_back(qi);
    }
    if (idx.empty()) continue;
    std::printf("| %s | %zu |", QueryTypeName(type), idx.size());
    for (size_t e = 1; e < engines.size(); ++e) {
      size_t same = 0;
      std::vector<double> rel;
      for (size_t qi : idx) {
        if (counts[e][qi] == counts[0][qi]) {
          ++same;
        } else if (examples.size() < 40) {
          examples.push_back(std::string(QueryTypeName(type)) + " `" + queries[qi].text +
                             "`: " + engines[0]->name() + " " + std::to_string(counts[0][qi]) +
                             ", " + engines[e]->name() + " " + std::to_string(counts[e][qi]));
        }
        if (counts[0][qi] > 0) rel.push_back(static_cast<double>(counts[e][qi]) / counts[0][qi]);
      }
      std::sort(rel.begin(), rel.end());
      std::printf(" %zu | %s |", same, rel.empty() ? "–" : Fmt(rel[rel.size() / 2], 3).c_str());
    }
    std::vector<uint64_t> own;
    for (size_t qi : idx) own.push_back(counts[0][qi]);
    std::sort(own.begin(), own.end());
    std::printf(" %s |\n", Thousands(static_cast<double>(own[own.size() / 2])).c_str());
  }
  std::printf("\n");
  for (size_t e = 1; e < engines.size(); ++e) {
    std::printf("- Top-10 overlap Quiver ∩ %s (mean over all queries): %.1f%%\n",
                engines[e]->name().c_str(), 100 * overlap[e] / queries.size());
  }
  if (!examples.empty()) {
    std::printf("- Count mismatches (first %zu): %s\n", examples.size(),
                [&] {
                  std::string s;
                  for (const auto& x : examples) s += (s.empty() ? "" : "; ") + x;
                  return s;
                }()
                    .c_str());
  }
  std::printf("\n");

  // Latency.
  std::printf("| type | k |");
  for (const auto& engine : engines) {
    std::printf(" %s p50 ms | p99 ms | QPS |", engine->name().c_str());
  }
  for (size_t e = 1; e < engines.size(); ++e) {
    std::printf(" p50 Q/%s | p99 Q/%s |", engines[e]->name().substr(0, 1).c_str(),
                engines[e]->name().substr(0, 1).c_str());
  }
  std::printf("\n|---|---:|");
  for (size_t e = 0; e < engines.size(); ++e) std::printf("---:|---:|---:|");
  for (size_t e = 1; e < engines.size(); ++e) std::printf("---:|---:|");
  std::printf("\n");
  std::map<std::pair<size_t, int>, std::vector<LatencyStats>> lat;
  for (size_t ki = 0; ki < flags.ks.size(); ++ki) {
    for (QueryType type : kQueryTypes) {
      std::vector<LatencyStats> row;
      for (size_t e = 0; e < engines.size(); ++e) {
        std::vector<double> t;
        for (size_t qi = 0; qi < queries.size(); ++qi) {
          if (queries[qi].type == type) t.push_back(times[e][ki][qi]);
        }
        row.push_back(Summarize(t));
      }
      lat[{ki, static_cast<int>(type)}] = row;
      std::printf("| %s | %zu |", QueryTypeName(type), flags.ks[ki]);
      for (const auto& s : row) {
        std::printf(" %s | %s | %s |", Fmt(s.p50_ms).c_str(), Fmt(s.p99_ms).c_str(),
                    Thousands(s.qps).c_str());
      }
      for (size_t e = 1; e < engines.size(); ++e) {
        std::printf(" %s | %s |", Ratio(row[0].p50_ms, row[e].p50_ms).c_str(),
                    Ratio(row[0].p99_ms, row[e].p99_ms).c_str());
      }
      std::printf("\n");
    }
  }
  std::printf("\n");

  if (!http_times.empty()) {
    std::printf(
        "| HTTP `_search` (1 keep-alive connection) | k | p50 ms | p99 ms | QPS | "
        "QPS HTTP / in-process |\n|---|---:|---:|---:|---:|---:|\n");
    for (size_t ki = 0; ki < flags.ks.size(); ++ki) {
      for (QueryType type : kQueryTypes) {
        std::vector<double> t;
        for (size_t qi = 0; qi < queries.size(); ++qi) {
          if (queries[qi].type == type && http_times[ki][qi] < 1e9) t.push_back(http_times[ki][qi]);
        }
        LatencyStats s = Summarize(t);
        double inproc = lat[{ki, static_cast<int>(type)}][0].qps;
        std::printf("| %s | %zu | %s | %s | %s | %s |\n", QueryTypeName(type), flags.ks[ki],
                    Fmt(s.p50_ms).c_str(), Fmt(s.p99_ms).c_str(), Thousands(s.qps).c_str(),
                    inproc > 0 ? Fmt(s.qps / inproc, 2).c_str() : "–");
      }
    }
    std::printf(
        "\n- HTTP top-%zu identical to in-process for %zu of %zu queries; %zu HTTP "
        "errors.\n\n",
        flags.ks[0], http_same_topk, http_checked, http_errors);
  }

  if (flags.work_dir.empty()) std::filesystem::remove_all(work);
  return 0;
}
