#include "text/regexp.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

namespace quiver::text {

namespace {

enum class Kind {
  kUnion,
  kConcatenation,
  kIntersection,
  kOptional,
  kRepeat,
  kRepeatMin,
  kRepeatMinMax,
  kComplement,
  kChar,
  kCharRange,
  kAnyChar,
  kEmpty,
  kString,
  kAnyString,
  kNamedAutomaton,
  kInterval,
  kPredefinedClass,
};

struct Node {
  Kind kind;
  std::vector<std::unique_ptr<Node>> children;  // n-ary for union and concatenation
  std::vector<int32_t> text;                    // kString, kNamedAutomaton
  int32_t c = 0;                                // kChar, kPredefinedClass
  int32_t from = 0;
  int32_t to = 0;
  int min = 0;
  int max = 0;
  int digits = 0;
};

using NodePtr = std::unique_ptr<Node>;

NodePtr MakeNode(Kind kind) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  return n;
}

NodePtr MakeUnary(Kind kind, NodePtr child) {
  NodePtr n = MakeNode(kind);
  n->children.push_back(std::move(child));
  return n;
}

// Adds `child` to an n-ary node of `kind`, flattening nested nodes of the
// same kind (Lucene's findLeaves).
void AddFlattened(Node* parent, NodePtr child) {
  if (child->kind == parent->kind) {
    for (auto& grandchild : child->children) parent->children.push_back(std::move(grandchild));
  } else {
    parent->children.push_back(std::move(child));
  }
}

constexpr int kMaxNesting = 400;

class Parser {
 public:
  Parser(std::vector<int32_t> input, int flags) : s_(std::move(input)), flags_(flags) {}

  Result<NodePtr> Parse() {
    if (s_.empty()) return MakeNode(Kind::kString);
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseUnion());
    if (pos_ < s_.size()) return Error("end-of-string expected at position " + Pos());
    return e;
  }

 private:
  Status Error(const std::string& msg) const { return Status::InvalidArgument(msg); }
  std::string Pos() const { return std::to_string(pos_); }
  bool Check(int flag) const { return (flags_ & flag) != 0; }
  bool More() const { return pos_ < s_.size(); }
  bool Peek(std::u32string_view set) const {
    return More() && set.find(static_cast<char32_t>(s_[pos_])) != std::u32string_view::npos;
  }
  bool Match(int32_t c) {
    if (More() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Result<int32_t> Next() {
    if (!More()) return Error("unexpected end-of-string");
    return s_[pos_++];
  }

  Result<NodePtr> ParseUnion() {
    if (++depth_ > kMaxNesting) return Error("regexp nested too deeply");
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseIntersection());
    if (Match('|')) {
      NodePtr u = MakeNode(Kind::kUnion);
      AddFlattened(u.get(), std::move(e));
      do {
        QUIVER_ASSIGN_OR_RETURN(NodePtr next, ParseIntersection());
        AddFlattened(u.get(), std::move(next));
      } while (Match('|'));
      e = std::move(u);
    }
    --depth_;
    return e;
  }

  Result<NodePtr> ParseIntersection() {
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseConcatenation());
    if (Check(kRegexpIntersection) && Match('&')) {
      if (++depth_ > kMaxNesting) return Error("regexp nested too deeply");
      // Right-associative like Lucene's parseInterExp.
      QUIVER_ASSIGN_OR_RETURN(NodePtr rest, ParseIntersection());
      NodePtr n = MakeNode(Kind::kIntersection);
      n->children.push_back(std::move(e));
      n->children.push_back(std::move(rest));
      e = std::move(n);
      --depth_;
    }
    return e;
  }

  bool AtConcatEnd() const {
    return !More() || Peek(U")|") || (Check(kRegexpIntersection) && Peek(U"&"));
  }

