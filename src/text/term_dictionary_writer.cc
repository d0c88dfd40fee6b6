#include "text/term_dictionary_writer.h"

#include <algorithm>
#include <cstring>

#include "common/coding.h"
#include "text/postings_format.h"

namespace quiver::text {

uint64_t TermKey8(std::string_view term) {
  uint64_t key = 0;
  const size_t n = std::min<size_t>(term.size(), 8);
  for (size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < n ? static_cast<uint8_t>(term[i]) : 0);
  }
  return key;
}

TermDictionaryWriter::TermDictionaryWriter(IndexOptions options) : options_(options) {}

void TermDictionaryWriter::Add(std::string_view term, const TermMeta& meta) {
  if (block_count_ == 0) {
    keys_.push_back(TermKey8(term));
    first_term_offsets_.push_back(static_cast<uint32_t>(first_terms_.size()));
    first_terms_.append(term);
    running_doc_offset_ = 0;
    running_pos_offset_ = 0;
    prev_term_.clear();
  }
  size_t prefix = 0;
  const size_t max_prefix = std::min(prev_term_.size(), term.size());
  while (prefix < max_prefix && prev_term_[prefix] == term[prefix]) ++prefix;
  PutVarint64(&suffixes_, prefix);
  PutVarint64(&suffixes_, term.size() - prefix);
  suffixes_.append(term.substr(prefix));
  prev_term_.assign(term);

  PutVarint32(&metas_, meta.doc_freq);
  if (HasFreqs(options_)) PutVarint64(&metas_, meta.total_term_freq - meta.doc_freq);
  if (meta.doc_freq == 1) {
    PutVarint32(&metas_, meta.singleton_doc);
  } else {
    PutVarint64(&metas_, meta.doc_offset - running_doc_offset_);
    running_doc_offset_ = meta.doc_offset;
  }
  if (HasPositions(options_)) {
    PutVarint64(&metas_, meta.pos_offset - running_pos_offset_);
    running_pos_offset_ = meta.pos_offset;
  }
  ++num_terms_;
  if (++block_count_ == kTermsPerBlock) FlushBlock();
}

void TermDictionaryWriter::FlushBlock() {
  block_offsets_.push_back(blocks_.size());
  PutVarint64(&blocks_, suffixes_.size());
  PutVarint64(&blocks_, metas_.size());
  blocks_.append(suffixes_);
  blocks_.append(metas_);
  suffixes_.clear();
  metas_.clear();
  block_count_ = 0;
}

std::string TermDictionaryWriter::Finish(const FieldStatsHeader& stats) {
  if (block_count_ > 0) FlushBlock();
  const uint32_t num_blocks = static_cast<uint32_t>(keys_.size());
  block_offsets_.push_back(blocks_.size());
  first_term_offsets_.push_back(static_cast<uint32_t>(first_terms_.size()));

  std::string out(kTermsHeaderBytes, '\0');
  out[0] = static_cast<char>(kTermsVersion);
  out[1] = static_cast<char>(options_);
  out[2] = static_cast<char>(stats.has_norms ? kTermsFlagHasNorms : 0);
  out[3] = static_cast<char>(kTermsPerBlock);
  EncodeFixed32(&out[4], num_blocks);
  EncodeFixed32(&out[8], stats.num_docs);
  EncodeFixed32(&out[12], stats.doc_count);
  EncodeFixed64(&out[16], num_terms_);
  EncodeFixed64(&out[24], stats.sum_doc_freq);
  EncodeFixed64(&out[32], stats.sum_total_term_freq);
  EncodeFixed64(&out[40], first_terms_.size());
  for (uint64_t key : keys_) PutFixed64(&out, key);
  for (uint64_t offset : block_offsets_) PutFixed64(&out, offset);
  for (uint32_t offset : first_term_offsets_) PutFixed32(&out, offset);
  out.append(first_terms_);
  PutLengthPrefixed(&out, num_terms_ > 0 ? std::string_view(prev_term_) : std::string_view());
  out.resize((out.size() + 7) & ~size_t{7}, '\0');
  EncodeFixed64(&out[48], out.size());
  EncodeFixed64(&out[56], blocks_.size());
  out.append(blocks_);
  return out;
}

}  // namespace quiver::text
