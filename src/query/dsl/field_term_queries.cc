// Term-level queries per field type: term, terms, prefix, wildcard, regexp,
// fuzzy, exists (ES MappedFieldType and its subclasses).
#include <algorithm>

#include "query/dsl/field_queries.h"
#include "query/dsl/field_values.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/query_nodes.h"
#include "query/dsl/regexp_automaton.h"
#include "query/dsl/text_analysis.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

using schema::FieldType;

namespace {

constexpr std::string_view kTierValue = "data_content";

Status ShardFailure(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("query_shard_exception");
}

std::string Text(const json::value& v) { return ScalarText(v).value_or(""); }

bool IsKeywordLike(FieldType t) {
  return t == FieldType::kKeyword || t == FieldType::kWildcard || t == FieldType::kFlattened;
}

// Fields whose terms are strings in the inverted index.
bool IsStringTermField(const FieldRef& f) {
  if (f.meta == MetaField::kRouting || f.meta == MetaField::kIgnored || f.meta == MetaField::kId) {
    return true;
  }
  if (f.mapper == nullptr) return false;
  FieldType t = f.mapper->type();
  return schema::IsTextType(t) || IsKeywordLike(t);
}

// A field whose every document has the same value (ES ConstantFieldType).
std::optional<std::string> ConstantValue(const ParseContext& pc, const FieldRef& f) {
  if (f.meta == MetaField::kIndex) return pc.index_name();
  if (f.meta == MetaField::kTier) return std::string(kTierValue);
  if (f.mapper != nullptr && f.mapper->type() == FieldType::kConstantKeyword) {
    return f.mapper->keyword().constant_value.value_or(std::string("\x01\x02no-value"));
  }
  return std::nullopt;
}

bool EqualsMaybeIgnoreCase(std::string_view a, std::string_view b, bool ignore_case) {
  if (!ignore_case) return a == b;
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

QueryPtr ConstantMatch(bool matches, const FieldRef& f) {
  if (matches) return MatchAll();
  return MatchNone("The \"" + f.name + "\" field does not match");
}

// Glob match with '*' and '?' and '\' escapes (Lucene WildcardQuery).
bool WildcardMatches(std::string_view pattern, std::string_view s, bool ignore_case) {
  auto eq = [&](char a, char b) {
    return ignore_case ? std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b))
                       : a == b;
  };
  size_t p = 0, i = 0, star_p = std::string_view::npos, star_i = 0;
  while (i < s.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_i = i;
      continue;
    }
    if (p < pattern.size()) {
      char pc = pattern[p];
      size_t width = 1;
      if (pc == '\\' && p + 1 < pattern.size()) {
        pc = pattern[p + 1];
        width = 2;
        if (eq(pc, s[i])) {
          p += width, ++i;
          continue;
        }
      } else if (pc == '?' || eq(pc, s[i])) {
        p += width, ++i;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p + 1;
    i = ++star_i;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Status Expensive(std::string_view what, std::string_view extra = {}) {
  return Status::InvalidArgument("[" + std::string(what) +
                                 "] queries cannot be executed when "
                                 "'search.allow_expensive_queries' is set to false." +
                                 std::string(extra))
      .WithType("exception");
}

std::string KeyedField(const FieldRef& f) { return f.name + "._keyed"; }
std::string KeyedTerm(const FieldRef& f, std::string_view value) {
  return f.key + std::string(1, '\0') + std::string(value);
}

Status NotSupported(const FieldRef& f, std::string_view what, std::string_view types) {
  return ShardFailure("Can only use " + std::string(what) + " queries on " + std::string(types) +
                      " fields - not on [" + f.name + "] which is of type [" + f.type_name() + "]");
}

Result<int64_t> IntegerTerm(FieldType t, const json::value& v) { return ValueToInteger(t, v); }

Result<int64_t> ScaledTerm(const schema::FieldMapper& f, const json::value& v) {
  QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(FieldType::kDouble, v));
  double scaled = std::floor(d * f.numeric().scaling_factor + 0.5);
  if (scaled >= 9.2233720368547758e18) return INT64_MAX;
  if (scaled < -9.2233720368547758e18) return INT64_MIN;
  return static_cast<int64_t>(scaled);
}

QueryPtr ExactNumeric(const std::string& field, int64_t v) {
  NumericRangeQuery q;
  q.field = field;
  q.lower = v;
  q.upper = v;
  return MakeQuery(std::move(q));
}

std::string NormalizeWildcardPattern(std::string_view pattern,
                                     const std::function<std::string(std::string_view)>& norm) {
  std::string out;
  size_t last = 0, i = 0;
  auto flush = [&](size_t end) {
    if (end > last) out += norm(pattern.substr(last, end - last));
  };
  while (i < pattern.size()) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      flush(i);
      out.append(pattern.substr(i, 2));
      i += 2;
      last = i;
    } else if (pattern[i] == '*' || pattern[i] == '?') {
      flush(i);
      size_t j = i;
      while (j < pattern.size() && (pattern[j] == '*' || pattern[j] == '?')) ++j;
      out.append(pattern.substr(i, j - i));
      i = j;
      last = i;
    } else {
      ++i;
    }
  }
  flush(pattern.size());
  return out;
}

}  // namespace

