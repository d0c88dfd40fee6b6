// The mapping parameters each leaf field type accepts (ES FieldMapper.Builder
// getParameters()), with their value kinds, update rules and defaults.
// Internal to the mapping parser and serializer. Static tables; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/json.h"
#include "schema/field_type.h"

namespace quiver::schema {

class IndexSettings;

enum class ParamKind : uint8_t {
  kBool,
  kInt,
  kDouble,
  kString,
  kEnum,        // one of ParamSpec::choices
  kAnalyzer,    // an analyzer name, checked with MappingContext::analyzer_exists
  kNormalizer,  // a normalizer name, checked with MappingContext::normalizer_exists
  kSimilarity,  // BM25, boolean, or an index.similarity.* name
  kMeta,        // object of short strings
  kCopyTo,      // string or array of strings
  kNullValue,   // a scalar the field type can parse
  kFormat,      // a date format spec
  kObject,      // parameter-specific object (index_prefixes, index_options, ...)
  kDims,        // dense_vector dims: integer, updatable only from unset
  kConstValue,  // constant_keyword value: updatable only from unset
};

struct ParamSpec {
  std::string_view name;
  ParamKind kind;
  bool updateable = false;
  std::vector<std::string_view> choices = {};
  bool accepts_null = false;
};

// The parameters of `type`, in serialization order. "type", "fields" and
// "copy_to" are handled by the parser itself (copy_to is in the list for
// the types that accept it).
const std::vector<ParamSpec>& ParamsFor(FieldType type);
const ParamSpec* FindParam(FieldType type, std::string_view name);

// The effective default of a parameter when it is not set, as normalized
// JSON (null when there is none). `explicit_params` are the parameters that
// were set (some defaults depend on others: search_analyzer follows
// analyzer, dense_vector similarity follows index).
json::value DefaultParam(FieldType type, std::string_view name, const json::object& explicit_params,
                         const IndexSettings& settings);

}  // namespace quiver::schema
