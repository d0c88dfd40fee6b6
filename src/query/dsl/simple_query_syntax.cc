#include "query/dsl/simple_query_syntax.h"

#include <optional>
#include <string>
#include <vector>

#include "common/strings.h"

namespace quiver::query::dsl {

namespace {

// The parse state of one (sub)query: Lucene SimpleQueryParser.State.
struct Frame {
  size_t index = 0;
  size_t end = 0;
  // The tree so far: a single query, or the clauses of a bool.
  QueryPtr single;
  std::vector<Clause> clauses;
  bool is_bool = false;
  std::optional<Occur> current;
  std::optional<Occur> previous;
  int nots = 0;
  size_t close = 0;  // index of this subquery's ')' in the parent

  bool empty() const { return single == nullptr && !is_bool; }
  QueryPtr Top() const { return is_bool ? MakeBool(clauses) : single; }
};

class SimpleParser {
 public:
  SimpleParser(std::string_view data, int flags, Occur default_operator, SimpleQueryBuilder* b)
      : data_(data), flags_(flags), default_operator_(default_operator), builder_(b) {}

  Result<QueryPtr> Parse() {
    std::vector<Frame> stack(1);
    stack[0].end = data_.size();
    while (true) {
      Frame& f = stack.back();
      if (f.index >= f.end) {
        QueryPtr top = f.Top();
        size_t close = f.close;
        stack.pop_back();
        if (stack.empty()) return top;
        Frame& parent = stack.back();
        BuildQueryTree(&parent, top);
        parent.index = close + 1;
        parent.nots = 0;
        continue;
      }
      char c = data_[f.index];
      if (c == '(' && Has(kSqsPrecedence)) {
        size_t start = f.index + 1;
        size_t close = FindClose(start, f.end);
        if (close == f.end) {
          f.index = start;  // no ')': the '(' is ignored
        } else if (close == start) {
          f.current.reset();  // "()": the pending operator applied to nothing
          f.index = start + 1;
        } else {
          Frame child;
          child.index = start;
          child.end = close;
          child.close = close;
          stack.push_back(std::move(child));
          continue;  // nots reset when the child completes
        }
      } else if (c == ')' && Has(kSqsPrecedence)) {
        ++f.index;
      } else if (c == '"' && Has(kSqsPhrase)) {
        QUIVER_RETURN_IF_ERROR(ConsumePhrase(&f));
      } else if (c == '+' && Has(kSqsAnd)) {
        if (!f.current && !f.empty()) f.current = Occur::kMust;
        ++f.index;
      } else if (c == '|' && Has(kSqsOr)) {
        if (!f.current && !f.empty()) f.current = Occur::kShould;
        ++f.index;
      } else if (c == '-' && Has(kSqsNot)) {
        ++f.nots;
        ++f.index;
        continue;
      } else if (IsSpace(c) && Has(kSqsWhitespace)) {
        ++f.index;
      } else {
        QUIVER_RETURN_IF_ERROR(ConsumeToken(&f));
      }
      f.nots = 0;
    }
  }

 private:
  bool Has(int flag) const { return (flags_ & flag) != 0; }
  static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  bool TokenFinished(size_t i) const {
    char c = data_[i];
    return (c == '"' && Has(kSqsPhrase)) || (c == '|' && Has(kSqsOr)) ||
           (c == '+' && Has(kSqsAnd)) || (c == '(' && Has(kSqsPrecedence)) ||
           (c == ')' && Has(kSqsPrecedence)) || (IsSpace(c) && Has(kSqsWhitespace));
  }

  // The ')' closing a '(' whose content starts at `start`; `end` if none.
  size_t FindClose(size_t start, size_t end) const {
    int depth = 1;
    bool escaped = false;
    for (size_t i = start; i < end; ++i) {
      if (!escaped) {
        if (data_[i] == '\\' && Has(kSqsEscape)) {
          escaped = true;
          continue;
        }
        if (data_[i] == '(') {
          ++depth;
        } else if (data_[i] == ')' && --depth == 0) {
          return i;
        }
      }
      escaped = false;
    }
    return end;
  }