std::string EscapeWildcard(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

Result<QueryPtr> FieldTermQuery(const ParseContext& pc, const FieldRef& f, const json::value& v,
                                bool case_insensitive) {
  if (v.is_null()) return IllegalArgumentError("value cannot be null");
  std::string text = Text(v);
  if (auto constant = ConstantValue(pc, f)) {
    return ConstantMatch(EqualsMaybeIgnoreCase(text, *constant, case_insensitive), f);
  }
  if (case_insensitive && !IsStringTermField(f)) {
    return ShardFailure("[" + f.name + "] field which is of type [" + f.type_name() +
                        "], does not support case insensitive term queries");
  }
  switch (f.meta) {
    case MetaField::kId: {
      IdsQuery q;
      q.ids.push_back(text);
      if (case_insensitive) {
        WildcardQuery w{"_id", EscapeWildcard(text), true};
        return MakeQuery(std::move(w));
      }
      return MakeQuery(std::move(q));
    }
    case MetaField::kRouting:
    case MetaField::kIgnored:
      if (case_insensitive) return MakeQuery(WildcardQuery{f.name, EscapeWildcard(text), true});
      return MakeQuery(TermQuery{f.name, text});
    case MetaField::kSeqNo: {
      if (HasDecimalPart(v)) return MatchNone("Value [" + text + "] has a decimal part");
      QUIVER_ASSIGN_OR_RETURN(int64_t n, IntegerTerm(FieldType::kLong, v));
      return ExactNumeric(f.name, n);
    }
    default:
      break;
  }
  const schema::FieldMapper& m = *f.mapper;
  FieldType t = m.type();
  if (schema::IsTextType(t) || t == FieldType::kKeyword || t == FieldType::kWildcard ||
      t == FieldType::kFlattened) {
    std::string term = schema::IsTextType(t) ? text : NormalizeKeyword(pc, m, text);
    std::string field = f.name;
    if (f.flattened_key) {
      field = KeyedField(f);
      term = KeyedTerm(f, term);
    }
    if (case_insensitive) return MakeQuery(WildcardQuery{field, EscapeWildcard(term), true});
    return MakeQuery(TermQuery{field, term});
  }
  if (schema::IsIntegerType(t)) {
    if (HasDecimalPart(v)) return MatchNone("Value [" + text + "] has a decimal part");
    QUIVER_ASSIGN_OR_RETURN(int64_t n, IntegerTerm(t, v));
    return ExactNumeric(f.name, n);
  }
  if (schema::IsFloatingType(t)) {
    QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(t, v));
    return ExactNumeric(f.name, SortableDouble(d));
  }
  switch (t) {
    case FieldType::kScaledFloat: {
      QUIVER_ASSIGN_OR_RETURN(int64_t n, ScaledTerm(m, v));
      return ExactNumeric(f.name, n);
    }
    case FieldType::kUnsignedLong: {
      auto u = UnsignedTerm(v);
      if (!u) return MatchNone("Value [" + text + "] is not a valid unsigned_long");
      return ExactNumeric(f.name, UnsignedToSortable(*u));
    }
    case FieldType::kBoolean: {
      QUIVER_ASSIGN_OR_RETURN(std::string term, ValueToBooleanTerm(v));
      return MakeQuery(TermQuery{f.name, term});
    }
    case FieldType::kDate:
    case FieldType::kDateNanos: {
      RangeSpec r;
      r.lower = &v;
      r.upper = &v;
      return FieldRangeQuery(pc, f, r);
    }
    case FieldType::kIp: {
      if (text.find('/') != std::string::npos) {
        QUIVER_ASSIGN_OR_RETURN(auto cidr, schema::ParseCidr(text));
        TermRangeQuery q;
        q.field = f.name;
        q.lower = std::string(schema::IpBytesView(cidr.first));
        q.upper = std::string(schema::IpBytesView(cidr.second));
        return MakeQuery(std::move(q));
      }
      QUIVER_ASSIGN_OR_RETURN(schema::IpBytes ip, ValueToIp(v));
      return MakeQuery(TermQuery{f.name, std::string(schema::IpBytesView(ip))});
    }
    case FieldType::kBinary:
      return IllegalArgumentError("Binary fields do not support searching");
    case FieldType::kGeoPoint:
      return ShardFailure(
          "Geometry fields do not support exact searching, use dedicated geometry queries "
          "instead: [" +
          f.name + "]");
    default:
      return IllegalArgumentError("Field [" + f.name + "] of type [" + f.type_name() +
                                  "] doesn't support term queries");
  }
}

