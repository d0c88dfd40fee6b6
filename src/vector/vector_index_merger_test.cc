#include "vector/vector_index_merger.h"

#include <gtest/gtest.h>

#include "vector/hnsw_index.h"
#include "vector/test_util.h"

namespace quiver::vector {
namespace {

using namespace testing;

TEST(VectorIndexMergerTest, MergedIndexMatchesFlatOverSurvivors) {
  Dataset a = ClusteredDataset(4000, 20, 24, 20, 41);
  Dataset b = ClusteredDataset(1500, 0, 24, 20, 42);
  for (IndexType type : {IndexType::kHnsw, IndexType::kInt8Hnsw, IndexType::kIvf}) {
    for (bool deletes_in_large : {false, true}) {
      SCOPED_TRACE(std::string(IndexTypeName(type)) + (deletes_in_large ? " deletes" : ""));
      VectorIndexOptions o;
      o.type = type;
      o.metric = Metric::kL2;
      o.dims = 24;
      o.ivf.nlist = 32;
      auto ia = Open(BuildIndex(a, o));
      auto ib = Open(BuildIndex(b, o));
      // Merged doc ids: a's docs first, then b's; every 7th doc of b deleted,
      // and every 5th of a when deletes_in_large.
      std::vector<uint32_t> map_a(4000), map_b(1500);
      uint32_t next = 0;
      Dataset merged;
      merged.dims = 24;
      merged.queries = a.queries;
      for (uint32_t i = 0; i < 4000; ++i) {
        map_a[i] = deletes_in_large && i % 5 == 0 ? kDroppedDoc : next++;
        if (map_a[i] != kDroppedDoc)
          merged.base.insert(merged.base.end(), a.Base(i), a.Base(i) + 24);
      }
      for (uint32_t i = 0; i < 1500; ++i) {
        map_b[i] = i % 7 == 0 ? kDroppedDoc : next++;
        if (map_b[i] != kDroppedDoc)
          merged.base.insert(merged.base.end(), b.Base(i), b.Base(i) + 24);
      }
      MergeSource sources[] = {{ia.index.get(), map_a}, {ib.index.get(), map_b}};
      auto bytes = MergeVectorIndexes(sources, o);
      ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
      auto m = Open(*bytes);
      EXPECT_EQ(m.index->size(), next);
      SearchParams p;
      p.k = 10;
      p.ef_search = 150;
      double recall =
          Recall(GroundTruth(merged, Metric::kL2, 10), SearchAll(*m.index, merged, p), 10);
      EXPECT_GE(recall, 0.95);
    }
  }
}

}  // namespace
}  // namespace quiver::vector
