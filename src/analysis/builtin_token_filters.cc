// Token filter types with ES parameters, defaults and errors, and the
// pre-configured filters usable by bare name.
#include <map>
#include <mutex>

#include "analysis/builtin_components.h"
#include "analysis/stemmers.h"
#include "analysis/stopwords.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

using FilterResult = Result<std::shared_ptr<const TokenFilterFactory>>;

// ES stemmer `language` names -> the algorithm used here. Where Lucene uses
// a stemmer that is not available (its own light stemmers for some
// languages), the nearest Snowball algorithm stands in.
struct StemmerLanguage {
  std::string_view language;
  std::string_view algorithm;
};
constexpr StemmerLanguage kStemmerLanguages[] = {
    {"arabic", "arabic"},
    {"armenian", "armenian"},
    {"basque", "basque"},
    {"brazilian", "portuguese"},
    {"catalan", "catalan"},
    {"danish", "danish"},
    {"dutch", "dutch"},
    {"dutch_kp", "dutch"},
    {"english", "porter"},
    {"porter", "porter"},
    {"light_english", "light_english"},
    {"minimal_english", "minimal_english"},
    {"possessive_english", "possessive_english"},
    {"porter2", "english"},
    {"finnish", "finnish"},
    {"light_finnish", "finnish"},
    {"french", "french"},
    {"light_french", "light_french"},
    {"minimal_french", "minimal_french"},
    {"german", "german"},
    {"german2", "german"},
    {"light_german", "light_german"},
    {"minimal_german", "minimal_german"},
    {"greek", "greek"},
    {"hindi", "hindi"},
    {"hungarian", "hungarian"},
    {"light_hungarian", "hungarian"},
    {"indonesian", "indonesian"},
    {"irish", "irish"},
    {"italian", "italian"},
    {"light_italian", "light_italian"},
    {"lithuanian", "lithuanian"},
    {"norwegian", "norwegian"},
    {"light_norwegian", "norwegian"},
    {"minimal_norwegian", "norwegian"},
    {"light_nynorsk", "norwegian"},
    {"minimal_nynorsk", "norwegian"},
    {"portuguese", "portuguese"},
    {"light_portuguese", "light_portuguese"},
    {"minimal_portuguese", "light_portuguese"},
    {"portuguese_rslp", "portuguese"},
    {"romanian", "romanian"},
    {"russian", "russian"},
    {"light_russian", "russian"},
    {"serbian", "serbian"},
    {"spanish", "spanish"},
    {"light_spanish", "light_spanish"},
    {"spanish_plural", "light_spanish"},
    {"swedish", "swedish"},
    {"light_swedish", "swedish"},
    {"turkish", "turkish"},
    {"tamil", "tamil"},
    {"nepali", "nepali"},
    {"yiddish", "yiddish"},
};

FilterResult Stemmer(const std::string& name, std::string_view language) {
  for (const StemmerLanguage& l : kStemmerLanguages) {
    if (l.language == language) {
      auto f = NewStemmerFilterFactory(name, std::string(l.algorithm));
      if (f) return f;
    }
  }
  return IllegalArgument("stemmer language [" + std::string(language) +
                         "] is not supported (no stemming algorithm is available for it)");
}

FilterResult BuildLowercase(const std::string& name, const Settings& s, const AnalysisOptions&) {
  std::optional<std::string> language = s.GetString("language");
  if (!language) return NewCaseFilterFactory(name, CaseMode::kLower);
  const std::string lang = AsciiLower(*language);
  if (lang == "greek") return NewCaseFilterFactory(name, CaseMode::kGreekLower);
  if (lang == "irish") return NewCaseFilterFactory(name, CaseMode::kIrishLower);
  if (lang == "turkish") return NewCaseFilterFactory(name, CaseMode::kTurkishLower);
  return IllegalArgument("language [" + *language + "] not support for lower case");
}