Result<QueryPtr> FieldTermsQuery(const ParseContext& pc, const FieldRef& f,
                                 const std::vector<json::value>& values) {
  if (auto constant = ConstantValue(pc, f)) {
    bool any = false;
    for (const auto& v : values) any |= Text(v) == *constant;
    return ConstantMatch(any, f);
  }
  auto sorted_unique = [](auto* vec) {
    std::sort(vec->begin(), vec->end());
    vec->erase(std::unique(vec->begin(), vec->end()), vec->end());
  };
  if (f.meta == MetaField::kId) {
    IdsQuery q;
    for (const auto& v : values) q.ids.push_back(Text(v));
    return MakeQuery(std::move(q));
  }
  FieldType t = f.mapper != nullptr ? f.mapper->type() : FieldType::kKeyword;
  if (f.meta == MetaField::kSeqNo) t = FieldType::kLong;
  if (IsStringTermField(f) || t == FieldType::kBoolean) {
    TermSetQuery q;
    q.field = f.flattened_key ? KeyedField(f) : f.name;
    for (const auto& v : values) {
      std::string term;
      if (t == FieldType::kBoolean) {
        QUIVER_ASSIGN_OR_RETURN(term, ValueToBooleanTerm(v));
      } else if (f.mapper != nullptr && !schema::IsTextType(t)) {
        term = NormalizeKeyword(pc, *f.mapper, Text(v));
      } else {
        term = Text(v);
      }
      if (f.flattened_key) term = KeyedTerm(f, term);
      q.terms.push_back(std::move(term));
    }
    sorted_unique(&q.terms);
    return MakeQuery(std::move(q));
  }
  if (schema::IsNumericType(t)) {
    NumericSetQuery q;
    q.field = f.name;
    for (const auto& v : values) {
      if (schema::IsIntegerType(t)) {
        if (HasDecimalPart(v)) continue;
        QUIVER_ASSIGN_OR_RETURN(int64_t n, IntegerTerm(t, v));
        q.values.push_back(n);
      } else if (schema::IsFloatingType(t)) {
        QUIVER_ASSIGN_OR_RETURN(double d, ValueToFloating(t, v));
        q.values.push_back(SortableDouble(d));
      } else if (t == FieldType::kScaledFloat) {
        QUIVER_ASSIGN_OR_RETURN(int64_t n, ScaledTerm(*f.mapper, v));
        q.values.push_back(n);
      } else if (auto u = UnsignedTerm(v)) {
        q.values.push_back(UnsignedToSortable(*u));
      }
    }
    if (q.values.empty()) return MatchNone("All values have a decimal part");
    sorted_unique(&q.values);
    return MakeQuery(std::move(q));
  }
  if (t == FieldType::kIp) {
    TermSetQuery exact;
    exact.field = f.name;
    std::vector<Clause> clauses;
    for (const auto& v : values) {
      std::string text = Text(v);
      if (text.find('/') != std::string::npos) {
        QUIVER_ASSIGN_OR_RETURN(QueryPtr q, FieldTermQuery(pc, f, v));
        clauses.push_back({q, Occur::kShould});
      } else {
        QUIVER_ASSIGN_OR_RETURN(schema::IpBytes ip, ValueToIp(v));
        exact.terms.emplace_back(schema::IpBytesView(ip));
      }
    }
    sorted_unique(&exact.terms);
    if (clauses.empty()) return MakeQuery(std::move(exact));
    if (!exact.terms.empty()) clauses.push_back({MakeQuery(std::move(exact)), Occur::kShould});
    return MakeQuery(ConstantScoreQuery{MakeBool(clauses)});
  }
  // Dates (and anything else): a disjunction of term queries, constant score.
  std::vector<Clause> clauses;
  for (const auto& v : values) {
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, FieldTermQuery(pc, f, v));
    clauses.push_back({q, Occur::kShould});
  }
  if (clauses.empty()) return MatchNone("no values");
  return MakeQuery(ConstantScoreQuery{MakeBool(clauses)});
}

