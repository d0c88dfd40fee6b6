#include "analysis/analyze_api.h"

#include <algorithm>
#include <set>
#include <vector>

#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

struct AnalyzeRequest {
  std::vector<std::string> text;
  bool has_text = false;
  std::optional<std::string> analyzer;
  const json::value* tokenizer = nullptr;
  const json::value* filters = nullptr;
  const json::value* char_filters = nullptr;
  std::optional<std::string> field;
  bool explain = false;
  std::vector<std::string> attributes;
  std::optional<std::string> normalizer;
};

Status ParseError(std::string message) {
  return Status::ParseError(std::move(message)).WithType("x_content_parse_exception");
}

bool NonEmpty(const json::value* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_array()) return !v->get_array().empty();
  return true;
}

Result<AnalyzeRequest> ParseRequest(const json::value& body) {
  AnalyzeRequest r;
  if (!body.is_object()) return ParseError("request body or source parameter is required");
  for (const auto& kv : body.get_object()) {
    const std::string_view key = kv.key();
    const json::value& v = kv.value();
    auto string_value = [&](std::optional<std::string>* out) -> Status {
      if (v.is_null()) return Status::Ok();
      std::optional<std::string> s = v.is_array() || v.is_object() ? std::nullopt : JsonToString(v);
      if (!s) {
        return ParseError("[analyze_request] " + std::string(key) +
                          " doesn't support values of type: " + std::string(JsonTokenName(v)));
      }
      *out = std::move(s);
      return Status::Ok();
    };
    auto string_array = [&](std::vector<std::string>* out) -> Status {
      if (v.is_array()) {
        for (const json::value& e : v.get_array()) {
          std::optional<std::string> s =
              e.is_object() || e.is_array() ? std::nullopt : JsonToString(e);
          if (!s) {
            return ParseError("[analyze_request] failed to parse field [" + std::string(key) + "]");
          }
          out->push_back(std::move(*s));
        }
        return Status::Ok();
      }
      std::optional<std::string> s = v.is_object() ? std::nullopt : JsonToString(v);
      if (!s)
        return ParseError("[analyze_request] failed to parse field [" + std::string(key) + "]");
      out->push_back(std::move(*s));
      return Status::Ok();
    };
    if (key == "text") {
      QUIVER_RETURN_IF_ERROR(string_array(&r.text));
      r.has_text = true;
    } else if (key == "analyzer") {
      QUIVER_RETURN_IF_ERROR(string_value(&r.analyzer));
    } else if (key == "tokenizer") {
      if (!v.is_string() && !v.is_object()) {
        return ParseError("[analyze_request] tokenizer doesn't support values of type: " +
                          std::string(JsonTokenName(v)));
      }
      r.tokenizer = &v;
    } else if (key == "filter" || key == "token_filters") {
      r.filters = &v;
    } else if (key == "char_filter" || key == "char_filters") {
      r.char_filters = &v;
    } else if (key == "field") {
      QUIVER_RETURN_IF_ERROR(string_value(&r.field));
    } else if (key == "explain") {
      std::optional<bool> b = JsonToBool(v);
      if (!b) return ParseError("[analyze_request] failed to parse field [explain]");
      r.explain = *b;
    } else if (key == "attributes") {
      QUIVER_RETURN_IF_ERROR(string_array(&r.attributes));
    } else if (key == "normalizer") {
      QUIVER_RETURN_IF_ERROR(string_value(&r.normalizer));
    } else {
      return ParseError("[analyze_request] unknown field [" + std::string(key) + "]");
    }
  }
  return r;
}

