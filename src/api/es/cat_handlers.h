// _cat/indices and _cat/count.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleCatIndices(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCatCount(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
