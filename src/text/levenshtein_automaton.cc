#include "text/levenshtein_automaton.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "text/automaton_operations.h"
#include "text/wildcard.h"

namespace quiver::text {

namespace {

// A DFA state: the distance row d[i] (distance between word[0..i) and the
// input read so far) and the transposition candidates t[i], both capped at
// max_edits + 1 ("dead") and kept only on the window [offset, offset + 2k]
// that can hold live values.
struct RowState {
  int offset;
  std::vector<uint8_t> row;  // 2k + 1 values
  std::vector<uint8_t> trans;

  std::string Key() const {
    std::string key(reinterpret_cast<const char*>(&offset), sizeof(offset));
    key.append(row.begin(), row.end());
    key.append(trans.begin(), trans.end());
    return key;
  }
};

class Builder {
 public:
  Builder(std::span<const int32_t> word, int k, bool transpositions)
      : word_(word),
        n_(static_cast<int>(word.size())),
        k_(k),
        w_(2 * k + 1),
        transpositions_(transpositions) {}

  Automaton Build() {
    std::vector<int32_t> alphabet(word_.begin(), word_.end());
    std::sort(alphabet.begin(), alphabet.end());
    alphabet.erase(std::unique(alphabet.begin(), alphabet.end()), alphabet.end());
    // Code point ranges not in the word: all behave alike.
    std::vector<std::pair<int32_t, int32_t>> others;
    int32_t next = 0;
    for (int32_t c : alphabet) {
      if (c > next) others.emplace_back(next, c - 1);
      next = c + 1;
    }
    if (next <= kMaxCodePoint) others.emplace_back(next, kMaxCodePoint);

    Automaton a;
    RowState initial;
    initial.offset = 0;
    initial.row.assign(w_, Dead());
    initial.trans.assign(w_, Dead());
    for (int i = 0; i <= std::min(n_, 2 * k_); ++i) initial.row[i] = Cap(i);
    states_.push_back(initial);
    ids_[initial.Key()] = 0;
    a.SetAccept(0, Accepts(initial));
    for (size_t s = 0; s < states_.size(); ++s) {
      for (int32_t c : alphabet) {
        const int dest = Target(s, c, &a);
        if (dest >= 0) a.AddTransition(static_cast<int>(s), dest, c, c);
      }
      const int dest = Target(s, -1, &a);
      if (dest >= 0) {
        for (const auto& [lo, hi] : others) a.AddTransition(static_cast<int>(s), dest, lo, hi);
      }
    }
    a.Normalize();
    return a;
  }

 private:
  uint8_t Dead() const { return static_cast<uint8_t>(k_ + 1); }
  uint8_t Cap(int v) const { return static_cast<uint8_t>(std::min(v, k_ + 1)); }

  static uint8_t At(const std::vector<uint8_t>& window, int offset, int i, uint8_t dead) {
    const int j = i - offset;
    return (j >= 0 && j < static_cast<int>(window.size())) ? window[j] : dead;
  }

  bool Accepts(const RowState& s) const { return At(s.row, s.offset, n_, Dead()) <= k_; }

