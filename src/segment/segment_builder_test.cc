#include "segment/segment_builder.h"

#include <gtest/gtest.h>

#include "segment/segment_merger.h"
#include "segment/segment_reader.h"
#include "segment/segment_test_util.h"

namespace quiver::segment {
namespace {

IndexableDocument Doc(const std::string& id, const std::string& source,
                      const std::string& routing = "") {
  IndexableDocument d;
  d.parsed.id = id;
  d.parsed.source = source;
  d.parsed.routing = routing;
  return d;
}

std::shared_ptr<const SegmentReader> BuildSegment(const SegmentBuilder& b, uint64_t id) {
  std::string bytes;
  StringSink sink(&bytes);
  SegmentFileWriter w(&sink, id);
  EXPECT_TRUE(b.Build(&w, 1000).ok());
  EXPECT_TRUE(w.Finish().ok());
  auto r = SegmentReader::Open(MakeBlob(std::move(bytes)));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

TEST(SegmentBuilderTest, BufferedDocsAreReadableAndBuildIntoASegment) {
  SegmentBuilder b;
  std::string big(600000, 'b');  // larger than a quarter chunk
  for (int i = 0; i < 2000; ++i) {
    std::string src = i == 500 ? big : "{\"i\":" + std::to_string(i) + "}";
    EXPECT_EQ(b.Add(Doc("d" + std::to_string(i), src, i % 3 == 0 ? "r" : ""),
                    DocMeta{static_cast<uint64_t>(i), 1, 1}),
              static_cast<uint32_t>(i));
  }
  EXPECT_EQ(b.source(7), "{\"i\":7}");
  EXPECT_EQ(b.source(500).size(), big.size());
  EXPECT_EQ(b.source(501), "{\"i\":501}");
  EXPECT_EQ(b.id(1999), "d1999");
  EXPECT_GT(b.ram_bytes(), big.size());

  auto seg = BuildSegment(b, 3);
  EXPECT_EQ(seg->id(), 3u);
  EXPECT_EQ(seg->num_docs(), 2000u);
  EXPECT_EQ(seg->info().max_seq_no, 1999u);
  std::string out;
  ASSERT_TRUE(seg->source().Get(500, &out).ok());
  EXPECT_EQ(out, big);
  EXPECT_EQ(seg->ids().Find("d42").value(), 42u);
  EXPECT_EQ(seg->ids().routing(42), "r");
  EXPECT_EQ(seg->doc_meta().Get(42).seq_no, 42u);
}

TEST(SegmentBuilderTest, EmptyBufferBuildsAnEmptySegment) {
  SegmentBuilder b;
  auto seg = BuildSegment(b, 1);
  EXPECT_EQ(seg->num_docs(), 0u);
}

TEST(SegmentMergerTest, PurgesDeletedDocsAndMapsIds) {
  SegmentBuilder a, b;
  for (int i = 0; i < 10; ++i) a.Add(Doc("a" + std::to_string(i), "{}"), DocMeta{uint64_t(i), 1, 1});
  for (int i = 0; i < 5; ++i) {
    b.Add(Doc("b" + std::to_string(i), "{\"b\":1}"), DocMeta{uint64_t(10 + i), 2, 1});
  }
  auto sa = BuildSegment(a, 1), sb = BuildSegment(b, 2);
  auto la = std::make_shared<const LiveDocs>(10)->WithDeleted({0, 5, 9});
  auto lb = std::make_shared<const LiveDocs>(5)->WithDeleted({2});
  std::string bytes;
  StringSink sink(&bytes);
  SegmentFileWriter w(&sink, 3);
  auto res = MergeSegments({{sa, la}, {sb, lb}}, 2000, &w);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_TRUE(w.Finish().ok());
  EXPECT_EQ(res->num_docs, 7u + 4u);
  EXPECT_EQ(res->doc_maps[0][0], -1);
  EXPECT_EQ(res->doc_maps[0][1], 0);
  EXPECT_EQ(res->doc_maps[1][0], 7);
  EXPECT_EQ(res->doc_maps[1][2], -1);
  auto merged = SegmentReader::Open(MakeBlob(std::move(bytes))).value();
  EXPECT_EQ(merged->num_docs(), 11u);
  EXPECT_FALSE(merged->ids().Find("a0").has_value());
  EXPECT_EQ(merged->ids().Find("b3").value(), 9u);
  EXPECT_EQ(merged->doc_meta().Get(9).seq_no, 13u);
  std::string out;
  ASSERT_TRUE(merged->source().Get(9, &out).ok());
  EXPECT_EQ(out, "{\"b\":1}");
}

}  // namespace
}  // namespace quiver::segment
