#include "vector/ivf_builder.h"

#include "common/coding.h"
#include "vector/index_format.h"
#include "vector/kmeans.h"

namespace quiver::vector {

std::string BuildIvfIndex(StoredVectorsWriter* vectors, const IvfOptions& options) {
  const uint32_t n = vectors->size();
  const uint32_t dims = vectors->dims();
  std::vector<float> centroids(options.centroids.size());
  for (size_t c = 0; c + dims <= centroids.size(); c += dims) {
    vectors->ToStoredOrder(options.centroids.data() + c, centroids.data() + c);
  }
  uint32_t nlist =
      centroids.empty() ? options.nlist : static_cast<uint32_t>(centroids.size() / dims);
  if (nlist == 0 ||
      (centroids.empty() && size_t{n} < size_t{options.min_points_per_centroid} * nlist)) {
    nlist = 0;  // untrained: exact search
    centroids.clear();
  } else if (centroids.empty()) {
    KMeansOptions km;
    km.num_clusters = nlist;
    km.max_iterations = options.max_iterations;
    km.max_points_per_centroid = options.max_points_per_centroid;
    km.seed = options.seed;
    km.num_threads = options.num_threads;
    centroids = TrainKMeans(vectors->Vector(0), n, dims, vectors->metric(), km);
  }

  std::vector<uint32_t> list_offsets(nlist + 1, 0);
  if (nlist > 0) {
    std::vector<uint32_t> assign(n);
    AssignToCentroids(vectors->Vector(0), n, dims, centroids.data(), nlist, vectors->metric(),
                      options.num_threads, assign.data());
    for (uint32_t a : assign) ++list_offsets[a + 1];
    for (uint32_t l = 0; l < nlist; ++l) list_offsets[l + 1] += list_offsets[l];
    std::vector<uint32_t> cursor(list_offsets.begin(), list_offsets.end() - 1);
    std::vector<uint32_t> new_to_old(n);
    for (uint32_t i = 0; i < n; ++i) new_to_old[cursor[assign[i]]++] = i;
    vectors->Permute(new_to_old);
  }

  IndexFileWriter w(vectors->quantized() ? IndexType::kInt8Ivf : IndexType::kIvf, vectors->metric(),
                    dims, n);
  std::string params = vectors->CommonParams();
  PutFixed32(&params, nlist);
  PutFixed32(&params, options.nprobe);
  w.SetParams(std::move(params));
  vectors->AddSections(&w);
  w.AddArray(format::kIvfCentroids, centroids);
  w.AddArray(format::kIvfListOffsets, list_offsets);
  return w.Finish();
}

}  // namespace quiver::vector
