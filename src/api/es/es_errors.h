// The one place that renders a Status as an Elasticsearch error body:
//   {"error":{"root_cause":[{type, reason, metadata...}],"type":…,"reason":…,
//    metadata…, "caused_by":{…}},"status":N}
#pragma once

#include <string>

#include "common/json_writer.h"
#include "common/status.h"

namespace quiver::api {

// The full error response body for `status`.
std::string RenderErrorBody(const Status& status, bool error_trace);
// Writes one error object ({"type","reason",metadata,"caused_by"}) — used
// inside bulk items, mget docs and shard failures.
void WriteErrorObject(JsonWriter* w, const Status& status, bool with_cause = true);

}  // namespace quiver::api
