// The seed IVF plugin's REST contract on top of Quiver's per-segment IVF
// indexes: POST /{index}/_ivf/train and GET /{index}/_ivf/stats.
#pragma once

#include "api/es/handler.h"

namespace quiver::api {

// Trains the IVF of a vector field. Quiver trains IVF per segment whenever
// a segment holds at least 39 × nlist vectors, so training means merging each
// shard into one segment (its index is rebuilt, and trained when it has
// enough vectors). Body: {"field", "nlist"}; `nlist` must match the
// mapping's (changing it is a mapping update).
Result<RestResponse> HandleIvfTrain(ApiContext& ctx, RestRequest& req);

// {nlist, dimension, metricType, isTrained, totalVectors, minClusterSize,
// maxClusterSize, avgClusterSize} over every segment of every shard.
// ?field= picks the field (default: the first vector field of the mapping).
Result<RestResponse> HandleIvfStats(ApiContext& ctx, RestRequest& req);

}  // namespace quiver::api
