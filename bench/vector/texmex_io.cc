#include "texmex_io.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "vector/distances.h"
#include "vector/top_k.h"

namespace quiver::bench {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

template <typename T, typename M>
Result<M> ReadVecs(const std::string& path, uint32_t max_rows) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::IoError("cannot open " + path);
  M m;
  int32_t dims = 0;
  while (std::fread(&dims, 4, 1, f.get()) == 1) {
    if (dims <= 0 || dims > 1 << 16) return Status::Corruption(path + ": bad row dims");
    if (m.rows == 0) m.dims = static_cast<uint32_t>(dims);
    if (static_cast<uint32_t>(dims) != m.dims) return Status::Corruption(path + ": ragged rows");
    size_t at = m.data.size();
    m.data.resize(at + m.dims);
    if (std::fread(m.data.data() + at, sizeof(T), m.dims, f.get()) != m.dims) {
      return Status::Corruption(path + ": truncated row");
    }
    ++m.rows;
    if (max_rows != 0 && m.rows >= max_rows) break;
  }
  return m;
}

template <typename M>
Status WriteVecs(const std::string& path, const M& m) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) return Status::IoError("cannot create " + path);
  int32_t dims = static_cast<int32_t>(m.dims);
  for (uint32_t i = 0; i < m.rows; ++i) {
    if (std::fwrite(&dims, 4, 1, f.get()) != 1 ||
        std::fwrite(m.Row(i), 4, m.dims, f.get()) != m.dims) {
      return Status::IoError("write failed: " + path);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<FloatMatrix> ReadFvecs(const std::string& path, uint32_t max_rows) {
  return ReadVecs<float, FloatMatrix>(path, max_rows);
}
Result<IntMatrix> ReadIvecs(const std::string& path, uint32_t max_rows) {
  return ReadVecs<int32_t, IntMatrix>(path, max_rows);
}
Status WriteFvecs(const std::string& path, const FloatMatrix& m) { return WriteVecs(path, m); }
Status WriteIvecs(const std::string& path, const IntMatrix& m) { return WriteVecs(path, m); }

IntMatrix ExactKnn(const FloatMatrix& base, const FloatMatrix& queries, uint32_t k, bool l2,
                   uint32_t num_threads) {
  IntMatrix out;
  out.rows = queries.rows;
  out.dims = k;
  out.data.assign(size_t{queries.rows} * k, -1);
  const auto& kern = vector::Kernels();
  auto work = [&](uint32_t begin, uint32_t end) {
    constexpr uint32_t kBlock = 256;
    std::vector<float> dist(kBlock);
    for (uint32_t q = begin; q < end; ++q) {
      vector::TopK top(k);
      for (uint32_t b = 0; b < base.rows; b += kBlock) {
        uint32_t n = std::min(kBlock, base.rows - b);
        if (l2) {
          kern.l2sq_f32_many(queries.Row(q), base.Row(b), n, base.dims, dist.data());
        } else {
          kern.dot_f32_many(queries.Row(q), base.Row(b), n, base.dims, dist.data());
        }
        for (uint32_t i = 0; i < n; ++i) top.Push(l2 ? dist[i] : -dist[i], b + i);
      }
      auto sorted = top.TakeSorted();
      for (size_t i = 0; i < sorted.size(); ++i) {
        out.data[size_t{q} * k + i] = static_cast<int32_t>(sorted[i].id);
      }
    }
  };
  std::vector<std::thread> threads;
  uint32_t chunk = (queries.rows + num_threads - 1) / num_threads;
  for (uint32_t t = 0; t < num_threads; ++t) {
    uint32_t begin = t * chunk, end = std::min(queries.rows, begin + chunk);
    if (begin < end) threads.emplace_back(work, begin, end);
  }
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace quiver::bench
