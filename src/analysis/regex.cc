#include "analysis/regex.h"

#include <unicode/parseerr.h>
#include <unicode/regex.h>
#include <unicode/utext.h>

#include "analysis/analysis_settings.h"
#include "common/strings.h"

namespace quiver::analysis {
namespace {

// ICU counts its time limit in engine "steps", each on the order of a
// millisecond. One find() may use this many before failing.
constexpr int32_t kTimeLimitSteps = 200;
constexpr int32_t kStackLimitBytes = 1 << 20;

const char* AsciiClass(char escape, bool inside_class) {
  switch (escape) {
    case 'w':
      return inside_class ? "a-zA-Z_0-9" : "[a-zA-Z_0-9]";
    case 'W':
      return "[^a-zA-Z_0-9]";
    case 'd':
      return inside_class ? "0-9" : "[0-9]";
    case 'D':
      return "[^0-9]";
    case 's':
      return inside_class ? " \\t\\n\\x{0B}\\f\\r" : "[ \\t\\n\\x{0B}\\f\\r]";
    case 'S':
      return "[^ \\t\\n\\x{0B}\\f\\r]";
    default:
      return nullptr;
  }
}

// Java's predefined classes \w \d \s are ASCII-only by default; ICU's are
// Unicode-aware. Rewrites them unless UNICODE_CHARACTER_CLASS is set.
std::string TranslateJavaPattern(std::string_view p, bool unicode_classes) {
  if (unicode_classes) return std::string(p);
  std::string out;
  out.reserve(p.size() + 16);
  bool quoted = false;
  int class_depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (quoted) {
      if (c == '\\' && i + 1 < p.size() && p[i + 1] == 'E') {
        quoted = false;
        out += "\\E";
        ++i;
      } else {
        out += c;
      }
      continue;
    }
    if (c == '\\' && i + 1 < p.size()) {
      const char d = p[i + 1];
      if (d == 'Q') {
        quoted = true;
        out += "\\Q";
      } else if (const char* cls = AsciiClass(d, class_depth > 0)) {
        out += cls;
      } else {
        out += c;
        out += d;
      }
      ++i;
      continue;
    }
    if (c == '[') ++class_depth;
    if (c == ']' && class_depth > 0) --class_depth;
    out += c;
  }
  return out;
}

std::string DescribeIcuError(UErrorCode code) {
  switch (code) {
    case U_REGEX_MISMATCHED_PAREN:
      return "Unclosed group";
    case U_REGEX_MISSING_CLOSE_BRACKET:
      return "Unclosed character class";
    case U_REGEX_BAD_ESCAPE_SEQUENCE:
      return "Illegal/unsupported escape sequence";
    case U_REGEX_BAD_INTERVAL:
    case U_REGEX_MAX_LT_MIN:
      return "Illegal repetition";
    case U_REGEX_RULE_SYNTAX:
      return "Dangling meta character or syntax error";
    case U_REGEX_INVALID_RANGE:
      return "Illegal character range";
    case U_REGEX_LOOK_BEHIND_LIMIT:
      return "Look-behind group does not have an obvious maximum length";
    default:
      return u_errorName(code);
  }
}

Result<uint32_t> ParseFlags(std::string_view flags, bool* unicode_classes) {
  uint32_t out = 0;
  *unicode_classes = false;
  if (TrimWhitespace(flags).empty()) return out;
  for (std::string_view part : SplitString(flags, '|')) {
    std::string f(TrimWhitespace(part));
    if (f.empty()) continue;
    if (f == "CASE_INSENSITIVE") {
      out |= UREGEX_CASE_INSENSITIVE;
    } else if (f == "MULTILINE") {
      out |= UREGEX_MULTILINE;
    } else if (f == "DOTALL") {
      out |= UREGEX_DOTALL;
    } else if (f == "COMMENTS") {
      out |= UREGEX_COMMENTS;
    } else if (f == "LITERAL") {
      out |= UREGEX_LITERAL;
    } else if (f == "UNIX_LINES") {
      out |= UREGEX_UNIX_LINES;
    } else if (f == "UNICODE_CHARACTER_CLASS") {
      *unicode_classes = true;
      out |= UREGEX_UWORD;
    } else if (f == "UNICODE_CASE" || f == "CANON_EQ") {
      // ICU folds case with Unicode rules already; canonical equivalence is
      // not supported by ICU and is ignored.
    } else {
      return IllegalArgument("Unknown regex flag [" + f + "]");
    }
  }
  return out;
}

}  // namespace

struct Regex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
};

struct RegexMatcher::Impl {
  std::unique_ptr<icu::RegexMatcher> matcher;
  UText text = UTEXT_INITIALIZER;
  ~Impl() { utext_close(&text); }
};

Regex::~Regex() = default;

Result<std::shared_ptr<const Regex>> Regex::Compile(std::string_view pattern,
                                                    std::string_view flags) {
  bool unicode_classes = false;
  QUIVER_ASSIGN_OR_RETURN(uint32_t icu_flags, ParseFlags(flags, &unicode_classes));
  std::string translated = (icu_flags & UREGEX_LITERAL)
                               ? std::string(pattern)
                               : TranslateJavaPattern(pattern, unicode_classes);
  icu::UnicodeString upattern = icu::UnicodeString::fromUTF8(translated);
  UParseError parse_error;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexPattern> compiled(
      icu::RegexPattern::compile(upattern, icu_flags, parse_error, status));
  if (U_FAILURE(status) || compiled == nullptr) {
    return Status::InvalidArgument(DescribeIcuError(status) + " near index " +
                                   std::to_string(parse_error.offset) + "\n" + std::string(pattern))
        .WithType("pattern_syntax_exception");
  }
  std::shared_ptr<Regex> regex(new Regex());
  regex->pattern_ = std::string(pattern);
  regex->impl_ = std::make_unique<Impl>();
  regex->impl_->pattern = std::move(compiled);
  UErrorCode st2 = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> probe(regex->impl_->pattern->matcher(st2));
  regex->group_count_ = U_SUCCESS(st2) && probe ? probe->groupCount() : 0;
  return std::shared_ptr<const Regex>(std::move(regex));
}

