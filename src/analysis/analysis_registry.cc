#include "analysis/analysis_registry.h"

#include <algorithm>

#include "analysis/token_filters.h"
#include "analysis/tokenizers.h"

namespace quiver::analysis {
namespace {

constexpr int32_t kIndexPositionIncrementGap = 100;  // ES TextFieldMapper default

const char* KindName(int kind) {
  switch (kind) {
    case 0:
      return "char_filter";
    case 1:
      return "tokenizer";
    default:
      return "filter";
  }
}

// Expands dotted keys ({"analyzer.my.tokenizer": "standard"}) into nested
// objects, as ES settings are flattened internally.
void Nest(const json::object& in, json::object* out) {
  for (const auto& kv : in) {
    const std::string_view key = kv.key();
    const size_t dot = key.find('.');
    if (dot == std::string_view::npos) {
      if (kv.value().is_object()) {
        json::value& slot = (*out)[key];
        if (!slot.is_object()) slot = json::object();
        Nest(kv.value().get_object(), &slot.as_object());
      } else {
        (*out)[key] = kv.value();
      }
      continue;
    }
    json::value& slot = (*out)[key.substr(0, dot)];
    if (!slot.is_object()) slot = json::object();
    json::object single;
    single[key.substr(dot + 1)] = kv.value();
    Nest(single, &slot.as_object());
  }
}

const json::object* Section(const json::object& analysis, std::string_view name) {
  auto it = analysis.find(name);
  if (it == analysis.end() || !it->value().is_object()) return nullptr;
  return &it->value().get_object();
}

// A list setting of names ("filter": "lowercase" or ["lowercase", ...]).
std::vector<std::string> NameList(const json::object& def, std::string_view key) {
  Settings s(&def);
  return s.GetList(key).value_or(std::vector<std::string>{});
}

const std::map<std::string, std::shared_ptr<const Analyzer>, std::less<>>& BuiltinAnalyzers() {
  static const auto analyzers = [] {
    std::map<std::string, std::shared_ptr<const Analyzer>, std::less<>> out;
    for (std::string_view name : BuiltinAnalyzerNames()) {
      auto a = BuildAnalyzerOfType(name, std::string(name), Settings(), AnalyzerOptions{});
      if (a.ok()) out.emplace(std::string(name), *a);
    }
    return out;
  }();
  return analyzers;
}

std::shared_ptr<const Analyzer> BuiltinLowercaseNormalizer() {
  static const auto normalizer = Analyzer::Create(
      "lowercase", {}, NewKeywordTokenizerFactory("keyword"),
      {NewCaseFilterFactory("lowercase", CaseMode::kLower)}, AnalyzerOptions{.normalizer = true});
  return normalizer;
}

}  // namespace

std::shared_ptr<const AnalysisRegistry> AnalysisRegistry::Global() {
  static const std::shared_ptr<const AnalysisRegistry> global = [] {
    std::shared_ptr<AnalysisRegistry> r(new AnalysisRegistry());
    r->global_ = true;
    r->analyzers_ = BuiltinAnalyzers();
    r->normalizers_.emplace("lowercase", BuiltinLowercaseNormalizer());
    r->default_ = r->analyzers_.at("standard");
    r->default_search_ = r->default_;
    r->default_search_quoted_ = r->default_;
    return std::shared_ptr<const AnalysisRegistry>(std::move(r));
  }();
  return global;
}

Result<std::shared_ptr<const AnalysisRegistry>> AnalysisRegistry::Build(
    const json::value* analysis_settings, const AnalysisOptions& options) {
  std::shared_ptr<AnalysisRegistry> r(new AnalysisRegistry());
  r->options_ = options;
  json::object analysis;
  if (analysis_settings != nullptr && !analysis_settings->is_null()) {
    if (!analysis_settings->is_object()) {
      return IllegalArgument("[index.analysis] must be an object");
    }
    Nest(analysis_settings->get_object(), &analysis);
  }
  QUIVER_RETURN_IF_ERROR(r->BuildComponents(analysis));
  QUIVER_RETURN_IF_ERROR(r->BuildAnalyzers(analysis));
  QUIVER_RETURN_IF_ERROR(r->BuildNormalizers(analysis));
  return std::shared_ptr<const AnalysisRegistry>(std::move(r));
}

Status AnalysisRegistry::BuildComponents(const json::object& analysis) {
  for (int kind = 0; kind < 3; ++kind) {
    const json::object* section = Section(analysis, KindName(kind));
    if (section == nullptr) continue;
    for (const auto& kv : *section) {
      const std::string name(kv.key());
      if (!kv.value().is_object()) {
        return IllegalArgument(std::string(KindName(kind)) + " [" + name +
                               "] must specify either an analyzer type, or a tokenizer");
      }
      const json::object& def = kv.value().get_object();
      Settings settings(&def);
      std::optional<std::string> type = settings.GetString("type");
      if (!type) {
        return IllegalArgument(std::string(KindName(kind)) + " [" + name +
                               "] must specify either an analyzer type, or a tokenizer");
      }
      auto unknown = [&]() {
        return IllegalArgument("Unknown " + std::string(KindName(kind)) + " type [" + *type +
                               "] for [" + name + "]");
      };
      if (kind == 0) {
        const auto* t = FindCharFilterType(*type);
        if (t == nullptr) return unknown();
        QUIVER_ASSIGN_OR_RETURN(char_filters_[name], t->build(name, settings, options_));
      } else if (kind == 1) {
        const auto* t = FindTokenizerType(*type);
        if (t == nullptr) return unknown();
        QUIVER_ASSIGN_OR_RETURN(tokenizers_[name], t->build(name, settings, options_));
      } else {
        const auto* t = FindTokenFilterType(*type);
        if (t == nullptr) return unknown();
        QUIVER_ASSIGN_OR_RETURN(filters_[name], t->build(name, settings, options_));
      }
    }
  }
  return Status::Ok();
}

std::shared_ptr<const CharFilter> AnalysisRegistry::LookupCharFilter(std::string_view name) const {
  auto it = char_filters_.find(name);
  if (it != char_filters_.end()) return it->second;
  return BuiltinCharFilter(name);
}

std::shared_ptr<const TokenizerFactory> AnalysisRegistry::LookupTokenizer(
    std::string_view name) const {
  auto it = tokenizers_.find(name);
  if (it != tokenizers_.end()) return it->second;
  return BuiltinTokenizer(name);
}

std::shared_ptr<const TokenFilterFactory> AnalysisRegistry::LookupFilter(
    std::string_view name) const {
  auto it = filters_.find(name);
  if (it != filters_.end()) return it->second;
  return BuiltinTokenFilter(name);
}

Result<Analyzer::Filters> AnalysisRegistry::BindFilters(
    const Analyzer::CharFilters& char_filters,
    const std::shared_ptr<const TokenizerFactory>& tokenizer,
    const Analyzer::Filters& filters) const {
  Analyzer::Filters bound;
  for (const auto& f : filters) {
    AnalysisChain chain{char_filters, tokenizer, bound};
    QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const TokenFilterFactory> b, f->BindToChain(chain));
    bound.push_back(b ? b : f);
  }
  return bound;
}

