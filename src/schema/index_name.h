// Index name validation, as Elasticsearch 8 applies it when an index is
// created (MetadataCreateIndexService.validateIndexName): the static rules
// only — whether the name is already taken is the engine's business.
// Stateless; thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace quiver::schema {

// Longest index name, in UTF-8 bytes.
inline constexpr size_t kMaxIndexNameBytes = 255;

// OK, or an `invalid_index_name_exception` (HTTP 400) whose message is ES's
// ("Invalid index name [Foo], must be lowercase") and whose metadata carries
// `index` and `index_uuid: "_na_"` as ES error bodies do.
Status ValidateIndexName(std::string_view name);

// The same error shape for a caller-detected problem with `name` (e.g.
// "already exists as alias"): "Invalid index name [name], <reason>".
Status InvalidIndexName(std::string_view name, std::string_view reason);

}  // namespace quiver::schema
