#include "query/dsl/regexp_automaton.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <memory>

namespace quiver::query::dsl {
namespace {

constexpr uint32_t kMaxCodePoint = 0x10FFFF;
// Bounds the work for hostile patterns ({1000}{1000}...).
constexpr size_t kMaxNfaStates = 200000;
constexpr int kMaxNesting = 500;

Status RegexError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("illegal_argument_exception");
}

// An automaton under construction: state 0 starts; epsilon moves allowed.
struct Nfa {
  struct State {
    bool accept = false;
    std::vector<int> eps;
    std::vector<CodePointAutomaton::Transition> trans;
  };
  std::vector<State> states;

  int Add(bool accept = false) {
    states.push_back(State{accept, {}, {}});
    return static_cast<int>(states.size()) - 1;
  }
  size_t num_transitions() const {
    size_t n = 0;
    for (const State& s : states) n += s.trans.size() + s.eps.size();
    return n;
  }
};

// Appends `b`'s states to `a`; returns the offset of b's state 0.
int Append(Nfa* a, const Nfa& b) {
  int offset = static_cast<int>(a->states.size());
  for (const Nfa::State& s : b.states) {
    Nfa::State c = s;
    for (int& e : c.eps) e += offset;
    for (auto& t : c.trans) t.target += offset;
    a->states.push_back(std::move(c));
  }
  return offset;
}

Nfa EmptyString() {
  Nfa n;
  n.Add(true);
  return n;
}

Nfa EmptyLanguage() {
  Nfa n;
  n.Add(false);
  return n;
}

Nfa Ranges(const std::vector<std::pair<uint32_t, uint32_t>>& ranges) {
  Nfa n;
  n.Add(false);
  int end = n.Add(true);
  for (const auto& [lo, hi] : ranges) n.states[0].trans.push_back({lo, hi, end});
  return n;
}

Nfa Char(uint32_t c) { return Ranges({{c, c}}); }
Nfa AnyChar() { return Ranges({{0, kMaxCodePoint}}); }

Nfa AnyString() {
  Nfa n;
  n.Add(true);
  n.states[0].trans.push_back({0, kMaxCodePoint, 0});
  return n;
}

Nfa Concat(Nfa a, const Nfa& b) {
  std::vector<int> accepts;
  for (size_t i = 0; i < a.states.size(); ++i) {
    if (a.states[i].accept) accepts.push_back(static_cast<int>(i));
  }
  int offset = Append(&a, b);
  for (int s : accepts) {
    a.states[s].accept = false;
    a.states[s].eps.push_back(offset);
  }
  return a;
}

Nfa Union(const Nfa& a, const Nfa& b) {
  Nfa n;
  n.Add(false);
  int oa = Append(&n, a);
  int ob = Append(&n, b);
  n.states[0].eps = {oa, ob};
  return n;
}

Nfa Star(const Nfa& a) {
  Nfa n;
  n.Add(true);
  int oa = Append(&n, a);
  n.states[0].eps.push_back(oa);
  for (size_t i = 1; i < n.states.size(); ++i) {
    if (n.states[i].accept) n.states[i].eps.push_back(0);
  }
  return n;
}

Nfa Optional(const Nfa& a) { return Union(a, EmptyString()); }

Result<Nfa> Repeat(const Nfa& a, int min, int max) {  // max < 0: unbounded
  if ((static_cast<size_t>(std::max(min, max)) + 1) * a.states.size() > kMaxNfaStates) {
    return RegexError("regexp repetition too large");
  }
  Nfa n = EmptyString();
  for (int i = 0; i < min; ++i) n = Concat(std::move(n), a);
  if (max < 0) return Concat(std::move(n), Star(a));
  for (int i = min; i < max; ++i) n = Concat(std::move(n), Optional(a));
  return n;
}

std::vector<int> Closure(const Nfa& n, std::vector<int> set) {
  std::vector<char> seen(n.states.size(), 0);
  std::vector<int> stack = set;
  for (int s : set) seen[s] = 1;
  while (!stack.empty()) {
    int s = stack.back();
    stack.pop_back();
    for (int e : n.states[s].eps) {
      if (!seen[e]) {
        seen[e] = 1;
        set.push_back(e);
        stack.push_back(e);
      }
    }
  }
  std::sort(set.begin(), set.end());
  return set;
}

// Subset construction (Lucene Operations.determinize) with a state limit.
Result<Nfa> Determinize(const Nfa& n, int max_states) {
  Nfa d;
  std::map<std::vector<int>, int> ids;
  std::vector<std::vector<int>> sets;
  auto intern = [&](std::vector<int> set) -> int {
    auto it = ids.find(set);
    if (it != ids.end()) return it->second;
    bool accept = false;
    for (int s : set) accept |= n.states[s].accept;
    int id = d.Add(accept);
    ids.emplace(set, id);
    sets.push_back(std::move(set));
    return id;
  };
  intern(Closure(n, {0}));
  for (size_t cur = 0; cur < sets.size(); ++cur) {
    if (static_cast<int>(sets.size()) > max_states) {
      return Status::InvalidArgument("Determinizing automaton with " +
                                     std::to_string(n.states.size()) + " states and " +
                                     std::to_string(n.num_transitions()) +
                                     " transitions would result in more than " +
                                     std::to_string(max_states) + " states.")
          .WithType("too_complex_to_determinize_exception");
    }
    std::vector<uint32_t> points;
    for (int s : sets[cur]) {
      for (const auto& t : n.states[s].trans) {
        points.push_back(t.min);
        if (t.max < kMaxCodePoint) points.push_back(t.max + 1);
      }
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::vector<CodePointAutomaton::Transition> out;
    for (size_t i = 0; i < points.size(); ++i) {
      uint32_t lo = points[i];
      uint32_t hi = i + 1 < points.size() ? points[i + 1] - 1 : kMaxCodePoint;
      std::vector<int> targets;
      for (int s : sets[cur]) {
        for (const auto& t : n.states[s].trans) {
          if (t.min <= lo && hi <= t.max) targets.push_back(t.target);
        }
      }
      if (targets.empty()) continue;
      std::sort(targets.begin(), targets.end());
      targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
      int target = intern(Closure(n, std::move(targets)));
      if (!out.empty() && out.back().target == target && out.back().max + 1 == lo) {
        out.back().max = hi;
      } else {
        out.push_back({lo, hi, target});
      }
    }
    d.states[cur].trans = std::move(out);
  }
  return d;
}

Result<Nfa> Complement(const Nfa& a, int max_states) {
  QUIVER_ASSIGN_OR_RETURN(Nfa d, Determinize(a, max_states));
  int sink = d.Add(false);
  d.states[sink].trans.push_back({0, kMaxCodePoint, sink});
  for (size_t s = 0; s + 1 < d.states.size(); ++s) {
    std::vector<CodePointAutomaton::Transition> total;
    uint32_t next = 0;
    for (const auto& t : d.states[s].trans) {
      if (t.min > next) total.push_back({next, t.min - 1, sink});
      total.push_back(t);
      next = t.max + 1;
    }
    if (next <= kMaxCodePoint) total.push_back({next, kMaxCodePoint, sink});
    d.states[s].trans = std::move(total);
  }
  for (auto& s : d.states) s.accept = !s.accept;
  return d;
}

Result<Nfa> Intersection(const Nfa& a, const Nfa& b, int max_states) {
  QUIVER_ASSIGN_OR_RETURN(Nfa da, Determinize(a, max_states));
  QUIVER_ASSIGN_OR_RETURN(Nfa db, Determinize(b, max_states));
  Nfa p;
  std::map<std::pair<int, int>, int> ids;
  std::vector<std::pair<int, int>> pairs;
  auto intern = [&](int x, int y) {
    auto it = ids.find({x, y});
    if (it != ids.end()) return it->second;
    int id = p.Add(da.states[x].accept && db.states[y].accept);
    ids[{x, y}] = id;
    pairs.emplace_back(x, y);
    return id;
  };
  intern(0, 0);
  for (size_t cur = 0; cur < pairs.size(); ++cur) {
    if (static_cast<int>(pairs.size()) > max_states) {
      return Status::InvalidArgument("Determinizing automaton would result in more than " +
                                     std::to_string(max_states) + " states.")
          .WithType("too_complex_to_determinize_exception");
    }
    auto [x, y] = pairs[cur];
    for (const auto& ta : da.states[x].trans) {
      for (const auto& tb : db.states[y].trans) {
        uint32_t lo = std::max(ta.min, tb.min), hi = std::min(ta.max, tb.max);
        if (lo > hi) continue;
        int target = intern(ta.target, tb.target);
        p.states[cur].trans.push_back({lo, hi, target});
      }
    }
  }
  return p;
}

std::vector<std::pair<uint32_t, uint32_t>> CaseVariants(uint32_t c, bool ascii_only) {
  std::vector<std::pair<uint32_t, uint32_t>> out{{c, c}};
  auto add = [&](uint32_t v) {
    for (const auto& r : out) {
      if (r.first == v) return;
    }
    out.emplace_back(v, v);
  };
  if (ascii_only) {
    if (c >= 'a' && c <= 'z') add(c - 32);
    if (c >= 'A' && c <= 'Z') add(c + 32);
  } else {
    add(static_cast<uint32_t>(u_tolower(static_cast<UChar32>(c))));
    add(static_cast<uint32_t>(u_toupper(static_cast<UChar32>(c))));
  }
  return out;
}

// Decodes one code point; invalid bytes read as U+FFFD.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

// Lucene RegExp's recursive-descent parser.
class RegexpParser {
 public:
  RegexpParser(std::string_view s, int flags, bool case_insensitive, int max_states)
      : flags_(flags), case_insensitive_(case_insensitive), max_states_(max_states) {
    size_t i = 0;
    while (i < s.size()) cps_.push_back(NextCodePoint(s, &i));
  }

  Result<Nfa> Parse() {
    if (cps_.empty()) return EmptyString();
    QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseUnion());
    if (pos_ < cps_.size()) {
      return RegexError("end-of-string expected at position " + std::to_string(pos_));
    }
    return e;
  }

 private:
  bool More() const { return pos_ < cps_.size(); }
  bool Peek(std::string_view chars) const {
    return More() &&
           chars.find(static_cast<char>(cps_[pos_] < 128 ? cps_[pos_] : 0)) !=
               std::string_view::npos &&
           cps_[pos_] < 128;
  }
  bool Match(uint32_t c) {
    if (More() && cps_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Check(int flag) const { return (flags_ & flag) != 0; }
  Result<uint32_t> Next() {
    if (!More()) return RegexError("unexpected end-of-string");
    return cps_[pos_++];
  }
  Status Guard() {
    if (++depth_ > kMaxNesting) return RegexError("regexp too deeply nested");
    return Status::Ok();
  }
  Status CheckSize(const Nfa& n) {
    if (n.states.size() > kMaxNfaStates) return RegexError("regexp too complex");
    return Status::Ok();
  }

  Result<Nfa> ParseUnion() {
    QUIVER_RETURN_IF_ERROR(Guard());
    QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseInter());
    while (Match('|')) {
      QUIVER_ASSIGN_OR_RETURN(Nfa r, ParseInter());
      e = Union(e, r);
      QUIVER_RETURN_IF_ERROR(CheckSize(e));
    }
    --depth_;
    return e;
  }

  Result<Nfa> ParseInter() {
    QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseConcat());
    while (Check(kRegexpIntersection) && Match('&')) {
      QUIVER_ASSIGN_OR_RETURN(Nfa r, ParseConcat());
      QUIVER_ASSIGN_OR_RETURN(e, Intersection(e, r, max_states_));
    }
    return e;
  }

  Result<Nfa> ParseConcat() {
    QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseRepeat());
    while (More() && !Peek(")|") && (!Check(kRegexpIntersection) || !Peek("&"))) {
      QUIVER_ASSIGN_OR_RETURN(Nfa r, ParseRepeat());
      e = Concat(std::move(e), r);
      QUIVER_RETURN_IF_ERROR(CheckSize(e));
    }
    return e;
  }

