// Analyzer types of Elasticsearch with their Lucene compositions:
//   standard    standard tokenizer, lowercase, stop (stopwords: none)
//   simple      letter tokenizer + lowercase
//   whitespace  whitespace tokenizer
//   keyword     keyword tokenizer
//   stop        letter tokenizer, lowercase, stop (_english_)
//   pattern     pattern tokenizer (\W+), lowercase, stop (none)
//   fingerprint standard, lowercase, asciifolding, stop (none), fingerprint
//   snowball    standard, lowercase, stop, snowball (legacy)
//   <language>  Lucene's <Language>Analyzer chain (see LanguageChain)
// Language analyzers accept `stopwords` (default: the language's list) and
// `stem_exclusion` (words protected from stemming).
#include <map>
#include <mutex>

#include "analysis/builtin_components.h"
#include "analysis/stemmers.h"
#include "analysis/stopwords.h"
#include "analysis/token_filters.h"
#include "analysis/tokenizers.h"

namespace quiver::analysis {
namespace {

using AnalyzerResult = Result<std::shared_ptr<const Analyzer>>;

std::shared_ptr<const TokenFilterFactory> Lowercase() {
  static const auto f = NewCaseFilterFactory("lowercase", CaseMode::kLower);
  return f;
}

std::shared_ptr<const TokenizerFactory> StandardTokenizer() {
  static const auto t = NewStandardTokenizerFactory("standard");
  return t;
}

std::shared_ptr<const TokenizerFactory> CharTokenizer(const char* name,
                                                      CharTokenizerOptions::Kind kind) {
  CharTokenizerOptions options;
  options.kind = kind;
  return NewCharTokenizerFactory(name, options);
}

std::shared_ptr<const TokenizerFactory> LetterTokenizer() {
  static const auto t = CharTokenizer("letter", CharTokenizerOptions::Kind::kLetter);
  return t;
}

// The stop filter for `stopwords` (default `default_list`, "" for none);
// nullptr when the resulting set is empty.
Result<std::shared_ptr<const TokenFilterFactory>> StopFilter(const Settings& s,
                                                             std::string_view default_list) {
  QUIVER_ASSIGN_OR_RETURN(auto words, ParseWordList(s, "stopwords", true));
  std::vector<std::string> list;
  if (words) {
    list = std::move(*words);
  } else if (!default_list.empty()) {
    list = NamedStopWords(default_list).value_or(std::vector<std::string>{});
  }
  if (list.empty()) return std::shared_ptr<const TokenFilterFactory>();
  QUIVER_ASSIGN_OR_RETURN(bool ignore_case, s.GetBool("stopwords_case", false));
  return NewStopFilterFactory("stop", std::make_shared<WordSet>(list, ignore_case));
}

Result<std::shared_ptr<const TokenFilterFactory>> StemExclusion(const Settings& s) {
  QUIVER_ASSIGN_OR_RETURN(auto words, ParseWordList(s, "stem_exclusion", false));
  if (!words || words->empty()) return std::shared_ptr<const TokenFilterFactory>();
  return NewKeywordMarkerFilterFactory("keyword_marker", std::make_shared<WordSet>(*words, false),
                                       nullptr);
}

std::shared_ptr<const TokenFilterFactory> ElisionOf(std::vector<std::string> articles) {
  return NewElisionFilterFactory("elision", std::make_shared<WordSet>(articles, true));
}

struct Language {
  std::string_view name;
  std::string_view stop_list;  // "_english_"; empty when not compiled in
  std::string_view stemmer;    // stem algorithm; empty for none
};

// Lucene 9 language analyzers. Stemmers in parentheses are Lucene's own
// algorithms replaced by the Snowball stemmer of the language here.
constexpr Language kLanguages[] = {
    {"arabic", "", "arabic"},  // (ArabicStemFilter)
    {"armenian", "", "armenian"},
    {"basque", "", "basque"},
    {"bengali", "", ""},              // (BengaliStemmer) not available
    {"brazilian", "", "portuguese"},  // (BrazilianStemmer)
    {"bulgarian", "", ""},            // (BulgarianStemmer) not available
    {"catalan", "", "catalan"},
    {"chinese", "", ""},  // ES: StandardAnalyzer
    {"cjk", "", ""},
    {"czech", "", ""},  // (CzechStemmer) not available
    {"danish", "_danish_", "danish"},
    {"dutch", "_dutch_", "dutch"},
    {"english", "_english_", "porter"},
    {"estonian", "", ""},  // Snowball Estonian not in libstemmer 2.2
    {"finnish", "_finnish_", "finnish"},
    {"french", "_french_", "light_french"},
    {"galician", "", ""},  // (GalicianStemmer) not available
    {"german", "_german_", "light_german"},
    {"greek", "", "greek"},  // (GreekStemmer)
    {"hindi", "", "hindi"},  // (HindiStemmer)
    {"hungarian", "_hungarian_", "hungarian"},
    {"indonesian", "", "indonesian"},  // (IndonesianStemmer)
    {"irish", "", "irish"},
    {"italian", "_italian_", "light_italian"},
    {"latvian", "", ""},  // (LatvianStemmer) not available
    {"lithuanian", "", "lithuanian"},
    {"norwegian", "_norwegian_", "norwegian"},
    {"persian", "", ""},
    {"portuguese", "_portuguese_", "light_portuguese"},
    {"romanian", "", "romanian"},
    {"russian", "_russian_", "russian"},
    {"serbian", "", "serbian"},
    {"sorani", "", ""},  // (SoraniStemmer) not available
    {"spanish", "_spanish_", "light_spanish"},
    {"swedish", "_swedish_", "swedish"},
    {"thai", "", ""},
    {"turkish", "", "turkish"},
};

const Language* FindLanguage(std::string_view name) {
  for (const Language& l : kLanguages) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

AnalyzerResult BuildLanguage(const Language& lang, const std::string& name, const Settings& s,
                             AnalyzerOptions options) {
  const std::string_view n = lang.name;
  Analyzer::Filters filters;
  std::shared_ptr<const TokenizerFactory> tokenizer = StandardTokenizer();
  QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, lang.stop_list));
  QUIVER_ASSIGN_OR_RETURN(auto exclusion, StemExclusion(s));
  auto add = [&](std::shared_ptr<const TokenFilterFactory> f) {
    if (f) filters.push_back(std::move(f));
  };
  if (n == "english") {
    add(NewStemmerFilterFactory("possessive_english", "possessive_english"));
    add(Lowercase());
  } else if (n == "french") {
    add(ElisionOf(
        {"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"}));
    add(Lowercase());
  } else if (n == "italian") {
    add(ElisionOf({"c",    "l",    "all", "dall", "dell", "nell", "sull",
                   "coll", "pell", "gl",  "agl",  "dagl", "degl", "negl",
                   "sugl", "un",   "m",   "t",    "s",    "v",    "d"}));
    add(Lowercase());
  } else if (n == "catalan") {
    add(ElisionOf({"d", "l", "m", "n", "s", "t"}));
    add(Lowercase());
  } else if (n == "irish") {
    add(NewStopFilterFactory(
        "irish_hyphenation",
        std::make_shared<WordSet>(std::vector<std::string>{"h", "n", "t"}, true)));
    add(ElisionOf({"d", "m", "b"}));
    add(NewCaseFilterFactory("irish_lowercase", CaseMode::kIrishLower));
  } else if (n == "turkish") {
    add(NewApostropheFilterFactory("apostrophe"));
    add(NewCaseFilterFactory("turkish_lowercase", CaseMode::kTurkishLower));
  } else if (n == "greek") {
    add(NewCaseFilterFactory("greek_lowercase", CaseMode::kGreekLower));
  } else if (n == "arabic" || n == "hindi" || n == "persian" || n == "bengali" || n == "sorani") {
    add(Lowercase());
    add(NewDecimalDigitFilterFactory("decimal_digit"));
  } else if (n == "thai") {
    tokenizer = NewThaiTokenizerFactory("thai");
    add(Lowercase());
    add(NewDecimalDigitFilterFactory("decimal_digit"));
  } else if (n == "cjk") {
    add(NewCjkWidthFilterFactory("cjk_width"));
    add(Lowercase());
    add(NewCjkBigramFilterFactory("cjk_bigram", CjkBigramOptions{}));
  } else {
    add(Lowercase());
  }
  if (n == "cjk" && !s.Has("stopwords")) {
    // CJKAnalyzer's default stop set: English function words plus web noise.
    stop = NewStopFilterFactory(
        "stop", std::make_shared<WordSet>(
                    std::vector<std::string>{
                        "a",     "and",  "are",  "as", "at",   "be",   "but",   "by",   "for",
                        "if",    "in",   "into", "is", "it",   "no",   "not",   "of",   "on",
                        "or",    "s",    "such", "t",  "that", "the",  "their", "then", "there",
                        "these", "they", "this", "to", "was",  "will", "with",  "www"},
                    false));
  }
  add(stop);
  add(exclusion);
  if (n == "german") add(NewGermanNormalizationFilterFactory("german_normalization"));
  if (n == "dutch") {
    // DutchAnalyzer's default stem dictionary.
    add(NewStemmerOverrideFilterFactory(
        "dutch_override",
        {{"fiets", "fiets"}, {"bromfiets", "bromfiets"}, {"ei", "eier"}, {"kind", "kinder"}}));
  }
  if (!lang.stemmer.empty()) add(NewStemmerFilterFactory("stemmer", std::string(lang.stemmer)));
  return Analyzer::Create(name, {}, tokenizer, std::move(filters), options);
}

AnalyzerResult BuildStandard(const std::string& name, const Settings& s, AnalyzerOptions options) {
  QUIVER_ASSIGN_OR_RETURN(int64_t len, s.GetInt("max_token_length", kDefaultMaxTokenLength));
  if (len < 1) return IllegalArgument("maxTokenLength must be greater than zero");
  QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, ""));
  Analyzer::Filters filters{Lowercase()};
  if (stop) filters.push_back(stop);
  auto tokenizer = len == kDefaultMaxTokenLength
                       ? StandardTokenizer()
                       : NewStandardTokenizerFactory("standard", static_cast<int>(len));
  return Analyzer::Create(name, {}, tokenizer, std::move(filters), options);
}

