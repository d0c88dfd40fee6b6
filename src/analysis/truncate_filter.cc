// Lucene TruncateTokenFilter: cuts terms to `length` UTF-16 units (at a code
// point boundary); keyword tokens are kept whole.
#include "analysis/filter_base.h"
#include "analysis/token_filters.h"
#include "analysis/utf8.h"

namespace quiver::analysis {

std::shared_ptr<const TokenFilterFactory> NewTruncateFilterFactory(std::string name, int length) {
  auto fn = [length](Token* t) {
    if (t->keyword) return;
    int units = 0;
    for (size_t i = 0; i < t->term.size();) {
      char32_t cp;
      const size_t n = DecodeUtf8(t->term, i, &cp);
      units += Utf16Length(cp);
      if (units > length) {
        t->term.resize(i);
        return;
      }
      i += n;
    }
  };
  return MakeMapFilterFactory(std::move(name), fn, FilterTraits{.uses_keyword = true});
}

}  // namespace quiver::analysis
