// Shard: refresh, flush (commit), garbage collection and merges.
#include <algorithm>

#include "common/clock.h"
#include "common/logging.h"
#include "engine/shard.h"
#include "segment/segment_file_writer.h"
#include "segment/segment_merger.h"
#include "storage/file_names.h"

namespace quiver::engine {
namespace {

// Registers a segment id whose file is being written, for its scope.
class InFlight {
 public:
  InFlight(std::mutex* mu, std::set<uint64_t>* ids, uint64_t id) : mu_(mu), ids_(ids), id_(id) {
    std::lock_guard<std::mutex> lock(*mu_);
    ids_->insert(id_);
  }
  ~InFlight() {
    std::lock_guard<std::mutex> lock(*mu_);
    ids_->erase(id_);
  }

 private:
  std::mutex* mu_;
  std::set<uint64_t>* ids_;
  uint64_t id_;
};

}  // namespace

Status Shard::Refresh() {
  std::lock_guard<std::mutex> lock(refresh_mu_);
  return RefreshLocked(nullptr);
}

Status Shard::RefreshLocked(Checkpoint* cp) {
  std::vector<uint64_t> frozen_ids;
  std::unordered_map<uint64_t, std::vector<uint32_t>> deletes;
  int64_t seq;
  std::shared_ptr<const segment::SegmentSet> base;
  {
    // Holding every slot means no append is half done: each op up to
    // max_seq_no_ is in a buffer frozen here or in an older segment.
    std::vector<std::unique_lock<std::mutex>> slot_locks;
    slot_locks.reserve(slots_.size());
    for (auto& slot : slots_) slot_locks.emplace_back(slot->mu);
    std::lock_guard<std::mutex> lock(write_mu_);
    if (!failed_.ok()) return failed_;
    bool has_docs = false;
    for (const auto& slot : slots_) has_docs |= slot->builder->num_docs() > 0;
    bool changed = has_docs || !pending_deletes_.empty();
    if (!changed && cp == nullptr) return Status::Ok();
    seq = max_seq_no_;
    if (changed) {
      for (auto& slot : slots_) {
        if (slot->builder->num_docs() == 0) continue;
        frozen_ids.push_back(slot->segment_id);
        frozen_.push_back({slot->segment_id, std::move(slot->builder)});
        slot->builder = std::make_unique<segment::SegmentBuilder>();
        slot->segment_id = next_segment_id_++;
        slot->ram_bytes.store(0, std::memory_order_relaxed);
      }
      deletes.swap(pending_deletes_);
      version_map_.BeginRefresh();
      ops_since_refresh_ = 0;
    }
    if (cp != nullptr) {
      // Start the next WAL generation at exactly this point: every op up to
      // `seq` is in the frozen buffers or older segments.
      cp->old_wal = std::move(wal_);
      wal_ = cp->new_wal;
      wal_generation_ = cp->new_wal->generation();
      cp->seq_no = seq;
    }
    base = searcher();
  }

  // Only this refresh (refresh_mu_) changes frozen_; GET reads it under
  // write_mu_, so reading it here without that lock is safe.
  std::vector<std::shared_ptr<const segment::SegmentReader>> readers;
  Status status;
  for (const FrozenBuffer& f : frozen_) {
    InFlight guard(&in_flight_mu_, &in_flight_, f.segment_id);
    std::string name = SegmentBlobName(f.segment_id);
    auto build = [&]() -> Status {
      QUIVER_ASSIGN_OR_RETURN(auto file, options_.store->Create(name));
      segment::BlobSink sink(file.get());
      segment::SegmentFileWriter writer(&sink, f.segment_id);
      QUIVER_RETURN_IF_ERROR(f.builder->Build(&writer, NowMillis()));
      QUIVER_RETURN_IF_ERROR(writer.Finish().status());
      QUIVER_RETURN_IF_ERROR(sink.Flush());
      QUIVER_RETURN_IF_ERROR(file->CloseUnsynced());
      QUIVER_ASSIGN_OR_RETURN(auto blob, options_.store->Open(name));
      QUIVER_ASSIGN_OR_RETURN(auto reader, segment::SegmentReader::Open(std::move(blob)));
      readers.push_back(std::move(reader));
      return Status::Ok();
    };
    status = build();
    if (!status.ok()) break;
  }
  if (!status.ok()) {
    // The documents are safe in the WAL, but this process can no longer
    // make them searchable: fail the shard for writes (as Elasticsearch
    // fails an engine) and keep the frozen buffers readable for realtime GET.
    std::lock_guard<std::mutex> lock(write_mu_);
    QLOG_ERROR("refresh of {} failed, shard fails writes until restart: {}", options_.dir,
               status.ToString());
    failed_ = status;
    for (auto& [seg, docs] : deletes) {
      auto& d = pending_deletes_[seg];
      d.insert(d.end(), docs.begin(), docs.end());
    }
    return status;
  }

  auto set = std::make_shared<segment::SegmentSet>();
  set->segments.reserve(base->segments.size() + readers.size());
  for (const auto& v : base->segments) {
    auto it = deletes.find(v.reader->id());
    set->segments.push_back(
        {v.reader, it == deletes.end() ? v.live_docs : v.live_docs->WithDeleted(it->second)});
  }
  size_t first_new = set->segments.size();
  for (const auto& reader : readers) {
    auto live = std::make_shared<const segment::LiveDocs>(reader->num_docs());
    if (auto it = deletes.find(reader->id()); it != deletes.end()) {
      live = live->WithDeleted(it->second);
    }
    set->segments.push_back({reader, live});
  }
  if (cp != nullptr) cp->segments = set->segments;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    // Deletes of frozen documents that arrived while the segments were built.
    for (size_t i = first_new; i < set->segments.size(); ++i) {
      segment::SegmentView& view = set->segments[i];
      if (auto it = pending_deletes_.find(view.reader->id()); it != pending_deletes_.end()) {
        view.live_docs = view.live_docs->WithDeleted(it->second);
        pending_deletes_.erase(it);
      }
    }
    frozen_.clear();
    Publish(set);
    if (!frozen_ids.empty()) version_map_.EndRefresh(NowMillis());
    version_map_.PruneTombstones(NowMillis(), options_.gc_deletes_ms);
    refreshed_seq_no_ = std::max(refreshed_seq_no_, seq);
  }
  refreshed_cv_.notify_all();
  if (!frozen_ids.empty()) refresh_total_.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

Status Shard::WaitForRefresh(int64_t seq_no, bool refresh_now) {
  if (refresh_now) return Refresh();
  std::unique_lock<std::mutex> lock(write_mu_);
  refreshed_cv_.wait_for(lock, std::chrono::seconds(60),
                         [&] { return refreshed_seq_no_ >= seq_no || closed_; });
  if (refreshed_seq_no_ >= seq_no) return Status::Ok();
  lock.unlock();
  return Refresh();
}

Status Shard::Flush() {
  std::lock_guard<std::mutex> flush_lock(flush_mu_);
  Checkpoint cp;
  uint64_t next_gen;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    next_gen = wal_generation_ + 1;
  }
  QUIVER_ASSIGN_OR_RETURN(
      auto new_wal, storage::WalWriter::Create(
                        options_.store, options_.dir + storage::WalFileName(next_gen), next_gen));
  cp.new_wal = std::shared_ptr<storage::WalWriter>(std::move(new_wal));
  {
    std::lock_guard<std::mutex> lock(refresh_mu_);
    QUIVER_RETURN_IF_ERROR(RefreshLocked(&cp));
  }
  if (cp.old_wal) QUIVER_RETURN_IF_ERROR(cp.old_wal->Close());

