#include "api/es/handler.h"

#include "common/strings.h"

namespace quiver::api {

void WriteShardsBlock(JsonWriter* w, int64_t total, int64_t successful, int64_t failed) {
  w->Key("_shards");
  w->BeginObject();
  w->Field("total", total);
  w->Field("successful", successful);
  w->Field("failed", failed);
  w->EndObject();
}

void WriteWriteShards(JsonWriter* w, const engine::Index& index) {
  WriteShardsBlock(w, 1 + index.settings_snapshot()->number_of_replicas(), 1, 0);
}

Result<engine::IndicesOptions> IndicesOptionsFrom(const RestRequest& req,
                                                  engine::IndicesOptions o) {
  QUIVER_ASSIGN_OR_RETURN(o.ignore_unavailable,
                          req.bool_param("ignore_unavailable", o.ignore_unavailable));
  QUIVER_ASSIGN_OR_RETURN(o.allow_no_indices,
                          req.bool_param("allow_no_indices", o.allow_no_indices));
  if (const std::string* ew = req.param("expand_wildcards")) {
    o.expand_open = o.expand_closed = o.expand_hidden = false;
    for (auto part : SplitString(*ew, ',')) {
      part = TrimWhitespace(part);
      if (part == "open") {
        o.expand_open = true;
      } else if (part == "closed") {
        o.expand_closed = true;
      } else if (part == "hidden") {
        o.expand_hidden = true;
      } else if (part == "all") {
        o.expand_open = o.expand_closed = o.expand_hidden = true;
      } else if (part == "none") {
      } else {
        return Status::InvalidArgument(
            "No enum constant org.elasticsearch.action.support."
            "IndicesOptions.WildcardStates." +
            AsciiLower(part));
      }
    }
  }
  return o;
}

Result<RefreshPolicy> RefreshPolicyFrom(const RestRequest& req) {
  const std::string* v = req.param("refresh");
  if (v == nullptr || *v == "false") return RefreshPolicy::kNone;
  if (v->empty() || *v == "true") return RefreshPolicy::kImmediate;
  if (*v == "wait_for") return RefreshPolicy::kWaitFor;
  return Status::InvalidArgument("Unknown value for refresh: [" + *v + "].");
}

Status IndexNotFound(std::string_view name) {
  return Status::NotFound("no such index [" + std::string(name) + "]")
      .WithType("index_not_found_exception")
      .WithMeta("resource.type", "index_or_alias")
      .WithMeta("resource.id", std::string(name))
      .WithMeta("index_uuid", "_na_")
      .WithMeta("index", std::string(name));
}

}  // namespace quiver::api
