#include "text/automaton.h"

#include <algorithm>
#include <string>

namespace quiver::text {

Automaton::Automaton(int32_t max_label) : max_label_(max_label) { AddState(false); }

int Automaton::num_transitions() const {
  size_t n = 0;
  for (const auto& t : transitions_) n += t.size();
  return static_cast<int>(n);
}

int Automaton::AddState(bool accept) {
  accept_.push_back(accept ? 1 : 0);
  transitions_.emplace_back();
  return num_states() - 1;
}

int Automaton::Append(const Automaton& other) {
  const int offset = num_states();
  accept_.insert(accept_.end(), other.accept_.begin(), other.accept_.end());
  for (const auto& ts : other.transitions_) {
    transitions_.emplace_back();
    transitions_.back().reserve(ts.size());
    for (const Transition& t : ts) transitions_.back().push_back({t.min, t.max, t.dest + offset});
  }
  return offset;
}

void Automaton::AddEpsilon(int from, int to) {
  if (accept(to)) SetAccept(from, true);
  if (from == to) return;
  const std::vector<Transition> copy = transitions_[to];
  transitions_[from].insert(transitions_[from].end(), copy.begin(), copy.end());
}

void Automaton::Normalize() {
  for (auto& ts : transitions_) {
    std::sort(ts.begin(), ts.end(), [](const Transition& a, const Transition& b) {
      if (a.dest != b.dest) return a.dest < b.dest;
      return a.min != b.min ? a.min < b.min : a.max < b.max;
    });
    std::vector<Transition> merged;
    for (const Transition& t : ts) {
      if (!merged.empty() && merged.back().dest == t.dest &&
          static_cast<int64_t>(t.min) <= static_cast<int64_t>(merged.back().max) + 1) {
        merged.back().max = std::max(merged.back().max, t.max);
      } else {
        merged.push_back(t);
      }
    }
    std::sort(merged.begin(), merged.end(), [](const Transition& a, const Transition& b) {
      if (a.min != b.min) return a.min < b.min;
      return a.max != b.max ? a.max < b.max : a.dest < b.dest;
    });
    ts.swap(merged);
  }
}

bool Automaton::IsDeterministic() const {
  for (const auto& ts : transitions_) {
    std::vector<Transition> sorted = ts;
    std::sort(sorted.begin(), sorted.end(),
              [](const Transition& a, const Transition& b) { return a.min < b.min; });
    for (size_t i = 1; i < sorted.size(); ++i) {
      if (sorted[i].min <= sorted[i - 1].max) return false;
    }
  }
  return true;
}

bool Automaton::Run(std::span<const int32_t> labels) const {
  std::vector<uint8_t> current(num_states(), 0);
  std::vector<uint8_t> next(num_states(), 0);
  current[0] = 1;
  for (int32_t label : labels) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (int s = 0; s < num_states(); ++s) {
      if (!current[s]) continue;
      for (const Transition& t : transitions_[s]) {
        if (t.min <= label && label <= t.max) {
          next[t.dest] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    current.swap(next);
  }
  for (int s = 0; s < num_states(); ++s) {
    if (current[s] && accept(s)) return true;
  }
  return false;
}

Automaton MakeEmpty() { return Automaton(); }

Automaton MakeEmptyString() {
  Automaton a;
  a.SetAccept(0, true);
  return a;
}

Automaton MakeAnyString() {
  Automaton a;
  a.SetAccept(0, true);
  a.AddTransition(0, 0, 0, kMaxCodePoint);
  return a;
}

Automaton MakeAnyChar() { return MakeCharRange(0, kMaxCodePoint); }

Automaton MakeChar(int32_t c) { return MakeCharRange(c, c); }

Automaton MakeCharRange(int32_t min, int32_t max) {
  Automaton a;
  if (min > max) return a;
  const int s = a.AddState(true);
  a.AddTransition(0, s, min, max);
  return a;
}

Automaton MakeString(std::span<const int32_t> code_points) {
  Automaton a;
  int last = 0;
  for (int32_t c : code_points) {
    const int s = a.AddState();
    a.AddTransition(last, s, c, c);
    last = s;
  }
  a.SetAccept(last, true);
  return a;
}

namespace {

// States accepting the digit strings of length |x| - n that are >= / <= /
// between the suffixes x[n..] (and y[n..]); `any` accepts any digit string
// of that length. After dk.brics' Automaton.makeInterval.
class IntervalBuilder {
 public:
  explicit IntervalBuilder(Automaton* a) : a_(a) {}

  int AnyOfLength(const std::string& x, size_t n) {
    const int s = a_->AddState(x.size() == n);
    if (x.size() > n) a_->AddTransition(s, AnyOfLength(x, n + 1), '0', '9');
    return s;
  }
  int AtLeast(const std::string& x, size_t n) {
    const int s = a_->AddState(x.size() == n);
    if (x.size() > n) {
      const char c = x[n];
      a_->AddTransition(s, AtLeast(x, n + 1), c, c);
      if (c < '9') a_->AddTransition(s, AnyOfLength(x, n + 1), c + 1, '9');
    }
    return s;
  }
  int AtMost(const std::string& x, size_t n) {
    const int s = a_->AddState(x.size() == n);
    if (x.size() > n) {
      const char c = x[n];
      a_->AddTransition(s, AtMost(x, n + 1), c, c);
      if (c > '0') a_->AddTransition(s, AnyOfLength(x, n + 1), '0', c - 1);
    }
    return s;
  }
  int Between(const std::string& x, const std::string& y, size_t n) {
    const int s = a_->AddState(x.size() == n);
    if (x.size() > n) {
      const char cx = x[n];
      const char cy = y[n];
      if (cx == cy) {
        a_->AddTransition(s, Between(x, y, n + 1), cx, cx);
      } else {
        a_->AddTransition(s, AtLeast(x, n + 1), cx, cx);
        a_->AddTransition(s, AtMost(y, n + 1), cy, cy);
        if (cx + 1 < cy) a_->AddTransition(s, AnyOfLength(x, n + 1), cx + 1, cy - 1);
      }
    }
    return s;
  }

 private:
  Automaton* a_;
};

std::string PadLeft(uint32_t v, size_t width) {
  std::string s = std::to_string(v);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

}  // namespace

Automaton MakeDecimalInterval(uint32_t min, uint32_t max, int digits) {
  Automaton a;
  const std::string max_str = std::to_string(max);
  if (min > max || (digits > 0 && max_str.size() > static_cast<size_t>(digits))) return a;
  IntervalBuilder b(&a);
  if (digits > 0) {
    const int s = b.Between(PadLeft(min, digits), PadLeft(max, digits), 0);
    a.AddEpsilon(0, s);
    return a;
  }
  // Any number of leading zeros, then the value's digits: a "0*" loop in
  // front of the fixed-width ranges of each length from |min| to |max|,
  // with the length-L part excluding a leading zero (unless L == 1).
  const int loop = a.AddState();
  a.AddTransition(loop, loop, '0', '0');
  a.AddEpsilon(0, loop);
  const size_t min_len = std::to_string(min).size();
  for (size_t len = min_len; len <= max_str.size(); ++len) {
    uint64_t pow10 = 1;
    for (size_t i = 1; i < len; ++i) pow10 *= 10;
    const uint64_t lo = std::max<uint64_t>(min, len == 1 ? 0 : pow10);
    const uint64_t hi = std::min<uint64_t>(max, pow10 * 10 - 1);
    if (lo > hi) continue;
    const int s = b.Between(PadLeft(static_cast<uint32_t>(lo), len),
                            PadLeft(static_cast<uint32_t>(hi), len), 0);
    a.AddEpsilon(loop, s);
    a.AddEpsilon(0, s);
  }
  return a;
}

bool DecodeUtf8(std::string_view s, std::vector<int32_t>* code_points) {
  code_points->clear();
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t b = static_cast<uint8_t>(s[i]);
    int32_t cp;
    int len;
    if (b < 0x80) {
      cp = b;
      len = 1;
    } else if (b >= 0xc2 && b < 0xe0) {
      cp = b & 0x1f;
      len = 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      cp = b & 0x0f;
      len = 3;
    } else if (b >= 0xf0 && b < 0xf5) {
      cp = b & 0x07;
      len = 4;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      const uint8_t c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > kMaxCodePoint)) ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    code_points->push_back(cp);
    i += len;
  }
  return true;
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

}  // namespace quiver::text
