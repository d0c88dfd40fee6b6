#include "common/strings.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

TEST(StringsTest, SimpleMatchGlobsWithStarOnly) {
  EXPECT_TRUE(SimpleMatch("*", ""));
  EXPECT_TRUE(SimpleMatch("log*", "logs-2024"));
  EXPECT_TRUE(SimpleMatch("*-2024", "logs-2024"));
  EXPECT_TRUE(SimpleMatch("l*s*4", "logs-2024"));
  EXPECT_TRUE(SimpleMatch("a*b*c", "aXbYbZc"));  // backtracks to the last '*'
  EXPECT_FALSE(SimpleMatch("a*b*c", "aXbYbZ"));
  EXPECT_FALSE(SimpleMatch("log?", "logs"));  // '?' is a literal
  EXPECT_TRUE(SimpleMatch("log?", "log?"));
  EXPECT_FALSE(SimpleMatch("logs", "log"));
  EXPECT_FALSE(SimpleMatch("", "x"));
}

TEST(StringsTest, SplitKeepsEmptyParts) {
  auto parts = SplitString("a,,b", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(StringsTest, JsonStringEscapesControlCharacters) {
  std::string out;
  AppendJsonString(&out, std::string_view("a\"b\\c\n\x01", 7));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(StringsTest, DoublesPrintLikeJava) {
  auto fmt = [](double v) {
    std::string s;
    AppendJsonDouble(&s, v);
    return s;
  };
  EXPECT_EQ(fmt(1), "1.0");
  EXPECT_EQ(fmt(0.5), "0.5");
  EXPECT_EQ(fmt(-2.25), "-2.25");
  EXPECT_EQ(fmt(1e20), "1.0E20");
  EXPECT_EQ(fmt(1.5e-7), "1.5E-7");
  std::string f;
  AppendJsonFloat(&f, 0.2876821f);
  EXPECT_EQ(f, "0.2876821");
}

TEST(StringsTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf5\x80\x80\x80"));  // beyond U+10FFFF
}

TEST(StringsTest, ByteSizesAndTimeValues) {
  int64_t v;
  ASSERT_TRUE(ParseByteSize("100mb", &v));
  EXPECT_EQ(v, 100LL << 20);
  ASSERT_TRUE(ParseByteSize("512", &v));
  EXPECT_EQ(v, 512);
  EXPECT_FALSE(ParseByteSize("lots", &v));
  ASSERT_TRUE(ParseTimeValueMs("1s", &v));
  EXPECT_EQ(v, 1000);
  ASSERT_TRUE(ParseTimeValueMs("250ms", &v));
  EXPECT_EQ(v, 250);
  ASSERT_TRUE(ParseTimeValueMs("-1", &v));
  EXPECT_EQ(v, -1);
  EXPECT_FALSE(ParseTimeValueMs("soon", &v));
}

TEST(StringsTest, PercentDecodeRejectsTruncatedEscapes) {
  std::string out;
  ASSERT_TRUE(PercentDecode("a%20b+c", &out, true));
  EXPECT_EQ(out, "a b c");
  EXPECT_FALSE(PercentDecode("a%2", &out, false));
  EXPECT_FALSE(PercentDecode("a%zz", &out, false));
}

}  // namespace
}  // namespace quiver
