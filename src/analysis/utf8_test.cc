#include "analysis/utf8.h"

#include <gtest/gtest.h>

#include "analysis/offset_map.h"

namespace quiver::analysis {
namespace {

TEST(Utf8Test, DecodesValidAndReplacesInvalidBytes) {
  char32_t cp;
  EXPECT_EQ(DecodeUtf8("é", 0, &cp), 2u);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(DecodeUtf8("😀", 0, &cp), 4u);
  EXPECT_EQ(cp, U'😀');
  // Truncated, overlong, surrogate and out-of-range sequences: one byte of U+FFFD.
  for (std::string bad : {"\xc3", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80"}) {
    EXPECT_EQ(DecodeUtf8(bad, 0, &cp), 1u);
    EXPECT_EQ(cp, kReplacementChar);
  }
  EXPECT_EQ(DecodeUtf8Before("aé", 3, &cp), 2u);
  EXPECT_EQ(cp, U'é');
}

TEST(Utf8Test, SanitizeReplacesOnlyInvalidBytes) {
  std::string out;
  EXPECT_FALSE(SanitizeUtf8("héllo", &out));
  EXPECT_TRUE(SanitizeUtf8("a\xffz", &out));
  EXPECT_EQ(out, "a\uFFFDz");
}

TEST(Utf8Test, Utf16OffsetsCountJavaChars) {
  const std::string text = "aé😀b";
  Utf16OffsetMapper m(text);
  EXPECT_EQ(m.ToUtf16(0), 0);
  EXPECT_EQ(m.ToUtf16(1), 1);  // after 'a'
  EXPECT_EQ(m.ToUtf16(3), 2);  // after 'é'
  EXPECT_EQ(m.ToUtf16(7), 4);  // the emoji is a surrogate pair
  EXPECT_EQ(m.ToUtf16(8), 5);
  EXPECT_EQ(m.ToUtf16(100), 5);
  EXPECT_EQ(CountUtf16Units(text), 5u);
  Utf16OffsetMapper ascii("abc");
  EXPECT_EQ(ascii.ToUtf16(2), 2);
}

TEST(OffsetMapTest, CorrectsLikeBaseCharFilter) {
  OffsetMap map;
  EXPECT_EQ(map.Correct(5), 5);
  map.Add(3, 2);  // from output offset 3 on, input is 2 further
  map.Add(10, -1);
  EXPECT_EQ(map.Correct(2), 2);
  EXPECT_EQ(map.Correct(3), 5);
  EXPECT_EQ(map.Correct(9), 11);
  EXPECT_EQ(map.Correct(12), 11);
}

}  // namespace
}  // namespace quiver::analysis
