#include "common/strings.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace quiver {

std::vector<std::string_view> SplitString(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      break;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
  return parts;
}

std::string_view TrimWhitespace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) {
    --e;
  }
  return s.substr(b, e - b);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default: {
        char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out->append(buf, 6);
      }
    }
  }
  out->append(s.data() + run_start, s.size() - run_start);
  out->push_back('"');
}

namespace {
template <typename F>
void AppendShortest(std::string* out, F v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  // to_chars may pick fixed notation with many zeros ("1e+20" vs
  // "100000000000000000000"); Java switches to E notation at 1e7 and below 1e-3.
  F mag = std::fabs(v);
  if (mag != 0 && (mag >= static_cast<F>(1e7) || mag < static_cast<F>(1e-3))) {
    res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
    text = std::string_view(buf, static_cast<size_t>(res.ptr - buf));
    // "1.5e+20" -> "1.5E20", "1e-05" -> "1.0E-5"
    size_t e = text.find('e');
    std::string mant(text.substr(0, e));
    if (mant.find('.') == std::string::npos) mant += ".0";
    std::string_view exp = text.substr(e + 1);
    bool neg = !exp.empty() && exp[0] == '-';
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
    while (exp.size() > 1 && exp[0] == '0') exp.remove_prefix(1);
    out->append(mant);
    out->push_back('E');
    if (neg) out->push_back('-');
    out->append(exp);
    return;
  }
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}
}  // namespace

void AppendJsonDouble(std::string* out, double v) { AppendShortest(out, v); }
void AppendJsonFloat(std::string* out, float v) { AppendShortest(out, v); }

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      n = 1;
      cp = c & 0x1f;
      if (c < 0xc2) return false;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3;
      cp = c & 0x07;
      if (c > 0xf4) return false;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    p += n + 1;
  }
  return true;
}

bool ParseInt64(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  auto res = std::from_chars(b, s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  auto res = std::from_chars(b, s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool PercentDecode(std::string_view in, std::string* out, bool plus_as_space) {
  auto hex = [](char h) -> int {
    if (h >= '0' && h <= '9') return h - '0';
    if (h >= 'a' && h <= 'f') return h - 'a' + 10;
    if (h >= 'A' && h <= 'F') return h - 'A' + 10;
    return -1;
  };
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

bool ParseByteSize(std::string_view s, int64_t* bytes) {
  std::string lower = AsciiLower(TrimWhitespace(s));
  struct Unit {
    const char* suffix;
    int64_t mult;
  };
  static const Unit kUnits[] = {{"pb", 1LL << 50}, {"tb", 1LL << 40}, {"gb", 1LL << 30},
                                {"mb", 1LL << 20}, {"kb", 1LL << 10}, {"p", 1LL << 50},
                                {"t", 1LL << 40},  {"g", 1LL << 30},  {"m", 1LL << 20},
                                {"k", 1LL << 10},  {"b", 1}};
  for (const auto& u : kUnits) {
    size_t n = std::strlen(u.suffix);
    if (lower.size() > n && lower.compare(lower.size() - n, n, u.suffix) == 0) {
      double v;
      if (!ParseDouble(std::string_view(lower).substr(0, lower.size() - n), &v) || v < 0) {
        return false;
      }
      *bytes = static_cast<int64_t>(v * static_cast<double>(u.mult));
      return true;
    }
  }
  return ParseInt64(lower, bytes) && *bytes >= 0;
}

bool ParseTimeValueMs(std::string_view s, int64_t* ms) {
  std::string lower = AsciiLower(TrimWhitespace(s));
  if (lower == "-1") {
    *ms = -1;
    return true;
  }
  if (lower == "0") {
    *ms = 0;
    return true;
  }
  struct Unit {
    const char* suffix;
    double mult;
  };
  static const Unit kUnits[] = {{"nanos", 1e-6}, {"micros", 1e-3}, {"ms", 1},      {"s", 1000},
                                {"m", 60000},    {"h", 3600000},   {"d", 86400000}};
  for (const auto& u : kUnits) {
    size_t n = std::strlen(u.suffix);
    if (lower.size() > n && lower.compare(lower.size() - n, n, u.suffix) == 0) {
      double v;
      if (!ParseDouble(std::string_view(lower).substr(0, lower.size() - n), &v) || v < 0) {
        return false;
      }
      *ms = static_cast<int64_t>(v * u.mult);
      return true;
    }
  }
  return false;
}

bool SimpleMatch(std::string_view pattern, std::string_view s) {
  // Iterative, backtracking only to the last '*': linear in practice.
  size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pattern.size() && pattern[p] == s[i]) {
      ++p;
      ++i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace quiver