FilterResult BuildUppercase(const std::string& name, const Settings&, const AnalysisOptions&) {
  return NewCaseFilterFactory(name, CaseMode::kUpper);
}

FilterResult BuildAsciiFolding(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool preserve, s.GetBool("preserve_original", false));
  return NewAsciiFoldingFilterFactory(name, preserve);
}

FilterResult BuildStop(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool ignore_case, s.GetBool("ignore_case", false));
  QUIVER_ASSIGN_OR_RETURN(bool remove_trailing, s.GetBool("remove_trailing", true));
  QUIVER_ASSIGN_OR_RETURN(auto words, ParseWordList(s, "stopwords", true));
  std::vector<std::string> list = words ? *words : *NamedStopWords("_english_");
  return NewStopFilterFactory(name, std::make_shared<WordSet>(list, ignore_case), remove_trailing);
}

FilterResult BuildStemmer(const std::string& name, const Settings& s, const AnalysisOptions&) {
  std::string language = s.GetString("language", s.GetString("name", "english"));
  return Stemmer(name, AsciiLower(language));
}

FilterResult BuildSnowball(const std::string& name, const Settings& s, const AnalysisOptions&) {
  const std::string language = s.GetString("language", s.GetString("name", "English"));
  std::string algorithm = AsciiLower(language);
  if (algorithm == "german2") algorithm = "german";
  if (!HasSnowballAlgorithm(algorithm)) {
    return IllegalArgument("Invalid stemmer class specified: " + language);
  }
  return NewStemmerFilterFactory(name, algorithm);
}

FilterResult BuildSynonym(const std::string& name, const Settings& s, bool graph) {
  QUIVER_RETURN_IF_ERROR(s.RejectPath("synonyms_path"));
  if (s.Has("synonyms_set")) {
    return IllegalArgument(
        "[synonyms_set] is not supported: synonym sets (the synonyms API) are "
        "not available; define the rules inline with [synonyms]");
  }
  std::optional<std::vector<std::string>> rules = s.GetList("synonyms");
  if (!rules) {
    return IllegalArgument(
        "synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
  }
  SynonymOptions o;
  o.rules = std::move(*rules);
  o.graph = graph;
  QUIVER_ASSIGN_OR_RETURN(o.expand, s.GetBool("expand", true));
  QUIVER_ASSIGN_OR_RETURN(o.lenient, s.GetBool("lenient", false));
  const std::string format = s.GetString("format", "");
  if (format == "wordnet") {
    o.wordnet = true;
  } else if (!format.empty() && format != "solr") {
    return IllegalArgument("Unknown synonym format [" + format + "]");
  }
  return NewSynonymFilterFactory(name, std::move(o));
}

FilterResult BuildNGram(const std::string& name, const Settings& s, const AnalysisOptions& options,
                        bool edge) {
  NGramFilterOptions o;
  o.edge = edge;
  QUIVER_ASSIGN_OR_RETURN(int64_t min, s.GetInt("min_gram", 1));
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_gram", 2));
  QUIVER_ASSIGN_OR_RETURN(o.preserve_original, s.GetBool("preserve_original", false));
  if (!edge && max - min > options.max_ngram_diff) {
    return IllegalArgument(
        "The difference between max_gram and min_gram in NGram Tokenizer must be less than or "
        "equal to: [" +
        std::to_string(options.max_ngram_diff) + "] but was [" + std::to_string(max - min) +
        "]. This limit can be set by changing the [index.max_ngram_diff] index level setting.");
  }
  if (min < 1) return IllegalArgument("minGram must be greater than zero");
  if (min > max) return IllegalArgument("minGram must not be greater than maxGram");
  if (edge) {
    const std::string side = s.GetString("side", "front");
    if (side == "back") {
      o.back = true;
    } else if (side != "front") {
      return IllegalArgument("invalid side: [" + side + "]");
    }
  }
  o.min_gram = static_cast<int>(min);
  o.max_gram = static_cast<int>(max);
  return NewNGramFilterFactory(name, o);
}

FilterResult BuildShingle(const std::string& name, const Settings& s,
                          const AnalysisOptions& options) {
  ShingleOptions o;
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_shingle_size", 2));
  QUIVER_ASSIGN_OR_RETURN(int64_t min, s.GetInt("min_shingle_size", 2));
  QUIVER_ASSIGN_OR_RETURN(o.output_unigrams, s.GetBool("output_unigrams", true));
  QUIVER_ASSIGN_OR_RETURN(o.output_unigrams_if_no_shingles,
                          s.GetBool("output_unigrams_if_no_shingles", false));
  const int64_t diff = max - min + (o.output_unigrams ? 1 : 0);
  if (diff > options.max_shingle_diff) {
    return IllegalArgument(
        "In Shingle TokenFilter the difference between max_shingle_size and min_shingle_size "
        "(and +1 if outputting unigrams) must be less than or equal to: [" +
        std::to_string(options.max_shingle_diff) + "] but was [" + std::to_string(diff) +
        "]. This limit can be set by changing the [index.max_shingle_diff] index level setting.");
  }
  if (max < 2) return IllegalArgument("Max shingle size must be >= 2");
  if (min < 2) return IllegalArgument("Min shingle size must be >= 2");
  if (min > max) return IllegalArgument("Min shingle size must be <= max shingle size");
  o.min_shingle_size = static_cast<int>(min);
  o.max_shingle_size = static_cast<int>(max);
  o.token_separator = s.GetString("token_separator", " ");
  o.filler_token = s.GetString("filler_token", "_");
  return NewShingleFilterFactory(name, std::move(o));
}

FilterResult BuildLength(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int64_t min, s.GetInt("min", 0));
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max", INT32_MAX));
  if (min < 0) return IllegalArgument("minimum length must be greater than or equal to zero");
  if (min > max) return IllegalArgument("maximum length must not be greater than minimum length");
  return NewLengthFilterFactory(name, static_cast<int>(min), static_cast<int>(max));
}