  storage::Manifest m;
  m.generation = manifest_generation_ + 1;
  m.index_uuid = options_.index_uuid;
  m.shard = options_.shard_id;
  m.checkpoint = cp.seq_no;
  m.max_seq_no = cp.seq_no;
  m.wal_generation = next_gen;
  for (const auto& v : cp.segments) {
    uint64_t id = v.reader->id();
    if (!synced_segments_.count(id)) {
      QUIVER_RETURN_IF_ERROR(options_.store->SyncBlob(SegmentBlobName(id)));
      synced_segments_.insert(id);
    }
    storage::ManifestSegment ms;
    ms.id = id;
    ms.num_docs = v.reader->num_docs();
    ms.num_deleted = v.live_docs->num_deleted();
    ms.size_bytes = v.reader->size_bytes();
    if (ms.num_deleted > 0) {
      auto& persisted = persisted_deletes_[id];
      if (persisted.second != v.live_docs) {
        uint64_t gen = persisted.first + 1;
        QUIVER_RETURN_IF_ERROR(options_.store->WriteBlob(
            options_.dir + storage::DeletesFileName(id, gen), v.live_docs->Encode(id, gen)));
        persisted = {gen, v.live_docs};
      }
      ms.del_gen = persisted.first;
    }
    m.segments.push_back(ms);
  }
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    m.next_segment_id = next_segment_id_;
  }
  QUIVER_RETURN_IF_ERROR(manifests_.Write(m));
  manifest_generation_ = m.generation;
  flush_total_.fetch_add(1, std::memory_order_relaxed);
  return CollectGarbage(m);
}

