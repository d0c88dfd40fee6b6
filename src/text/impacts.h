// Impacts: for a set of postings, the competitive (freq, norm) pairs — those
// not dominated by another pair with a freq at least as high and a norm at
// most as high — as Lucene's CompetitiveImpactAccumulator keeps them for
// block-max WAND (Ding & Suel, "Faster top-k document retrieval using
// block-max indexes", SIGIR 2011). BM25 grows with freq and shrinks with the
// norm (an encoded length, compared unsigned), so the best score over the
// pairs bounds the score of every document they describe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace quiver::text {

struct Impact {
  uint32_t freq = 1;
  uint8_t norm = 1;  // encoded length (norm_encoding.h); 1 when the field has no norms
  bool operator==(const Impact&) const = default;
};

// At most one pair per norm value survives.
inline constexpr size_t kMaxImpacts = 256;

// Collects (freq, norm) pairs and yields the competitive ones. Not
// thread-safe; cheap to reuse (Clear touches only the norms seen).
class ImpactAccumulator {
 public:
  ImpactAccumulator();

  void Add(uint32_t freq, uint8_t norm) {
    if (freq > max_freq_[norm]) {
      if (max_freq_[norm] == 0) seen_[norm >> 6] |= uint64_t{1} << (norm & 63);
      max_freq_[norm] = freq;
    }
  }
  void AddAll(const ImpactAccumulator& other);
  void Clear();
  bool empty() const;

  // Writes the competitive pairs, freq (and norm) ascending, to out[0..n)
  // (capacity kMaxImpacts); returns n.
  size_t Competitive(Impact* out) const;
  // Appends the encoded competitive pairs (docs/formats/inverted-index.md).
  void Encode(std::string* out) const;

 private:
  uint32_t max_freq_[256];
  uint64_t seen_[4];
};

// Appends the encoding of `impacts` (freq and norm strictly ascending).
void EncodeImpacts(std::span<const Impact> impacts, std::string* out);

// Decodes an impact list from [p, end) into out (capacity kMaxImpacts).
// Returns the byte after it, or nullptr if the bytes are not a well-ordered
// list.
const uint8_t* DecodeImpacts(const uint8_t* p, const uint8_t* end, Impact* out, size_t* count);

}  // namespace quiver::text
