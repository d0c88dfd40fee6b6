// TokenStream: the pull interface every tokenizer and token filter
// implements (Lucene's TokenStream): Reset, then Next until it returns false,
// then End. Streams are stateful and single-threaded; each thread analyzes
// with its own chain (see TokenPipeline in analyzer.h).
#pragma once

#include "analysis/token.h"
#include "common/status.h"

namespace quiver::analysis {

// Scratch shared by the stages of one pipeline. A stage that cannot continue
// (a regex over its time budget) records the error here and ends its stream.
struct StreamContext {
  Status status;
  void Fail(Status s) {
    if (status.ok()) status = std::move(s);
  }
};

class TokenStream {
 public:
  virtual ~TokenStream() = default;

  // Prepares for a new input. Filters reset their input first.
  virtual void Reset() = 0;
  // Overwrites *token with the next token; false when the stream is exhausted.
  virtual bool Next(Token* token) = 0;
  // Called once after Next returned false. Filters call their input's End
  // first and then adjust (e.g. add positions skipped at the end).
  virtual void End(EndState* state) = 0;
};

}  // namespace quiver::analysis
