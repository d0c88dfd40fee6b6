// Pieces shared by the mapping parser, merger, serializer and the dynamic
// mapper. Internal to schema/.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "schema/mapping.h"

namespace quiver::schema {

struct Mapping::Builder {
  // A Mapping over `root` with lookup tables computed; no limit checks.
  static std::shared_ptr<Mapping> Build(std::shared_ptr<const ObjectMapper> root,
                                        RootOptions options);
  static const std::shared_ptr<const ObjectMapper>& RootOf(const Mapping& m) { return m.root_; }
};

// A document's dynamic additions (new fields and objects under `update`,
// new runtime fields) applied to `base`. Limits were checked while parsing.
Result<std::shared_ptr<const Mapping>> ApplyDynamicUpdate(
    const Mapping& base, const std::shared_ptr<const ObjectMapper>& update,
    const json::object& runtime);

// index.mapping.* limits and cross-field checks (alias targets). `adding`
// > 0 selects the dynamic-update message ("... while adding new fields [k]").
Status CheckMappingLimits(const Mapping& mapping, const MappingContext& ctx);

// A parsed `mappings` body before it is merged with anything.
struct ParsedMappings {
  std::shared_ptr<const ObjectMapper> root;
  RootOptions options;
};

// Parses a `mappings` body. Errors carry ES's inner message (the caller
// wraps them in "Failed to parse mapping: ...").
Result<ParsedMappings> ParseMappingsBody(const json::value& mappings, const MappingContext& ctx);

// Parses one property definition (a leaf field, object or nested object)
// named `name` at `full_path` under a parent whose subobjects setting is
// `subobjects`.
Result<MapperNode> ParseProperty(std::string_view name, const std::string& full_path,
                                 const json::object& def, const MappingContext& ctx);

// Wraps a mapping parse error as ES does.
Status FailedToParseMapping(const Status& cause);

// Merges an update tree into an existing one; with `dynamic` the update
// comes from a document and only adds fields (no parameter changes).
Result<std::shared_ptr<const ObjectMapper>> MergeObjectMappers(
    const std::shared_ptr<const ObjectMapper>& existing,
    const std::shared_ptr<const ObjectMapper>& update);

Result<RootOptions> MergeRootOptions(const RootOptions& existing, const RootOptions& update);

// The dynamic date formats ES uses when none are configured.
const std::vector<std::string>& DefaultDynamicDateFormats();

}  // namespace quiver::schema
