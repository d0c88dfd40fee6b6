#include "query/dsl/lucene_query_syntax.h"

#include <cstdlib>
#include <vector>

#include "query/dsl/query_nodes.h"

namespace quiver::query::dsl {

namespace {

constexpr size_t kMaxBoolClauses = kMaxClauseCount;

enum class Tok {
  kAnd,
  kOr,
  kNot,
  kPlus,
  kMinus,
  kBareOper,
  kLParen,
  kRParen,
  kColon,
  kStar,
  kCarat,
  kQuoted,
  kTerm,
  kFuzzySlop,
  kPrefixTerm,
  kWildTerm,
  kRegexpTerm,
  kRangeInStart,
  kRangeExStart,
  kNumber,
  kRangeTo,
  kRangeInEnd,
  kRangeExEnd,
  kRangeQuoted,
  kRangeGoop,
  kEof,
};

const char* TokName(Tok t) {
  switch (t) {
    case Tok::kAnd:
      return "<AND>";
    case Tok::kOr:
      return "<OR>";
    case Tok::kNot:
      return "<NOT>";
    case Tok::kPlus:
      return "\"+\"";
    case Tok::kMinus:
      return "\"-\"";
    case Tok::kBareOper:
      return "<BAREOPER>";
    case Tok::kLParen:
      return "\"(\"";
    case Tok::kRParen:
      return "\")\"";
    case Tok::kColon:
      return "\":\"";
    case Tok::kStar:
      return "\"*\"";
    case Tok::kCarat:
      return "\"^\"";
    case Tok::kQuoted:
      return "<QUOTED>";
    case Tok::kTerm:
      return "<TERM>";
    case Tok::kFuzzySlop:
      return "<FUZZY_SLOP>";
    case Tok::kPrefixTerm:
      return "<PREFIXTERM>";
    case Tok::kWildTerm:
      return "<WILDTERM>";
    case Tok::kRegexpTerm:
      return "<REGEXPTERM>";
    case Tok::kRangeInStart:
      return "\"[\"";
    case Tok::kRangeExStart:
      return "\"{\"";
    case Tok::kNumber:
      return "<NUMBER>";
    case Tok::kRangeTo:
      return "\"TO\"";
    case Tok::kRangeInEnd:
      return "\"]\"";
    case Tok::kRangeExEnd:
      return "\"}\"";
    case Tok::kRangeQuoted:
      return "<RANGE_QUOTED>";
    case Tok::kRangeGoop:
      return "<RANGE_GOOP>";
    case Tok::kEof:
      return "<EOF>";
  }
  return "?";
}

struct Token {
  Tok kind = Tok::kEof;
  std::string image;
  size_t begin = 0;  // byte offset
};

enum class Mode { kDefault, kRange, kBoost };

// Length of a whitespace character at `p` (space, tab, CR, LF, U+3000), or 0.
size_t WhitespaceAt(std::string_view s, size_t p) {
  if (p >= s.size()) return 0;
  char c = s[p];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (s.substr(p, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

bool IsTermStartChar(std::string_view s, size_t p) {
  if (WhitespaceAt(s, p) > 0) return false;
  switch (s[p]) {
    case '+':
    case '-':
    case '!':
    case '(':
    case ')':
    case ':':
    case '^':
    case '[':
    case ']':
    case '"':
    case '{':
    case '}':
    case '~':
    case '*':
    case '?':
    case '\\':
    case '/':
      return false;
    default:
      return true;
  }
}

// Lucene's classic tokenizer with its lexical states.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Status Next(Mode mode, Token* out) {
    while (size_t ws = WhitespaceAt(s_, pos_)) pos_ += ws;
    out->begin = pos_;
    out->image.clear();
    if (pos_ >= s_.size()) {
      out->kind = Tok::kEof;
      return Status::Ok();
    }
    switch (mode) {
      case Mode::kBoost:
        return LexNumber(out);
      case Mode::kRange:
        return LexRange(out);
      case Mode::kDefault:
        return LexDefault(out);
    }
    return Status::Ok();
  }

  size_t pos() const { return pos_; }
  void set_pos(size_t p) { pos_ = p; }

  Status LexicalError(size_t at, std::string_view after) const {
    std::string encountered = at >= s_.size()
                                  ? "<EOF>"
                                  : "\"" + std::string(1, s_[at]) + "\" (" +
                                        std::to_string(static_cast<unsigned char>(s_[at])) + ")";
    return Status::InvalidArgument("Lexical error at line 1, column " + std::to_string(at + 1) +
                                   ".  Encountered: " + encountered + ", after : \"" +
                                   std::string(after) + "\"");
  }

 private:
  Status Emit(Token* out, Tok kind, size_t end) {
    out->kind = kind;
    out->image = std::string(s_.substr(pos_, end - pos_));
    pos_ = end;
    return Status::Ok();
  }

  Status LexNumber(Token* out) {
    size_t p = pos_;
    while (p < s_.size() && s_[p] >= '0' && s_[p] <= '9') ++p;
    if (p == pos_) return LexicalError(pos_, "");
    if (p + 1 < s_.size() && s_[p] == '.' && s_[p + 1] >= '0' && s_[p + 1] <= '9') {
      ++p;
      while (p < s_.size() && s_[p] >= '0' && s_[p] <= '9') ++p;
    }
    return Emit(out, Tok::kNumber, p);
  }

  Status LexRange(Token* out) {
    char c = s_[pos_];
    if (c == ']') return Emit(out, Tok::kRangeInEnd, pos_ + 1);
    if (c == '}') return Emit(out, Tok::kRangeExEnd, pos_ + 1);
    if (c == '"') {
      size_t p = pos_ + 1;
      while (p < s_.size() && s_[p] != '"') p += (s_[p] == '\\' && p + 1 < s_.size()) ? 2 : 1;
      if (p < s_.size() && p > pos_ + 1) return Emit(out, Tok::kRangeQuoted, p + 1);
    }
    size_t p = pos_;
    while (p < s_.size() && s_[p] != ' ' && s_[p] != ']' && s_[p] != '}') ++p;
    if (p - pos_ == 2 && s_.substr(pos_, 2) == "TO") return Emit(out, Tok::kRangeTo, p);
    return Emit(out, Tok::kRangeGoop, p);
  }

  // A run of term characters, escapes and (when `wild`) '*' and '?'.
  // Returns false on a dangling escape.
  bool ScanRun(size_t* p, bool wild, bool* has_wildcard, size_t* first_wildcard) const {
    while (*p < s_.size()) {
      char c = s_[*p];
      if (c == '\\') {
        if (*p + 1 >= s_.size()) return false;
        *p += 2;
        while (*p < s_.size() && (static_cast<unsigned char>(s_[*p]) & 0xC0) == 0x80) ++*p;
        continue;
      }
      if (wild && (c == '*' || c == '?')) {
        if (!*has_wildcard) *first_wildcard = *p;
        *has_wildcard = true;
        ++*p;
        continue;
      }
      if (IsTermStartChar(s_, *p) || c == '-' || c == '+') {
        ++*p;
        continue;
      }
      break;
    }
    return true;
  }

  Status LexDefault(Token* out) {
    char c = s_[pos_];
    if (s_.substr(pos_, 2) == "&&") return Emit(out, Tok::kAnd, pos_ + 2);
    if (s_.substr(pos_, 2) == "||") return Emit(out, Tok::kOr, pos_ + 2);
    if (c == '+' || c == '-' || c == '!') {
      if (size_t ws = WhitespaceAt(s_, pos_ + 1)) return Emit(out, Tok::kBareOper, pos_ + 1 + ws);
      return Emit(out, c == '+' ? Tok::kPlus : c == '-' ? Tok::kMinus : Tok::kNot, pos_ + 1);
    }
    switch (c) {
      case '(':
        return Emit(out, Tok::kLParen, pos_ + 1);
      case ')':
        return Emit(out, Tok::kRParen, pos_ + 1);
      case ':':
        return Emit(out, Tok::kColon, pos_ + 1);
      case '^':
        return Emit(out, Tok::kCarat, pos_ + 1);
      case '[':
        return Emit(out, Tok::kRangeInStart, pos_ + 1);
      case '{':
        return Emit(out, Tok::kRangeExStart, pos_ + 1);
      default:
        break;
    }
    if (c == '"') {
      size_t p = pos_ + 1;
      while (p < s_.size() && s_[p] != '"') {
        if (s_[p] == '\\') {
          if (p + 1 >= s_.size()) return LexicalError(s_.size(), s_.substr(pos_));
          p += 2;
        } else {
          ++p;
        }
      }
      if (p >= s_.size()) return LexicalError(s_.size(), s_.substr(pos_));
      return Emit(out, Tok::kQuoted, p + 1);
    }
    if (c == '~') {
      size_t p = pos_ + 1;
      bool has_wild = false;
      size_t first_wild = 0;
      if (!ScanRun(&p, false, &has_wild, &first_wild))
        return LexicalError(s_.size(), s_.substr(pos_));
      return Emit(out, Tok::kFuzzySlop, p);
    }
    if (c == '/') {
      size_t p = pos_ + 1;
      while (p < s_.size() && s_[p] != '/')
        p += (s_[p] == '\\' && p + 1 < s_.size() && s_[p + 1] == '/') ? 2 : 1;
      if (p >= s_.size()) return LexicalError(s_.size(), s_.substr(pos_));
      return Emit(out, Tok::kRegexpTerm, p + 1);
    }
    if (c == '*' || c == '?' || c == '\\' || IsTermStartChar(s_, pos_)) {
      size_t p = pos_;
      bool has_wild = false;
      size_t first_wild = 0;
      if (!ScanRun(&p, true, &has_wild, &first_wild))
        return LexicalError(s_.size(), s_.substr(pos_));
      if (p == pos_) return LexicalError(pos_, "");
      std::string_view run = s_.substr(pos_, p - pos_);
      if (!has_wild) {
        if (run == "AND") return Emit(out, Tok::kAnd, p);
        if (run == "OR") return Emit(out, Tok::kOr, p);
        if (run == "NOT") return Emit(out, Tok::kNot, p);
        return Emit(out, Tok::kTerm, p);
      }
      if (run == "*") return Emit(out, Tok::kStar, p);
      // term* (one trailing star, no other wildcard) is a prefix.
      if (first_wild == p - 1 && s_[p - 1] == '*' && first_wild > pos_) {
        return Emit(out, Tok::kPrefixTerm, p);
      }
      return Emit(out, Tok::kWildTerm, p);
    }
    return LexicalError(pos_, "");
  }

  std::string_view s_;
  size_t pos_ = 0;
};

enum class Conj { kNone, kAnd, kOr };
enum class Mod { kNone, kReq, kNot };

class ClassicParser {
 public:
  ClassicParser(std::string_view query, const ClassicParserOptions& options,
                ClassicQueryBuilder* builder)
      : query_(query), lexer_(query), options_(options), builder_(builder) {}

  // Lucene QueryParserBase.parse: builder ParseExceptions and too many
  // clauses are reported as "Cannot parse '<query>': ...".
  Result<QueryPtr> ParseTop() {
    Result<QueryPtr> q = ParseAll();
    if (q.ok()) return q;
    const Status& st = q.status();
    if (st.type() == "too_many_clauses") {
      return Wrap(Status::InvalidArgument("too many boolean clauses"));
    }
    if (st.type() == "parse_exception" && st.message().rfind("Cannot parse '", 0) != 0) {
      return Wrap(st);
    }
    return q;
  }

  Result<QueryPtr> ParseAll() {
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseQuery(std::nullopt));
    QUIVER_ASSIGN_OR_RETURN(const Token* t, Peek(0));
    if (t->kind != Tok::kEof) return Unexpected(*t);
    return q;
  }

 private:
  Status Wrap(const Status& st) const {
    return Status::InvalidArgument("Cannot parse '" + std::string(query_) + "': " + st.message())
        .WithType("parse_exception");
  }

  Status Unexpected(const Token& t) const {
    std::string where = " at line 1, column " + std::to_string(t.begin + 1) + ".";
    if (t.kind == Tok::kEof) return Wrap(Status::InvalidArgument("Encountered \"<EOF>\"" + where));
    return Wrap(Status::InvalidArgument("Encountered \" " + std::string(TokName(t.kind)) + " \"" +
                                        t.image + " \"\"" + where));
  }

  // Tokens are lexed in default mode when peeked; mode switches re-lex from
  // the first unconsumed token.
  Result<const Token*> Peek(size_t n) {
    while (buffer_.size() <= n) {
      Token t;
      Status st = lexer_.Next(Mode::kDefault, &t);
      if (!st.ok()) return Wrap(st);
      buffer_.push_back(std::move(t));
    }
    return &buffer_[n];
  }

  Result<Token> Next(Mode mode = Mode::kDefault) {
    if (mode != Mode::kDefault && !buffer_.empty()) {
      lexer_.set_pos(buffer_.front().begin);
      buffer_.clear();
    }
    if (!buffer_.empty()) {
      Token t = std::move(buffer_.front());
      buffer_.erase(buffer_.begin());
      return t;
    }
    Token t;
    Status st = lexer_.Next(mode, &t);
    if (!st.ok()) return Wrap(st);
    return t;
  }

  Result<Tok> PeekKind(size_t n) {
    QUIVER_ASSIGN_OR_RETURN(const Token* t, Peek(n));
    return t->kind;
  }

  static bool AllowedPostMultiTerm(Tok k) {
    return k != Tok::kColon && k != Tok::kStar && k != Tok::kFuzzySlop && k != Tok::kCarat &&
           k != Tok::kAnd && k != Tok::kOr;
  }

  Result<bool> AtMultiTerm() {
    QUIVER_ASSIGN_OR_RETURN(Tok k0, PeekKind(0));
    if (k0 != Tok::kTerm) return false;
    QUIVER_ASSIGN_OR_RETURN(Tok k1, PeekKind(1));
    if (k1 != Tok::kTerm) return false;
    QUIVER_ASSIGN_OR_RETURN(Tok k2, PeekKind(2));
    return AllowedPostMultiTerm(k2);
  }

  static bool StartsClause(Tok k) {
    switch (k) {
      case Tok::kAnd:
      case Tok::kOr:
      case Tok::kNot:
      case Tok::kPlus:
      case Tok::kMinus:
      case Tok::kBareOper:
      case Tok::kLParen:
      case Tok::kStar:
      case Tok::kQuoted:
      case Tok::kTerm:
      case Tok::kPrefixTerm:
      case Tok::kWildTerm:
      case Tok::kRegexpTerm:
      case Tok::kRangeInStart:
      case Tok::kRangeExStart:
      case Tok::kNumber:
        return true;
      default:
        return false;
    }
  }

  // Lucene QueryParserBase.addClause.
  Status AddClause(std::vector<Clause>* clauses, Conj conj, Mod mods, const QueryPtr& q) {
    if (!clauses->empty() && conj == Conj::kAnd) {
      Clause& c = clauses->back();
      if (c.occur != Occur::kMustNot) c.occur = Occur::kMust;
    }
    if (!clauses->empty() && options_.default_operator_and && conj == Conj::kOr) {
      Clause& c = clauses->back();
      if (c.occur != Occur::kMustNot) c.occur = Occur::kShould;
    }
    if (q == nullptr) return Status::Ok();
    bool required, prohibited;
    if (!options_.default_operator_and) {
      prohibited = mods == Mod::kNot;
      required = mods == Mod::kReq;
      if (conj == Conj::kAnd && !prohibited) required = true;
    } else {
      prohibited = mods == Mod::kNot;
      required = !prohibited && conj != Conj::kOr;
    }
    clauses->push_back({q, prohibited ? Occur::kMustNot
                           : required ? Occur::kMust
                                      : Occur::kShould});
    return CheckClauseCount(*clauses);
  }

  Status CheckClauseCount(const std::vector<Clause>& clauses) const {
    if (clauses.size() > kMaxBoolClauses) {
      return Status::InvalidArgument("maxClauseCount is set to " + std::to_string(kMaxBoolClauses))
          .WithType("too_many_clauses");
    }
    return Status::Ok();
  }

  // Lucene QueryParserBase.addMultiTermClauses: a bool of plain terms is
  // flattened as is; otherwise the clauses of a bool (or the query itself)
  // are added with the default operator.
  Status AddMultiTermClauses(std::vector<Clause>* clauses, const QueryPtr& q) {
    if (q == nullptr) return Status::Ok();
    const auto* b = q->boost == 1.0f ? std::get_if<BoolQuery>(&q->node) : nullptr;
    auto for_each = [&](auto&& fn) {
      for (const auto& c : b->must) fn(c, Occur::kMust);
      for (const auto& c : b->filter) fn(c, Occur::kFilter);
      for (const auto& c : b->should) fn(c, Occur::kShould);
      for (const auto& c : b->must_not) fn(c, Occur::kMustNot);
    };
    bool all_terms = b != nullptr;
    if (b != nullptr) {
      for_each([&](const QueryPtr& c, Occur) {
        all_terms &= std::holds_alternative<TermQuery>(c->node) && c->boost == 1.0f;
      });
    }
    Occur occur = options_.default_operator_and ? Occur::kMust : Occur::kShould;
    if (b != nullptr) {
      for_each([&](const QueryPtr& c, Occur o) { clauses->push_back({c, all_terms ? o : occur}); });
    } else {
      clauses->push_back({q, occur});
    }
    return CheckClauseCount(*clauses);
  }

  Result<QueryPtr> ParseQuery(const std::optional<std::string>& field) {
    if (++depth_ > kMaxClassicNesting) {
      return Wrap(Status::InvalidArgument("too many nested groups (more than " +
                                          std::to_string(kMaxClassicNesting) + ")"));
    }
    std::vector<Clause> clauses;
    QueryPtr first_query;
    bool first = true;
    while (true) {
      QUIVER_ASSIGN_OR_RETURN(bool multi, AtMultiTerm());
      if (first) {
        if (multi) {
          QUIVER_ASSIGN_OR_RETURN(first_query, ParseMultiTerm(field, &clauses));
        } else {
          QUIVER_ASSIGN_OR_RETURN(Mod mods, ParseModifiers());
          QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseClause(field));
          QUIVER_RETURN_IF_ERROR(AddClause(&clauses, Conj::kNone, mods, q));
          if (mods == Mod::kNone) first_query = q;
        }
        first = false;
        continue;
      }
      QUIVER_ASSIGN_OR_RETURN(Tok k, PeekKind(0));
      if (!StartsClause(k)) break;
      if (multi) {
        QUIVER_ASSIGN_OR_RETURN(QueryPtr ignored, ParseMultiTerm(field, &clauses));
        (void)ignored;
        continue;
      }
      Conj conj = Conj::kNone;
      if (k == Tok::kAnd || k == Tok::kOr) {
        conj = k == Tok::kAnd ? Conj::kAnd : Conj::kOr;
        QUIVER_ASSIGN_OR_RETURN(Token t, Next());
        (void)t;
      }
      QUIVER_ASSIGN_OR_RETURN(Mod mods, ParseModifiers());
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseClause(field));
      QUIVER_RETURN_IF_ERROR(AddClause(&clauses, conj, mods, q));
    }
    --depth_;
    if (clauses.size() == 1 && first_query != nullptr) return first_query;
    if (clauses.empty()) return QueryPtr();
    return FixNegativeQuery(MakeBool(clauses));
  }

