// wrapper: a query given as base64-encoded JSON (ES WrapperQueryBuilder),
// parsed like any other clause.
#include "query/dsl/query_parsers.h"
#include "schema/value_converter.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseWrapperQuery(const json::value& body, ParseContext& pc) {
  std::string encoded;
  bool found = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    if (key != "query") {
      return ParsingError("[wrapper] query malformed, expected [query] but found [" +
                          std::string(key) + "] field");
    }
    QUIVER_ASSIGN_OR_RETURN(encoded, ReadString(kv.value(), "wrapper", key));
    found = true;
  }
  if (!found) return ParsingError("[wrapper] query malformed, expected [query] field");
  std::string decoded;
  if (!schema::DecodeBase64(encoded, &decoded)) {
    return IllegalArgumentError("[wrapper] query: the query is not valid base64");
  }
  if (decoded.empty()) return IllegalArgumentError("query source text cannot be null or empty");
  auto parsed = ParseJson(decoded);
  if (!parsed.ok()) {
    return XContentParseError("[wrapper] failed to parse the wrapped query: " +
                              parsed.status().message());
  }
  return ParseInnerQuery(*parsed, pc);
}

}  // namespace quiver::query::dsl
