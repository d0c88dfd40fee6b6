// RestRequest: an HTTP request as an Elasticsearch REST handler sees it —
// path parameters from the route, typed query parameters with ES's parsing
// rules and error messages, and the body (or the `source` query parameter
// that may stand in for it). Owned by one handler call; not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/http_request.h"
#include "common/json.h"
#include "common/status.h"

namespace quiver::api {

class RestRequest {
 public:
  RestRequest(HttpRequest* http, std::map<std::string, std::string> path_params);

  const std::string& method() const { return http_->method; }
  const std::string& raw_path() const { return http_->path; }
  const HttpRequest& http() const { return *http_; }

  // A path parameter ("index", "id"); empty when the route has none.
  const std::string& path_param(std::string_view name) const;
  bool has_path_param(std::string_view name) const;

  // Query parameters (last value wins, as in ES).
  const std::string* param(std::string_view name) const { return http_->QueryParam(name); }
  bool has_param(std::string_view name) const { return param(name) != nullptr; }
  std::string param_or(std::string_view name, std::string_view def) const;
  // ES booleans: "true", "false", and "" (the bare flag `?pretty`) as true.
  Result<bool> bool_param(std::string_view name, bool def) const;
  Result<int64_t> int_param(std::string_view name, int64_t def) const;
  // Time values ("1s", "500ms", "-1"); returns milliseconds.
  Result<int64_t> time_param_ms(std::string_view name, int64_t def) const;
  // Comma-separated list ("a,b").
  std::vector<std::string> list_param(std::string_view name) const;

  // The body, or the `source` query parameter when there is no body.
  bool has_body() const { return !body().empty(); }
  std::string_view body() const;
  // Parses the body as JSON; an empty body is an error unless `optional`
  // (then null). Errors are ES's x_content_parse_exception / parse_exception.
  Result<json::value> json_body(bool optional = false) const;

  bool pretty() const { return pretty_; }
  bool human() const { return human_; }

 private:
  HttpRequest* http_;
  std::map<std::string, std::string> path_params_;
  bool pretty_ = false;
  bool human_ = false;
};

// "[line:col] " prefix for a byte offset into `text`, as Jackson reports it.
std::string JsonLocation(std::string_view text, size_t offset);

}  // namespace quiver::api