Result<std::shared_ptr<const Analyzer>> AnalysisRegistry::BuildCustom(
    const std::string& name, const json::object& def) const {
  static const std::string_view kAllowed[] = {
      "type",       "tokenizer", "char_filter", "filter", "position_increment_gap",
      "offset_gap", "version"};
  for (const auto& kv : def) {
    if (std::find(std::begin(kAllowed), std::end(kAllowed), kv.key()) == std::end(kAllowed)) {
      return IllegalArgument("Custom analyzer [" + name + "] does not support [" +
                             std::string(kv.key()) + "]");
    }
  }
  Settings settings(&def);
  std::optional<std::string> tokenizer_name = settings.GetString("tokenizer");
  if (!tokenizer_name) {
    return IllegalArgument("Custom Analyzer [" + name + "] must be configured with a tokenizer");
  }
  std::shared_ptr<const TokenizerFactory> tokenizer = LookupTokenizer(*tokenizer_name);
  if (!tokenizer) {
    return IllegalArgument("Custom Analyzer [" + name + "] failed to find tokenizer under name [" +
                           *tokenizer_name + "]");
  }
  Analyzer::CharFilters char_filters;
  for (const std::string& n : NameList(def, "char_filter")) {
    auto cf = LookupCharFilter(n);
    if (!cf) {
      return IllegalArgument("Custom Analyzer [" + name +
                             "] failed to find char_filter under name [" + n + "]");
    }
    char_filters.push_back(std::move(cf));
  }
  Analyzer::Filters filters;
  for (const std::string& n : NameList(def, "filter")) {
    auto f = LookupFilter(n);
    if (!f) {
      return IllegalArgument("Custom Analyzer [" + name + "] failed to find filter under name [" +
                             n + "]");
    }
    filters.push_back(std::move(f));
  }
  QUIVER_ASSIGN_OR_RETURN(Analyzer::Filters bound, BindFilters(char_filters, tokenizer, filters));
  QUIVER_ASSIGN_OR_RETURN(int64_t gap,
                          settings.GetInt("position_increment_gap", kIndexPositionIncrementGap));
  QUIVER_ASSIGN_OR_RETURN(int64_t offset_gap, settings.GetInt("offset_gap", -1));
  AnalyzerOptions options;
  options.position_increment_gap = static_cast<int32_t>(gap);
  options.offset_gap = offset_gap < 0 ? 1 : static_cast<int32_t>(offset_gap);
  options.custom = true;
  return Analyzer::Create(name, std::move(char_filters), std::move(tokenizer), std::move(bound),
                          options);
}

