// Tokenizer types with ES parameters: standard, classic, uax_url_email,
// keyword, whitespace, letter, lowercase, char_group, ngram, edge_ngram,
// pattern, simple_pattern, simple_pattern_split, path_hierarchy, thai.
#include <unicode/uchar.h>

#include <map>
#include <mutex>

#include "analysis/builtin_components.h"
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

constexpr int kMaxTokenLengthLimit = 1024 * 1024;

Result<int> MaxTokenLength(const Settings& s, bool char_tokenizer) {
  QUIVER_ASSIGN_OR_RETURN(int64_t len, s.GetInt("max_token_length", kDefaultMaxTokenLength));
  if (char_tokenizer && (len <= 0 || len > kMaxTokenLengthLimit)) {
    return IllegalArgument("maxTokenLen must be greater than 0 and less than " +
                           std::to_string(kMaxTokenLengthLimit) +
                           " passed: " + std::to_string(len));
  }
  if (len < 1) return IllegalArgument("maxTokenLength must be greater than zero");
  if (len > kMaxTokenLengthLimit) {
    return IllegalArgument("maxTokenLength may not exceed " + std::to_string(kMaxTokenLengthLimit));
  }
  return static_cast<int>(len);
}

// One character of tokenize_on_chars / custom_token_chars: a literal
// character or an escape (\n \r \t \f \b \' \" \\ \uXXXX).
bool ParseCharSpec(std::string_view s, char32_t* out) {
  if (s.empty()) return false;
  char32_t first;
  size_t n = DecodeUtf8(s, 0, &first);
  if (n == s.size()) {
    *out = first;
    return true;
  }
  if (s[0] != '\\') return false;
  if (s.size() == 2) {
    switch (s[1]) {
      case 'n':
        *out = '\n';
        return true;
      case 'r':
        *out = '\r';
        return true;
      case 't':
        *out = '\t';
        return true;
      case 'f':
        *out = '\f';
        return true;
      case 'b':
        *out = '\b';
        return true;
      case '\'':
        *out = '\'';
        return true;
      case '"':
        *out = '"';
        return true;
      case '\\':
        *out = '\\';
        return true;
      default:
        return false;
    }
  }
  if (s.size() == 6 && s[1] == 'u') {
    uint32_t v = 0;
    for (size_t i = 2; i < 6; ++i) {
      const char h = s[i];
      int d = (h >= '0' && h <= '9')   ? h - '0'
              : (h >= 'a' && h <= 'f') ? h - 'a' + 10
              : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                       : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<uint32_t>(d);
    }
    *out = v;
    return true;
  }
  return false;
}

// Java Character category constant names, lowercased (ES accepts them in token_chars).
int UnicodeCategory(std::string_view name) {
  static const std::pair<std::string_view, int> kCategories[] = {
      {"unassigned", U_UNASSIGNED},
      {"uppercase_letter", U_UPPERCASE_LETTER},
      {"lowercase_letter", U_LOWERCASE_LETTER},
      {"titlecase_letter", U_TITLECASE_LETTER},
      {"modifier_letter", U_MODIFIER_LETTER},
      {"other_letter", U_OTHER_LETTER},
      {"non_spacing_mark", U_NON_SPACING_MARK},
      {"enclosing_mark", U_ENCLOSING_MARK},
      {"combining_spacing_mark", U_COMBINING_SPACING_MARK},
      {"decimal_digit_number", U_DECIMAL_DIGIT_NUMBER},
      {"letter_number", U_LETTER_NUMBER},
      {"other_number", U_OTHER_NUMBER},
      {"space_separator", U_SPACE_SEPARATOR},
      {"line_separator", U_LINE_SEPARATOR},
      {"paragraph_separator", U_PARAGRAPH_SEPARATOR},
      {"control", U_CONTROL_CHAR},
      {"format", U_FORMAT_CHAR},
      {"private_use", U_PRIVATE_USE_CHAR},
      {"surrogate", U_SURROGATE},
      {"dash_punctuation", U_DASH_PUNCTUATION},
      {"start_punctuation", U_START_PUNCTUATION},
      {"end_punctuation", U_END_PUNCTUATION},
      {"connector_punctuation", U_CONNECTOR_PUNCTUATION},
      {"other_punctuation", U_OTHER_PUNCTUATION},
      {"math_symbol", U_MATH_SYMBOL},
      {"currency_symbol", U_CURRENCY_SYMBOL},
      {"modifier_symbol", U_MODIFIER_SYMBOL},
      {"other_symbol", U_OTHER_SYMBOL},
      {"initial_quote_punctuation", U_INITIAL_PUNCTUATION},
      {"final_quote_punctuation", U_FINAL_PUNCTUATION},
  };
  for (const auto& [n, c] : kCategories) {
    if (n == name) return c;
  }
  return -1;
}

