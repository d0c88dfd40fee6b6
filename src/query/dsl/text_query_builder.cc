#include "query/dsl/text_query_builder.h"

#include <algorithm>

#include "query/dsl/field_queries.h"
#include "query/dsl/parse_context.h"
#include "query/dsl/token_graph.h"
#include "schema/field_type.h"

namespace quiver::query::dsl {

namespace {

// Terms grouped by position, with their absolute positions.
struct PositionGroups {
  std::vector<std::vector<std::string>> terms;
  std::vector<int> positions;
};

PositionGroups GroupByPosition(const std::vector<AnalyzedToken>& tokens,
                               bool enable_position_increments) {
  PositionGroups g;
  int position = -1;
  for (const AnalyzedToken& t : tokens) {
    int inc = t.position_increment;
    if (inc > 0 || g.terms.empty()) {
      position += enable_position_increments ? std::max(inc, g.terms.empty() ? 1 : inc) : 1;
      g.terms.emplace_back();
      g.positions.push_back(position);
    }
    g.terms.back().push_back(t.term);
  }
  // Positions are relative: start the phrase at 0.
  if (!g.positions.empty()) {
    int base = g.positions.front();
    for (int& p : g.positions) p -= base;
  }
  return g;
}

}  // namespace

QueryPtr LenientFieldQuery(const std::string& field, const Status& cause) {
  return MatchNone("failed [" + field + "] query, caused by " + std::string(cause.type()) + ":[" +
                   cause.message() + "]");
}

TextQueryBuilder::TextQueryBuilder(const ParseContext& pc, FieldRef field,
                                   const TextQueryOptions& options)
    : pc_(pc), field_(std::move(field)), tsi_(TextSearchInfo(pc, field_)), options_(options) {
  auto_phrase_ = tsi_.has_positions && options_.auto_generate_synonyms_phrase_query;
}

const analysis::Analyzer* TextQueryBuilder::AnalyzerFor(TextQueryType type) const {
  if (options_.analyzer != nullptr) return options_.analyzer.get();
  bool quoted = type == TextQueryType::kPhrase || type == TextQueryType::kPhrasePrefix;
  return quoted ? tsi_.search_quote_analyzer.get() : tsi_.search_analyzer.get();
}

Result<QueryPtr> TextQueryBuilder::Lenient(Result<QueryPtr> r) const {
  if (r.ok() || !options_.lenient) return r;
  return LenientFieldQuery(field_.name, r.status());
}

Result<QueryPtr> TextQueryBuilder::Parse(TextQueryType type, std::string_view text) {
  if (!field_.mapped()) return UnmappedField(field_.name);
  if (!tsi_.supported) {
    Status st = IllegalArgumentError("Field [" + field_.name + "] of type [" + field_.type_name() +
                                     "] does not support match queries");
    if (options_.lenient) return LenientFieldQuery(field_.name, st);
    return st;
  }
  return BuildWithAnalyzer(type, text, AnalyzerFor(type));
}

Result<QueryPtr> TextQueryBuilder::BuildWithAnalyzer(TextQueryType type, std::string_view text,
                                                     const analysis::Analyzer* analyzer) {
  if (analyzer == nullptr) {
    // The keyword analyzer: the text is the term.
    std::string term(text);
    if (type == TextQueryType::kBooleanPrefix) {
      bool prefix_capable =
          field_.mapper != nullptr && (schema::IsTextType(field_.mapper->type()) ||
                                       schema::IsKeywordType(field_.mapper->type()));
      if (prefix_capable) return NewPrefixQuery(term);
      return NewTermQuery(term);
    }
    if (type != TextQueryType::kPhrasePrefix) return NewTermQuery(term);
    AnalyzedToken t;
    t.term = term;
    t.end_offset = static_cast<int>(text.size());
    return CreateFieldQuery({t}, t.end_offset, type, options_.occur, options_.phrase_slop);
  }
  QUIVER_ASSIGN_OR_RETURN(AnalyzedText analyzed, AnalyzeText(*analyzer, text));
  return CreateFieldQuery(analyzed.tokens, analyzed.final_offset, type, options_.occur,
                          options_.phrase_slop);
}

Result<QueryPtr> TextQueryBuilder::CreateFieldQuery(const std::vector<AnalyzedToken>& tokens,
                                                    int final_offset, TextQueryType type,
                                                    Occur occur, int slop) {
  size_t num_tokens = tokens.size();
  int position_count = 0;
  bool has_synonyms = false;
  bool is_graph = false;
  bool graph_enabled = true;
  for (const AnalyzedToken& t : tokens) graph_enabled &= !t.shingle;
  for (const AnalyzedToken& t : tokens) {
    if (t.position_increment != 0) {
      position_count += t.position_increment;
    } else {
      has_synonyms = true;
    }
    if (graph_enabled && t.position_length > 1) is_graph = true;
  }
  if (num_tokens == 0) return QueryPtr();
  if (num_tokens == 1) {
    if (type == TextQueryType::kPhrasePrefix) return AnalyzePhrase(tokens, slop, true);
    bool prefix = type == TextQueryType::kBooleanPrefix && tokens[0].end_offset == final_offset;
    return prefix ? NewPrefixQuery(tokens[0].term) : NewTermQuery(tokens[0].term);
  }
  if (is_graph) {
    if (type == TextQueryType::kPhrase || type == TextQueryType::kPhrasePrefix) {
      return AnalyzeGraphPhrase(tokens, type, slop);
    }
    return AnalyzeGraphBoolean(tokens, final_offset, occur, type == TextQueryType::kBooleanPrefix);
  }
  if (type == TextQueryType::kPhrase && position_count > 1) {
    return AnalyzePhrase(tokens, slop, false);
  }
  if (type == TextQueryType::kPhrasePrefix) return AnalyzePhrase(tokens, slop, true);
  if (position_count == 1) {
    // One position with synonyms.
    std::vector<std::string> terms;
    for (const AnalyzedToken& t : tokens) terms.push_back(t.term);
    if (terms.size() == 1) return NewTermQuery(terms[0]);
    return NewSynonymQuery(terms);
  }
  (void)has_synonyms;
  return AnalyzeMultiBoolean(tokens, final_offset, occur, type == TextQueryType::kBooleanPrefix);
}

Result<QueryPtr> TextQueryBuilder::AnalyzeMultiBoolean(const std::vector<AnalyzedToken>& tokens,
                                                       int final_offset, Occur occur, bool prefix) {
  std::vector<Clause> clauses;
  std::vector<std::string> current;
  auto add = [&](bool is_prefix) -> Status {
    if (current.empty()) return Status::Ok();
    QueryPtr q;
    if (current.size() == 1) {
      QUIVER_ASSIGN_OR_RETURN(q, is_prefix ? NewPrefixQuery(current[0]) : NewTermQuery(current[0]));
    } else {
      QUIVER_ASSIGN_OR_RETURN(q, NewSynonymQuery(current));  // no prefix on synonyms
    }
    clauses.push_back({q, occur});
    if (clauses.size() > kMaxClauseCount) {
      return Status::InvalidArgument("maxClauseCount is set to " + std::to_string(kMaxClauseCount))
          .WithType("too_many_clauses");
    }
    return Status::Ok();
  };
  int last_offset = 0;
  for (const AnalyzedToken& t : tokens) {
    if (t.position_increment != 0) {
      QUIVER_RETURN_IF_ERROR(add(false));
      current.clear();
    }
    current.push_back(t.term);
    last_offset = t.end_offset;
  }
  QUIVER_RETURN_IF_ERROR(add(prefix && last_offset == final_offset));
  return MakeBool(clauses);
}

Result<QueryPtr> TextQueryBuilder::AnalyzePhrase(const std::vector<AnalyzedToken>& tokens, int slop,
                                                 bool prefix) {
  PositionGroups g = GroupByPosition(tokens, options_.enable_position_increments);
  if (prefix) return Lenient(NewPhrasePrefixQuery(g.terms, g.positions, slop));
  return Lenient(NewPhraseQuery(g.terms, g.positions, slop));
}

Result<QueryPtr> TextQueryBuilder::AnalyzeGraphBoolean(const std::vector<AnalyzedToken>& tokens,
                                                       int final_offset, Occur occur, bool prefix) {
  TokenGraph graph(tokens);
  std::vector<int> points = graph.ArticulationPoints();
  std::vector<Clause> clauses;
  int last_state = 0;
  for (size_t i = 0; i <= points.size(); ++i) {
    int start = last_state;
    int end = i < points.size() ? points[i] : -1;
    last_state = end;
    bool use_prefix = prefix && end == -1;
    QueryPtr positional;
    if (graph.HasSidePath(start)) {
      QUIVER_ASSIGN_OR_RETURN(auto paths, graph.Paths(start, end, kMaxClauseCount));
      std::vector<Clause> alternatives;
      for (const auto& path : paths) {
        TextQueryType t = auto_phrase_
                              ? (use_prefix ? TextQueryType::kPhrasePrefix : TextQueryType::kPhrase)
                              : TextQueryType::kBoolean;
        int path_final = path.empty() ? 0 : path.back().end_offset;
        QUIVER_ASSIGN_OR_RETURN(QueryPtr q, CreateFieldQuery(path, path_final, t, Occur::kMust, 0));
        if (q != nullptr) alternatives.push_back({q, Occur::kShould});
      }
      if (alternatives.size() == 1) {
        positional = alternatives[0].query;
      } else if (!alternatives.empty()) {
        positional = MakeBool(alternatives);
      }
    } else {
      std::vector<std::string> terms = graph.TermsAt(start);
      if (terms.size() == 1) {
        QUIVER_ASSIGN_OR_RETURN(positional,
                                use_prefix ? NewPrefixQuery(terms[0]) : NewTermQuery(terms[0]));
      } else if (!terms.empty()) {
        QUIVER_ASSIGN_OR_RETURN(positional, NewSynonymQuery(terms));
      }
    }
    if (positional != nullptr) clauses.push_back({positional, occur});
    if (end == -1) break;
  }
  (void)final_offset;
  return MakeBool(clauses);
}

Result<QueryPtr> TextQueryBuilder::AnalyzeGraphPhrase(const std::vector<AnalyzedToken>& tokens,
                                                      TextQueryType type, int slop) {
  // Lucene uses span queries for slop 0; the union of the graph's phrases
  // matches the same documents.
  TokenGraph graph(tokens);
  QUIVER_ASSIGN_OR_RETURN(auto paths, graph.Paths(0, -1, kMaxClauseCount));
  std::vector<Clause> alternatives;
  for (const auto& path : paths) {
    int path_final = path.empty() ? 0 : path.back().end_offset;
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q,
                            CreateFieldQuery(path, path_final, type, Occur::kMust, slop));
    if (q != nullptr) alternatives.push_back({q, Occur::kShould});
  }
  if (alternatives.empty()) return QueryPtr();
  if (alternatives.size() == 1) return alternatives[0].query;
  return MakeBool(alternatives);
}

