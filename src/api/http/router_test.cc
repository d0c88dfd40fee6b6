#include "api/http/router.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

using Segments = std::vector<std::string>;

class RouterTest : public ::testing::Test {
 protected:
  void Add(std::string_view method, std::string_view pattern) {
    Status status = table_.Add(method, pattern, std::string(method) + " " + std::string(pattern));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  // The "METHOD pattern" of the matched route, or "" when nothing matched.
  std::string Route(std::string_view method, const Segments& segments) {
    last_ = table_.Match(method, segments);
    const std::string* handler = table_.handler(last_);
    return handler == nullptr ? "" : *handler;
  }

  RouteTable<std::string> table_;
  RouteMatch last_;
};

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  Add("GET", "/{index}/{id}");
  Add("GET", "/_cat/indices");
  Add("GET", "/{index}/_search");
  Add("GET", "/_cat/indices/{index}");
  EXPECT_EQ(Route("GET", {"_cat", "indices"}), "GET /_cat/indices");
  EXPECT_TRUE(last_.params.empty());
  EXPECT_EQ(Route("GET", {"logs", "_search"}), "GET /{index}/_search");
  EXPECT_EQ(last_.params, (std::map<std::string, std::string>{{"index", "logs"}}));
  EXPECT_EQ(Route("GET", {"logs", "42"}), "GET /{index}/{id}");
  EXPECT_EQ(last_.params, (std::map<std::string, std::string>{{"index", "logs"}, {"id", "42"}}));
  EXPECT_EQ(Route("GET", {"_cat", "indices", "logs"}), "GET /_cat/indices/{index}");
  EXPECT_EQ(last_.params.at("index"), "logs");
}

TEST_F(RouterTest, BacktracksWhenLiteralBranchHasNoFullMatch) {
  Add("GET", "/_cat/indices");
  Add("GET", "/{index}/_doc/{id}");
  // "_cat" matches the literal first, but only the parameter branch matches fully.
  EXPECT_EQ(Route("GET", {"_cat", "_doc", "1"}), "GET /{index}/_doc/{id}");
  EXPECT_EQ(last_.params.at("index"), "_cat");
  EXPECT_EQ(last_.params.at("id"), "1");
}

TEST_F(RouterTest, BacktracksToAPatternThatHasTheMethod) {
  Add("GET", "/_cat");
  Add("PUT", "/{index}");
  Add("GET", "/{index}");
  EXPECT_EQ(Route("PUT", {"_cat"}), "PUT /{index}");
  EXPECT_EQ(last_.params.at("index"), "_cat");
  EXPECT_EQ(Route("GET", {"_cat"}), "GET /_cat");
}

TEST_F(RouterTest, MethodNotAllowedListsMethodsOfEveryMatchingPattern) {
  Add("GET", "/{index}/_doc/{id}");
  Add("PUT", "/{index}/_doc/{id}");
  Add("DELETE", "/{index}/_doc/{id}");
  Add("POST", "/{index}/{type}/{id}");
  EXPECT_EQ(Route("PATCH", {"idx", "_doc", "1"}), "");
  EXPECT_EQ(last_.kind, RouteMatchKind::kMethodNotAllowed);
  EXPECT_EQ(last_.allowed_methods,
            (std::vector<std::string>{"DELETE", "GET", "HEAD", "POST", "PUT"}));
}

TEST_F(RouterTest, NotFoundWhenNoPatternMatchesThePath) {
  Add("GET", "/{index}/_search");
  EXPECT_EQ(Route("GET", {"idx", "_count"}), "");
  EXPECT_EQ(last_.kind, RouteMatchKind::kNotFound);
  EXPECT_EQ(Route("GET", {"idx"}), "");
  EXPECT_EQ(last_.kind, RouteMatchKind::kNotFound);
  EXPECT_EQ(Route("GET", {"idx", "_search", "more"}), "");
  EXPECT_EQ(last_.kind, RouteMatchKind::kNotFound);
}

TEST_F(RouterTest, HeadFallsBackToGetUnlessHeadIsRegistered) {
  Add("GET", "/{index}/_doc/{id}");
  Add("GET", "/{index}");
  Add("HEAD", "/{index}");
  EXPECT_EQ(Route("HEAD", {"idx", "_doc", "1"}), "GET /{index}/_doc/{id}");
  EXPECT_EQ(last_.kind, RouteMatchKind::kFound);
  EXPECT_EQ(Route("HEAD", {"idx"}), "HEAD /{index}");
}

TEST_F(RouterTest, MatchesRootPattern) {
  Add("GET", "/");
  Add("GET", "/{index}");
  EXPECT_EQ(Route("GET", {}), "GET /");
  EXPECT_EQ(Route("HEAD", {}), "GET /");
  EXPECT_EQ(Route("DELETE", {}), "");
  EXPECT_EQ(last_.allowed_methods, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST_F(RouterTest, ParameterNamesMayDifferBetweenRoutesOfTheSameShape) {
  Add("GET", "/{index}/_doc/{id}");
  Add("PUT", "/{target}/_doc/{doc_id}");
  EXPECT_EQ(Route("PUT", {"i", "_doc", "7"}), "PUT /{target}/_doc/{doc_id}");
  EXPECT_EQ(last_.params, (std::map<std::string, std::string>{{"target", "i"}, {"doc_id", "7"}}));
  EXPECT_EQ(Route("GET", {"i", "_doc", "7"}), "GET /{index}/_doc/{id}");
  EXPECT_EQ(last_.params, (std::map<std::string, std::string>{{"index", "i"}, {"id", "7"}}));
}

TEST_F(RouterTest, MatchesDecodedSegments) {
  Add("GET", "/{index}/_doc/{id}");
  EXPECT_EQ(Route("GET", {"my index", "_doc", "a/b"}), "GET /{index}/_doc/{id}");
  EXPECT_EQ(last_.params.at("id"), "a/b");
}

TEST(RouterAddTest, RejectsDuplicateAndMalformedRoutes) {
  Router router;
  ASSERT_TRUE(router.Add("GET", "/{index}/_doc/{id}", 0).ok());
  EXPECT_EQ(router.Add("GET", "/{a}/_doc/{b}", 1).code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(router.Add("PUT", "/{a}/_doc/{b}", 1).ok());
  for (std::string_view bad : {"", "no-slash", "/a//b", "/{}", "/a{b}", "/{a}/{a}", "/{a}}"}) {
    EXPECT_EQ(router.Add("GET", bad, 2).code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(router.Add("", "/x", 3).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(router.num_routes(), 2u);
}

}  // namespace
}  // namespace quiver
