#include "engine/node.h"

#include <algorithm>

#include "common/clock.h"
#include "common/ids.h"
#include "common/logging.h"
#include "common/strings.h"
#include "engine/index_name_date_math.h"
#include "schema/index_name.h"

namespace quiver::engine {

Node::Node(NodeOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<Node>> Node::Open(NodeOptions options) {
  auto node = std::unique_ptr<Node>(new Node(std::move(options)));
  std::error_code ec;
  std::filesystem::create_directories(node->options_.data_dir, ec);
  QUIVER_ASSIGN_OR_RETURN(node->lock_,
                          storage::DirectoryLock::Acquire(node->options_.data_dir / "node.lock"));
  QUIVER_ASSIGN_OR_RETURN(node->store_, storage::LocalBlobStore::OpenRoot(node->options_.data_dir));
  // Node and cluster ids persist across restarts (clients show them).
  auto ids = node->store_->Open("_state/node-ids");
  if (ids.ok()) {
    auto parsed = ParseJson((*ids)->data());
    if (parsed.ok()) {
      node->node_id_ = JsonToString(*JsonFind(*parsed, "node_id")).value_or("");
      node->cluster_uuid_ = JsonToString(*JsonFind(*parsed, "cluster_uuid")).value_or("");
    }
  }
  if (node->node_id_.empty() || node->cluster_uuid_.empty()) {
    node->node_id_ = NewRandomUuid();
    node->cluster_uuid_ = NewRandomUuid();
    json::object o{{"node_id", node->node_id_}, {"cluster_uuid", node->cluster_uuid_}};
    QUIVER_RETURN_IF_ERROR(node->store_->WriteBlob("_state/node-ids", ToJson(o)));
  }
  node->refresh_pool_ = std::make_unique<ThreadPool>(node->options_.refresh_threads, "q-refresh");
  node->merge_pool_ = std::make_unique<ThreadPool>(node->options_.merge_threads, "q-merge");
  QUIVER_RETURN_IF_ERROR(node->LoadIndices());
  node->scheduler_ = std::thread([n = node.get()] { n->SchedulerLoop(); });
  return node;
}

Node::~Node() { (void)Close(); }

IndexEnv Node::Env() const {
  IndexEnv env;
  env.store = store_.get();
  env.merge = options_.merge;
  env.max_buffer_bytes = options_.max_buffer_bytes;
  return env;
}

Status Node::LoadIndices() {
  QUIVER_ASSIGN_OR_RETURN(auto names, store_->List("indices/"));
  std::set<std::string> uuids;
  for (const auto& n : names) {
    size_t slash = n.find('/', 8);
    if (slash != std::string::npos) uuids.insert(n.substr(8, slash - 8));
  }
  for (const auto& uuid : uuids) {
    std::string dir = "indices/" + uuid + "/";
    IndexMetadataStore meta_store(store_.get(), dir);
    auto meta = meta_store.Load();
    if (meta.status().code() == StatusCode::kNotFound) {
      // Half-created or half-deleted index: nothing of it was acknowledged.
      QLOG_WARN("removing index directory {} without metadata", dir);
      QUIVER_RETURN_IF_ERROR(store_->DeletePrefix(dir));
      continue;
    }
    if (!meta.ok()) return meta.status();
    std::string name = meta->name;
    auto index = Index::Load(std::move(meta).value(), Env());
    if (!index.ok()) {
      return index.status().WithMessage("opening index [" + name +
                                        "]: " + index.status().message());
    }
    indices_[name] = std::move(index).value();
    QLOG_INFO("opened index [{}]", name);
  }
  return Status::Ok();
}

Result<std::shared_ptr<Index>> Node::CreateIndex(const std::string& requested_name,
                                                 const json::value& body) {
  QUIVER_ASSIGN_OR_RETURN(std::string name, ResolveDateMathName(requested_name, NowMillis()));
  QUIVER_RETURN_IF_ERROR(schema::ValidateIndexName(name));
  std::lock_guard<std::mutex> meta_lock(meta_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = indices_.find(name);
    if (it != indices_.end()) {
      return Status::AlreadyExists("index [" + name + "/" + it->second->uuid() + "] already exists")
          .WithMeta("index_uuid", it->second->uuid())
          .WithMeta("index", name);
    }
  }
  if (IsAlias(name)) {
    return Status::InvalidArgument("Invalid index name [" + name + "], already exists as alias")
        .WithType("invalid_index_name_exception")
        .WithMeta("index_uuid", "_na_")
        .WithMeta("index", name);
  }
  if (!body.is_null() && !body.is_object()) {
    return Status::ParseError("Failed to parse create index request: body must be an object")
        .WithType("parse_exception");
  }
  json::value settings_json, mappings_json = json::object(), aliases_json;
  if (body.is_object()) {
    for (const auto& kv : body.get_object()) {
      if (kv.key() == "settings") {
        settings_json = kv.value();
      } else if (kv.key() == "mappings") {
        mappings_json = kv.value();
      } else if (kv.key() == "aliases") {
        aliases_json = kv.value();
      } else {
        return Status::ParseError("unknown key [" + std::string(kv.key()) + "] for create index")
            .WithType("parse_exception");
      }
    }
  }
  QUIVER_ASSIGN_OR_RETURN(schema::IndexSettings settings,
                          schema::IndexSettings::Parse(settings_json));
  IndexMetadata meta;
  meta.name = name;
  meta.uuid = NewRandomUuid();
  schema::SystemSettings sys;
  sys.uuid = meta.uuid;
  sys.creation_date_ms = NowMillis();
  sys.provided_name = name;
  sys.version_created = "8521000";
  meta.settings = settings.WithSystemSettings(sys);
  meta.mappings = mappings_json.is_null() ? json::value(json::object()) : mappings_json;
  if (aliases_json.is_object()) {
    for (const auto& kv : aliases_json.get_object()) {
      QUIVER_ASSIGN_OR_RETURN(std::string alias, ResolveDateMathName(kv.key(), NowMillis()));
      if (alias == name) {
        return Status::InvalidArgument("alias name [" + alias + "] self-conflicts with index name")
            .WithType("invalid_alias_name_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(AliasMetadata a, AliasFromJson(kv.value()));
      if (auto* r = JsonFind(kv.value(), "routing")) {
        std::string routing = JsonToString(*r).value_or("");
        if (a.index_routing.empty()) a.index_routing = routing;
        if (a.search_routing.empty()) a.search_routing = routing;
      }
      meta.aliases[alias] = std::move(a);
    }
  } else if (!aliases_json.is_null()) {
    return Status::ParseError("failed to parse aliases").WithType("parse_exception");
  }
  QUIVER_ASSIGN_OR_RETURN(auto index, Index::Create(std::move(meta), Env()));
  std::lock_guard<std::mutex> lock(mu_);
  indices_[name] = index;
  return index;
}

Status Node::DeleteIndices(const std::vector<std::shared_ptr<Index>>& indices) {
  std::lock_guard<std::mutex> meta_lock(meta_mu_);
  return DeleteIndicesLocked(indices);
}

Status Node::DeleteIndicesLocked(const std::vector<std::shared_ptr<Index>>& indices) {
  for (const auto& index : indices) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = indices_.find(index->name());
      if (it == indices_.end() || it->second != index) continue;
      indices_.erase(it);
    }
    (void)index->Close(/*flush=*/false);
    IndexMetadataStore meta_store(store_.get(), index->dir());
    QUIVER_RETURN_IF_ERROR(meta_store.DeleteAll());
    QUIVER_RETURN_IF_ERROR(store_->DeletePrefix(index->dir()));
  }
  return Status::Ok();
}

std::shared_ptr<Index> Node::FindIndex(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = indices_.find(std::string(name));
  return it == indices_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Index>> Node::AllIndices() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<Index>> out;
  for (const auto& [n, i] : indices_) out.push_back(i);
  return out;
}

bool Node::IsAlias(std::string_view name) const {
  for (const auto& index : AllIndices()) {
    IndexMetadata m = index->metadata();
    if (m.aliases.count(std::string(name))) return true;
  }
  return false;
}

std::vector<std::string> Node::AliasesMatching(std::string_view pattern) const {
  std::set<std::string> out;
  for (const auto& index : AllIndices()) {
    for (const auto& [alias, a] : index->metadata().aliases) {
      if (SimpleMatch(pattern, alias)) out.insert(alias);
    }
  }
  return {out.begin(), out.end()};
}

Result<std::shared_ptr<Index>> Node::IndexForWrite(std::string_view requested_name,
                                                   bool allow_create) {
  QUIVER_ASSIGN_OR_RETURN(std::string resolved, ResolveDateMathName(requested_name, NowMillis()));
  std::string_view name = resolved;
  if (auto index = FindIndex(name)) return index;
  // An alias: its write index, or its only index.
  std::vector<std::shared_ptr<Index>> targets;
  std::shared_ptr<Index> write_index;
  for (const auto& index : AllIndices()) {
    auto m = index->metadata();
    auto it = m.aliases.find(std::string(name));
    if (it == m.aliases.end()) continue;
    targets.push_back(index);
    if (it->second.is_write_index.value_or(false)) write_index = index;
  }
  if (write_index) return write_index;
  if (targets.size() == 1) return targets[0];
  if (targets.size() > 1) {
    return Status::InvalidArgument(
        "no write index is defined for alias [" + std::string(name) +
        "]. The write index may be explicitly disabled using is_write_index=false or the alias "
        "points to multiple indices without one being designated as a write index");
  }
  if (!allow_create || !options_.auto_create_index) {
    return Status::NotFound("no such index [" + std::string(name) + "]")
        .WithType("index_not_found_exception")
        .WithMeta("resource.type", "index_expression")
        .WithMeta("resource.id", std::string(name))
        .WithMeta("index_uuid", "_na_")
        .WithMeta("index", std::string(name));
  }
  auto created = CreateIndex(std::string(name), json::value());
  if (!created.ok() && created.status().code() == StatusCode::kAlreadyExists) {
    if (auto index = FindIndex(name)) return index;  // created concurrently
  }
  return created;
}

namespace {

Status IndexNotFound(std::string_view name) {
  return Status::NotFound("no such index [" + std::string(name) + "]")
      .WithType("index_not_found_exception")
      .WithMeta("resource.type", "index_or_alias")
      .WithMeta("resource.id", std::string(name))
      .WithMeta("index_uuid", "_na_")
      .WithMeta("index", std::string(name));
}

bool StateAllowed(const IndexMetadata& m, const IndicesOptions& o) {
  if (m.closed ? !o.expand_closed : !o.expand_open) return false;
  return true;
}

}  // namespace

Result<std::vector<std::shared_ptr<Index>>> Node::Resolve(std::string_view expression,
                                                          const IndicesOptions& options) const {
  auto all = AllIndices();
  std::vector<std::shared_ptr<Index>> out;
  auto add = [&](const std::shared_ptr<Index>& idx) {
    if (std::find(out.begin(), out.end(), idx) == out.end()) out.push_back(idx);
  };
  auto remove = [&](const std::shared_ptr<Index>& idx) {
    out.erase(std::remove(out.begin(), out.end(), idx), out.end());
  };
  auto wildcard_match = [&](std::string_view pattern, const std::shared_ptr<Index>& idx,
                            const IndexMetadata& m) {
    bool hidden = m.settings.hidden() || (idx->name()[0] == '.' && pattern[0] != '.');
    if (hidden && !options.expand_hidden) return false;
    if (!StateAllowed(m, options)) return false;
    if (SimpleMatch(pattern, idx->name())) return true;
    if (!options.allow_aliases) return false;
    for (const auto& [alias, a] : m.aliases) {
      if ((!a.is_hidden || options.expand_hidden) && SimpleMatch(pattern, alias)) return true;
    }
    return false;
  };
  std::vector<std::string_view> parts;
  std::vector<std::string> resolved;  // date math parts, owned here
  resolved.reserve(std::count(expression.begin(), expression.end(), ',') + 1);
  for (auto p : SplitString(expression, ',')) {
    p = TrimWhitespace(p);
    if (p.empty()) continue;
    bool exclude = p[0] == '-';
    if (p.substr(exclude ? 1 : 0).starts_with('<')) {
      QUIVER_ASSIGN_OR_RETURN(std::string name,
                              ResolveDateMathName(p.substr(exclude ? 1 : 0), NowMillis()));
      resolved.push_back((exclude ? "-" : "") + name);
      p = resolved.back();
    }
    parts.push_back(p);
  }
  bool match_all = parts.empty() || (parts.size() == 1 && parts[0] == "_all");
  if (match_all) parts = {"*"};
  bool saw_wildcard = false;
  for (std::string_view part : parts) {
    if (part[0] == '-' && saw_wildcard) {
      std::string_view pattern = part.substr(1);
      for (const auto& idx : all) {
        auto m = idx->metadata();
        if (SimpleMatch(pattern, idx->name())) remove(idx);
        for (const auto& [alias, a] : m.aliases) {
          if (SimpleMatch(pattern, alias)) remove(idx);
        }
      }
      continue;
    }
    if (part.find('*') != std::string_view::npos) {
      saw_wildcard = true;
      bool any = false;
      for (const auto& idx : all) {
        auto m = idx->metadata();
        if (wildcard_match(part, idx, m)) {
          add(idx);
          any = true;
        }
      }
      // With allow_no_indices=false every wildcard must match something.
      if (!any && !options.allow_no_indices && !match_all) return IndexNotFound(part);
      continue;
    }
    bool found = false;
    for (const auto& idx : all) {
      if (idx->name() == part) {
        add(idx);
        found = true;
      }
    }
    if (!found && options.allow_aliases) {
      for (const auto& idx : all) {
        auto m = idx->metadata();
        if (m.aliases.count(std::string(part))) {
          add(idx);
          found = true;
        }
      }
    }
    if (!found && !options.ignore_unavailable) return IndexNotFound(part);
  }
  if (out.empty() && !options.allow_no_indices) {
    return IndexNotFound(match_all ? std::string_view("_all") : expression);
  }
  return out;
}

Status Node::UpdateAliases(const std::vector<AliasAction>& requested) {
  std::vector<AliasAction> actions = requested;
  for (auto& a : actions) {
    QUIVER_ASSIGN_OR_RETURN(a.index, ResolveDateMathName(a.index, NowMillis()));
    QUIVER_ASSIGN_OR_RETURN(a.alias, ResolveDateMathName(a.alias, NowMillis()));
  }
  std::lock_guard<std::mutex> meta_lock(meta_mu_);
  // Validate first so that a bad action changes nothing.
  for (const auto& a : actions) {
    auto index = FindIndex(a.index);
    if (!index) return IndexNotFound(a.index);
    if (a.kind == AliasAction::Kind::kAdd) {
      if (FindIndex(a.alias)) {
        return Status::InvalidArgument("Invalid alias name [" + a.alias +
                                       "]: an index or data stream exists with the same name as "
                                       "the alias")
            .WithType("invalid_alias_name_exception");
      }
    } else if (a.kind == AliasAction::Kind::kRemove && a.must_exist) {
      if (!index->metadata().aliases.count(a.alias)) {
        return Status::NotFound("aliases [" + a.alias + "] missing")
            .WithType("aliases_not_found_exception")
            .WithMeta("resource.type", "aliases")
            .WithMeta("resource.id", a.alias);
      }
    }
  }
  std::vector<std::shared_ptr<Index>> to_remove;
  for (const auto& a : actions) {
    auto index = FindIndex(a.index);
    if (a.kind == AliasAction::Kind::kRemoveIndex) {
      to_remove.push_back(index);
      continue;
    }
    QUIVER_RETURN_IF_ERROR(index->UpdateMetadata([&](IndexMetadata* m) {
      if (a.kind == AliasAction::Kind::kAdd) {
        m->aliases[a.alias] = a.metadata;
      } else {
        m->aliases.erase(a.alias);
      }
      return Status::Ok();
    }));
  }
  return DeleteIndicesLocked(to_remove);
}

void Node::SchedulerLoop() {
  std::unique_lock<std::mutex> lock(scheduler_mu_);
  while (!stopping_) {
    scheduler_cv_.wait_for(lock, std::chrono::milliseconds(50));
    if (stopping_) break;
    lock.unlock();
    RunMaintenance();
    lock.lock();
  }
}

void Node::RunMaintenance() {
  int64_t now = MonotonicMillis();
  for (const auto& index : AllIndices()) {
    Index::MaintenanceWork work = index->DueWork(now);
    auto submit = [&](ThreadPool* pool, size_t shard, const char* kind, auto fn) {
      std::string key = index->uuid() + "/" + std::to_string(shard) + "/" + kind;
      {
        std::lock_guard<std::mutex> lock(busy_mu_);
        if (!busy_.insert(key).second) return;
      }
      std::weak_ptr<Index> weak = index;
      pool->Submit([this, weak, shard, key, fn] {
        if (auto idx = weak.lock()) {
          Status s = fn(idx->shard(shard));
          if (!s.ok()) QLOG_WARN("background {} failed: {}", key, s.ToString());
        }
        std::lock_guard<std::mutex> lock(busy_mu_);
        busy_.erase(key);
      });
    };
    for (size_t s : work.sync)
      submit(refresh_pool_.get(), s, "sync", [](Shard& sh) { return sh.SyncWal(); });
    for (size_t s : work.refresh)
      submit(refresh_pool_.get(), s, "refresh", [](Shard& sh) { return sh.Refresh(); });
    for (size_t s : work.flush)
      submit(refresh_pool_.get(), s, "flush", [](Shard& sh) { return sh.Flush(); });
    for (size_t s : work.merge) {
      submit(merge_pool_.get(), s, "merge", [](Shard& sh) {
        auto merged = sh.MaybeMerge();
        return merged.ok() ? Status::Ok() : merged.status();
      });
    }
  }
}

Status Node::Close() {
  {
    std::lock_guard<std::mutex> lock(scheduler_mu_);
    if (closed_) return Status::Ok();
    closed_ = true;
    stopping_ = true;
  }
  scheduler_cv_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
  refresh_pool_.reset();
  merge_pool_.reset();
  Status result;
  for (const auto& index : AllIndices()) {
    Status s = index->Close(/*flush=*/true);
    if (!s.ok()) {
      QLOG_ERROR("closing index [{}] failed: {}", index->name(), s.ToString());
      if (result.ok()) result = s;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    indices_.clear();
  }
  lock_.reset();
  return result;
}

}  // namespace quiver::engine
