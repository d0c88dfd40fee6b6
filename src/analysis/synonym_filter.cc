// Lucene SynonymFilter (ES `synonym`) and SynonymGraphFilter (ES
// `synonym_graph`). Both match the longest rule input at each position,
// greedily, over whole tokens.
//
// synonym: the i-th word of an output is stacked on the i-th matched input
// position (words beyond the match land on the following positions: Lucene's
// known "sausage" limitation). Kept originals come first at each position;
// synonyms have type SYNONYM.
//
// synonym_graph: outputs form a correct token graph. The match spans nodes
// [start, end]; every synonym path and the original path run from start to
// end with fresh intermediate nodes, so position lengths are exact and later
// tokens continue after the longest path. Emission order follows Lucene:
// first tokens of all paths (synonyms, then original), then the rest of each
// path. Graph synonyms carry the offsets of the whole match.
#include <deque>

#include "analysis/synonym_map.h"
#include "analysis/token_filters.h"

namespace quiver::analysis {
namespace {

std::vector<std::string_view> Words(const std::string& s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == kSynonymWordSeparator) {
      out.push_back(std::string_view(s).substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

class LegacySynonymFilter final : public TokenFilter {
 public:
  LegacySynonymFilter(TokenStream* input, const SynonymMap* map) : TokenFilter(input), map_(map) {}

  void Reset() override {
    TokenFilter::Reset();
    slots_.clear();
    input_done_ = false;
    step_ = 0;
  }

  bool Next(Token* token) override {
    while (true) {
      if (!slots_.empty() && slots_.front().decided) {
        if (EmitFront(token)) return true;
        slots_.pop_front();
        step_ = 0;
        continue;
      }
      if (slots_.empty() || !slots_.front().has_input) {
        if (!ReadInput()) {
          if (slots_.empty()) return false;
          slots_.front().decided = true;  // outputs past the end of the input
          continue;
        }
      }
      Match();
    }
  }

 private:
  struct Output {
    std::string term;
    int32_t end_offset;  // -1: inherit from the input at this position
    int32_t position_length;
  };
  struct Slot {
    bool has_input = false;
    Token input;
    bool keep_input = true;
    bool decided = false;
    std::vector<Output> outputs;
  };

  bool ReadInput() {
    if (input_done_) return false;
    if (!input_->Next(&scratch_)) {
      input_done_ = true;
      return false;
    }
    last_start_ = scratch_.start_offset;
    last_end_ = scratch_.end_offset;
    for (Slot& s : slots_) {
      if (!s.has_input) {
        s.input = scratch_;
        s.has_input = true;
        return true;
      }
    }
    Slot& s = slots_.emplace_back();
    s.input = scratch_;
    s.has_input = true;
    return true;
  }

  // Ensures slot i has an input token; false at the end of the input.
  bool HaveInput(size_t i) {
    while (i >= slots_.size() || !slots_[i].has_input) {
      if (!ReadInput()) return false;
    }
    return true;
  }

  void Match() {
    const SynonymMap::Entry* best = nullptr;
    size_t best_len = 0;
    key_.clear();
    for (size_t k = 0; k < static_cast<size_t>(map_->max_input_words()); ++k) {
      if (!HaveInput(k)) break;
      if (k > 0) key_.push_back(kSynonymWordSeparator);
      key_ += slots_[k].input.term;
      if (!map_->HasPrefix(key_)) break;
      if (const SynonymMap::Entry* e = map_->Find(key_)) {
        best = e;
        best_len = k + 1;
      }
    }
    if (best == nullptr) {
      slots_.front().decided = true;
      return;
    }
    for (size_t j = 0; j < best_len; ++j) {
      slots_[j].keep_input = best->keep_original;
      slots_[j].decided = true;
    }
    const int32_t match_end = slots_[best_len - 1].input.end_offset;
    for (const std::string& output : best->outputs) {
      std::vector<std::string_view> words = Words(output);
      for (size_t k = 0; k < words.size(); ++k) {
        while (k >= slots_.size()) slots_.emplace_back();
        const bool single = words.size() == 1;
        slots_[k].outputs.push_back(
            Output{std::string(words[k]), single ? match_end : -1,
                   single && best->keep_original ? static_cast<int32_t>(best_len) : 1});
      }
    }
  }

  bool EmitFront(Token* token) {
    Slot& s = slots_.front();
    const bool emit_input = s.has_input && s.keep_input;
    if (step_ == 0) {
      step_ = 1;
      if (emit_input) {
        *token = s.input;
        return true;
      }
    }
    const size_t out_index = step_ - 1;
    if (out_index >= s.outputs.size()) return false;
    ++step_;
    const Output& o = s.outputs[out_index];
    token->Clear();
    token->term = o.term;
    token->type = token_type::kSynonym;
    token->start_offset = s.has_input ? s.input.start_offset : last_start_;
    const int32_t inherited_end = s.has_input ? s.input.end_offset : last_end_;
    token->end_offset = o.end_offset == -1 ? inherited_end : o.end_offset;
    token->position_increment = (emit_input || out_index > 0) ? 0 : 1;
    token->position_length = o.position_length;
    return true;
  }

  const SynonymMap* map_;
  std::deque<Slot> slots_;
  bool input_done_ = false;
  size_t step_ = 0;
  Token scratch_;
  std::string key_;
  int32_t last_start_ = 0;
  int32_t last_end_ = 0;
};

class GraphSynonymFilter final : public TokenFilter {
 public:
  GraphSynonymFilter(TokenStream* input, const SynonymMap* map) : TokenFilter(input), map_(map) {}

  void Reset() override {
    TokenFilter::Reset();
    lookahead_.clear();
    output_.clear();
    input_done_ = false;
    last_node_out_ = -1;
    next_node_out_ = 0;
  }

  bool Next(Token* token) override {
    while (true) {
      if (!output_.empty()) {
        Buffered& b = output_.front();
        *token = std::move(b.token);
        token->position_increment = b.start_node - last_node_out_;
        token->position_length = b.end_node - b.start_node;
        last_node_out_ = b.start_node;
        output_.pop_front();
        return true;
      }
      if (!HaveInput(0)) return false;
      const SynonymMap::Entry* best = nullptr;
      size_t best_len = 0;
      key_.clear();
      for (size_t k = 0; k < static_cast<size_t>(map_->max_input_words()); ++k) {
        if (!HaveInput(k)) break;
        if (k > 0) key_.push_back(kSynonymWordSeparator);
        key_ += lookahead_[k].term;
        if (!map_->HasPrefix(key_)) break;
        if (const SynonymMap::Entry* e = map_->Find(key_)) {
          best = e;
          best_len = k + 1;
        }
      }
      if (best == nullptr) {
        *token = std::move(lookahead_.front());
        lookahead_.pop_front();
        last_node_out_ += token->position_increment;
        next_node_out_ = last_node_out_ + token->position_length;
        return true;
      }
      BufferMatch(*best, best_len);
      lookahead_.erase(lookahead_.begin(),
                       lookahead_.begin() + static_cast<std::ptrdiff_t>(best_len));
    }
  }

 private:
  struct Buffered {
    Token token;
    int32_t start_node;
    int32_t end_node;
  };

  bool HaveInput(size_t i) {
    while (i >= lookahead_.size()) {
      if (input_done_) return false;
      Token t;
      if (!input_->Next(&t)) {
        input_done_ = true;
        return false;
      }
      lookahead_.push_back(std::move(t));
    }
    return true;
  }

  Token SynonymToken(std::string_view word, int32_t start, int32_t end) const {
    Token t;
    t.term.assign(word);
    t.type = token_type::kSynonym;
    t.start_offset = start;
    t.end_offset = end;
    return t;
  }

  // SynonymGraphFilter.bufferOutputTokens.
  void BufferMatch(const SynonymMap::Entry& entry, size_t match_len) {
    const int32_t start_offset = lookahead_[0].start_offset;
    const int32_t end_offset = lookahead_[match_len - 1].end_offset;
    std::vector<std::vector<std::string_view>> paths;
    for (const std::string& out : entry.outputs) paths.push_back(Words(out));
    const bool keep = entry.keep_original;
    int32_t total_path_nodes = keep ? static_cast<int32_t>(match_len) - 1 : 0;
    for (const auto& p : paths) total_path_nodes += static_cast<int32_t>(p.size()) - 1;
    const int32_t start_node = next_node_out_;
    const int32_t end_node = start_node + total_path_nodes + 1;
    const size_t first_index = output_.size();
    int32_t new_nodes = 0;
    for (const auto& p : paths) {
      int32_t path_end;
      if (p.size() == 1) {
        path_end = end_node;
      } else {
        path_end = next_node_out_ + new_nodes + 1;
        new_nodes += static_cast<int32_t>(p.size()) - 1;
      }
      output_.push_back({SynonymToken(p[0], start_offset, end_offset), start_node, path_end});
    }
    if (keep) {
      const int32_t input_end = match_len == 1 ? end_node : next_node_out_ + new_nodes + 1;
      output_.push_back({lookahead_[0], start_node, input_end});
    }
    next_node_out_ = end_node;
    for (size_t path_id = 0; path_id < paths.size(); ++path_id) {
      const auto& p = paths[path_id];
      if (p.size() <= 1) continue;
      int32_t last = output_[first_index + path_id].end_node;
      for (size_t i = 1; i + 1 < p.size(); ++i) {
        output_.push_back({SynonymToken(p[i], start_offset, end_offset), last, last + 1});
        ++last;
      }
      output_.push_back({SynonymToken(p.back(), start_offset, end_offset), last, end_node});
    }
    if (keep && match_len > 1) {
      int32_t last = output_[first_index + paths.size()].end_node;
      for (size_t i = 1; i + 1 < match_len; ++i) {
        output_.push_back({lookahead_[i], last, last + 1});
        ++last;
      }
      output_.push_back({lookahead_[match_len - 1], last, end_node});
    }
  }

  const SynonymMap* map_;
  std::deque<Token> lookahead_;
  std::deque<Buffered> output_;
  bool input_done_ = false;
  int32_t last_node_out_ = -1;
  int32_t next_node_out_ = 0;
  std::string key_;
};

class BoundSynonymFilterFactory final : public TokenFilterFactory {
 public:
  BoundSynonymFilterFactory(std::string name, std::shared_ptr<const SynonymMap> map, bool graph)
      : TokenFilterFactory(std::move(name)), map_(std::move(map)), graph_(graph) {}
  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    if (graph_) return std::make_unique<GraphSynonymFilter>(input, map_.get());
    return std::make_unique<LegacySynonymFilter>(input, map_.get());
  }
  SynonymRole synonym_role() const override { return SynonymRole::kSkip; }

 private:
  std::shared_ptr<const SynonymMap> map_;
  bool graph_;
};

class PassThroughFilter final : public TokenFilter {
 public:
  using TokenFilter::TokenFilter;
  bool Next(Token* token) override { return input_->Next(token); }
};

// Unbound: the rules are parsed when the filter is placed in a chain.
class SynonymFilterFactory final : public TokenFilterFactory {
 public:
  SynonymFilterFactory(std::string name, SynonymOptions options)
      : TokenFilterFactory(std::move(name)), options_(std::move(options)) {}

  std::unique_ptr<TokenFilter> Create(TokenStream* input, StreamContext*) const override {
    return std::make_unique<PassThroughFilter>(input);
  }
  SynonymRole synonym_role() const override { return SynonymRole::kSkip; }

  Result<std::shared_ptr<const TokenFilterFactory>> BindToChain(
      const AnalysisChain& chain) const override {
    Analyzer::Filters filters;
    for (const auto& f : chain.filters) {
      switch (f->synonym_role()) {
        case SynonymRole::kApply:
          filters.push_back(f);
          break;
        case SynonymRole::kSkip:
          break;
        case SynonymRole::kReject:
          return Status::InvalidArgument("Token filter [" + f->name() +
                                         "] cannot be used to parse synonyms")
              .WithType("illegal_argument_exception");
      }
    }
    auto parser =
        Analyzer::Create("__synonym_parser__", chain.char_filters, chain.tokenizer, filters);
    QUIVER_ASSIGN_OR_RETURN(std::shared_ptr<const SynonymMap> map,
                            SynonymMap::Build(options_, *parser));
    return std::shared_ptr<const TokenFilterFactory>(
        std::make_shared<BoundSynonymFilterFactory>(name(), std::move(map), options_.graph));
  }

 private:
  SynonymOptions options_;
};

}  // namespace

std::shared_ptr<const TokenFilterFactory> NewSynonymFilterFactory(std::string name,
                                                                  SynonymOptions options) {
  return std::make_shared<SynonymFilterFactory>(std::move(name), std::move(options));
}

}  // namespace quiver::analysis
