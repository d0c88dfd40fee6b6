#include "text/postings_iterator.h"

#include <algorithm>

#include "text/bit_packing.h"
#include "text/pfor.h"
#include "text/varint_decoding.h"

namespace quiver::text {

namespace {
constexpr uint32_t kBeforeFirst = 0xffffffffu;
}  // namespace

uint32_t PostingsIterator::Fail(const char* what) {
  if (status_.ok()) status_ = Status::Corruption(std::string("postings: ") + what);
  return Exhaust();
}

uint32_t PostingsIterator::Exhaust() {
  doc_ = kNoMoreDocs;
  buffer_size_ = 0;
  buffer_pos_ = 0;
  next_block_ = num_blocks_;
  return doc_;
}

Status PostingsIterator::Reset(const PostingsData& data, const TermState& term,
                               IndexOptions features) {
  data_ = data;
  features_ = std::min(features, data.field_options);
  doc_freq_ = term.doc_freq;
  total_term_freq_ = term.total_term_freq;
  doc_ = kBeforeFirst;
  status_ = Status::Ok();
  buffer_size_ = 0;
  buffer_pos_ = -1;
  next_block_ = 0;
  shallow_block_ = 0;
  impacts_valid_ = false;
  pos_pending_ = 0;
  pos_next_ = 0;
  pos_loaded_block_ = -1;
  pos_anchor_block_ = 0;
  position_ = start_offset_ = end_offset_ = 0;
  postings_end_ = data.postings + data.postings_size;
  if (doc_freq_ == 0 || doc_freq_ > data.num_docs) {
    num_blocks_ = 0;
    Fail("bad doc freq");
    return status_;
  }
  if (HasPositions(features_)) {
    if (term.pos_offset < kPositionsHeaderBytes || term.pos_offset > data.positions_size) {
      num_blocks_ = 0;
      Fail("bad positions offset");
      return status_;
    }
    pos_data_ = data.positions + term.pos_offset;
    pos_end_ = data.positions + data.positions_size;
    pos_anchor_ = pos_data_;
  }
  if (doc_freq_ == 1) {
    kind_ = Kind::kSingleton;
    num_blocks_ = 1;
    num_full_blocks_ = 0;
    singleton_doc_ = term.singleton_doc;
    if (singleton_doc_ >= data.num_docs) {
      Fail("bad singleton doc");
      return status_;
    }
    return status_;
  }
  if (term.doc_offset < kPostingsHeaderBytes || term.doc_offset >= data.postings_size) {
    num_blocks_ = 0;
    Fail("bad postings offset");
    return status_;
  }
  const uint8_t* p = data.postings + term.doc_offset;
  if (doc_freq_ < static_cast<uint32_t>(kBlockSize)) {
    kind_ = Kind::kSmall;
    num_blocks_ = 1;
    num_full_blocks_ = 0;
    p = ReadVarint32(p, postings_end_, &small_last_doc_);
    if (p == nullptr || small_last_doc_ >= data.num_docs) {
      Fail("bad last doc");
      return status_;
    }
    small_tail_ = p;
    return status_;
  }
  kind_ = Kind::kLarge;
  num_blocks_ = (doc_freq_ + kBlockSize - 1) / kBlockSize;
  num_full_blocks_ = doc_freq_ / kBlockSize;
  const size_t n = num_blocks_;
  const size_t skip_bytes = (HasPositions(data.field_options) ? 16 : 8) * n;
  if (skip_bytes > static_cast<size_t>(postings_end_ - p)) {
    Fail("truncated skip table");
    return status_;
  }
  skip_last_doc_ = p;
  skip_block_end_ = p + 4 * n;
  skip_pos_start_ = p + 8 * n;
  skip_pos_count_ = p + 12 * n;
  p += skip_bytes;
  uint32_t impacts_len;
  p = ReadVarint32(p, postings_end_, &impacts_len);
  if (p == nullptr || impacts_len > static_cast<size_t>(postings_end_ - p)) {
    Fail("truncated term impacts");
    return status_;
  }
  blocks_start_ = p + impacts_len;
  return status_;
}

uint32_t PostingsIterator::NextDocSlow() {
  if (doc_ == kNoMoreDocs || next_block_ >= num_blocks_) return Exhaust();
  if (!LoadBlock(next_block_)) return doc_;
  ++next_block_;
  buffer_pos_ = 0;
  doc_ = docs_[0];
  pos_pending_ += freqs_[0];
  return doc_;
}

bool PostingsIterator::DecodeTail(const uint8_t* p, const uint8_t* end, int64_t base,
                                  uint32_t count) {
  const bool field_freqs = HasFreqs(data_.field_options);
  const bool want_freqs = HasFreqs(features_);
  int64_t doc = base;
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t code;
    p = ReadVarint64(p, end, &code);
    if (p == nullptr) return false;
    uint32_t freq = 1;
    if (field_freqs) {
      if ((code & 1) == 0) {
        p = ReadVarint32(p, end, &freq);
        if (p == nullptr) return false;
      }
      code >>= 1;
    }
    doc += static_cast<int64_t>(code) + 1;
    if (code >= data_.num_docs || doc >= data_.num_docs) return false;
    docs_[i] = static_cast<uint32_t>(doc);
    freqs_[i] = want_freqs ? freq : 1;
  }
  buffer_size_ = static_cast<int>(count);
  return true;
}