Status Validate(const AnalyzeRequest& r, bool has_index) {
  std::vector<std::string> errors;
  const bool extra = r.tokenizer != nullptr || NonEmpty(r.char_filters) || NonEmpty(r.filters);
  if (!r.has_text || r.text.empty()) errors.push_back("text is missing");
  if (!has_index && r.normalizer) errors.push_back("index is required if normalizer is specified");
  if (r.normalizer && (r.tokenizer != nullptr || r.analyzer)) {
    errors.push_back("tokenizer/analyze should be null if normalizer is specified");
  }
  if (r.analyzer && extra) errors.push_back("cannot define extra components on a named analyzer");
  if (r.normalizer && extra)
    errors.push_back("cannot define extra components on a named normalizer");
  if (r.field && extra) {
    errors.push_back("cannot define extra components on a field-specific analyzer");
  }
  if (errors.empty()) return Status::Ok();
  std::string message = "Validation Failed: ";
  for (size_t i = 0; i < errors.size(); ++i) {
    message += std::to_string(i + 1) + ": " + errors[i] + ";";
  }
  return Status::InvalidArgument(std::move(message))
      .WithType("action_request_validation_exception");
}

// The analyzer ES would use (TransportAnalyzeAction.analyze/getAnalyzer).
// Sets *request_built when the analyzer was assembled from the request.
Result<std::shared_ptr<const Analyzer>> ChooseAnalyzer(const AnalyzeRequest& r,
                                                       const AnalyzeContext& ctx,
                                                       bool* request_built) {
  const AnalysisRegistry& registry =
      ctx.index_registry ? *ctx.index_registry : *AnalysisRegistry::Global();
  const bool has_index = ctx.index_registry != nullptr;
  *request_built = false;
  if (r.tokenizer != nullptr) {
    *request_built = true;
    return registry.BuildCustomAnalyzer(r.tokenizer, r.char_filters, r.filters, false);
  }
  if (NonEmpty(r.filters) || NonEmpty(r.char_filters)) {
    *request_built = true;
    return registry.BuildCustomAnalyzer(nullptr, r.char_filters, r.filters, true);
  }
  if (r.analyzer) {
    auto a = registry.FindAnalyzer(*r.analyzer);
    if (!a) {
      return IllegalArgument(std::string(has_index ? "failed to find analyzer ["
                                                   : "failed to find global analyzer [") +
                             *r.analyzer + "]");
    }
    return a;
  }
  if (r.normalizer) {
    if (!has_index) return IllegalArgument("analysis based on a normalizer requires an index");
    auto n = registry.FindNormalizer(*r.normalizer);
    if (!n) return IllegalArgument("failed to find normalizer under [" + *r.normalizer + "]");
    return n;
  }
  if (r.field) {
    if (!has_index) return IllegalArgument("analysis based on a specific field requires an index");
    FieldAnalysis fa;
    if (ctx.field_resolver) fa = ctx.field_resolver(*r.field);
    switch (fa.kind) {
      case FieldAnalysis::Kind::kUnmapped:
        break;
      case FieldAnalysis::Kind::kOther:
        return IllegalArgument("Can't process field [" + *r.field +
                               "], Analysis requests are only supported on tokenized fields");
      case FieldAnalysis::Kind::kText: {
        if (fa.name.empty()) return registry.default_analyzer();
        auto a = registry.FindAnalyzer(fa.name);
        if (!a) return IllegalArgument("failed to find analyzer [" + fa.name + "]");
        return a;
      }
      case FieldAnalysis::Kind::kKeyword: {
        if (!fa.name.empty()) {
          auto n = registry.FindNormalizer(fa.name);
          if (!n) return IllegalArgument("failed to find normalizer under [" + fa.name + "]");
          return n;
        }
        // Lucene.KEYWORD_ANALYZER, named "_keyword".
        static const auto keyword =
            AnalysisRegistry::Global()->FindAnalyzer("keyword")->WithNameAndOptions(
                "_keyword", AnalyzerOptions{});
        return keyword;
      }
    }
  }
  return registry.default_analyzer();
}

struct StageToken {
  std::string term;
  int32_t position;
  int32_t start;
  int32_t end;
  int32_t position_length;
  std::string_view type;
  bool keyword;
};

