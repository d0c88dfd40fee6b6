#include <libstemmer.h>

#include <cstring>

#include "analysis/stemmers.h"

namespace quiver::analysis {

std::unique_ptr<SnowballStemmer> SnowballStemmer::Create(const std::string& algorithm) {
  sb_stemmer* s = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (s == nullptr) return nullptr;
  return std::unique_ptr<SnowballStemmer>(new SnowballStemmer(s));
}

SnowballStemmer::~SnowballStemmer() { sb_stemmer_delete(stemmer_); }

void SnowballStemmer::Stem(std::string* word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word->data()),
                                         static_cast<int>(word->size()));
  if (out == nullptr) return;
  word->assign(reinterpret_cast<const char*>(out),
               static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

bool HasSnowballAlgorithm(const std::string& algorithm) {
  for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
    if (algorithm == *name) return true;
  }
  return false;
}

}  // namespace quiver::analysis
