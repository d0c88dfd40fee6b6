#include "analysis/utf8.h"

#include <algorithm>

namespace quiver::analysis {

size_t DecodeUtf8Before(std::string_view s, size_t pos, char32_t* cp) {
  // A well-formed sequence is at most 4 bytes long; try the longest candidate
  // first so that continuation bytes are attributed to their lead byte.
  for (size_t len = std::min<size_t>(4, pos); len >= 2; --len) {
    const unsigned char lead = static_cast<unsigned char>(s[pos - len]);
    if ((lead & 0xC0) == 0x80) continue;
    char32_t v;
    if (DecodeUtf8(s, pos - len, &v) == len) {
      *cp = v;
      return len;
    }
  }
  DecodeUtf8(s.substr(0, pos), pos - 1, cp);
  return 1;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    ++n;
  }
  return n;
}

size_t CountUtf16Units(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    n += Utf16Length(cp);
  }
  return n;
}

void DecodeUtf8(std::string_view s, std::u32string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += DecodeUtf8(s, i, &cp);
    out->push_back(cp);
  }
}

void AppendUtf8(std::u32string_view cps, std::string* out) {
  for (char32_t cp : cps) AppendUtf8(cp, out);
}

bool SanitizeUtf8(std::string_view s, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t n = DecodeUtf8(s, i, &cp);
    if (cp == kReplacementChar && n == 1) break;
    i += n;
  }
  if (i == s.size()) return false;
  out->assign(s.data(), i);
  while (i < s.size()) {
    char32_t cp;
    size_t n = DecodeUtf8(s, i, &cp);
    if (n == 1 && cp == kReplacementChar) {
      AppendUtf8(kReplacementChar, out);
    } else {
      out->append(s.data() + i, n);
    }
    i += n;
  }
  return true;
}

Utf16OffsetMapper::Utf16OffsetMapper(std::string_view text) : text_(text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) return;
  prefix_.assign(text.size() + 1, 0);
  int32_t units = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t n = DecodeUtf8(text, i, &cp);
    for (size_t k = 0; k < n; ++k) prefix_[i + k] = units;
    units += Utf16Length(cp);
    i += n;
  }
  prefix_[text.size()] = units;
}

int32_t Utf16OffsetMapper::ToUtf16(int64_t byte_offset) const {
  if (byte_offset <= 0) return 0;
  const int64_t size = static_cast<int64_t>(text_.size());
  if (ascii_) return static_cast<int32_t>(std::min(byte_offset, size));
  if (byte_offset >= size) return prefix_.back();
  return prefix_[static_cast<size_t>(byte_offset)];
}

}  // namespace quiver::analysis