Result<CharClassSet> ParseTokenChars(const Settings& s) {
  CharClassSet set;
  for (const std::string& raw : s.GetList("token_chars").value_or(std::vector<std::string>{})) {
    const std::string c = AsciiLower(TrimWhitespace(raw));
    if (c == "letter") {
      set.letter = true;
    } else if (c == "digit") {
      set.digit = true;
    } else if (c == "whitespace") {
      set.whitespace = true;
    } else if (c == "punctuation") {
      set.punctuation = true;
    } else if (c == "symbol") {
      set.symbol = true;
    } else if (c == "custom") {
      std::optional<std::string> custom = s.GetString("custom_token_chars");
      if (!custom) {
        return IllegalArgument("Token type: 'custom' requires setting `custom_token_chars`");
      }
      std::u32string cps;
      DecodeUtf8(*custom, &cps);
      set.chars += cps;
    } else if (int category = UnicodeCategory(c); category >= 0) {
      set.categories |= 1u << category;
    } else {
      return IllegalArgument("Unknown token type: '" + c +
                             "', must be one of [letter, digit, whitespace, punctuation, symbol, "
                             "custom] or a Unicode category (e.g. uppercase_letter)");
    }
  }
  return set;
}

Result<std::shared_ptr<const TokenizerFactory>> BuildStandard(const std::string& name,
                                                              const Settings& s,
                                                              const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int len, MaxTokenLength(s, false));
  return NewStandardTokenizerFactory(name, len);
}

Result<std::shared_ptr<const TokenizerFactory>> BuildClassic(const std::string& name,
                                                             const Settings& s,
                                                             const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int len, MaxTokenLength(s, false));
  return NewClassicTokenizerFactory(name, len);
}

Result<std::shared_ptr<const TokenizerFactory>> BuildUaxUrlEmail(const std::string& name,
                                                                 const Settings& s,
                                                                 const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int len, MaxTokenLength(s, false));
  return NewUaxUrlEmailTokenizerFactory(name, len);
}

Result<std::shared_ptr<const TokenizerFactory>> BuildKeyword(const std::string& name,
                                                             const Settings& s,
                                                             const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int64_t buffer, s.GetInt("buffer_size", 256));
  if (buffer <= 0 || buffer > kMaxTokenLengthLimit) {
    return IllegalArgument("maxTokenLen must be greater than 0 and less than " +
                           std::to_string(kMaxTokenLengthLimit) +
                           " passed: " + std::to_string(buffer));
  }
  return NewKeywordTokenizerFactory(name);
}