// Accumulates one token list across the values of `text` the way ES's
// TokenListCreator / simpleAnalyze do (positions and offsets continue with
// the analyzer's gaps).
class TokenListBuilder {
 public:
  TokenListBuilder(int max_tokens, int32_t position_gap, int32_t offset_gap)
      : max_tokens_(max_tokens), position_gap_(position_gap), offset_gap_(offset_gap) {}

  Status Add(TokenPipeline* pipeline, std::string_view text) {
    QUIVER_RETURN_IF_ERROR(pipeline->Reset(text));
    Utf16OffsetMapper mapper(text);
    while (const Token* t = pipeline->Next()) {
      if (t->position_increment > 0) last_position_ += t->position_increment;
      tokens_.push_back(StageToken{
          t->term, last_position_, last_offset_ + mapper.ToUtf16(t->start_offset),
          last_offset_ + mapper.ToUtf16(t->end_offset), t->position_length, t->type, t->keyword});
      if (static_cast<int>(tokens_.size()) > max_tokens_) {
        return Status(StatusCode::kInternal,
                      "The number of tokens produced by calling _analyze has exceeded the allowed "
                      "maximum of [" +
                          std::to_string(max_tokens_) +
                          "]. This limit can be set by changing the "
                          "[index.analyze.max_token_count] index level setting.")
            .WithType("illegal_state_exception");
      }
    }
    QUIVER_RETURN_IF_ERROR(pipeline->status());
    const EndState end = pipeline->End();
    last_offset_ += mapper.ToUtf16(end.final_offset);
    last_position_ += end.position_increment;
    last_position_ += position_gap_;
    last_offset_ += offset_gap_;
    return Status::Ok();
  }

  const std::vector<StageToken>& tokens() const { return tokens_; }

 private:
  int max_tokens_;
  int32_t position_gap_;
  int32_t offset_gap_;
  int32_t last_position_ = -1;
  int32_t last_offset_ = 0;
  std::vector<StageToken> tokens_;
};