FilterResult BuildTruncate(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int64_t length, s.GetInt("length", -1));
  if (length <= 0) return IllegalArgument("length parameter must be provided");
  return NewTruncateFilterFactory(name, static_cast<int>(length));
}

FilterResult BuildUnique(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool same, s.GetBool("only_on_same_position", false));
  return NewUniqueFilterFactory(name, same);
}

Status ParseTypeTable(const std::vector<std::string>& rules,
                      std::vector<std::pair<char32_t, uint8_t>>* out) {
  namespace wdt = word_delimiter_type;
  for (const std::string& rule : rules) {
    const size_t arrow = rule.find("=>");
    if (arrow == std::string::npos) return IllegalArgument("Invalid Mapping Rule : [" + rule + "]");
    std::string lhs(TrimWhitespace(std::string_view(rule).substr(0, arrow)));
    std::string rhs(TrimWhitespace(std::string_view(rule).substr(arrow + 2)));
    char32_t c;
    if (lhs.size() >= 2 && lhs[0] == '\\') {
      if (lhs == "\\n") {
        c = '\n';
      } else if (lhs == "\\t") {
        c = '\t';
      } else if (lhs == "\\r") {
        c = '\r';
      } else if (lhs.size() == 6 && lhs[1] == 'u') {
        c = 0;
        for (size_t i = 2; i < 6; ++i) {
          const char h = lhs[i];
          const int d = (h >= '0' && h <= '9')   ? h - '0'
                        : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                 : -1;
          if (d < 0) return IllegalArgument("Invalid Mapping Rule : [" + rule + "]");
          c = c * 16 + static_cast<char32_t>(d);
        }
      } else {
        c = static_cast<char32_t>(lhs[1]);
      }
    } else if (!lhs.empty() && DecodeUtf8(lhs, 0, &c) == lhs.size()) {
    } else {
      return IllegalArgument("Invalid Mapping Rule : [" + rule + "]");
    }
    uint8_t type;
    if (rhs == "LOWER") {
      type = wdt::kLower;
    } else if (rhs == "UPPER") {
      type = wdt::kUpper;
    } else if (rhs == "ALPHA") {
      type = wdt::kAlpha;
    } else if (rhs == "DIGIT") {
      type = wdt::kDigit;
    } else if (rhs == "ALPHANUM") {
      type = wdt::kAlphanum;
    } else if (rhs == "SUBWORD_DELIM") {
      type = wdt::kSubwordDelim;
    } else {
      return IllegalArgument("Invalid Mapping Rule : [" + rule + "]");
    }
    out->emplace_back(c, type);
  }
  return Status::Ok();
}

