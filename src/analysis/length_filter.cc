// Lucene LengthFilter: keeps terms whose length in UTF-16 units is within
// [min, max].
#include "analysis/filter_base.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {

std::shared_ptr<const TokenFilterFactory> NewLengthFilterFactory(std::string name, int min,
                                                                 int max) {
  return MakePredicateFilterFactory(std::move(name), [min, max](const Token& t) {
    const size_t len = CountUtf16Units(t.term);
    return len >= static_cast<size_t>(min) && len <= static_cast<size_t>(max);
  });
}

}  // namespace quiver::analysis
