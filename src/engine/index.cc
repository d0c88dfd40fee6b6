#include "engine/index.h"

#include "common/clock.h"
#include "common/hash.h"
#include "common/logging.h"
#include "schema/document_parser.h"

namespace quiver::engine {

Index::Index(IndexMetadata meta, const IndexEnv& env)
    : name_(meta.name),
      uuid_(meta.uuid),
      env_(env),
      meta_store_(env.store, "indices/" + meta.uuid + "/"),
      meta_(std::move(meta)) {}

void Index::PublishLocked() {
  auto env = std::make_shared<ParseEnv>();
  env->settings = meta_.settings;
  env->registry = analysis_;
  env->context = mapping_context(&env->settings);
  parse_env_ = std::move(env);
  closed_.store(meta_.closed, std::memory_order_release);
}

Index::~Index() = default;

Status Index::BuildAnalysisLocked() {
  analysis::AnalysisOptions options;
  options.max_ngram_diff = meta_.settings.max_ngram_diff();
  options.max_shingle_diff = meta_.settings.max_shingle_diff();
  options.max_token_count = meta_.settings.analyze_max_token_count();
  QUIVER_ASSIGN_OR_RETURN(analysis_,
                          analysis::AnalysisRegistry::Build(meta_.settings.analysis(), options));
  return Status::Ok();
}

std::shared_ptr<const analysis::AnalysisRegistry> Index::analysis() const {
  std::lock_guard<std::mutex> lock(mu_);
  return analysis_;
}

Result<std::shared_ptr<Index>> Index::Create(IndexMetadata meta, const IndexEnv& env) {
  auto index = std::shared_ptr<Index>(new Index(std::move(meta), env));
  QUIVER_RETURN_IF_ERROR(index->BuildAnalysisLocked());
  schema::MappingContext ctx = index->mapping_context(&index->meta_.settings);
  QUIVER_ASSIGN_OR_RETURN(index->mapping_, schema::Mapping::Parse(index->meta_.mappings, ctx));
  index->meta_.mappings = index->mapping_->ToJson();
  index->meta_.generation = 1;
  index->PublishLocked();
  QUIVER_RETURN_IF_ERROR(index->meta_store_.Write(index->meta_));
  QUIVER_RETURN_IF_ERROR(index->OpenShards(/*create=*/true));
  return index;
}

Result<std::shared_ptr<Index>> Index::Load(IndexMetadata meta, const IndexEnv& env) {
  auto index = std::shared_ptr<Index>(new Index(std::move(meta), env));
  QUIVER_RETURN_IF_ERROR(index->BuildAnalysisLocked());
  schema::MappingContext ctx = index->mapping_context(&index->meta_.settings);
  QUIVER_ASSIGN_OR_RETURN(index->mapping_, schema::Mapping::Parse(index->meta_.mappings, ctx));
  index->PublishLocked();
  QUIVER_RETURN_IF_ERROR(index->OpenShards(/*create=*/false));
  return index;
}

schema::MappingContext Index::mapping_context(const schema::IndexSettings* settings) const {
  schema::MappingContext ctx;
  ctx.settings = settings;
  // Callers hold mu_ or run before the index is shared; analysis_ is set.
  std::shared_ptr<const analysis::AnalysisRegistry> registry = analysis_;
  if (registry) {
    ctx.analyzer_exists = [registry](std::string_view name) {
      return name == "default" || registry->HasAnalyzer(name);
    };
    ctx.normalizer_exists = [registry](std::string_view name) {
      return registry->HasNormalizer(name);
    };
  }
  return ctx;
}

Status Index::OpenShards(bool create) {
  int n = meta_.settings.number_of_shards();
  routing_num_shards_ = static_cast<uint32_t>(meta_.settings.number_of_routing_shards());
  for (int i = 0; i < n; ++i) {
    ShardOptions o;
    o.index_uuid = uuid_;
    o.shard_id = static_cast<uint32_t>(i);
    o.dir = dir() + std::to_string(i) + "/";
    o.store = env_.store;
    o.durability = meta_.settings.durability() == schema::TranslogDurability::kAsync
                       ? Durability::kAsync
                       : Durability::kRequest;
    o.max_buffer_bytes = env_.max_buffer_bytes;
    o.merge = env_.merge;
    o.replay_parser = [this](std::string_view id, std::string_view routing,
                             std::string_view source) {
      return ParseDocument(id, routing, source);
    };
    if (create) QUIVER_RETURN_IF_ERROR(env_.store->DeletePrefix(o.dir));
    auto shard = Shard::Open(std::move(o));
    if (!shard.ok()) {
      return shard.status().WithMeta("index", name_).WithMeta("shard", std::to_string(i));
    }
    shards_.push_back(std::move(shard).value());
  }
  int64_t now = MonotonicMillis();
  last_refresh_ms_.assign(shards_.size(), now);
  last_sync_ms_.assign(shards_.size(), now);
  return Status::Ok();
}

IndexMetadata Index::metadata() const {
  std::lock_guard<std::mutex> lock(mu_);
  return meta_;
}

schema::IndexSettings Index::settings() const {
  std::lock_guard<std::mutex> lock(mu_);
  return meta_.settings;
}

std::shared_ptr<const schema::IndexSettings> Index::settings_snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::shared_ptr<const schema::IndexSettings>(parse_env_, &parse_env_->settings);
}