bool PostingsIterator::LoadBlock(uint32_t block) {
  if (kind_ == Kind::kSingleton) {
    docs_[0] = singleton_doc_;
    freqs_[0] = HasFreqs(features_)
                    ? static_cast<uint32_t>(std::min<uint64_t>(total_term_freq_, kMaxStoredValue))
                    : 1;
    buffer_size_ = 1;
    return true;
  }
  if (kind_ == Kind::kSmall) {
    const uint8_t* p = small_tail_;
    uint32_t impacts_len;
    p = ReadVarint32(p, postings_end_, &impacts_len);
    if (p == nullptr || impacts_len > static_cast<size_t>(postings_end_ - p)) {
      Fail("bad tail block");
      return false;
    }
    p += impacts_len;
    if (!DecodeTail(p, postings_end_, -1, doc_freq_) || docs_[doc_freq_ - 1] != small_last_doc_) {
      Fail("bad tail block");
      return false;
    }
    return true;
  }
  const uint32_t begin = block == 0 ? 0 : BlockEnd(block - 1);
  const uint32_t end_offset = BlockEnd(block);
  if (begin > end_offset || end_offset > static_cast<size_t>(postings_end_ - blocks_start_)) {
    Fail("bad block offsets");
    return false;
  }
  const uint8_t* p = blocks_start_ + begin;
  const uint8_t* end = blocks_start_ + end_offset;
  uint32_t impacts_len;
  p = ReadVarint32(p, end, &impacts_len);
  if (p == nullptr || impacts_len > static_cast<size_t>(end - p)) {
    Fail("bad block impacts");
    return false;
  }
  p += impacts_len;
  const uint32_t last_doc = LastDoc(block);
  const uint32_t base = block == 0 ? kBeforeFirst : LastDoc(block - 1);
  if (last_doc >= data_.num_docs || (block > 0 && last_doc <= base)) {
    Fail("bad skip entry");
    return false;
  }
  if (block < num_full_blocks_) {
    int width = 0;
    p = DecodePfor128(p, end, docs_, &width);
    if (p == nullptr) {
      Fail("bad doc block");
      return false;
    }
    GapsToDocs128(docs_, base);
    if (docs_[kBlockSize - 1] != last_doc) {
      Fail("doc block does not end at its skip entry");
      return false;
    }
    if (width > 24) {
      // Gaps wide enough to wrap around 2^32: check the order explicitly.
      int64_t prev = block == 0 ? -1 : static_cast<int64_t>(base);
      for (int i = 0; i < kBlockSize; ++i) {
        if (static_cast<int64_t>(docs_[i]) <= prev) {
          Fail("doc block not ascending");
          return false;
        }
        prev = docs_[i];
      }
    }
    if (HasFreqs(features_)) {
      p = DecodePfor128(p, end, freqs_);
      if (p == nullptr) {
        Fail("bad freq block");
        return false;
      }
      for (int i = 0; i < kBlockSize; ++i) ++freqs_[i];
    } else {
      std::fill(freqs_, freqs_ + kBlockSize, 1u);
    }
    buffer_size_ = kBlockSize;
    return true;
  }
  const uint32_t count = doc_freq_ - num_full_blocks_ * kBlockSize;
  if (!DecodeTail(p, end, block == 0 ? -1 : static_cast<int64_t>(base), count) ||
      docs_[count - 1] != last_doc) {
    Fail("bad tail block");
    return false;
  }
  return true;
}

