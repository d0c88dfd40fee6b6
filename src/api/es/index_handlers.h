// Index management APIs: create, delete, exists, get, mappings, settings,
// refresh, flush, force merge, open/close, stats.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleCreateIndex(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleDeleteIndex(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleIndexExists(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetIndex(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetMapping(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandlePutMapping(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetSettings(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandlePutSettings(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleRefresh(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleFlush(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleForceMerge(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleOpenIndex(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCloseIndex(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleIndexStats(ApiContext& ctx, RestRequest& req);

// Resolves {index} (or all indices when the route has none) for read APIs.
Result<std::vector<std::shared_ptr<engine::Index>>> ResolveForRead(
    ApiContext& ctx, const RestRequest& req, engine::IndicesOptions defaults = {});
// index_closed_exception when `index` is closed.
Status CheckOpen(const engine::Index& index);

}  // namespace quiver::api
