#include "api/http/http_request.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

Params Parse(std::string_view query) {
  Params params;
  Status status = ParseQueryString(query, &params);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return params;
}

TEST(HttpRequestTest, HeaderLookupIsCaseInsensitive) {
  HttpRequest request;
  request.headers = {
      {"Content-Type", "application/json"}, {"X-Opaque-Id", "a"}, {"x-opaque-id", "b"}};
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("X-OPAQUE-ID"), "a");
  EXPECT_TRUE(request.HasHeader("CONTENT-TYPE"));
  EXPECT_FALSE(request.HasHeader("Accept"));
  EXPECT_EQ(request.Header("Accept"), "");
}

TEST(HttpRequestTest, QueryParamReturnsLastValue) {
  HttpRequest request;
  request.query_params = {{"size", "1"}, {"from", "0"}, {"size", "2"}};
  ASSERT_NE(request.QueryParam("size"), nullptr);
  EXPECT_EQ(*request.QueryParam("size"), "2");
  EXPECT_EQ(request.QueryParam("q"), nullptr);
}

TEST(SplitRequestTargetTest, SeparatesPathAndQuery) {
  std::string path, query;
  SplitRequestTarget("/idx/_search?q=a%20b&size=1", &path, &query);
  EXPECT_EQ(path, "/idx/_search");
  EXPECT_EQ(query, "q=a%20b&size=1");
  SplitRequestTarget("/", &path, &query);
  EXPECT_EQ(path, "/");
  EXPECT_EQ(query, "");
  SplitRequestTarget("http://localhost:9200/a/b?x=1#frag", &path, &query);
  EXPECT_EQ(path, "/a/b");
  EXPECT_EQ(query, "x=1");
  SplitRequestTarget("http://localhost:9200", &path, &query);
  EXPECT_EQ(path, "/");
}

TEST(ParseQueryStringTest, DecodesLikeNettyQueryStringDecoder) {
  Params expected = {{"a", "1"}, {"b", ""}, {"c", "x y"}, {"d", "x y"}};
  EXPECT_EQ(Parse("a=1&b&c=x%20y&d=x+y"), expected);
}

TEST(ParseQueryStringTest, HandlesSeparatorsAndEdgeCases) {
  EXPECT_EQ(Parse(""), Params{});
  EXPECT_EQ(Parse("&&"), Params{});
  EXPECT_EQ(Parse("a=1;b=2"), (Params{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(Parse("a=b=c"), (Params{{"a", "b=c"}}));
  EXPECT_EQ(Parse("=x=1&y="), (Params{{"x", "1"}, {"y", ""}}));
  EXPECT_EQ(Parse("a=1#b=2"), (Params{{"a", "1"}}));
  EXPECT_EQ(Parse("q=%E2%82%AC%2B"), (Params{{"q", "\xE2\x82\xAC+"}}));
  EXPECT_EQ(Parse("p=100%%"), (Params{{"p", "100%"}}));
}

TEST(ParseQueryStringTest, RejectsMalformedEscapes) {
  Params params;
  for (std::string_view bad : {"a=%", "a=%4", "a=%zz", "%g1=1"}) {
    Status status = ParseQueryString(bad, &params);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
  }
  Status status = ParseQueryString("a=%", &params);
  EXPECT_EQ(status.message(), "unterminated escape sequence at end of string: %");
}

TEST(DecodePathSegmentsTest, KeepsEncodedSlashInsideSegment) {
  Result<std::vector<std::string>> segments = DecodePathSegments("/my%2Findex/_doc/a%2Fb");
  ASSERT_TRUE(segments.ok()) << segments.status().ToString();
  EXPECT_EQ(*segments, (std::vector<std::string>{"my/index", "_doc", "a/b"}));
}

TEST(DecodePathSegmentsTest, DropsEmptySegmentsAndKeepsPlus) {
  Result<std::vector<std::string>> segments = DecodePathSegments("//idx//_doc/a+b%20c/");
  ASSERT_TRUE(segments.ok()) << segments.status().ToString();
  EXPECT_EQ(*segments, (std::vector<std::string>{"idx", "_doc", "a+b c"}));
  Result<std::vector<std::string>> root = DecodePathSegments("/");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->empty());
}

TEST(DecodePathSegmentsTest, RejectsMalformedEscapes) {
  for (std::string_view bad : {"/idx/%", "/idx/%2", "/%zz/_doc", "/a%G0"}) {
    EXPECT_EQ(DecodePathSegments(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(DecodePathSegments("/a%zzb").status().message(),
            "invalid escape sequence `%zz' at index 1 of: a%zzb");
}

}  // namespace
}  // namespace quiver
