// What every REST handler of the Elasticsearch API shares: the response
// value it returns, the context it runs in, and small writers for blocks
// that recur in ES responses.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/es/rest_request.h"
#include "common/json_writer.h"
#include "common/status.h"
#include "engine/node.h"

namespace quiver::api {

// Identity Quiver reports as an Elasticsearch node.
struct NodeInfo {
  std::string version = "8.19.0";
  std::string lucene_version = "9.12.1";
  std::string build_hash = "quiver";
  std::string build_date = "2026-11-01T00:00:00.000Z";
  std::string minimum_wire_compatibility_version = "7.17.0";
  std::string minimum_index_compatibility_version = "7.0.0";
  std::string quiver_version = "0.1.0";
};

struct RestResponse {
  int status = 200;
  std::string body;          // JSON unless content_type is set
  std::string content_type;  // empty: JSON
  std::vector<std::pair<std::string, std::string>> headers;

  static RestResponse Json(std::string body, int status = 200) {
    RestResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static RestResponse Text(std::string body, int status = 200) {
    RestResponse r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "text/plain; charset=UTF-8";
    return r;
  }
  static RestResponse Acknowledged(bool acknowledged = true) {
    return Json(acknowledged ? R"({"acknowledged":true})" : R"({"acknowledged":false})");
  }
};

class SearchContexts;

struct ApiContext {
  engine::Node* node = nullptr;
  const NodeInfo* info = nullptr;
  SearchContexts* contexts = nullptr;  // scrolls and points in time
};

using RestHandler = Result<RestResponse> (*)(ApiContext& ctx, RestRequest& req);

// "_shards": {"total": …, "successful": …, "failed": 0}
void WriteShardsBlock(JsonWriter* w, int64_t total, int64_t successful, int64_t failed = 0);
// _shards for a write to one shard copy set: total = 1 + replicas.
void WriteWriteShards(JsonWriter* w, const engine::Index& index);

// Parses ?expand_wildcards, ?ignore_unavailable, ?allow_no_indices on top
// of an API's defaults.
Result<engine::IndicesOptions> IndicesOptionsFrom(const RestRequest& req,
                                                  engine::IndicesOptions defaults);

// ?refresh on write APIs.
enum class RefreshPolicy { kNone, kImmediate, kWaitFor };
Result<RefreshPolicy> RefreshPolicyFrom(const RestRequest& req);

// The index_not_found_exception ES returns for a missing concrete index.
Status IndexNotFound(std::string_view name);

}  // namespace quiver::api