  // The state after reading `c` (-1: a character not in the word), or -1
  // when no string extending the input can be within the bound.
  int Target(size_t from, int32_t c, Automaton* a) {
    const RowState& s = states_[from];
    const uint8_t dead = Dead();
    const int lo = s.offset;
    const int hi = std::min(n_, s.offset + 2 * k_ + 1);
    row_.assign(hi - lo + 1, dead);
    trans_.assign(hi - lo + 1, dead);
    auto eq = [&](int i) { return i >= 1 && i <= n_ && word_[i - 1] == c && c >= 0; };
    for (int i = lo; i <= hi; ++i) {
      int v = At(s.row, s.offset, i, dead) + 1;           // the input char is extra
      if (i > lo) v = std::min(v, row_[i - 1 - lo] + 1);  // a word char is missing
      if (i >= 1) v = std::min(v, At(s.row, s.offset, i - 1, dead) + (eq(i) ? 0 : 1));
      if (transpositions_ && i >= 2 && eq(i - 1)) {
        v = std::min<int>(v, At(s.trans, s.offset, i, dead));
      }
      row_[i - lo] = Cap(v);
      if (transpositions_ && i >= 2 && eq(i)) {
        trans_[i - lo] = Cap(At(s.row, s.offset, i - 2, dead) + 1);
      }
    }
    int first_live = -1;
    for (int i = lo; i <= hi; ++i) {
      if (row_[i - lo] <= k_) {
        first_live = i;
        break;
      }
    }
    if (first_live < 0) return -1;
    // The key of the windowed state, built in a reused buffer; the state
    // itself is materialized only when new.
    key_.assign(reinterpret_cast<const char*>(&first_live), sizeof(first_live));
    key_.resize(sizeof(first_live) + 2 * w_, static_cast<char>(dead));
    for (int i = first_live; i < first_live + w_ && i <= hi; ++i) {
      key_[sizeof(first_live) + (i - first_live)] = static_cast<char>(row_[i - lo]);
      key_[sizeof(first_live) + w_ + (i - first_live)] = static_cast<char>(trans_[i - lo]);
    }
    auto it = ids_.find(key_);
    if (it != ids_.end()) return it->second;
    RowState next;
    next.offset = first_live;
    next.row.assign(key_.begin() + sizeof(first_live), key_.begin() + sizeof(first_live) + w_);
    next.trans.assign(key_.begin() + sizeof(first_live) + w_, key_.end());
    const int id = static_cast<int>(states_.size());
    ids_.emplace(key_, id);
    a->AddState(Accepts(next));
    states_.push_back(std::move(next));
    return id;
  }

  std::span<const int32_t> word_;
  int n_;
  int k_;
  int w_;
  bool transpositions_;
  std::vector<RowState> states_;
  std::unordered_map<std::string, int> ids_;
  std::vector<uint8_t> row_;
  std::vector<uint8_t> trans_;
  std::string key_;
};

}  // namespace

Automaton LevenshteinAutomaton(std::span<const int32_t> word, int max_edits, bool transpositions) {
  return Builder(word, std::max(0, max_edits), transpositions).Build();
}

int EditDistance(std::span<const int32_t> a, std::span<const int32_t> b, bool transpositions) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      int v = std::min(prev[j] + 1, cur[j - 1] + 1);
      v = std::min(v, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

Result<CompiledFuzzy> CompiledFuzzy::Compile(std::string_view term, const FuzzyOptions& options) {
  if (options.max_edits < 0 || options.max_edits > kMaxFuzzyEdits) {
    return Status::InvalidArgument("max edits must be between 0 and " +
                                   std::to_string(kMaxFuzzyEdits));
  }
  if (options.prefix_length < 0) return Status::InvalidArgument("prefix length cannot be negative");
  CompiledFuzzy f;
  f.options_ = options;
  if (!DecodeUtf8(term, &f.term_)) return Status::InvalidArgument("fuzzy term is not valid UTF-8");
  // The automaton grows linearly (about 15 states per code point at two
  // edits); no indexed term can be longer than Lucene's 32766-byte limit.
  if (f.term_.size() > kMaxFuzzyTermLength) {
    return Status::InvalidArgument("fuzzy term is longer than " +
                                   std::to_string(kMaxFuzzyTermLength) + " code points");
  }
  if (options.max_edits == 0) {
    QUIVER_ASSIGN_OR_RETURN(f.automaton_, CompileTerm(term, false));
    return f;
  }
  const size_t prefix = std::min<size_t>(options.prefix_length, f.term_.size());
  const std::span<const int32_t> all(f.term_);
  const Automaton parts[] = {
      MakeString(all.subspan(0, prefix)),
      LevenshteinAutomaton(all.subspan(prefix), options.max_edits, options.transpositions)};
  // Deterministic by construction (the prefix is a plain string), and
  // nearly minimal already: skip minimization.
  f.automaton_ = CompiledAutomaton::CompileNormal(RemoveDeadStates(Concatenate(parts)));
  return f;
}

int CompiledFuzzy::Distance(std::string_view candidate) const {
  std::vector<int32_t> cps;
  if (!DecodeUtf8(candidate, &cps)) return -1;
  return EditDistance(term_, cps, options_.transpositions);
}

}  // namespace quiver::text