Status AnalysisRegistry::BuildAnalyzers(const json::object& analysis) {
  if (const json::object* section = Section(analysis, "analyzer")) {
    for (const auto& kv : *section) {
      const std::string name(kv.key());
      if (name == "default_index") {
        return IllegalArgument(
            "setting [index.analysis.analyzer.default_index] is not supported anymore, use "
            "[index.analysis.analyzer.default] instead");
      }
      if (!name.empty() && name[0] == '_') {
        return IllegalArgument("analyzer name must not start with '_'. got \"" + name + "\"");
      }
      if (!kv.value().is_object()) {
        return IllegalArgument("analyzer [" + name +
                               "] must specify either an analyzer type, or a tokenizer");
      }
      const json::object& def = kv.value().get_object();
      Settings settings(&def);
      std::optional<std::string> type = settings.GetString("type");
      std::shared_ptr<const Analyzer> analyzer;
      if (!type || *type == "custom") {
        if (!type && !settings.Has("tokenizer")) {
          return IllegalArgument("analyzer [" + name +
                                 "] must specify either an analyzer type, or a tokenizer");
        }
        QUIVER_ASSIGN_OR_RETURN(analyzer, BuildCustom(name, def));
      } else if (IsAnalyzerType(*type)) {
        AnalyzerOptions options;
        options.position_increment_gap = kIndexPositionIncrementGap;
        QUIVER_ASSIGN_OR_RETURN(analyzer, BuildAnalyzerOfType(*type, name, settings, options));
      } else {
        return IllegalArgument("Unknown analyzer type [" + *type + "] for [" + name + "]");
      }
      analyzers_[name] = std::move(analyzer);
    }
  }
  // Pre-built analyzers, with the index-level position_increment_gap.
  for (const auto& [name, builtin] : BuiltinAnalyzers()) {
    if (analyzers_.count(name)) continue;
    AnalyzerOptions options = builtin->options();
    options.position_increment_gap = kIndexPositionIncrementGap;
    analyzers_[name] = builtin->WithNameAndOptions(name, options);
  }
  auto find = [&](std::string_view n) -> std::shared_ptr<const Analyzer> {
    auto it = analyzers_.find(n);
    return it == analyzers_.end() ? nullptr : it->second;
  };
  default_ = find("default");
  if (!default_) {
    AnalyzerOptions options;
    options.position_increment_gap = kIndexPositionIncrementGap;
    default_ = BuiltinAnalyzers().at("standard")->WithNameAndOptions("default", options);
    analyzers_["default"] = default_;
  }
  default_search_ = find("default_search");
  if (!default_search_) default_search_ = default_;
  default_search_quoted_ = find("default_search_quoted");
  if (!default_search_quoted_) default_search_quoted_ = default_search_;
  return Status::Ok();
}

