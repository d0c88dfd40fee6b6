// _search and _count. This first version serves what clients need to read
// back stored documents: match_all (or no query), from/size, sort by _doc,
// track_total_hits, _source filtering, over every shard of the targets. The
// full query DSL replaces the document selection in src/query.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

Result<RestResponse> HandleSearch(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCount(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
