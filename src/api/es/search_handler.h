// Search APIs: _search, _count, _msearch, scroll, clear scroll, point in
// time, _explain, _delete_by_query, _update_by_query, _analyze.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleSearch(ApiContext& ctx, RestRequest& req);
// A _search of `expression` with a body built by another API (_knn_search).
Result<RestResponse> SearchWithBody(ApiContext& ctx, const RestRequest& req,
                                    const json::value& body, const std::string& expression);
Result<RestResponse> HandleCount(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleMsearch(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleScroll(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleClearScroll(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleOpenPit(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleClosePit(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleExplain(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleDeleteByQuery(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleUpdateByQuery(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleAnalyze(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetTask(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