int Regex::GroupNumber(std::string_view name) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t n =
      impl_->pattern->groupNumberFromName(name.data(), static_cast<int32_t>(name.size()), status);
  return U_SUCCESS(status) ? n : -1;
}

std::unique_ptr<RegexMatcher> Regex::NewMatcher() const {
  return std::unique_ptr<RegexMatcher>(new RegexMatcher(this));
}

RegexMatcher::RegexMatcher(const Regex* regex) : regex_(regex), impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->matcher.reset(regex->impl_->pattern->matcher(status));
  if (impl_->matcher) {
    impl_->matcher->setTimeLimit(kTimeLimitSteps, status);
    impl_->matcher->setStackLimit(kStackLimitBytes, status);
  }
  if (U_FAILURE(status)) status_ = Status::Internal(u_errorName(status));
}

RegexMatcher::~RegexMatcher() = default;

void RegexMatcher::Reset(std::string_view text) {
  text_ = text;
  if (!impl_->matcher) return;
  status_ = Status::Ok();
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&impl_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  impl_->matcher->reset(&impl_->text);
  if (U_FAILURE(status)) status_ = Status::Internal(u_errorName(status));
}

static Status MatchError(UErrorCode code, const std::string& pattern) {
  if (code == U_REGEX_TIME_OUT || code == U_REGEX_STACK_OVERFLOW) {
    return Status::InvalidArgument("regex [" + pattern +
                                   "] exceeded its matching budget (pathological pattern)")
        .WithType("illegal_argument_exception");
  }
  return Status::Internal(std::string("regex matching failed: ") + u_errorName(code));
}

bool RegexMatcher::Find() {
  if (!impl_->matcher || !status_.ok()) return false;
  UErrorCode status = U_ZERO_ERROR;
  bool found = impl_->matcher->find(status);
  if (U_FAILURE(status)) {
    status_ = MatchError(status, regex_->pattern());
    return false;
  }
  return found;
}

bool RegexMatcher::LookingAt(size_t pos) {
  if (!impl_->matcher || !status_.ok()) return false;
  UErrorCode status = U_ZERO_ERROR;
  impl_->matcher->region(static_cast<int64_t>(pos), static_cast<int64_t>(text_.size()),
                         static_cast<int64_t>(pos), status);
  bool found = U_SUCCESS(status) && impl_->matcher->lookingAt(status);
  if (U_FAILURE(status)) {
    status_ = MatchError(status, regex_->pattern());
    return false;
  }
  return found;
}

bool RegexMatcher::Matches() {
  if (!impl_->matcher || !status_.ok()) return false;
  UErrorCode status = U_ZERO_ERROR;
  impl_->matcher->reset(&impl_->text);
  bool found = impl_->matcher->matches(status);
  if (U_FAILURE(status)) {
    status_ = MatchError(status, regex_->pattern());
    return false;
  }
  return found;
}

int64_t RegexMatcher::start(int group) const {
  UErrorCode status = U_ZERO_ERROR;
  int64_t v = impl_->matcher->start64(group, status);
  return U_SUCCESS(status) ? v : -1;
}

int64_t RegexMatcher::end(int group) const {
  UErrorCode status = U_ZERO_ERROR;
  int64_t v = impl_->matcher->end64(group, status);
  return U_SUCCESS(status) ? v : -1;
}

namespace {

// Walks a Java replacement template, calling literal(char) and group(int).
// Returns an error message for malformed templates.
template <typename Literal, typename Group>
std::string WalkReplacement(const Regex& regex, std::string_view r, Literal literal, Group group) {
  for (size_t i = 0; i < r.size(); ++i) {
    char c = r[i];
    if (c == '\\') {
      if (++i == r.size()) return "character to be escaped is missing";
      literal(r[i]);
    } else if (c == '$') {
      if (++i == r.size()) return "Illegal group reference: group index is missing";
      if (r[i] == '{') {
        size_t close = r.find('}', i);
        if (close == std::string_view::npos) {
          return "named capturing group is missing trailing '}'";
        }
        std::string_view name = r.substr(i + 1, close - i - 1);
        int n = regex.GroupNumber(name);
        if (n < 0) return "No group with name {" + std::string(name) + "}";
        group(n);
        i = close;
      } else {
        if (r[i] < '0' || r[i] > '9') return "Illegal group reference";
        int ref = r[i] - '0';
        while (i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9') {
          int next = ref * 10 + (r[i + 1] - '0');
          if (next > regex.group_count()) break;
          ref = next;
          ++i;
        }
        if (ref > regex.group_count()) return "No group " + std::to_string(ref);
        group(ref);
      }
    } else {
      literal(c);
    }
  }
  return {};
}

}  // namespace

void RegexMatcher::AppendReplacement(std::string_view replacement, std::string* out) const {
  WalkReplacement(
      *regex_, replacement, [&](char c) { out->push_back(c); },
      [&](int g) {
        int64_t s = start(g), e = end(g);
        if (s >= 0 && e >= s) out->append(text_.substr(static_cast<size_t>(s), e - s));
      });
}

Status ValidateReplacement(const Regex& regex, std::string_view replacement) {
  std::string error = WalkReplacement(
      regex, replacement, [](char) {}, [](int) {});
  if (error.empty()) return Status::Ok();
  return IllegalArgument(error);
}

}  // namespace quiver::analysis
