#include "api/es/cat_handlers.h"

#include "api/es/cat_table.h"
#include "api/es/format_util.h"
#include "api/es/index_handlers.h"
#include "common/clock.h"

namespace quiver::api {
namespace {

std::string Bytes(const RestRequest& req, uint64_t bytes) {
  std::string unit = req.param_or("bytes", "");
  if (unit.empty()) return HumanBytes(static_cast<int64_t>(bytes));
  uint64_t div = unit == "b" ? 1 : unit == "kb" ? 1024 : unit == "mb" ? 1 << 20 :
                 unit == "gb" ? 1ull << 30 : unit == "tb" ? 1ull << 40 : 1;
  return std::to_string(bytes / div);
}

}  // namespace

Result<RestResponse> HandleCatIndices(ApiContext& ctx, RestRequest& req) {
  engine::IndicesOptions defaults;
  defaults.expand_closed = true;
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req, defaults));
  std::string health_filter = req.param_or("health", "");
  if (!health_filter.empty() && health_filter != "green" && health_filter != "yellow" &&
      health_filter != "red") {
    return Status::InvalidArgument("unknown health status [" + health_filter + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(bool pri_only, req.bool_param("pri", false));
  CatTable t;
  t.AddColumn("health", "current health status", {"h"});
  t.AddColumn("status", "open/close status", {"s"});
  t.AddColumn("index", "index name", {"i", "idx"});
  t.AddColumn("uuid", "index uuid", {"id", "uuid"});
  t.AddColumn("pri", "number of primary shards", {"p", "shards.primary", "shardsPrimary"}, true);
  t.AddColumn("rep", "number of replica shards", {"r", "shards.replica", "shardsReplica"}, true);
  t.AddColumn("docs.count", "available docs", {"dc", "docsCount"}, true);
  t.AddColumn("docs.deleted", "deleted docs", {"dd", "docsDeleted"}, true);
  t.AddColumn("store.size", "store size of primaries & replicas", {"ss", "storeSize"}, true);
  t.AddColumn("pri.store.size", "store size of primaries", {}, true);
  t.AddColumn("dataset.size", "total size of dataset", {}, true);
  t.AddColumn("creation.date", "index creation date (millisecond value)", {"cd"}, true, false);
  t.AddColumn("creation.date.string", "index creation date (as string)", {"cds"}, false, false);
  t.AddColumn("segments.count", "number of segments", {"sc", "segmentsCount"}, true, false);
  t.AddColumn("indexing.index_total", "number of indexing ops", {"iito", "indexingIndexTotal"}, true, false);
  t.AddColumn("search.query_total", "total query phase ops", {"sqto", "searchQueryTotal"}, true, false);
  (void)pri_only;
  for (const auto& index : indices) {
    engine::IndexMetadata m = index->metadata();
    auto s = m.settings;
    std::string health = s.number_of_replicas() > 0 ? "yellow" : "green";
    if (!health_filter.empty() && health_filter != health) continue;
    if (m.closed) {
      t.AddRow({"", "close", m.name, m.uuid, "", "", "", "", "", "", "", 
                std::to_string(s.creation_date_ms()), IsoDateMillis(s.creation_date_ms()), "", "", ""});
      continue;
    }
    engine::IndexStats st = index->Stats();
    t.AddRow({health, "open", m.name, m.uuid, std::to_string(s.number_of_shards()),
              std::to_string(s.number_of_replicas()), std::to_string(st.total.docs_count),
              std::to_string(st.total.docs_deleted), Bytes(req, st.total.store_size_bytes),
              Bytes(req, st.total.store_size_bytes), Bytes(req, st.total.store_size_bytes),
              std::to_string(s.creation_date_ms()), IsoDateMillis(s.creation_date_ms()),
              std::to_string(st.total.segments_count), std::to_string(st.total.index_total),
              std::to_string(st.search_query_total)});
  }
  return t.Render(req);
}

Result<RestResponse> HandleCatCount(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto indices, ResolveForRead(ctx, req));
  uint64_t count = 0;
  for (const auto& index : indices) {
    if (index->metadata().closed) continue;
    for (size_t i = 0; i < index->num_shards(); ++i) {
      count += index->shard(i).AcquireSearcher()->num_live_docs();
    }
  }
  int64_t now = NowMillis();
  CatTable t;
  t.AddColumn("epoch", "seconds since 1970-01-01 00:00:00", {"t", "time"});
  t.AddColumn("timestamp", "time in HH:MM:SS", {"ts", "hms", "hhmmss"});
  t.AddColumn("count", "the document count", {"dc", "docs.count", "docsCount"});
  std::string iso = IsoDateMillis(now);
  t.AddRow({std::to_string(now / 1000), iso.substr(11, 8), std::to_string(count)});
  return t.Render(req);
}

}  // namespace quiver::api
