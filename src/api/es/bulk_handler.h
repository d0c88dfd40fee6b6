// POST /_bulk and /{index}/_bulk: NDJSON action/source pairs executed in
// order, each with its own result or error; one WAL sync per shard for the
// whole request (group commit), then the ?refresh policy.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleBulk(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