  Result<QueryPtr> ParseMultiTerm(const std::optional<std::string>& field,
                                  std::vector<Clause>* clauses) {
    QUIVER_ASSIGN_OR_RETURN(Token first, Next());
    std::string text = first.image;
    while (true) {
      QUIVER_ASSIGN_OR_RETURN(Tok k0, PeekKind(0));
      if (k0 != Tok::kTerm) break;
      QUIVER_ASSIGN_OR_RETURN(Tok k1, PeekKind(1));
      if (!AllowedPostMultiTerm(k1)) break;
      QUIVER_ASSIGN_OR_RETURN(Token t, Next());
      text += " " + t.image;
    }
    auto unescaped = DiscardEscapeChars(text);
    if (!unescaped.ok()) return Wrap(unescaped.status());
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, builder_->FieldQuery(field, *unescaped));
    QUIVER_RETURN_IF_ERROR(AddMultiTermClauses(clauses, q));
    return q;
  }

  Result<Mod> ParseModifiers() {
    QUIVER_ASSIGN_OR_RETURN(Tok k, PeekKind(0));
    if (k != Tok::kPlus && k != Tok::kMinus && k != Tok::kNot) return Mod::kNone;
    QUIVER_ASSIGN_OR_RETURN(Token t, Next());
    (void)t;
    return k == Tok::kPlus ? Mod::kReq : Mod::kNot;
  }

  Result<std::optional<std::string>> ParseBoostSuffix() {
    QUIVER_ASSIGN_OR_RETURN(Tok k, PeekKind(0));
    if (k != Tok::kCarat) return std::optional<std::string>();
    QUIVER_ASSIGN_OR_RETURN(Token carat, Next());
    (void)carat;
    QUIVER_ASSIGN_OR_RETURN(Token number, Next(Mode::kBoost));
    if (number.kind != Tok::kNumber) return Unexpected(number);
    return std::optional<std::string>(number.image);
  }

  static QueryPtr HandleBoost(const QueryPtr& q, const std::optional<std::string>& boost) {
    if (!boost || q == nullptr) return q;
    float f = std::strtof(boost->c_str(), nullptr);
    return Boost(q, f);
  }

  Result<QueryPtr> ParseClause(std::optional<std::string> field) {
    QUIVER_ASSIGN_OR_RETURN(const Token* t0, Peek(0));
    Tok k0 = t0->kind;
    if (k0 == Tok::kTerm || k0 == Tok::kStar) {
      QUIVER_ASSIGN_OR_RETURN(Tok k1, PeekKind(1));
      if (k1 == Tok::kColon) {
        QUIVER_ASSIGN_OR_RETURN(Token name, Next());
        QUIVER_ASSIGN_OR_RETURN(Token colon, Next());
        (void)colon;
        if (name.kind == Tok::kStar) {
          field = "*";
        } else {
          auto f = DiscardEscapeChars(name.image);
          if (!f.ok()) return Wrap(f.status());
          field = *f;
        }
      }
    }
    QUIVER_ASSIGN_OR_RETURN(Tok k, PeekKind(0));
    if (k == Tok::kLParen) {
      QUIVER_ASSIGN_OR_RETURN(Token lp, Next());
      (void)lp;
      QUIVER_ASSIGN_OR_RETURN(QueryPtr q, ParseQuery(field));
      QUIVER_ASSIGN_OR_RETURN(Token rp, Next());
      if (rp.kind != Tok::kRParen) return Unexpected(rp);
      QUIVER_ASSIGN_OR_RETURN(auto boost, ParseBoostSuffix());
      return HandleBoost(q, boost);
    }
    return ParseTerm(field);
  }

  // [^boost [~fuzzy]] or [~fuzzy [^boost]].
  Status ParseModifierSuffixes(std::optional<std::string>* boost,
                               std::optional<std::string>* fuzzy) {
    QUIVER_ASSIGN_OR_RETURN(Tok k, PeekKind(0));
    if (k == Tok::kCarat) {
      QUIVER_ASSIGN_OR_RETURN(*boost, ParseBoostSuffix());
      QUIVER_ASSIGN_OR_RETURN(Tok k2, PeekKind(0));
      if (k2 == Tok::kFuzzySlop) {
        QUIVER_ASSIGN_OR_RETURN(Token f, Next());
        *fuzzy = f.image;
      }
    } else if (k == Tok::kFuzzySlop) {
      QUIVER_ASSIGN_OR_RETURN(Token f, Next());
      *fuzzy = f.image;
      QUIVER_ASSIGN_OR_RETURN(*boost, ParseBoostSuffix());
    }
    return Status::Ok();
  }

  Result<QueryPtr> ParseTerm(const std::optional<std::string>& field) {
    QUIVER_ASSIGN_OR_RETURN(Token t, Next());
    std::optional<std::string> boost, fuzzy;
    switch (t.kind) {
      case Tok::kTerm:
      case Tok::kStar:
      case Tok::kPrefixTerm:
      case Tok::kWildTerm:
      case Tok::kRegexpTerm:
      case Tok::kNumber:
      case Tok::kBareOper: {
        QUIVER_RETURN_IF_ERROR(ParseModifierSuffixes(&boost, &fuzzy));
        QueryPtr q;
        if (t.kind == Tok::kStar || t.kind == Tok::kWildTerm) {
          QUIVER_ASSIGN_OR_RETURN(q, builder_->WildcardQuery(field, t.image));
        } else if (t.kind == Tok::kPrefixTerm) {
          auto text = DiscardEscapeChars(std::string_view(t.image).substr(0, t.image.size() - 1));
          if (!text.ok()) return Wrap(text.status());
          QUIVER_ASSIGN_OR_RETURN(q, builder_->PrefixQuery(field, *text));
        } else if (t.kind == Tok::kRegexpTerm) {
          QUIVER_ASSIGN_OR_RETURN(
              q, builder_->RegexpQuery(field, t.image.substr(1, t.image.size() - 2)));
        } else {
          std::string image = t.kind == Tok::kBareOper ? t.image.substr(0, 1) : t.image;
          auto text = DiscardEscapeChars(image);
          if (!text.ok()) return Wrap(text.status());
          if (fuzzy) {
            QUIVER_ASSIGN_OR_RETURN(q, builder_->FuzzyQuery(field, *text, *fuzzy));
          } else {
            QUIVER_ASSIGN_OR_RETURN(q, builder_->FieldQuery(field, *text));
          }
        }
        return HandleBoost(q, boost);
      }
      case Tok::kRangeInStart:
      case Tok::kRangeExStart: {
        bool include_lower = t.kind == Tok::kRangeInStart;
        QUIVER_ASSIGN_OR_RETURN(Token lo, Next(Mode::kRange));
        if (lo.kind != Tok::kRangeGoop && lo.kind != Tok::kRangeQuoted &&
            lo.kind != Tok::kRangeTo) {
          return Unexpected(lo);
        }
        QUIVER_ASSIGN_OR_RETURN(Token to, Next(Mode::kRange));
        if (to.kind != Tok::kRangeTo) return Unexpected(to);
        QUIVER_ASSIGN_OR_RETURN(Token hi, Next(Mode::kRange));
        if (hi.kind != Tok::kRangeGoop && hi.kind != Tok::kRangeQuoted &&
            hi.kind != Tok::kRangeTo) {
          return Unexpected(hi);
        }
        QUIVER_ASSIGN_OR_RETURN(Token end, Next(Mode::kRange));
        if (end.kind != Tok::kRangeInEnd && end.kind != Tok::kRangeExEnd) return Unexpected(end);
        bool include_upper = end.kind == Tok::kRangeInEnd;
        QUIVER_ASSIGN_OR_RETURN(boost, ParseBoostSuffix());
        auto bound = [&](const Token& b) -> Result<std::optional<std::string>> {
          std::string image = b.image;
          if (b.kind == Tok::kRangeQuoted) {
            image = image.substr(1, image.size() - 2);
          } else if (image == "*") {
            return std::optional<std::string>();
          }
          auto text = DiscardEscapeChars(image);
          if (!text.ok()) return Wrap(text.status());
          return std::optional<std::string>(*text);
        };
        QUIVER_ASSIGN_OR_RETURN(auto lower, bound(lo));
        QUIVER_ASSIGN_OR_RETURN(auto upper, bound(hi));
        QUIVER_ASSIGN_OR_RETURN(
            QueryPtr q, builder_->RangeQuery(field, lower, upper, include_lower, include_upper));
        return HandleBoost(q, boost);
      }
      case Tok::kQuoted: {
        QUIVER_RETURN_IF_ERROR(ParseModifierSuffixes(&boost, &fuzzy));
        int slop = options_.phrase_slop;
        if (fuzzy && fuzzy->size() > 1) {
          char* end = nullptr;
          double d = std::strtod(fuzzy->c_str() + 1, &end);
          if (end != nullptr && *end == '\0') slop = static_cast<int>(d);
        }
        auto text = DiscardEscapeChars(std::string_view(t.image).substr(1, t.image.size() - 2));
        if (!text.ok()) return Wrap(text.status());
        QUIVER_ASSIGN_OR_RETURN(QueryPtr q, builder_->PhraseQuery(field, *text, slop));
        return HandleBoost(q, boost);
      }
      default:
        return Unexpected(t);
    }
  }

  std::string_view query_;
  Lexer lexer_;
  std::vector<Token> buffer_;
  const ClassicParserOptions& options_;
  ClassicQueryBuilder* builder_;
  int depth_ = 0;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

Result<std::string> DiscardEscapeChars(std::string_view input) {
  std::string out;
  for (size_t i = 0; i < input.size(); ++i) {
    if (input[i] != '\\') {
      out.push_back(input[i]);
      continue;
    }
    if (i + 1 >= input.size()) {
      return Status::InvalidArgument("Term can not end with escape character.");
    }
    char next = input[++i];
    if (next == 'u') {
      if (i + 4 >= input.size()) {
        return Status::InvalidArgument("Truncated unicode escape sequence.");
      }
      uint32_t cp = 0;
      for (int k = 1; k <= 4; ++k) {
        int h = HexValue(input[i + k]);
        if (h < 0) {
          return Status::InvalidArgument("Non-hex character in Unicode escape sequence: " +
                                         std::string(1, input[i + k]));
        }
        cp = cp * 16 + static_cast<uint32_t>(h);
      }
      AppendUtf8(&out, cp);
      i += 4;
    } else {
      out.push_back(next);
    }
  }
  return out;
}

Result<QueryPtr> ParseClassicQuery(std::string_view query, const ClassicParserOptions& options,
                                   ClassicQueryBuilder* builder) {
  ClassicParser parser(query, options, builder);
  return parser.ParseTop();
}

}  // namespace quiver::query::dsl
