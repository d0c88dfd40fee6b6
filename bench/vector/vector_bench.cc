// vector_bench: Quiver's ANN indexes against hnswlib and FAISS, in one
// process on the same data, queries run single-threaded.
//
//   vector_bench --base X.fvecs --query Y.fvecs --gt Z.ivecs --metric l2|ip|cosine
//     [--k 10] [--indexes hnsw,int8_hnsw,ivf,int8_ivf,flat,int8_flat]
//     [--peers hnswlib,faiss_hnsw,faiss_ivf] [--hnsw-m 16] [--ef-construction 100]
//     [--ef-search 10,20,40,80,160] [--nlist 1024] [--nprobe 1,2,4,8,16,32]
//     [--oversample 3] [--build-threads 1] [--max-base N] [--max-queries N]
//     [--target-recall 0.95] [--mem-bandwidth-gbs 28]
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
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--base")
      f->base = v;
    else if (a == "--query")
      f->query = v;
    else if (a == "--gt")
      f->gt = v;
    else if (a == "--metric")
      f->metric = v;
    else if (a == "--k")
      f->k = std::stoul(v);
    else if (a == "--indexes")
      f->indexes = Split(v);
    else if (a == "--peers")
      f->peers = Split(v);
    else if (a == "--hnsw-m")
      f->m = std::stoul(v);
    else if (a == "--ef-construction")
      f->ef_construction = std::stoul(v);
    else if (a == "--ef-search")
      f->ef_search = SplitInts(v);
    else if (a == "--nlist")
      f->nlist = std::stoul(v);
    else if (a == "--nprobe")
      f->nprobe = SplitInts(v);
    else if (a == "--oversample")
      f->oversample = std::stof(v);
    else if (a == "--build-threads")
      f->build_threads = std::stoul(v);
    else if (a == "--max-base")
      f->max_base = std::stoul(v);
    else if (a == "--max-queries")
      f->max_queries = std::stoul(v);
    else if (a == "--target-recall")
      f->target = std::stod(v);
    else if (a == "--mem-bandwidth-gbs")
      f->bandwidth_gbs = std::stod(v);
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return false;
    }
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

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

struct Row {
  std::string library, index, param;
  std::string family;  // "hnsw", "ivf", "flat"
  double recall = 0, qps = 0, p50_us = 0, p99_us = 0, build_s = 0;
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

  // Runs every query once (after a short warm-up), fills timing and recall.
  template <typename SearchFn>
  void Measure(Row* row, SearchFn&& search) {
    std::vector<std::vector<int64_t>> results(queries.rows);
    for (uint32_t q = 0; q < std::min<uint32_t>(queries.rows, 200); ++q) search(q, &results[q]);
    std::vector<double> lat(queries.rows);
    auto start = Clock::now();
    for (uint32_t q = 0; q < queries.rows; ++q) {
      auto t0 = Clock::now();
      search(q, &results[q]);
      lat[q] = Seconds(t0, Clock::now()) * 1e6;
    }
    double total = Seconds(start, Clock::now());
    std::sort(lat.begin(), lat.end());
    row->qps = queries.rows / total;
    row->p50_us = lat[lat.size() / 2];
    row->p99_us = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
    row->recall = Recall(results);
  }

  void Print(const Row& r) {
    std::printf("| %-8s | %-10s | %-12s | %.4f | %9.0f | %8.1f | %8.1f | %8.2f | %10.1f | %10.1f |",
                r.library.c_str(), r.index.c_str(), r.param.c_str(), r.recall, r.qps, r.p50_us,
                r.p99_us, r.build_s, r.index_bytes / 1048576.0, r.rss_delta / 1048576.0);
    if (r.bw_bound_us > 0)
      std::printf(" bw-bound %.1f us (%.2fx)", r.bw_bound_us, r.p50_us / r.bw_bound_us);
    std::printf("\n");
    std::fflush(stdout);
    rows.push_back(r);
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
  std::printf(
      "| library  | index      | param        | recall | QPS       | p50 us   | p99 us   | build s "
      " | index MiB  | RSS d MiB  |\n");
  std::printf(
      "|----------|------------|--------------|--------|-----------|----------|----------|---------"
      "-|------------|------------|\n");

  Runner runner{flags, queries, gt, {}};
  std::map<std::string, double> ivf_bytes_scanned;

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
    size_t rss0 = RssBytes();
    auto t0 = Clock::now();
    std::string bytes;
    {
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
    }
    double build_s = Seconds(t0, Clock::now());
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
    size_t rss_delta = RssBytes() - std::min(RssBytes(), rss0);
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
      row.index_bytes = stats.search_memory_bytes;
      row.rss_delta = rss_delta;
      vector::SearchParams p;
      p.k = flags.k;
      p.ef_search = family == "hnsw" ? param : 0;
      p.nprobe = family == "ivf" ? param : 0;
      p.oversample = flags.oversample;
      const vector::VectorIndex& idx = **index;
      runner.Measure(&row, [&](uint32_t q, std::vector<int64_t>* out) {
        auto r = idx.Search(std::span<const float>(queries.Row(q), base.dims), p);
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
      runner.Print(row);
    }
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
    size_t rss0 = RssBytes();
    auto t0 = Clock::now();
    peer->Build(peer_base.data.data(), peer_base.rows, static_cast<int>(flags.build_threads));
    double build_s = Seconds(t0, Clock::now());
    size_t rss_delta = RssBytes() - std::min(RssBytes(), rss0);
    for (int param : family == "hnsw" ? flags.ef_search : flags.nprobe) {
      Row row;
      row.library = peer_name.substr(0, peer_name.find('_'));
      row.index = peer_name == "hnswlib" ? "hnsw" : peer_name.substr(peer_name.find('_') + 1);
      row.library = peer_name == "hnswlib" ? "hnswlib" : "faiss";
      row.family = family;
      row.param = (family == "hnsw" ? "ef=" : "nprobe=") + std::to_string(param);
      row.build_s = build_s;
      row.index_bytes = peer->MemoryBytes();
      row.rss_delta = rss_delta;
      peer->SetSearchParam(param);
      std::vector<int64_t> labels(flags.k);
      runner.Measure(&row, [&](uint32_t q, std::vector<int64_t>* out) {
        peer->Search(peer_queries.Row(q), static_cast<int>(flags.k), labels.data());
        out->assign(labels.begin(), labels.end());
      });
      runner.Print(row);
    }
  }

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
    std::printf("; build %.2fs vs %.2fs (%.2fx)", a->build_s, b->build_s, a->build_s / b->build_s);
    if (p.index == "hnsw" && p.peer_library == "hnswlib") {
      std::printf(" [goal build <= hnswlib: %s]", a->build_s <= b->build_s ? "MET" : "NOT MET");
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
