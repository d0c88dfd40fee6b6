#include "vector/doc_filter.h"

namespace quiver::vector {

BitsetDocFilter::BitsetDocFilter(uint32_t num_docs, bool initial)
    : num_docs_(num_docs), words_((static_cast<size_t>(num_docs) + 63) / 64, 0) {
  if (initial) {
    for (uint32_t d = 0; d < num_docs; ++d) Set(d);
  }
}

void BitsetDocFilter::Set(uint32_t doc) {
  if (doc >= num_docs_) return;
  uint64_t bit = uint64_t{1} << (doc & 63);
  uint64_t& w = words_[doc >> 6];
  if ((w & bit) == 0) {
    w |= bit;
    ++count_;
  }
}

void BitsetDocFilter::Clear(uint32_t doc) {
  if (doc >= num_docs_) return;
  uint64_t bit = uint64_t{1} << (doc & 63);
  uint64_t& w = words_[doc >> 6];
  if ((w & bit) != 0) {
    w &= ~bit;
    --count_;
  }
}

}  // namespace quiver::vector
