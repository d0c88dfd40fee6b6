// make_synthetic: a seeded clustered data set with exact ground truth.
//
//   make_synthetic --out bench/data/synthetic [--n 1000000] [--queries 10000]
//                  [--dims 128] [--clusters 1000] [--k 100] [--seed 42] [--threads 2]
//
// Writes <out>_base.fvecs, <out>_query.fvecs and <out>_gt.ivecs (L2, k
// nearest base rows per query). Vectors are Gaussian blobs (per-cluster
// spread drawn in [0.05, 0.25]) around uniform centres in [-1, 1]^dims;
// queries come from the same distribution.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "texmex_io.h"

using namespace quiver;
using namespace quiver::bench;

int main(int argc, char** argv) {
  std::string out = "bench/data/synthetic";
  uint32_t n = 1000000, nq = 10000, dims = 128, clusters = 1000, k = 100, threads = 2;
  uint64_t seed = 42;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    const char* v = argv[i + 1];
    if (a == "--out")
      out = v;
    else if (a == "--n")
      n = std::strtoul(v, nullptr, 10);
    else if (a == "--queries")
      nq = std::strtoul(v, nullptr, 10);
    else if (a == "--dims")
      dims = std::strtoul(v, nullptr, 10);
    else if (a == "--clusters")
      clusters = std::strtoul(v, nullptr, 10);
    else if (a == "--k")
      k = std::strtoul(v, nullptr, 10);
    else if (a == "--seed")
      seed = std::strtoull(v, nullptr, 10);
    else if (a == "--threads")
      threads = std::strtoul(v, nullptr, 10);
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f), spread(0.05f, 0.25f);
  std::vector<float> centres(size_t{clusters} * dims), sigma(clusters);
  for (float& c : centres) c = u(rng);
  for (float& s : sigma) s = spread(rng);
  auto fill = [&](FloatMatrix* m, uint32_t rows) {
    m->rows = rows;
    m->dims = dims;
    m->data.resize(size_t{rows} * dims);
    std::uniform_int_distribution<uint32_t> pick(0, clusters - 1);
    std::normal_distribution<float> g(0.0f, 1.0f);
    for (uint32_t i = 0; i < rows; ++i) {
      uint32_t c = pick(rng);
      for (uint32_t j = 0; j < dims; ++j) {
        m->data[size_t{i} * dims + j] = centres[size_t{c} * dims + j] + sigma[c] * g(rng);
      }
    }
  };
  FloatMatrix base, queries;
  fill(&base, n);
  fill(&queries, nq);
  std::fprintf(stderr, "computing ground truth (%u x %u, k=%u)...\n", nq, n, k);
  IntMatrix gt = ExactKnn(base, queries, k, /*l2=*/true, threads);
  for (auto [path, st] :
       {std::pair{out + "_base.fvecs", WriteFvecs(out + "_base.fvecs", base)},
        std::pair{out + "_query.fvecs", WriteFvecs(out + "_query.fvecs", queries)},
        std::pair{out + "_gt.ivecs", WriteIvecs(out + "_gt.ivecs", gt)}}) {
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    std::printf("wrote %s\n", path.c_str());
  }
  return 0;
}