Result<QueryPtr> TextQueryBuilder::NewTermQuery(const std::string& term) {
  json::value v(term);
  if (options_.fuzziness) {
    return Lenient(FieldFuzzyQuery(pc_, field_, v, *options_.fuzziness,
                                   options_.fuzzy_prefix_length, options_.max_expansions,
                                   options_.fuzzy_transpositions));
  }
  return Lenient(FieldTermQuery(pc_, field_, v));
}

Result<QueryPtr> TextQueryBuilder::NewSynonymQuery(const std::vector<std::string>& terms) {
  if (field_.mapper == nullptr || !schema::IsTextType(field_.mapper->type())) {
    // Non-text fields: a disjunction of their own term queries.
    std::vector<Clause> clauses;
    for (const std::string& t : terms) {
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, NewTermQuery(t));
      clauses.push_back({q, Occur::kShould});
    }
    return MakeBool(clauses);
  }
  SynonymQuery q;
  q.field = field_.name;
  q.terms = terms;
  return MakeQuery(std::move(q));
}

Result<QueryPtr> TextQueryBuilder::NewPrefixQuery(const std::string& term) {
  return Lenient(FieldPrefixQuery(pc_, field_, term));
}

Result<QueryPtr> TextQueryBuilder::NewPhraseQuery(
    const std::vector<std::vector<std::string>>& terms, const std::vector<int>& positions,
    int slop) {
  if (!tsi_.tokenized) {
    return IllegalArgumentError("Can only use phrase queries on text fields - not on [" +
                                field_.name + "] which is of type [" + field_.type_name() + "]");
  }
  if (!tsi_.has_positions) {
    return IllegalArgumentError("field:[" + field_.name +
                                "] was indexed without position data; cannot run PhraseQuery");
  }
  PhraseQuery q;
  q.field = field_.name;
  q.terms = terms;
  q.positions = positions;
  q.slop = slop;
  return MakeQuery(std::move(q));
}

Result<QueryPtr> TextQueryBuilder::NewPhrasePrefixQuery(
    const std::vector<std::vector<std::string>>& terms, const std::vector<int>& positions,
    int slop) {
  if (!tsi_.tokenized) {
    return IllegalArgumentError("Can only use phrase prefix queries on text fields - not on [" +
                                field_.name + "] which is of type [" + field_.type_name() + "]");
  }
  if (!tsi_.has_positions && terms.size() > 1) {
    return IllegalArgumentError("field:[" + field_.name +
                                "] was indexed without position data; cannot run PhraseQuery");
  }
  PhrasePrefixQuery q;
  q.field = field_.name;
  q.terms.assign(terms.begin(), terms.end() - 1);
  q.positions = positions;
  // The node holds one prefix: the first term at the last position.
  q.prefix = terms.back().front();
  q.slop = slop;
  q.max_expansions = options_.max_expansions;
  return MakeQuery(std::move(q));
}

}  // namespace quiver::query::dsl
