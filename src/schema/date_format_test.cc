#include "schema/date_format.h"

#include <gtest/gtest.h>

namespace quiver::schema {
namespace {

int64_t Millis(std::string_view spec, std::string_view text) {
  auto f = DateFormat::Parse(spec);
  EXPECT_TRUE(f.ok()) << spec << ": " << f.status().ToString();
  if (!f.ok()) return INT64_MIN;
  auto r = f->ParseMillis(text);
  EXPECT_TRUE(r.ok()) << spec << " / " << text << ": " << r.status().ToString();
  return r.ok() ? *r : INT64_MIN;
}

bool Fails(std::string_view spec, std::string_view text) {
  auto f = DateFormat::Parse(spec);
  EXPECT_TRUE(f.ok()) << spec;
  return f.ok() && !f->ParseMillis(text).ok();
}

TEST(DateFormatTest, CivilConversionsRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (int64_t d : {-800000, -1, 0, 59, 10957, 2932896}) {
    int64_t y;
    int m, dd;
    CivilFromDays(d, &y, &m, &dd);
    EXPECT_EQ(DaysFromCivil(y, m, dd), d);
  }
}

TEST(DateFormatTest, StrictDateOptionalTime) {
  const char* f = "strict_date_optional_time";
  EXPECT_EQ(Millis(f, "2015-01-01"), 1420070400000);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10:30Z"), 1420114230000);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10:30.123Z"), 1420114230123);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10:30.123456789+01:00"), 1420110630123);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10:30+0100"), 1420110630000);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10"), 1420114200000);
  EXPECT_EQ(Millis(f, "2015-01"), 1420070400000);
  EXPECT_EQ(Millis(f, "2015"), 1420070400000);
  EXPECT_EQ(Millis(f, "2015-01-01T12:10:30,5Z"), 1420114230500);
  EXPECT_TRUE(Fails(f, "2015-1-1"));
  EXPECT_TRUE(Fails(f, "2015-01-01 12:10:30"));
  EXPECT_TRUE(Fails(f, "2015-02-30"));
  EXPECT_TRUE(Fails(f, "2015-01-01T25:00"));
  EXPECT_TRUE(Fails(f, "abc"));
  EXPECT_TRUE(Fails(f, ""));
}

TEST(DateFormatTest, LenientDateOptionalTime) {
  EXPECT_EQ(Millis("date_optional_time", "2015-1-1"), 1420070400000);
  EXPECT_EQ(Millis("date_optional_time", "2015-1-1T1:2:3Z"), 1420074123000);
}

TEST(DateFormatTest, EpochFormats) {
  EXPECT_EQ(Millis("epoch_millis", "1420070400001"), 1420070400001);
  EXPECT_EQ(Millis("epoch_millis", "-1"), -1);
  EXPECT_EQ(Millis("epoch_millis", "1.5"), 1);
  EXPECT_EQ(Millis("epoch_second", "1420070400"), 1420070400000);
  EXPECT_EQ(Millis("epoch_second", "1420070400.25"), 1420070400250);
  EXPECT_TRUE(Fails("epoch_millis", "12a"));
  EXPECT_TRUE(Fails("epoch_millis", "99999999999999999999999"));
}

TEST(DateFormatTest, Alternatives) {
  const char* f = "strict_date_optional_time||epoch_millis";
  EXPECT_EQ(Millis(f, "1420070400001"), 1420070400001);
  EXPECT_EQ(Millis(f, "2015-01-01"), 1420070400000);
  auto fmt = DateFormat::Parse(f);
  auto r = fmt->ParseMillis("abc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "failed to parse date field [abc] with format "
            "[strict_date_optional_time||epoch_millis]");
  ASSERT_NE(r.status().caused_by(), nullptr);
  EXPECT_EQ(r.status().caused_by()->type(), "date_time_parse_exception");
}