FilterResult BuildWordDelimiter(const std::string& name, const Settings& s, bool graph) {
  WordDelimiterOptions o;
  QUIVER_ASSIGN_OR_RETURN(o.generate_word_parts, s.GetBool("generate_word_parts", true));
  QUIVER_ASSIGN_OR_RETURN(o.generate_number_parts, s.GetBool("generate_number_parts", true));
  QUIVER_ASSIGN_OR_RETURN(o.catenate_words, s.GetBool("catenate_words", false));
  QUIVER_ASSIGN_OR_RETURN(o.catenate_numbers, s.GetBool("catenate_numbers", false));
  QUIVER_ASSIGN_OR_RETURN(o.catenate_all, s.GetBool("catenate_all", false));
  QUIVER_ASSIGN_OR_RETURN(o.split_on_case_change, s.GetBool("split_on_case_change", true));
  QUIVER_ASSIGN_OR_RETURN(o.preserve_original, s.GetBool("preserve_original", false));
  QUIVER_ASSIGN_OR_RETURN(o.split_on_numerics, s.GetBool("split_on_numerics", true));
  QUIVER_ASSIGN_OR_RETURN(o.stem_english_possessive, s.GetBool("stem_english_possessive", true));
  if (graph) {
    QUIVER_ASSIGN_OR_RETURN(o.adjust_offsets, s.GetBool("adjust_offsets", true));
    QUIVER_ASSIGN_OR_RETURN(o.ignore_keywords, s.GetBool("ignore_keywords", false));
  }
  QUIVER_ASSIGN_OR_RETURN(auto protected_words, ParseWordList(s, "protected_words", false));
  if (protected_words) o.protected_words = std::make_shared<WordSet>(*protected_words, false);
  QUIVER_RETURN_IF_ERROR(s.RejectPath("type_table_path"));
  if (auto table = s.GetList("type_table")) {
    QUIVER_RETURN_IF_ERROR(ParseTypeTable(*table, &o.type_table));
  }
  return NewWordDelimiterFilterFactory(name, std::move(o), graph);
}

FilterResult BuildElision(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool articles_case, s.GetBool("articles_case", false));
  QUIVER_ASSIGN_OR_RETURN(auto articles, ParseWordList(s, "articles", false));
  if (!articles)
    return IllegalArgument("elision filter requires [articles] or [articles_path] setting");
  return NewElisionFilterFactory(name, std::make_shared<WordSet>(*articles, articles_case));
}

FilterResult BuildKeywordMarker(const std::string& name, const Settings& s,
                                const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool ignore_case, s.GetBool("ignore_case", false));
  QUIVER_ASSIGN_OR_RETURN(auto keywords, ParseWordList(s, "keywords", false));
  std::optional<std::string> pattern = s.GetString("keywords_pattern");
  if (pattern && keywords) {
    return IllegalArgument(
        "cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
  }
  if (!pattern && !keywords) {
    return IllegalArgument(
        "keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be "
        "configured");
  }
  std::shared_ptr<const WordSet> words;
  std::shared_ptr<const Regex> regex;
  if (keywords) words = std::make_shared<WordSet>(*keywords, ignore_case);
  if (pattern) {
    QUIVER_ASSIGN_OR_RETURN(regex, Regex::Compile(*pattern));
  }
  return NewKeywordMarkerFilterFactory(name, std::move(words), std::move(regex));
}

