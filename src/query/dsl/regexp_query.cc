// regexp: Lucene regular expressions on terms (ES RegexpQueryBuilder):
// flags by name (ALL, NONE, INTERSECTION|COMPLEMENT|...) or flags_value,
// max_determinized_states, case_insensitive; index.max_regex_length.
#include "common/strings.h"
#include "query/dsl/field_queries.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/query_parsers.h"
#include "query/dsl/regexp_automaton.h"

namespace quiver::query::dsl {

namespace {

// ES RegexpFlag.resolveValue.
Result<int> ParseRegexpFlags(std::string_view text) {
  if (text.empty()) return kRegexpAll;
  int flags = 0;
  for (std::string_view part : SplitString(text, '|')) {
    std::string name = AsciiLower(TrimWhitespace(part));
    if (name == "intersection")
      flags |= kRegexpIntersection;
    else if (name == "complement")
      flags |= kRegexpComplement;
    else if (name == "empty")
      flags |= kRegexpEmpty;
    else if (name == "anystring")
      flags |= kRegexpAnyString;
    else if (name == "interval")
      flags |= kRegexpInterval;
    else if (name == "none")
      flags |= kRegexpNone;
    else if (name == "all")
      flags |= kRegexpAll;
    else
      return IllegalArgumentError("Unknown regexp flag [" + std::string(part) + "]");
  }
  return flags;
}

}  // namespace

Result<QueryPtr> ParseRegexpQuery(const json::value& body, ParseContext& pc) {
  bool case_insensitive = false;
  int flags = kRegexpAll;
  int max_states = 10000;
  QUIVER_ASSIGN_OR_RETURN(
      SingleFieldQuery q,
      ParseSingleFieldQuery(
          body, "regexp", {"value"},
          [&](std::string_view key, const json::value& v) -> Result<bool> {
            if (key == "case_insensitive") {
              QUIVER_ASSIGN_OR_RETURN(case_insensitive, ReadBool(v, "regexp", key));
            } else if (key == "flags") {
              QUIVER_ASSIGN_OR_RETURN(std::string text, ReadString(v, "regexp", key));
              QUIVER_ASSIGN_OR_RETURN(flags, ParseRegexpFlags(text));
            } else if (key == "flags_value") {
              QUIVER_ASSIGN_OR_RETURN(flags, ReadInt(v, "regexp", key));
              if (flags < 0) flags = kRegexpAll;
            } else if (key == "max_determinized_states") {
              QUIVER_ASSIGN_OR_RETURN(max_states, ReadInt(v, "regexp", key));
            } else if (key == "rewrite") {
              QUIVER_RETURN_IF_ERROR(ValidateRewriteMethod(v, "regexp", key));
            } else {
              return false;
            }
            return true;
          },
          pc));
  FieldRef field = ResolveField(pc, q.field);
  if (!field.mapped()) return Finish(MissingFieldQuery("regexp"), q.common.boost, q.common.name);
  std::string pattern = *ScalarText(*q.value);
  int max_length = pc.settings().max_regex_length();
  if (static_cast<int>(pattern.size()) > max_length) {
    return pc.Defer(IllegalArgumentError(
        "The length of regex [" + std::to_string(pattern.size()) +
        "] used in the Regexp Query request has exceeded the allowed maximum of [" +
        std::to_string(max_length) +
        "]. This maximum can be set by changing the [index.max_regex_length] index level "
        "setting."));
  }
  auto r = FieldRegexpQuery(pc, field, pattern, flags, max_states, case_insensitive);
  if (!r.ok()) return pc.Defer(r.status());
  return Finish(*r, q.common.boost, q.common.name);
}

}  // namespace quiver::query::dsl
