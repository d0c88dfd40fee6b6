#include "storage/fault_injection_blob_store.h"

namespace quiver::storage {

class FaultInjectionWriter : public BlobWriter {
 public:
  FaultInjectionWriter(FaultInjectionBlobStore* store, std::string name,
                       std::unique_ptr<BlobWriter> base)
      : store_(store), name_(std::move(name)), base_(std::move(base)) {}

  Status Append(std::string_view data) override {
    if (FaultInjectionBlobStore::Take(store_->append_countdown_)) {
      return Status::IoError("injected append failure on [" + name_ + "]");
    }
    QUIVER_RETURN_IF_ERROR(base_->Append(data));
    store_->OnAppend(name_, base_->size());
    return Status::Ok();
  }

  Status Sync() override {
    if (FaultInjectionBlobStore::Take(store_->sync_countdown_)) {
      return Status::IoError("injected sync failure on [" + name_ + "]");
    }
    QUIVER_RETURN_IF_ERROR(base_->Sync());
    store_->OnSync(name_);
    return Status::Ok();
  }

  Status Close() override {
    if (FaultInjectionBlobStore::Take(store_->sync_countdown_)) {
      return Status::IoError("injected sync failure on [" + name_ + "]");
    }
    QUIVER_RETURN_IF_ERROR(base_->Close());
    store_->OnSync(name_);
    return Status::Ok();
  }

  Status CloseUnsynced() override { return base_->CloseUnsynced(); }

  uint64_t size() const override { return base_->size(); }

 private:
  FaultInjectionBlobStore* store_;
  std::string name_;
  std::unique_ptr<BlobWriter> base_;
};

bool FaultInjectionBlobStore::Take(std::atomic<int>& countdown) {
  int v = countdown.load();
  while (v > 0) {
    if (countdown.compare_exchange_weak(v, v - 1)) return false;
  }
  return v == 0;
}

void FaultInjectionBlobStore::ClearFaults() {
  append_countdown_ = -1;
  sync_countdown_ = -1;
  create_countdown_ = -1;
  fail_opens_ = false;
}

void FaultInjectionBlobStore::OnAppend(const std::string& name, uint64_t new_size) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[name].size = new_size;
}

void FaultInjectionBlobStore::OnSync(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& f = files_[name];
  f.synced = f.size;
  f.ever_synced = true;
}

uint64_t FaultInjectionBlobStore::SyncedSize(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(name);
  return it == files_.end() ? 0 : it->second.synced;
}

Result<std::unique_ptr<BlobWriter>> FaultInjectionBlobStore::Create(std::string_view name) {
  if (Take(create_countdown_)) {
    return Status::IoError("injected create failure on [" + std::string(name) + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(auto base, base_->Create(name));
  {
    std::lock_guard<std::mutex> lock(mu_);
    files_[std::string(name)] = FileState{};
  }
  return std::unique_ptr<BlobWriter>(
      new FaultInjectionWriter(this, std::string(name), std::move(base)));
}

Result<std::unique_ptr<BlobWriter>> FaultInjectionBlobStore::OpenForAppend(
    std::string_view name) {
  if (Take(create_countdown_)) {
    return Status::IoError("injected create failure on [" + std::string(name) + "]");
  }
  QUIVER_ASSIGN_OR_RETURN(auto base, base_->OpenForAppend(name));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& f = files_[std::string(name)];
    if (!f.ever_synced && f.size == 0) {
      // Existing content from before this store saw it counts as durable.
      f.size = f.synced = base->size();
      f.ever_synced = true;
    }
  }
  return std::unique_ptr<BlobWriter>(
      new FaultInjectionWriter(this, std::string(name), std::move(base)));
}

Result<std::shared_ptr<const Blob>> FaultInjectionBlobStore::Open(std::string_view name) {
  if (fail_opens_) return Status::IoError("injected open failure on [" + std::string(name) + "]");
  return base_->Open(name);
}

Result<std::vector<std::string>> FaultInjectionBlobStore::List(std::string_view prefix) {
  return base_->List(prefix);
}

Status FaultInjectionBlobStore::Delete(std::string_view name) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    files_.erase(std::string(name));
  }
  return base_->Delete(name);
}

Status FaultInjectionBlobStore::DeletePrefix(std::string_view prefix) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = files_.begin(); it != files_.end();) {
      if (it->first.compare(0, prefix.size(), prefix) == 0) {
        it = files_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return base_->DeletePrefix(prefix);
}

Status FaultInjectionBlobStore::SyncBlob(std::string_view name) {
  if (Take(sync_countdown_)) {
    return Status::IoError("injected sync failure on [" + std::string(name) + "]");
  }
  QUIVER_RETURN_IF_ERROR(base_->SyncBlob(name));
  OnSync(std::string(name));
  return Status::Ok();
}

Status FaultInjectionBlobStore::Truncate(std::string_view name, uint64_t size) {
  QUIVER_RETURN_IF_ERROR(base_->Truncate(name, size));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(std::string(name));
  if (it != files_.end()) it->second.size = it->second.synced = size;
  return Status::Ok();
}

Result<uint64_t> FaultInjectionBlobStore::SizeOfPrefix(std::string_view prefix) {
  return base_->SizeOfPrefix(prefix);
}

Status FaultInjectionBlobStore::SimulateCrash(TailMode mode, uint32_t seed) {
  std::mt19937 rng(seed);
  std::map<std::string, FileState> files;
  {
    std::lock_guard<std::mutex> lock(mu_);
    files.swap(files_);
  }
  for (const auto& [name, f] : files) {
    if (!f.ever_synced) {
      QUIVER_RETURN_IF_ERROR(base_->Delete(name));
      continue;
    }
    if (f.size == f.synced) continue;
    uint64_t unsynced = f.size - f.synced;
    switch (mode) {
      case TailMode::kDropUnsynced:
        QUIVER_RETURN_IF_ERROR(base_->Truncate(name, f.synced));
        break;
      case TailMode::kTornWrite:
        QUIVER_RETURN_IF_ERROR(base_->Truncate(name, f.synced + rng() % unsynced));
        break;
      case TailMode::kGarbageTail: {
        QUIVER_ASSIGN_OR_RETURN(auto blob, base_->Open(name));
        std::string content(blob->data());
        blob.reset();
        for (uint64_t i = f.synced; i < content.size(); ++i) {
          content[i] = static_cast<char>(rng());
        }
        QUIVER_RETURN_IF_ERROR(base_->WriteBlob(name, content));
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace quiver::storage