std::string BytesString(std::string_view term) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "[";
  for (size_t i = 0; i < term.size(); ++i) {
    if (i > 0) out.push_back(' ');
    const unsigned char b = static_cast<unsigned char>(term[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  out.push_back(']');
  return out;
}

// Which extended attributes ES's explain output shows for a stage.
struct AttributeView {
  bool detail = false;  // explain mode: extended attributes are shown
  bool has_keyword = false;
  std::set<std::string> include;  // lowercased; empty: all
  bool Wants(std::string_view key) const {
    return include.empty() || include.count(AsciiLower(key)) > 0;
  }
};

json::array RenderTokens(const std::vector<StageToken>& tokens, const AttributeView& view) {
  json::array out;
  out.reserve(tokens.size());
  for (const StageToken& t : tokens) {
    json::object o;
    o["token"] = t.term;
    o["start_offset"] = t.start;
    o["end_offset"] = t.end;
    o["type"] = t.type;
    o["position"] = t.position;
    if (t.position_length > 1) o["positionLength"] = t.position_length;
    if (view.detail) {
      // Attributes in key order, as ES's TreeMap prints them. ES also repeats
      // positionLength here when it is > 1; a JSON object keeps one copy.
      if (view.Wants("bytes")) o["bytes"] = BytesString(t.term);
      if (view.has_keyword && view.Wants("keyword")) o["keyword"] = t.keyword;
      if (t.position_length <= 1 && view.Wants("positionLength")) {
        o["positionLength"] = t.position_length;
      }
      if (view.Wants("termFrequency")) o["termFrequency"] = 1;
    }
    out.push_back(std::move(o));
  }
  return out;
}

bool ChainUsesKeyword(const Analyzer& analyzer, size_t num_filters) {
  const auto& filters = analyzer.filters();
  for (size_t i = 0; i < std::min(num_filters, filters.size()); ++i) {
    if (filters[i]->uses_keyword_attribute()) return true;
  }
  return false;
}

}  // namespace

Result<json::value> RunAnalyze(const json::value& request, const AnalyzeContext& ctx) {
  QUIVER_ASSIGN_OR_RETURN(AnalyzeRequest r, ParseRequest(request));
  QUIVER_RETURN_IF_ERROR(Validate(r, ctx.index_registry != nullptr));
  bool request_built = false;
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Analyzer> analyzer,
                          ChooseAnalyzer(r, ctx, &request_built));
  const int max_tokens =
      ctx.index_registry ? ctx.index_registry->options().max_token_count : ctx.node_max_token_count;
  json::object response;

  if (!r.explain) {
    TokenListBuilder list(max_tokens, analyzer->position_increment_gap(), analyzer->offset_gap());
    std::unique_ptr<TokenPipeline> pipeline = analyzer->NewPipeline();
    for (const std::string& text : r.text) {
      QUIVER_RETURN_IF_ERROR(list.Add(pipeline.get(), text));
    }
    response["tokens"] = RenderTokens(list.tokens(), AttributeView{});
    return json::value(std::move(response));
  }

  AttributeView view;
  view.detail = true;
  for (const std::string& a : r.attributes) view.include.insert(AsciiLower(a));
  json::object detail;
  const AnalyzerOptions& options = analyzer->options();
  if (options.custom) {
    // A CustomAnalyzer built for the request has Lucene's default gap (0).
    const int32_t position_gap = request_built ? 0 : options.position_increment_gap;
    const int32_t offset_gap = options.offset_gap;
    detail["custom_analyzer"] = true;
    json::array charfilters;
    for (size_t i = 0; i < analyzer->char_filters().size(); ++i) {
      json::array texts;
      for (const std::string& text : r.text) {
        std::string filtered = text, scratch;
        OffsetMap map;
        for (size_t k = 0; k <= i; ++k) {
          QUIVER_RETURN_IF_ERROR(analyzer->char_filters()[k]->Filter(filtered, &scratch, &map));
          filtered.swap(scratch);
        }
        texts.push_back(json::string(filtered));
      }
      json::object cf;
      cf["name"] = analyzer->char_filters()[i]->name();
      cf["filtered_text"] = std::move(texts);
      charfilters.push_back(std::move(cf));
    }
    detail["charfilters"] = std::move(charfilters);
    const size_t n_filters = analyzer->filters().size();
    json::array tokenfilters;
    for (size_t stage = 0; stage <= n_filters; ++stage) {
      TokenListBuilder list(max_tokens, position_gap, offset_gap);
      std::unique_ptr<TokenPipeline> pipeline = analyzer->NewPipeline(stage);
      for (const std::string& text : r.text) {
        QUIVER_RETURN_IF_ERROR(list.Add(pipeline.get(), text));
      }
      AttributeView stage_view = view;
      stage_view.has_keyword = ChainUsesKeyword(*analyzer, stage);
      json::object o;
      o["name"] =
          stage == 0 ? analyzer->tokenizer()->name() : analyzer->filters()[stage - 1]->name();
      o["tokens"] = RenderTokens(list.tokens(), stage_view);
      if (stage == 0) {
        detail["tokenizer"] = std::move(o);
      } else {
        tokenfilters.push_back(std::move(o));
      }
    }
    detail["tokenfilters"] = std::move(tokenfilters);
  } else {
    detail["custom_analyzer"] = false;
    TokenListBuilder list(max_tokens, analyzer->position_increment_gap(), analyzer->offset_gap());
    std::unique_ptr<TokenPipeline> pipeline = analyzer->NewPipeline();
    for (const std::string& text : r.text) {
      QUIVER_RETURN_IF_ERROR(list.Add(pipeline.get(), text));
    }
    view.has_keyword = ChainUsesKeyword(*analyzer, SIZE_MAX);
    json::object a;
    a["name"] = analyzer->name();
    a["tokens"] = RenderTokens(list.tokens(), view);
    detail["analyzer"] = std::move(a);
  }
  response["detail"] = std::move(detail);
  return json::value(std::move(response));
}

}  // namespace quiver::analysis
