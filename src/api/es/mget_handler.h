// GET|POST /_mget and /{index}/_mget (docs and ids forms).
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleMget(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