Status Shard::CollectGarbage(const storage::Manifest& m) {
  QUIVER_ASSIGN_OR_RETURN(auto names, options_.store->List(options_.dir));
  std::set<uint64_t> keep_segments;
  std::set<std::pair<uint64_t, uint64_t>> keep_deletes;
  for (const auto& s : m.segments) {
    keep_segments.insert(s.id);
    if (s.del_gen) keep_deletes.insert({s.id, s.del_gen});
  }
  {
    std::lock_guard<std::mutex> lock(in_flight_mu_);
    keep_segments.insert(in_flight_.begin(), in_flight_.end());
  }
  for (const auto& v : searcher()->segments) keep_segments.insert(v.reader->id());
  uint64_t next_id;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    next_id = next_segment_id_;
  }
  for (const auto& full : names) {
    std::string_view name = std::string_view(full).substr(options_.dir.size());
    uint64_t a, b;
    bool drop = false;
    if (storage::ParseWalFileName(name, &a)) {
      drop = a < m.wal_generation;
    } else if (storage::ParseManifestFileName(name, &a)) {
      drop = a < m.generation;
    } else if (storage::ParseSegmentFileName(name, &a)) {
      // Ids at or above next_id may be being created right now.
      drop = a < next_id && !keep_segments.count(a);
      if (drop) {
        synced_segments_.erase(a);
        persisted_deletes_.erase(a);
      }
    } else if (storage::ParseDeletesFileName(name, &a, &b)) {
      drop = !keep_deletes.count({a, b});
    }
    if (drop) QUIVER_RETURN_IF_ERROR(options_.store->Delete(full));
  }
  return Status::Ok();
}

Result<bool> Shard::MaybeMerge() {
  std::vector<uint64_t> ids;
  {
    std::lock_guard<std::mutex> lock(refresh_mu_);
    std::vector<MergeCandidate> candidates;
    for (const auto& v : searcher()->segments) {
      if (merging_.count(v.reader->id())) continue;
      candidates.push_back({v.reader->id(), v.reader->size_bytes(), v.reader->num_docs(),
                            v.live_docs->num_deleted()});
    }
    ids = merge_policy_.FindMerge(candidates);
    if (ids.empty()) return false;
    merging_.insert(ids.begin(), ids.end());
  }
  Status s = MergeSegments(ids);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(refresh_mu_);
    for (uint64_t id : ids) merging_.erase(id);
    return s;
  }
  return true;
}

Status Shard::ForceMerge(int max_num_segments, bool only_expunge_deletes) {
  QUIVER_RETURN_IF_ERROR(Refresh());
  for (int round = 0; round < 1000; ++round) {
    std::vector<std::vector<uint64_t>> merges;
    {
      std::lock_guard<std::mutex> lock(refresh_mu_);
      std::vector<MergeCandidate> candidates;
      for (const auto& v : searcher()->segments) {
        if (merging_.count(v.reader->id())) continue;
        candidates.push_back({v.reader->id(), v.reader->size_bytes(), v.reader->num_docs(),
                              v.live_docs->num_deleted()});
      }
      merges = merge_policy_.FindForcedMerges(candidates, max_num_segments, only_expunge_deletes);
      if (merges.empty()) break;
      for (const auto& m : merges) merging_.insert(m.begin(), m.end());
    }
    for (const auto& m : merges) {
      Status s = MergeSegments(m);
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(refresh_mu_);
        for (const auto& all : merges) {
          for (uint64_t id : all) merging_.erase(id);
        }
        return s;
      }
    }
    if (only_expunge_deletes) break;
  }
  return Flush();
}

