#include "common/decimal_format.h"

#include <gtest/gtest.h>

#include <cmath>

namespace quiver {
namespace {

std::string F(std::string_view pattern, double v) {
  auto f = DecimalFormat::Parse(pattern);
  EXPECT_TRUE(f.ok()) << pattern;
  return f.ok() ? f->Format(v) : "";
}

// Expected values are what java.text.DecimalFormat prints with
// DecimalFormatSymbols(Locale.ROOT).
TEST(DecimalFormatTest, FractionDigits) {
  EXPECT_EQ(F("#.0", 1), "1.0");
  EXPECT_EQ(F("#.0", 0.5), ".5");
  EXPECT_EQ(F("#.0", 3.14159), "3.1");
  EXPECT_EQ(F("0.00", 3.14159), "3.14");
  EXPECT_EQ(F("0.###", 2.5), "2.5");
  EXPECT_EQ(F("0.###", 2), "2");
  EXPECT_EQ(F("#", 0), "0");
  EXPECT_EQ(F("0.00", 0.001), "0.00");
  EXPECT_EQ(F("0.0000", 0.00012), "0.0001");
  EXPECT_EQ(F("000", 7), "007");
}

TEST(DecimalFormatTest, HalfEvenRounding) {
  EXPECT_EQ(F("0", 2.5), "2");
  EXPECT_EQ(F("0", 3.5), "4");
  EXPECT_EQ(F("0.0", 0.25), "0.2");
  EXPECT_EQ(F("0.0", 0.35), "0.3");  // 0.35 is 0.34999999999999997... in binary
  EXPECT_EQ(F("0.0", 0.45), "0.5");  // 0.450000000000000011...
  EXPECT_EQ(F("0.0", 0.251), "0.3");
  EXPECT_EQ(F("0", 9.5), "10");
  EXPECT_EQ(F("0.00", 99.999), "100.00");
}

TEST(DecimalFormatTest, GroupingSignAndAffixes) {
  EXPECT_EQ(F("#,##0.00", 1234567.891), "1,234,567.89");
  EXPECT_EQ(F("#,##0", 999), "999");
  EXPECT_EQ(F("#,##0", 1000), "1,000");
  EXPECT_EQ(F("#.0", -1.25), "-1.2");
  EXPECT_EQ(F("0.#%", 0.256), "25.6%");
  EXPECT_EQ(F("$0.00", 5), "$5.00");
  EXPECT_EQ(F("0.0", 1e20), "100000000000000000000.0");
}

TEST(DecimalFormatTest, SpecialValuesAndBadPatterns) {
  EXPECT_EQ(F("0.0", std::nan("")), "NaN");
  EXPECT_EQ(F("0.0", -INFINITY), "-\u221e");
  EXPECT_FALSE(DecimalFormat::Parse("abc").ok());
  EXPECT_FALSE(DecimalFormat::Parse("0.0E0").ok());
  EXPECT_FALSE(DecimalFormat::Parse("0.0.0").ok());
}

}  // namespace
}  // namespace quiver
