// Parsing a JSON document against an index's mapping into a ParsedDocument —
// the bulk-ingest hot path. One pass over the source with simdjson
// On-Demand; the whole document is validated (syntax, UTF-8, duplicate keys,
// nesting depth 1000) even where the mapping ignores it, as ES/Jackson do.
//
// Dynamic mapping follows ES 8: dynamic_templates first, then strings ->
// text + keyword (ignore_above 256) unless date or numeric detection applies,
// integers -> long, floats -> float, booleans -> boolean, objects -> object,
// null -> nothing, arrays -> their first non-null element's type, arrays of
// 128..4096 floats -> dense_vector. New fields make a new Mapping
// (ParsedDocument::mapping) that shares everything else with the old one.
//
// Errors use ES's types: document_parsing_exception ("[line:col] failed to
// parse field [age] of type [long] in document with id '1'. Preview of
// field's value: 'abc'"), strict_dynamic_mapping_exception, with the inner
// exception as caused_by. Stateless apart from a thread-local simdjson
// parser; safe to call from many threads at once.
#pragma once

#include <memory>
#include <string_view>

#include "common/status.h"
#include "schema/mapping.h"
#include "schema/mapping_context.h"
#include "schema/parsed_document.h"

namespace quiver::schema {

struct DocumentParseRequest {
  std::shared_ptr<const Mapping> mapping;   // required
  const MappingContext* context = nullptr;  // required; settings give the limits
  std::string_view index;                   // for messages ("routing is required for [i]/[id]")
  std::string_view id;
  std::string_view routing;  // empty when none
  std::string_view source;   // the JSON document
};

// Deepest JSON nesting accepted in a document (Jackson's default in ES 8).
inline constexpr int kMaxDocumentDepth = 1000;

Result<ParsedDocument> ParseDocument(const DocumentParseRequest& request);

}  // namespace quiver::schema
