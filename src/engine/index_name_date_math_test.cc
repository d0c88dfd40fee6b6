#include "engine/index_name_date_math.h"

#include <gtest/gtest.h>

namespace quiver::engine {
namespace {

// 2024-03-22T13:45:10Z
constexpr int64_t kNow = 1711115110000;

std::string Resolve(std::string_view name) {
  auto r = ResolveDateMathName(name, kNow);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : "<error>";
}

TEST(IndexNameDateMathTest, PlainNamesAreUnchanged) {
  EXPECT_EQ(Resolve("logs-2024"), "logs-2024");
  EXPECT_EQ(Resolve("<"), "<");
  EXPECT_EQ(Resolve("a{b}"), "a{b}");
}

TEST(IndexNameDateMathTest, NowWithDefaultFormatAndRounding) {
  EXPECT_EQ(Resolve("<logs-{now/d}>"), "logs-2024.03.22");
  EXPECT_EQ(Resolve("<logs-{now/M}>"), "logs-2024.03.01");
  EXPECT_EQ(Resolve("<logs-{now-1d/d}-x>"), "logs-2024.03.21-x");
}

TEST(IndexNameDateMathTest, AnchorDateCustomFormatAndTimeZone) {
  EXPECT_EQ(Resolve("<logs_{2022-12-31||/d{yyyy-MM-dd}}>"), "logs_2022-12-31");
  EXPECT_EQ(Resolve("<logs-{now/d{yyyyMMdd}}>"), "logs-20240322");
  // 13:45Z is already the next day at +12:00.
  EXPECT_EQ(Resolve("<logs-{now{yyyy.MM.dd|+12:00}}>"), "logs-2024.03.23");
}

TEST(IndexNameDateMathTest, EscapedBracesAreLiteral) {
  EXPECT_EQ(Resolve("<elastic\\{ON\\}-{now/M}>"), "elastic{ON}-2024.03.01");
}

TEST(IndexNameDateMathTest, MalformedExpressionsAreParseExceptions) {
  for (std::string_view bad : {"<logs-{now/d>", "<logs-}>", "<logs-{}>", "<logs-{now{}}>",
                               "<logs-{now{yyyy}>", "<logs-{now/q}>"}) {
    auto r = ResolveDateMathName(bad, kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().type(), "parse_exception") << bad << ": " << r.status().ToString();
  }
}

}  // namespace
}  // namespace quiver::engine
