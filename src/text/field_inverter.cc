#include "text/field_inverter.h"

#include <algorithm>

#include "text/norm_encoding.h"
#include "text/postings_format.h"

namespace quiver::text {

FieldInverter::FieldInverter(IndexOptions options, bool has_norms)
    : options_(options), has_norms_(has_norms) {}

void FieldInverter::AddToken(std::string_view term, uint32_t doc, uint32_t position,
                             uint32_t start_offset, uint32_t end_offset) {
  doc = std::min(doc, kMaxStoredValue - 1);
  if (doc != unique_doc_) {
    unique_doc_ = doc;
    unique_terms_ = 0;
  }
  bool added;
  const uint32_t id = terms_.Add(term, &added);
  if (added) {
    states_.push_back(TermState{kNoStream, kNoStream, kNoStream, kNoStream, doc,
                                doc << (HasFreqs(options_) ? 1 : 0), 1, 0, 0});
    ++unique_terms_;
    TermState& t = states_.back();
    if (HasPositions(options_)) {
      t.prox_start = t.prox_cursor = pool_.NewStream();
      AddProx(t, position, start_offset, end_offset);
    }
    return;
  }
  TermState& t = states_[id];
  // A doc below last_doc is a caller bug; it is counted as last_doc so that
  // the postings stay ordered.
  if (doc > t.last_doc) {
    FlushPendingDoc(t);
    StartDoc(t, doc);
    ++unique_terms_;
  } else if (t.freq < kMaxStoredValue) {
    ++t.freq;
  }
  if (HasPositions(options_)) AddProx(t, position, start_offset, end_offset);
}

void FieldInverter::StartDoc(TermState& t, uint32_t doc) {
  const uint32_t gap = doc - t.last_doc - 1;
  t.pending_code = HasFreqs(options_) ? gap << 1 : gap;
  t.last_doc = doc;
  t.freq = 1;
  t.last_position = 0;
  t.last_start_offset = 0;
}

void FieldInverter::FlushPendingDoc(TermState& t) {
  if (t.doc_start == kNoStream) t.doc_start = t.doc_cursor = pool_.NewStream();
  if (!HasFreqs(options_)) {
    pool_.WriteVarint32(&t.doc_cursor, t.pending_code);
  } else if (t.freq == 1) {
    pool_.WriteVarint32(&t.doc_cursor, t.pending_code | 1);
  } else {
    pool_.WriteVarint32(&t.doc_cursor, t.pending_code);
    pool_.WriteVarint32(&t.doc_cursor, t.freq);
  }
}

void FieldInverter::AddProx(TermState& t, uint32_t position, uint32_t start_offset,
                            uint32_t end_offset) {
  position = std::clamp(position, t.last_position, kMaxStoredValue);
  pool_.WriteVarint32(&t.prox_cursor, position - t.last_position);
  t.last_position = position;
  if (HasOffsets(options_)) {
    start_offset = std::clamp(start_offset, t.last_start_offset, kMaxStoredValue);
    end_offset = std::clamp(end_offset, start_offset, kMaxStoredValue);
    pool_.WriteVarint32(&t.prox_cursor, start_offset - t.last_start_offset);
    pool_.WriteVarint32(&t.prox_cursor, end_offset - start_offset);
    t.last_start_offset = start_offset;
  }
}

void FieldInverter::EndField(uint32_t doc, uint32_t field_length) {
  if (doc >= kMaxStoredValue) return;
  uint32_t length = field_length;
  if (options_ == IndexOptions::kDocs) length = doc == unique_doc_ ? unique_terms_ : 0;
  if (doc == unique_doc_) {
    unique_doc_ = 0xffffffffu;
    unique_terms_ = 0;
  }
  if (!has_norms_) return;
  if (norms_.size() <= doc) {
    if (norms_.capacity() <= doc) norms_.reserve(std::max<size_t>(doc + 1, norms_.capacity() * 2));
    norms_.resize(doc + 1, 0);
  }
  norms_[doc] = EncodeNorm(length);
}

size_t FieldInverter::ram_bytes() const {
  return terms_.ram_bytes() + states_.capacity() * sizeof(TermState) + pool_.ram_bytes() +
         norms_.capacity();
}

}  // namespace quiver::text