AnalyzerResult BuildPattern(const std::string& name, const Settings& s, AnalyzerOptions options) {
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> regex,
                          Regex::Compile(s.GetString("pattern", "\\W+"), s.GetString("flags", "")));
  QUIVER_ASSIGN_OR_RETURN(bool lowercase, s.GetBool("lowercase", true));
  QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, ""));
  Analyzer::Filters filters;
  if (lowercase) filters.push_back(Lowercase());
  if (stop) filters.push_back(stop);
  return Analyzer::Create(name, {}, NewPatternTokenizerFactory("pattern", std::move(regex), -1),
                          std::move(filters), options);
}

AnalyzerResult BuildFingerprint(const std::string& name, const Settings& s,
                                AnalyzerOptions options) {
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_output_size", 255));
  QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, ""));
  Analyzer::Filters filters{Lowercase(), NewAsciiFoldingFilterFactory("asciifolding", false)};
  if (stop) filters.push_back(stop);
  filters.push_back(NewFingerprintFilterFactory("fingerprint", s.GetString("separator", " "),
                                                static_cast<int>(max)));
  return Analyzer::Create(name, {}, StandardTokenizer(), std::move(filters), options);
}

AnalyzerResult BuildSnowball(const std::string& name, const Settings& s, AnalyzerOptions options) {
  const std::string language = s.GetString("language", "English");
  std::string algorithm;
  for (char c : language) algorithm.push_back(static_cast<char>(std::tolower(c)));
  if (algorithm == "german2") algorithm = "german";
  if (!HasSnowballAlgorithm(algorithm)) {
    return IllegalArgument("Invalid stemmer class specified: " + language);
  }
  // ES SnowballAnalyzerProvider: default stop words for English, Dutch, German.
  std::string default_stop;
  if (algorithm == "english" || algorithm == "dutch" || algorithm == "german") {
    default_stop = "_" + algorithm + "_";
  }
  QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, default_stop));
  Analyzer::Filters filters;
  filters.push_back(algorithm == "turkish"
                        ? NewCaseFilterFactory("turkish_lowercase", CaseMode::kTurkishLower)
                        : Lowercase());
  if (stop) filters.push_back(stop);
  filters.push_back(NewStemmerFilterFactory("snowball", algorithm));
  return Analyzer::Create(name, {}, StandardTokenizer(), std::move(filters), options);
}

}  // namespace

