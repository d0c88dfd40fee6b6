#include "engine/shard.h"

#include <algorithm>
#include <thread>

#include "common/clock.h"
#include "common/logging.h"
#include "storage/file_names.h"

namespace quiver::engine {

const char* WriteKindName(WriteOutcome::Kind kind) {
  switch (kind) {
    case WriteOutcome::Kind::kCreated:
      return "created";
    case WriteOutcome::Kind::kUpdated:
      return "updated";
    case WriteOutcome::Kind::kDeleted:
      return "deleted";
    case WriteOutcome::Kind::kNotFound:
      return "not_found";
    case WriteOutcome::Kind::kNoop:
      return "noop";
  }
  return "created";
}

Shard::Shard(ShardOptions options)
    : options_(std::move(options)),
      durability_(options_.durability),
      manifests_(options_.store, options_.dir),
      merge_policy_(options_.merge),
      searcher_(std::make_shared<segment::SegmentSet>()) {
  size_t n = options_.num_writer_slots;
  if (n == 0) n = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  for (size_t i = 0; i < n; ++i) {
    auto slot = std::make_unique<WriterSlot>();
    slot->builder = std::make_unique<segment::SegmentBuilder>();
    slots_.push_back(std::move(slot));
  }
}

Shard::~Shard() { (void)Close(); }

Result<std::unique_ptr<Shard>> Shard::Open(ShardOptions options) {
  auto shard = std::unique_ptr<Shard>(new Shard(std::move(options)));
  QUIVER_RETURN_IF_ERROR(shard->Recover());
  return shard;
}

std::string Shard::SegmentBlobName(uint64_t id) const {
  return options_.dir + storage::SegmentFileName(id);
}

std::shared_ptr<const segment::SegmentSet> Shard::searcher() const {
  std::lock_guard<std::mutex> lock(searcher_mu_);
  return searcher_;
}

std::shared_ptr<const segment::SegmentSet> Shard::AcquireSearcher() const { return searcher(); }

void Shard::Publish(std::shared_ptr<const segment::SegmentSet> set) {
  std::lock_guard<std::mutex> lock(searcher_mu_);
  searcher_ = std::move(set);
}

int64_t Shard::max_seq_no() const {
  std::lock_guard<std::mutex> lock(write_mu_);
  return max_seq_no_;
}

Shard::Location Shard::LookupLocked(std::string_view id) const {
  Location loc;
  if (const VersionEntry* e = version_map_.Find(id)) {
    loc.found = !e->deleted;
    loc.deleted = e->deleted;
    loc.version = e->version;
    loc.seq_no = e->seq_no;
    loc.primary_term = e->primary_term;
    loc.segment_id = e->segment_id;
    loc.doc = e->doc;
    return loc;
  }
  auto set = searcher();
  for (auto it = set->segments.rbegin(); it != set->segments.rend(); ++it) {
    const segment::SegmentView& view = *it;
    std::optional<uint32_t> hit;
    view.reader->ids().ForEachDocWithId(id, [&](uint32_t d) {
      if (!view.live_docs->IsLive(d)) return true;
      hit = d;
      return false;
    });
    if (hit) {
      segment::DocMeta meta = view.reader->doc_meta().Get(*hit);
      loc.found = true;
      loc.version = meta.version;
      loc.seq_no = static_cast<int64_t>(meta.seq_no);
      loc.primary_term = meta.primary_term;
      loc.segment_id = view.reader->id();
      loc.doc = *hit;
      return loc;
    }
  }
  return loc;
}

Status Shard::CheckConditionsLocked(std::string_view id, const Location& cur,
                                    const WriteConditions& c, bool is_delete) const {
  auto conflict = [&](const std::string& why) {
    return Status::Conflict("[" + std::string(id) + "]: version conflict, " + why);
  };
  if (c.if_seq_no || c.if_primary_term) {
    int64_t want_seq = c.if_seq_no.value_or(-2);
    int64_t want_term = c.if_primary_term.value_or(0);
    std::string required = "required seqNo [" + std::to_string(want_seq) + "], primary term [" +
                           std::to_string(want_term) + "]";
    if (!cur.found) return conflict(required + ". but no document was found");
    if (cur.seq_no != want_seq || static_cast<int64_t>(cur.primary_term) != want_term) {
      return conflict(required + ". current document has seqNo [" + std::to_string(cur.seq_no) +
                      "] and primary term [" + std::to_string(cur.primary_term) + "]");
    }
  }
  if (!is_delete && c.op_type == OpType::kCreate && cur.found) {
    return conflict("document already exists (current version [" + std::to_string(cur.version) +
                    "])");
  }
  if (c.version_type != VersionType::kInternal && c.version && (cur.found || cur.deleted)) {
    int64_t current = static_cast<int64_t>(cur.version);
    if (c.version_type == VersionType::kExternal && current >= *c.version) {
      return conflict("current version [" + std::to_string(current) +
                      "] is higher or equal to the one provided [" + std::to_string(*c.version) +
                      "]");
    }
    if (c.version_type == VersionType::kExternalGte && current > *c.version) {
      return conflict("current version [" + std::to_string(current) +
                      "] is higher than the one provided [" + std::to_string(*c.version) + "]");
    }
  }
  return Status::Ok();
}

void Shard::MarkDeletedLocked(uint64_t segment_id, uint32_t doc) {
  pending_deletes_[segment_id].push_back(doc);
}

Shard::WriterSlot& Shard::LockSlot() {
  // The first free slot, so that writes that do not overlap all go to slot 0
  // and keep their order (documents indexed one after another stay in index
  // order, as tests and `_doc` sorts expect); only overlapping writers spill
  // into further slots. When all are busy, waiters spread over the slots.
  for (auto& slot : slots_) {
    if (slot->mu.try_lock()) return *slot;
  }
  size_t pick = next_slot_hint_.fetch_add(1, std::memory_order_relaxed) % slots_.size();
  WriterSlot& slot = *slots_[pick];
  slot.mu.lock();
  return slot;
}

size_t Shard::BufferRamBytes() const {
  size_t total = 0;
  for (const auto& slot : slots_) total += slot->ram_bytes.load(std::memory_order_relaxed);
  return total;
}

Result<WriteOutcome> Shard::IndexInSlot(WriterSlot& slot, const segment::IndexableDocument& idoc,
                                        std::string_view wal_source,
                                        const WriteConditions& conditions,
                                        const segment::DocMeta* replay) {
  const schema::ParsedDocument& doc = idoc.parsed;
  WriteOutcome out;
  segment::DocMeta meta;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    Location cur = LookupLocked(doc.id);
    if (replay != nullptr) {
      meta = *replay;
    } else {
      QUIVER_RETURN_IF_ERROR(CheckWritableLocked());
      QUIVER_RETURN_IF_ERROR(CheckConditionsLocked(doc.id, cur, conditions, false));
      meta.seq_no = static_cast<uint64_t>(max_seq_no_ + 1);
      meta.primary_term = 1;
      if (conditions.version_type != VersionType::kInternal && conditions.version) {
        meta.version = static_cast<uint64_t>(*conditions.version);
      } else {
        meta.version = (cur.found || cur.deleted) ? cur.version + 1 : 1;
      }
      storage::WalOperation op;
      op.type = storage::WalOpType::kIndex;
      op.seq_no = meta.seq_no;
      op.primary_term = meta.primary_term;
      op.version = meta.version;
      op.id = doc.id;
      op.routing = doc.routing;
      op.source = wal_source;
      out.mark.wal = wal_;
      out.mark.position = wal_->Append(op);
    }
    if (cur.found) MarkDeletedLocked(cur.segment_id, cur.doc);
    // The doc id the append below will get: only the slot's holder appends,
    // and refresh cannot swap the builder while we hold the slot.
    VersionEntry e;
    e.version = meta.version;
    e.seq_no = static_cast<int64_t>(meta.seq_no);
    e.primary_term = meta.primary_term;
    e.segment_id = slot.segment_id;
    e.doc = slot.builder->num_docs();
    version_map_.Put(doc.id, e);
    max_seq_no_ = std::max(max_seq_no_, e.seq_no);
    ++ops_since_refresh_;
    out.kind = cur.found ? WriteOutcome::Kind::kUpdated : WriteOutcome::Kind::kCreated;
    out.version = meta.version;
    out.seq_no = e.seq_no;
    out.primary_term = meta.primary_term;
  }
  slot.builder->Add(idoc, meta);
  slot.ram_bytes.store(slot.builder->ram_bytes(), std::memory_order_relaxed);
  return out;
}

