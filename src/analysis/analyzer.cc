#include "analysis/analyzer.h"

#include <atomic>

#include "analysis/utf8.h"

namespace quiver::analysis {
namespace {

std::atomic<uint64_t> next_analyzer_id{1};

// Maps tokenizer offsets (in char-filtered text) back to the original text.
class OffsetCorrectingFilter final : public TokenFilter {
 public:
  OffsetCorrectingFilter(TokenStream* input, const TokenPipeline* pipeline)
      : TokenFilter(input), pipeline_(pipeline) {}

  bool Next(Token* token) override {
    if (!input_->Next(token)) return false;
    if (pipeline_->needs_correction()) {
      token->start_offset = pipeline_->CorrectOffset(token->start_offset);
      token->end_offset = pipeline_->CorrectOffset(token->end_offset);
    }
    return true;
  }
  void End(EndState* state) override {
    input_->End(state);
    if (pipeline_->needs_correction()) {
      state->final_offset = pipeline_->CorrectOffset(state->final_offset);
    }
  }

 private:
  const TokenPipeline* pipeline_;
};

// Per-thread cache of pipelines, keyed by component chain. Small and LRU: a
// thread typically analyzes with a handful of analyzer chains.
struct CachedPipeline {
  uint64_t analyzer_id = 0;
  std::unique_ptr<TokenPipeline> pipeline;
  bool in_use = false;
  uint64_t last_used = 0;
};

constexpr size_t kMaxCachedPipelinesPerThread = 64;

struct PipelineCache {
  std::vector<CachedPipeline> entries;
  uint64_t clock = 0;
};

thread_local PipelineCache pipeline_cache;

bool IsAsciiLowercaseAnalyzer(const Analyzer& a) {
  return a.options().normalizer && a.char_filters().empty() && a.filters().size() == 1 &&
         a.filters()[0]->name() == "lowercase" && a.tokenizer()->name() == "keyword";
}

}  // namespace

std::shared_ptr<const Analyzer> Analyzer::Create(std::string name, CharFilters char_filters,
                                                 std::shared_ptr<const TokenizerFactory> tokenizer,
                                                 Filters filters, AnalyzerOptions options) {
  return std::make_shared<const Analyzer>(std::move(name), std::move(char_filters),
                                          std::move(tokenizer), std::move(filters), options);
}

Analyzer::Analyzer(std::string name, CharFilters char_filters,
                   std::shared_ptr<const TokenizerFactory> tokenizer, Filters filters,
                   AnalyzerOptions options)
    : chain_id_(next_analyzer_id.fetch_add(1, std::memory_order_relaxed)),
      name_(std::move(name)),
      char_filters_(std::move(char_filters)),
      tokenizer_(std::move(tokenizer)),
      filters_(std::move(filters)),
      options_(options) {
  lowercase_only_ = IsAsciiLowercaseAnalyzer(*this);
}

std::shared_ptr<const Analyzer> Analyzer::WithNameAndOptions(std::string name,
                                                             AnalyzerOptions options) const {
  auto copy =
      std::make_shared<Analyzer>(std::move(name), char_filters_, tokenizer_, filters_, options);
  copy->chain_id_ = chain_id_;
  return copy;
}

std::unique_ptr<TokenPipeline> Analyzer::NewPipeline(size_t num_filters) const {
  std::shared_ptr<const Analyzer> self = weak_from_this().lock();
  if (!self) {
    // Not owned by a shared_ptr: the caller guarantees the lifetime.
    self = std::shared_ptr<const Analyzer>(std::shared_ptr<const Analyzer>(), this);
  }
  return std::make_unique<TokenPipeline>(std::move(self), num_filters);
}

TokenPipeline* Analyzer::AcquireCachedPipeline() const {
  PipelineCache& cache = pipeline_cache;
  ++cache.clock;
  for (CachedPipeline& e : cache.entries) {
    if (e.analyzer_id == chain_id_) {
      if (e.in_use) break;  // re-entrant use: hand out a private pipeline
      e.in_use = true;
      e.last_used = cache.clock;
      return e.pipeline.get();
    }
  }
  std::unique_ptr<TokenPipeline> fresh = NewPipeline();
  if (weak_from_this().expired()) return fresh.release();  // not cacheable
  for (const CachedPipeline& e : cache.entries) {
    if (e.analyzer_id == chain_id_) return fresh.release();  // the cached one is busy
  }
  CachedPipeline* slot = nullptr;
  if (cache.entries.size() < kMaxCachedPipelinesPerThread) {
    slot = &cache.entries.emplace_back();
  } else {
    for (CachedPipeline& e : cache.entries) {
      if (!e.in_use && (slot == nullptr || e.last_used < slot->last_used)) slot = &e;
    }
    if (slot == nullptr) return fresh.release();
  }
  slot->analyzer_id = chain_id_;
  slot->pipeline = std::move(fresh);
  slot->in_use = true;
  slot->last_used = cache.clock;
  return slot->pipeline.get();
}

void Analyzer::ReleaseCachedPipeline(TokenPipeline* pipeline) const {
  for (CachedPipeline& e : pipeline_cache.entries) {
    if (e.pipeline.get() == pipeline) {
      e.in_use = false;
      return;
    }
  }
  delete pipeline;  // a private, uncached pipeline
}

Status Analyzer::Normalize(std::string_view text, std::string* out) const {
  if (lowercase_only_) {
    bool ascii = true;
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      out->assign(text);
      for (char& c : *out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return Status::Ok();
    }
  }
  PipelineLease pipeline(this);
  QUIVER_RETURN_IF_ERROR(pipeline->Reset(text));
  const Token* token = pipeline->Next();
  if (token == nullptr) {
    QUIVER_RETURN_IF_ERROR(pipeline->status());
    return Status::InvalidArgument(
               "The normalization token stream is expected to produce exactly 1 token, but got "
               "0 for analyzer " +
               name_ + " and input \"" + std::string(text) + "\"")
        .WithType("illegal_state_exception");
  }
  out->assign(token->term);
  if (pipeline->Next() != nullptr) {
    return Status::InvalidArgument(
               "The normalization token stream is expected to produce exactly 1 token, but got "
               "2+ for analyzer " +
               name_ + " and input \"" + std::string(text) + "\"")
        .WithType("illegal_state_exception");
  }
  return pipeline->status();
}

std::string Analyzer::Normalize(std::string_view text) const {
  std::string out;
  if (!Normalize(text, &out).ok() && out.empty()) out.assign(text);
  return out;
}

TokenPipeline::TokenPipeline(std::shared_ptr<const Analyzer> analyzer, size_t num_filters)
    : analyzer_(std::move(analyzer)) {
  const size_t n_char = analyzer_->char_filters().size();
  filtered_.resize(n_char);
  maps_.resize(n_char);
  tokenizer_ = analyzer_->tokenizer()->Create(&context_);
  corrector_ = std::make_unique<OffsetCorrectingFilter>(tokenizer_.get(), this);
  top_ = corrector_.get();
  const auto& factories = analyzer_->filters();
  const size_t n = std::min(num_filters, factories.size());
  filters_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    filters_.push_back(factories[i]->Create(top_, &context_));
    top_ = filters_.back().get();
  }
}

