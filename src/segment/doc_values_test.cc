#include <gtest/gtest.h>

#include <map>
#include <random>

#include "segment/bit_packing.h"
#include "segment/doc_values_reader.h"
#include "segment/doc_values_writer.h"

namespace quiver::segment {
namespace {

TEST(BitPackingTest, RoundTripsEveryWidth) {
  std::mt19937_64 rng(1);
  for (int bits = 0; bits <= 64; ++bits) {
    std::vector<uint64_t> v(100);
    for (auto& x : v) x = bits == 64 ? rng() : (bits == 0 ? 0 : rng() & ((uint64_t{1} << bits) - 1));
    std::string out = "pad";  // unaligned start
    AppendPacked(&out, v.size(), bits, [&](size_t i) { return v[i]; });
    for (size_t i = 0; i < v.size(); ++i) ASSERT_EQ(ReadPacked(out.data() + 3, i, bits), v[i]) << bits;
  }
}

TEST(BitPackingTest, SortableDoublesKeepOrder) {
  std::vector<double> vals = {-1e300, -2.5, -0.0, 0.0, 1e-300, 1.5, 3e10};
  for (size_t i = 1; i < vals.size(); ++i) {
    EXPECT_LE(DoubleToSortable(vals[i - 1]), DoubleToSortable(vals[i]));
    EXPECT_EQ(SortableToDouble(DoubleToSortable(vals[i])), vals[i]);
  }
}

TEST(NumericDocValuesTest, SparseMultiValuedRoundTrip) {
  std::mt19937 rng(5);
  const uint32_t n = 10000;
  std::map<uint32_t, std::vector<int64_t>> expected;
  NumericDocValuesWriter w(false);
  for (uint32_t d = 0; d < n; ++d) {
    if (rng() % 3 == 0) continue;
    int k = 1 + (d % 7 == 0 ? rng() % 4 : 0);
    for (int i = 0; i < k; ++i) {
      int64_t v = static_cast<int64_t>(rng() % 1000) * 10 - 5000;
      w.Add(d, v);
      expected[d].push_back(v);
    }
  }
  std::string bytes = w.Finish(n);
  auto r = NumericDocValues::Open(bytes).value();
  EXPECT_TRUE(r.multi_valued());
  for (uint32_t d = 0; d < n; ++d) {
    auto it = expected.find(d);
    if (it == expected.end()) {
      EXPECT_EQ(r.Count(d), 0u);
      continue;
    }
    std::sort(it->second.begin(), it->second.end());
    ASSERT_EQ(r.Count(d), it->second.size());
    for (uint32_t i = 0; i < r.Count(d); ++i) EXPECT_EQ(r.Value(d, i), it->second[i]);
  }
}

TEST(NumericDocValuesTest, DenseDoublesAndExtremes) {
  NumericDocValuesWriter w(true);
  std::vector<double> vals;
  for (uint32_t d = 0; d < 5000; ++d) {
    double v = d == 7 ? -1e308 : d == 9 ? 1e308 : d * 0.25 - 100;
    vals.push_back(v);
    w.Add(d, DoubleToSortable(v));
  }
  std::string bytes = w.Finish(5000);  // readers are views: keep the bytes alive
  auto r = NumericDocValues::Open(bytes).value();
  EXPECT_TRUE(r.is_double());
  for (uint32_t d = 0; d < 5000; ++d) EXPECT_EQ(r.DoubleValue(d), vals[d]);
  NumericDocValuesWriter longs(false);
  longs.Add(0, INT64_MIN);
  longs.Add(1, INT64_MAX);
  std::string long_bytes = longs.Finish(2);
  auto lr = NumericDocValues::Open(long_bytes).value();
  EXPECT_EQ(lr.Value(0), INT64_MIN);
  EXPECT_EQ(lr.Value(1), INT64_MAX);
}

TEST(SortedSetDocValuesTest, OrdinalsFollowSortedTerms) {
  SortedSetDocValuesWriter w;
  w.Add(0, "pear");
  w.Add(0, "apple");
  w.Add(0, "pear");  // duplicate within a doc collapses
  w.Add(2, "banana");
  w.Add(3, "apple");
  std::string bytes = w.Finish(5);
  auto r = SortedSetDocValues::Open(bytes).value();
  ASSERT_EQ(r.num_terms(), 3u);
  EXPECT_EQ(r.Term(0), "apple");
  EXPECT_EQ(r.Term(2), "pear");
  EXPECT_EQ(r.Count(0), 2u);
  EXPECT_EQ(r.Ord(0, 0), 0u);
  EXPECT_EQ(r.Ord(0, 1), 2u);
  EXPECT_EQ(r.Count(1), 0u);
  EXPECT_EQ(r.Term(r.Ord(2)), "banana");
  EXPECT_EQ(r.Lookup("banana"), 1u);
  EXPECT_FALSE(r.Lookup("cherry").has_value());
  EXPECT_EQ(r.LowerBound("b"), 1u);
  EXPECT_EQ(r.Count(4), 0u);
}

TEST(PointsTest, RangeReturnsSortedDistinctDocs) {
  PointsWriter w;
  for (uint32_t d = 0; d < 1000; ++d) {
    w.Add(d, d % 100);
    if (d % 10 == 0) w.Add(d, 500);  // multi-valued
  }
  std::string bytes = w.Finish();
  auto r = PointsReader::Open(bytes, 1000).value();
  std::vector<uint32_t> docs;
  r.Range(10, 12, &docs);
  EXPECT_EQ(docs.size(), 30u);
  EXPECT_TRUE(std::is_sorted(docs.begin(), docs.end()));
  r.Range(500, 500, &docs);
  EXPECT_EQ(docs.size(), 100u);
  EXPECT_EQ(r.CountRange(0, 99), 1000u);
  r.Range(7, 3, &docs);
  EXPECT_TRUE(docs.empty());
  EXPECT_FALSE(PointsReader::Open(bytes, 999).ok());
}

TEST(DocValuesTest, CorruptBytesAreRejectedNotRead) {
  NumericDocValuesWriter w(false);
  for (uint32_t d = 0; d < 300; d += 2) w.Add(d, d * 3);
  std::string bytes = w.Finish(300);
  std::mt19937 rng(9);
  for (int t = 0; t < 500; ++t) {
    std::string bad = bytes;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    auto r = NumericDocValues::Open(bad);
    if (r.ok()) {
      for (uint32_t d = 0; d < 300; ++d) {
        for (uint32_t i = 0; i < r->Count(d) && i < 4; ++i) (void)r->Value(d, i);
      }
    }
    (void)NumericDocValues::Open(std::string_view(bytes).substr(0, rng() % bytes.size()));
  }
}

}  // namespace
}  // namespace quiver::segment