Result<WriteOutcome> Shard::Index(const segment::IndexableDocument& idoc,
                                  std::string_view original_source,
                                  const WriteConditions& conditions) {
  int64_t start = MonotonicNanos();
  WriterSlot& slot = LockSlot();
  std::lock_guard<std::mutex> slot_lock(slot.mu, std::adopt_lock);
  QUIVER_ASSIGN_OR_RETURN(WriteOutcome out,
                          IndexInSlot(slot, idoc, original_source, conditions, nullptr));
  index_total_.fetch_add(1, std::memory_order_relaxed);
  index_time_ns_.fetch_add(static_cast<uint64_t>(MonotonicNanos() - start),
                           std::memory_order_relaxed);
  return out;
}

Result<WriteOutcome> Shard::Delete(std::string_view id, const WriteConditions& conditions) {
  WriteOutcome out;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    QUIVER_RETURN_IF_ERROR(CheckWritableLocked());
    Location cur = LookupLocked(id);
    QUIVER_RETURN_IF_ERROR(CheckConditionsLocked(id, cur, conditions, true));
    VersionEntry e;
    e.seq_no = max_seq_no_ + 1;
    e.primary_term = 1;
    if (conditions.version_type != VersionType::kInternal && conditions.version) {
      e.version = static_cast<uint64_t>(*conditions.version);
    } else {
      e.version = (cur.found || cur.deleted) ? cur.version + 1 : 1;
    }
    e.deleted = true;
    e.deleted_at_ms = NowMillis();
    storage::WalOperation op;
    op.type = storage::WalOpType::kDelete;
    op.seq_no = static_cast<uint64_t>(e.seq_no);
    op.primary_term = e.primary_term;
    op.version = e.version;
    op.id = id;
    out.mark.wal = wal_;
    out.mark.position = wal_->Append(op);
    if (cur.found) MarkDeletedLocked(cur.segment_id, cur.doc);
    version_map_.Put(id, e);
    max_seq_no_ = e.seq_no;
    ++ops_since_refresh_;
    out.kind = cur.found ? WriteOutcome::Kind::kDeleted : WriteOutcome::Kind::kNotFound;
    out.version = e.version;
    out.seq_no = e.seq_no;
    out.primary_term = e.primary_term;
  }
  delete_total_.fetch_add(1, std::memory_order_relaxed);
  return out;
}