Result<QueryPtr> FieldPrefixQuery(const ParseContext& pc, const FieldRef& f,
                                  std::string_view prefix, bool case_insensitive) {
  if (auto constant = ConstantValue(pc, f)) {
    bool match = constant->size() >= prefix.size() &&
                 EqualsMaybeIgnoreCase(std::string_view(*constant).substr(0, prefix.size()), prefix,
                                       case_insensitive);
    return ConstantMatch(match, f);
  }
  if (!IsStringTermField(f)) {
    return NotSupported(f, "prefix", "keyword, text and wildcard");
  }
  std::string value(prefix);
  std::string field = f.name;
  if (f.mapper != nullptr) {
    FieldType t = f.mapper->type();
    if (!pc.ctx().allow_expensive_queries) {
      const auto& ip = f.mapper->text().index_prefixes;
      bool fast = schema::IsTextType(t) && ip.has_value() &&
                  static_cast<int>(prefix.size()) >= ip->min_chars &&
                  static_cast<int>(prefix.size()) <= ip->max_chars;
      if (!fast) {
        return Expensive("prefix",
                         " For optimised prefix queries on text fields please enable "
                         "[index_prefixes].");
      }
    }
    if (!schema::IsTextType(t)) value = NormalizeKeyword(pc, *f.mapper, value);
    if (f.flattened_key) {
      field = KeyedField(f);
      value = KeyedTerm(f, value);
    }
  }
  return MakeQuery(PrefixQuery{field, value, case_insensitive});
}

