// Single-document APIs: index, create, get, exists, get _source, delete,
// update.
#pragma once

#include "api/es/handler.h"
#include "engine/document_ops.h"

namespace quiver::api {

Result<RestResponse> HandleIndexDoc(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleCreateDoc(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetDoc(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleDocExists(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleGetSource(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleDeleteDoc(ApiContext& ctx, RestRequest& req);
Result<RestResponse> HandleUpdateDoc(ApiContext& ctx, RestRequest& req);

// _source / _source_includes / _source_excludes as they apply to a fetch.
struct SourceFetch {
  bool fetch = true;
  std::vector<std::string> includes;
  std::vector<std::string> excludes;
  bool filtered() const { return !includes.empty() || !excludes.empty(); }
};
Result<SourceFetch> SourceFetchFromParams(const RestRequest& req);
// The same from a request body `_source` value (bool, string, array or
// {includes, excludes}).
Result<SourceFetch> SourceFetchFromJson(const json::value& v);
// Applies the fetch options to a stored source (JSON text).
Result<std::string> ApplySourceFetch(const SourceFetch& fetch, std::string_view source);

// Write conditions from ?op_type, ?if_seq_no, ?if_primary_term, ?version,
// ?version_type, with ES's validation messages.
Result<engine::WriteConditions> WriteConditionsFromParams(const RestRequest& req,
                                                          bool is_delete);

// Applies ?refresh after a write to `shard` of `index` (seq_no of the write).
// Returns true when a refresh was forced.
Result<bool> ApplyRefreshPolicy(RefreshPolicy policy, engine::Index& index, size_t shard,
                                int64_t seq_no);

}  // namespace quiver::api
