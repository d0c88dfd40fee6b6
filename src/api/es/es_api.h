// EsApi: the Elasticsearch-compatible REST API. Matches a request against the
// route table (routes.cc), rejects unknown parameters and unsupported
// content types as Elasticsearch does, runs the handler, and renders the
// response: errors in ES's shape, `pretty`, `filter_path`, HEAD, and the
// media type the client asked for. Thread-safe; one instance per server.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/es/handler.h"
#include "api/es/search_contexts.h"
#include "api/http/http_request.h"
#include "api/http/http_response.h"
#include "api/http/router.h"

namespace quiver::api {

struct RouteDef {
  std::string method;
  std::string path;
  RestHandler handler;
  // Query parameters the API accepts besides the common ones.
  std::vector<std::string> params;
};

// The whole REST surface (routes.cc).
std::vector<RouteDef> AllRoutes();

class EsApi {
 public:
  EsApi(engine::Node* node, NodeInfo info);
  HttpResponse Handle(HttpRequest& request);

 private:
  HttpResponse Render(const HttpRequest& http, const RestRequest* req, Result<RestResponse> r);

  NodeInfo info_;
  SearchContexts contexts_;
  ApiContext ctx_;
  std::vector<RouteDef> routes_;
  RouteTable<size_t> table_;
};

}  // namespace quiver::api