std::shared_ptr<const schema::Mapping> Index::mapping() const {
  std::lock_guard<std::mutex> lock(mu_);
  return mapping_;
}

size_t Index::ShardFor(std::string_view id, std::string_view routing) const {
  if (shards_.size() == 1) return 0;
  int32_t hash = EsRoutingHash(routing.empty() ? id : routing);
  int64_t mod = static_cast<int64_t>(hash) % static_cast<int64_t>(routing_num_shards_);
  if (mod < 0) mod += routing_num_shards_;
  uint32_t factor = routing_num_shards_ / static_cast<uint32_t>(shards_.size());
  return static_cast<size_t>(mod / factor);
}

Status Index::PersistLocked() {
  meta_.generation++;
  return meta_store_.Write(meta_);
}

Result<segment::IndexableDocument> Index::ParseDocument(std::string_view id,
                                                        std::string_view routing,
                                                        std::string_view source) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::shared_ptr<const schema::Mapping> base;
    std::shared_ptr<const ParseEnv> env;
    {
      std::lock_guard<std::mutex> lock(mu_);
      base = mapping_;
      env = parse_env_;
    }
    schema::DocumentParseRequest req;
    req.mapping = base;
    req.context = &env->context;
    req.index = name_;
    req.id = id;
    req.routing = routing;
    req.source = source;
    QUIVER_ASSIGN_OR_RETURN(schema::ParsedDocument doc, schema::ParseDocument(req));
    if (doc.dynamic_update()) {
      std::lock_guard<std::mutex> lock(mu_);
      if (mapping_ != base) continue;  // another writer changed the mapping: parse again
      auto previous = mapping_;
      mapping_ = doc.mapping;
      meta_.mappings = mapping_->ToJson();
      Status s = PersistLocked();
      if (!s.ok()) {
        mapping_ = previous;
        meta_.mappings = mapping_->ToJson();
        return s;
      }
    }
    return segment::AnalyzeDocument(std::move(doc), *env->registry);
  }
  return Status::Internal("dynamic mapping update of [" + name_ + "] kept conflicting");
}

Status Index::PutMapping(const json::value& body) {
  std::lock_guard<std::mutex> lock(mu_);
  schema::MappingContext ctx = mapping_context(&meta_.settings);
  QUIVER_ASSIGN_OR_RETURN(auto merged, mapping_->Merge(body, ctx));
  auto previous = mapping_;
  mapping_ = merged;
  meta_.mappings = mapping_->ToJson();
  Status s = PersistLocked();
  if (!s.ok()) {
    mapping_ = previous;
    meta_.mappings = mapping_->ToJson();
  }
  return s;
}

void Index::ApplyDurabilityLocked() {
  Durability d = meta_.settings.durability() == schema::TranslogDurability::kAsync
                     ? Durability::kAsync
                     : Durability::kRequest;
  for (auto& s : shards_) s->set_durability(d);
}

