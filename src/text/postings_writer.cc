#include "text/postings_writer.h"

#include <algorithm>
#include <cstring>

#include "common/coding.h"
#include "text/pfor.h"

namespace quiver::text {

namespace {

void PutHeader(std::string* out, uint8_t version, IndexOptions options, size_t size) {
  out->assign(size, '\0');
  (*out)[0] = static_cast<char>(version);
  (*out)[1] = static_cast<char>(options);
}

template <typename T>
void PutArray(std::string* out, const std::vector<T>& values) {
  out->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

}  // namespace

PostingsWriter::PostingsWriter(IndexOptions options, uint32_t num_docs, std::string* postings,
                               std::string* positions)
    : options_(options), num_docs_(num_docs), postings_(postings), positions_(positions) {
  PutHeader(postings_, kPostingsVersion, options_, kPostingsHeaderBytes);
  if (HasPositions(options_)) {
    PutHeader(positions_, kPositionsVersion, options_, kPositionsHeaderBytes);
  } else {
    positions_->clear();
  }
}

void PostingsWriter::StartTerm() {
  doc_freq_ = 0;
  total_term_freq_ = 0;
  last_doc_ = -1;
  pending_positions_ = 0;
  term_pos_start_ = positions_->size();
  block_impacts_.Clear();
  term_impacts_.Clear();
  blocks_.clear();
  skip_last_doc_.clear();
  skip_block_end_.clear();
  skip_pos_start_.clear();
  skip_pos_count_.clear();
  positions_written_ = 0;
  num_buffered_docs_ = 0;
  num_buffered_positions_ = 0;
}

Status PostingsWriter::AddDoc(uint32_t doc, uint32_t freq, uint8_t norm) {
  if (static_cast<int64_t>(doc) <= last_doc_ || doc >= num_docs_) {
    return Status::InvalidArgument("postings out of order: doc " + std::to_string(doc) + " after " +
                                   std::to_string(last_doc_) + " (num_docs " +
                                   std::to_string(num_docs_) + ")");
  }
  freq = HasFreqs(options_) ? std::clamp<uint32_t>(freq, 1, kMaxStoredValue) : 1;
  // A source that gave fewer positions than its freq: repeat the last one
  // so that positions stay aligned with docs.
  while (pending_positions_ > 0)
    AddPosition(last_position_, last_start_offset_, last_start_offset_);
  if (num_buffered_docs_ == 0 && HasPositions(options_)) {
    // Where the first position of this doc block will be.
    skip_pos_start_.push_back(static_cast<uint32_t>(
        std::min<uint64_t>(positions_->size() - term_pos_start_, 0xffffffffu)));
    skip_pos_count_.push_back(static_cast<uint32_t>(positions_written_));
    if (positions_->size() - term_pos_start_ > 0xffffffffu || positions_written_ > 0xffffffffu) {
      return Status::TooLarge("positions of one term exceed 4 GiB or 2^32 positions");
    }
  }
  doc_gaps_[num_buffered_docs_] = static_cast<uint32_t>(doc - last_doc_ - 1);
  freqs_[num_buffered_docs_] = freq;
  ++num_buffered_docs_;
  block_impacts_.Add(freq, norm);
  ++doc_freq_;
  total_term_freq_ += freq;
  last_doc_ = doc;
  last_position_ = 0;
  last_start_offset_ = 0;
  pending_positions_ = HasPositions(options_) ? freq : 0;
  if (num_buffered_docs_ == kBlockSize) FlushDocBlock();
  return Status::Ok();
}

void PostingsWriter::AddPosition(uint32_t position, uint32_t start_offset, uint32_t end_offset) {
  if (pending_positions_ == 0) return;
  --pending_positions_;
  position = std::clamp(position, last_position_, kMaxStoredValue);
  position_gaps_[num_buffered_positions_] = position - last_position_;
  last_position_ = position;
  if (HasOffsets(options_)) {
    start_offset = std::clamp(start_offset, last_start_offset_, kMaxStoredValue);
    end_offset = std::clamp(end_offset, start_offset, kMaxStoredValue);
    start_gaps_[num_buffered_positions_] = start_offset - last_start_offset_;
    lengths_[num_buffered_positions_] = end_offset - start_offset;
    last_start_offset_ = start_offset;
  }
  ++positions_written_;
  if (++num_buffered_positions_ == kBlockSize) FlushPositionBlock();
}

void PostingsWriter::FlushDocBlock() {
  block_impacts_.Encode(&scratch_);  // scratch_ is empty between uses
  PutVarint32(&blocks_, static_cast<uint32_t>(scratch_.size()));
  blocks_.append(scratch_);
  scratch_.clear();
  EncodePfor128(doc_gaps_, &blocks_);
  if (HasFreqs(options_)) {
    for (int i = 0; i < kBlockSize; ++i) --freqs_[i];
    EncodePfor128(freqs_, &blocks_);
  }
  skip_last_doc_.push_back(static_cast<uint32_t>(last_doc_));
  skip_block_end_.push_back(static_cast<uint32_t>(std::min<size_t>(blocks_.size(), 0xffffffffu)));
  term_impacts_.AddAll(block_impacts_);
  block_impacts_.Clear();
  num_buffered_docs_ = 0;
}

void PostingsWriter::FlushPositionBlock() {
  EncodePfor128(position_gaps_, positions_);
  if (HasOffsets(options_)) {
    scratch_.clear();
    EncodePfor128(start_gaps_, &scratch_);
    EncodePfor128(lengths_, &scratch_);
    PutVarint32(positions_, static_cast<uint32_t>(scratch_.size()));
    positions_->append(scratch_);
    scratch_.clear();
  }
  num_buffered_positions_ = 0;
}

void PostingsWriter::WriteTailDocs(std::string* out) {
  block_impacts_.Encode(&scratch_);
  PutVarint32(out, static_cast<uint32_t>(scratch_.size()));
  out->append(scratch_);
  scratch_.clear();
  for (int i = 0; i < num_buffered_docs_; ++i) {
    const uint64_t gap = doc_gaps_[i];
    if (!HasFreqs(options_)) {
      PutVarint64(out, gap);
    } else if (freqs_[i] == 1) {
      PutVarint64(out, (gap << 1) | 1);
    } else {
      PutVarint64(out, gap << 1);
      PutVarint32(out, freqs_[i]);
    }
  }
  term_impacts_.AddAll(block_impacts_);
  block_impacts_.Clear();
}

Status PostingsWriter::WriteLargeTerm(TermMeta* meta) {
  if (num_buffered_docs_ > 0) {
    WriteTailDocs(&blocks_);
    skip_last_doc_.push_back(static_cast<uint32_t>(last_doc_));
    skip_block_end_.push_back(static_cast<uint32_t>(std::min<size_t>(blocks_.size(), 0xffffffffu)));
  }
  if (blocks_.size() > 0xffffffffu) return Status::TooLarge("postings of one term exceed 4 GiB");
  meta->doc_offset = postings_->size();
  PutArray(postings_, skip_last_doc_);
  PutArray(postings_, skip_block_end_);
  if (HasPositions(options_)) {
    PutArray(postings_, skip_pos_start_);
    PutArray(postings_, skip_pos_count_);
  }
  term_impacts_.Encode(&scratch_);
  PutVarint32(postings_, static_cast<uint32_t>(scratch_.size()));
  postings_->append(scratch_);
  scratch_.clear();
  postings_->append(blocks_);
  return Status::Ok();
}

Result<TermMeta> PostingsWriter::FinishTerm() {
  TermMeta meta;
  if (doc_freq_ == 0) {
    positions_->resize(term_pos_start_);
    return meta;
  }
  meta.doc_freq = doc_freq_;
  meta.total_term_freq = total_term_freq_;
  if (HasPositions(options_)) {
    meta.pos_offset = term_pos_start_;
    // Tail positions as varints.
    for (int i = 0; i < num_buffered_positions_; ++i) {
      PutVarint32(positions_, position_gaps_[i]);
      if (HasOffsets(options_)) {
        PutVarint32(positions_, start_gaps_[i]);
        PutVarint32(positions_, lengths_[i]);
      }
    }
    num_buffered_positions_ = 0;
  }
  if (doc_freq_ == 1) {
    meta.singleton_doc = static_cast<uint32_t>(last_doc_);
    block_impacts_.Clear();
    num_buffered_docs_ = 0;
    return meta;
  }
  if (doc_freq_ < static_cast<uint32_t>(kBlockSize)) {
    meta.doc_offset = postings_->size();
    PutVarint32(postings_, static_cast<uint32_t>(last_doc_));
    WriteTailDocs(postings_);
    num_buffered_docs_ = 0;
    return meta;
  }
  QUIVER_RETURN_IF_ERROR(WriteLargeTerm(&meta));
  num_buffered_docs_ = 0;
  return meta;
}

}  // namespace quiver::text