// Merges `ids` (already marked in merging_) into one new segment and swaps
// it into the searcher, carrying over deletions that arrived meanwhile.
Status Shard::MergeSegments(const std::vector<uint64_t>& ids) {
  std::vector<segment::SegmentView> inputs;
  for (const auto& v : searcher()->segments) {
    if (std::find(ids.begin(), ids.end(), v.reader->id()) != ids.end()) inputs.push_back(v);
  }
  uint64_t merged_id;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    merged_id = next_segment_id_++;
  }
  InFlight guard(&in_flight_mu_, &in_flight_, merged_id);
  std::string name = SegmentBlobName(merged_id);
  segment::MergeResult result;
  std::shared_ptr<const segment::SegmentReader> reader;
  {
    QUIVER_ASSIGN_OR_RETURN(auto file, options_.store->Create(name));
    segment::BlobSink sink(file.get());
    segment::SegmentFileWriter writer(&sink, merged_id);
    QUIVER_ASSIGN_OR_RETURN(result, segment::MergeSegments(inputs, NowMillis(), &writer));
    QUIVER_RETURN_IF_ERROR(writer.Finish().status());
    QUIVER_RETURN_IF_ERROR(sink.Flush());
    QUIVER_RETURN_IF_ERROR(file->CloseUnsynced());
    QUIVER_ASSIGN_OR_RETURN(auto blob, options_.store->Open(name));
    QUIVER_ASSIGN_OR_RETURN(reader, segment::SegmentReader::Open(std::move(blob)));
  }

  std::lock_guard<std::mutex> refresh_lock(refresh_mu_);
  std::lock_guard<std::mutex> write_lock(write_mu_);
  auto current = searcher();
  std::vector<uint32_t> merged_deletes;
  auto set = std::make_shared<segment::SegmentSet>();
  bool inserted = false;
  for (const auto& v : current->segments) {
    auto in = std::find_if(inputs.begin(), inputs.end(),
                           [&](const segment::SegmentView& i) { return i.reader == v.reader; });
    if (in == inputs.end()) {
      set->segments.push_back(v);
      continue;
    }
    const auto& map = result.doc_maps[static_cast<size_t>(in - inputs.begin())];
    // Deletions published since the merge started.
    for (uint32_t d = 0; d < v.reader->num_docs(); ++d) {
      if (!v.live_docs->IsLive(d) && in->live_docs->IsLive(d) && map[d] >= 0) {
        merged_deletes.push_back(static_cast<uint32_t>(map[d]));
      }
    }
    // Deletions not yet published move to the merged segment.
    if (auto it = pending_deletes_.find(v.reader->id()); it != pending_deletes_.end()) {
      auto& dst = pending_deletes_[merged_id];
      for (uint32_t d : it->second) {
        if (d < map.size() && map[d] >= 0) dst.push_back(static_cast<uint32_t>(map[d]));
      }
      pending_deletes_.erase(v.reader->id());
    }
    if (!inserted) {
      auto live = std::make_shared<const segment::LiveDocs>(reader->num_docs());
      set->segments.push_back({reader, live});
      inserted = true;
    }
  }
  // Put the merged segment's deletions in place.
  for (auto& v : set->segments) {
    if (v.reader == reader && !merged_deletes.empty()) {
      v.live_docs = v.live_docs->WithDeleted(merged_deletes);
    }
  }
  Publish(set);
  for (uint64_t id : ids) merging_.erase(id);
  merge_total_.fetch_add(1, std::memory_order_relaxed);
  merge_docs_.fetch_add(result.num_docs, std::memory_order_relaxed);
  return Status::Ok();
}

}  // namespace quiver::engine
