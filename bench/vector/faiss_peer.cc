// FAISS 1.7.3 (Debian libfaiss-dev, generic SSE build) IndexHNSWFlat and
// IndexIVFFlat behind AnnPeer. Searches run with one OpenMP thread.
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <omp.h>

#include "ann_peer.h"

namespace quiver::bench {
namespace {

faiss::MetricType Metric(bool inner_product) {
  return inner_product ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2;
}

class FaissHnswPeer final : public AnnPeer {
 public:
  FaissHnswPeer(size_t dims, bool inner_product, int m, int ef_construction)
      : index_(static_cast<int>(dims), m, Metric(inner_product)) {
    index_.hnsw.efConstruction = ef_construction;
  }
  void Build(const float* data, size_t n, int num_threads) override {
    omp_set_num_threads(num_threads);
    index_.add(static_cast<faiss::Index::idx_t>(n), data);
    omp_set_num_threads(1);
  }
  void SetSearchParam(int value) override { index_.hnsw.efSearch = value; }
  void Search(const float* query, int k, int64_t* labels) override {
    std::vector<float> distances(k);
    index_.search(1, query, k, distances.data(), labels);
  }
  size_t MemoryBytes() const override {
    return index_.ntotal * index_.d * sizeof(float) +
           index_.hnsw.neighbors.size() * sizeof(faiss::HNSW::storage_idx_t) +
           index_.hnsw.offsets.size() * sizeof(size_t) + index_.hnsw.levels.size() * sizeof(int);
  }

 private:
  faiss::IndexHNSWFlat index_;
};

class FaissIvfPeer final : public AnnPeer {
 public:
  FaissIvfPeer(size_t dims, bool inner_product, int nlist)
      : quantizer_(static_cast<int>(dims), Metric(inner_product)),
        index_(&quantizer_, dims, nlist, Metric(inner_product)) {}
  void Build(const float* data, size_t n, int num_threads) override {
    omp_set_num_threads(num_threads);
    index_.train(static_cast<faiss::Index::idx_t>(n), data);
    index_.add(static_cast<faiss::Index::idx_t>(n), data);
    omp_set_num_threads(1);
  }
  void SetSearchParam(int value) override { index_.nprobe = value; }
  void Search(const float* query, int k, int64_t* labels) override {
    std::vector<float> distances(k);
    index_.search(1, query, k, distances.data(), labels);
  }
  size_t MemoryBytes() const override {
    return index_.ntotal * (index_.d * sizeof(float) + sizeof(faiss::Index::idx_t)) +
           index_.nlist * index_.d * sizeof(float);
  }

 private:
  faiss::IndexFlat quantizer_;
  faiss::IndexIVFFlat index_;
};

}  // namespace

std::unique_ptr<AnnPeer> MakeFaissHnswPeer(size_t dims, bool inner_product, int m,
                                           int ef_construction) {
  return std::make_unique<FaissHnswPeer>(dims, inner_product, m, ef_construction);
}

std::unique_ptr<AnnPeer> MakeFaissIvfPeer(size_t dims, bool inner_product, int nlist) {
  return std::make_unique<FaissIvfPeer>(dims, inner_product, nlist);
}

}  // namespace quiver::bench
