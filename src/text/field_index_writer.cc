#include "text/field_index_writer.h"

#include <cstring>
#include <vector>

#include "text/norms_writer.h"
#include "text/postings_format.h"
#include "text/postings_writer.h"
#include "text/term_dictionary_writer.h"

namespace quiver::text {

namespace {

bool TermLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  return c != 0 ? c < 0 : a.size() < b.size();
}

}  // namespace

Result<FieldIndexParts> WriteFieldIndex(TermSource& source, uint32_t num_docs, IndexOptions options,
                                        bool has_norms) {
  if (num_docs > kNoMoreDocs) return Status::InvalidArgument("too many docs in a segment");
  FieldIndexParts parts;
  PostingsWriter postings(options, num_docs, &parts.postings, &parts.positions);
  TermDictionaryWriter terms(options);
  const std::span<const uint8_t> norms = source.norms();
  std::vector<uint64_t> docs_seen((num_docs + 63) / 64, 0);
  uint64_t sum_doc_freq = 0;
  uint64_t sum_total_term_freq = 0;
  std::string prev_term;
  bool first = true;

  while (source.NextTerm()) {
    const std::string_view term = source.term();
    if (!first && !TermLess(prev_term, term)) {
      return Status::InvalidArgument("terms out of order in a term source");
    }
    PostingsSource& docs = source.postings();
    postings.StartTerm();
    for (uint32_t doc = docs.NextDoc(); doc != kNoMoreDocs; doc = docs.NextDoc()) {
      const uint32_t freq = HasFreqs(options) ? docs.freq() : 1;
      const uint8_t norm = !has_norms ? 1 : (doc < norms.size() ? norms[doc] : 0);
      QUIVER_RETURN_IF_ERROR(postings.AddDoc(doc, freq, norm));
      docs_seen[doc >> 6] |= uint64_t{1} << (doc & 63);
      if (HasPositions(options)) {
        for (uint32_t i = 0; i < freq; ++i) {
          const uint32_t position = docs.NextPosition();
          postings.AddPosition(position, docs.start_offset(), docs.end_offset());
        }
      }
    }
    QUIVER_RETURN_IF_ERROR(source.status());
    QUIVER_ASSIGN_OR_RETURN(const TermMeta meta, postings.FinishTerm());
    if (meta.doc_freq == 0) continue;
    terms.Add(term, meta);
    sum_doc_freq += meta.doc_freq;
    sum_total_term_freq += meta.total_term_freq;
    prev_term.assign(term);
    first = false;
  }
  QUIVER_RETURN_IF_ERROR(source.status());

  FieldStatsHeader stats;
  stats.num_docs = num_docs;
  for (uint64_t word : docs_seen) stats.doc_count += static_cast<uint32_t>(std::popcount(word));
  stats.sum_doc_freq = sum_doc_freq;
  stats.sum_total_term_freq = HasFreqs(options) ? sum_total_term_freq : sum_doc_freq;
  stats.has_norms = has_norms;
  parts.terms = terms.Finish(stats);
  if (has_norms) parts.norms = WriteNorms(norms, num_docs);
  return parts;
}

}  // namespace quiver::text
