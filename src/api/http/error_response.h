// Error responses for failures the HTTP transport detects itself (malformed
// requests, undecodable bodies, handler crashes), in the Elasticsearch shape:
//   {"error":{"root_cause":[{"type":T,"reason":R}],"type":T,"reason":R},"status":N}
// Errors from the engine are rendered by api/es, the one place that maps a
// Status to an ES error; this layer sits below it and cannot use it.
#pragma once

#include <string_view>

#include "api/http/http_response.h"

namespace quiver {

HttpResponse MakeErrorResponse(int status, std::string_view type, std::string_view reason);

}  // namespace quiver
