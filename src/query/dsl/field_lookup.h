// Resolving the field names a query mentions against the mapping: aliases
// to their targets, metadata fields (_id, _index, ...), keys under
// flattened fields, and simple wildcard patterns ("title*", "*") expanded
// the way ES's QueryParserHelper does. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/strings.h"
#include "schema/field_mapper.h"

namespace quiver::query::dsl {

class ParseContext;

enum class MetaField {
  kNone,
  kId,       // _id: term/terms/match become IdsQuery
  kIndex,    // _index: compared with the index name at parse time
  kRouting,  // _routing: an indexed keyword
  kIgnored,  // _ignored: an indexed keyword
  kSeqNo,    // _seq_no: a long
  kTier,     // _tier: constant "data_content"
};

// A field as a query sees it.
struct FieldRef {
  // The concrete path used in the tree (alias targets resolved).
  std::string name;
  // Null for metadata fields and unmapped names.
  const schema::FieldMapper* mapper = nullptr;
  MetaField meta = MetaField::kNone;
  // "flat.key" under a flattened field `flat`: mapper is `flat`, key "key".
  bool flattened_key = false;
  std::string key;

  bool mapped() const { return mapper != nullptr || meta != MetaField::kNone; }
  // The ES type name for messages ("long", "_id", "flattened", ...).
  std::string type_name() const;
};

// Resolves one name (no patterns); an unresolvable name yields !mapped().
FieldRef ResolveField(const ParseContext& pc, std::string_view name);

// ES Regex.isSimpleMatchPattern / simpleMatch ('*' only).
bool IsSimpleMatchPattern(std::string_view s);
using quiver::SimpleMatch;  // common/strings.h

// Fields a name or pattern refers to, with weights, as ES's
// resolveMappingField: a plain name maps to itself when mapped; a pattern
// expands to leaf fields in mapping order (no metadata fields), keeping only
// indexed fields that support text search (no vectors/binary) when
// `only_searchable`. `suffix` (quote_field_suffix) replaces a field by
// field+suffix when that exists.
std::vector<std::pair<std::string, float>> ResolveFieldPattern(const ParseContext& pc,
                                                               std::string_view name_or_pattern,
                                                               float weight,
                                                               std::string_view suffix = {},
                                                               bool only_searchable = true);

// Parses "field^2.5" into name and boost.
Result<std::pair<std::string, float>> ParseFieldAndBoost(std::string_view spec);

// Resolves a list of "field^boost" specs (duplicates multiply their boosts,
// first occurrence keeps its position). Errors: the field limit (1024, ES
// "field expansion matches too many fields, limit: 1024, got: N").
Result<std::vector<std::pair<std::string, float>>> ResolveFieldSpecs(
    const ParseContext& pc, const std::vector<std::pair<std::string, float>>& specs,
    std::string_view suffix = {});

// index.query.default_field (default ["*"]).
std::vector<std::string> DefaultFields(const ParseContext& pc);

}  // namespace quiver::query::dsl
