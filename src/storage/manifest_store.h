// ManifestStore: writes and finds a shard's manifests (docs/formats/manifest.md)
// under one directory prefix of a BlobStore. Not thread-safe: the shard's
// flush path is its only user.
#pragma once

#include <string>

#include "storage/blob_store.h"
#include "storage/manifest.h"

namespace quiver::storage {

class ManifestStore {
 public:
  // `dir` is a prefix ending in '/', e.g. "indices/<uuid>/0/".
  ManifestStore(BlobStore* store, std::string dir) : store_(store), dir_(std::move(dir)) {}

  // Writes manifest generation `m.generation` and makes it durable.
  Status Write(const Manifest& m);
  // The newest manifest whose checksum verifies. kNotFound when there is no
  // manifest at all; kCorruption when manifests exist but none verifies.
  // Newer manifests that fail verification (a crash during their write) are
  // skipped and reported in `skipped` if given.
  Result<Manifest> LoadLatest(std::vector<std::string>* skipped = nullptr);
  // Deletes every manifest with a generation below `generation`.
  Status DeleteOlderThan(uint64_t generation);

 private:
  BlobStore* store_;
  std::string dir_;
};

}  // namespace quiver::storage
