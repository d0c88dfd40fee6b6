#include "query/dsl/parse_context.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/strings.h"
#include "query/dsl/query_nodes.h"

namespace quiver::query::dsl {

Status ParsingError(std::string message) {
  return Status::ParseError(std::move(message)).WithType("parsing_exception");
}

Status XContentParseError(std::string message) {
  return Status::ParseError(std::move(message)).WithType("x_content_parse_exception");
}

Status IllegalArgumentError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("illegal_argument_exception");
}

Status UnsupportedParam(std::string_view query, std::string_view param) {
  return ParsingError("[" + std::string(query) + "] query does not support [" + std::string(param) +
                      "]");
}

Status UnknownToken(std::string_view query, const json::value& v, std::string_view param) {
  return ParsingError("[" + std::string(query) + "] unknown token [" +
                      std::string(JsonTokenName(v)) + "] after [" + std::string(param) + "]");
}

namespace {

// Lucene's spell.LevenshteinDistance: 1 - edits / max(length), over UTF-16
// code units (ASCII names here).
float LevenshteinSimilarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.size() == b.size() ? 1.0f : 0.0f;
  std::vector<int> prev(a.size() + 1), cur(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) prev[i] = static_cast<int>(i);
  for (size_t j = 1; j <= b.size(); ++j) {
    cur[0] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[i] = std::min({cur[i - 1] + 1, prev[i] + 1, prev[i - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return 1.0f -
         static_cast<float>(prev[a.size()]) / static_cast<float>(std::max(a.size(), b.size()));
}

}  // namespace

std::string DidYouMean(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::vector<std::pair<float, std::string_view>> scored;
  for (std::string_view c : candidates) {
    float d = LevenshteinSimilarity(name, c);
    if (d > 0.5f) scored.emplace_back(d, c);
  }
  if (scored.empty()) return "";
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first > y.first;
    return x.second < y.second;
  });
  if (scored.size() == 1) return " did you mean [" + std::string(scored[0].second) + "]?";
  std::string out = " did you mean any of [";
  for (size_t i = 0; i < scored.size(); ++i) {
    if (i > 0) out += ", ";
    out += scored[i].second;
  }
  return out + "]?";
}

Status UnknownField(std::string_view query, std::string_view param,
                    const std::vector<std::string_view>& candidates) {
  return XContentParseError("[" + std::string(query) + "] unknown field [" + std::string(param) +
                            "]" + DidYouMean(param, candidates));
}

ParseContext::ParseContext(const QueryContext& ctx, const ParseOptions& options)
    : ctx_(ctx), options_(options) {
  if (ctx.mapping != nullptr) {
    mapping_ = ctx.mapping;
  } else {
    empty_mapping_ = schema::Mapping::Empty();
    mapping_ = empty_mapping_.get();
  }
  if (ctx.analysis != nullptr) {
    analysis_ = ctx.analysis;
  } else {
    global_analysis_ = analysis::AnalysisRegistry::Global();
    analysis_ = global_analysis_.get();
  }
  if (ctx.settings != nullptr) {
    settings_ = ctx.settings;
  } else {
    default_settings_ = std::make_unique<schema::IndexSettings>();
    settings_ = default_settings_.get();
  }
}

Status ParseContext::Enter() {
  if (++depth_ > options_.max_nested_depth) {
    --depth_;
    return IllegalArgumentError(
        "The nested depth of the query exceeds the maximum nested depth for queries set in "
        "[indices.query.max_nested_depth]");
  }
  return Status::Ok();
}

Status ParseContext::ShardError(const Status& cause) const {
  Status s = cause.type() == "query_shard_exception"
                 ? cause
                 : Status::InvalidArgument("failed to create query: " + cause.message())
                       .WithType("query_shard_exception")
                       .WithCause(cause);
  bool has_index = false;
  for (const auto& [k, v] : s.metadata()) has_index |= k == "index";
  if (!has_index && !ctx_.index_name.empty()) {
    // ES shows both, index_uuid first.
    if (!settings_->uuid().empty()) s = s.WithMeta("index_uuid", settings_->uuid());
    s = s.WithMeta("index", ctx_.index_name);
  }
  return s;
}

Status ParseContext::ShardError(std::string message) const {
  return ShardError(Status::InvalidArgument(std::move(message)).WithType("query_shard_exception"));
}

QueryPtr ParseContext::Defer(const Status& cause) {
  if (deferred_.ok()) deferred_ = ShardError(cause);
  return MatchNone("failed to create query");
}

bool ParseContext::ReadCommon(std::string_view key, const json::value& v, std::string_view query,
                              CommonParams* out, Status* status) const {
  if (key == "boost") {
    auto b = ReadFloat(v, query, key);
    if (!b.ok()) {
      *status = b.status();
    } else if (*b < 0) {
      *status = IllegalArgumentError("negative [boost] are not allowed.");
    } else {
      out->boost = *b;
    }
    return true;
  }
  if (key == "_name") {
    auto n = ReadString(v, query, key);
    if (!n.ok()) {
      *status = n.status();
    } else {
      out->name = std::move(*n);
    }
    return true;
  }
  return false;
}

std::shared_ptr<const analysis::Analyzer> ParseContext::FindAnalyzer(std::string_view name) const {
  return analysis_->FindAnalyzer(name);
}

namespace {

Status FailedToParseField(std::string_view query, std::string_view param) {
  return XContentParseError("[" + std::string(query) + "] failed to parse field [" +
                            std::string(param) + "]");
}

// Java's Double.parseDouble syntax (decimal forms, Infinity, NaN, optional
// d/f suffix; surrounding whitespace trimmed).
bool ParseJavaDoubleText(std::string_view s, double* out) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  s = s.substr(b, e - b);
  if (s.empty()) return false;
  if (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F') {
    s.remove_suffix(1);
  }
  std::string_view body = s;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") {
    *out = neg ? -INFINITY : INFINITY;
    return true;
  }
  if (body == "NaN") {
    *out = NAN;
    return true;
  }
  size_t i = 0, digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != body.size()) return false;
  std::string text(s);
  *out = std::strtod(text.c_str(), nullptr);
  return true;
}

}  // namespace