uint32_t PostingsIterator::FindBlock(uint32_t from, uint32_t target) const {
  // Gallop from `from`, then binary search: Advance targets are usually close.
  uint32_t lo = from;
  uint32_t step = 1;
  uint32_t hi = from;
  while (hi < num_blocks_ && LastDoc(hi) < target) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
    if (hi >= num_blocks_) {
      hi = num_blocks_;
      break;
    }
  }
  if (hi > num_blocks_) hi = num_blocks_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (LastDoc(mid) < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

uint32_t PostingsIterator::Advance(uint32_t target) {
  if (doc_ != kBeforeFirst && target <= doc_) return doc_;
  if (doc_ == kNoMoreDocs) return doc_;
  if (target >= kNoMoreDocs) return Exhaust();
  int i = buffer_pos_ + 1;
  if (buffer_size_ == 0 || docs_[buffer_size_ - 1] < target) {
    // The target is past the buffered docs.
    if (kind_ != Kind::kLarge) {
      if (next_block_ >= num_blocks_) return Exhaust();
      if (!LoadBlock(0)) return doc_;
      next_block_ = 1;
    } else {
      const uint32_t block = FindBlock(next_block_, target);
      if (block >= num_blocks_) return Exhaust();
      if (!LoadBlock(block)) return doc_;
      if (HasPositions(features_)) {
        ResetPositions(block);
        if (!status_.ok()) return doc_;
      }
      next_block_ = block + 1;
    }
    i = 0;
    if (docs_[buffer_size_ - 1] < target) return Exhaust();
  }
  while (docs_[i] < target) pos_pending_ += freqs_[i++];
  buffer_pos_ = i;
  doc_ = docs_[i];
  pos_pending_ += freqs_[i];
  return doc_;
}

uint32_t PostingsIterator::AdvanceShallow(uint32_t target) {
  switch (kind_) {
    case Kind::kSingleton:
      return target <= singleton_doc_ ? singleton_doc_ : kNoMoreDocs;
    case Kind::kSmall:
      return target <= small_last_doc_ ? small_last_doc_ : kNoMoreDocs;
    case Kind::kLarge:
      break;
  }
  if (!status_.ok() || num_blocks_ == 0) return kNoMoreDocs;
  uint32_t from = shallow_block_;
  if (from > 0 && target <= LastDoc(from - 1)) from = 0;
  const uint32_t block = FindBlock(from, target);
  if (block >= num_blocks_) return kNoMoreDocs;
  if (block != shallow_block_) {
    shallow_block_ = block;
    impacts_valid_ = false;
  }
  return LastDoc(block);
}

std::span<const Impact> PostingsIterator::impacts() {
  if (impacts_valid_) return std::span<const Impact>(impacts_, num_impacts_);
  num_impacts_ = 0;
  if (!status_.ok() || num_blocks_ == 0) return {};
  if (kind_ == Kind::kSingleton) {
    impacts_[0].freq =
        HasFreqs(data_.field_options)
            ? static_cast<uint32_t>(std::min<uint64_t>(total_term_freq_, 0xffffffffu))
            : 1;
    impacts_[0].norm = data_.has_norms ? data_.norms->norm(singleton_doc_) : 1;
    num_impacts_ = 1;
    impacts_valid_ = true;
    return std::span<const Impact>(impacts_, 1);
  }
  const uint8_t* p;
  const uint8_t* end = postings_end_;
  if (kind_ == Kind::kSmall) {
    p = small_tail_;
  } else {
    const uint32_t offset = shallow_block_ == 0 ? 0 : BlockEnd(shallow_block_ - 1);
    if (offset > static_cast<size_t>(end - blocks_start_)) {
      Fail("bad block offsets");
      return {};
    }
    p = blocks_start_ + offset;
  }
  uint32_t len;
  p = ReadVarint32(p, end, &len);
  if (p == nullptr || len > static_cast<size_t>(end - p) ||
      DecodeImpacts(p, p + len, impacts_, &num_impacts_) == nullptr) {
    num_impacts_ = 0;
    Fail("bad impacts");
    return {};
  }
  impacts_valid_ = true;
  return std::span<const Impact>(impacts_, num_impacts_);
}

uint32_t PostingsIterator::block_max_freq() {
  const auto pairs = impacts();
  return pairs.empty() ? 0 : pairs.back().freq;
}

uint8_t PostingsIterator::block_min_norm() {
  const auto pairs = impacts();
  return pairs.empty() ? 0 : pairs.front().norm;
}

void PostingsIterator::ResetPositions(uint32_t block) {
  const uint32_t start = Load32(skip_pos_start_, block);
  const uint32_t count = Load32(skip_pos_count_, block);
  if (start > static_cast<size_t>(pos_end_ - pos_data_) || count < pos_next_) {
    Fail("bad positions skip entry");
    return;
  }
  pos_next_ = count;
  pos_pending_ = 0;
  const uint64_t anchor_block = count / kBlockSize;
  if (static_cast<int64_t>(anchor_block) > pos_loaded_block_) {
    pos_anchor_block_ = anchor_block;
    pos_anchor_ = pos_data_ + start;
  }
}

bool PostingsIterator::LoadPositionBlock(uint64_t block) {
  const bool field_offsets = HasOffsets(data_.field_options);
  const bool want_offsets = HasOffsets(features_);
  const uint64_t full_blocks = total_term_freq_ / kBlockSize;
  if (block < pos_anchor_block_ || block > full_blocks) return false;
  const uint8_t* p = pos_anchor_;
  for (uint64_t b = pos_anchor_block_; b < block; ++b) {
    p = SkipPfor128(p, pos_end_);
    if (p != nullptr && field_offsets) {
      uint32_t len;
      p = ReadVarint32(p, pos_end_, &len);
      if (p != nullptr) p = len <= static_cast<size_t>(pos_end_ - p) ? p + len : nullptr;
    }
    if (p == nullptr) return false;
  }
  if (block < full_blocks) {
    p = DecodePfor128(p, pos_end_, pos_gaps_);
    if (p == nullptr) return false;
    if (field_offsets) {
      uint32_t len;
      p = ReadVarint32(p, pos_end_, &len);
      if (p == nullptr || len > static_cast<size_t>(pos_end_ - p)) return false;
      const uint8_t* offsets_end = p + len;
      if (want_offsets) {
        p = DecodePfor128(p, offsets_end, start_gaps_);
        if (p != nullptr) p = DecodePfor128(p, offsets_end, lengths_);
        if (p == nullptr) return false;
      }
      p = offsets_end;
    }
  } else {
    const uint64_t count = total_term_freq_ - full_blocks * kBlockSize;
    for (uint64_t i = 0; i < count; ++i) {
      p = ReadVarint32(p, pos_end_, &pos_gaps_[i]);
      if (p != nullptr && field_offsets) {
        p = ReadVarint32(p, pos_end_, &start_gaps_[i]);
        if (p != nullptr) p = ReadVarint32(p, pos_end_, &lengths_[i]);
      }
      if (p == nullptr) return false;
    }
  }
  pos_loaded_block_ = static_cast<int64_t>(block);
  pos_anchor_block_ = block + 1;
  pos_anchor_ = p;
  return true;
}

uint32_t PostingsIterator::NextPosition() {
  if (!HasPositions(features_) || doc_ == kNoMoreDocs || doc_ == kBeforeFirst) return 0;
  const uint32_t freq = this->freq();
  if (pos_pending_ > freq) {
    pos_next_ += pos_pending_ - freq;
    pos_pending_ = freq;
  }
  if (pos_pending_ == 0) return position_;  // read past freq(): a caller bug
  if (pos_pending_ == freq) {
    position_ = 0;
    start_offset_ = 0;
  }
  if (pos_next_ >= total_term_freq_) {
    Fail("positions past the term's end");
    return 0;
  }
  const uint64_t block = pos_next_ / kBlockSize;
  if (static_cast<int64_t>(block) != pos_loaded_block_ && !LoadPositionBlock(block)) {
    Fail("bad positions block");
    return 0;
  }
  const uint32_t i = static_cast<uint32_t>(pos_next_ % kBlockSize);
  position_ += pos_gaps_[i];
  if (HasOffsets(features_)) {
    start_offset_ += start_gaps_[i];
    end_offset_ = start_offset_ + lengths_[i];
  }
  ++pos_next_;
  --pos_pending_;
  return position_;
}

}  // namespace quiver::text
