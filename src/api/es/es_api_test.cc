// Request -> response tests of the ES API handlers, in process (no sockets).
#include "api/es/es_api.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"

namespace quiver::api {
namespace {

class EsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::NodeOptions o;
    o.data_dir = dir_.path() / "data";
    o.destructive_requires_name = false;
    node_ = engine::Node::Open(o).value();
    api_ = std::make_unique<EsApi>(node_.get(), NodeInfo{});
  }
  void TearDown() override {
    api_.reset();
    ASSERT_TRUE(node_->Close().ok());
  }

  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    const std::string& content_type = "application/json") {
    HttpRequest r;
    r.method = method;
    SplitRequestTarget(target, &r.path, &r.raw_query);
    EXPECT_TRUE(ParseQueryString(r.raw_query, &r.query_params).ok());
    r.body = body;
    if (!body.empty()) r.headers.push_back({"Content-Type", content_type});
    return api_->Handle(r);
  }

  json::value CallJson(const std::string& method, const std::string& target,
                       const std::string& body = "", int expect_status = -1) {
    HttpResponse r = Call(method, target, body);
    if (expect_status >= 0) EXPECT_EQ(r.status, expect_status) << r.body;
    auto parsed = ParseJson(r.body);
    EXPECT_TRUE(parsed.ok()) << r.body;
    return parsed.ok() ? *parsed : json::value();
  }

  TempDir dir_;
  std::unique_ptr<engine::Node> node_;
  std::unique_ptr<EsApi> api_;
};

TEST_F(EsApiTest, RootReportsAnElasticsearch8Node) {
  auto v = CallJson("GET", "/", "", 200);
  EXPECT_EQ(*JsonFindPath(v, "version.number"), "8.19.0");
  EXPECT_EQ(*JsonFindPath(v, "version.build_flavor"), "default");
  EXPECT_EQ(*JsonFind(v, "tagline"), "You Know, for Search");
  EXPECT_NE(JsonFind(v, "cluster_uuid"), nullptr);
  EXPECT_EQ(Call("HEAD", "/").status, 200);
}

TEST_F(EsApiTest, DocumentRoundTripWithVersionsAndResults) {
  auto created = CallJson("PUT", "/books/_doc/1?refresh=true", R"({"title":"Dune","year":1965})", 201);
  EXPECT_EQ(*JsonFind(created, "result"), "created");
  EXPECT_EQ(*JsonFind(created, "_version"), 1);
  EXPECT_EQ(*JsonFind(created, "forced_refresh"), true);
  EXPECT_EQ(*JsonFindPath(created, "_shards.successful"), 1);
  auto updated = CallJson("PUT", "/books/_doc/1", R"({"title":"Dune","year":1966})", 200);
  EXPECT_EQ(*JsonFind(updated, "result"), "updated");
  EXPECT_EQ(*JsonFind(updated, "_version"), 2);
  auto got = CallJson("GET", "/books/_doc/1", "", 200);
  EXPECT_EQ(*JsonFindPath(got, "_source.year"), 1966);
  EXPECT_EQ(*JsonFind(got, "found"), true);
  auto missing = CallJson("GET", "/books/_doc/2", "", 404);
  EXPECT_EQ(*JsonFind(missing, "found"), false);
  auto noindex = CallJson("GET", "/nope/_doc/1", "", 404);
  EXPECT_EQ(*JsonFindPath(noindex, "error.type"), "index_not_found_exception");
  EXPECT_EQ(Call("HEAD", "/books/_doc/1").status, 200);
  EXPECT_EQ(Call("HEAD", "/books/_doc/2").status, 404);
  auto src = CallJson("GET", "/books/_source/1?_source_includes=title", "", 200);
  EXPECT_EQ(ToJson(src), R"({"title":"Dune"})");
  auto del = CallJson("DELETE", "/books/_doc/1", "", 200);
  EXPECT_EQ(*JsonFind(del, "result"), "deleted");
  auto gone = CallJson("DELETE", "/books/_doc/1", "", 404);
  EXPECT_EQ(*JsonFind(gone, "result"), "not_found");
}

