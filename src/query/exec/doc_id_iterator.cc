#include "query/exec/doc_id_iterator.h"

#include <algorithm>

namespace quiver::query {

uint32_t SortedDocsIterator::Advance(uint32_t target) {
  size_t start = i_ == static_cast<size_t>(-1) ? 0 : i_ + 1;
  // Gallop, then binary search.
  size_t step = 1, lo = start, hi = start;
  while (hi < docs_->size() && (*docs_)[hi] < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = std::min(hi, docs_->size());
  auto it = std::lower_bound(docs_->begin() + static_cast<ptrdiff_t>(lo),
                             docs_->begin() + static_cast<ptrdiff_t>(hi), target);
  i_ = static_cast<size_t>(it - docs_->begin());
  return doc_ = i_ < docs_->size() ? (*docs_)[i_] : kNoMoreDocs;
}

}  // namespace quiver::query
