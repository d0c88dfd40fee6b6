#include "storage/manifest_store.h"

#include <algorithm>

#include "storage/file_names.h"

namespace quiver::storage {

Status ManifestStore::Write(const Manifest& m) {
  return store_->WriteBlob(dir_ + ManifestFileName(m.generation), EncodeManifest(m));
}

Result<Manifest> ManifestStore::LoadLatest(std::vector<std::string>* skipped) {
  QUIVER_ASSIGN_OR_RETURN(auto names, store_->List(dir_ + "manifest-"));
  std::vector<uint64_t> gens;
  for (const auto& n : names) {
    uint64_t g;
    if (ParseManifestFileName(std::string_view(n).substr(dir_.size()), &g)) gens.push_back(g);
  }
  if (gens.empty()) return Status::NotFound("no manifest in [" + dir_ + "]");
  std::sort(gens.rbegin(), gens.rend());
  Status last_error;
  for (uint64_t g : gens) {
    std::string name = dir_ + ManifestFileName(g);
    auto blob = store_->Open(name);
    if (!blob.ok()) {
      last_error = blob.status();
      if (skipped) skipped->push_back(name + ": " + blob.status().message());
      continue;
    }
    auto m = DecodeManifest((*blob)->data());
    if (m.ok() && m->generation == g) return m;
    last_error = m.ok() ? Status::Corruption("manifest generation mismatch") : m.status();
    if (skipped) skipped->push_back(name + ": " + last_error.message());
  }
  return Status::Corruption("no valid manifest in [" + dir_ + "]: " + last_error.message());
}

Status ManifestStore::DeleteOlderThan(uint64_t generation) {
  QUIVER_ASSIGN_OR_RETURN(auto names, store_->List(dir_ + "manifest-"));
  for (const auto& n : names) {
    uint64_t g;
    if (ParseManifestFileName(std::string_view(n).substr(dir_.size()), &g) && g < generation) {
      QUIVER_RETURN_IF_ERROR(store_->Delete(n));
    }
  }
  return Status::Ok();
}

}  // namespace quiver::storage
