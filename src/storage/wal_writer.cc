#include "storage/wal_writer.h"

namespace quiver::storage {

Result<std::unique_ptr<WalWriter>> WalWriter::Create(BlobStore* store, std::string name,
                                                     uint64_t generation) {
  QUIVER_ASSIGN_OR_RETURN(auto file, store->Create(name));
  QUIVER_RETURN_IF_ERROR(file->Append(EncodeWalHeader(generation)));
  QUIVER_RETURN_IF_ERROR(file->Sync());
  uint64_t start = file->size();
  return std::unique_ptr<WalWriter>(new WalWriter(std::move(file), std::move(name), generation,
                                                  start));
}

WalWriter::WalWriter(std::unique_ptr<BlobWriter> file, std::string name, uint64_t generation,
                     uint64_t start)
    : file_(std::move(file)),
      name_(std::move(name)),
      generation_(generation),
      appended_(start),
      written_(start),
      synced_(start) {}

WalWriter::~WalWriter() { (void)Close(); }

uint64_t WalWriter::Append(const WalOperation& op) {
  std::lock_guard<std::mutex> lock(mu_);
  size_t before = pending_.size();
  AppendWalRecord(op, &pending_);
  appended_ += pending_.size() - before;
  return appended_;
}

Status WalWriter::Sync(uint64_t position) { return WriteOut(position, /*sync=*/true); }

Status WalWriter::SyncAll() {
  uint64_t pos;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pos = appended_;
  }
  return WriteOut(pos, /*sync=*/true);
}

Status WalWriter::Flush() {
  uint64_t pos;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pos = appended_;
  }
  return WriteOut(pos, /*sync=*/false);
}

Status WalWriter::WriteOut(uint64_t position, bool sync) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (!error_.ok()) return error_;
    uint64_t done = sync ? synced_ : written_;
    if (done >= position) return Status::Ok();
    if (closed_) return Status::IoError("WAL [" + name_ + "] is closed");
    if (io_in_progress_) {
      cv_.wait(lock);
      continue;
    }
    // Become the leader: write everything pending, so followers that
    // appended meanwhile ride along on this fsync.
    io_in_progress_ = true;
    std::string batch;
    batch.swap(pending_);
    uint64_t target = appended_;
    lock.unlock();
    Status s;
    if (!batch.empty()) s = file_->Append(batch);
    if (s.ok() && sync) s = file_->Sync();
    lock.lock();
    io_in_progress_ = false;
    if (!s.ok()) {
      error_ = s;
    } else {
      written_ = target;
      if (sync) synced_ = target;
    }
    cv_.notify_all();
  }
}

Status WalWriter::Close() {
  Status s = SyncAll();
  std::lock_guard<std::mutex> lock(mu_);
  if (closed_) return error_;
  closed_ = true;
  Status c = file_->Close();
  return s.ok() ? c : s;
}

uint64_t WalWriter::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return appended_;
}

uint64_t WalWriter::synced_position() const {
  std::lock_guard<std::mutex> lock(mu_);
  return synced_;
}

}  // namespace quiver::storage
