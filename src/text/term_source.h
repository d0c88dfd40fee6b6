// TermSource: the input of the inverted-index serializer (WriteFieldIndex):
// terms in ascending byte order, each with its postings in doc order. It is
// implemented by the indexing buffer (FieldInverter::NewTermSource) and by
// merges (MergeSource), so refresh and merge share one writer.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "common/status.h"

namespace quiver::text {

// The postings of one term: docs strictly ascending, each with its freq,
// positions (non-decreasing) and offsets. Consumers may read fewer
// positions than freq(); the source skips the rest.
class PostingsSource {
 public:
  virtual ~PostingsSource() = default;
  // The next doc, or kNoMoreDocs.
  virtual uint32_t NextDoc() = 0;
  // Occurrences in the current doc (≥ 1; 1 when the source has no freqs).
  virtual uint32_t freq() const = 0;
  // The next position of the current doc (0 when the source has none).
  virtual uint32_t NextPosition() = 0;
  // Offsets of the position last returned (0 when the source has none).
  virtual uint32_t start_offset() const = 0;
  virtual uint32_t end_offset() const = 0;
};

class TermSource {
 public:
  virtual ~TermSource() = default;
  // Moves to the next term; false at the end or on error (see status()).
  virtual bool NextTerm() = 0;
  virtual std::string_view term() const = 0;
  // The postings of the current term; valid until the next NextTerm().
  virtual PostingsSource& postings() = 0;
  // Encoded norm of each output doc (norm_encoding.h); docs at or past the
  // end have norm 0. Valid for the source's lifetime.
  virtual std::span<const uint8_t> norms() const = 0;
  // Not OK once reading the input failed.
  virtual Status status() const = 0;
};

}  // namespace quiver::text
