// TermMeta: what the term dictionary records about one term — its
// statistics and where its postings and positions start. Produced by
// PostingsWriter, stored by TermDictionaryWriter, decoded by the readers.
#pragma once

#include <cstdint>

#include "text/postings_format.h"

namespace quiver::text {

struct TermMeta {
  uint32_t doc_freq = 0;
  // Occurrences over all docs (= doc_freq when the field has no freqs).
  uint64_t total_term_freq = 0;
  // Offset of the postings in the postings component (0 for singletons).
  uint64_t doc_offset = 0;
  // Offset of the positions in the positions component (0 without positions).
  uint64_t pos_offset = 0;
  // The only doc when doc_freq == 1 (its postings are inlined here).
  uint32_t singleton_doc = kNoMoreDocs;
};

}  // namespace quiver::text
