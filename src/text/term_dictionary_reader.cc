#include "text/term_dictionary_reader.h"

#include <algorithm>

#include "common/coding.h"
#include "text/postings_format.h"
#include "text/term_dictionary_writer.h"
#include "text/varint_decoding.h"

namespace quiver::text {

namespace {

Status Corrupt(const std::string& what) { return Status::Corruption("terms: " + what); }

// Compares two byte strings as unsigned bytes.
int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace

Result<TermDictionaryReader> TermDictionaryReader::Open(std::string_view data) {
  TermDictionaryReader r;
  if (data.size() < kTermsHeaderBytes) return Corrupt("truncated header");
  const auto* base = reinterpret_cast<const uint8_t*>(data.data());
  if (base[0] != kTermsVersion) return Corrupt("unknown version " + std::to_string(base[0]));
  if (base[1] > static_cast<uint8_t>(IndexOptions::kOffsets)) return Corrupt("bad index options");
  r.options_ = static_cast<IndexOptions>(base[1]);
  r.has_norms_ = (base[2] & kTermsFlagHasNorms) != 0;
  r.terms_per_block_ = base[3];
  r.num_blocks_ = DecodeFixed32(data.data() + 4);
  r.num_docs_ = DecodeFixed32(data.data() + 8);
  r.doc_count_ = DecodeFixed32(data.data() + 12);
  r.num_terms_ = DecodeFixed64(data.data() + 16);
  r.sum_doc_freq_ = DecodeFixed64(data.data() + 24);
  r.sum_total_term_freq_ = DecodeFixed64(data.data() + 32);
  const uint64_t first_terms_bytes = DecodeFixed64(data.data() + 40);
  const uint64_t blocks_offset = DecodeFixed64(data.data() + 48);
  r.blocks_bytes_ = DecodeFixed64(data.data() + 56);

  if (r.terms_per_block_ == 0) return Corrupt("zero terms per block");
  if (r.num_docs_ > kNoMoreDocs || r.doc_count_ > r.num_docs_) return Corrupt("bad doc counts");
  if (r.num_terms_ > data.size() ||
      r.num_blocks_ != (r.num_terms_ + r.terms_per_block_ - 1) / r.terms_per_block_) {
    return Corrupt("bad term count");
  }
  if (blocks_offset > data.size() || r.blocks_bytes_ != data.size() - blocks_offset) {
    return Corrupt("bad blocks area");
  }
  const uint64_t n = r.num_blocks_;
  const uint64_t index_bytes = 8 * n + 8 * (n + 1) + 4 * (n + 1);
  if (index_bytes > blocks_offset - kTermsHeaderBytes ||
      first_terms_bytes > blocks_offset - kTermsHeaderBytes - index_bytes) {
    return Corrupt("truncated block index");
  }
  r.keys_ = base + kTermsHeaderBytes;
  r.block_offsets_ = r.keys_ + 8 * n;
  r.first_term_offsets_ = r.block_offsets_ + 8 * (n + 1);
  r.first_terms_ = reinterpret_cast<const char*>(r.first_term_offsets_ + 4 * (n + 1));
  for (uint32_t i = 0; i < n; ++i) {
    if (r.BlockOffset(i) > r.BlockOffset(i + 1) ||
        r.FirstTermOffset(i) > r.FirstTermOffset(i + 1)) {
      return Corrupt("block index not ascending");
    }
  }
  if (r.BlockOffset(static_cast<uint32_t>(n)) != r.blocks_bytes_ ||
      r.FirstTermOffset(static_cast<uint32_t>(n)) != first_terms_bytes) {
    return Corrupt("block index does not match the areas");
  }
  ByteReader tail(
      std::string_view(r.first_terms_ + first_terms_bytes,
                       blocks_offset - kTermsHeaderBytes - index_bytes - first_terms_bytes));
  if (!tail.GetLengthPrefixed(&r.last_term_)) return Corrupt("truncated last term");
  r.blocks_ = base + blocks_offset;
  return r;
}

std::string_view TermDictionaryReader::first_term(uint32_t block) const {
  const uint32_t begin = FirstTermOffset(block);
  return std::string_view(first_terms_ + begin, FirstTermOffset(block + 1) - begin);
}

int64_t TermDictionaryReader::FindBlock(std::string_view target) const {
  const uint64_t key = TermKey8(target);
  // [lo, hi): the blocks whose key equals the target's; blocks before lo
  // start below the target, blocks from hi on start above it.
  uint32_t lo = 0;
  uint32_t hi = num_blocks_;
  while (lo < hi) {  // first block with key > target key
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Key(mid) <= key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const uint32_t upper = lo;
  lo = 0;
  hi = upper;
  while (lo < hi) {  // first block with key >= target key
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Key(mid) < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  hi = upper;
  while (lo < hi) {  // first block whose first term > target
    const uint32_t mid = lo + (hi - lo) / 2;
    if (CompareBytes(first_term(mid), target) <= 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return static_cast<int64_t>(lo) - 1;
}

bool TermDictionaryReader::LoadBlock(uint32_t block, Block* out) const {
  if (block >= num_blocks_) return false;
  const uint8_t* p = blocks_ + BlockOffset(block);
  const uint8_t* end = blocks_ + BlockOffset(block + 1);
  uint64_t suffix_bytes;
  uint64_t meta_bytes;
  p = ReadVarint64(p, end, &suffix_bytes);
  if (p == nullptr) return false;
  p = ReadVarint64(p, end, &meta_bytes);
  if (p == nullptr || suffix_bytes > static_cast<uint64_t>(end - p) ||
      meta_bytes > static_cast<uint64_t>(end - p) - suffix_bytes) {
    return false;
  }
  out->suffixes = p;
  out->suffixes_end = p + suffix_bytes;
  out->metas = out->suffixes_end;
  out->metas_end = out->metas + meta_bytes;
  out->first_ord = uint64_t{block} * terms_per_block_;
  out->num_terms =
      static_cast<uint32_t>(std::min<uint64_t>(terms_per_block_, num_terms_ - out->first_ord));
  return true;
}

Status TermDictionaryReader::SeekExact(std::string_view target, TermState* state,
                                       bool* found) const {
  *found = false;
  const int64_t b = FindBlock(target);
  if (b < 0) return Status::Ok();
  Block block;
  if (!LoadBlock(static_cast<uint32_t>(b), &block)) return Corrupt("bad block");
  // Scan without rebuilding terms: `matched` is the length of the common
  // prefix of the target and the previous term, which sorts below it.
  const uint8_t* p = block.suffixes;
  size_t matched = 0;
  size_t prev_len = 0;
  uint32_t index = 0;
  bool hit = false;
  for (; index < block.num_terms; ++index) {
    uint32_t prefix;
    uint32_t suffix_len;
    p = ReadVarint32(p, block.suffixes_end, &prefix);
    if (p == nullptr) return Corrupt("bad suffix");
    p = ReadVarint32(p, block.suffixes_end, &suffix_len);
    if (p == nullptr || suffix_len > static_cast<size_t>(block.suffixes_end - p) ||
        prefix > prev_len || (index == 0 && prefix != 0)) {
      return Corrupt("bad suffix");
    }
    const auto* suffix = reinterpret_cast<const char*>(p);
    p += suffix_len;
    prev_len = size_t{prefix} + suffix_len;
    if (index > 0) {
      if (prefix < matched) return Status::Ok();  // this term > target
      if (prefix > matched) continue;             // still < target
    }
    const std::string_view rest = target.substr(matched);
    const size_t n = std::min<size_t>(suffix_len, rest.size());
    size_t l = 0;
    while (l < n && suffix[l] == rest[l]) ++l;
    if (l == suffix_len && l == rest.size()) {
      hit = true;
      break;
    }
    if (l == rest.size()) return Status::Ok();  // target is a proper prefix of the term
    if (l<suffix_len&& static_cast<uint8_t>(suffix[l])> static_cast<uint8_t>(rest[l])) {
      return Status::Ok();
    }
    matched += l;
  }
  if (!hit) return Status::Ok();
  TermMetaDecoder metas;
  metas.Reset(block, options_, num_docs_);
  for (uint32_t i = 0; i <= index; ++i) {
    if (!metas.Next(state)) return Corrupt("bad term metadata");
  }
  *found = true;
  return Status::Ok();
}

void TermMetaDecoder::Reset(const TermDictionaryReader::Block& block, IndexOptions options,
                            uint32_t num_docs) {
  p_ = block.metas;
  end_ = block.metas_end;
  options_ = options;
  num_docs_ = num_docs;
  ord_ = block.first_ord;
  decoded_ = 0;
  doc_offset_ = 0;
  pos_offset_ = 0;
}

bool TermMetaDecoder::Next(TermState* state) {
  uint32_t doc_freq;
  p_ = ReadVarint32(p_, end_, &doc_freq);
  if (p_ == nullptr || doc_freq == 0 || doc_freq > num_docs_) return false;
  state->doc_freq = doc_freq;
  state->total_term_freq = doc_freq;
  if (HasFreqs(options_)) {
    uint64_t extra;
    p_ = ReadVarint64(p_, end_, &extra);
    if (p_ == nullptr || extra > (uint64_t{1} << 62)) return false;
    state->total_term_freq += extra;
  }
  if (doc_freq == 1) {
    uint32_t doc;
    p_ = ReadVarint32(p_, end_, &doc);
    if (p_ == nullptr || doc >= num_docs_) return false;
    state->singleton_doc = doc;
    state->doc_offset = 0;
  } else {
    uint64_t delta;
    p_ = ReadVarint64(p_, end_, &delta);
    if (p_ == nullptr) return false;
    doc_offset_ += delta;
    state->doc_offset = doc_offset_;
    state->singleton_doc = kNoMoreDocs;
  }
  state->pos_offset = 0;
  if (HasPositions(options_)) {
    uint64_t delta;
    p_ = ReadVarint64(p_, end_, &delta);
    if (p_ == nullptr) return false;
    pos_offset_ += delta;
    state->pos_offset = pos_offset_;
  }
  state->ord = ord_++;
  ++decoded_;
  return true;
}

}  // namespace quiver::text
