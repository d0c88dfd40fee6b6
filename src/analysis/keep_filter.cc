// Lucene KeepWordFilter (`keep`: only terms of the word list) and
// TypeTokenFilter (`keep_types`: tokens whose type is, or with mode
// "exclude" is not, in the list).
#include <algorithm>

#include "analysis/filter_base.h"
#include "analysis/token_filters.h"

namespace quiver::analysis {

std::shared_ptr<const TokenFilterFactory> NewKeepWordsFilterFactory(
    std::string name, std::shared_ptr<const WordSet> words) {
  return MakePredicateFilterFactory(std::move(name),
                                    [words](const Token& t) { return words->Contains(t.term); });
}

std::shared_ptr<const TokenFilterFactory> NewKeepTypesFilterFactory(std::string name,
                                                                    std::vector<std::string> types,
                                                                    bool include) {
  return MakePredicateFilterFactory(
      std::move(name), [types = std::move(types), include](const Token& t) {
        const bool listed = std::find(types.begin(), types.end(), t.type) != types.end();
        return listed == include;
      });
}

}  // namespace quiver::analysis
