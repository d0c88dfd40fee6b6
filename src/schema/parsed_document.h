// ParsedDocument: a JSON document after it has been checked against an
// index's mapping — the contract between schema/ (which produces it) and
// segment/ (which indexes it). Every value is already validated and converted
// to its indexed representation; indexing never fails on user input.
//
// Immutable once built; owned by the write request that parsed it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace quiver::schema {

class Mapping;
class FieldMapper;

// One value of one leaf field. Arrays in the source produce several
// FieldValues with the same field, in source order. Multi-fields
// ("title.keyword") and copy_to targets produce their own FieldValues.
struct FieldValue {
  // The leaf field's mapper, owned by ParsedDocument::mapping (kept alive by it).
  const FieldMapper* field = nullptr;

  // Which member holds the value depends on field->type():
  //   text, match_only_text     -> str: the raw string (segment/ analyzes it)
  //   keyword, constant_keyword -> str: the raw string (normalizer applied in segment/)
  //   ip                        -> str: 16 bytes, IPv4 mapped into IPv6 (sortable)
  //   long/integer/short/byte   -> i64
  //   date                      -> i64: milliseconds since the epoch (UTC)
  //   date_nanos                -> i64: nanoseconds since the epoch (UTC)
  //   boolean                   -> i64: 0 or 1
  //   scaled_float              -> i64: round(value * scaling_factor)
  //   unsigned_long             -> i64: value - 2^63 (order-preserving shift)
  //   double/float/half_float   -> f64 (float and half_float already rounded
  //                                to their precision)
  //   dense_vector, vector      -> vec (byte vectors as their integer values;
  //                                bit vectors as their packed bytes' values)
  //   binary                    -> str: the decoded bytes
  //   geo_point                 -> i64: EncodeGeoPoint (geo_point.h)
  //   flattened                 -> str: "<key path>\0<value>" (key path relative
  //                                to the field, empty for a top-level scalar)
  std::string str;
  int64_t i64 = 0;
  double f64 = 0;
  std::vector<float> vec;
};

struct ParsedDocument {
  std::string id;
  std::string routing;  // empty when none
  // The _source to store: the original bytes, or the filtered document when
  // the mapping has _source includes/excludes; empty when _source is disabled.
  std::string source;
  std::vector<FieldValue> fields;
  // Full paths of fields whose values were not indexed because of
  // ignore_above, ignore_malformed or
  // index.mapping.total_fields.ignore_dynamic_beyond_limit (ES `_ignored`),
  // sorted, without duplicates.
  std::vector<std::string> ignored_fields;
  // The mapping every `field` points into; keeps the FieldMappers alive.
  std::shared_ptr<const Mapping> mapping;
  // The mapping the parse started from. When dynamic mapping added fields,
  // `mapping` is a new superset of it that the index must publish before this
  // document becomes visible; if the index's mapping moved on meanwhile, the
  // document is parsed again against the newer one.
  std::shared_ptr<const Mapping> base_mapping;
  bool dynamic_update() const { return mapping != base_mapping; }
};

}  // namespace quiver::schema
