// AnnPeer: the slice of a peer ANN library (hnswlib, FAISS) the benchmark
// drives, so vector_bench.cc does not include their headers. Each peer lives
// in its own .cc (hnswlib_peer.cc is compiled with Quiver's kernel flags,
// -mavx2 -mfma, so hnswlib uses its AVX kernels).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace quiver::bench {

class AnnPeer {
 public:
  virtual ~AnnPeer() = default;
  // Adds all rows (labels 0..n-1) using num_threads threads.
  virtual void Build(const float* data, size_t n, int num_threads) = 0;
  // ef_search (HNSW) or nprobe (IVF).
  virtual void SetSearchParam(int value) = 0;
  // Top-k labels of one query, single-threaded.
  virtual void Search(const float* query, int k, int64_t* labels) = 0;
  // Bytes of the index structures (vectors + graph / lists + centroids).
  virtual size_t MemoryBytes() const = 0;
  // Optional index cache (vector_bench --cache-dir): false when unsupported
  // or on failure.
  virtual bool Save(const std::string& /*path*/) { return false; }
  virtual bool Load(const std::string& /*path*/) { return false; }
};

// inner_product false = L2. Cosine is run as inner product on normalized data.
std::unique_ptr<AnnPeer> MakeHnswlibPeer(size_t dims, bool inner_product, int m,
                                         int ef_construction, size_t max_elements);
std::unique_ptr<AnnPeer> MakeFaissHnswPeer(size_t dims, bool inner_product, int m,
                                           int ef_construction);
std::unique_ptr<AnnPeer> MakeFaissIvfPeer(size_t dims, bool inner_product, int nlist);

}  // namespace quiver::bench
