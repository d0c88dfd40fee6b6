// Building, merging and deriving FieldMappers from mapping JSON. Internal to
// schema/ (Mapping, the dynamic mapper and the document parser use it).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/status.h"
#include "schema/field_mapper.h"
#include "schema/mapping_context.h"

namespace quiver::schema {

// A mapper_parsing_exception with ES's message (not yet wrapped in
// "Failed to parse mapping: ..."; Mapping does that).
Status MapperParsingError(std::string message);

// Validates a field or object name as ES does ("field name cannot be an
// empty string", "field name cannot contain only whitespaces").
Status ValidateFieldName(std::string_view name);

// Parses the definition of a leaf field. `name` is the last path component,
// `full_path` the dotted path; `def` is the field's JSON object (including
// "type"). `multi_field` is true under another field's "fields".
Result<std::shared_ptr<const FieldMapper>> ParseFieldMapper(std::string_view name,
                                                            const std::string& full_path,
                                                            FieldType type, const json::object& def,
                                                            const MappingContext& ctx,
                                                            bool multi_field);

// PUT _mapping on an existing field: the update must repeat the definition;
// parameters that are not updatable must not change ("Mapper for [f]
// conflicts with existing mapper:\n\tCannot update parameter [analyzer] from
// [default] to [english]"), the type must not change ("mapper [f] cannot be
// changed from type [long] to [text]"). Existing multi-fields are kept, new
// ones added. Errors are illegal_argument_exception.
Result<std::shared_ptr<const FieldMapper>> MergeFieldMappers(
    const std::shared_ptr<const FieldMapper>& existing,
    const std::shared_ptr<const FieldMapper>& update);

// A copy of a dense_vector / vector mapper with `dims` set (dims taken from
// the first document).
std::shared_ptr<const FieldMapper> WithVectorDims(const FieldMapper& field, int dims);
// A copy of a constant_keyword mapper with its value set.
std::shared_ptr<const FieldMapper> WithConstantValue(const FieldMapper& field, std::string value);

}  // namespace quiver::schema
