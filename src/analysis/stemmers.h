// Stemming algorithms used by the stemmer filters and language analyzers.
// Functions rewrite the word in place and are thread-safe; SnowballStemmer
// (libstemmer) keeps state and is owned by one pipeline.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace quiver::analysis {

// Lucene PorterStemmer: Porter (1980) as in Martin Porter's reference C/Java
// code, including its two departures from the paper (bli -> ble, logi -> log).
// Words of one or two characters are left alone.
void PorterStem(std::string* word);

// Lucene EnglishMinimalStemmer: plural "s" removal only.
void EnglishMinimalStem(std::string* word);

// Lucene EnglishPossessiveFilter: drops a trailing 's ('s, ’s, ＇s).
void StripEnglishPossessive(std::string* word);

// Light inflectional English stemming standing in for Lucene's KStemFilter
// (Krovetz). Krovetz consults a ~30,000 word dictionary that is not
// reproduced here; this applies its plural and -ed/-ing rules without it.
void KStemApproximation(std::string* word);

// Jacques Savoy's light/minimal stemmers as Lucene implements them
// (FrenchLightStemmer, GermanLightStemmer, ...), on code points.
void FrenchLightStem(std::u32string* s);
void FrenchMinimalStem(std::u32string* s);
void GermanLightStem(std::u32string* s);
void GermanMinimalStem(std::u32string* s);
void ItalianLightStem(std::u32string* s);
void SpanishLightStem(std::u32string* s);
void PortugueseLightStem(std::u32string* s);

// Lucene GermanNormalizationFilter: ß -> ss, umlauts -> base vowels, and
// ae/oe/ue -> a/o/u (ue not after a vowel or q).
void GermanNormalize(std::u32string* s);

// A Snowball stemmer from libstemmer. Not thread-safe.
class SnowballStemmer {
 public:
  // nullptr if libstemmer has no such algorithm.
  static std::unique_ptr<SnowballStemmer> Create(const std::string& algorithm);
  ~SnowballStemmer();
  void Stem(std::string* word);

 private:
  explicit SnowballStemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}
  sb_stemmer* stemmer_;
};

// True if libstemmer provides `algorithm` (a lowercase name like "english").
bool HasSnowballAlgorithm(const std::string& algorithm);

}  // namespace quiver::analysis
