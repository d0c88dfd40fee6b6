// UTF-8 helpers for analysis: decoding that never fails (invalid bytes decode
// as U+FFFD, one byte at a time), encoding, and conversion of byte offsets to
// the UTF-16 code-unit offsets Lucene (and so Elasticsearch's _analyze API)
// reports. Stateless functions are thread-safe; Utf16OffsetMapper is not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::analysis {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[pos] (pos < s.size()). Returns the
// number of bytes consumed (1..4). Malformed or truncated sequences, overlong
// forms and surrogates yield U+FFFD and consume exactly one byte.
inline size_t DecodeUtf8(std::string_view s, size_t pos, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const size_t avail = s.size() - pos;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    if (avail >= 2 && (p[1] & 0xC0) == 0x80) {
      *cp = (char32_t(c & 0x1F) << 6) | (p[1] & 0x3F);
      return 2;
    }
  } else if (c >= 0xE0 && c <= 0xEF) {
    if (avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      char32_t v = (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
        *cp = v;
        return 3;
      }
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    if (avail >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      char32_t v = (char32_t(c & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
                   (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      if (v >= 0x10000 && v <= 0x10FFFF) {
        *cp = v;
        return 4;
      }
    }
  }
  *cp = kReplacementChar;
  return 1;
}

// Decodes the code point that ends just before s[pos] (pos > 0). Returns the
// number of bytes it occupies; invalid bytes decode as U+FFFD of length one.
size_t DecodeUtf8Before(std::string_view s, size_t pos, char32_t* cp);

// Appends the UTF-8 encoding of cp (which must be a scalar value).
inline void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

inline size_t Utf8Length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Number of UTF-16 code units of cp (Java chars).
inline int Utf16Length(char32_t cp) { return cp >= 0x10000 ? 2 : 1; }

// Number of code points in s (invalid bytes count one each).
size_t CountCodePoints(std::string_view s);

// Number of UTF-16 code units in s, as Java's String.length() of the decoded text.
size_t CountUtf16Units(std::string_view s);

// Decodes s into code points.
void DecodeUtf8(std::string_view s, std::u32string* out);

// Encodes code points as UTF-8 (appends).
void AppendUtf8(std::u32string_view cps, std::string* out);

// Copies s replacing every invalid byte by U+FFFD. Returns false (and leaves
// *out untouched) when s is already valid.
bool SanitizeUtf8(std::string_view s, std::string* out);

// Converts byte offsets inside one text to UTF-16 offsets. Pure-ASCII text is
// the identity; otherwise a prefix table is built on first use.
class Utf16OffsetMapper {
 public:
  explicit Utf16OffsetMapper(std::string_view text);
  // `byte_offset` is clamped to [0, text.size()]. Offsets inside a multi-byte
  // sequence map to the start of that character.
  int32_t ToUtf16(int64_t byte_offset) const;

 private:
  std::string_view text_;
  bool ascii_ = true;
  std::vector<int32_t> prefix_;  // prefix_[i]: UTF-16 units before byte i
};

}  // namespace quiver::analysis
