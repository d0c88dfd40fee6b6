// HttpRequest: one complete HTTP request as the transport hands it to a
// handler, plus the URL helpers that turn its raw target into path segments
// and query parameters the way Elasticsearch does (RestUtils, PathTrie).
//
// A request is built on an I/O thread and then owned by the handler running on
// a worker thread; it is a plain value with no synchronisation of its own.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace quiver {

struct HttpRequest {
  // The method token as sent ("GET", "PUT", ...). HTTP methods are
  // case-sensitive, so it is not normalised.
  std::string method;
  // The request target up to '?', still percent-encoded; see DecodePathSegments.
  std::string path;
  // Everything after the first '?', still encoded.
  std::string raw_query;
  // raw_query decoded, in order, repeats kept (see ParseQueryString).
  std::vector<std::pair<std::string, std::string>> query_params;
  // Header fields in arrival order with the names as sent. Once the body is
  // de-chunked and decompressed, Transfer-Encoding and the decoded
  // Content-Encoding are removed and Content-Length states body.size(), as
  // Netty's aggregator and decompressor leave them for Elasticsearch.
  std::vector<std::pair<std::string, std::string>> headers;
  // The complete body: de-chunked and decompressed.
  std::string body;
  // Peer address, "127.0.0.1:54321" or "[::1]:54321".
  std::string remote_address;

  // Value of the first header named `name` (case-insensitive); "" if absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // Value of the last query parameter named `name` (ES keeps the last of
  // repeated parameters), or nullptr.
  const std::string* QueryParam(std::string_view name) const;
};

// Splits a request target into its path and raw query. An absolute-form
// target ("http://host:9200/x?y") is reduced to its path; a fragment is dropped.
void SplitRequestTarget(std::string_view target, std::string* path, std::string* raw_query);

// Percent-decodes one URL component as Elasticsearch's
// RestUtils.decodeComponent: "%XY" is a byte, "%%" is '%', and '+' becomes a
// space only when `plus_as_space`. Malformed escapes are kInvalidArgument with
// ES's message ("unterminated escape sequence at end of string: ...").
Result<std::string> DecodeUrlComponent(std::string_view component, bool plus_as_space);

// Splits a raw path on '/' and decodes each segment on its own, so "%2F"
// stays inside its segment ("/a%2Fb/c" -> {"a/b", "c"}). Empty segments are
// dropped ("//a/" -> {"a"}); '+' stays '+'. Malformed escapes are an error.
Result<std::vector<std::string>> DecodePathSegments(std::string_view raw_path);

// Decodes a query string into `params` (appended in order) as
// RestUtils.decodeQueryString: pairs are separated by '&' or ';', the name
// ends at the first '=', a name without '=' has the value "", '+' is a space
// (as Netty's QueryStringDecoder), and parsing stops at '#'.
Status ParseQueryString(std::string_view raw_query,
                        std::vector<std::pair<std::string, std::string>>* params);

}  // namespace quiver