bool ParseJavaDouble(std::string_view s, double* out) { return ParseJavaDoubleText(s, out); }

Result<double> ReadDouble(const json::value& v, std::string_view query, std::string_view param) {
  switch (v.kind()) {
    case json::kind::int64:
      return static_cast<double>(v.get_int64());
    case json::kind::uint64:
      return static_cast<double>(v.get_uint64());
    case json::kind::double_:
      return v.get_double();
    case json::kind::string: {
      double d;
      if (ParseJavaDoubleText(std::string_view(v.get_string()), &d)) return d;
      return FailedToParseField(query, param);
    }
    case json::kind::object:
    case json::kind::array:
      return UnknownToken(query, v, param);
    default:
      return FailedToParseField(query, param);
  }
}

Result<float> ReadFloat(const json::value& v, std::string_view query, std::string_view param) {
  QUIVER_ASSIGN_OR_RETURN(double d, ReadDouble(v, query, param));
  return static_cast<float>(d);
}

Result<int64_t> ReadInt64(const json::value& v, std::string_view query, std::string_view param) {
  switch (v.kind()) {
    case json::kind::int64:
      return v.get_int64();
    case json::kind::uint64:
      if (v.get_uint64() > static_cast<uint64_t>(INT64_MAX)) break;
      return static_cast<int64_t>(v.get_uint64());
    case json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18) break;
      return static_cast<int64_t>(d);
    }
    case json::kind::string: {
      int64_t i;
      if (ParseInt64(TrimWhitespace(std::string_view(v.get_string())), &i)) return i;
      double d;
      if (ParseJavaDoubleText(std::string_view(v.get_string()), &d) && std::isfinite(d) &&
          d < 9.2233720368547758e18 && d >= -9.2233720368547758e18) {
        return static_cast<int64_t>(d);
      }
      break;
    }
    case json::kind::object:
    case json::kind::array:
      return UnknownToken(query, v, param);
    default:
      break;
  }
  return FailedToParseField(query, param);
}

Result<int> ReadInt(const json::value& v, std::string_view query, std::string_view param) {
  QUIVER_ASSIGN_OR_RETURN(int64_t i, ReadInt64(v, query, param));
  if (i > INT32_MAX || i < INT32_MIN) {
    return XContentParseError("Numeric value (" + std::to_string(i) +
                              ") out of range of int (-2147483648 - 2147483647)");
  }
  return static_cast<int>(i);
}

