#include "api/es/filter_path.h"

#include <gtest/gtest.h>

namespace quiver::api {
namespace {

json::value J(const char* s) { return ParseJson(s).value(); }

TEST(FilterPathTest, IncludesPathsAndArrays) {
  auto body = J(R"({"took":3,"hits":{"total":{"value":2},"hits":[{"_id":"1","_source":{"a":1}},{"_id":"2"}]}})");
  EXPECT_EQ(ToJson(ApplyFilterPath(body, "took,hits.hits._id")),
            R"({"took":3,"hits":{"hits":[{"_id":"1"},{"_id":"2"}]}})");
}

TEST(FilterPathTest, WildcardsAndDoubleWildcard) {
  auto body = J(R"({"a":{"b":{"c":1,"d":2}},"ax":{"c":3}})");
  EXPECT_EQ(ToJson(ApplyFilterPath(body, "a*.c")), R"({"ax":{"c":3}})");
  EXPECT_EQ(ToJson(ApplyFilterPath(body, "**.c")), R"({"a":{"b":{"c":1}},"ax":{"c":3}})");
}

TEST(FilterPathTest, ExclusionsRemoveSubtrees) {
  auto body = J(R"({"a":1,"b":{"c":2,"d":3}})");
  EXPECT_EQ(ToJson(ApplyFilterPath(body, "-b.c")), R"({"a":1,"b":{"d":3}})");
  EXPECT_EQ(ToJson(ApplyFilterPath(body, "b,-b.d")), R"({"b":{"c":2}})");
}

TEST(FilterPathTest, NothingMatchedGivesEmptyObject) {
  EXPECT_EQ(ToJson(ApplyFilterPath(J(R"({"a":1})"), "zzz")), "{}");
}

}  // namespace
}  // namespace quiver::api
