// Constructors of the token filter implementations (one .cc file per filter
// family). Options structs carry Elasticsearch's defaults; settings parsing
// and validation live in builtin_token_filters.cc.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/regex.h"
#include "analysis/token_filter.h"
#include "analysis/word_set.h"

namespace quiver::analysis {

// lowercase / uppercase (Lucene LowerCaseFilter, UpperCaseFilter, and the
// Greek, Irish and Turkish lowercase filters).
enum class CaseMode { kLower, kUpper, kGreekLower, kIrishLower, kTurkishLower };
std::shared_ptr<const TokenFilterFactory> NewCaseFilterFactory(std::string name, CaseMode mode);

// asciifolding: the folded token, then (preserve_original) the original at
// the same position when they differ.
std::shared_ptr<const TokenFilterFactory> NewAsciiFoldingFilterFactory(std::string name,
                                                                       bool preserve_original);
// Folds one term to ASCII as asciifolding does (exposed for the fingerprint analyzer).
bool FoldToAscii(std::string_view in, std::string* out);

// stop: removes words of the set; remove_trailing=false keeps a final stop
// word that is not followed by a separator (Lucene SuggestStopFilter).
std::shared_ptr<const TokenFilterFactory> NewStopFilterFactory(std::string name,
                                                               std::shared_ptr<const WordSet> words,
                                                               bool remove_trailing = true);

// Stemming: `algorithm` is a libstemmer (Snowball) algorithm name, "porter",
// or one of Lucene's own stemmers: "light_english" (KStem),
// "minimal_english", "possessive_english", "light_french",
// "minimal_french", "light_german", "minimal_german", "light_italian",
// "light_spanish", "light_portuguese", "minimal_portuguese". Tokens marked as
// keywords are not stemmed.
bool IsKnownStemAlgorithm(std::string_view algorithm);
std::shared_ptr<const TokenFilterFactory> NewStemmerFilterFactory(std::string name,
                                                                  std::string algorithm);

// Synonyms in Solr format ("a, b => c", "a, b, c"), parsed with the chain in
// front of the filter. `graph` selects synonym_graph (correct multi-word
// position lengths) over the legacy synonym filter.
struct SynonymOptions {
  std::vector<std::string> rules;
  bool expand = true;
  bool lenient = false;
  bool graph = false;
  bool wordnet = false;  // "format": "wordnet"
};
std::shared_ptr<const TokenFilterFactory> NewSynonymFilterFactory(std::string name,
                                                                  SynonymOptions options);

// ngram / edge_ngram token filters (grams keep the token's offsets).
struct NGramFilterOptions {
  int min_gram = 1;
  int max_gram = 2;
  bool preserve_original = false;
  bool edge = false;
  bool back = false;  // edge_ngram side=back
};
std::shared_ptr<const TokenFilterFactory> NewNGramFilterFactory(std::string name,
                                                                NGramFilterOptions options);

struct ShingleOptions {
  int min_shingle_size = 2;
  int max_shingle_size = 2;
  bool output_unigrams = true;
  bool output_unigrams_if_no_shingles = false;
  std::string token_separator = " ";
  std::string filler_token = "_";
};
std::shared_ptr<const TokenFilterFactory> NewShingleFilterFactory(std::string name,
                                                                  ShingleOptions options);

// word_delimiter / word_delimiter_graph.
struct WordDelimiterOptions {
  bool generate_word_parts = true;
  bool generate_number_parts = true;
  bool catenate_words = false;
  bool catenate_numbers = false;
  bool catenate_all = false;
  bool split_on_case_change = true;
  bool preserve_original = false;
  bool split_on_numerics = true;
  bool stem_english_possessive = true;
  bool adjust_offsets = true;    // graph only
  bool ignore_keywords = false;  // graph only
  std::shared_ptr<const WordSet> protected_words;
  // type_table overrides: character -> kLower/kUpper/kDigit/kSubwordDelim/...
  std::vector<std::pair<char32_t, uint8_t>> type_table;
};
namespace word_delimiter_type {
inline constexpr uint8_t kLower = 0x01;
inline constexpr uint8_t kUpper = 0x02;
inline constexpr uint8_t kDigit = 0x04;
inline constexpr uint8_t kSubwordDelim = 0x08;
inline constexpr uint8_t kAlpha = kLower | kUpper;
inline constexpr uint8_t kAlphanum = kAlpha | kDigit;
}  // namespace word_delimiter_type
std::shared_ptr<const TokenFilterFactory> NewWordDelimiterFilterFactory(
    std::string name, WordDelimiterOptions options, bool graph);

// Small filters.
std::shared_ptr<const TokenFilterFactory> NewLengthFilterFactory(std::string name, int min,
                                                                 int max);
std::shared_ptr<const TokenFilterFactory> NewTruncateFilterFactory(std::string name, int length);
std::shared_ptr<const TokenFilterFactory> NewUniqueFilterFactory(std::string name,
                                                                 bool only_on_same_position);
std::shared_ptr<const TokenFilterFactory> NewRemoveDuplicatesFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewTrimFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewReverseFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewDecimalDigitFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewApostropheFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewClassicFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewElisionFilterFactory(
    std::string name, std::shared_ptr<const WordSet> articles);
std::shared_ptr<const TokenFilterFactory> NewLimitFilterFactory(std::string name, int max_count,
                                                                bool consume_all_tokens);
std::shared_ptr<const TokenFilterFactory> NewGermanNormalizationFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewCjkWidthFilterFactory(std::string name);
// cjk_bigram: bigrams of adjacent Han/Hiragana/Katakana/Hangul tokens.
struct CjkBigramOptions {
  bool han = true;
  bool hiragana = true;
  bool katakana = true;
  bool hangul = true;
  bool output_unigrams = false;
};
std::shared_ptr<const TokenFilterFactory> NewCjkBigramFilterFactory(std::string name,
                                                                    CjkBigramOptions options);
std::shared_ptr<const TokenFilterFactory> NewFingerprintFilterFactory(std::string name,
                                                                      std::string separator,
                                                                      int max_output_size);
std::shared_ptr<const TokenFilterFactory> NewFlattenGraphFilterFactory(std::string name);

// Keyword attribute handling.
std::shared_ptr<const TokenFilterFactory> NewKeywordMarkerFilterFactory(
    std::string name, std::shared_ptr<const WordSet> keywords,
    std::shared_ptr<const Regex> pattern);
std::shared_ptr<const TokenFilterFactory> NewKeywordRepeatFilterFactory(std::string name);
std::shared_ptr<const TokenFilterFactory> NewStemmerOverrideFilterFactory(
    std::string name, std::vector<std::pair<std::string, std::string>> overrides);

// keep (keep_words, keep_words_mode?) and keep_types (types, mode include/exclude).
std::shared_ptr<const TokenFilterFactory> NewKeepWordsFilterFactory(
    std::string name, std::shared_ptr<const WordSet> words);
std::shared_ptr<const TokenFilterFactory> NewKeepTypesFilterFactory(std::string name,
                                                                    std::vector<std::string> types,
                                                                    bool include);

// Regex filters.
std::shared_ptr<const TokenFilterFactory> NewPatternReplaceFilterFactory(
    std::string name, std::shared_ptr<const Regex> regex, std::string replacement, bool all);
std::shared_ptr<const TokenFilterFactory> NewPatternCaptureFilterFactory(
    std::string name, std::vector<std::shared_ptr<const Regex>> patterns, bool preserve_original);

}  // namespace quiver::analysis