  Result<NodePtr> ParseConcatenation() {
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseRepeat());
    if (AtConcatEnd()) return e;
    NodePtr c = MakeNode(Kind::kConcatenation);
    AddFlattened(c.get(), std::move(e));
    while (!AtConcatEnd()) {
      QUIVER_ASSIGN_OR_RETURN(NodePtr next, ParseRepeat());
      AddFlattened(c.get(), std::move(next));
    }
    return c;
  }

  Result<int> ParseInt() {
    const size_t start = pos_;
    int64_t v = 0;
    while (Peek(U"0123456789")) {
      v = v * 10 + (s_[pos_++] - '0');
      if (v > 0x7fffffff) return Error("integer out of range at position " + Pos());
    }
    if (start == pos_) return Error("integer expected at position " + Pos());
    return static_cast<int>(v);
  }

  Result<NodePtr> ParseRepeat() {
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseComplement());
    while (Peek(U"?*+{")) {
      if (Match('?')) {
        e = MakeUnary(Kind::kOptional, std::move(e));
      } else if (Match('*')) {
        e = MakeUnary(Kind::kRepeat, std::move(e));
      } else if (Match('+')) {
        e = MakeUnary(Kind::kRepeatMin, std::move(e));
        e->min = 1;
      } else if (Match('{')) {
        QUIVER_ASSIGN_OR_RETURN(const int n, ParseInt());
        int m = n;
        bool open = false;
        if (Match(',')) {
          if (Peek(U"0123456789")) {
            QUIVER_ASSIGN_OR_RETURN(m, ParseInt());
          } else {
            open = true;
          }
        }
        if (!Match('}')) return Error("expected '}' at position " + Pos());
        e = MakeUnary(open ? Kind::kRepeatMin : Kind::kRepeatMinMax, std::move(e));
        e->min = n;
        e->max = m;
      }
    }
    return e;
  }

  Result<NodePtr> ParseComplement() {
    int count = 0;
    while (Check(kRegexpComplement) && Match('~')) {
      if (++count > kMaxNesting) return Error("regexp nested too deeply");
    }
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseCharClassExp());
    while (count-- > 0) e = MakeUnary(Kind::kComplement, std::move(e));
    return e;
  }

  Result<NodePtr> ParseCharClassExp() {
    if (!Match('[')) return ParseSimple();
    const bool negate = Match('^');
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseCharClasses());
    if (negate) {
      NodePtr n = MakeNode(Kind::kIntersection);
      n->children.push_back(MakeNode(Kind::kAnyChar));
      n->children.push_back(MakeUnary(Kind::kComplement, std::move(e)));
      e = std::move(n);
    }
    if (!Match(']')) return Error("expected ']' at position " + Pos());
    return e;
  }

  Result<NodePtr> ParseCharClasses() {
    QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseCharClass());
    if (!More() || Peek(U"]")) return e;
    NodePtr u = MakeNode(Kind::kUnion);
    AddFlattened(u.get(), std::move(e));
    while (More() && !Peek(U"]")) {
      QUIVER_ASSIGN_OR_RETURN(NodePtr next, ParseCharClass());
      AddFlattened(u.get(), std::move(next));
    }
    return u;
  }

  Result<NodePtr> ParseCharClass() {
    QUIVER_ASSIGN_OR_RETURN(NodePtr predefined, MatchPredefinedClass());
    if (predefined) return predefined;
    QUIVER_ASSIGN_OR_RETURN(const int32_t c, ParseCharExp());
    if (Match('-')) {
      QUIVER_ASSIGN_OR_RETURN(const int32_t to, ParseCharExp());
      if (c > to) {
        return Error("invalid range: from (" + std::to_string(c) + ") cannot be > to (" +
                     std::to_string(to) + ")");
      }
      NodePtr n = MakeNode(Kind::kCharRange);
      n->from = c;
      n->to = to;
      return n;
    }
    NodePtr n = MakeNode(Kind::kChar);
    n->c = c;
    return n;
  }

  // After a backslash: \d \D \s \S \w \W, an escaped backslash, or an error
  // for other letters that Java's regex syntax reserves; otherwise the
  // backslash has been consumed and the next char is read literally.
  Result<NodePtr> MatchPredefinedClass() {
    if (!Match('\\')) return NodePtr();
    if (Peek(U"dDwWsS")) {
      NodePtr n = MakeNode(Kind::kPredefinedClass);
      n->c = s_[pos_++];
      return n;
    }
    if (Peek(U"\\")) {
      NodePtr n = MakeNode(Kind::kChar);
      n->c = s_[pos_++];
      return n;
    }
    if (Peek(U"abcefghijklmnopqrtuvxyz") || Peek(U"ABCEFGHIJKLMNOPQRTUVXYZ")) {
      std::string letter(1, static_cast<char>(s_[pos_]));
      return Error("invalid character class \\" + letter);
    }
    return NodePtr();
  }

  Result<NodePtr> ParseSimple() {
    if (Match('.')) return MakeNode(Kind::kAnyChar);
    if (Check(kRegexpEmpty) && Match('#')) return MakeNode(Kind::kEmpty);
    if (Check(kRegexpAnyString) && Match('@')) return MakeNode(Kind::kAnyString);
    if (Match('"')) {
      NodePtr n = MakeNode(Kind::kString);
      while (More() && !Peek(U"\"")) n->text.push_back(s_[pos_++]);
      if (!Match('"')) return Error("expected '\"' at position " + Pos());
      return n;
    }
    if (Match('(')) {
      if (Match(')')) return MakeNode(Kind::kString);
      QUIVER_ASSIGN_OR_RETURN(NodePtr e, ParseUnion());
      if (!Match(')')) return Error("expected ')' at position " + Pos());
      return e;
    }
    if ((Check(kRegexpAutomaton) || Check(kRegexpInterval)) && Match('<')) {
      std::vector<int32_t> body;
      while (More() && !Peek(U">")) body.push_back(s_[pos_++]);
      if (!Match('>')) return Error("expected '>' at position " + Pos());
      size_t dash = body.size();
      int dashes = 0;
      for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '-') {
          if (dashes++ == 0) dash = i;
        }
      }
      if (dashes == 0) {
        if (!Check(kRegexpAutomaton)) {
          return Error("interval syntax error at position " + std::to_string(pos_ - 1));
        }
        NodePtr n = MakeNode(Kind::kNamedAutomaton);
        n->text = body;
        return n;
      }
      if (!Check(kRegexpInterval)) {
        return Error("illegal identifier at position " + std::to_string(pos_ - 1));
      }
      auto parse = [](const std::vector<int32_t>& digits, size_t begin, size_t end, int64_t* out) {
        if (begin == end) return false;
        int64_t v = 0;
        for (size_t i = begin; i < end; ++i) {
          if (digits[i] < '0' || digits[i] > '9') return false;
          v = v * 10 + (digits[i] - '0');
          if (v > 0x7fffffff) return false;
        }
        *out = v;
        return true;
      };
      int64_t lo;
      int64_t hi;
      if (dashes != 1 || !parse(body, 0, dash, &lo) || !parse(body, dash + 1, body.size(), &hi)) {
        return Error("interval syntax error at position " + std::to_string(pos_ - 1));
      }
      NodePtr n = MakeNode(Kind::kInterval);
      n->digits = dash == body.size() - dash - 1 ? static_cast<int>(dash) : 0;
      n->min = static_cast<int>(std::min(lo, hi));
      n->max = static_cast<int>(std::max(lo, hi));
      return n;
    }
    QUIVER_ASSIGN_OR_RETURN(NodePtr predefined, MatchPredefinedClass());
    if (predefined) return predefined;
    QUIVER_ASSIGN_OR_RETURN(const int32_t c, ParseCharExp());
    NodePtr n = MakeNode(Kind::kChar);
    n->c = c;
    return n;
  }

  Result<int32_t> ParseCharExp() {
    Match('\\');
    return Next();
  }

  std::vector<int32_t> s_;
  int flags_;
  size_t pos_ = 0;
  int depth_ = 0;
};

