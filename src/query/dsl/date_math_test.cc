#include "query/dsl/date_math.h"

#include <gtest/gtest.h>

namespace quiver::query::dsl {
namespace {

using schema::DateFormat;

// 2024-03-15T10:30:45.123Z (a Friday).
constexpr int64_t kNow = 1710498645123;

std::string Fmt(int64_t ms) {
  static const DateFormat f = *DateFormat::Parse("strict_date_optional_time");
  return f.Format(ms);
}

std::string Eval(std::string_view expr, bool round_up,
                 std::string_view format = "strict_date_optional_time||epoch_millis",
                 int32_t tz = 0) {
  auto f = DateFormat::Parse(format);
  EXPECT_TRUE(f.ok());
  auto r = EvaluateDateMath(expr, kNow, round_up, *f, tz);
  if (!r.ok()) return "<" + std::string(r.status().type()) + ": " + r.status().message() + ">";
  return Fmt(*r);
}

TEST(DateMathTest, NowAndArithmetic) {
  EXPECT_EQ(Eval("now", false), "2024-03-15T10:30:45.123Z");
  EXPECT_EQ(Eval("now+1h", false), "2024-03-15T11:30:45.123Z");
  EXPECT_EQ(Eval("now-1d", false), "2024-03-14T10:30:45.123Z");
  EXPECT_EQ(Eval("now-1M", false), "2024-02-15T10:30:45.123Z");
  EXPECT_EQ(Eval("now+1y", false), "2025-03-15T10:30:45.123Z");
  EXPECT_EQ(Eval("now-2w", false), "2024-03-01T10:30:45.123Z");
  EXPECT_EQ(Eval("now+90m", false), "2024-03-15T12:00:45.123Z");
  EXPECT_EQ(Eval("now-15s", false), "2024-03-15T10:30:30.123Z");
  EXPECT_EQ(Eval("now+1d-1h", false), "2024-03-16T09:30:45.123Z");
}

TEST(DateMathTest, MonthArithmeticClampsTheDay) {
  EXPECT_EQ(Eval("2024-01-31||+1M", false), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(Eval("2023-01-31||+1M", false), "2023-02-28T00:00:00.000Z");
  EXPECT_EQ(Eval("2024-02-29||+1y", false), "2025-02-28T00:00:00.000Z");
}

TEST(DateMathTest, RoundingDownAndUp) {
  EXPECT_EQ(Eval("now/d", false), "2024-03-15T00:00:00.000Z");
  EXPECT_EQ(Eval("now/d", true), "2024-03-15T23:59:59.999Z");
  EXPECT_EQ(Eval("now/M", false), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(Eval("now/M", true), "2024-03-31T23:59:59.999Z");
  EXPECT_EQ(Eval("now/y", false), "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(Eval("now/y", true), "2024-12-31T23:59:59.999Z");
  EXPECT_EQ(Eval("now/w", false), "2024-03-11T00:00:00.000Z");  // Monday
  EXPECT_EQ(Eval("now/w", true), "2024-03-17T23:59:59.999Z");
  EXPECT_EQ(Eval("now/h", false), "2024-03-15T10:00:00.000Z");
  EXPECT_EQ(Eval("now/h", true), "2024-03-15T10:59:59.999Z");
  EXPECT_EQ(Eval("now/m", true), "2024-03-15T10:30:59.999Z");
  EXPECT_EQ(Eval("now/s", false), "2024-03-15T10:30:45.000Z");
  EXPECT_EQ(Eval("now-1d/d", false), "2024-03-14T00:00:00.000Z");
}

// ES docs, range query "date math and rounding": 2014-11-18||/M.
TEST(DateMathTest, EsDocumentationRoundingExamples) {
  EXPECT_EQ(Eval("2014-11-18||/M", false), "2014-11-01T00:00:00.000Z");  // gte, lt
  EXPECT_EQ(Eval("2014-11-18||/M", true), "2014-11-30T23:59:59.999Z");   // gt, lte
  EXPECT_EQ(Eval("2024-01-01||+1M/d", false), "2024-02-01T00:00:00.000Z");
  EXPECT_EQ(Eval("2024-01-01||+1M/d", true), "2024-02-01T23:59:59.999Z");
}

// ES docs "missing date components": time fields take their maximum when
// rounding up; month and day stay 1.
TEST(DateMathTest, RoundUpFillsMissingTimeComponents) {
  EXPECT_EQ(Eval("2024-01-01", true), "2024-01-01T23:59:59.999Z");
  EXPECT_EQ(Eval("2024-01-01", false), "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(Eval("2024-01-01T10", true), "2024-01-01T10:59:59.999Z");
  EXPECT_EQ(Eval("2024-01-01T10:20", true), "2024-01-01T10:20:59.999Z");
  EXPECT_EQ(Eval("2024-01-01T10:20:30", true), "2024-01-01T10:20:30.999Z");
  EXPECT_EQ(Eval("2024-01-01T10:20:30.5", true), "2024-01-01T10:20:30.500Z");
  EXPECT_EQ(Eval("2099-12", true, "yyyy-MM"), "2099-12-01T23:59:59.999Z");
  EXPECT_EQ(Eval("2024-05-06", true, "yyyy-MM-dd HH:mm:ss||yyyy-MM-dd"),
            "2024-05-06T23:59:59.999Z");
  EXPECT_EQ(Eval("2024-05-06 07:08:09", true, "yyyy-MM-dd HH:mm:ss||yyyy-MM-dd"),
            "2024-05-06T07:08:09.999Z");
  EXPECT_EQ(Eval("1700000000000", true), "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(Eval("1700000000", true, "epoch_second"), "2023-11-14T22:13:20.999Z");
}

TEST(DateMathTest, TimeZoneShiftsDatesAndRounding) {
  // 2024-01-01 in +01:00 starts at 2023-12-31T23:00Z.
  EXPECT_EQ(Eval("2024-01-01", false, "strict_date_optional_time", 3600),
            "2023-12-31T23:00:00.000Z");
  EXPECT_EQ(Eval("2024-01-01", true, "strict_date_optional_time", 3600),
            "2024-01-01T22:59:59.999Z");
  // An explicit offset in the text wins.
  EXPECT_EQ(Eval("2024-01-01T00:00:00Z", false, "strict_date_optional_time", 3600),
            "2024-01-01T00:00:00.000Z");
  // `now` is absolute; rounding happens in the zone.
  EXPECT_EQ(Eval("now/d", false, "strict_date_optional_time", -5 * 3600),
            "2024-03-15T05:00:00.000Z");
}

TEST(DateMathTest, ErrorsAsEs) {
  EXPECT_EQ(Eval("now+1x", false), "<parse_exception: unit [x] not supported for date math [+1x]>");
  EXPECT_EQ(Eval("now*1d", false), "<parse_exception: operator not supported for date math [*1d]>");
  EXPECT_EQ(Eval("now+", false), "<parse_exception: truncated date math [+]>");
  EXPECT_EQ(Eval("now+12", false), "<parse_exception: truncated date math [+12]>");
  EXPECT_EQ(Eval("now/2d", false),
            "<parse_exception: rounding `/` can only be used on single unit types [/2d]>");
  EXPECT_EQ(Eval("", false), "<parse_exception: cannot parse empty date>");
  std::string bad = Eval("yesterday", false);
  EXPECT_EQ(bad.rfind("<parse_exception: failed to parse date field [yesterday] with format "
                      "[strict_date_optional_time||epoch_millis]",
                      0),
            0u)
      << bad;
}

TEST(DateMathTest, NanosecondPrecision) {
  auto f = DateFormat::Parse("strict_date_optional_time_nanos");
  ASSERT_TRUE(f.ok());
  auto t = EvaluateDateMathInstant("2024-01-01T00:00:00.123456789Z", kNow, false, *f, 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->nanos, 123456789);
  auto millis =
      EvaluateDateMathInstant("1704067200000", kNow, true, *DateFormat::Parse("epoch_millis"), 0);
  ASSERT_TRUE(millis.ok());
  EXPECT_EQ(millis->nanos, 999999);  // the rest of the millisecond
  auto up = EvaluateDateMathInstant("2024-01-01||/d", kNow, true, *f, 0);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->nanos, 999000000);  // ES subtracts one millisecond when rounding up
}

TEST(DateMathTest, TimeZones) {
  EXPECT_EQ(*ParseTimeZoneOffset("UTC"), 0);
  EXPECT_EQ(*ParseTimeZoneOffset("Z"), 0);
  EXPECT_EQ(*ParseTimeZoneOffset("+01:00"), 3600);
  EXPECT_EQ(*ParseTimeZoneOffset("-05:30"), -(5 * 3600 + 1800));
  EXPECT_EQ(*ParseTimeZoneOffset("+0530"), 5 * 3600 + 1800);
  EXPECT_EQ(*ParseTimeZoneOffset("+5"), 5 * 3600);
  EXPECT_EQ(*ParseTimeZoneOffset("GMT+02:00"), 7200);
  EXPECT_FALSE(ParseTimeZoneOffset("Europe/Paris").ok());
  EXPECT_FALSE(ParseTimeZoneOffset("+25:00").ok());
  EXPECT_FALSE(ParseTimeZoneOffset("").ok());
}

}  // namespace
}  // namespace quiver::query::dsl
