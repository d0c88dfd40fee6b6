// FieldInverter::NewTermSource: reads the buffered postings back in term
// order for WriteFieldIndex.
#include <vector>

#include "text/field_inverter.h"
#include "text/postings_format.h"

namespace quiver::text {

// Decodes one term's doc stream (plus its pending last doc) and position
// stream from the inverter's slice pool.
class InverterPostings final : public PostingsSource {
 public:
  explicit InverterPostings(const FieldInverter* inverter) : inv_(inverter) {}

  void Reset(uint32_t id) {
    state_ = &inv_->states_[id];
    if (state_->doc_start != FieldInverter::kNoStream) {
      docs_.Reset(&inv_->pool_, state_->doc_start, state_->doc_cursor);
    } else {
      docs_.Reset(&inv_->pool_, 0, 0);
    }
    if (state_->prox_start != FieldInverter::kNoStream) {
      prox_.Reset(&inv_->pool_, state_->prox_start, state_->prox_cursor);
    }
    doc_ = 0;
    started_ = false;
    pending_done_ = false;
    positions_left_ = 0;
  }

  uint32_t NextDoc() override {
    while (positions_left_ > 0) NextPosition();
    const bool has_freqs = HasFreqs(inv_->options_);
    uint32_t gap;
    if (!docs_.done()) {
      const uint32_t code = docs_.ReadVarint32();
      if (has_freqs) {
        gap = code >> 1;
        freq_ = (code & 1) ? 1 : docs_.ReadVarint32();
      } else {
        gap = code;
        freq_ = 1;
      }
      doc_ = started_ ? doc_ + gap + 1 : gap;
    } else if (!pending_done_) {
      pending_done_ = true;
      doc_ = state_->last_doc;
      freq_ = has_freqs ? state_->freq : 1;
    } else {
      doc_ = kNoMoreDocs;
      return doc_;
    }
    started_ = true;
    position_ = 0;
    start_offset_ = 0;
    end_offset_ = 0;
    positions_left_ = HasPositions(inv_->options_) ? freq_ : 0;
    return doc_;
  }

  uint32_t freq() const override { return freq_; }

  uint32_t NextPosition() override {
    if (positions_left_ == 0) return position_;
    --positions_left_;
    position_ += prox_.ReadVarint32();
    if (HasOffsets(inv_->options_)) {
      start_offset_ += prox_.ReadVarint32();
      end_offset_ = start_offset_ + prox_.ReadVarint32();
    }
    return position_;
  }
  uint32_t start_offset() const override { return start_offset_; }
  uint32_t end_offset() const override { return end_offset_; }

 private:
  const FieldInverter* inv_;
  const FieldInverter::TermState* state_ = nullptr;
  ByteSliceReader docs_;
  ByteSliceReader prox_;
  uint32_t doc_ = 0;
  uint32_t freq_ = 0;
  bool started_ = false;
  bool pending_done_ = false;
  uint32_t positions_left_ = 0;
  uint32_t position_ = 0;
  uint32_t start_offset_ = 0;
  uint32_t end_offset_ = 0;
};

class InverterTermSource final : public TermSource {
 public:
  explicit InverterTermSource(const FieldInverter* inverter)
      : inv_(inverter), sorted_(inverter->terms_.SortedIds()), postings_(inverter) {}

  bool NextTerm() override {
    if (next_ >= sorted_.size()) return false;
    const uint32_t id = sorted_[next_++];
    term_ = inv_->terms_.term(id);
    postings_.Reset(id);
    return true;
  }
  std::string_view term() const override { return term_; }
  PostingsSource& postings() override { return postings_; }
  std::span<const uint8_t> norms() const override { return inv_->norms_; }
  Status status() const override { return Status::Ok(); }

 private:
  const FieldInverter* inv_;
  std::vector<uint32_t> sorted_;
  size_t next_ = 0;
  std::string_view term_;
  InverterPostings postings_;
};

std::unique_ptr<TermSource> FieldInverter::NewTermSource() const {
  return std::make_unique<InverterTermSource>(this);
}

}  // namespace quiver::text