// Lucene's RegExp.toCaseInsensitiveChar: ASCII letters also match their
// other case; everything else matches itself.
Automaton CaseInsensitiveChar(int32_t c) {
  int32_t alt = c;
  if (c >= 'a' && c <= 'z') alt = c - 'a' + 'A';
  if (c >= 'A' && c <= 'Z') alt = c - 'A' + 'a';
  if (alt == c) return MakeChar(c);
  Automaton a = MakeChar(std::min(c, alt));
  const int accept = 1;
  a.AddTransition(0, accept, std::max(c, alt), std::max(c, alt));
  a.Normalize();
  return a;
}

Automaton CharClass(std::vector<std::pair<int32_t, int32_t>> ranges, bool negate) {
  std::sort(ranges.begin(), ranges.end());
  if (negate) {
    std::vector<std::pair<int32_t, int32_t>> complement;
    int32_t next = 0;
    for (const auto& [lo, hi] : ranges) {
      if (lo > next) complement.emplace_back(next, lo - 1);
      next = std::max(next, hi + 1);
    }
    if (next <= kMaxCodePoint) complement.emplace_back(next, kMaxCodePoint);
    ranges.swap(complement);
  }
  Automaton a;
  const int accept = a.AddState(true);
  for (const auto& [lo, hi] : ranges) a.AddTransition(0, accept, lo, hi);
  a.Normalize();
  return a;
}

