#include "text/filtered_terms_enum.h"

#include <algorithm>
#include <cstring>

namespace quiver::text {

namespace {

int CompareBytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace

PrefixTermsEnum::PrefixTermsEnum(const FieldIndexReader& reader, std::string_view prefix)
    : FilteredTermsEnum(reader), prefix_(prefix) {}

bool PrefixTermsEnum::Next() {
  if (done_) return false;
  bool positioned;
  if (!started_) {
    started_ = true;
    positioned = terms_.SeekCeil(prefix_) != TermsEnum::SeekStatus::kEnd;
  } else {
    positioned = terms_.Next();
  }
  if (!positioned || !terms_.term().starts_with(prefix_)) {
    done_ = true;
    return false;
  }
  return true;
}

RangeTermsEnum::RangeTermsEnum(const FieldIndexReader& reader,
                               std::optional<std::string_view> lower,
                               std::optional<std::string_view> upper, bool include_lower,
                               bool include_upper)
    : FilteredTermsEnum(reader), include_lower_(include_lower), include_upper_(include_upper) {
  if (lower) lower_.emplace(*lower);
  if (upper) upper_.emplace(*upper);
}

bool RangeTermsEnum::Next() {
  if (done_) return false;
  bool positioned;
  if (!started_) {
    started_ = true;
    if (lower_) {
      const auto seek = terms_.SeekCeil(*lower_);
      positioned = seek != TermsEnum::SeekStatus::kEnd;
      if (seek == TermsEnum::SeekStatus::kFound && !include_lower_) positioned = terms_.Next();
    } else {
      positioned = terms_.Next();
    }
  } else {
    positioned = terms_.Next();
  }
  if (positioned && upper_) {
    const int c = CompareBytes(terms_.term(), *upper_);
    positioned = c < 0 || (c == 0 && include_upper_);
  }
  if (!positioned) done_ = true;
  return positioned;
}

}  // namespace quiver::text