Result<std::shared_ptr<const Analyzer>> AnalysisRegistry::BuildCustomNormalizer(
    const std::string& name, const json::object& def) const {
  Settings settings(&def);
  if (settings.Has("tokenizer")) {
    return IllegalArgument("Custom normalizer [" + name + "] cannot configure a tokenizer");
  }
  Analyzer::CharFilters char_filters;
  for (const std::string& n : NameList(def, "char_filter")) {
    auto cf = LookupCharFilter(n);
    if (!cf) {
      return IllegalArgument("Custom normalizer [" + name +
                             "] failed to find char_filter under name [" + n + "]");
    }
    if (!cf->normalizing()) {
      return IllegalArgument("Custom normalizer [" + name + "] may not use char filter [" + n +
                             "]");
    }
    char_filters.push_back(std::move(cf));
  }
  Analyzer::Filters filters;
  for (const std::string& n : NameList(def, "filter")) {
    auto f = LookupFilter(n);
    if (!f) {
      return IllegalArgument("Custom Analyzer [" + name + "] failed to find filter under name [" +
                             n + "]");
    }
    if (!f->normalizing()) {
      return IllegalArgument("Custom normalizer [" + name + "] may not use filter [" + n + "]");
    }
    filters.push_back(std::move(f));
  }
  AnalyzerOptions options;
  options.custom = true;
  options.normalizer = true;
  return Analyzer::Create(name, std::move(char_filters), BuiltinTokenizer("keyword"),
                          std::move(filters), options);
}

Status AnalysisRegistry::BuildNormalizers(const json::object& analysis) {
  if (const json::object* section = Section(analysis, "normalizer")) {
    for (const auto& kv : *section) {
      const std::string name(kv.key());
      if (!kv.value().is_object()) {
        return IllegalArgument("normalizer [" + name + "] must be an object");
      }
      const json::object& def = kv.value().get_object();
      std::optional<std::string> type = Settings(&def).GetString("type");
      if (type && *type != "custom") {
        return IllegalArgument("Unknown normalizer type [" + *type + "] for [" + name + "]");
      }
      QUIVER_ASSIGN_OR_RETURN(normalizers_[name], BuildCustomNormalizer(name, def));
    }
  }
  if (!normalizers_.count("lowercase")) {
    normalizers_.emplace("lowercase", BuiltinLowercaseNormalizer());
  }
  return Status::Ok();
}

std::shared_ptr<const Analyzer> AnalysisRegistry::FindAnalyzer(std::string_view name) const {
  auto it = analyzers_.find(name);
  return it == analyzers_.end() ? nullptr : it->second;
}