// RegExp.expandPredefined.
Automaton PredefinedClass(int32_t c) {
  switch (c) {
    case 'd':
    case 'D':
      return CharClass({{'0', '9'}}, c == 'D');
    case 's':
    case 'S':
      return CharClass({{' ', ' '}, {'\t', '\t'}, {'\n', '\n'}, {'\r', '\r'}}, c == 'S');
    default:  // w, W
      return CharClass({{'a', 'z'}, {'A', 'Z'}, {'_', '_'}, {'0', '9'}}, c == 'W');
  }
}

class Compiler {
 public:
  Compiler(bool case_insensitive, int limit) : case_insensitive_(case_insensitive), limit_(limit) {}

  Result<Automaton> Build(const Node& n) {
    switch (n.kind) {
      case Kind::kPredefinedClass:
        return PredefinedClass(n.c);
      case Kind::kUnion: {
        QUIVER_ASSIGN_OR_RETURN(std::vector<Automaton> parts, BuildChildren(n));
        return Minimize(Union(parts), limit_);
      }
      case Kind::kConcatenation: {
        QUIVER_ASSIGN_OR_RETURN(std::vector<Automaton> parts, BuildChildren(n));
        return Minimize(Concatenate(parts), limit_);
      }
      case Kind::kIntersection: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        QUIVER_ASSIGN_OR_RETURN(Automaton b, Build(*n.children[1]));
        return Minimize(Intersection(a, b), limit_);
      }
      case Kind::kOptional: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        return Minimize(Optional(a), limit_);
      }
      case Kind::kRepeat: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        return Minimize(Repeat(a), limit_);
      }
      case Kind::kRepeatMin: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        if (limit_ > 0 && int64_t{a.num_states() - 1} * n.min > limit_) {
          return TooComplexToDeterminize(limit_);
        }
        return Minimize(Repeat(a, n.min), limit_);
      }
      case Kind::kRepeatMinMax: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        if (limit_ > 0 && int64_t{a.num_states() - 1} * n.max > limit_) {
          return TooComplexToDeterminize(limit_);
        }
        return Repeat(a, n.min, n.max);
      }
      case Kind::kComplement: {
        QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*n.children[0]));
        QUIVER_ASSIGN_OR_RETURN(Automaton c, Complement(a, limit_));
        return Minimize(c, limit_);
      }
      case Kind::kChar:
        return case_insensitive_ ? CaseInsensitiveChar(n.c) : MakeChar(n.c);
      case Kind::kCharRange:
        return MakeCharRange(n.from, n.to);
      case Kind::kAnyChar:
        return MakeAnyChar();
      case Kind::kEmpty:
        return MakeEmpty();
      case Kind::kString: {
        if (!case_insensitive_) return MakeString(n.text);
        std::vector<Automaton> chars;
        for (int32_t c : n.text) chars.push_back(CaseInsensitiveChar(c));
        return Minimize(Concatenate(chars), limit_);
      }
      case Kind::kAnyString:
        return MakeAnyString();
      case Kind::kNamedAutomaton: {
        std::string name;
        for (int32_t c : n.text) AppendUtf8(c, &name);
        return Status::InvalidArgument("'" + name + "' not found");
      }
      case Kind::kInterval:
        return MakeDecimalInterval(static_cast<uint32_t>(n.min), static_cast<uint32_t>(n.max),
                                   n.digits);
    }
    return Status::Internal("unknown regexp node");
  }

 private:
  Result<std::vector<Automaton>> BuildChildren(const Node& n) {
    std::vector<Automaton> parts;
    parts.reserve(n.children.size());
    for (const auto& child : n.children) {
      QUIVER_ASSIGN_OR_RETURN(Automaton a, Build(*child));
      parts.push_back(std::move(a));
    }
    return parts;
  }

  bool case_insensitive_;
  int limit_;
};

