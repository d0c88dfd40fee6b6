#include "analysis/word_set.h"

#include "analysis/char_props.h"
#include "analysis/utf8.h"

namespace quiver::analysis {

void LowercaseUtf8(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size();) {
    const unsigned char b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    char32_t cp;
    i += DecodeUtf8(in, i, &cp);
    AppendUtf8(ToLowerCodePoint(cp), out);
  }
}

WordSet::WordSet(const std::vector<std::string>& words, bool ignore_case)
    : ignore_case_(ignore_case) {
  std::string lowered;
  for (const std::string& w : words) {
    if (ignore_case) {
      LowercaseUtf8(w, &lowered);
      words_.insert(lowered);
    } else {
      words_.insert(w);
    }
  }
}

bool WordSet::Contains(std::string_view term) const {
  if (words_.empty()) return false;
  if (!ignore_case_) return words_.find(term) != words_.end();
  thread_local std::string lowered;
  LowercaseUtf8(term, &lowered);
  return words_.find(std::string_view(lowered)) != words_.end();
}

}  // namespace quiver::analysis