  Result<int> ParseInt() {
    size_t start = pos_;
    int64_t v = 0;
    while (More() && cps_[pos_] >= '0' && cps_[pos_] <= '9') {
      v = std::min<int64_t>(v * 10 + (cps_[pos_] - '0'), 1000000);
      ++pos_;
    }
    if (start == pos_) return RegexError("integer expected at position " + std::to_string(pos_));
    return static_cast<int>(v);
  }

  Result<Nfa> ParseRepeat() {
    QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseCompl());
    while (Peek("?*+{")) {
      if (Match('?')) {
        e = Optional(e);
      } else if (Match('*')) {
        e = Star(e);
      } else if (Match('+')) {
        QUIVER_ASSIGN_OR_RETURN(e, Repeat(e, 1, -1));
      } else if (Match('{')) {
        QUIVER_ASSIGN_OR_RETURN(int n, ParseInt());
        int m = n;
        if (Match(',')) {
          if (More() && cps_[pos_] >= '0' && cps_[pos_] <= '9') {
            QUIVER_ASSIGN_OR_RETURN(m, ParseInt());
          } else {
            m = -1;
          }
        }
        if (!Match('}')) return RegexError("expected '}' at position " + std::to_string(pos_));
        if (m >= 0 && m < n) std::swap(m, n);
        QUIVER_ASSIGN_OR_RETURN(e, Repeat(e, n, m));
      }
      QUIVER_RETURN_IF_ERROR(CheckSize(e));
    }
    return e;
  }

  Result<Nfa> ParseCompl() {
    if (Check(kRegexpComplement) && Match('~')) {
      QUIVER_RETURN_IF_ERROR(Guard());
      QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseCompl());
      --depth_;
      return Complement(e, max_states_);
    }
    return ParseCharClassExp();
  }

  Result<Nfa> ParseCharClassExp() {
    if (Match('[')) {
      bool negate = Match('^');
      std::vector<std::pair<uint32_t, uint32_t>> ranges;
      do {
        QUIVER_RETURN_IF_ERROR(ParseCharClass(&ranges));
      } while (More() && !Peek("]"));
      if (!Match(']')) return RegexError("expected ']' at position " + std::to_string(pos_));
      if (negate) ranges = Negate(ranges);
      return Ranges(ranges);
    }
    return ParseSimple();
  }

  static std::vector<std::pair<uint32_t, uint32_t>> Negate(
      std::vector<std::pair<uint32_t, uint32_t>> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<uint32_t, uint32_t>> out;
    uint32_t next = 0;
    for (const auto& [lo, hi] : ranges) {
      if (lo > next) out.emplace_back(next, lo - 1);
      if (hi + 1 > next) next = hi + 1;
    }
    if (next <= kMaxCodePoint) out.emplace_back(next, kMaxCodePoint);
    return out;
  }

  // \d \s \w and negations; false if `c` is not such a class.
  static bool ShorthandClass(uint32_t c, std::vector<std::pair<uint32_t, uint32_t>>* out) {
    std::vector<std::pair<uint32_t, uint32_t>> r;
    switch (c) {
      case 'd':
      case 'D':
        r = {{'0', '9'}};
        break;
      case 's':
      case 'S':
        r = {{'\t', '\r'}, {' ', ' '}};
        break;
      case 'w':
      case 'W':
        r = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
        break;
      default:
        return false;
    }
    if (c == 'D' || c == 'S' || c == 'W') r = Negate(r);
    out->insert(out->end(), r.begin(), r.end());
    return true;
  }

  void AddChar(uint32_t c, std::vector<std::pair<uint32_t, uint32_t>>* out) const {
    if (case_insensitive_) {
      for (const auto& v : CaseVariants(c, true)) out->push_back(v);
    } else {
      out->emplace_back(c, c);
    }
  }

  Status ParseCharClass(std::vector<std::pair<uint32_t, uint32_t>>* ranges) {
    if (More() && cps_[pos_] == '\\' && pos_ + 1 < cps_.size() &&
        ShorthandClass(cps_[pos_ + 1], ranges)) {
      pos_ += 2;
      return Status::Ok();
    }
    QUIVER_ASSIGN_OR_RETURN(uint32_t c, ParseCharExp());
    if (Match('-')) {
      QUIVER_ASSIGN_OR_RETURN(uint32_t d, ParseCharExp());
      if (c > d) {
        return RegexError("invalid range: from (" + std::to_string(c) + ") cannot be > to (" +
                          std::to_string(d) + ")");
      }
      if (case_insensitive_) {
        for (uint32_t x = c; x <= d && x < 128; ++x) AddChar(x, ranges);
      }
      ranges->emplace_back(c, d);
    } else {
      AddChar(c, ranges);
    }
    return Status::Ok();
  }

  Result<uint32_t> ParseCharExp() {
    Match('\\');
    return Next();
  }

  Result<Nfa> Interval(const std::string& text) {
    size_t dash = text.find('-');
    std::string a = text.substr(0, dash), b = text.substr(dash + 1);
    auto digits = [](const std::string& s) {
      return !s.empty() && s.size() <= 18 &&
             std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(a) || !digits(b)) {
      return RegexError("interval syntax error at position " + std::to_string(pos_ - 1));
    }
    int64_t lo = std::stoll(a), hi = std::stoll(b);
    if (lo > hi) std::swap(lo, hi);
    size_t width = a.size() == b.size() ? a.size() : 0;
    if (width > 0) return SameLength(Pad(lo, width), Pad(hi, width));
    Nfa out = EmptyLanguage();
    std::string shi = std::to_string(hi);
    for (size_t len = 1; len <= shi.size(); ++len) {
      int64_t lo_len = len == 1 ? 0 : Pow10(len - 1);
      int64_t hi_len = Pow10(len) - 1;
      int64_t from = std::max(lo, lo_len), to = std::min(hi, hi_len);
      if (from > to) continue;
      QUIVER_ASSIGN_OR_RETURN(Nfa part, SameLength(Pad(from, len), Pad(to, len)));
      out = Union(out, part);
    }
    return Concat(Star(Char('0')), out);
  }

  static int64_t Pow10(size_t n) {
    int64_t v = 1;
    while (n-- > 0) v *= 10;
    return v;
  }
  static std::string Pad(int64_t v, size_t width) {
    std::string s = std::to_string(v);
    return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
  }

  // Decimal strings of one length between a and b (inclusive).
  Result<Nfa> SameLength(const std::string& a, const std::string& b) {
    if (a.empty()) return EmptyString();
    Nfa n;
    if (a[0] == b[0]) {
      QUIVER_ASSIGN_OR_RETURN(Nfa rest, SameLength(a.substr(1), b.substr(1)));
      n = Concat(Char(static_cast<uint32_t>(a[0])), rest);
    } else {
      std::string nines(a.size() - 1, '9'), zeros(a.size() - 1, '0');
      QUIVER_ASSIGN_OR_RETURN(Nfa low, SameLength(a.substr(1), nines));
      QUIVER_ASSIGN_OR_RETURN(Nfa high, SameLength(zeros, b.substr(1)));
      n = Union(Concat(Char(static_cast<uint32_t>(a[0])), low),
                Concat(Char(static_cast<uint32_t>(b[0])), high));
      if (b[0] - a[0] > 1) {
        Nfa mid = Ranges({{static_cast<uint32_t>(a[0] + 1), static_cast<uint32_t>(b[0] - 1)}});
        for (size_t i = 1; i < a.size(); ++i) mid = Concat(std::move(mid), Ranges({{'0', '9'}}));
        n = Union(n, mid);
      }
    }
    QUIVER_RETURN_IF_ERROR(CheckSize(n));
    return n;
  }

  Result<Nfa> ParseSimple() {
    if (Match('.')) return AnyChar();
    if (Check(kRegexpEmpty) && Match('#')) return EmptyLanguage();
    if (Check(kRegexpAnyString) && Match('@')) return AnyString();
    if (Match('"')) {
      Nfa n = EmptyString();
      while (More() && cps_[pos_] != '"') {
        n = Concat(std::move(n), CharNfa(cps_[pos_++]));
      }
      if (!Match('"')) return RegexError("expected '\"' at position " + std::to_string(pos_));
      return n;
    }
    if (Match('(')) {
      if (Match(')')) return EmptyString();
      QUIVER_ASSIGN_OR_RETURN(Nfa e, ParseUnion());
      if (!Match(')')) return RegexError("expected ')' at position " + std::to_string(pos_));
      return e;
    }
    if ((Check(kRegexpAutomaton) || Check(kRegexpInterval)) && Match('<')) {
      std::string text;
      while (More() && cps_[pos_] != '>') text.push_back(static_cast<char>(cps_[pos_++]));
      if (!Match('>')) return RegexError("expected '>' at position " + std::to_string(pos_));
      if (text.find('-') == std::string::npos) {
        if (!Check(kRegexpAutomaton)) {
          return RegexError("interval syntax error at position " + std::to_string(pos_ - 1));
        }
        return RegexError("'" + text + "' not found");
      }
      if (!Check(kRegexpInterval)) {
        return RegexError("illegal identifier at position " + std::to_string(pos_ - 1));
      }
      return Interval(text);
    }
    if (More() && cps_[pos_] == '\\' && pos_ + 1 < cps_.size()) {
      std::vector<std::pair<uint32_t, uint32_t>> ranges;
      if (ShorthandClass(cps_[pos_ + 1], &ranges)) {
        pos_ += 2;
        return Ranges(ranges);
      }
    }
    QUIVER_ASSIGN_OR_RETURN(uint32_t c, ParseCharExp());
    return CharNfa(c);
  }

  Nfa CharNfa(uint32_t c) const {
    if (!case_insensitive_) return Char(c);
    return Ranges(CaseVariants(c, true));
  }

  std::vector<uint32_t> cps_;
  size_t pos_ = 0;
  int flags_;
  bool case_insensitive_;
  int max_states_;
  int depth_ = 0;
};

