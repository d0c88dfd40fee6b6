#include "text/utf8_automaton.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace quiver::text {

namespace {

struct Utf8Bytes {
  std::array<uint8_t, 4> bytes;
  int length;
};

Utf8Bytes Encode(int32_t cp) {
  Utf8Bytes u{};
  if (cp < 0x80) {
    u.bytes[0] = static_cast<uint8_t>(cp);
    u.length = 1;
  } else if (cp < 0x800) {
    u.bytes = {static_cast<uint8_t>(0xc0 | (cp >> 6)), static_cast<uint8_t>(0x80 | (cp & 0x3f)), 0,
               0};
    u.length = 2;
  } else if (cp < 0x10000) {
    u.bytes = {static_cast<uint8_t>(0xe0 | (cp >> 12)),
               static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3f)),
               static_cast<uint8_t>(0x80 | (cp & 0x3f)), 0};
    u.length = 3;
  } else {
    u.bytes = {
        static_cast<uint8_t>(0xf0 | (cp >> 18)), static_cast<uint8_t>(0x80 | ((cp >> 12) & 0x3f)),
        static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3f)), static_cast<uint8_t>(0x80 | (cp & 0x3f))};
    u.length = 4;
  }
  return u;
}

class Converter {
 public:
  explicit Converter(Automaton* out) : out_(out) {}

  // Adds byte paths from `from` to `to` for the code points [lo, hi].
  void AddRange(int from, int to, int32_t lo, int32_t hi) {
    static constexpr int32_t kLengthEnds[] = {0x7f, 0x7ff, 0xffff, kMaxCodePoint};
    int32_t start = lo;
    for (int32_t end_of_length : kLengthEnds) {
      if (start > hi) break;
      if (start > end_of_length) continue;
      const int32_t end = std::min(hi, end_of_length);
      lo_ = Encode(start);
      hi_ = Encode(end);
      Build(from, to, 0, true, true);
      start = end + 1;
    }
  }

 private:
  // Byte `i` of encodings between lo_ and hi_ (same length); `low_tight`
  // / `high_tight`: the bytes so far equal lo_'s / hi_'s.
  void Build(int state, int to, int i, bool low_tight, bool high_tight) {
    const int n = lo_.length;
    const int a = low_tight ? lo_.bytes[i] : 0x80;
    const int b = high_tight ? hi_.bytes[i] : 0xbf;
    if (i == n - 1) {
      out_->AddTransition(state, to, a, b);
      return;
    }
    if (a == b) {
      const int mid = out_->AddState();
      out_->AddTransition(state, mid, a, a);
      Build(mid, to, i + 1, low_tight, high_tight);
      return;
    }
    // A bound whose remaining bytes are all minimal (0x80) / maximal (0xbf)
    // constrains nothing after this byte: fold it into the loose range.
    if (low_tight && RestIs(lo_, i, 0x80)) low_tight = false;
    if (high_tight && RestIs(hi_, i, 0xbf)) high_tight = false;
    int first = a;
    int last = b;
    if (low_tight) {
      const int mid = out_->AddState();
      out_->AddTransition(state, mid, a, a);
      Build(mid, to, i + 1, true, false);
      ++first;
    }
    if (high_tight) {
      const int mid = out_->AddState();
      out_->AddTransition(state, mid, b, b);
      Build(mid, to, i + 1, false, true);
      --last;
    }
    if (first <= last) out_->AddTransition(state, AnyContinuations(to, n - 1 - i), first, last);
  }

  static bool RestIs(const Utf8Bytes& u, int i, uint8_t value) {
    for (int k = i + 1; k < u.length; ++k) {
      if (u.bytes[k] != value) return false;
    }
    return true;
  }

  // A state from which any `count` continuation bytes lead to `to`; shared
  // by every range that needs it (without sharing, each code point range
  // would grow its own chain, which makes determinization slow).
  int AnyContinuations(int to, int count) {
    if (count == 0) return to;
    const uint64_t key = (static_cast<uint64_t>(to) << 2) | static_cast<uint64_t>(count);
    auto it = tails_.find(key);
    if (it != tails_.end()) return it->second;
    const int state = out_->AddState();
    out_->AddTransition(state, AnyContinuations(to, count - 1), 0x80, 0xbf);
    tails_.emplace(key, state);
    return state;
  }

  Automaton* out_;
  std::unordered_map<uint64_t, int> tails_;
  Utf8Bytes lo_{};
  Utf8Bytes hi_{};
};

}  // namespace

Automaton ConvertToUtf8(const Automaton& a) {
  Automaton out(kMaxByte);
  for (int s = 1; s < a.num_states(); ++s) out.AddState();
  for (int s = 0; s < a.num_states(); ++s) out.SetAccept(s, a.accept(s));
  Converter converter(&out);
  for (int s = 0; s < a.num_states(); ++s) {
    for (const Transition& t : a.transitions(s)) converter.AddRange(s, t.dest, t.min, t.max);
  }
  out.Normalize();
  return out;
}

}  // namespace quiver::text
