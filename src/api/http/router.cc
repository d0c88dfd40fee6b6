#include "api/http/router.h"

#include <algorithm>
#include <set>

#include "common/strings.h"

namespace quiver {

struct Router::Route {
  std::string method;
  size_t route_id;
  // Name of each parameter segment, in path order.
  std::vector<std::string> param_names;
};

// One trie node per pattern prefix; a pattern ends at the node holding its routes.
struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::vector<Route> routes;

  const Route* Find(std::string_view method) const {
    for (const Route& route : routes) {
      if (route.method == method) return &route;
    }
    return nullptr;
  }
};

struct Router::MatchState {
  std::string_view method;
  const std::vector<std::string>* segments;
  // Segment indices consumed by parameter nodes on the current trie path.
  std::vector<size_t> param_positions;
  const Route* found = nullptr;
  std::set<std::string> allowed;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

Status Router::Add(std::string_view method, std::string_view pattern, size_t route_id) {
  if (method.empty()) return Status::InvalidArgument("route method must not be empty");
  if (pattern.empty() || pattern.front() != '/') {
    return Status::InvalidArgument("route pattern [" + std::string(pattern) +
                                   "] must start with '/'");
  }
  Node* node = root_.get();
  Route route{std::string(method), route_id, {}};
  for (std::string_view segment : SplitString(pattern.substr(1), '/')) {
    if (segment.empty()) {
      if (pattern == "/") break;
      return Status::InvalidArgument("route pattern [" + std::string(pattern) +
                                     "] has an empty segment");
    }
    bool is_param = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
    std::string_view name = is_param ? segment.substr(1, segment.size() - 2) : segment;
    if (name.empty() || name.find_first_of("{}") != std::string_view::npos) {
      return Status::InvalidArgument("route pattern [" + std::string(pattern) +
                                     "] has a malformed segment [" + std::string(segment) + "]");
    }
    if (is_param) {
      if (std::find(route.param_names.begin(), route.param_names.end(), name) !=
          route.param_names.end()) {
        return Status::InvalidArgument("route pattern [" + std::string(pattern) +
                                       "] repeats parameter [" + std::string(name) + "]");
      }
      route.param_names.emplace_back(name);
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
    } else {
      auto it = node->literals.find(segment);
      if (it == node->literals.end()) {
        it = node->literals.emplace(std::string(segment), std::make_unique<Node>()).first;
      }
      node = it->second.get();
    }
  }
  if (node->Find(method) != nullptr) {
    return Status::AlreadyExists("a route for [" + std::string(method) + " " +
                                 std::string(pattern) + "] already exists");
  }
  node->routes.push_back(std::move(route));
  ++num_routes_;
  return Status::Ok();
}

bool Router::Visit(const Node* node, size_t depth, MatchState* state) {
  const std::vector<std::string>& segments = *state->segments;
  if (depth == segments.size()) {
    if (node->routes.empty()) return false;
    const Route* route = node->Find(state->method);
    if (route == nullptr && state->method == "HEAD") route = node->Find("GET");
    if (route != nullptr) {
      state->found = route;
      return true;
    }
    for (const Route& r : node->routes) {
      state->allowed.insert(r.method);
      if (r.method == "GET") state->allowed.insert("HEAD");
    }
    return false;
  }
  auto literal = node->literals.find(segments[depth]);
  if (literal != node->literals.end() && Visit(literal->second.get(), depth + 1, state)) {
    return true;
  }
  if (node->param) {
    state->param_positions.push_back(depth);
    if (Visit(node->param.get(), depth + 1, state)) return true;
    state->param_positions.pop_back();
  }
  return false;
}

RouteMatch Router::Match(std::string_view method, const std::vector<std::string>& segments) const {
  MatchState state;
  state.method = method;
  state.segments = &segments;
  RouteMatch match;
  if (Visit(root_.get(), 0, &state)) {
    match.kind = RouteMatchKind::kFound;
    match.route_id = state.found->route_id;
    for (size_t i = 0; i < state.found->param_names.size(); ++i) {
      match.params.emplace(state.found->param_names[i], segments[state.param_positions[i]]);
    }
  } else if (!state.allowed.empty()) {
    match.kind = RouteMatchKind::kMethodNotAllowed;
    match.allowed_methods.assign(state.allowed.begin(), state.allowed.end());
  }
  return match;
}

}  // namespace quiver
