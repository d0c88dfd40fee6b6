// Analyzer: char filters -> tokenizer -> token filters, plus the gaps used
// between the values of a multi-valued field (Lucene Analyzer / ES
// NamedAnalyzer). An Analyzer is immutable and safe to use from any number of
// threads at once; per-thread state lives in TokenPipeline objects.
//
// Hot path (indexing): call Analyze()/AnalyzeValues() with a visitor. Each
// thread reuses a cached pipeline per component chain (up to 64 per thread,
// LRU; a cached pipeline keeps its analyzer alive until evicted), so
// steady-state analysis does not allocate (allocation_test.cc checks this).
// Code that analyzes many values on one thread may instead hold its own
// pipeline from NewPipeline().
//
// Offsets in tokens are byte offsets into the value passed in (see token.h);
// Utf16OffsetMapper converts them to the UTF-16 numbers ES reports.
// Invalid UTF-8 never fails analysis: each invalid byte is read as U+FFFD
// (so terms are always valid UTF-8) and offsets still index the original bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/char_filter.h"
#include "analysis/token_filter.h"
#include "analysis/tokenizer.h"

namespace quiver::analysis {

class TokenPipeline;

struct AnalyzerOptions {
  // Positions added between the values of a multi-valued field. ES uses 100
  // for analyzers of an index and 0 for global pre-built ones (Lucene default).
  int32_t position_increment_gap = 0;
  // Offset added between values (Lucene default 1).
  int32_t offset_gap = 1;
  // A CustomAnalyzer in ES terms: explain output lists its components.
  bool custom = false;
  // A normalizer: Normalize() expects exactly one token.
  bool normalizer = false;
};

class Analyzer : public std::enable_shared_from_this<Analyzer> {
 public:
  using CharFilters = std::vector<std::shared_ptr<const CharFilter>>;
  using Filters = std::vector<std::shared_ptr<const TokenFilterFactory>>;

  // Analyzers must be owned by a shared_ptr (pipelines keep them alive).
  static std::shared_ptr<const Analyzer> Create(std::string name, CharFilters char_filters,
                                                std::shared_ptr<const TokenizerFactory> tokenizer,
                                                Filters filters, AnalyzerOptions options = {});

  Analyzer(std::string name, CharFilters char_filters,
           std::shared_ptr<const TokenizerFactory> tokenizer, Filters filters,
           AnalyzerOptions options);
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const std::string& name() const { return name_; }
  const CharFilters& char_filters() const { return char_filters_; }
  const std::shared_ptr<const TokenizerFactory>& tokenizer() const { return tokenizer_; }
  const Filters& filters() const { return filters_; }
  const AnalyzerOptions& options() const { return options_; }
  int32_t position_increment_gap() const { return options_.position_increment_gap; }
  int32_t offset_gap() const { return options_.offset_gap; }

  // The same components under another name and options (ES wraps pre-built
  // analyzers per index with a position_increment_gap of 100).
  std::shared_ptr<const Analyzer> WithNameAndOptions(std::string name,
                                                     AnalyzerOptions options) const;

  // A new pipeline running the char filters, the tokenizer and the first
  // `num_filters` token filters (all by default). Not thread-safe; reusable.
  std::unique_ptr<TokenPipeline> NewPipeline(size_t num_filters = SIZE_MAX) const;

  // Calls on_token(const Token&) for every token of `text`; token.position is
  // the absolute position within this text. Returns an error only if a
  // component ran out of budget (a pathological regex), after the tokens
  // produced so far.
  template <typename OnToken>
  Status Analyze(std::string_view text, OnToken&& on_token) const;

  // Analyzes the values of one multi-valued field the way Lucene indexes
  // them: positions continue across values with position_increment_gap
  // between them. Calls on_token(size_t value_index, const Token&); offsets
  // stay relative to each value.
  template <typename OnToken>
  Status AnalyzeValues(std::span<const std::string_view> values, OnToken&& on_token) const;

  // Normalizer use (keyword fields): the single token the chain produces.
  // ES rejects chains that produce zero or several tokens.
  Status Normalize(std::string_view text, std::string* out) const;
  // Convenience: the first token's term, or the text unchanged if there is none.
  std::string Normalize(std::string_view text) const;

