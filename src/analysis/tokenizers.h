// Constructors of the tokenizer implementations (one .cc file each). Options
// structs carry Elasticsearch's defaults; settings parsing and validation
// live in builtin_tokenizers.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/regex.h"
#include "analysis/standard_tokenizer.h"
#include "analysis/tokenizer.h"

namespace quiver::analysis {

// Character classes ES uses for token_chars / tokenize_on_chars.
struct CharClassSet {
  bool letter = false;
  bool digit = false;
  bool whitespace = false;
  bool punctuation = false;
  bool symbol = false;
  uint32_t categories = 0;  // bit (1 << UCharCategory) per Unicode general category
  std::u32string chars;     // explicit characters (custom)

  bool empty() const {
    return !letter && !digit && !whitespace && !punctuation && !symbol && categories == 0 &&
           chars.empty();
  }
  bool Contains(char32_t c) const;
};

// whitespace / letter / lowercase / char_group (Lucene CharTokenizer family).
// A token is a maximal run of token characters, split every
// max_token_length UTF-16 units.
struct CharTokenizerOptions {
  enum class Kind { kWhitespace, kLetter, kLowercase, kCharGroup };
  Kind kind = Kind::kWhitespace;
  int max_token_length = kDefaultMaxTokenLength;
  CharClassSet split_on;  // kCharGroup: characters that separate tokens
};
std::shared_ptr<const TokenizerFactory> NewCharTokenizerFactory(std::string name,
                                                                CharTokenizerOptions options);

// keyword: the whole input as one token (even when empty).
std::shared_ptr<const TokenizerFactory> NewKeywordTokenizerFactory(std::string name);

// pattern: split on matches (group -1) or emit a capture group of each match.
std::shared_ptr<const TokenizerFactory> NewPatternTokenizerFactory(
    std::string name, std::shared_ptr<const Regex> regex, int group);
// simple_pattern: tokens are the matches; simple_pattern_split: split on matches.
std::shared_ptr<const TokenizerFactory> NewSimplePatternTokenizerFactory(
    std::string name, std::shared_ptr<const Regex> regex, bool split);

// ngram / edge_ngram (Lucene NGramTokenizer, code-point based).
struct NGramTokenizerOptions {
  int min_gram = 1;
  int max_gram = 2;
  bool edges_only = false;
  CharClassSet token_chars;  // empty: every character is a token character
};
std::shared_ptr<const TokenizerFactory> NewNGramTokenizerFactory(std::string name,
                                                                 NGramTokenizerOptions options);

// path_hierarchy (Lucene PathHierarchyTokenizer / ReversePathHierarchyTokenizer).
struct PathHierarchyOptions {
  char32_t delimiter = '/';
  char32_t replacement = '/';
  int skip = 0;
  bool reverse = false;
};
std::shared_ptr<const TokenizerFactory> NewPathHierarchyTokenizerFactory(
    std::string name, PathHierarchyOptions options);

// classic (Lucene ClassicTokenizer: the pre-UAX#29 English grammar).
std::shared_ptr<const TokenizerFactory> NewClassicTokenizerFactory(std::string name,
                                                                   int max_token_length);

// uax_url_email: standard rules plus <URL> and <EMAIL> tokens.
std::shared_ptr<const TokenizerFactory> NewUaxUrlEmailTokenizerFactory(std::string name,
                                                                       int max_token_length);

// thai: ICU dictionary-based word segmentation for Thai (Lucene ThaiTokenizer).
std::shared_ptr<const TokenizerFactory> NewThaiTokenizerFactory(std::string name);

}  // namespace quiver::analysis
