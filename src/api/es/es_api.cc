#include "api/es/es_api.h"

#include <algorithm>

#include "api/es/es_errors.h"
#include "api/es/filter_path.h"
#include "common/logging.h"
#include "common/strings.h"

namespace quiver::api {
namespace {

const char* const kCommonParams[] = {"pretty", "human",  "error_trace",
                                     "filter_path", "source", "source_content_type"};

size_t Levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// ES's "did you mean" suggestions: Lucene LevenshteinDistance similarity > 0.5.
std::vector<std::string> Suggestions(std::string_view unknown, const std::vector<std::string>& known) {
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& k : known) {
    double max_len = static_cast<double>(std::max(unknown.size(), k.size()));
    double sim = 1.0 - static_cast<double>(Levenshtein(unknown, k)) / max_len;
    if (sim > 0.5) scored.push_back({sim, k});
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (auto& s : scored) out.push_back(std::move(s.second));
  return out;
}

HttpResponse SimpleError(int status, const std::string& message) {
  HttpResponse r;
  r.status = status;
  JsonWriter w;
  w.BeginObject();
  w.Field("error", message);
  w.Field("status", static_cast<int64_t>(status));
  w.EndObject();
  r.body = w.Take();
  return r;
}

// Content types Quiver parses (JSON and NDJSON, with the ES vendor types).
bool SupportedContentType(std::string_view ct) {
  std::string lower = AsciiLower(ct);
  std::string_view base = lower;
  if (size_t semi = base.find(';'); semi != std::string_view::npos) base = base.substr(0, semi);
  base = TrimWhitespace(base);
  return base == "application/json" || base == "application/x-ndjson" ||
         base == "application/vnd.elasticsearch+json" ||
         base == "application/vnd.elasticsearch+x-ndjson";
}

// The media type to answer with: ES echoes a compatible-with vendor type.
std::string ResponseContentType(const HttpRequest& http) {
  std::string accept = AsciiLower(http.Header("Accept"));
  if (accept.empty()) accept = AsciiLower(http.Header("Content-Type"));
  size_t pos = accept.find("compatible-with=");
  if (accept.find("application/vnd.elasticsearch+json") != std::string::npos &&
      pos != std::string::npos) {
    std::string version = accept.substr(pos + 16, 1);
    return "application/vnd.elasticsearch+json;compatible-with=" + version;
  }
  return "application/json";
}

}  // namespace

EsApi::EsApi(engine::Node* node, NodeInfo info) : info_(std::move(info)) {
  ctx_.node = node;
  ctx_.info = &info_;
  ctx_.contexts = &contexts_;
  routes_ = AllRoutes();
  for (size_t i = 0; i < routes_.size(); ++i) {
    Status s = table_.Add(routes_[i].method, routes_[i].path, i);
    if (!s.ok()) QLOG_ERROR("route {} {}: {}", routes_[i].method, routes_[i].path, s.ToString());
  }
}

HttpResponse EsApi::Handle(HttpRequest& http) {
  auto segments = DecodePathSegments(http.path);
  if (!segments.ok()) return Render(http, nullptr, segments.status());
  RouteMatch match = table_.Match(http.method, *segments);
  if (match.kind == RouteMatchKind::kNotFound) {
    return SimpleError(400, "no handler found for uri [" + http.path + "] and method [" +
                                http.method + "]");
  }
  if (match.kind == RouteMatchKind::kMethodNotAllowed) {
    std::string allowed;
    for (const auto& m : match.allowed_methods) allowed += (allowed.empty() ? "" : ", ") + m;
    if (http.method == "OPTIONS") {
      HttpResponse r;
      r.status = 200;
      r.content_type.clear();
      r.headers.push_back({"Allow", allowed});
      return r;
    }
    HttpResponse r = SimpleError(405, "Incorrect HTTP method for uri [" + http.path +
                                          "] and method [" + http.method + "], allowed: [" +
                                          allowed + "]");
    r.headers.push_back({"Allow", allowed});
    return r;
  }
  const RouteDef& route = routes_[*table_.handler(match)];
  RestRequest req(&http, std::move(match.params));

  // Unknown query parameters are rejected before anything runs.
  std::vector<std::string> known(route.params.begin(), route.params.end());
  for (const char* c : kCommonParams) known.emplace_back(c);
  std::vector<std::string> unknown;
  for (const auto& [name, value] : http.query_params) {
    if (std::find(known.begin(), known.end(), name) == known.end() &&
        std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
      unknown.push_back(name);
    }
  }
  if (!unknown.empty()) {
    std::string msg = "request [" + http.path + "] contains unrecognized parameter";
    msg += unknown.size() > 1 ? "s: " : ": ";
    for (size_t i = 0; i < unknown.size(); ++i) {
      if (i > 0) msg += ", ";
      msg += "[" + unknown[i] + "]";
      auto sugg = Suggestions(unknown[i], known);
      if (sugg.size() == 1) {
        msg += " -> did you mean [" + sugg[0] + "]?";
      } else if (sugg.size() > 1) {
        msg += " -> did you mean any of [";
        for (size_t j = 0; j < sugg.size(); ++j) msg += (j ? ", " : "") + sugg[j];
        msg += "]?";
      }
    }
    return Render(http, &req, Status::InvalidArgument(msg));
  }

  if (!http.body.empty()) {
    std::string_view ct = http.Header("Content-Type");
    if (ct.empty()) return SimpleError(406, "Content-Type header is missing");
    if (!SupportedContentType(ct)) {
      return SimpleError(406, "Content-Type header [" + std::string(ct) + "] is not supported");
    }
  }

  Result<RestResponse> result = Status::Internal("handler did not run");
  try {
    result = route.handler(ctx_, req);
  } catch (const std::exception& e) {
    // Library adapters may throw (Boost.JSON accessors); never let it escape.
    QLOG_ERROR("handler for {} {} threw: {}", http.method, http.path, e.what());
    result = Status::Internal(std::string("unexpected error: ") + e.what());
  }
  return Render(http, &req, std::move(result));
}

HttpResponse EsApi::Render(const HttpRequest& http, const RestRequest* req,
                           Result<RestResponse> result) {
  HttpResponse out;
  bool error_trace = false;
  if (req != nullptr) {
    auto et = req->bool_param("error_trace", false);
    error_trace = et.ok() && *et;
  }
  RestResponse r;
  if (result.ok()) {
    r = std::move(result).value();
  } else {
    r.status = result.status().http_status();
    r.body = RenderErrorBody(result.status(), error_trace);
  }
  out.status = r.status;
  out.headers = std::move(r.headers);
  if (!r.content_type.empty()) {
    out.content_type = r.content_type;
    out.body = std::move(r.body);
    return out;
  }
  out.content_type = ResponseContentType(http);
  const std::string* filter = http.QueryParam("filter_path");
  bool pretty = req != nullptr && req->pretty();
  // ES renders errors without filtering.
  if (out.status >= 400) filter = nullptr;
  if ((filter != nullptr && !filter->empty()) || pretty) {
    auto parsed = ParseJson(r.body);
    if (parsed.ok()) {
      json::value v = std::move(parsed).value();
      if (filter != nullptr && !filter->empty()) v = ApplyFilterPath(v, *filter);
      out.body = ToJson(v, pretty);
      return out;
    }
  }
  out.body = std::move(r.body);
  return out;
}

}  // namespace quiver::api
