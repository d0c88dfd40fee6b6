#include "query/exec/index_searcher.h"

#include "query/exec/filter_cache.h"

namespace quiver::query {

IndexSearcher::IndexSearcher(std::shared_ptr<const segment::SegmentSet> set)
    : set_(std::move(set)), filter_cache_(&FilterCache::Node()) {}

FieldStats IndexSearcher::field_stats(const std::string& field) {
  auto it = field_stats_.find(field);
  if (it != field_stats_.end()) return it->second;
  FieldStats s;
  for (const auto& view : set_->segments) {
    const segment::FieldReaders* f = view.reader->field(field);
    if (f == nullptr || !f->inverted) continue;
    text::FieldStats fs = f->inverted->stats();
    s.doc_count += fs.doc_count;
    s.sum_total_term_freq += static_cast<int64_t>(fs.sum_total_term_freq);
    s.sum_doc_freq += static_cast<int64_t>(fs.sum_doc_freq);
  }
  field_stats_[field] = s;
  return s;
}

TermStats IndexSearcher::term_stats(const std::string& field, std::string_view term) {
  TermStats s;
  for (const auto& view : set_->segments) {
    const segment::FieldReaders* f = view.reader->field(field);
    if (f == nullptr || !f->inverted) continue;
    text::TermState state;
    auto found = f->inverted->SeekExact(term, &state);
    if (!found.ok() || !*found) continue;
    s.doc_freq += state.doc_freq;
    s.total_term_freq += static_cast<int64_t>(state.total_term_freq);
  }
  return s;
}

}  // namespace quiver::query