TEST(DateFormatTest, JavaPatterns) {
  EXPECT_EQ(Millis("yyyy-MM-dd", "2015-01-01"), 1420070400000);
  EXPECT_EQ(Millis("yyyy-MM-dd HH:mm:ss", "2015-01-01 12:10:30"), 1420114230000);
  EXPECT_EQ(Millis("yyyy/MM/dd HH:mm:ss Z", "2015/01/01 12:10:30 +0100"), 1420110630000);
  EXPECT_EQ(Millis("yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis", "2015/09/02"), 1441152000000);
  EXPECT_EQ(Millis("dd/MMM/yyyy:HH:mm:ss Z", "01/Jan/2015:12:10:30 +0000"), 1420114230000);
  EXPECT_EQ(Millis("yyyyMMdd'T'HHmmss", "20150101T121030"), 1420114230000);
  EXPECT_EQ(Millis("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2015-01-01T12:10:30.123Z"), 1420114230123);
  EXPECT_EQ(Millis("yyyy-MM-dd[ HH:mm]", "2015-01-01"), 1420070400000);
  EXPECT_EQ(Millis("yyyy-MM-dd[ HH:mm]", "2015-01-01 01:00"), 1420074000000);
  EXPECT_EQ(Millis("MM/dd/yyyy hh:mm a", "01/01/2015 01:00 PM"), 1420117200000);
  EXPECT_EQ(Millis("yyyy", "2015"), 1420070400000);
  EXPECT_EQ(Millis("yy-MM-dd", "15-01-01"), 1420070400000);
  EXPECT_EQ(Millis("EEE, dd MMM yyyy HH:mm:ss", "Thu, 01 Jan 2015 00:00:00"), 1420070400000);
  EXPECT_TRUE(Fails("yyyy-MM-dd", "2015-01-01T00:00"));
  EXPECT_TRUE(Fails("yyyy-MM-dd", "2015-1-01"));
}

TEST(DateFormatTest, BuiltInNames) {
  EXPECT_EQ(Millis("basic_date", "20150101"), 1420070400000);
  EXPECT_EQ(Millis("strict_date", "2015-01-01"), 1420070400000);
  EXPECT_EQ(Millis("date", "2015-1-1"), 1420070400000);
  EXPECT_EQ(Millis("strict_date_hour_minute_second", "2015-01-01T12:10:30"), 1420114230000);
  EXPECT_EQ(Millis("basic_date_time", "20150101T121030.123Z"), 1420114230123);
  EXPECT_EQ(Millis("strict_date_time", "2015-01-01T12:10:30.123+01:00"), 1420110630123);
  EXPECT_EQ(Millis("strict_year_month", "2015-02"), 1422748800000);
  EXPECT_EQ(Millis("strict_ordinal_date", "2015-032"), 1422748800000);
  EXPECT_EQ(Millis("strict_week_date", "2015-W01-4"), 1420070400000);
  EXPECT_EQ(Millis("hour_minute", "01:30"), 5400000);
}

TEST(DateFormatTest, InvalidPatternsRejected) {
  auto r = DateFormat::Parse("yyyy-bb");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Invalid format: [yyyy-bb]: Unknown pattern letter: b");
  EXPECT_FALSE(DateFormat::Parse("yyyy-'MM").ok());
  EXPECT_FALSE(DateFormat::Parse("").ok());
}

TEST(DateFormatTest, Formatting) {
  EXPECT_EQ(DateFormat::Default().Format(1420114230123), "2015-01-01T12:10:30.123Z");
  EXPECT_EQ(DateFormat::Default().Format(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(DateFormat::Parse("epoch_millis")->Format(1420114230123), "1420114230123");
  EXPECT_EQ(DateFormat::Parse("epoch_second")->Format(1420114230000), "1420114230");
  EXPECT_EQ(DateFormat::Parse("yyyy/MM/dd HH:mm:ss Z")->Format(1420114230000),
            "2015/01/01 12:10:30 +0000");
  EXPECT_EQ(DateFormat::Parse("yyyy-MM-dd'T'HH:mmXXX")->Format(1420114230000, 3600),
            "2015-01-01T13:10+01:00");
  EXPECT_EQ(DateFormat::Parse("dd MMMM yyyy, EEEE")->Format(1420114230000),
            "01 January 2015, Thursday");
  EXPECT_EQ(DateFormat::DefaultNanos().FormatNanos(1420114230123456789),
            "2015-01-01T12:10:30.123456789Z");
  EXPECT_EQ(DateFormat::DefaultNanos().FormatNanos(1420114230120000000),
            "2015-01-01T12:10:30.120Z");
}

TEST(DateFormatTest, NanosRange) {
  auto r = DateFormat::DefaultNanos().ParseNanos("2015-01-01T12:10:30.123456789Z");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1420114230123456789);
  EXPECT_FALSE(DateFormat::DefaultNanos().ParseNanos("1969-12-31").ok());
  EXPECT_FALSE(DateFormat::DefaultNanos().ParseNanos("2300-01-01").ok());
}

TEST(DateFormatTest, HugeYearsFailCleanly) {
  EXPECT_TRUE(Fails("strict_date_optional_time", "9999999999-01-01"));
  EXPECT_TRUE(Fails("yyyy", "99999999999999999999"));
}

}  // namespace
}  // namespace quiver::schema
