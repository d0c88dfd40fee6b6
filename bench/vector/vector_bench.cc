// vector_bench: Quiver's ANN indexes against hnswlib and FAISS, in one
// process on the same data, queries run single-threaded.
//
//   vector_bench --base X.fvecs --query Y.fvecs --gt Z.ivecs --metric l2|ip|cosine
//     [--k 10] [--indexes hnsw,int8_hnsw,ivf,int8_ivf,flat,int8_flat]
//     [--peers hnswlib,faiss_hnsw,faiss_ivf] [--hnsw-m 16] [--ef-construction 100]
//     [--ef-search 10,20,40,80,160] [--nlist 1024] [--nprobe 1,2,4,8,16,32]
//     [--oversample 3] [--build-threads 1] [--max-base N] [--max-queries N]
//     [--target-recall 0.95] [--mem-bandwidth-gbs 28] [--rounds 3]
//     [--cache-dir DIR]
//
// --cache-dir keeps built indexes (Quiver's serialized buffer, hnswlib's
// saveIndex file) with their build times, keyed by data set and build
// parameters, and loads them on later runs: for iterating on search code
// only. A cached Quiver index is stale once the build code changes, and
// cached rows report the build time and RSS of the run that built them.
//
// Every index is built first; then `rounds` passes over all configurations
// run interleaved, and each configuration keeps its fastest pass, so load
// from other processes on a shared machine hits every library alike. QPS is
// also given per CPU-second of the searching thread (cpu QPS), and build
// time as process CPU time next to wall time, both robust to preemption.
//
// Prints one row per (index, search parameter): recall@k, QPS, p50/p99
// latency, build time, index bytes and RSS delta; then, at the target recall,
// the QPS ratio of each Quiver index to its peer (fastest configuration of
// each reaching the target), build-time and memory ratios, and for IVF how
// close the scan is to the memory-bandwidth bound.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ann_peer.h"
#include "texmex_io.h"
#include "vector/distances.h"
#include "vector/ivf_index.h"
#include "vector/vector_index_reader.h"
#include "vector/vector_index_writer.h"

