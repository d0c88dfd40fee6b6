#include <gtest/gtest.h>

#include "segment/segment_file_reader.h"
#include "segment/segment_file_writer.h"
#include "segment/segment_format.h"
#include "segment/segment_test_util.h"

namespace quiver::segment {
namespace {

std::string BuildSample() {
  std::string bytes;
  StringSink sink(&bytes);
  SegmentFileWriter w(&sink, 42);
  EXPECT_TRUE(w.AddComponent("alpha", "hello").ok());
  EXPECT_TRUE(w.BeginComponent("beta").ok());
  EXPECT_TRUE(w.Append("wor").ok());
  EXPECT_TRUE(w.Append("ld").ok());
  EXPECT_TRUE(w.EndComponent().ok());
  EXPECT_TRUE(w.AddComponent("empty", "").ok());
  auto size = w.Finish();
  EXPECT_TRUE(size.ok());
  EXPECT_EQ(*size, bytes.size());
  return bytes;
}

TEST(SegmentFileTest, ComponentsRoundTripAligned) {
  std::string bytes = BuildSample();
  auto r = SegmentFileReader::Open(MakeBlob(bytes));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->segment_id(), 42u);
  EXPECT_EQ((*r)->component("alpha"), "hello");
  EXPECT_EQ((*r)->component("beta"), "world");
  EXPECT_TRUE((*r)->has("empty"));
  EXPECT_FALSE((*r)->has("gamma"));
  for (const auto& name : (*r)->component_names()) {
    auto c = (*r)->component(name);
    if (!c.empty()) {
      EXPECT_EQ((c.data() - (*r)->component("alpha").data()) % kComponentAlignment, 0u);
    }
  }
}

TEST(SegmentFileTest, EveryFlippedByteOutsidePaddingIsDetected) {
  std::string bytes = BuildSample();
  int detected = 0, ignored = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x01;
    auto r = SegmentFileReader::Open(MakeBlob(bad));
    if (r.ok()) {
      // Only padding and the reserved header bytes are not covered; the
      // content must be unchanged then.
      EXPECT_EQ((*r)->component("alpha"), "hello") << i;
      EXPECT_EQ((*r)->component("beta"), "world") << i;
      ++ignored;
    } else {
      EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
      ++detected;
    }
  }
  EXPECT_GT(detected, 0);
}

TEST(SegmentFileTest, TruncationIsCorruption) {
  std::string bytes = BuildSample();
  for (size_t len : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    auto r = SegmentFileReader::Open(MakeBlob(bytes.substr(0, len)));
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << len;
  }
}

TEST(SegmentFileTest, DuplicateComponentIsRejected) {
  std::string bytes;
  StringSink sink(&bytes);
  SegmentFileWriter w(&sink, 1);
  ASSERT_TRUE(w.AddComponent("a", "x").ok());
  EXPECT_FALSE(w.AddComponent("a", "y").ok());
}

}  // namespace
}  // namespace quiver::segment
