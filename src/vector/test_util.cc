#include "vector/test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <random>
#include <span>

#include "vector/vector_index_reader.h"

namespace quiver::vector::testing {

Dataset RandomDataset(uint32_t n, uint32_t num_queries, uint32_t dims, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  Dataset d;
  d.dims = dims;
  d.base.resize(size_t{n} * dims);
  d.queries.resize(size_t{num_queries} * dims);
  for (float& v : d.base) v = u(rng);
  for (float& v : d.queries) v = u(rng);
  return d;
}

Dataset ClusteredDataset(uint32_t n, uint32_t num_queries, uint32_t dims, uint32_t clusters,
                         uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::normal_distribution<float> g(0.0f, 0.15f);
  std::vector<float> centres(size_t{clusters} * dims);
  for (float& v : centres) v = u(rng);
  Dataset d;
  d.dims = dims;
  auto fill = [&](std::vector<float>* out, uint32_t count) {
    out->resize(size_t{count} * dims);
    std::uniform_int_distribution<uint32_t> pick(0, clusters - 1);
    for (uint32_t i = 0; i < count; ++i) {
      const float* c = centres.data() + size_t{pick(rng)} * dims;
      for (uint32_t j = 0; j < dims; ++j) (*out)[size_t{i} * dims + j] = c[j] + g(rng);
    }
  };
  fill(&d.base, n);
  fill(&d.queries, num_queries);
  return d;
}

std::vector<std::vector<uint32_t>> GroundTruth(const Dataset& data, Metric metric, uint32_t k,
                                               const DocFilter* filter, uint32_t doc_stride) {
  std::vector<std::vector<uint32_t>> truth(data.num_queries());
  std::vector<float> q(data.dims), x(data.dims);
  for (uint32_t qi = 0; qi < data.num_queries(); ++qi) {
    std::copy_n(data.Query(qi), data.dims, q.begin());
    std::vector<std::pair<double, uint32_t>> all;
    for (uint32_t i = 0; i < data.size(); ++i) {
      uint32_t doc = i * doc_stride;
      if (filter != nullptr && !filter->Accept(doc)) continue;
      const float* b = data.Base(i);
      double dot = 0, l2 = 0, nq = 0, nb = 0;
      for (uint32_t j = 0; j < data.dims; ++j) {
        double diff = double{q[j]} - b[j];
        l2 += diff * diff;
        dot += double{q[j]} * b[j];
        nq += double{q[j]} * q[j];
        nb += double{b[j]} * b[j];
      }
      double dist = metric == Metric::kL2             ? l2
                    : metric == Metric::kInnerProduct ? -dot
                                                      : -dot / std::sqrt(nq * nb);
      all.emplace_back(dist, doc);
    }
    size_t take = std::min<size_t>(k, all.size());
    std::partial_sort(all.begin(), all.begin() + take, all.end());
    for (size_t i = 0; i < take; ++i) truth[qi].push_back(all[i].second);
  }
  return truth;
}

double Recall(const std::vector<std::vector<uint32_t>>& truth,
              const std::vector<std::vector<ScoredDoc>>& results, uint32_t k) {
  size_t hits = 0, total = 0;
  for (size_t q = 0; q < truth.size(); ++q) {
    size_t want = std::min<size_t>(k, truth[q].size());
    total += want;
    for (size_t i = 0; i < want; ++i) {
      for (size_t j = 0; j < std::min<size_t>(k, results[q].size()); ++j) {
        if (results[q][j].doc == truth[q][i]) {
          ++hits;
          break;
        }
      }
    }
  }
  return total == 0 ? 1.0 : static_cast<double>(hits) / total;
}

std::string BuildIndex(const Dataset& data, const VectorIndexOptions& options,
                       uint32_t doc_stride) {
  VectorIndexWriter writer(options);
  for (uint32_t i = 0; i < data.size(); ++i) {
    Status st = writer.Add(i * doc_stride, std::span<const float>(data.Base(i), data.dims));
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  auto bytes = writer.Finish();
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? std::move(bytes).value() : std::string();
}

OpenedIndex Open(const std::string& bytes) {
  OpenedIndex opened;
  void* mem = std::aligned_alloc(64, (bytes.size() + 63) / 64 * 64 + 64);
  std::memcpy(mem, bytes.data(), bytes.size());
  opened.buffer = std::shared_ptr<char>(static_cast<char*>(mem), [](char* p) { std::free(p); });
  auto index = OpenVectorIndex(std::string_view(opened.buffer.get(), bytes.size()));
  EXPECT_TRUE(index.ok()) << index.status().ToString();
  if (index.ok()) opened.index = std::move(index).value();
  return opened;
}

std::vector<std::vector<ScoredDoc>> SearchAll(const VectorIndex& index, const Dataset& data,
                                              const SearchParams& params, const DocFilter* filter) {
  std::vector<std::vector<ScoredDoc>> out;
  for (uint32_t q = 0; q < data.num_queries(); ++q) {
    auto r = index.Search(std::span<const float>(data.Query(q), data.dims), params, filter);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    out.push_back(r.ok() ? std::move(r).value() : std::vector<ScoredDoc>{});
  }
  return out;
}

}  // namespace quiver::vector::testing
