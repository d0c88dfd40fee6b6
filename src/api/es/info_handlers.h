// Node and cluster information APIs: GET /, HEAD /, cluster health,
// _cat/health, /_capabilities, /_quiver/features.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleRootInfo(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandlePing(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleClusterHealth(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCatHealth(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCapabilities(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleQuiverFeatures(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
