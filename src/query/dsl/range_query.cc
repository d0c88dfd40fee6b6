// range: bounds on numbers, dates (format, time_zone, date math with ES's
// rounding for gt/gte/lt/lte), keywords, text, ips and booleans (ES
// RangeQueryBuilder). from/to/include_lower/include_upper are accepted as
// in ES 8.
#include "common/strings.h"
#include "query/dsl/date_math.h"
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseRangeQuery(const json::value& body, ParseContext& pc) {
  std::string field;
  const json::value* params = nullptr;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    if (!kv.value().is_object()) return UnsupportedParam("range", key);
    if (params != nullptr) {
      return ParsingError("[range] query doesn't support multiple fields, found [" + field +
                          "] and [" + std::string(key) + "]");
    }
    field = std::string(key);
    params = &kv.value();
  }
  if (params == nullptr) return IllegalArgumentError("field name is null or empty");

  RangeSpec range;
  CommonParams common;
  std::string format_spec, time_zone, relation;
  for (const auto& kv : params->get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (v.is_object() || v.is_array()) return UnknownToken("range", v, key);
    Status st;
    if (key == "gt" || key == "gte" || key == "from") {
      range.lower = &v;
      if (key != "from") range.include_lower = key == "gte";
    } else if (key == "lt" || key == "lte" || key == "to") {
      range.upper = &v;
      if (key != "to") range.include_upper = key == "lte";
    } else if (key == "include_lower") {
      QUIVER_ASSIGN_OR_RETURN(range.include_lower, ReadBool(v, "range", key));
    } else if (key == "include_upper") {
      QUIVER_ASSIGN_OR_RETURN(range.include_upper, ReadBool(v, "range", key));
    } else if (key == "format") {
      QUIVER_ASSIGN_OR_RETURN(format_spec, ReadString(v, "range", key));
    } else if (key == "time_zone") {
      QUIVER_ASSIGN_OR_RETURN(time_zone, ReadString(v, "range", key));
    } else if (key == "relation") {
      QUIVER_ASSIGN_OR_RETURN(relation, ReadString(v, "range", key));
    } else if (pc.ReadCommon(key, v, "range", &common, &st)) {
      QUIVER_RETURN_IF_ERROR(st);
    } else {
      return UnsupportedParam("range", key);
    }
  }
  if (!relation.empty()) {
    std::string r = AsciiLower(relation);
    if (r == "disjoint") {
      return IllegalArgumentError("[range] query does not support relation [" + relation + "]");
    }
    if (r != "intersects" && r != "within" && r != "contains") {
      return IllegalArgumentError(relation + " is not a valid relation");
    }
  }
  std::optional<schema::DateFormat> format;
  if (!format_spec.empty()) {
    auto f = schema::DateFormat::Parse(format_spec);
    if (!f.ok()) return f.status();
    format = *f;
    range.format = &*format;
  }
  if (!time_zone.empty()) {
    QUIVER_ASSIGN_OR_RETURN(int32_t offset, ParseTimeZoneOffset(time_zone));
    range.tz_offset_seconds = offset;
  }
  FieldRef ref = ResolveField(pc, field);
  if (!ref.mapped()) return Finish(MissingFieldQuery("range"), common.boost, common.name);
  auto r = FieldRangeQuery(pc, ref, range);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, common.boost, common.name);
}

}  // namespace quiver::query::dsl