TokenPipeline::~TokenPipeline() = default;

Status TokenPipeline::Reset(std::string_view text) {
  context_.status = Status::Ok();
  position_ = -1;
  needs_correction_ = false;
  sanitized_used_ = SanitizeUtf8(text, &sanitized_);
  if (sanitized_used_) {
    // Each invalid byte became the 3-byte U+FFFD: map back to single bytes.
    sanitize_map_.Clear();
    int32_t diff = 0;
    size_t out_pos = 0;
    for (size_t i = 0; i < text.size();) {
      char32_t cp;
      size_t n = DecodeUtf8(text, i, &cp);
      if (n == 1 && cp == kReplacementChar) {
        out_pos += 3;
        diff -= 2;
        sanitize_map_.Add(static_cast<int32_t>(out_pos), diff);
      } else {
        out_pos += n;
      }
      i += n;
    }
    text = sanitized_;
    needs_correction_ = true;
  }
  const auto& char_filters = analyzer_->char_filters();
  for (size_t i = 0; i < char_filters.size(); ++i) {
    QUIVER_RETURN_IF_ERROR(char_filters[i]->Filter(text, &filtered_[i], &maps_[i]));
    text = filtered_[i];
    needs_correction_ = true;
  }
  tokenizer_->SetInput(text);
  top_->Reset();
  return Status::Ok();
}

int32_t TokenPipeline::CorrectOffset(int32_t offset) const {
  for (size_t i = maps_.size(); i-- > 0;) offset = maps_[i].Correct(offset);
  if (sanitized_used_) offset = sanitize_map_.Correct(offset);
  return offset;
}

const Token* TokenPipeline::Next() {
  if (!top_->Next(&token_)) return nullptr;
  position_ += token_.position_increment;
  token_.position = position_;
  return &token_;
}

EndState TokenPipeline::End() {
  EndState state;
  top_->End(&state);
  return state;
}

}  // namespace quiver::analysis