Status WithPattern(const Status& st, std::string_view pattern, int limit) {
  if (st.type() != "too_complex_to_determinize_exception") return st;
  return st.WithMessage("Determinizing " + std::string(pattern) + " would require more than " +
                        std::to_string(limit) + " effort.");
}

}  // namespace

Result<int> ParseRegexpFlags(std::string_view flags) {
  if (flags.empty()) return static_cast<int>(kRegexpAll);
  int value = 0;
  size_t start = 0;
  while (start <= flags.size()) {
    size_t end = flags.find('|', start);
    if (end == std::string_view::npos) end = flags.size();
    const std::string_view original = flags.substr(start, end - start);
    start = end + 1;
    if (original.empty()) continue;
    std::string name(original);
    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (name == "ALL") {
      value = kRegexpAll;
    } else if (name == "NONE") {
      value |= kRegexpNone;
    } else if (name == "INTERSECTION") {
      value |= kRegexpIntersection;
    } else if (name == "COMPLEMENT") {
      value |= kRegexpComplement;
    } else if (name == "EMPTY") {
      value |= kRegexpEmpty;
    } else if (name == "ANYSTRING") {
      value |= kRegexpAnyString;
    } else if (name == "INTERVAL") {
      value |= kRegexpInterval;
    } else {
      return Status::InvalidArgument("Unknown regexp flag [" + std::string(original) + "]");
    }
    if (value == kRegexpAll) return value;
  }
  return value;
}

Result<Automaton> RegexpToAutomaton(std::string_view pattern, const RegexpOptions& options) {
  std::vector<int32_t> code_points;
  if (!DecodeUtf8(pattern, &code_points)) {
    return Status::InvalidArgument("regexp is not valid UTF-8");
  }
  Parser parser(std::move(code_points), options.flags & kRegexpAll);
  QUIVER_ASSIGN_OR_RETURN(NodePtr root, parser.Parse());
  Compiler compiler(options.case_insensitive, options.max_determinized_states);
  Result<Automaton> a = compiler.Build(*root);
  if (!a.ok()) return WithPattern(a.status(), pattern, options.max_determinized_states);
  return a;
}

Result<CompiledAutomaton> CompileRegexp(std::string_view pattern, const RegexpOptions& options) {
  QUIVER_ASSIGN_OR_RETURN(const Automaton a, RegexpToAutomaton(pattern, options));
  Result<CompiledAutomaton> c = CompiledAutomaton::Compile(a, options.max_determinized_states);
  if (!c.ok()) return WithPattern(c.status(), pattern, options.max_determinized_states);
  return c;
}

}  // namespace quiver::text