FilterResult BuildStemmerOverride(const std::string& name, const Settings& s,
                                  const AnalysisOptions&) {
  QUIVER_RETURN_IF_ERROR(s.RejectPath("rules_path"));
  std::optional<std::vector<std::string>> rules = s.GetList("rules");
  if (!rules) {
    return IllegalArgument(
        "stemmer override filter requires either `rules` or `rules_path` to be configured");
  }
  std::vector<std::pair<std::string, std::string>> overrides;
  for (const std::string& rule : *rules) {
    const size_t arrow = rule.find("=>");
    if (arrow == std::string::npos || rule.find("=>", arrow + 2) != std::string::npos) {
      return IllegalArgument("Invalid Keyword override Rule:" + rule);
    }
    const std::string to(TrimWhitespace(std::string_view(rule).substr(arrow + 2)));
    if (to.empty()) return IllegalArgument("Invalid Keyword override Rule:" + rule);
    for (std::string_view key : SplitString(std::string_view(rule).substr(0, arrow), ',')) {
      const std::string k(TrimWhitespace(key));
      if (k.empty()) return IllegalArgument("Invalid Keyword override Rule:" + rule);
      overrides.emplace_back(k, to);
    }
  }
  return NewStemmerOverrideFilterFactory(name, std::move(overrides));
}

FilterResult BuildPatternReplace(const std::string& name, const Settings& s,
                                 const AnalysisOptions&) {
  std::optional<std::string> pattern = s.GetString("pattern");
  if (!pattern) {
    return IllegalArgument("pattern is missing for [" + name +
                           "] token filter of type 'pattern_replace'");
  }
  QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> regex,
                          Regex::Compile(*pattern, s.GetString("flags", "")));
  std::string replacement = s.GetString("replacement", "");
  QUIVER_RETURN_IF_ERROR(ValidateReplacement(*regex, replacement));
  QUIVER_ASSIGN_OR_RETURN(bool all, s.GetBool("all", true));
  return NewPatternReplaceFilterFactory(name, std::move(regex), std::move(replacement), all);
}

FilterResult BuildPatternCapture(const std::string& name, const Settings& s,
                                 const AnalysisOptions&) {
  std::optional<std::vector<std::string>> patterns = s.GetList("patterns");
  if (!patterns) {
    return IllegalArgument("required setting 'patterns' is missing for token filter [" + name +
                           "]");
  }
  std::vector<std::shared_ptr<const Regex>> regexes;
  for (const std::string& p : *patterns) {
    QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const Regex> r, Regex::Compile(p));
    regexes.push_back(std::move(r));
  }
  QUIVER_ASSIGN_OR_RETURN(bool preserve, s.GetBool("preserve_original", true));
  return NewPatternCaptureFilterFactory(name, std::move(regexes), preserve);
}

FilterResult BuildCjkBigram(const std::string& name, const Settings& s, const AnalysisOptions&) {
  CjkBigramOptions o;
  for (const std::string& script :
       s.GetList("ignored_scripts").value_or(std::vector<std::string>{})) {
    if (script == "han") o.han = false;
    if (script == "hiragana") o.hiragana = false;
    if (script == "katakana") o.katakana = false;
    if (script == "hangul") o.hangul = false;
  }
  QUIVER_ASSIGN_OR_RETURN(o.output_unigrams, s.GetBool("output_unigrams", false));
  return NewCjkBigramFilterFactory(name, o);
}