Result<bool> ReadBool(const json::value& v, std::string_view query, std::string_view param) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_object() || v.is_array()) return UnknownToken(query, v, param);
  if (v.is_string()) {
    std::string_view s(v.get_string());
    if (s == "true") return true;
    if (s == "false") return false;
  }
  std::string text = ScalarText(v).value_or("null");
  return IllegalArgumentError("Failed to parse value [" + text +
                              "] as only [true] or [false] are allowed.");
}

Result<std::string> ReadString(const json::value& v, std::string_view query,
                               std::string_view param) {
  if (v.is_object() || v.is_array()) return UnknownToken(query, v, param);
  if (v.is_null()) return FailedToParseField(query, param);
  return *ScalarText(v);
}

std::optional<std::string> ScalarText(const json::value& v) {
  if (v.is_null()) return std::nullopt;
  return JsonToString(v);
}

bool IsScalar(const json::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

Result<FieldKeyedBody> ReadFieldKeyedBody(const json::value& body, std::string_view query,
                                          const std::vector<std::string_view>& allow_top_level) {
  FieldKeyedBody out;
  if (!body.is_object()) {
    return ParsingError("[" + std::string(query) +
                        "] query malformed, no start_object after query name");
  }
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    if (std::find(allow_top_level.begin(), allow_top_level.end(), key) != allow_top_level.end()) {
      out.top_level.emplace_back(std::string(key), &kv.value());
      continue;
    }
    if (out.value != nullptr) {
      return ParsingError("[" + std::string(query) +
                          "] query doesn't support multiple fields, found [" + out.field +
                          "] and [" + std::string(key) + "]");
    }
    out.field = std::string(key);
    out.value = &kv.value();
  }
  return out;
}

Result<SingleFieldQuery> ParseSingleFieldQuery(
    const json::value& body, std::string_view query, std::vector<std::string_view> value_keys,
    const std::function<Result<bool>(std::string_view key, const json::value& v)>& on_param,
    const ParseContext& pc) {
  SingleFieldQuery out;
  const std::string q(query);
  bool have_field = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key(kv.key());
    const json::value& v = kv.value();
    if (have_field) {
      return ParsingError("[" + q + "] query doesn't support multiple fields, found [" + out.field +
                          "] and [" + std::string(key) + "]");
    }
    have_field = true;
    out.field = std::string(key);
    if (v.is_array()) {
      return ParsingError("[" + q + "] query does not support array of values");
    }
    if (!v.is_object()) {
      out.value = &v;
      continue;
    }
    for (const auto& p : v.get_object()) {
      std::string_view param(p.key());
      const json::value& pv = p.value();
      if (std::find(value_keys.begin(), value_keys.end(), param) != value_keys.end()) {
        if (pv.is_object() || pv.is_array()) return UnknownToken(query, pv, param);
        out.value = &pv;
        continue;
      }
      Status st;
      if (pc.ReadCommon(param, pv, query, &out.common, &st)) {
        QUIVER_RETURN_IF_ERROR(st);
        continue;
      }
      QUIVER_ASSIGN_OR_RETURN(bool handled, on_param(param, pv));
      if (!handled) {
        if (pv.is_object() || pv.is_array()) return UnknownToken(query, pv, param);
        return UnsupportedParam(query, param);
      }
    }
  }
  if (out.field.empty()) return IllegalArgumentError("field name is null or empty");
  if (out.value == nullptr || out.value->is_null()) {
    return IllegalArgumentError("value cannot be null");
  }
  return out;
}

Status ValidateRewriteMethod(const json::value& v, std::string_view query, std::string_view param) {
  QUIVER_ASSIGN_OR_RETURN(std::string method, ReadString(v, query, param));
  std::string_view m = method;
  for (std::string_view fixed :
       {"constant_score", "constant_score_boolean", "constant_score_blended", "scoring_boolean"}) {
    if (m == fixed) return Status::Ok();
  }
  for (std::string_view prefix : {"top_terms_blended_freqs_", "top_terms_boost_", "top_terms_"}) {
    if (m.substr(0, prefix.size()) == prefix) {
      int64_t n;
      if (ParseInt64(m.substr(prefix.size()), &n) && n > 0) return Status::Ok();
      break;
    }
  }
  return IllegalArgumentError("Failed to parse rewrite_method [" + method + "]");
}

}  // namespace quiver::query::dsl