  int ParseFuzziness(Frame* f) {
    if (f->index >= f->end || data_[f->index] != '~') return 0;
    std::string text;
    while (f->index < f->end) {
      ++f->index;
      if (f->index < f->end) {
        if (TokenFinished(f->index)) break;
        text.push_back(data_[f->index]);
      }
    }
    if (text.empty()) return 2;  // "~" alone: two edits
    int64_t v;
    if (!ParseInt64(text, &v)) return 0;
    return v < 0 ? 0 : static_cast<int>(std::min<int64_t>(v, INT32_MAX));
  }

  Status ConsumePhrase(Frame* f) {
    size_t start = ++f->index;
    std::string buffer;
    bool escaped = false, has_slop = false;
    while (f->index < f->end) {
      char c = data_[f->index];
      if (!escaped) {
        if (c == '\\' && Has(kSqsEscape)) {
          escaped = true;
          ++f->index;
          continue;
        }
        if (c == '"') {
          if (f->index + 1 < f->end && data_[f->index + 1] == '~' && Has(kSqsNear)) {
            ++f->index;
            if (f->index + 1 < f->end) has_slop = true;
          }
          break;
        }
      }
      escaped = false;
      buffer.push_back(c);
      ++f->index;
    }
    if (f->index == f->end) {
      f->index = start;  // no closing quote: the '"' is ignored
    } else if (f->index == start) {
      f->current.reset();  // ""
      ++f->index;
    } else {
      int slop = has_slop ? ParseFuzziness(f) : 0;
      QUIVER_ASSIGN_OR_RETURN(QueryPtr branch, builder_->PhraseQuery(buffer, slop));
      BuildQueryTree(f, branch);
      ++f->index;
    }
    return Status::Ok();
  }

  Status ConsumeToken(Frame* f) {
    std::string buffer;
    bool escaped = false, prefix = false, fuzzy = false;
    while (f->index < f->end) {
      char c = data_[f->index];
      if (!escaped) {
        if (c == '\\' && Has(kSqsEscape)) {
          escaped = true;
          prefix = false;
          ++f->index;
          continue;
        }
        if (TokenFinished(f->index)) break;
        if (!buffer.empty() && c == '~' && Has(kSqsFuzzy)) {
          fuzzy = true;
          break;
        }
        prefix = !buffer.empty() && c == '*' && Has(kSqsPrefix);
      }
      escaped = false;
      buffer.push_back(c);
      ++f->index;
    }
    if (buffer.empty()) return Status::Ok();
    QueryPtr branch;
    if (fuzzy) {
      int fuzziness = std::min(ParseFuzziness(f), 2);
      if (fuzziness == 0) {
        QUIVER_ASSIGN_OR_RETURN(branch, builder_->DefaultQuery(buffer));
      } else {
        QUIVER_ASSIGN_OR_RETURN(branch, builder_->FuzzyQuery(buffer, fuzziness));
      }
    } else if (prefix) {
      QUIVER_ASSIGN_OR_RETURN(
          branch, builder_->PrefixQuery(std::string_view(buffer).substr(0, buffer.size() - 1)));
    } else {
      QUIVER_ASSIGN_OR_RETURN(branch, builder_->DefaultQuery(buffer));
    }
    BuildQueryTree(f, branch);
    return Status::Ok();
  }

  void BuildQueryTree(Frame* f, QueryPtr branch) {
    if (branch == nullptr) return;
    if (f->nots % 2 == 1) {
      branch = MakeBool({{branch, Occur::kMustNot}, {MatchAll(), Occur::kShould}});
    }
    if (f->empty()) {
      f->single = branch;
    } else {
      if (!f->current) f->current = default_operator_;
      if (f->previous != f->current) {
        QueryPtr top = f->Top();
        f->clauses = {{top, *f->current}};
        f->is_bool = true;
        f->single = nullptr;
      }
      f->clauses.push_back({branch, *f->current});
      f->previous = f->current;
    }
    f->current.reset();
  }

  std::string_view data_;
  int flags_;
  Occur default_operator_;
  SimpleQueryBuilder* builder_;
};

}  // namespace

Result<QueryPtr> ParseSimpleQuery(std::string_view text, int flags, Occur default_operator,
                                  SimpleQueryBuilder* builder) {
  if (TrimWhitespace(text) == "*") return MatchAll();
  SimpleParser parser(text, flags, default_operator, builder);
  QUIVER_ASSIGN_OR_RETURN(QueryPtr q, parser.Parse());
  if (q == nullptr) return MatchNone("empty string passed to query parser");
  return q;
}

}  // namespace quiver::query::dsl