bool IsAnalyzerType(std::string_view type) {
  static const std::string_view kTypes[] = {"standard", "simple",  "whitespace",  "keyword",
                                            "stop",     "pattern", "fingerprint", "snowball"};
  for (std::string_view t : kTypes) {
    if (t == type) return true;
  }
  return FindLanguage(type) != nullptr;
}

const std::vector<std::string_view>& BuiltinAnalyzerNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out = {"standard", "simple",  "whitespace",  "keyword",
                                         "stop",     "pattern", "fingerprint", "snowball"};
    for (const Language& l : kLanguages) out.push_back(l.name);
    return out;
  }();
  return names;
}

AnalyzerResult BuildAnalyzerOfType(std::string_view type, const std::string& name,
                                   const Settings& s, AnalyzerOptions options) {
  if (type == "standard") return BuildStandard(name, s, options);
  if (type == "simple") {
    return Analyzer::Create(name, {}, LetterTokenizer(), {Lowercase()}, options);
  }
  if (type == "whitespace") {
    static const auto ws = CharTokenizer("whitespace", CharTokenizerOptions::Kind::kWhitespace);
    return Analyzer::Create(name, {}, ws, {}, options);
  }
  if (type == "keyword") {
    static const auto kw = NewKeywordTokenizerFactory("keyword");
    return Analyzer::Create(name, {}, kw, {}, options);
  }
  if (type == "stop") {
    QUIVER_ASSIGN_OR_RETURN(auto stop, StopFilter(s, "_english_"));
    Analyzer::Filters filters{Lowercase()};
    if (stop) filters.push_back(stop);
    return Analyzer::Create(name, {}, LetterTokenizer(), std::move(filters), options);
  }
  if (type == "pattern") return BuildPattern(name, s, options);
  if (type == "fingerprint") return BuildFingerprint(name, s, options);
  if (type == "snowball") return BuildSnowball(name, s, options);
  if (const Language* lang = FindLanguage(type)) {
    if (type == "chinese") return BuildStandard(name, s, options);
    return BuildLanguage(*lang, name, s, options);
  }
  return IllegalArgument("Unknown analyzer type [" + std::string(type) + "] for [" + name + "]");
}

}  // namespace quiver::analysis