Status Shard::CheckWritableLocked() const {
  if (!failed_.ok()) {
    return Status::Unavailable("shard [" + std::to_string(shard_id()) +
                               "] failed and rejects writes until restart: " + failed_.message());
  }
  if (closed_) return Status::Unavailable("shard [" + std::to_string(shard_id()) + "] is closed");
  return Status::Ok();
}

Status Shard::Sync(const WalMark& mark) {
  if (!mark.wal) return Status::Ok();
  // `async`: hand the records to the OS now (they survive a process crash);
  // the background sync makes them durable every sync_interval.
  Status s = durability() == Durability::kAsync ? mark.wal->Flush() : mark.wal->Sync(mark.position);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(write_mu_);
    if (failed_.ok()) {
      QLOG_ERROR("WAL sync of {} failed, shard fails writes until restart: {}", options_.dir,
                 s.ToString());
      failed_ = s;
    }
  }
  return s;
}

Status Shard::SyncWal() {
  std::shared_ptr<storage::WalWriter> wal;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    wal = wal_;
  }
  return wal ? wal->SyncAll() : Status::Ok();
}

Result<GetResult> Shard::Get(std::string_view id, bool realtime) const {
  GetResult r;
  auto from_buffer = [&](const segment::SegmentBuilder& b, const VersionEntry& e) {
    r.found = true;
    r.id = std::string(b.id(e.doc));
    r.routing = std::string(b.routing(e.doc));
    r.source = std::string(b.source(e.doc));
    r.version = e.version;
    r.seq_no = e.seq_no;
    r.primary_term = e.primary_term;
  };
  // Realtime: the version map says where the newest write went. A slot's
  // buffer is read under the slot's lock (its writer may still be adding the
  // document); if a refresh swapped the slot meanwhile, look again.
  while (realtime) {
    VersionEntry e;
    WriterSlot* slot = nullptr;
    {
      std::lock_guard<std::mutex> lock(write_mu_);
      const VersionEntry* found = version_map_.Find(id);
      if (found == nullptr) break;
      if (found->deleted) return r;
      e = *found;
      for (const FrozenBuffer& f : frozen_) {
        if (f.segment_id == e.segment_id) {
          from_buffer(*f.builder, e);
          return r;
        }
      }
      for (const auto& s : slots_) {
        if (s->segment_id == e.segment_id) slot = s.get();
      }
      if (slot == nullptr) break;
    }
    std::lock_guard<std::mutex> slot_lock(slot->mu);
    if (slot->segment_id != e.segment_id) continue;
    from_buffer(*slot->builder, e);
    return r;
  }
  std::shared_ptr<const segment::SegmentSet> set = searcher();
  for (auto it = set->segments.rbegin(); it != set->segments.rend(); ++it) {
    const segment::SegmentView& view = *it;
    std::optional<uint32_t> hit;
    view.reader->ids().ForEachDocWithId(id, [&](uint32_t d) {
      if (!view.live_docs->IsLive(d)) return true;
      hit = d;
      return false;
    });
    if (!hit) continue;
    segment::DocMeta meta = view.reader->doc_meta().Get(*hit);
    r.found = true;
    r.id = std::string(view.reader->ids().id(*hit));
    r.routing = std::string(view.reader->ids().routing(*hit));
    QUIVER_RETURN_IF_ERROR(view.reader->source().Get(*hit, &r.source));
    r.version = meta.version;
    r.seq_no = static_cast<int64_t>(meta.seq_no);
    r.primary_term = meta.primary_term;
    return r;
  }
  return r;
}