using namespace quiver;
using namespace quiver::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Flags {
  std::string base, query, gt, metric = "l2";
  uint32_t k = 10;
  std::vector<std::string> indexes = {"hnsw", "int8_hnsw", "ivf"};
  std::vector<std::string> peers = {"hnswlib", "faiss_hnsw", "faiss_ivf"};
  uint32_t m = 16, ef_construction = 100, nlist = 1024, build_threads = 1;
  std::vector<int> ef_search = {10, 20, 40, 80, 160};
  std::vector<int> nprobe = {1, 2, 4, 8, 16, 32};
  float oversample = 3;
  uint32_t max_base = 0, max_queries = 0;
  double target = 0.95, bandwidth_gbs = 28;
  uint32_t rounds = 3;
  std::string cache_dir;
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

std::vector<int> SplitInts(const std::string& s) {
  std::vector<int> out;
  for (const auto& p : Split(s)) out.push_back(std::atoi(p.c_str()));
  return out;
}

bool Parse(int argc, char** argv, Flags* f) {
  using Setter = std::function<void(const std::string&)>;
  auto u32 = [](uint32_t* dst) {
    return Setter([dst](const std::string& v) { *dst = std::stoul(v); });
  };
  const std::map<std::string, Setter> setters = {
      {"--base", [f](const std::string& v) { f->base = v; }},
      {"--query", [f](const std::string& v) { f->query = v; }},
      {"--gt", [f](const std::string& v) { f->gt = v; }},
      {"--metric", [f](const std::string& v) { f->metric = v; }},
      {"--k", u32(&f->k)},
      {"--indexes", [f](const std::string& v) { f->indexes = Split(v); }},
      {"--peers", [f](const std::string& v) { f->peers = Split(v); }},
      {"--hnsw-m", u32(&f->m)},
      {"--ef-construction", u32(&f->ef_construction)},
      {"--ef-search", [f](const std::string& v) { f->ef_search = SplitInts(v); }},
      {"--nlist", u32(&f->nlist)},
      {"--nprobe", [f](const std::string& v) { f->nprobe = SplitInts(v); }},
      {"--oversample", [f](const std::string& v) { f->oversample = std::stof(v); }},
      {"--build-threads", u32(&f->build_threads)},
      {"--max-base", u32(&f->max_base)},
      {"--max-queries", u32(&f->max_queries)},
      {"--target-recall", [f](const std::string& v) { f->target = std::stod(v); }},
      {"--mem-bandwidth-gbs", [f](const std::string& v) { f->bandwidth_gbs = std::stod(v); }},
      {"--rounds", u32(&f->rounds)},
      {"--cache-dir", [f](const std::string& v) { f->cache_dir = v; }},
  };
  for (int i = 1; i + 1 < argc; i += 2) {
    auto it = setters.find(argv[i]);
    if (it == setters.end()) {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return false;
    }
    it->second(argv[i + 1]);
  }
  if (f->base.empty() || f->query.empty()) {
    std::fprintf(stderr, "--base and --query are required\n");
    return false;
  }
  if (f->peers.size() == 1 && f->peers[0] == "none") f->peers.clear();
  return true;
}

size_t RssBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long pages = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

double CpuSeconds(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Index cache (--cache-dir): <key>.bin plus <key>.build holding
// "wall_s cpu_s rss_delta_bytes".
struct BuildInfo {
  double wall_s = 0, cpu_s = 0;
  size_t rss_delta = 0;
};

std::string CacheKey(const Flags& f, const std::string& name, uint32_t rows) {
  std::string base = f.base.substr(f.base.find_last_of('/') + 1);
  return f.cache_dir + "/" + base + "-n" + std::to_string(rows) + "-" + f.metric + "-" + name +
         "-m" + std::to_string(f.m) + "-efc" + std::to_string(f.ef_construction) + "-nlist" +
         std::to_string(f.nlist) + "-t" + std::to_string(f.build_threads);
}

bool ReadBuildInfo(const std::string& key, BuildInfo* info) {
  FILE* f = std::fopen((key + ".build").c_str(), "r");
  if (f == nullptr) return false;
  bool ok = std::fscanf(f, "%lf %lf %zu", &info->wall_s, &info->cpu_s, &info->rss_delta) == 3;
  std::fclose(f);
  return ok;
}

void WriteBuildInfo(const std::string& key, const BuildInfo& info) {
  FILE* f = std::fopen((key + ".build").c_str(), "w");
  if (f == nullptr) return;
  std::fprintf(f, "%.3f %.3f %zu\n", info.wall_s, info.cpu_s, info.rss_delta);
  std::fclose(f);
}

bool ReadFile(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  out->resize(size > 0 ? static_cast<size_t>(size) : 0);
  bool ok = size >= 0 && std::fread(out->data(), 1, out->size(), f) == out->size();
  std::fclose(f);
  return ok;
}

void WriteFile(const std::string& path, const std::string& data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
}

struct Row {
  std::string library, index, param;
  std::string family;  // "hnsw", "ivf", "flat"
  double recall = 0, qps = 0, cpu_qps = 0, p50_us = 0, p99_us = 0, build_s = 0, build_cpu_s = 0;
  size_t index_bytes = 0, rss_delta = 0;
  double bw_bound_us = 0;  // IVF: memory-bandwidth bound per query
};

struct Runner {
  const Flags& flags;
  const FloatMatrix& queries;
  const IntMatrix& gt;
  std::vector<Row> rows;

  double Recall(const std::vector<std::vector<int64_t>>& results) const {
    size_t hits = 0, total = 0;
    for (uint32_t q = 0; q < queries.rows; ++q) {
      const int32_t* truth = gt.Row(q);
      for (uint32_t i = 0; i < flags.k; ++i) {
        ++total;
        for (uint32_t j = 0; j < flags.k && j < results[q].size(); ++j) {
          if (results[q][j] == truth[i]) {
            ++hits;
            break;
          }
        }
      }
    }
    return static_cast<double>(hits) / total;
  }

  // One pass over every query (after a short warm-up); keeps the fastest
  // pass's timings in `row`.
  void Measure(Row* row, const std::function<void(uint32_t, std::vector<int64_t>*)>& search) {
    std::vector<std::vector<int64_t>> results(queries.rows);
    for (uint32_t q = 0; q < std::min<uint32_t>(queries.rows, 100); ++q) search(q, &results[q]);
    std::vector<double> lat(queries.rows);
    double cpu0 = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    auto start = Clock::now();
    for (uint32_t q = 0; q < queries.rows; ++q) {
      auto t0 = Clock::now();
      search(q, &results[q]);
      lat[q] = Seconds(t0, Clock::now()) * 1e6;
    }
    double total = Seconds(start, Clock::now());
    double cpu = CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
    std::sort(lat.begin(), lat.end());
    double qps = queries.rows / total;
    if (qps > row->qps) {
      row->qps = qps;
      row->p50_us = lat[lat.size() / 2];
      row->p99_us = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
    }
    row->cpu_qps = std::max(row->cpu_qps, queries.rows / cpu);
    row->recall = Recall(results);
  }

  void Print(const Row& r) {
    std::printf(
        "| %-8s | %-10s | %-12s | %.4f | %9.0f | %9.0f | %8.1f | %8.1f | %7.2f / %7.2f | %9.1f | "
        "%9.1f |",
        r.library.c_str(), r.index.c_str(), r.param.c_str(), r.recall, r.qps, r.cpu_qps, r.p50_us,
        r.p99_us, r.build_s, r.build_cpu_s, r.index_bytes / 1048576.0, r.rss_delta / 1048576.0);
    if (r.bw_bound_us > 0)
      std::printf(" bw-bound %.1f us (%.2fx)", r.bw_bound_us, r.p50_us / r.bw_bound_us);
    std::printf("\n");
    std::fflush(stdout);
  }
};

vector::Metric ParseMetricOrDie(const std::string& name) {
  auto m = vector::ParseMetric(name);
  if (!m.ok()) {
    std::fprintf(stderr, "%s\n", m.status().ToString().c_str());
    std::exit(2);
  }
  return *m;
}

const Row* Best(const std::vector<Row>& rows, const std::string& library, const std::string& index,
                double target) {
  const Row* best = nullptr;
  for (const Row& r : rows) {
    if (r.library != library || r.index != index || r.recall < target) continue;
    if (best == nullptr || r.qps > best->qps) best = &r;
  }
  return best;
}

// QPS at exactly `target` recall, interpolated (log QPS, linear in recall)
// between the two configurations bracketing it; 0 when none reaches it.
double InterpolatedQps(const std::vector<Row>& rows, const std::string& library,
                       const std::string& index, double target, bool cpu) {
  std::vector<const Row*> sorted;
  for (const Row& r : rows) {
    if (r.library == library && r.index == index) sorted.push_back(&r);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const Row* a, const Row* b) { return a->recall < b->recall; });
  auto qps = [cpu](const Row* r) { return cpu ? r->cpu_qps : r->qps; };
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i]->recall < target) continue;
    if (i == 0 || sorted[i]->recall == sorted[i - 1]->recall) return qps(sorted[i]);
    const Row* lo = sorted[i - 1];
    const Row* hi = sorted[i];
    double t = (target - lo->recall) / (hi->recall - lo->recall);
    return std::exp(std::log(qps(lo)) * (1 - t) + std::log(qps(hi)) * t);
  }
  return 0;
}