FilterResult BuildLimit(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_token_count", 1));
  QUIVER_ASSIGN_OR_RETURN(bool all, s.GetBool("consume_all_tokens", false));
  if (max < 1) return IllegalArgument("maxTokenCount must be greater than zero");
  return NewLimitFilterFactory(name, static_cast<int>(max), all);
}

FilterResult BuildFingerprint(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(int64_t max, s.GetInt("max_output_size", 255));
  return NewFingerprintFilterFactory(name, s.GetString("separator", " "), static_cast<int>(max));
}

FilterResult BuildKeep(const std::string& name, const Settings& s, const AnalysisOptions&) {
  QUIVER_ASSIGN_OR_RETURN(bool keep_case, s.GetBool("keep_words_case", false));
  QUIVER_ASSIGN_OR_RETURN(auto words, ParseWordList(s, "keep_words", false));
  if (!words)
    return IllegalArgument("keep requires `keep_words` or `keep_words_path` to be configured");
  return NewKeepWordsFilterFactory(name, std::make_shared<WordSet>(*words, keep_case));
}

FilterResult BuildKeepTypes(const std::string& name, const Settings& s, const AnalysisOptions&) {
  std::optional<std::vector<std::string>> types = s.GetList("types");
  if (!types) return IllegalArgument("keep_types requires `types` to be configured");
  const std::string mode = s.GetString("mode", "include");
  if (mode != "include" && mode != "exclude") {
    return IllegalArgument(
        "`keep_types` tokenfilter mode can only be [include] or [exclude] but "
        "was [" +
        mode + "].");
  }
  return NewKeepTypesFilterFactory(name, std::move(*types), mode == "include");
}

FilterResult BuildHunspell(const std::string& name, const Settings& s, const AnalysisOptions&) {
  const std::string locale = s.GetString("locale", s.GetString("language", ""));
  return IllegalArgument("failed to load hunspell dictionary for locale: " + locale +
                         " (hunspell dictionaries are not supported)");
}

#define SIMPLE(fn, expr) \
  FilterResult fn(const std::string& name, const Settings&, const AnalysisOptions&) { return expr; }
SIMPLE(BuildPorterStem, NewStemmerFilterFactory(name, "porter"))
SIMPLE(BuildKStem, NewStemmerFilterFactory(name, "kstem"))
SIMPLE(BuildFrenchStem, NewStemmerFilterFactory(name, "french"))
SIMPLE(BuildGermanStem, NewStemmerFilterFactory(name, "german"))
SIMPLE(BuildDutchStem, NewStemmerFilterFactory(name, "dutch"))
SIMPLE(BuildRussianStem, NewStemmerFilterFactory(name, "russian"))
SIMPLE(BuildRemoveDuplicates, NewRemoveDuplicatesFilterFactory(name))
SIMPLE(BuildTrim, NewTrimFilterFactory(name))
SIMPLE(BuildReverse, NewReverseFilterFactory(name))
SIMPLE(BuildDecimalDigit, NewDecimalDigitFilterFactory(name))
SIMPLE(BuildApostrophe, NewApostropheFilterFactory(name))
SIMPLE(BuildClassic, NewClassicFilterFactory(name))
SIMPLE(BuildCjkWidth, NewCjkWidthFilterFactory(name))
SIMPLE(BuildGermanNormalization, NewGermanNormalizationFilterFactory(name))
SIMPLE(BuildKeywordRepeat, NewKeywordRepeatFilterFactory(name))
SIMPLE(BuildFlattenGraph, NewFlattenGraphFilterFactory(name))
#undef SIMPLE

#define WITH_OPTIONS(fn, call)                                                                  \
  FilterResult fn(const std::string& name, const Settings& s, const AnalysisOptions& options) { \
    return call;                                                                                \
  }