 private:
  friend class PipelineLease;
  TokenPipeline* AcquireCachedPipeline() const;
  void ReleaseCachedPipeline(TokenPipeline* pipeline) const;

  // Identifies the component chain; copies made by WithNameAndOptions share
  // it, and so share cached pipelines (which depend only on the chain).
  uint64_t chain_id_;
  std::string name_;
  CharFilters char_filters_;
  std::shared_ptr<const TokenizerFactory> tokenizer_;
  Filters filters_;
  AnalyzerOptions options_;
  // Built-in `lowercase` normalizer style fast path: lowercase only.
  bool lowercase_only_ = false;
};

// The per-thread state of one analyzer: char-filter buffers, the tokenizer
// and filter instances. Reset() with a text, then Next() until nullptr, then
// End(). Not thread-safe.
class TokenPipeline {
 public:
  TokenPipeline(std::shared_ptr<const Analyzer> analyzer, size_t num_filters);
  ~TokenPipeline();
  TokenPipeline(const TokenPipeline&) = delete;
  TokenPipeline& operator=(const TokenPipeline&) = delete;

  // Starts analyzing `text`, which must stay alive until the next Reset.
  Status Reset(std::string_view text);
  // The next token (owned by the pipeline, valid until the next call) or nullptr.
  const Token* Next();
  // After Next() returned nullptr: trailing position increment and final offset.
  EndState End();
  // Error recorded by a stage during this text, if any.
  const Status& status() const { return context_.status; }

  // Offset in the char-filtered text -> offset in the original text.
  int32_t CorrectOffset(int32_t offset) const;
  bool needs_correction() const { return needs_correction_; }

 private:
  std::shared_ptr<const Analyzer> analyzer_;
  StreamContext context_;
  std::string sanitized_;
  OffsetMap sanitize_map_;
  bool sanitized_used_ = false;
  std::vector<std::string> filtered_;
  std::vector<OffsetMap> maps_;
  bool needs_correction_ = false;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::unique_ptr<TokenFilter> corrector_;
  std::vector<std::unique_ptr<TokenFilter>> filters_;
  TokenStream* top_ = nullptr;
  Token token_;
  int32_t position_ = -1;
};

// RAII access to the calling thread's cached pipeline for an analyzer.
class PipelineLease {
 public:
  explicit PipelineLease(const Analyzer* analyzer)
      : analyzer_(analyzer), pipeline_(analyzer->AcquireCachedPipeline()) {}
  ~PipelineLease() { analyzer_->ReleaseCachedPipeline(pipeline_); }
  PipelineLease(const PipelineLease&) = delete;
  PipelineLease& operator=(const PipelineLease&) = delete;
  TokenPipeline& operator*() const { return *pipeline_; }
  TokenPipeline* operator->() const { return pipeline_; }

 private:
  const Analyzer* analyzer_;
  TokenPipeline* pipeline_;
};

template <typename OnToken>
Status Analyzer::Analyze(std::string_view text, OnToken&& on_token) const {
  PipelineLease pipeline(this);
  QUIVER_RETURN_IF_ERROR(pipeline->Reset(text));
  while (const Token* token = pipeline->Next()) on_token(*token);
  return pipeline->status();
}

template <typename OnToken>
Status Analyzer::AnalyzeValues(std::span<const std::string_view> values, OnToken&& on_token) const {
  PipelineLease pipeline(this);
  int32_t base = 0;  // position of the next value's first token, minus one
  Token shifted;
  for (size_t i = 0; i < values.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(pipeline->Reset(values[i]));
    int32_t last = -1;
    while (const Token* token = pipeline->Next()) {
      last = token->position;
      if (base == 0) {
        on_token(i, *token);
      } else {
        shifted = *token;
        shifted.position += base;
        on_token(i, shifted);
      }
    }
    QUIVER_RETURN_IF_ERROR(pipeline->status());
    EndState end = pipeline->End();
    base += last + 1 + end.position_increment + options_.position_increment_gap;
  }
  return Status::Ok();
}

}  // namespace quiver::analysis