Status Index::UpdateSettings(const json::value& body, bool preserve_existing) {
  std::lock_guard<std::mutex> lock(mu_);
  schema::SettingsUpdateOptions opts;
  opts.index_name = name_;
  opts.index_open = !meta_.closed;
  opts.preserve_existing = preserve_existing;
  QUIVER_ASSIGN_OR_RETURN(auto updated, meta_.settings.ApplyUpdate(body, opts));
  auto previous = meta_.settings;
  bool analysis_changed = updated.analysis() != previous.analysis() ||
                          updated.max_ngram_diff() != previous.max_ngram_diff() ||
                          updated.max_shingle_diff() != previous.max_shingle_diff() ||
                          updated.analyze_max_token_count() != previous.analyze_max_token_count();
  meta_.settings = std::move(updated);
  if (analysis_changed) {
    Status built = BuildAnalysisLocked();
    if (!built.ok()) {
      meta_.settings = previous;
      return built;
    }
  }
  Status s = PersistLocked();
  if (!s.ok()) {
    meta_.settings = previous;
    if (analysis_changed) (void)BuildAnalysisLocked();
    return s;
  }
  PublishLocked();
  ApplyDurabilityLocked();
  return Status::Ok();
}

Status Index::UpdateMetadata(const std::function<Status(IndexMetadata*)>& mutate) {
  std::lock_guard<std::mutex> lock(mu_);
  IndexMetadata copy = meta_;
  QUIVER_RETURN_IF_ERROR(mutate(&copy));
  copy.generation = meta_.generation + 1;
  QUIVER_RETURN_IF_ERROR(meta_store_.Write(copy));
  bool analysis_changed = copy.settings.analysis() != meta_.settings.analysis();
  meta_ = std::move(copy);
  if (analysis_changed) QUIVER_RETURN_IF_ERROR(BuildAnalysisLocked());
  PublishLocked();
  return Status::Ok();
}

Status Index::Refresh() {
  for (auto& s : shards_) QUIVER_RETURN_IF_ERROR(s->Refresh());
  return Status::Ok();
}

Status Index::Flush() {
  for (auto& s : shards_) QUIVER_RETURN_IF_ERROR(s->Flush());
  return Status::Ok();
}

Status Index::ForceMerge(int max_num_segments, bool only_expunge_deletes, bool flush) {
  for (auto& s : shards_) {
    QUIVER_RETURN_IF_ERROR(s->ForceMerge(max_num_segments, only_expunge_deletes));
    if (flush) QUIVER_RETURN_IF_ERROR(s->Flush());
  }
  return Status::Ok();
}

Status Index::Close(bool flush) {
  Status result;
  for (auto& s : shards_) {
    Status st = flush ? s->Close() : s->Abandon();
    if (result.ok() && !st.ok()) result = st;
  }
  return result;
}

Index::MaintenanceWork Index::DueWork(int64_t now_ms) {
  MaintenanceWork work;
  schema::IndexSettings s = settings();
  int64_t refresh_ms = s.refresh_interval_ms();
  int64_t sync_ms = s.sync_interval_ms();
  for (size_t i = 0; i < shards_.size(); ++i) {
    Shard& shard = *shards_[i];
    bool buffer_full = shard.BufferIsFull();
    if ((refresh_ms > 0 && now_ms - last_refresh_ms_[i] >= refresh_ms) || buffer_full) {
      if (shard.NeedsRefresh()) work.refresh.push_back(i);
      last_refresh_ms_[i] = now_ms;
    }
    if (shard.durability() == Durability::kAsync && now_ms - last_sync_ms_[i] >= sync_ms) {
      work.sync.push_back(i);
      last_sync_ms_[i] = now_ms;
    }
    if (shard.NeedsFlush()) work.flush.push_back(i);
    work.merge.push_back(i);
  }
  return work;
}

IndexStats Index::Stats() const {
  IndexStats st;
  for (const auto& s : shards_) {
    ShardStats ss = s->Stats();
    st.total.docs_count += ss.docs_count;
    st.total.docs_deleted += ss.docs_deleted;
    st.total.store_size_bytes += ss.store_size_bytes;
    st.total.segments_count += ss.segments_count;
    st.total.index_total += ss.index_total;
    st.total.index_time_ms += ss.index_time_ms;
    st.total.delete_total += ss.delete_total;
    st.total.refresh_total += ss.refresh_total;
    st.total.flush_total += ss.flush_total;
    st.total.merge_total += ss.merge_total;
    st.total.merge_docs_total += ss.merge_docs_total;
    st.total.wal_size_bytes += ss.wal_size_bytes;
    st.total.indexing_buffer_bytes += ss.indexing_buffer_bytes;
    st.shards.push_back(ss);
  }
  st.search_query_total = search_query_total_.load();
  st.search_query_time_ms = search_query_time_ms_.load();
  st.get_total = get_total_.load();
  return st;
}

}  // namespace quiver::engine