bool Shard::NeedsRefresh() const {
  std::lock_guard<std::mutex> lock(write_mu_);
  return ops_since_refresh_ > 0 || !pending_deletes_.empty();
}

bool Shard::BufferIsFull() const { return BufferRamBytes() > options_.max_buffer_bytes; }

Status Shard::Abandon() {
  std::shared_ptr<storage::WalWriter> wal;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    closed_ = true;
    wal = std::move(wal_);
  }
  return Status::Ok();
}

bool Shard::NeedsFlush() const {
  std::lock_guard<std::mutex> lock(write_mu_);
  return wal_ && wal_->size() > options_.flush_threshold_bytes;
}

ShardStats Shard::Stats() const {
  ShardStats s;
  auto set = searcher();
  s.docs_count = set->num_live_docs();
  s.docs_deleted = set->num_deleted_docs();
  s.segments_count = set->segments.size();
  auto size = options_.store->SizeOfPrefix(options_.dir);
  s.store_size_bytes = size.ok() ? *size : 0;
  s.index_total = index_total_.load();
  s.index_time_ms = index_time_ns_.load() / 1000000;
  s.delete_total = delete_total_.load();
  s.refresh_total = refresh_total_.load();
  s.flush_total = flush_total_.load();
  s.merge_total = merge_total_.load();
  s.merge_docs_total = merge_docs_.load();
  std::lock_guard<std::mutex> lock(write_mu_);
  s.max_seq_no = max_seq_no_;
  s.global_checkpoint = max_seq_no_;
  s.wal_size_bytes = wal_ ? wal_->size() : 0;
  s.indexing_buffer_bytes = BufferRamBytes();
  return s;
}

Status Shard::Close() {
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    if (closed_) return Status::Ok();
    closed_ = true;
  }
  Status s = Flush();
  std::shared_ptr<storage::WalWriter> wal;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    wal = std::move(wal_);
  }
  if (wal) {
    Status c = wal->Close();
    if (s.ok()) s = c;
  }
  if (!s.ok()) QLOG_ERROR("closing shard {} failed: {}", options_.dir, s.ToString());
  return s;
}

}  // namespace quiver::engine
