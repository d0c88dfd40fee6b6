// make_fashion_mnist: converts Debian's dataset-fashion-mnist IDX files to
// TEXMEX files with exact L2 ground truth, as ann-benchmarks'
// fashion-mnist-784-euclidean (60k train images as base, 10k test images as
// queries, pixel values 0..255 as floats).
//
//   make_fashion_mnist [--src /usr/share/datasets/fashion-mnist]
//                      [--out bench/data/fashion-mnist] [--k 100] [--threads 2]
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "texmex_io.h"

using namespace quiver;
using namespace quiver::bench;

namespace {

// IDX3: magic 0x00000803, count, rows, cols (big-endian u32), then bytes.
Result<FloatMatrix> ReadIdxImages(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open " + path);
  unsigned char header[16];
  if (gzread(f, header, 16) != 16) {
    gzclose(f);
    return Status::Corruption(path + ": short header");
  }
  auto be32 = [&](int at) {
    return (uint32_t{header[at]} << 24) | (uint32_t{header[at + 1]} << 16) |
           (uint32_t{header[at + 2]} << 8) | uint32_t{header[at + 3]};
  };
  if (be32(0) != 0x803) {
    gzclose(f);
    return Status::Corruption(path + ": not an IDX3 image file");
  }
  FloatMatrix m;
  m.rows = be32(4);
  m.dims = be32(8) * be32(12);
  std::vector<unsigned char> pixels(size_t{m.rows} * m.dims);
  if (gzread(f, pixels.data(), static_cast<unsigned>(pixels.size())) !=
      static_cast<int>(pixels.size())) {
    gzclose(f);
    return Status::Corruption(path + ": truncated");
  }
  gzclose(f);
  m.data.assign(pixels.begin(), pixels.end());
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::string src = "/usr/share/datasets/fashion-mnist", out = "bench/data/fashion-mnist";
  uint32_t k = 100, threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--src")
      src = argv[i + 1];
    else if (a == "--out")
      out = argv[i + 1];
    else if (a == "--k")
      k = std::strtoul(argv[i + 1], nullptr, 10);
    else if (a == "--threads")
      threads = std::strtoul(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  auto base = ReadIdxImages(src + "/train-images-idx3-ubyte.gz");
  auto queries = ReadIdxImages(src + "/t10k-images-idx3-ubyte.gz");
  if (!base.ok() || !queries.ok()) {
    std::fprintf(stderr, "%s %s\n", base.status().ToString().c_str(),
                 queries.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "computing ground truth (%u x %u, k=%u)...\n", queries->rows, base->rows, k);
  IntMatrix gt = ExactKnn(*base, *queries, k, /*l2=*/true, threads);
  Status st = WriteFvecs(out + "_base.fvecs", *base);
  if (st.ok()) st = WriteFvecs(out + "_query.fvecs", *queries);
  if (st.ok()) st = WriteIvecs(out + "_gt.ivecs", gt);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("wrote %s_{base,query}.fvecs and %s_gt.ivecs\n", out.c_str(), out.c_str());
  return 0;
}
