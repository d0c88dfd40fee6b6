// Lucene PatternReplaceCharFilter: replaceAll of a regex over the whole text,
// with Lucene's offset corrections (a shorter replacement maps its end to the
// end of the match; extra replacement characters map to the match's last
// character).
#include "analysis/char_filters.h"

namespace quiver::analysis {
namespace {

class PatternReplaceCharFilter final : public CharFilter {
 public:
  PatternReplaceCharFilter(std::string name, std::shared_ptr<const Regex> regex,
                           std::string replacement)
      : CharFilter(std::move(name)),
        regex_(std::move(regex)),
        replacement_(std::move(replacement)) {}

  Status Filter(std::string_view in, std::string* out, OffsetMap* map) const override {
    out->clear();
    map->Clear();
    std::unique_ptr<RegexMatcher> m = regex_->NewMatcher();
    m->Reset(in);
    int32_t cumulative = 0;
    size_t last_end = 0;
    while (m->Find()) {
      const size_t start = static_cast<size_t>(m->start());
      const size_t end = static_cast<size_t>(m->end());
      out->append(in, last_end, start - last_end);
      last_end = end;
      const int32_t before = static_cast<int32_t>(out->size());
      m->AppendReplacement(replacement_, out);
      const int32_t replacement_size = static_cast<int32_t>(out->size()) - before;
      const int32_t group_size = static_cast<int32_t>(end - start);
      if (replacement_size < group_size) {
        cumulative += group_size - replacement_size;
        map->Add(before + replacement_size, cumulative);
      } else {
        for (int32_t i = group_size; i < replacement_size; ++i) map->Add(before + i, --cumulative);
      }
    }
    QUIVER_RETURN_IF_ERROR(m->status());
    out->append(in, last_end, std::string_view::npos);
    return Status::Ok();
  }
  bool normalizing() const override { return true; }

 private:
  std::shared_ptr<const Regex> regex_;
  std::string replacement_;
};

}  // namespace

std::shared_ptr<const CharFilter> NewPatternReplaceCharFilter(std::string name,
                                                              std::shared_ptr<const Regex> regex,
                                                              std::string replacement) {
  return std::make_shared<PatternReplaceCharFilter>(std::move(name), std::move(regex),
                                                    std::move(replacement));
}

}  // namespace quiver::analysis
