// Lucene PathHierarchyTokenizer and ReversePathHierarchyTokenizer.
//
// Forward: the text is cut into segments, each delimiter starting a new one
// ("/a/b" -> "/a", "/b"). After skipping `skip` segments, token k covers the
// kept segments up to the k-th: "/a", "/a/b". Reverse: each delimiter ends a
// segment ("a/b/c" -> "a/", "b/", "c"); the last `skip` segments are dropped
// and tokens are the suffixes, longest first. All tokens share position 0;
// delimiters are written as the replacement character.
#include "analysis/tokenizers.h"
#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

class PathHierarchyTokenizer final : public Tokenizer {
 public:
  explicit PathHierarchyTokenizer(const PathHierarchyOptions* options) : options_(options) {}

  void Reset() override {
    bounds_.clear();
    next_ = 0;
    const std::string_view text = input_;
    // bounds_: segment boundaries (byte offsets), from 0 to text.size().
    if (text.empty()) return;
    bounds_.push_back(0);
    for (size_t i = 0; i < text.size();) {
      char32_t cp;
      const size_t n = DecodeUtf8(text, i, &cp);
      if (cp == options_->delimiter) {
        if (!options_->reverse && i > 0) bounds_.push_back(i);
        if (options_->reverse && i + n < text.size()) bounds_.push_back(i + n);
      }
      i += n;
    }
    bounds_.push_back(text.size());
  }

  bool Next(Token* token) override {
    if (bounds_.size() < 2) return false;
    const size_t segments = bounds_.size() - 1;
    const size_t skip = static_cast<size_t>(options_->skip);
    if (segments <= skip) return false;
    size_t from, to;
    if (!options_->reverse) {
      const size_t k = skip + 1 + next_;  // segments covered by this token
      if (k > segments) return false;
      from = bounds_[skip];
      to = bounds_[k];
    } else {
      const size_t kept = segments - skip;
      if (next_ >= kept) return false;
      from = bounds_[next_];
      to = bounds_[kept];
    }
    token->term.clear();
    for (size_t i = from; i < to;) {
      char32_t cp;
      const size_t n = DecodeUtf8(input_, i, &cp);
      if (cp == options_->delimiter) {
        AppendUtf8(options_->replacement, &token->term);
      } else {
        token->term.append(input_.data() + i, n);
      }
      i += n;
    }
    token->position_increment = next_ == 0 ? 1 : 0;
    token->position_length = 1;
    token->start_offset = static_cast<int32_t>(from);
    token->end_offset = static_cast<int32_t>(to);
    token->type = token_type::kWord;
    token->keyword = false;
    ++next_;
    return true;
  }

 private:
  const PathHierarchyOptions* options_;
  std::vector<size_t> bounds_;
  size_t next_ = 0;
};

class PathHierarchyTokenizerFactory final : public TokenizerFactory {
 public:
  PathHierarchyTokenizerFactory(std::string name, PathHierarchyOptions options)
      : TokenizerFactory(std::move(name)), options_(options) {}
  std::unique_ptr<Tokenizer> Create(StreamContext*) const override {
    return std::make_unique<PathHierarchyTokenizer>(&options_);
  }

 private:
  PathHierarchyOptions options_;
};

}  // namespace

std::shared_ptr<const TokenizerFactory> NewPathHierarchyTokenizerFactory(
    std::string name, PathHierarchyOptions options) {
  return std::make_shared<PathHierarchyTokenizerFactory>(std::move(name), options);
}

}  // namespace quiver::analysis
