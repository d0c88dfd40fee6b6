#include "api/es/info_handlers.h"

#include <chrono>
#include <set>
#include <thread>

#include "api/es/cat_table.h"
#include "common/clock.h"
#include "common/strings.h"

namespace quiver::api {
namespace {

struct HealthCounts {
  int64_t active_primary = 0;
  int64_t active = 0;
  int64_t unassigned = 0;
  std::string status = "green";
};

std::string Worse(const std::string& a, const std::string& b) {
  auto rank = [](const std::string& s) { return s == "red" ? 2 : s == "yellow" ? 1 : 0; };
  return rank(a) >= rank(b) ? a : b;
}

// On one node every primary is active and replicas stay unassigned.
HealthCounts CountsFor(const engine::Index& index) {
  HealthCounts c;
  auto s = index.settings();
  int64_t primaries = s.number_of_shards();
  c.active_primary = primaries;
  c.active = primaries;
  c.unassigned = primaries * s.number_of_replicas();
  c.status = c.unassigned > 0 ? "yellow" : "green";
  return c;
}

}  // namespace

Result<RestResponse> HandleRootInfo(ApiContext& ctx, RestRequest& req) {
  const NodeInfo& info = *ctx.info;
  JsonWriter w;
  w.BeginObject();
  w.Field("name", ctx.node->options().node_name);
  w.Field("cluster_name", ctx.node->options().cluster_name);
  w.Field("cluster_uuid", ctx.node->cluster_uuid());
  w.Key("version");
  w.BeginObject();
  w.Field("number", info.version);
  w.Field("build_flavor", "default");
  w.Field("build_type", "tar");
  w.Field("build_hash", info.build_hash);
  w.Field("build_date", info.build_date);
  w.Field("build_snapshot", false);
  w.Field("lucene_version", info.lucene_version);
  w.Field("minimum_wire_compatibility_version", info.minimum_wire_compatibility_version);
  w.Field("minimum_index_compatibility_version", info.minimum_index_compatibility_version);
  w.EndObject();
  w.Field("tagline", "You Know, for Search");
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandlePing(ApiContext&, RestRequest&) { return RestResponse::Json("{}"); }

Result<RestResponse> HandleClusterHealth(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(int64_t timeout_ms, req.time_param_ms("timeout", 30000));
  std::string level = req.param_or("level", "cluster");
  if (level != "cluster" && level != "indices" && level != "shards") {
    return Status::InvalidArgument("level must be one of [cluster, indices, shards] but was [" +
                                   level + "]");
  }
  engine::IndicesOptions defaults;
  defaults.expand_closed = true;
  QUIVER_ASSIGN_OR_RETURN(auto opts, IndicesOptionsFrom(req, defaults));
  std::string wait_status = req.param_or("wait_for_status", "");
  std::string wait_active = req.param_or("wait_for_active_shards", "");
  std::string wait_nodes = req.param_or("wait_for_nodes", "");
  int64_t deadline = MonotonicMillis() + timeout_ms;
  while (true) {
    std::vector<std::shared_ptr<engine::Index>> indices;
    if (req.has_path_param("index")) {
      auto r = ctx.node->Resolve(req.path_param("index"), opts);
      if (!r.ok()) {
        // ES answers a health request for a missing index by timing out red.
        if (r.status().code() != StatusCode::kNotFound) return r.status();
      } else {
        indices = *r;
      }
    } else {
      indices = ctx.node->AllIndices();
    }
    HealthCounts total;
    for (const auto& idx : indices) {
      HealthCounts c = CountsFor(*idx);
      total.active_primary += c.active_primary;
      total.active += c.active;
      total.unassigned += c.unassigned;
      total.status = Worse(total.status, c.status);
    }
    bool missing_index = req.has_path_param("index") && indices.empty();
    if (missing_index) total.status = "red";
    bool satisfied = true;
    if (!wait_status.empty()) {
      auto rank = [](const std::string& s) { return s == "red" ? 2 : s == "yellow" ? 1 : 0; };
      satisfied &= rank(total.status) <= rank(wait_status);
    }
    if (!wait_active.empty() && wait_active != "all") {
      int64_t n = 0;
      if (ParseInt64(wait_active, &n)) satisfied &= total.active >= n;
    } else if (wait_active == "all") {
      satisfied &= total.unassigned == 0;
    }
    if (!wait_nodes.empty()) {
      std::string_view spec = wait_nodes;
      int64_t n = 0;
      if (spec.rfind(">=", 0) == 0 && ParseInt64(spec.substr(2), &n)) {
        satisfied &= 1 >= n;
      } else if (spec.rfind("<=", 0) == 0 && ParseInt64(spec.substr(2), &n)) {
        satisfied &= 1 <= n;
      } else if (spec.rfind(">", 0) == 0 && ParseInt64(spec.substr(1), &n)) {
        satisfied &= 1 > n;
      } else if (spec.rfind("<", 0) == 0 && ParseInt64(spec.substr(1), &n)) {
        satisfied &= 1 < n;
      } else if (ParseInt64(spec, &n)) {
        satisfied &= n == 1;
      }
    }
    if (missing_index) satisfied = false;
    bool timed_out = !satisfied && MonotonicMillis() >= deadline;
    if (satisfied || timed_out) {
      JsonWriter w;
      w.BeginObject();
      w.Field("cluster_name", ctx.node->options().cluster_name);
      w.Field("status", total.status);
      w.Field("timed_out", timed_out);
      w.Field("number_of_nodes", int64_t{1});
      w.Field("number_of_data_nodes", int64_t{1});
      w.Field("active_primary_shards", total.active_primary);
      w.Field("active_shards", total.active);
      w.Field("relocating_shards", int64_t{0});
      w.Field("initializing_shards", int64_t{0});
      w.Field("unassigned_shards", total.unassigned);
      w.Field("unassigned_primary_shards", int64_t{0});
      w.Field("delayed_unassigned_shards", int64_t{0});
      w.Field("number_of_pending_tasks", int64_t{0});
      w.Field("number_of_in_flight_fetch", int64_t{0});
      w.Field("task_max_waiting_in_queue_millis", int64_t{0});
      int64_t all = total.active + total.unassigned;
      w.Field("active_shards_percent_as_number",
              all == 0 ? 100.0 : 100.0 * static_cast<double>(total.active) / static_cast<double>(all));
      if (level != "cluster") {
        w.Key("indices");
        w.BeginObject();
        for (const auto& idx : indices) {
          HealthCounts c = CountsFor(*idx);
          auto s = idx->settings();
          w.Key(idx->name());
          w.BeginObject();
          w.Field("status", c.status);
          w.Field("number_of_shards", static_cast<int64_t>(s.number_of_shards()));
          w.Field("number_of_replicas", static_cast<int64_t>(s.number_of_replicas()));
          w.Field("active_primary_shards", c.active_primary);
          w.Field("active_shards", c.active);
          w.Field("relocating_shards", int64_t{0});
          w.Field("initializing_shards", int64_t{0});
          w.Field("unassigned_shards", c.unassigned);
          w.Field("unassigned_primary_shards", int64_t{0});
          if (level == "shards") {
            w.Key("shards");
            w.BeginObject();
            for (int i = 0; i < s.number_of_shards(); ++i) {
              w.Key(std::to_string(i));
              w.BeginObject();
              w.Field("status", s.number_of_replicas() > 0 ? "yellow" : "green");
              w.Field("primary_active", true);
              w.Field("active_shards", int64_t{1});
              w.Field("relocating_shards", int64_t{0});
              w.Field("initializing_shards", int64_t{0});
              w.Field("unassigned_shards", static_cast<int64_t>(s.number_of_replicas()));
              w.Field("unassigned_primary_shards", int64_t{0});
              w.EndObject();
            }
            w.EndObject();
          }
          w.EndObject();
        }
        w.EndObject();
      }
      w.EndObject();
      return RestResponse::Json(w.Take(), timed_out ? 408 : 200);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::min<int64_t>(50, std::max<int64_t>(1, deadline - MonotonicMillis()))));
  }
}

Result<RestResponse> HandleCatHealth(ApiContext& ctx, RestRequest& req) {
  HealthCounts total;
  for (const auto& idx : ctx.node->AllIndices()) {
    HealthCounts c = CountsFor(*idx);
    total.active_primary += c.active_primary;
    total.active += c.active;
    total.unassigned += c.unassigned;
    total.status = Worse(total.status, c.status);
  }
  int64_t now_ms = NowMillis();
  CatTable t;
  t.AddColumn("epoch", "seconds since 1970-01-01 00:00:00", {"t", "time"});
  t.AddColumn("timestamp", "time in HH:MM:SS", {"ts", "hms", "hhmmss"});
  t.AddColumn("cluster", "cluster name", {"cl"});
  t.AddColumn("status", "health status", {"st"});
  t.AddColumn("node.total", "total number of nodes", {"nt", "nodeTotal"}, true);
  t.AddColumn("node.data", "number of nodes that can store data", {"nd", "nodeData"}, true);
  t.AddColumn("shards", "total number of shards", {"t", "sh", "shards.total", "shardsTotal"}, true);
  t.AddColumn("pri", "number of primary shards", {"p", "shards.primary", "shardsPrimary"}, true);
  t.AddColumn("relo", "number of relocating nodes", {"r", "shards.relocating"}, true);
  t.AddColumn("init", "number of initializing nodes", {"i", "shards.initializing"}, true);
  t.AddColumn("unassign", "number of unassigned shards", {"u", "shards.unassigned"}, true);
  t.AddColumn("unassign.pri", "number of unassigned primary shards", {"up"}, true);
  t.AddColumn("pending_tasks", "number of pending tasks", {"pt", "pendingTasks"}, true);
  t.AddColumn("max_task_wait_time", "wait time of longest task pending", {"mtwt"}, true);
  t.AddColumn("active_shards_percent", "active number of shards in percent", {"asp"}, true);
  time_t secs = static_cast<time_t>(now_ms / 1000);
  struct tm tm_utc;
  gmtime_r(&secs, &tm_utc);
  char hms[16];
  strftime(hms, sizeof(hms), "%H:%M:%S", &tm_utc);
  int64_t all = total.active + total.unassigned;
  char pct[16];
  snprintf(pct, sizeof(pct), "%.1f%%",
           all == 0 ? 100.0 : 100.0 * static_cast<double>(total.active) / static_cast<double>(all));
  t.AddRow({std::to_string(now_ms / 1000), hms, ctx.node->options().cluster_name, total.status,
            "1", "1", std::to_string(total.active), std::to_string(total.active_primary), "0", "0",
            std::to_string(total.unassigned), "0", "0", "-", pct});
  bool ts = true;
  if (auto v = req.bool_param("ts", true); v.ok()) ts = *v;
  if (!ts) t.HideColumns({"epoch", "timestamp"});
  return t.Render(req);
}

namespace {

// Capabilities Quiver implements, per "METHOD path-template".
const std::map<std::string, std::set<std::string>>& CapabilityTable() {
  static const std::map<std::string, std::set<std::string>> kTable = {
      {"GET /_cluster/health", {"unassigned_pri_shard_count"}},
  };
  return kTable;
}

}  // namespace

Result<RestResponse> HandleCapabilities(ApiContext&, RestRequest& req) {
  std::string method = req.param_or("method", "GET");
  std::string path = req.param_or("path", "");
  auto caps = req.list_param("capabilities");
  auto params = req.list_param("parameters");
  const auto& table = CapabilityTable();
  auto it = table.find(method + " " + path);
  bool supported = it != table.end() && params.empty();
  if (supported) {
    for (const auto& c : caps) supported &= it->second.count(c) > 0;
  }
  JsonWriter w;
  w.BeginObject();
  w.Field("supported", supported);
  w.EndObject();
  return RestResponse::Json(w.Take());
}

Result<RestResponse> HandleQuiverFeatures(ApiContext&, RestRequest&) {
  JsonWriter w;
  w.BeginObject();
  w.Key("features");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  return RestResponse::Json(w.Take());
}

}  // namespace quiver::api