CodePointAutomaton::State ToState(const Nfa::State& s) {
  CodePointAutomaton::State out;
  out.accept = s.accept;
  out.transitions = s.trans;
  return out;
}

}  // namespace

Result<CodePointAutomaton> CodePointAutomaton::CompileRegexp(std::string_view pattern, int flags,
                                                             bool case_insensitive,
                                                             int max_determinized_states) {
  RegexpParser parser(pattern, flags, case_insensitive, max_determinized_states);
  QUIVER_ASSIGN_OR_RETURN(Nfa nfa, parser.Parse());
  QUIVER_ASSIGN_OR_RETURN(Nfa dfa, Determinize(nfa, max_determinized_states));
  CodePointAutomaton a;
  for (const auto& s : dfa.states) a.states_.push_back(ToState(s));
  return a;
}

Result<CodePointAutomaton> CodePointAutomaton::CompileWildcard(std::string_view pattern,
                                                               bool case_insensitive,
                                                               int max_determinized_states) {
  Nfa n = EmptyString();
  size_t i = 0;
  while (i < pattern.size()) {
    uint32_t c = NextCodePoint(pattern, &i);
    if (c == '*') {
      n = Concat(std::move(n), AnyString());
    } else if (c == '?') {
      n = Concat(std::move(n), AnyChar());
    } else {
      if (c == '\\' && i < pattern.size()) c = NextCodePoint(pattern, &i);
      n = Concat(std::move(n), case_insensitive ? Ranges(CaseVariants(c, false)) : Char(c));
    }
  }
  QUIVER_ASSIGN_OR_RETURN(Nfa dfa, Determinize(n, max_determinized_states));
  CodePointAutomaton a;
  for (const auto& s : dfa.states) a.states_.push_back(ToState(s));
  return a;
}

bool CodePointAutomaton::Matches(std::string_view utf8) const {
  if (states_.empty()) return false;
  int state = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    uint32_t c = NextCodePoint(utf8, &i);
    const auto& trans = states_[state].transitions;
    auto it = std::upper_bound(trans.begin(), trans.end(), c,
                               [](uint32_t v, const Transition& t) { return v < t.min; });
    if (it == trans.begin()) return false;
    --it;
    if (c > it->max) return false;
    state = it->target;
  }
  return states_[state].accept;
}

Status ValidateRegexp(std::string_view pattern, int flags, int max_determinized_states) {
  auto a = CodePointAutomaton::CompileRegexp(pattern, flags, false, max_determinized_states);
  return a.ok() ? Status::Ok() : a.status();
}

Result<bool> RegexpMatches(std::string_view pattern, int flags, bool case_insensitive,
                           std::string_view text) {
  QUIVER_ASSIGN_OR_RETURN(CodePointAutomaton a, CodePointAutomaton::CompileRegexp(
                                                    pattern, flags, case_insensitive, 10000));
  return a.Matches(text);
}

}  // namespace quiver::query::dsl
