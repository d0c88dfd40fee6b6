// HttpResponse: what a handler returns to the transport. A plain value.
//
// The transport adds Content-Length, Connection, X-Elastic-Product and, when
// it compresses the body, Content-Encoding and Vary; a handler sets only the
// status, content type, body and any headers of its own.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace quiver {

struct HttpResponse {
  int status = 200;
  // Sent as Content-Type unless empty.
  std::string content_type = "application/json; charset=UTF-8";
  // Sent as is; for HEAD only its length is sent.
  std::string body;
  // Extra header fields, sent in order; names may repeat (e.g. Warning).
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace quiver
