// Lucene ElisionFilter: "l'avion" -> "avion" when the part before the first
// apostrophe (' or ’) is one of the articles.
#include "analysis/filter_base.h"
#include "analysis/token_filters.h"

namespace quiver::analysis {

std::shared_ptr<const TokenFilterFactory> NewElisionFilterFactory(
    std::string name, std::shared_ptr<const WordSet> articles) {
  auto fn = [articles](Token* t) {
    std::string& s = t->term;
    const size_t a = s.find('\'');
    const size_t b = s.find("\u2019");
    size_t index, width;
    if (a == std::string::npos && b == std::string::npos) return;
    if (a < b) {
      index = a;
      width = 1;
    } else {
      index = b;
      width = 3;
    }
    if (articles->Contains(std::string_view(s).substr(0, index))) s.erase(0, index + width);
  };
  return MakeMapFilterFactory(std::move(name), fn, FilterTraits{.normalizing = true});
}

}  // namespace quiver::analysis
