// Tokenizer: splits text into tokens (the first stage of an analyzer), and
// TokenizerFactory: the immutable, named, thread-safe configuration that
// creates one Tokenizer per pipeline.
//
// Tokenizers report offsets in bytes of the text they were given; the
// pipeline maps them through char-filter corrections.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "analysis/token_stream.h"

namespace quiver::analysis {

class Tokenizer : public TokenStream {
 public:
  // Sets the text to split. It must stay alive until the next SetInput.
  // Callers then call Reset().
  void SetInput(std::string_view text) { input_ = text; }

  // Default end: nothing skipped, final offset is the end of the input.
  void End(EndState* state) override {
    state->position_increment = 0;
    state->final_offset = static_cast<int32_t>(input_.size());
  }

 protected:
  std::string_view input_;
};

class TokenizerFactory {
 public:
  explicit TokenizerFactory(std::string name) : name_(std::move(name)) {}
  virtual ~TokenizerFactory() = default;

  const std::string& name() const { return name_; }
  virtual std::unique_ptr<Tokenizer> Create(StreamContext* context) const = 0;

 private:
  std::string name_;
};

}  // namespace quiver::analysis