Result<QueryPtr> FieldWildcardQuery(const ParseContext& pc, const FieldRef& f,
                                    std::string_view pattern, bool case_insensitive,
                                    const analysis::Analyzer* normalizer) {
  if (auto constant = ConstantValue(pc, f)) {
    return ConstantMatch(WildcardMatches(pattern, *constant, case_insensitive), f);
  }
  if (!IsStringTermField(f)) {
    return NotSupported(f, "wildcard", "keyword, text and wildcard");
  }
  if (!pc.ctx().allow_expensive_queries) return Expensive("wildcard");
  std::string value(pattern);
  std::string field = f.name;
  if (f.mapper != nullptr) {
    FieldType t = f.mapper->type();
    if (!schema::IsTextType(t)) {
      const schema::FieldMapper* m = f.mapper;
      value = NormalizeWildcardPattern(
          value, [&](std::string_view chunk) { return NormalizeKeyword(pc, *m, chunk); });
    } else if (normalizer != nullptr) {
      value = NormalizeWildcardPattern(
          value, [&](std::string_view chunk) { return NormalizeText(*normalizer, chunk); });
    }
    if (f.flattened_key) {
      field = KeyedField(f);
      value = EscapeWildcard(f.key + std::string(1, '\0')) + value;
    }
  }
  return MakeQuery(WildcardQuery{field, value, case_insensitive});
}

Result<QueryPtr> FieldRegexpQuery(const ParseContext& pc, const FieldRef& f,
                                  std::string_view pattern, int flags, int max_states,
                                  bool case_insensitive) {
  if (auto constant = ConstantValue(pc, f)) {
    QUIVER_ASSIGN_OR_RETURN(bool m, RegexpMatches(pattern, flags, case_insensitive, *constant));
    return ConstantMatch(m, f);
  }
  if (!IsStringTermField(f) ||
      (f.mapper != nullptr && f.mapper->type() == FieldType::kFlattened && f.flattened_key)) {
    return NotSupported(f, "regexp", "keyword and text");
  }
  if (!pc.ctx().allow_expensive_queries) return Expensive("regexp");
  QUIVER_RETURN_IF_ERROR(ValidateRegexp(pattern, flags, max_states));
  RegexpQuery q;
  q.field = f.name;
  q.pattern = std::string(pattern);
  q.flags = flags;
  q.max_determinized_states = max_states;
  q.case_insensitive = case_insensitive;
  return MakeQuery(std::move(q));
}

Result<QueryPtr> FieldFuzzyQuery(const ParseContext& pc, const FieldRef& f,
                                 const json::value& value, const Fuzziness& fuzziness,
                                 int prefix_length, int max_expansions, bool transpositions) {
  if (auto constant = ConstantValue(pc, f)) {
    // ES ConstantFieldType: fuzzy against the constant value.
    return ConstantMatch(Text(value) == *constant, f);
  }
  if (!IsStringTermField(f) || f.meta == MetaField::kId) {
    return NotSupported(f, "fuzzy", "keyword and text");
  }
  if (!pc.ctx().allow_expensive_queries) return Expensive("fuzzy");
  std::string term = Text(value);
  std::string field = f.name;
  if (f.mapper != nullptr && !schema::IsTextType(f.mapper->type())) {
    term = NormalizeKeyword(pc, *f.mapper, term);
  }
  int edits = fuzziness.AsDistance(term);
  int code_points = 0;
  for (unsigned char c : term) code_points += (c & 0xC0) != 0x80;
  bool exact = edits == 0 || prefix_length >= code_points;
  if (f.flattened_key) {
    field = KeyedField(f);
    term = KeyedTerm(f, term);
    prefix_length += static_cast<int>(f.key.size()) + 1;
  }
  if (exact) return MakeQuery(TermQuery{field, term});
  FuzzyQuery q;
  q.field = field;
  q.term = term;
  q.max_edits = edits;
  q.prefix_length = prefix_length;
  q.max_expansions = max_expansions;
  q.transpositions = transpositions;
  return MakeQuery(std::move(q));
}

QueryPtr FieldExistsQuery(const ParseContext& pc, const FieldRef& f) {
  switch (f.meta) {
    case MetaField::kId:
    case MetaField::kIndex:
    case MetaField::kTier:
    case MetaField::kSeqNo:
      return MatchAll();
    default:
      break;
  }
  if (f.flattened_key) {
    return MakeQuery(PrefixQuery{KeyedField(f), f.key + std::string(1, '\0'), false});
  }
  ExistsQuery q;
  q.fields.push_back(f.name);
  return MakeQuery(std::move(q));
}

}  // namespace quiver::query::dsl