std::shared_ptr<const Analyzer> AnalysisRegistry::FindNormalizer(std::string_view name) const {
  auto it = normalizers_.find(name);
  return it == normalizers_.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const Analyzer>> AnalysisRegistry::BuildCustomAnalyzer(
    const json::value* tokenizer, const json::value* char_filters, const json::value* filters,
    bool normalizer) const {
  // Resolves one component given by name or by an inline definition.
  auto missing = [&](int kind, const std::string& what) {
    return IllegalArgument(std::string("failed to find ") + (global_ ? "global " : "") +
                           KindName(kind) + " under [" + what + "]");
  };
  auto anonymous = [&](int kind, const json::value& v, std::string* type) -> Status {
    const json::object& def = v.get_object();
    std::optional<std::string> t = Settings(&def).GetString("type");
    if (!t) {
      return IllegalArgument(std::string("Missing [type] setting for anonymous ") + KindName(kind) +
                             ": " + json::serialize(v));
    }
    *type = *t;
    return Status::Ok();
  };
  auto not_name_or_object = [&](int kind) {
    return Status::ParseError(std::string("Expected [VALUE_STRING] or [START_OBJECT] for [") +
                              KindName(kind) + "]")
        .WithType("x_content_parse_exception");
  };

  std::shared_ptr<const TokenizerFactory> tok;
  if (tokenizer == nullptr) {
    tok = BuiltinTokenizer("keyword");
  } else if (tokenizer->is_string()) {
    const std::string n(tokenizer->get_string());
    tok = LookupTokenizer(n);
    if (!tok) return missing(1, n);
  } else if (tokenizer->is_object()) {
    std::string type;
    QUIVER_RETURN_IF_ERROR(anonymous(1, *tokenizer, &type));
    const auto* t = FindTokenizerType(type);
    if (t == nullptr)
      return IllegalArgument("failed to find global tokenizer under [" + type + "]");
    QUIVER_ASSIGN_OR_RETURN(
        tok, t->build("__anonymous__" + type, Settings(&tokenizer->get_object()), options_));
  } else {
    return not_name_or_object(1);
  }

  auto as_list = [](const json::value* v) {
    json::array out;
    if (v == nullptr || v->is_null()) return out;
    if (v->is_array()) return v->get_array();
    out.push_back(*v);
    return out;
  };

  Analyzer::CharFilters cfs;
  for (const json::value& v : as_list(char_filters)) {
    if (v.is_string()) {
      const std::string n(v.get_string());
      auto cf = LookupCharFilter(n);
      if (!cf) return missing(0, n);
      cfs.push_back(std::move(cf));
    } else if (v.is_object()) {
      std::string type;
      QUIVER_RETURN_IF_ERROR(anonymous(0, v, &type));
      const auto* t = FindCharFilterType(type);
      if (t == nullptr) {
        return IllegalArgument("failed to find global char_filter under [" + type + "]");
      }
      QUIVER_ASSIGN_OR_RETURN(
          auto cf, t->build("__anonymous__" + type, Settings(&v.get_object()), options_));
      cfs.push_back(std::move(cf));
    } else {
      return not_name_or_object(0);
    }
  }

  Analyzer::Filters fs;
  for (const json::value& v : as_list(filters)) {
    std::shared_ptr<const TokenFilterFactory> f;
    if (v.is_string()) {
      const std::string n(v.get_string());
      f = LookupFilter(n);
      if (!f) return missing(2, n);
    } else if (v.is_object()) {
      std::string type;
      QUIVER_RETURN_IF_ERROR(anonymous(2, v, &type));
      const auto* t = FindTokenFilterType(type);
      if (t == nullptr) return IllegalArgument("failed to find global filter under [" + type + "]");
      QUIVER_ASSIGN_OR_RETURN(
          f, t->build("__anonymous__" + type, Settings(&v.get_object()), options_));
    } else {
      return not_name_or_object(2);
    }
    if (normalizer && !f->normalizing()) {
      return IllegalArgument("Custom normalizer may not use filter [" + f->name() + "]");
    }
    fs.push_back(std::move(f));
  }
  QUIVER_ASSIGN_OR_RETURN(Analyzer::Filters bound, BindFilters(cfs, tok, fs));
  AnalyzerOptions options;
  options.position_increment_gap = kIndexPositionIncrementGap;
  options.custom = true;
  options.normalizer = normalizer;
  return Analyzer::Create(normalizer ? "keyword_for_normalizer" : "__custom__", std::move(cfs),
                          std::move(tok), std::move(bound), options);
}

}  // namespace quiver::analysis