Result<std::shared_ptr<const TokenizerFactory>> BuildCharTokenizer(
    const std::string& name, const Settings& s, CharTokenizerOptions::Kind kind) {
  CharTokenizerOptions options;
  options.kind = kind;
  if (kind == CharTokenizerOptions::Kind::kWhitespace ||
      kind == CharTokenizerOptions::Kind::kCharGroup) {
    QUIVER_ASSIGN_OR_RETURN(options.max_token_length, MaxTokenLength(s, true));
  }
  if (kind == CharTokenizerOptions::Kind::kCharGroup) {
    for (const std::string& c :
         s.GetList("tokenize_on_chars").value_or(std::vector<std::string>{})) {
      if (c.empty()) return IllegalArgument("[tokenize_on_chars] cannot contain empty characters");
      if (c == "letter") {
        options.split_on.letter = true;
      } else if (c == "digit") {
        options.split_on.digit = true;
      } else if (c == "whitespace") {
        options.split_on.whitespace = true;
      } else if (c == "punctuation") {
        options.split_on.punctuation = true;
      } else if (c == "symbol") {
        options.split_on.symbol = true;
      } else {
        char32_t cp;
        if (!ParseCharSpec(c, &cp)) return IllegalArgument("Invalid escaped char in [" + c + "]");
        options.split_on.chars.push_back(cp);
      }
    }
  }
  return NewCharTokenizerFactory(name, std::move(options));
}

Result<std::shared_ptr<const TokenizerFactory>> BuildNGram(const std::string& name,
                                                           const Settings& s,
                                                           const AnalysisOptions& options,
                                                           bool edge) {
  NGramTokenizerOptions o;
  o.edges_only = edge;
  QUIVER_ASSIGN_OR_RETURN(int64_t min, s.GetInt("min_gram", 1));
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_gram", 2));
  if (!edge && max - min > options.max_ngram_diff) {
    return IllegalArgument(
        "The difference between max_gram and min_gram in NGram Tokenizer must be less than or "
        "equal to: [" +
        std::to_string(options.max_ngram_diff) + "] but was [" + std::to_string(max - min) +
        "]. This limit can be set by changing the [index.max_ngram_diff] index level setting.");
  }
  if (min < 1) return IllegalArgument("minGram must be greater than zero");
  if (min > max) return IllegalArgument("minGram must not be greater than maxGram");
  o.min_gram = static_cast<int>(min);
  o.max_gram = static_cast<int>(max);
  QUIVER_ASSIGN_OR_RETURN(o.token_chars, ParseTokenChars(s));
  return NewNGramTokenizerFactory(name, std::move(o));
}

Result<std::shared_ptr<const TokenizerFactory>> BuildPattern(const std::string& name,
                                                             const Settings& s,
                                                             const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> regex,
                          Regex::Compile(s.GetString("pattern", "\\W+"), s.GetString("flags", "")));
  QUIVER_ASSIGN_OR_RETURN(int64_t group, s.GetInt("group", -1));
  if (group > regex->group_count()) {
    return IllegalArgument("invalid group specified: pattern only has: " +
                           std::to_string(regex->group_count()) + " capturing groups");
  }
  return NewPatternTokenizerFactory(name, std::move(regex), static_cast<int>(group));
}

Result<std::shared_ptr<const TokenizerFactory>> BuildSimplePattern(const std::string& name,
                                                                   const Settings& s, bool split) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> regex,
                          Regex::Compile(s.GetString("pattern", ""), ""));
  return NewSimplePatternTokenizerFactory(name, std::move(regex), split);
}

Result<std::shared_ptr<const TokenizerFactory>> BuildPathHierarchy(const std::string& name,
                                                                   const Settings& s,
                                                                   const AnalysisOptions&) {
  PathHierarchyOptions o;
  auto one_char = [](const std::string& v, char32_t* out) {
    char32_t cp;
    if (v.empty() || DecodeUtf8(v, 0, &cp) != v.size()) return false;
    *out = cp;
    return true;
  };
  if (std::optional<std::string> d = s.GetString("delimiter")) {
    if (!one_char(*d, &o.delimiter)) return IllegalArgument("delimiter must be a one char value");
  }
  o.replacement = o.delimiter;
  if (std::optional<std::string> r = s.GetString("replacement")) {
    if (!one_char(*r, &o.replacement)) {
      return IllegalArgument("replacement must be a one char value");
    }
  }
  QUIVER_ASSIGN_OR_RETURN(int64_t buffer, s.GetInt("buffer_size", 1024));
  if (buffer < 0) return IllegalArgument("bufferSize cannot be negative");
  QUIVER_ASSIGN_OR_RETURN(int64_t skip, s.GetInt("skip", 0));
  if (skip < 0) return IllegalArgument("skip cannot be negative");
  o.skip = static_cast<int>(skip);
  QUIVER_ASSIGN_OR_RETURN(o.reverse, s.GetBool("reverse", false));
  return NewPathHierarchyTokenizerFactory(name, o);
}

