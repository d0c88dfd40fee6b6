#include "api/es/rest_request.h"

#include "common/strings.h"

namespace quiver::api {

RestRequest::RestRequest(HttpRequest* http, std::map<std::string, std::string> path_params)
    : http_(http), path_params_(std::move(path_params)) {
  auto p = bool_param("pretty", false);
  pretty_ = p.ok() && *p;
  auto h = bool_param("human", false);
  human_ = h.ok() && *h;
}

const std::string& RestRequest::path_param(std::string_view name) const {
  static const std::string kEmpty;
  auto it = path_params_.find(std::string(name));
  return it == path_params_.end() ? kEmpty : it->second;
}

bool RestRequest::has_path_param(std::string_view name) const {
  return path_params_.count(std::string(name)) > 0;
}

std::string RestRequest::param_or(std::string_view name, std::string_view def) const {
  const std::string* v = param(name);
  return v ? *v : std::string(def);
}

Result<bool> RestRequest::bool_param(std::string_view name, bool def) const {
  const std::string* v = param(name);
  if (v == nullptr) return def;
  if (v->empty() || *v == "true") return true;
  if (*v == "false") return false;
  return Status::InvalidArgument("Failed to parse value [" + *v +
                                 "] as only [true] or [false] are allowed.");
}

Result<int64_t> RestRequest::int_param(std::string_view name, int64_t def) const {
  const std::string* v = param(name);
  if (v == nullptr) return def;
  int64_t out;
  if (!ParseInt64(*v, &out)) {
    return Status::InvalidArgument("Failed to parse int parameter [" + std::string(name) +
                                   "] with value [" + *v + "]");
  }
  return out;
}

Result<int64_t> RestRequest::time_param_ms(std::string_view name, int64_t def) const {
  const std::string* v = param(name);
  if (v == nullptr) return def;
  int64_t ms;
  if (!ParseTimeValueMs(*v, &ms)) {
    return Status::ParseError("failed to parse setting [" + std::string(name) + "] with value [" +
                              *v + "] as a time value: unit is missing or unrecognized")
        .WithType("parse_exception");
  }
  return ms;
}

std::vector<std::string> RestRequest::list_param(std::string_view name) const {
  std::vector<std::string> out;
  const std::string* v = param(name);
  if (v == nullptr) return out;
  for (auto part : SplitString(*v, ',')) {
    part = TrimWhitespace(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

std::string_view RestRequest::body() const {
  if (!http_->body.empty()) return http_->body;
  if (const std::string* s = param("source")) return *s;
  return {};
}

std::string JsonLocation(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "[" + std::to_string(line) + ":" + std::to_string(col) + "] ";
}

Result<json::value> RestRequest::json_body(bool optional) const {
  std::string_view b = body();
  if (TrimWhitespace(b).empty()) {
    if (optional) return json::value();
    return Status::ParseError("request body is required").WithType("parse_exception");
  }
  auto parsed = ParseJson(b);
  if (parsed.ok()) return parsed;
  if (parsed.status().type() == "x_content_parse_exception") {
    return parsed.status().WithMessage(JsonLocation(b, 0) + parsed.status().message());
  }
  size_t offset = JsonErrorOffset(b);
  return Status::ParseError(JsonLocation(b, offset) + "Failed to parse JSON: " +
                            parsed.status().message())
      .WithType("x_content_parse_exception");
}

}  // namespace quiver::api