TEST_F(EsApiTest, BulkReportsPerItemResultsAndErrors) {
  CallJson("PUT", "/logs", R"({"mappings":{"properties":{"n":{"type":"long"}}}})", 200);
  std::string body =
      "{\"index\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"n\":1}\n"
      "{\"create\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"n\":2}\n"
      "{\"index\":{\"_index\":\"logs\",\"_id\":\"2\"}}\n{\"n\":\"not a number\"}\n"
      "{\"update\":{\"_index\":\"logs\",\"_id\":\"1\"}}\n{\"doc\":{\"n\":5}}\n"
      "{\"delete\":{\"_index\":\"logs\",\"_id\":\"9\"}}\n"
      "{\"index\":{\"_index\":\"logs\"}}\n{\"n\":7}\n";
  HttpResponse r = Call("POST", "/_bulk?refresh=true", body, "application/x-ndjson");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = ParseJson(r.body).value();
  EXPECT_EQ(*JsonFind(v, "errors"), true);
  const auto& items = JsonFind(v, "items")->get_array();
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(*JsonFindPath(items[0], "index.status"), 201);
  EXPECT_EQ(*JsonFindPath(items[1], "create.status"), 409);
  EXPECT_EQ(*JsonFindPath(items[1], "create.error.type"), "version_conflict_engine_exception");
  EXPECT_EQ(*JsonFindPath(items[2], "index.status"), 400);
  EXPECT_EQ(*JsonFindPath(items[2], "index.error.type"), "document_parsing_exception");
  EXPECT_EQ(*JsonFindPath(items[3], "update.result"), "updated");
  EXPECT_EQ(*JsonFindPath(items[4], "delete.status"), 404);
  EXPECT_EQ(JsonFindPath(items[5], "index._id")->get_string().size(), 20u);
  auto count = CallJson("GET", "/logs/_count", "", 200);
  EXPECT_EQ(*JsonFind(count, "count"), 2);
  auto doc = CallJson("GET", "/logs/_doc/1", "", 200);
  EXPECT_EQ(*JsonFindPath(doc, "_source.n"), 5);
}

TEST_F(EsApiTest, UnknownParametersRoutesAndMethodsAreRejectedAsEs) {
  auto p = CallJson("GET", "/_search?sizee=1", "", 400);
  EXPECT_EQ(*JsonFindPath(p, "error.type"), "illegal_argument_exception");
  EXPECT_EQ(*JsonFindPath(p, "error.reason"),
            "request [/_search] contains unrecognized parameter: [sizee] -> did you mean [size]?");
  auto route = CallJson("GET", "/a/b/c/d/e", "", 400);
  EXPECT_EQ(*JsonFind(route, "error"), "no handler found for uri [/a/b/c/d/e] and method [GET]");
  HttpResponse m = Call("PATCH", "/_bulk");
  EXPECT_EQ(m.status, 405);
  HttpResponse ct = Call("PUT", "/x/_doc/1", "{}", "text/plain");
  EXPECT_EQ(ct.status, 406);
}

TEST_F(EsApiTest, FilterPathAndPrettyApplyToResponses) {
  HttpResponse r = Call("GET", "/?filter_path=version.number&pretty");
  EXPECT_EQ(r.body, "{\n  \"version\" : {\n    \"number\" : \"8.19.0\"\n  }\n}\n");
}

TEST_F(EsApiTest, IndexLifecycleAndErrors) {
  auto c = CallJson("PUT", "/twitter", R"({"settings":{"number_of_shards":2,"number_of_replicas":0}})", 200);
  EXPECT_EQ(*JsonFind(c, "index"), "twitter");
  auto dup = CallJson("PUT", "/twitter", "", 400);
  EXPECT_EQ(*JsonFindPath(dup, "error.type"), "resource_already_exists_exception");
  auto bad = CallJson("PUT", "/Twitter", "", 400);
  EXPECT_EQ(*JsonFindPath(bad, "error.type"), "invalid_index_name_exception");
  EXPECT_EQ(Call("HEAD", "/twitter").status, 200);
  EXPECT_EQ(Call("HEAD", "/nothere").status, 404);
  auto health = CallJson("GET", "/_cluster/health", "", 200);
  EXPECT_EQ(*JsonFind(health, "status"), "green");
  EXPECT_EQ(*JsonFind(health, "active_primary_shards"), 2);
  HttpResponse cat = Call("GET", "/_cat/indices?h=index,pri,rep");
  EXPECT_EQ(cat.body, "twitter 2 0\n");
  CallJson("DELETE", "/twitter", "", 200);
  EXPECT_EQ(Call("HEAD", "/twitter").status, 404);
}

}  // namespace
}  // namespace quiver::api
