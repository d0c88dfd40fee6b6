#include "common/json.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/json_writer.h"

namespace quiver {
namespace {

TEST(JsonTest, ParseRejectsTrailingGarbageAndBadUtf8) {
  EXPECT_TRUE(ParseJson("{\"a\":1}  \n").ok());
  EXPECT_FALSE(ParseJson("{\"a\":1} x").ok());
  EXPECT_FALSE(ParseJson("{\"a\":").ok());
  EXPECT_FALSE(ParseJson("\"\xff\"").ok());
  EXPECT_EQ(ParseJson("{").status().code(), StatusCode::kParseError);
}

TEST(JsonTest, DoublesRoundTripExactlyAndDuplicateKeysAreRejected) {
  // Regression: a partial update rewrote 968975.6984641191 as ...192.
  for (const char* text : {"968975.6984641191", "0.1", "1e-300", "123456789.12345678", "-2.5E10"}) {
    auto v = ParseJson(text).value();
    auto back = ParseJson(ToJson(v)).value();
    EXPECT_EQ(back.as_double(), v.as_double()) << text;
    EXPECT_EQ(v.as_double(), std::strtod(text, nullptr)) << text;
  }
  auto dup = ParseJson(R"({"a":1,"b":{"c":1,"c":2}})");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(), "Duplicate field 'c'");
}

TEST(JsonTest, LenientTypedReads) {
  auto v = ParseJson(R"({"n":"12","d":"1.5","b":"true","x":[1,{"y":2}]})").value();
  EXPECT_EQ(JsonToInt64(*JsonFind(v, "n")), 12);
  EXPECT_EQ(JsonToDouble(*JsonFind(v, "d")), 1.5);
  EXPECT_EQ(JsonToBool(*JsonFind(v, "b")), true);
  EXPECT_EQ(JsonFind(v, "missing"), nullptr);
  const json::value* y = JsonFindPath(v, "x.1.y");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(JsonToInt64(*y), 2);
  EXPECT_EQ(JsonFindPath(v, "x.5"), nullptr);
}

TEST(JsonTest, PrettyPrintUsesEsLayout) {
  auto v = ParseJson(R"({"a":[1,2],"b":{}})").value();
  EXPECT_EQ(ToJson(v, true), "{\n  \"a\" : [\n    1,\n    2\n  ],\n  \"b\" : { }\n}\n");
  EXPECT_EQ(ToJson(v), R"({"a":[1,2],"b":{}})");
}

TEST(JsonWriterTest, InsertsCommasAndSplicesRawJson) {
  JsonWriter w;
  w.BeginObject();
  w.Field("took", int64_t{3});
  w.Key("hits");
  w.BeginArray();
  w.Raw(R"({"x":1})");
  w.Raw(R"({"x":2})");
  w.EndArray();
  w.Field("ok", true);
  w.Key("empty");
  w.BeginObject();
  w.EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"took":3,"hits":[{"x":1},{"x":2}],"ok":true,"empty":{}})");
  EXPECT_TRUE(ParseJson(w.str()).ok());
}

}  // namespace
}  // namespace quiver
