// Router: maps (method, path pattern) to a route id, matching decoded path
// segments the way Elasticsearch's RestController and PathTrie do.
//
// Patterns are '/'-separated segments, each a literal ("_search") or a
// parameter ("{index}"); "/" is the root. A request path matches a pattern
// with the same number of segments where every literal is equal. When several
// patterns match, a literal segment is preferred over a parameter at the same
// position, leftmost position first ("/_cat/indices" beats "/{index}/{type}",
// "/{index}/_search" beats "/{index}/{id}"). Matching backtracks, and is
// method-aware as RestController is: if the preferred pattern has no route for
// the method, the next matching pattern is tried ("PUT /_cat" reaches
// "PUT /{index}" even though "GET /_cat" exists). If some pattern matches the
// path but none has the method, the result is kMethodNotAllowed with the
// union of their methods (for a 405 Allow header, or an OPTIONS answer).
// HEAD matches a GET route when the pattern has no explicit HEAD route.
//
// ES's PathTrie tries four fixed "wildcard modes" in turn instead of a full
// depth-first search; the two orders agree on every pattern set ES registers.
//
// Add is not thread-safe; Match is const and safe to call concurrently once
// all routes are added.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace quiver {

enum class RouteMatchKind { kFound, kMethodNotAllowed, kNotFound };

struct RouteMatch {
  RouteMatchKind kind = RouteMatchKind::kNotFound;
  // The id given to Router::Add; valid when kind == kFound.
  size_t route_id = 0;
  // Parameter name -> decoded segment; set when kind == kFound.
  std::map<std::string, std::string> params;
  // Sorted methods the path accepts; set when kind == kMethodNotAllowed.
  std::vector<std::string> allowed_methods;
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers `pattern` for `method`. kInvalidArgument for a malformed
  // pattern ("/a{b}", "/{}", a parameter name used twice); kAlreadyExists if
  // the method already has a route with the same shape ("/{a}/x" and "/{b}/x"
  // have the same shape).
  Status Add(std::string_view method, std::string_view pattern, size_t route_id);

  // Matches decoded path segments (see DecodePathSegments).
  RouteMatch Match(std::string_view method, const std::vector<std::string>& segments) const;

  size_t num_routes() const { return num_routes_; }

 private:
  struct Route;
  struct Node;
  struct MatchState;
  static bool Visit(const Node* node, size_t depth, MatchState* state);

  std::unique_ptr<Node> root_;
  size_t num_routes_ = 0;
};

// A Router that stores a handler value per route.
template <typename Handler>
class RouteTable {
 public:
  Status Add(std::string_view method, std::string_view pattern, Handler handler) {
    QUIVER_RETURN_IF_ERROR(router_.Add(method, pattern, handlers_.size()));
    handlers_.push_back(std::move(handler));
    return Status::Ok();
  }

  RouteMatch Match(std::string_view method, const std::vector<std::string>& segments) const {
    return router_.Match(method, segments);
  }

  // The handler of a kFound match; nullptr otherwise.
  const Handler* handler(const RouteMatch& match) const {
    if (match.kind != RouteMatchKind::kFound) return nullptr;
    return &handlers_[match.route_id];
  }

 private:
  Router router_;
  std::vector<Handler> handlers_;
};

}  // namespace quiver
