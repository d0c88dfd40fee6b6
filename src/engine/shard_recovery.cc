// Shard: opening and recovery (docs/formats/manifest.md, "Recovery").
#include <algorithm>

#include "common/clock.h"
#include "common/logging.h"
#include "engine/shard.h"
#include "storage/file_names.h"
#include "storage/wal_reader.h"

namespace quiver::engine {

Status Shard::Recover() {
  storage::Manifest m;
  std::vector<std::string> skipped;
  auto loaded = manifests_.LoadLatest(&skipped);
  for (const auto& s : skipped) QLOG_WARN("ignoring unreadable manifest {}", s);
  bool fresh = false;
  if (loaded.ok()) {
    m = std::move(loaded).value();
  } else if (loaded.status().code() == StatusCode::kNotFound) {
    // A new shard, or one whose creation crashed before its first commit
    // (then nothing in it was ever acknowledged): start clean.
    QUIVER_RETURN_IF_ERROR(options_.store->DeletePrefix(options_.dir));
    fresh = true;
  } else {
    return loaded.status().WithMeta("shard", std::to_string(options_.shard_id));
  }

  auto set = std::make_shared<segment::SegmentSet>();
  for (const auto& ms : m.segments) {
    std::string name = SegmentBlobName(ms.id);
    auto blob = options_.store->Open(name);
    if (!blob.ok()) {
      return Status::Corruption("segment [" + name +
                                "] named by the manifest is missing: " + blob.status().message());
    }
    auto reader = segment::SegmentReader::Open(std::move(blob).value());
    if (!reader.ok()) {
      return reader.status().WithMessage("segment [" + name + "]: " + reader.status().message());
    }
    if ((*reader)->id() != ms.id || (*reader)->num_docs() != ms.num_docs) {
      return Status::Corruption("segment [" + name + "] does not match the manifest");
    }
    std::shared_ptr<const segment::LiveDocs> live =
        std::make_shared<const segment::LiveDocs>((*reader)->num_docs());
    if (ms.del_gen != 0) {
      std::string del_name = options_.dir + storage::DeletesFileName(ms.id, ms.del_gen);
      QUIVER_ASSIGN_OR_RETURN(auto del_blob, options_.store->Open(del_name));
      QUIVER_ASSIGN_OR_RETURN(
          live, segment::LiveDocs::Decode(del_blob->data(), ms.id, (*reader)->num_docs()));
      persisted_deletes_[ms.id] = {ms.del_gen, live};
    }
    synced_segments_.insert(ms.id);
    set->segments.push_back({*reader, live});
  }
  Publish(set);
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    next_segment_id_ = std::max<uint64_t>(m.next_segment_id, 1);
    // No writer exists yet, so the slots need no locks of their own here.
    for (auto& slot : slots_) slot->segment_id = next_segment_id_++;
    max_seq_no_ = m.checkpoint;
    refreshed_seq_no_ = m.checkpoint;
    wal_generation_ = fresh ? 0 : m.wal_generation - 1;
  }
  manifest_generation_ = m.generation;
  if (!fresh) {
    // Drop what no commit references: segments of refreshes or merges after
    // the last flush (their operations are in the WAL), stale deletions.
    QUIVER_RETURN_IF_ERROR(CollectGarbage(m));
    QUIVER_RETURN_IF_ERROR(ReplayWal(m));
  }
  // Commit what was replayed and start a fresh WAL generation.
  return Flush();
}

Status Shard::ReplayWal(const storage::Manifest& m) {
  QUIVER_ASSIGN_OR_RETURN(auto names, options_.store->List(options_.dir + "wal-"));
  std::vector<uint64_t> gens;
  for (const auto& n : names) {
    uint64_t g;
    if (storage::ParseWalFileName(std::string_view(n).substr(options_.dir.size()), &g) &&
        g >= m.wal_generation) {
      gens.push_back(g);
    }
  }
  std::sort(gens.begin(), gens.end());
  uint64_t replayed = 0, skipped_docs = 0;
  for (size_t gi = 0; gi < gens.size(); ++gi) {
    uint64_t gen = gens[gi];
    std::string name = options_.dir + storage::WalFileName(gen);
    QUIVER_ASSIGN_OR_RETURN(auto blob, options_.store->Open(name));
    if (blob->size() < storage::kWalHeaderSize && gi + 1 == gens.size()) {
      // Created but its header never became durable: it holds nothing.
      QLOG_WARN("removing empty WAL generation {}", name);
      blob.reset();
      QUIVER_RETURN_IF_ERROR(options_.store->Delete(name));
      continue;
    }
    QUIVER_ASSIGN_OR_RETURN(auto reader, storage::WalReader::Open(blob, gen));
    storage::WalOperation op;
    while (reader.Next(&op)) {
      if (static_cast<int64_t>(op.seq_no) <= m.checkpoint) continue;
      if (op.type == storage::WalOpType::kIndex) {
        auto parsed = options_.replay_parser(op.id, op.routing, op.source);
        if (!parsed.ok()) {
          // The document was accepted when written; failing now means the
          // mapping changed incompatibly. Keep going and say so loudly.
          QLOG_ERROR("WAL replay of {} skips document [{}] seq_no {}: {}", name, op.id, op.seq_no,
                     parsed.status().ToString());
          ++skipped_docs;
          std::lock_guard<std::mutex> lock(write_mu_);
          max_seq_no_ = std::max(max_seq_no_, static_cast<int64_t>(op.seq_no));
          continue;
        }
        WriterSlot& slot = *slots_[0];
        std::lock_guard<std::mutex> slot_lock(slot.mu);
        segment::DocMeta meta{op.seq_no, op.version, op.primary_term};
        QUIVER_RETURN_IF_ERROR(IndexInSlot(slot, *parsed, op.source, {}, &meta).status());
      } else if (op.type == storage::WalOpType::kDelete) {
        std::lock_guard<std::mutex> lock(write_mu_);
        Location cur = LookupLocked(op.id);
        if (cur.found) MarkDeletedLocked(cur.segment_id, cur.doc);
        VersionEntry e;
        e.version = op.version;
        e.seq_no = static_cast<int64_t>(op.seq_no);
        e.primary_term = op.primary_term;
        e.deleted = true;
        e.deleted_at_ms = NowMillis();
        version_map_.Put(op.id, e);
        max_seq_no_ = std::max(max_seq_no_, e.seq_no);
        ++ops_since_refresh_;
      } else {
        std::lock_guard<std::mutex> lock(write_mu_);
        max_seq_no_ = std::max(max_seq_no_, static_cast<int64_t>(op.seq_no));
      }
      ++replayed;
      if (BufferIsFull()) QUIVER_RETURN_IF_ERROR(Refresh());
    }
    QUIVER_RETURN_IF_ERROR(
        reader.status().WithMessage("WAL [" + name + "]: " + reader.status().message()));
    if (reader.has_torn_tail()) {
      uint64_t valid = reader.valid_end();
      QLOG_WARN("WAL {} has a torn tail: truncating {} bytes after offset {}", name,
                blob->size() - valid, valid);
      QUIVER_RETURN_IF_ERROR(options_.store->Truncate(name, valid));
    }
    std::lock_guard<std::mutex> lock(write_mu_);
    wal_generation_ = std::max(wal_generation_, gen);
  }
  if (replayed > 0 || skipped_docs > 0) {
    QLOG_INFO("shard {} replayed {} WAL operations ({} skipped)", options_.dir, replayed,
              skipped_docs);
  }
  return Status::Ok();
}

}  // namespace quiver::engine