WITH_OPTIONS(BuildSynonymType, BuildSynonym(name, s, false))
WITH_OPTIONS(BuildSynonymGraphType, BuildSynonym(name, s, true))
WITH_OPTIONS(BuildNGramType, BuildNGram(name, s, options, false))
WITH_OPTIONS(BuildEdgeNGramType, BuildNGram(name, s, options, true))
WITH_OPTIONS(BuildWordDelimiterType, BuildWordDelimiter(name, s, false))
WITH_OPTIONS(BuildWordDelimiterGraphType, BuildWordDelimiter(name, s, true))
#undef WITH_OPTIONS

const ComponentType<TokenFilterFactory> kFilterTypes[] = {
    {"lowercase", BuildLowercase},
    {"uppercase", BuildUppercase},
    {"asciifolding", BuildAsciiFolding},
    {"stop", BuildStop},
    {"stemmer", BuildStemmer},
    {"snowball", BuildSnowball},
    {"porter_stem", BuildPorterStem},
    {"kstem", BuildKStem},
    {"french_stem", BuildFrenchStem},
    {"german_stem", BuildGermanStem},
    {"dutch_stem", BuildDutchStem},
    {"russian_stem", BuildRussianStem},
    {"synonym", BuildSynonymType, true},
    {"synonym_graph", BuildSynonymGraphType, true},
    {"ngram", BuildNGramType},
    {"nGram", BuildNGramType},
    {"edge_ngram", BuildEdgeNGramType},
    {"edgeNGram", BuildEdgeNGramType},
    {"shingle", BuildShingle},
    {"length", BuildLength},
    {"truncate", BuildTruncate},
    {"unique", BuildUnique},
    {"remove_duplicates", BuildRemoveDuplicates},
    {"trim", BuildTrim},
    {"word_delimiter", BuildWordDelimiterType},
    {"word_delimiter_graph", BuildWordDelimiterGraphType},
    {"elision", BuildElision, true},
    {"reverse", BuildReverse},
    {"keyword_marker", BuildKeywordMarker, true},
    {"keyword_repeat", BuildKeywordRepeat},
    {"stemmer_override", BuildStemmerOverride, true},
    {"pattern_replace", BuildPatternReplace, true},
    {"pattern_capture", BuildPatternCapture, true},
    {"decimal_digit", BuildDecimalDigit},
    {"cjk_width", BuildCjkWidth},
    {"cjk_bigram", BuildCjkBigram},
    {"apostrophe", BuildApostrophe},
    {"classic", BuildClassic},
    {"limit", BuildLimit},
    {"german_normalization", BuildGermanNormalization},
    {"fingerprint", BuildFingerprint},
    {"flatten_graph", BuildFlattenGraph},
    {"keep", BuildKeep, true},
    {"keep_types", BuildKeepTypes, true},
    {"hunspell", BuildHunspell, true},
};

}  // namespace

const ComponentType<TokenFilterFactory>* FindTokenFilterType(std::string_view type) {
  for (const auto& t : kFilterTypes) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

std::shared_ptr<const TokenFilterFactory> BuiltinTokenFilter(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TokenFilterFactory>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::shared_ptr<const TokenFilterFactory> factory;
  const std::string n(name);
  if (n == "elision") {
    // Pre-configured with French articles (FrenchAnalyzer.DEFAULT_ARTICLES).
    factory = NewElisionFilterFactory(
        n, std::make_shared<WordSet>(
               std::vector<std::string>{"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu",
                                        "quoiqu", "lorsqu", "puisqu"},
               true));
  } else if (n == "edge_ngram" || n == "edgeNGram") {
    factory = NewNGramFilterFactory(n, NGramFilterOptions{1, 1, false, true, false});
  } else if (n == "truncate") {
    factory = NewTruncateFilterFactory(n, 10);
  } else if (const ComponentType<TokenFilterFactory>* type = FindTokenFilterType(name);
             type != nullptr && !type->requires_settings) {
    auto built = type->build(n, Settings(), AnalysisOptions{});
    if (built.ok()) factory = *built;
  }
  cache.emplace(n, factory);
  return factory;
}

}  // namespace quiver::analysis