#define CHAR_TOKENIZER(fn, kind)                                                                 \
  Result<std::shared_ptr<const TokenizerFactory>> fn(const std::string& name, const Settings& s, \
                                                     const AnalysisOptions&) {                   \
    return BuildCharTokenizer(name, s, CharTokenizerOptions::Kind::kind);                        \
  }
CHAR_TOKENIZER(BuildWhitespace, kWhitespace)
CHAR_TOKENIZER(BuildLetter, kLetter)
CHAR_TOKENIZER(BuildLowercase, kLowercase)
CHAR_TOKENIZER(BuildCharGroup, kCharGroup)
#undef CHAR_TOKENIZER

Result<std::shared_ptr<const TokenizerFactory>> BuildNGramType(const std::string& name,
                                                               const Settings& s,
                                                               const AnalysisOptions& o) {
  return BuildNGram(name, s, o, false);
}
Result<std::shared_ptr<const TokenizerFactory>> BuildEdgeNGramType(const std::string& name,
                                                                   const Settings& s,
                                                                   const AnalysisOptions& o) {
  return BuildNGram(name, s, o, true);
}
Result<std::shared_ptr<const TokenizerFactory>> BuildSimplePatternType(const std::string& name,
                                                                       const Settings& s,
                                                                       const AnalysisOptions&) {
  return BuildSimplePattern(name, s, false);
}
Result<std::shared_ptr<const TokenizerFactory>> BuildSimplePatternSplitType(
    const std::string& name, const Settings& s, const AnalysisOptions&) {
  return BuildSimplePattern(name, s, true);
}
Result<std::shared_ptr<const TokenizerFactory>> BuildThai(const std::string& name, const Settings&,
                                                          const AnalysisOptions&) {
  return NewThaiTokenizerFactory(name);
}

const ComponentType<TokenizerFactory> kTokenizerTypes[] = {
    {"standard", BuildStandard},
    {"classic", BuildClassic},
    {"uax_url_email", BuildUaxUrlEmail},
    {"keyword", BuildKeyword},
    {"whitespace", BuildWhitespace},
    {"letter", BuildLetter},
    {"lowercase", BuildLowercase},
    {"char_group", BuildCharGroup},
    {"ngram", BuildNGramType},
    {"nGram", BuildNGramType},
    {"edge_ngram", BuildEdgeNGramType},
    {"edgeNGram", BuildEdgeNGramType},
    {"pattern", BuildPattern},
    {"simple_pattern", BuildSimplePatternType},
    {"simple_pattern_split", BuildSimplePatternSplitType},
    {"path_hierarchy", BuildPathHierarchy},
    {"PathHierarchy", BuildPathHierarchy},
    {"thai", BuildThai},
};

}  // namespace

const ComponentType<TokenizerFactory>* FindTokenizerType(std::string_view type) {
  for (const auto& t : kTokenizerTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

std::shared_ptr<const TokenizerFactory> BuiltinTokenizer(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TokenizerFactory>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const ComponentType<TokenizerFactory>* type = FindTokenizerType(name);
  if (type == nullptr || type->requires_settings) return nullptr;
  auto built = type->build(std::string(name), Settings(), AnalysisOptions{});
  std::shared_ptr<const TokenizerFactory> factory = built.ok() ? *built : nullptr;
  cache.emplace(std::string(name), factory);
  return factory;
}

}  // namespace quiver::analysis
