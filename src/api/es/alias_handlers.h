// Alias APIs: PUT/DELETE /{index}/_alias/{name}, POST /_aliases,
// GET /_alias..., HEAD /_alias/{name}.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandlePutAlias(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleDeleteAlias(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleUpdateAliases(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetAlias(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleAliasExists(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
