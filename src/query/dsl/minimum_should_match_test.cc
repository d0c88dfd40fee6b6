#include "query/dsl/minimum_should_match.h"

#include <gtest/gtest.h>

#include "query/dsl/fuzziness.h"

namespace quiver::query::dsl {
namespace {

int Msm(int clauses, std::string_view spec) {
  auto r = CalculateMinShouldMatch(clauses, spec);
  EXPECT_TRUE(r.ok()) << spec << ": " << r.status().ToString();
  return r.ok() ? *r : -1;
}

// The examples of ES's minimum_should_match documentation.
TEST(MinimumShouldMatchTest, EsDocumentationExamples) {
  EXPECT_EQ(Msm(5, "3"), 3);      // integer
  EXPECT_EQ(Msm(5, "-2"), 3);     // negative integer
  EXPECT_EQ(Msm(4, "75%"), 3);    // percentage, rounded down
  EXPECT_EQ(Msm(7, "75%"), 5);    // 5.25 -> 5
  EXPECT_EQ(Msm(4, "-25%"), 3);   // negative percentage
  EXPECT_EQ(Msm(7, "-25%"), 6);   // 7 - 1 (1.75 rounds down)
  EXPECT_EQ(Msm(3, "3<90%"), 3);  // at most 3 clauses: all required
  EXPECT_EQ(Msm(4, "3<90%"), 3);  // 3.6 -> 3
  EXPECT_EQ(Msm(10, "3<90%"), 9);
  EXPECT_EQ(Msm(2, "2<-25% 9<-3"), 2);
  EXPECT_EQ(Msm(5, "2<-25% 9<-3"), 4);   // 5 - 1
  EXPECT_EQ(Msm(9, "2<-25% 9<-3"), 7);   // 9 - 2
  EXPECT_EQ(Msm(12, "2<-25% 9<-3"), 9);  // 12 - 3
}

TEST(MinimumShouldMatchTest, EdgeCases) {
  EXPECT_EQ(Msm(3, "5"), 5);  // more than the clauses: nothing matches, as in ES
  EXPECT_EQ(Msm(3, "-5"), 0);
  EXPECT_EQ(Msm(3, "100%"), 3);
  EXPECT_EQ(Msm(3, "0%"), 0);
  EXPECT_EQ(Msm(0, "1"), 1);
  EXPECT_EQ(Msm(5, " 3 < 90% "), 4);
  auto bad = CalculateMinShouldMatch(3, "abc");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().type(), "number_format_exception");
  EXPECT_EQ(bad.status().message(), "For input string: \"abc\"");
  EXPECT_EQ(Msm(3, "3<"), 3);  // Java never reads the missing part here
  EXPECT_FALSE(CalculateMinShouldMatch(5, "3<").ok());
}

TEST(FuzzinessTest, ParsesEsForms) {
  EXPECT_EQ(Fuzziness::Parse("AUTO")->AsDistance("ab"), 0);
  EXPECT_EQ(Fuzziness::Parse("auto")->AsDistance("abc"), 1);
  EXPECT_EQ(Fuzziness::Parse("AUTO")->AsDistance("abcdef"), 2);
  EXPECT_EQ(Fuzziness::Parse("AUTO:2,4")->AsDistance("ab"), 1);
  EXPECT_EQ(Fuzziness::Parse("AUTO:2,4")->AsDistance("abcd"), 2);
  EXPECT_EQ(Fuzziness::Parse("AUTO")->AsDistance("\xc3\xa9t\xc3\xa9"), 1);  // 3 code points
  EXPECT_EQ(Fuzziness::Parse("1")->AsDistance("anything"), 1);
  EXPECT_EQ(Fuzziness::Parse("2.0")->AsDistance("x"), 2);
  EXPECT_EQ(Fuzziness::Parse("3").status().message(),
            "Valid edit distances are [0, 1, 2] but was [3]");
  EXPECT_EQ(Fuzziness::Parse("0.5").status().message(),
            "fuzziness needs to be one of 0.0, 1.0 or 2.0 but was 0.5");
  EXPECT_EQ(Fuzziness::Parse("AUTO:5,3").status().type(), "parse_exception");
  EXPECT_EQ(Fuzziness::Parse("AUTO:3").status().message(),
            "failed to find low and high distance values");
  EXPECT_EQ(Fuzziness::Parse("abc").status().message(), "Invalid fuzziness value: abc");
}

}  // namespace
}  // namespace quiver::query::dsl
