#include "segment/doc_values_writer.h"

#include <algorithm>
#include <numeric>

#include "common/coding.h"
#include "segment/bit_packing.h"

namespace quiver::segment {
namespace {

constexpr size_t kBlockSize = 4096;

void PadTo8(std::string* out) { out->resize((out->size() + 7) / 8 * 8, '\0'); }

// Presence bitmap + rank words, and returns per-doc value counts.
void AppendPresence(std::string* out, uint32_t num_docs, const std::vector<uint32_t>& counts) {
  size_t words = (num_docs + 63) / 64;
  std::vector<uint64_t> bits(words, 0);
  for (uint32_t d = 0; d < num_docs; ++d) {
    if (counts[d] > 0) bits[d >> 6] |= uint64_t{1} << (d & 63);
  }
  for (uint64_t w : bits) PutFixed64(out, w);
  uint32_t rank = 0;
  for (uint64_t w : bits) {
    PutFixed32(out, rank);
    rank += static_cast<uint32_t>(__builtin_popcountll(w));
  }
  PadTo8(out);
}

void AppendOffsets(std::string* out, const std::vector<uint32_t>& counts) {
  uint32_t off = 0;
  for (uint32_t c : counts) {
    if (c == 0) continue;
    PutFixed32(out, off);
    off += c;
  }
  PutFixed32(out, off);
  PadTo8(out);
}

void AppendValueBlocks(std::string* out, const std::vector<int64_t>& values) {
  std::vector<uint64_t> block_offsets;
  size_t values_start = out->size();
  for (size_t b = 0; b < values.size(); b += kBlockSize) {
    size_t n = std::min(kBlockSize, values.size() - b);
    block_offsets.push_back(out->size() - values_start);
    int64_t mn = values[b], mx = values[b];
    for (size_t i = b; i < b + n; ++i) {
      mn = std::min(mn, values[i]);
      mx = std::max(mx, values[i]);
    }
    uint64_t gcd = 0;
    for (size_t i = b; i < b + n; ++i) {
      gcd = std::gcd(gcd, static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(mn));
    }
    if (gcd == 0) gcd = 1;
    uint64_t range = (static_cast<uint64_t>(mx) - static_cast<uint64_t>(mn)) / gcd;
    int bits = BitsRequired(range);
    PutFixed64(out, static_cast<uint64_t>(mn));
    PutFixed64(out, gcd);
    out->push_back(static_cast<char>(bits));
    PadTo8(out);
    AppendPacked(out, n, bits, [&](size_t i) {
      return (static_cast<uint64_t>(values[b + i]) - static_cast<uint64_t>(mn)) / gcd;
    });
    PadTo8(out);
  }
  for (uint64_t o : block_offsets) PutFixed64(out, o);
}

}  // namespace

std::string NumericDocValuesWriter::Finish(uint32_t num_docs) const {
  std::vector<Entry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
    return a.doc != b.doc ? a.doc < b.doc : a.value < b.value;
  });
  std::vector<uint32_t> counts(num_docs, 0);
  for (const Entry& e : sorted) ++counts[e.doc];
  uint32_t docs_with = 0;
  bool multi = false;
  for (uint32_t c : counts) {
    docs_with += c > 0;
    multi |= c > 1;
  }
  std::string out;
  out.push_back(1);
  out.push_back(0);
  out.push_back(is_double_ ? 1 : 0);
  PutVarint64(&out, num_docs);
  PutVarint64(&out, sorted.size());
  out.push_back(multi ? 1 : 0);
  PutVarint64(&out, docs_with);
  PadTo8(&out);
  if (docs_with < num_docs) AppendPresence(&out, num_docs, counts);
  if (multi) AppendOffsets(&out, counts);
  std::vector<int64_t> values;
  values.reserve(sorted.size());
  for (const Entry& e : sorted) values.push_back(e.value);
  AppendValueBlocks(&out, values);
  return out;
}

void SortedSetDocValuesWriter::Add(uint32_t doc, std::string_view term) {
  entries_.push_back({doc, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(term.size())});
  bytes_.append(term);
}

std::string SortedSetDocValuesWriter::Finish(uint32_t num_docs) const {
  auto term_of = [&](const Entry& e) { return std::string_view(bytes_).substr(e.offset, e.length); };
  // Dictionary of distinct terms.
  std::vector<std::string_view> terms;
  terms.reserve(entries_.size());
  for (const Entry& e : entries_) terms.push_back(term_of(e));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  auto ord_of = [&](std::string_view t) {
    return static_cast<uint32_t>(std::lower_bound(terms.begin(), terms.end(), t) - terms.begin());
  };
  // Per doc: sorted distinct ordinals.
  std::vector<std::pair<uint32_t, uint32_t>> doc_ords;
  doc_ords.reserve(entries_.size());
  for (const Entry& e : entries_) doc_ords.push_back({e.doc, ord_of(term_of(e))});
  std::sort(doc_ords.begin(), doc_ords.end());
  doc_ords.erase(std::unique(doc_ords.begin(), doc_ords.end()), doc_ords.end());
  std::vector<uint32_t> counts(num_docs, 0);
  for (const auto& [d, o] : doc_ords) ++counts[d];
  uint32_t docs_with = 0;
  bool multi = false;
  for (uint32_t c : counts) {
    docs_with += c > 0;
    multi |= c > 1;
  }
  size_t terms_bytes = 0;
  for (auto t : terms) terms_bytes += t.size();
  std::string out;
  out.push_back(1);
  out.push_back(1);
  PutVarint64(&out, num_docs);
  PutVarint64(&out, terms.size());
  out.push_back(multi ? 1 : 0);
  PutVarint64(&out, docs_with);
  PutVarint64(&out, doc_ords.size());
  PutVarint64(&out, terms_bytes);
  PadTo8(&out);
  uint32_t off = 0;
  for (auto t : terms) {
    PutFixed32(&out, off);
    off += static_cast<uint32_t>(t.size());
  }
  PutFixed32(&out, off);
  for (auto t : terms) out.append(t);
  PadTo8(&out);
  if (docs_with < num_docs) AppendPresence(&out, num_docs, counts);
  if (multi) AppendOffsets(&out, counts);
  int bits = BitsRequired(terms.empty() ? 0 : terms.size() - 1);
  AppendPacked(&out, doc_ords.size(), bits, [&](size_t i) { return doc_ords[i].second; });
  PadTo8(&out);
  return out;
}

std::string PointsWriter::Finish() const {
  std::vector<Entry> sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
    return a.value != b.value ? a.value < b.value : a.doc < b.doc;
  });
  std::string out;
  out.push_back(1);
  PutVarint64(&out, sorted.size());
  PadTo8(&out);
  for (const Entry& e : sorted) PutFixed64(&out, static_cast<uint64_t>(e.value));
  for (const Entry& e : sorted) PutFixed32(&out, e.doc);
  return out;
}

}  // namespace quiver::segment
