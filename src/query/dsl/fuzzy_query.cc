// fuzzy: terms within an edit distance (ES FuzzyQueryBuilder): fuzziness
// (default AUTO), prefix_length, max_expansions, transpositions.
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"

namespace quiver::query::dsl {

Result<QueryPtr> ParseFuzzyQuery(const json::value& body, ParseContext& pc) {
  Fuzziness fuzziness = Fuzziness::Auto();
  int prefix_length = 0;
  int max_expansions = 50;
  bool transpositions = true;
  QUIVER_ASSIGN_OR_RETURN(SingleFieldQuery q,
                          ParseSingleFieldQuery(
                              body, "fuzzy", {"value"},
                              [&](std::string_view key, const json::value& v) -> Result<bool> {
                                if (key == "fuzziness") {
                                  QUIVER_ASSIGN_OR_RETURN(fuzziness, Fuzziness::FromJson(v));
                                } else if (key == "prefix_length") {
                                  QUIVER_ASSIGN_OR_RETURN(prefix_length, ReadInt(v, "fuzzy", key));
                                } else if (key == "max_expansions") {
                                  QUIVER_ASSIGN_OR_RETURN(max_expansions, ReadInt(v, "fuzzy", key));
                                } else if (key == "transpositions") {
                                  QUIVER_ASSIGN_OR_RETURN(transpositions,
                                                          ReadBool(v, "fuzzy", key));
                                } else if (key == "rewrite") {
                                  QUIVER_RETURN_IF_ERROR(ValidateRewriteMethod(v, "fuzzy", key));
                                } else {
                                  return false;
                                }
                                return true;
                              },
                              pc));
  if (q.value->is_string() && q.value->get_string().empty()) {
    return IllegalArgumentError("query value cannot be empty");
  }
  FieldRef field = ResolveField(pc, q.field);
  if (!field.mapped()) return Finish(MissingFieldQuery("fuzzy"), q.common.boost, q.common.name);
  auto r = FieldFuzzyQuery(pc, field, *q.value, fuzziness, prefix_length, max_expansions,
                           transpositions);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, q.common.boost, q.common.name);
}

}  // namespace quiver::query::dsl
