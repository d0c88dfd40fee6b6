// IndexMetadata: an index's name, uuid, settings, mapping, aliases and state
// (docs/formats/index-metadata.md), its JSON codec, and the store that keeps
// write-once generations of it in a BlobStore.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/json.h"
#include "common/status.h"
#include "schema/index_settings.h"
#include "storage/blob_store.h"

namespace quiver::engine {

struct AliasMetadata {
  json::value filter;  // null when none
  std::string index_routing;
  std::string search_routing;
  std::optional<bool> is_write_index;
  bool is_hidden = false;
};

struct IndexMetadata {
  std::string name;
  std::string uuid;
  bool closed = false;
  schema::IndexSettings settings;
  json::value mappings = json::object();  // Mapping::ToJson() form
  std::map<std::string, AliasMetadata> aliases;
  uint64_t generation = 0;
};

json::value AliasToJson(const AliasMetadata& alias);
Result<AliasMetadata> AliasFromJson(const json::value& v);

// Persists IndexMetadata generations under "indices/<uuid>/". Not thread-safe;
// the owning Index serializes metadata changes.
class IndexMetadataStore {
 public:
  IndexMetadataStore(storage::BlobStore* store, std::string dir)
      : store_(store), dir_(std::move(dir)) {}

  // Writes `meta` as generation meta.generation (durable) and deletes older ones.
  Status Write(const IndexMetadata& meta);
  // The newest generation that verifies; kNotFound if there is none.
  Result<IndexMetadata> Load();
  // Removes every metadata generation (first step of deleting an index).
  Status DeleteAll();

 private:
  storage::BlobStore* store_;
  std::string dir_;
};

}  // namespace quiver::engine