const Row* AnyRow(const std::vector<Row>& rows, const std::string& library,
                  const std::string& index) {
  for (const Row& r : rows) {
    if (r.library == library && r.index == index) return &r;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!Parse(argc, argv, &flags)) return 2;
  const vector::Metric metric = ParseMetricOrDie(flags.metric);
  auto base_r = ReadFvecs(flags.base, flags.max_base);
  auto query_r = ReadFvecs(flags.query, flags.max_queries);
  if (!base_r.ok() || !query_r.ok()) {
    std::fprintf(stderr, "%s %s\n", base_r.status().ToString().c_str(),
                 query_r.status().ToString().c_str());
    return 1;
  }
  FloatMatrix base = std::move(base_r).value(), queries = std::move(query_r).value();
  // Peers get normalized copies under cosine (inner product on unit vectors).
  FloatMatrix peer_base = base, peer_queries = queries;
  if (metric == vector::Metric::kCosine) {
    for (uint32_t i = 0; i < peer_base.rows; ++i) {
      vector::NormalizeInPlace(peer_base.data.data() + size_t{i} * base.dims, base.dims);
    }
    for (uint32_t i = 0; i < peer_queries.rows; ++i) {
      vector::NormalizeInPlace(peer_queries.data.data() + size_t{i} * base.dims, base.dims);
    }
  }
  IntMatrix gt;
  bool need_gt = flags.gt.empty() || flags.max_base != 0;
  if (!need_gt) {
    auto gt_r = ReadIvecs(flags.gt, queries.rows);
    if (!gt_r.ok() || gt_r->dims < flags.k) {
      std::fprintf(stderr, "bad ground truth: %s\n", gt_r.status().ToString().c_str());
      return 1;
    }
    gt = std::move(gt_r).value();
  } else {
    std::fprintf(stderr, "computing exact ground truth for this subset...\n");
    gt = ExactKnn(peer_base, peer_queries, flags.k, metric == vector::Metric::kL2, 2);
  }
  const bool ip = metric != vector::Metric::kL2;
  std::printf(
      "# vector_bench: %u base x %u dims, %u queries, metric %s, k %u, simd %s, "
      "build threads %u\n",
      base.rows, base.dims, queries.rows, flags.metric.c_str(), flags.k,
      vector::SimdLevelName(vector::Kernels().level), flags.build_threads);
  std::printf("# hnsw m %u ef_construction %u; ivf nlist %u; int8 oversample %.1f\n\n", flags.m,
              flags.ef_construction, flags.nlist, flags.oversample);
  Runner runner{flags, queries, gt, {}};
  // Configurations to measure, filled while building.
  std::vector<std::function<void(uint32_t, std::vector<int64_t>*)>> searches;
  std::vector<std::unique_ptr<char, decltype(&std::free)>> buffers;
  std::vector<std::unique_ptr<vector::VectorIndex>> indexes;
  std::vector<std::unique_ptr<AnnPeer>> peers;

  for (const std::string& name : flags.indexes) {
    auto type = vector::ParseIndexType(name);
    if (!type.ok()) {
      std::fprintf(stderr, "%s\n", type.status().ToString().c_str());
      return 2;
    }
    vector::VectorIndexOptions o;
    o.type = *type;
    o.metric = metric;
    o.dims = base.dims;
    o.hnsw.m = flags.m;
    o.hnsw.ef_construction = flags.ef_construction;
    o.ivf.nlist = flags.nlist;
    o.num_threads = flags.build_threads;
    const std::string key = flags.cache_dir.empty() ? "" : CacheKey(flags, name, base.rows);
    BuildInfo info;
    std::string bytes;
    const size_t rss0 = RssBytes();
    const bool cached = !key.empty() && ReadBuildInfo(key, &info) && ReadFile(key + ".bin", &bytes);
    if (!cached) {
      auto t0 = Clock::now();
      double cpu0 = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
      vector::VectorIndexWriter writer(o);
      for (uint32_t i = 0; i < base.rows; ++i) {
        Status st = writer.Add(i, std::span<const float>(base.Row(i), base.dims));
        if (!st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return 1;
        }
      }
      auto built = writer.Finish();
      if (!built.ok()) {
        std::fprintf(stderr, "%s\n", built.status().ToString().c_str());
        return 1;
      }
      bytes = std::move(built).value();
      info.wall_s = Seconds(t0, Clock::now());
      info.cpu_s = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
      if (!key.empty()) WriteFile(key + ".bin", bytes);
    } else {
      std::fprintf(stderr, "%s: cached %s.bin\n", name.c_str(), key.c_str());
    }
    const double build_s = info.wall_s;
    const double build_cpu_s = info.cpu_s;
    // 64-byte-aligned buffer, as the segment layer's mmap provides.
    std::unique_ptr<char, decltype(&std::free)> buffer(
        static_cast<char*>(std::aligned_alloc(64, (bytes.size() + 63) / 64 * 64)), &std::free);
    std::memcpy(buffer.get(), bytes.data(), bytes.size());
    size_t size = bytes.size();
    std::string().swap(bytes);
    auto index = vector::OpenVectorIndex(std::string_view(buffer.get(), size));
    if (!index.ok()) {
      std::fprintf(stderr, "%s\n", index.status().ToString().c_str());
      return 1;
    }
    if (!cached) {
      info.rss_delta = RssBytes() - std::min(RssBytes(), rss0);
      if (!key.empty()) WriteBuildInfo(key, info);
    }
    const size_t rss_delta = info.rss_delta;
    vector::VectorIndexStats stats = (*index)->Stats();
    const auto* ivf = dynamic_cast<const vector::IvfIndex*>(index->get());
    std::string family = name.find("hnsw") != std::string::npos  ? "hnsw"
                         : name.find("ivf") != std::string::npos ? "ivf"
                                                                 : "flat";
    std::vector<int> params = family == "hnsw"  ? flags.ef_search
                              : family == "ivf" ? flags.nprobe
                                                : std::vector<int>{0};
    for (int param : params) {
      Row row;
      row.library = "quiver";
      row.index = name;
      row.family = family;
      row.param = family == "hnsw"  ? "ef=" + std::to_string(param)
                  : family == "ivf" ? "nprobe=" + std::to_string(param)
                                    : "-";
      row.build_s = build_s;
      row.build_cpu_s = build_cpu_s;
      row.index_bytes = stats.search_memory_bytes;
      row.rss_delta = rss_delta;
      vector::SearchParams p;
      p.k = flags.k;
      p.ef_search = family == "hnsw" ? param : 0;
      p.nprobe = family == "ivf" ? param : 0;
      p.oversample = flags.oversample;
      const vector::VectorIndex* idx = index->get();
      const FloatMatrix* qs = &queries;
      searches.push_back([idx, qs, p](uint32_t q, std::vector<int64_t>* out) {
        auto r = idx->Search(std::span<const float>(qs->Row(q), qs->dims), p);
        out->clear();
        for (const auto& d : *r) out->push_back(d.doc);
      });
      if (ivf != nullptr && ivf->is_trained()) {
        // Bytes a query reads: the probed lists' vectors (or codes +
        // corrections) and the centroid table.
        double per_vector = vector::IsQuantized(*type) ? base.dims + 4.0 : base.dims * 4.0;
        double total = 0;
        for (uint32_t q = 0; q < queries.rows; ++q) {
          for (uint32_t l : ivf->ProbeOrder(std::span<const float>(queries.Row(q), base.dims),
                                            static_cast<uint32_t>(param))) {
            total += ivf->ListSize(l) * per_vector;
          }
        }
        double bytes_per_query = total / queries.rows + ivf->nlist() * base.dims * 4.0;
        row.bw_bound_us = bytes_per_query / (flags.bandwidth_gbs * 1e9) * 1e6;
      }
      runner.rows.push_back(row);
    }
    buffers.push_back(std::move(buffer));
    indexes.push_back(std::move(index).value());
  }

  for (const std::string& peer_name : flags.peers) {
    std::unique_ptr<AnnPeer> peer;
    std::string family;
    if (peer_name == "hnswlib") {
      peer = MakeHnswlibPeer(base.dims, ip, static_cast<int>(flags.m),
                             static_cast<int>(flags.ef_construction), base.rows);
      family = "hnsw";
    } else if (peer_name == "faiss_hnsw") {
      peer = MakeFaissHnswPeer(base.dims, ip, static_cast<int>(flags.m),
                               static_cast<int>(flags.ef_construction));
      family = "hnsw";
    } else if (peer_name == "faiss_ivf") {
      peer = MakeFaissIvfPeer(base.dims, ip, static_cast<int>(flags.nlist));
      family = "ivf";
    } else {
      std::fprintf(stderr, "unknown peer %s\n", peer_name.c_str());
      return 2;
    }
    const std::string key =
        flags.cache_dir.empty() ? "" : CacheKey(flags, "peer_" + peer_name, base.rows);
    BuildInfo info;
    if (key.empty() || !ReadBuildInfo(key, &info) || !peer->Load(key + ".bin")) {
      size_t rss0 = RssBytes();
      auto t0 = Clock::now();
      double cpu0 = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
      peer->Build(peer_base.data.data(), peer_base.rows, static_cast<int>(flags.build_threads));
      info.wall_s = Seconds(t0, Clock::now());
      info.cpu_s = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
      info.rss_delta = RssBytes() - std::min(RssBytes(), rss0);
      if (!key.empty() && peer->Save(key + ".bin")) WriteBuildInfo(key, info);
    } else {
      std::fprintf(stderr, "%s: cached %s.bin\n", peer_name.c_str(), key.c_str());
    }
    const double build_s = info.wall_s;
    const double build_cpu_s = info.cpu_s;
    const size_t rss_delta = info.rss_delta;
    for (int param : family == "hnsw" ? flags.ef_search : flags.nprobe) {
      Row row;
      row.library = peer_name.substr(0, peer_name.find('_'));
      row.index = peer_name == "hnswlib" ? "hnsw" : peer_name.substr(peer_name.find('_') + 1);
      row.library = peer_name == "hnswlib" ? "hnswlib" : "faiss";
      row.family = family;
      row.param = (family == "hnsw" ? "ef=" : "nprobe=") + std::to_string(param);
      row.build_s = build_s;
      row.build_cpu_s = build_cpu_s;
      row.index_bytes = peer->MemoryBytes();
      row.rss_delta = rss_delta;
      AnnPeer* pp = peer.get();
      const FloatMatrix* qs = &peer_queries;
      int k = static_cast<int>(flags.k);
      searches.push_back([pp, qs, k, param](uint32_t q, std::vector<int64_t>* out) {
        if (q == 0) pp->SetSearchParam(param);
        out->resize(k);
        pp->Search(qs->Row(q), k, out->data());
      });
      runner.rows.push_back(row);
    }
    peers.push_back(std::move(peer));
  }

  for (uint32_t round = 0; round < flags.rounds; ++round) {
    std::fprintf(stderr, "round %u/%u\n", round + 1, flags.rounds);
    for (size_t i = 0; i < searches.size(); ++i) {
      runner.Measure(&runner.rows[i], searches[i]);
    }
  }
  std::printf(
      "| library  | index      | param        | recall | QPS       | cpu QPS   | p50 us   | p99 us "
      "  | build s wall / cpu | index MiB | RSS d MiB |\n");
  std::printf(
      "|----------|------------|--------------|--------|-----------|-----------|----------|--------"
      "--|-------------------|-----------|-----------|\n");
  for (const Row& r : runner.rows) runner.Print(r);

  // Summary at the target recall.
  std::printf("\n## At recall@%u >= %.2f (fastest configuration of each reaching it)\n\n", flags.k,
              flags.target);
  struct Pair {
    std::string index, peer_library, peer_index, goal;
    double goal_ratio;
  };
  const Pair pairs[] = {
      {"hnsw", "hnswlib", "hnsw", "HNSW QPS >= 1.3x hnswlib", 1.3},
      {"hnsw", "faiss", "hnsw", "", 0},
      {"int8_hnsw", "hnswlib", "hnsw", "", 0},
      {"ivf", "faiss", "ivf", "IVF QPS >= 5x FAISS IVFFlat", 5.0},
      {"int8_ivf", "faiss", "ivf", "", 0},
  };
  for (const Pair& p : pairs) {
    const Row* a = Best(runner.rows, "quiver", p.index, flags.target);
    const Row* b = Best(runner.rows, p.peer_library, p.peer_index, flags.target);
    if (AnyRow(runner.rows, "quiver", p.index) == nullptr ||
        AnyRow(runner.rows, p.peer_library, p.peer_index) == nullptr) {
      continue;
    }
    if (a == nullptr || b == nullptr) {
      std::printf("- quiver %s vs %s %s: %s did not reach the target recall\n", p.index.c_str(),
                  p.peer_library.c_str(), p.peer_index.c_str(), a == nullptr ? "quiver" : "peer");
      continue;
    }
    double ratio = a->qps / b->qps;
    std::printf(
        "- quiver %s (%s, recall %.4f, %.0f QPS) vs %s %s (%s, recall %.4f, %.0f QPS): "
        "QPS ratio %.2fx",
        p.index.c_str(), a->param.c_str(), a->recall, a->qps, p.peer_library.c_str(),
        p.peer_index.c_str(), b->param.c_str(), b->recall, b->qps, ratio);
    if (!p.goal.empty())
      std::printf(" [goal %s: %s]", p.goal.c_str(), ratio >= p.goal_ratio ? "MET" : "NOT MET");
    std::printf("; cpu QPS ratio %.2fx", a->cpu_qps / b->cpu_qps);
    double ia = InterpolatedQps(runner.rows, "quiver", p.index, flags.target, false);
    double ib = InterpolatedQps(runner.rows, p.peer_library, p.peer_index, flags.target, false);
    double ca = InterpolatedQps(runner.rows, "quiver", p.index, flags.target, true);
    double cb = InterpolatedQps(runner.rows, p.peer_library, p.peer_index, flags.target, true);
    std::printf("; interpolated at recall %.2f: %.0f vs %.0f QPS = %.2fx (cpu %.2fx)", flags.target,
                ia, ib, ia / ib, ca / cb);
    std::printf("; build %.2fs vs %.2fs wall (%.2fx), %.2fs vs %.2fs cpu (%.2fx)", a->build_s,
                b->build_s, a->build_s / b->build_s, a->build_cpu_s, b->build_cpu_s,
                a->build_cpu_s / b->build_cpu_s);
    if (p.index == "hnsw" && p.peer_library == "hnswlib") {
      std::printf(" [goal build <= hnswlib (cpu): %s]",
                  a->build_cpu_s <= b->build_cpu_s ? "MET" : "NOT MET");
    }
    if (a->bw_bound_us > 0) {
      std::printf("; p50 %.1f us vs bandwidth bound %.1f us", a->p50_us, a->bw_bound_us);
    }
    std::printf("\n");
  }
  const Row* f = AnyRow(runner.rows, "quiver", "hnsw");
  const Row* q = Best(runner.rows, "quiver", "int8_hnsw", flags.target);
  if (f != nullptr && AnyRow(runner.rows, "quiver", "int8_hnsw") != nullptr) {
    const Row* qa = AnyRow(runner.rows, "quiver", "int8_hnsw");
    double ratio = static_cast<double>(qa->index_bytes) / f->index_bytes;
    std::printf(
        "- int8_hnsw search memory %.1f MiB vs hnsw %.1f MiB: %.3fx [goal <= 0.35x with "
        "recall >= %.2f: %s]\n",
        qa->index_bytes / 1048576.0, f->index_bytes / 1048576.0, ratio, flags.target,
        ratio <= 0.35 && q != nullptr ? "MET" : "NOT MET");
  }
  return 0;
}
