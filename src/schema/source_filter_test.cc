#include "schema/source_filter.h"

#include <gtest/gtest.h>

namespace quiver::schema {
namespace {

std::string Filter(std::string_view source, std::vector<std::string> includes,
                   std::vector<std::string> excludes) {
  auto r = FilterSource(source, includes, excludes);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : "";
}

constexpr std::string_view kDoc =
    R"({"title":"t","obj":{"a":1,"b":{"c":2,"name":"n"}},"user":{"name":"u","age":3},)"
    R"("list":[{"x":1,"y":2},{"x":3}],"tags":["a","b"]})";

TEST(SourceFilterTest, NoPatternsKeepEverything) { EXPECT_EQ(Filter(kDoc, {}, {}), kDoc); }

TEST(SourceFilterTest, IncludeParentKeepsSubtree) {
  EXPECT_EQ(Filter(kDoc, {"obj"}, {}), R"({"obj":{"a":1,"b":{"c":2,"name":"n"}}})");
}

TEST(SourceFilterTest, IncludeLeafKeepsPathOnly) {
  EXPECT_EQ(Filter(kDoc, {"obj.b.c"}, {}), R"({"obj":{"b":{"c":2}}})");
}

TEST(SourceFilterTest, WildcardsCrossDots) {
  EXPECT_EQ(Filter(kDoc, {"obj.*"}, {}), R"({"obj":{"a":1,"b":{"c":2,"name":"n"}}})");
  EXPECT_EQ(Filter(kDoc, {"*.name"}, {}), R"({"obj":{"b":{"name":"n"}},"user":{"name":"u"}})");
  EXPECT_EQ(Filter(kDoc, {"ti*"}, {}), R"({"title":"t"})");
}

TEST(SourceFilterTest, ExcludesWin) {
  EXPECT_EQ(Filter(kDoc, {}, {"obj", "list", "tags"}),
            R"({"title":"t","user":{"name":"u","age":3}})");
  EXPECT_EQ(Filter(kDoc, {"obj"}, {"obj.b"}), R"({"obj":{"a":1}})");
  EXPECT_EQ(Filter(kDoc, {"user"}, {"*.age"}), R"({"user":{"name":"u"}})");
}

TEST(SourceFilterTest, ArraysOfObjects) {
  EXPECT_EQ(Filter(kDoc, {"list.x"}, {}), R"({"list":[{"x":1},{"x":3}]})");
  EXPECT_EQ(Filter(kDoc, {}, {"list.y"}), R"({"title":"t","obj":{"a":1,"b":{"c":2,"name":"n"}},)"
                                          R"("user":{"name":"u","age":3},"list":[{"x":1},{"x":3}],)"
                                          R"("tags":["a","b"]})");
  EXPECT_EQ(Filter(kDoc, {"tags"}, {}), R"({"tags":["a","b"]})");
}

TEST(SourceFilterTest, NonMatchingIncludeDropsEverything) {
  EXPECT_EQ(Filter(kDoc, {"nope"}, {}), "{}");
  EXPECT_EQ(Filter(kDoc, {"obj.zzz"}, {}), "{}");
}

TEST(SourceFilterTest, InvalidJsonIsAnError) {
  EXPECT_FALSE(FilterSource("{", {"a"}, {}).ok());
  EXPECT_FALSE(FilterSource("[1]", {"a"}, {}).ok());
}

}  // namespace
}  // namespace quiver::schema
