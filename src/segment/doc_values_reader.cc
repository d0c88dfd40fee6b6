#include "segment/doc_values_reader.h"

#include <algorithm>

#include "common/coding.h"
#include "segment/bit_packing.h"

namespace quiver::segment {
namespace {

constexpr size_t kBlockSize = 4096;

Status Corrupt(const char* what) {
  return Status::Corruption(std::string("doc values component is invalid: ") + what);
}

size_t Align8(size_t n) { return (n + 7) / 8 * 8; }

}  // namespace

Status DocPresence::Init(const char* base, size_t size, uint32_t num_docs,
                         uint32_t docs_with_value, size_t* consumed) {
  num_docs_ = num_docs;
  docs_with_value_ = docs_with_value;
  all_ = docs_with_value == num_docs;
  *consumed = 0;
  if (all_) return Status::Ok();
  size_t words = (num_docs + 63) / 64;
  size_t need = Align8(words * 8 + words * 4);
  if (size < need) return Corrupt("presence bitmap truncated");
  bits_ = base;
  ranks_ = base + words * 8;
  uint32_t counted = 0;
  for (size_t i = 0; i < words; ++i) {
    if (DecodeFixed32(ranks_ + 4 * i) != counted) return Corrupt("presence ranks");
    counted += static_cast<uint32_t>(__builtin_popcountll(Word(i)));
  }
  if (counted != docs_with_value) return Corrupt("presence count");
  *consumed = need;
  return Status::Ok();
}

uint64_t DocPresence::Word(size_t i) const { return DecodeFixed64(bits_ + 8 * i); }

uint32_t DocPresence::Rank(uint32_t doc) const {
  if (all_) return doc;
  uint64_t w = Word(doc >> 6) & ((uint64_t{1} << (doc & 63)) - 1);
  return DecodeFixed32(ranks_ + 4 * (doc >> 6)) + static_cast<uint32_t>(__builtin_popcountll(w));
}

Result<NumericDocValues> NumericDocValues::Open(std::string_view bytes) {
  ByteReader r(bytes);
  uint8_t version, kind, type, multi;
  uint64_t num_docs, num_values, docs_with;
  if (!r.GetByte(&version) || version != 1 || !r.GetByte(&kind) || kind != 0 ||
      !r.GetByte(&type) || type > 1 || !r.GetVarint64(&num_docs) || num_docs > UINT32_MAX ||
      !r.GetVarint64(&num_values) || !r.GetByte(&multi) || !r.GetVarint64(&docs_with) ||
      docs_with > num_docs) {
    return Corrupt("header");
  }
  if ((!multi && num_values != docs_with) || (multi && num_values < docs_with)) {
    return Corrupt("value count");
  }
  NumericDocValues dv;
  dv.is_double_ = type == 1;
  dv.multi_ = multi != 0;
  dv.num_docs_ = static_cast<uint32_t>(num_docs);
  dv.num_values_ = num_values;
  size_t pos = Align8(bytes.size() - r.remaining());
  if (pos > bytes.size()) return Corrupt("header padding");
  size_t used;
  QUIVER_RETURN_IF_ERROR(dv.presence_.Init(bytes.data() + pos, bytes.size() - pos,
                                           dv.num_docs_, static_cast<uint32_t>(docs_with), &used));
  pos += used;
  if (dv.multi_) {
    size_t need = Align8((docs_with + 1) * 4);
    if (bytes.size() - pos < need) return Corrupt("offsets truncated");
    dv.offsets_ = bytes.data() + pos;
    uint32_t prev = 0;
    for (uint64_t i = 0; i <= docs_with; ++i) {
      uint32_t o = DecodeFixed32(dv.offsets_ + 4 * i);
      if (o < prev || o > num_values || (i == 0 && o != 0)) return Corrupt("offsets");
      prev = o;
    }
    if (prev != num_values) return Corrupt("offsets end");
    pos += need;
  }
  size_t num_blocks = (num_values + kBlockSize - 1) / kBlockSize;
  if (bytes.size() - pos < num_blocks * 8) return Corrupt("block index truncated");
  size_t values_len = bytes.size() - pos - num_blocks * 8;
  dv.values_ = bytes.data() + pos;
  dv.block_offsets_ = bytes.data() + pos + values_len;
  for (size_t b = 0; b < num_blocks; ++b) {
    uint64_t off = DecodeFixed64(dv.block_offsets_ + 8 * b);
    if (off + 24 > values_len) return Corrupt("block offset");
    int bits = static_cast<uint8_t>(dv.values_[off + 16]);
    size_t n = std::min(kBlockSize, static_cast<size_t>(num_values - b * kBlockSize));
    if (bits > 64 || off + 24 + PackedBytes(n, bits) > values_len) return Corrupt("block size");
  }
  return dv;
}

int64_t NumericDocValues::ValueAt(uint64_t index) const {
  uint64_t b = index / kBlockSize;
  const char* block = values_ + DecodeFixed64(block_offsets_ + 8 * b);
  uint64_t mn = DecodeFixed64(block);
  uint64_t gcd = DecodeFixed64(block + 8);
  int bits = static_cast<uint8_t>(block[16]);
  uint64_t packed = ReadPacked(block + 24, index % kBlockSize, bits);
  return static_cast<int64_t>(mn + packed * gcd);
}

uint64_t NumericDocValues::FirstIndex(uint32_t doc) const {
  uint32_t rank = presence_.Rank(doc);
  return multi_ ? DecodeFixed32(offsets_ + 4 * static_cast<size_t>(rank)) : rank;
}

uint32_t NumericDocValues::Count(uint32_t doc) const {
  if (doc >= num_docs_ || !presence_.Has(doc)) return 0;
  if (!multi_) return 1;
  uint32_t rank = presence_.Rank(doc);
  return DecodeFixed32(offsets_ + 4 * (static_cast<size_t>(rank) + 1)) -
         DecodeFixed32(offsets_ + 4 * static_cast<size_t>(rank));
}

int64_t NumericDocValues::Value(uint32_t doc, uint32_t i) const { return ValueAt(FirstIndex(doc) + i); }

double NumericDocValues::DoubleValue(uint32_t doc, uint32_t i) const {
  int64_t v = Value(doc, i);
  return is_double_ ? SortableToDouble(v) : static_cast<double>(v);
}

Result<SortedSetDocValues> SortedSetDocValues::Open(std::string_view bytes) {
  ByteReader r(bytes);
  uint8_t version, kind, multi;
  uint64_t num_docs, num_terms, docs_with, num_ords, terms_bytes;
  if (!r.GetByte(&version) || version != 1 || !r.GetByte(&kind) || kind != 1 ||
      !r.GetVarint64(&num_docs) || num_docs > UINT32_MAX || !r.GetVarint64(&num_terms) ||
      num_terms > UINT32_MAX || !r.GetByte(&multi) || !r.GetVarint64(&docs_with) ||
      docs_with > num_docs || !r.GetVarint64(&num_ords) || !r.GetVarint64(&terms_bytes)) {
    return Corrupt("header");
  }
  if ((!multi && num_ords != docs_with) || (multi && num_ords < docs_with)) {
    return Corrupt("ord count");
  }
  SortedSetDocValues dv;
  dv.multi_ = multi != 0;
  dv.num_docs_ = static_cast<uint32_t>(num_docs);
  dv.num_terms_ = static_cast<uint32_t>(num_terms);
  dv.num_ords_ = num_ords;
  dv.bits_ = BitsRequired(num_terms == 0 ? 0 : num_terms - 1);
  size_t pos = Align8(bytes.size() - r.remaining());
  size_t dict = (num_terms + 1) * 4;
  if (pos > bytes.size() || bytes.size() - pos < dict + terms_bytes) return Corrupt("dictionary");
  dv.term_offsets_ = bytes.data() + pos;
  dv.term_bytes_ = dv.term_offsets_ + dict;
  uint32_t prev = 0;
  for (uint64_t i = 0; i <= num_terms; ++i) {
    uint32_t o = DecodeFixed32(dv.term_offsets_ + 4 * i);
    if (o < prev || o > terms_bytes || (i == 0 && o != 0)) return Corrupt("term offsets");
    prev = o;
  }
  if (prev != terms_bytes) return Corrupt("term bytes");
  pos = Align8(pos + dict + terms_bytes);
  if (pos > bytes.size()) return Corrupt("dictionary padding");
  size_t used;
  QUIVER_RETURN_IF_ERROR(dv.presence_.Init(bytes.data() + pos, bytes.size() - pos, dv.num_docs_,
                                           static_cast<uint32_t>(docs_with), &used));
  pos += used;
  if (dv.multi_) {
    size_t need = Align8((docs_with + 1) * 4);
    if (bytes.size() - pos < need) return Corrupt("offsets truncated");
    dv.offsets_ = bytes.data() + pos;
    uint32_t p = 0;
    for (uint64_t i = 0; i <= docs_with; ++i) {
      uint32_t o = DecodeFixed32(dv.offsets_ + 4 * i);
      if (o < p || o > num_ords || (i == 0 && o != 0)) return Corrupt("offsets");
      p = o;
    }
    if (p != num_ords) return Corrupt("offsets end");
    pos += need;
  }
  if (bytes.size() - pos < PackedBytes(num_ords, dv.bits_)) return Corrupt("ords truncated");
  dv.ords_ = bytes.data() + pos;
  for (uint64_t i = 0; i < num_ords; ++i) {
    if (ReadPacked(dv.ords_, i, dv.bits_) >= num_terms) return Corrupt("ordinal out of range");
  }
  return dv;
}

std::string_view SortedSetDocValues::Term(uint32_t ord) const {
  uint32_t b = DecodeFixed32(term_offsets_ + 4 * static_cast<size_t>(ord));
  uint32_t e = DecodeFixed32(term_offsets_ + 4 * (static_cast<size_t>(ord) + 1));
  return std::string_view(term_bytes_ + b, e - b);
}

uint32_t SortedSetDocValues::LowerBound(std::string_view term) const {
  uint32_t lo = 0, hi = num_terms_;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (Term(mid) < term) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

std::optional<uint32_t> SortedSetDocValues::Lookup(std::string_view term) const {
  uint32_t o = LowerBound(term);
  if (o < num_terms_ && Term(o) == term) return o;
  return std::nullopt;
}

uint64_t SortedSetDocValues::FirstIndex(uint32_t doc) const {
  uint32_t rank = presence_.Rank(doc);
  return multi_ ? DecodeFixed32(offsets_ + 4 * static_cast<size_t>(rank)) : rank;
}

uint32_t SortedSetDocValues::Count(uint32_t doc) const {
  if (doc >= num_docs_ || !presence_.Has(doc)) return 0;
  if (!multi_) return 1;
  uint32_t rank = presence_.Rank(doc);
  return DecodeFixed32(offsets_ + 4 * (static_cast<size_t>(rank) + 1)) -
         DecodeFixed32(offsets_ + 4 * static_cast<size_t>(rank));
}

uint32_t SortedSetDocValues::Ord(uint32_t doc, uint32_t i) const {
  return static_cast<uint32_t>(ReadPacked(ords_, FirstIndex(doc) + i, bits_));
}

Result<PointsReader> PointsReader::Open(std::string_view bytes, uint32_t num_docs) {
  ByteReader r(bytes);
  uint8_t version;
  uint64_t count;
  if (!r.GetByte(&version) || version != 1 || !r.GetVarint64(&count)) return Corrupt("points header");
  size_t pos = Align8(bytes.size() - r.remaining());
  if (pos > bytes.size() || (bytes.size() - pos) != count * 12) return Corrupt("points size");
  PointsReader p;
  p.count_ = count;
  p.values_ = bytes.data() + pos;
  p.docs_ = p.values_ + count * 8;
  for (uint64_t i = 0; i < count; ++i) {
    if (DecodeFixed32(p.docs_ + 4 * i) >= num_docs) return Corrupt("point doc out of range");
    if (i > 0 && p.ValueAt(i) < p.ValueAt(i - 1)) return Corrupt("points not sorted");
  }
  return p;
}

int64_t PointsReader::ValueAt(uint64_t i) const {
  return static_cast<int64_t>(DecodeFixed64(values_ + 8 * i));
}

uint64_t PointsReader::LowerBound(int64_t v) const {
  uint64_t lo = 0, hi = count_;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (ValueAt(mid) < v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

uint64_t PointsReader::UpperBound(int64_t v) const {
  uint64_t lo = 0, hi = count_;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (ValueAt(mid) <= v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

uint64_t PointsReader::CountRange(int64_t lo, int64_t hi) const {
  if (lo > hi) return 0;
  return UpperBound(hi) - LowerBound(lo);
}

void PointsReader::Range(int64_t lo, int64_t hi, std::vector<uint32_t>* docs) const {
  docs->clear();
  if (lo > hi) return;
  uint64_t b = LowerBound(lo), e = UpperBound(hi);
  docs->reserve(e - b);
  for (uint64_t i = b; i < e; ++i) docs->push_back(DecodeFixed32(docs_ + 4 * i));
  std::sort(docs->begin(), docs->end());
  docs->erase(std::unique(docs->begin(), docs->end()), docs->end());
}

uint32_t PointsReader::DocAt(uint64_t i) const { return DecodeFixed32(docs_ + 4 * i); }

int64_t PointsReader::min_value() const { return count_ ? ValueAt(0) : 0; }
int64_t PointsReader::max_value() const { return count_ ? ValueAt(count_ - 1) : 0; }

}  // namespace quiver::segment
