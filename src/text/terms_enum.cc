#include "text/terms_enum.h"

#include <algorithm>
#include <cstring>

#include "text/varint_decoding.h"

namespace quiver::text {

namespace {

size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

TermsEnum::TermsEnum(const TermDictionaryReader* dict) : dict_(dict) {}

bool TermsEnum::Fail() {
  if (status_.ok()) status_ = Status::Corruption("terms: corrupt term block");
  positioned_ = false;
  at_end_ = true;
  return false;
}

TermsEnum::SeekStatus TermsEnum::End() {
  positioned_ = false;
  at_end_ = true;
  return SeekStatus::kEnd;
}

bool TermsEnum::LoadBlock(uint32_t block) {
  if (!dict_->LoadBlock(block, &block_info_)) return Fail();
  block_ = block;
  suffix_p_ = block_info_.suffixes;
  metas_.Reset(block_info_, dict_->index_options(), dict_->num_docs());
  state_valid_ = false;
  term_.clear();
  return true;
}

bool TermsEnum::ReadTerm(size_t* prefix_len) {
  uint32_t prefix;
  uint32_t suffix_len;
  const uint8_t* end = block_info_.suffixes_end;
  const uint8_t* p = ReadVarint32(suffix_p_, end, &prefix);
  if (p == nullptr) return Fail();
  p = ReadVarint32(p, end, &suffix_len);
  if (p == nullptr || suffix_len > static_cast<size_t>(end - p) || prefix > term_.size()) {
    return Fail();
  }
  term_.resize(prefix);
  term_.append(reinterpret_cast<const char*>(p), suffix_len);
  suffix_p_ = p + suffix_len;
  *prefix_len = prefix;
  state_valid_ = false;
  return true;
}

bool TermsEnum::Next() {
  if (at_end_ || !status_.ok()) return false;
  size_t prefix;
  if (positioned_ && index_ + 1 < block_info_.num_terms) {
    ++index_;
    return ReadTerm(&prefix);
  }
  const int64_t next = positioned_ ? block_ + 1 : 0;
  if (next >= dict_->num_blocks()) {
    End();
    return false;
  }
  if (!LoadBlock(static_cast<uint32_t>(next))) return false;
  index_ = 0;
  if (!ReadTerm(&prefix)) return false;
  positioned_ = true;
  return true;
}

TermsEnum::SeekStatus TermsEnum::SeekCeil(std::string_view target) {
  if (!status_.ok()) return SeekStatus::kEnd;
  // Continue within the current block when the target lies ahead in it.
  if (positioned_) {
    const size_t matched = CommonPrefix(term_, target);
    const bool at_or_before =
        matched == target.size()
            ? term_.size() == target.size()
            : (matched == term_.size() ||
               static_cast<uint8_t>(term_[matched]) < static_cast<uint8_t>(target[matched]));
    if (at_or_before) {
      if (matched == target.size()) return SeekStatus::kFound;
      const bool last_block = block_ + 1 >= dict_->num_blocks();
      if (last_block) return ScanFrom(target, matched);
      const std::string_view next_first = dict_->first_term(static_cast<uint32_t>(block_ + 1));
      const size_t n = CommonPrefix(next_first, target);
      const bool target_before_next =
          n == target.size() ? next_first.size() > target.size()
                             : (n < next_first.size() && static_cast<uint8_t>(target[n]) <
                                                             static_cast<uint8_t>(next_first[n]));
      if (target_before_next) return ScanFrom(target, matched);
    }
  }
  at_end_ = false;
  const int64_t b = dict_->FindBlock(target);
  if (dict_->num_blocks() == 0) return End();
  if (!LoadBlock(static_cast<uint32_t>(std::max<int64_t>(b, 0)))) return SeekStatus::kEnd;
  index_ = 0;
  size_t prefix;
  if (!ReadTerm(&prefix)) return SeekStatus::kEnd;
  positioned_ = true;
  if (b < 0) return SeekStatus::kNotFound;  // the first term is already past the target
  const size_t matched = CommonPrefix(term_, target);
  if (matched == target.size() && term_.size() == target.size()) return SeekStatus::kFound;
  if (matched == target.size() ||
      (matched < term_.size() &&
       static_cast<uint8_t>(term_[matched]) > static_cast<uint8_t>(target[matched]))) {
    return SeekStatus::kNotFound;
  }
  return ScanFrom(target, matched);
}

TermsEnum::SeekStatus TermsEnum::ScanFrom(std::string_view target, size_t matched) {
  // The current term is < target and shares `matched` bytes with it. A
  // next term sharing fewer bytes with its predecessor is past the target;
  // one sharing more is still before it; only equal sharing needs a compare.
  while (true) {
    size_t prefix;
    if (index_ + 1 < block_info_.num_terms) {
      ++index_;
      if (!ReadTerm(&prefix)) return SeekStatus::kEnd;
    } else {
      const int64_t next = block_ + 1;
      if (next >= dict_->num_blocks()) return End();
      if (!LoadBlock(static_cast<uint32_t>(next))) return SeekStatus::kEnd;
      index_ = 0;
      if (!ReadTerm(&prefix)) return SeekStatus::kEnd;
      prefix = 0;
      matched = CommonPrefix(term_, target);
      // Fall through to the full comparison below with prefix == matched
      // semantics by comparing directly.
      if (matched == target.size()) {
        return term_.size() == target.size() ? SeekStatus::kFound : SeekStatus::kNotFound;
      }
      if (matched == term_.size() ||
          static_cast<uint8_t>(term_[matched]) < static_cast<uint8_t>(target[matched])) {
        continue;
      }
      return SeekStatus::kNotFound;
    }
    if (prefix < matched) return SeekStatus::kNotFound;
    if (prefix > matched) continue;
    const size_t l =
        matched + CommonPrefix(std::string_view(term_).substr(matched), target.substr(matched));
    if (l == target.size()) {
      return term_.size() == target.size() ? SeekStatus::kFound : SeekStatus::kNotFound;
    }
    if (l == term_.size() || static_cast<uint8_t>(term_[l]) < static_cast<uint8_t>(target[l])) {
      matched = l;
      continue;
    }
    return SeekStatus::kNotFound;
  }
}

const TermState& TermsEnum::state() {
  if (state_valid_ || !positioned_) return state_;
  while (metas_.decoded() <= index_) {
    if (!metas_.Next(&state_)) {
      Fail();
      state_ = TermState();
      return state_;
    }
  }
  state_valid_ = true;
  return state_;
}

}  // namespace quiver::text
