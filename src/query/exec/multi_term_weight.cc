// Constant-score weights over sets of terms: terms, term ranges, prefix,
// wildcard, regexp (ES's default constant_score rewrite), and fuzzy queries
// scored like Lucene's top-terms blended-frequency rewrite.
#include <algorithm>
#include <map>
#include <variant>

#include "query/exec/bitset.h"
#include "query/exec/compound_scorers.h"
#include "query/exec/term_scorer.h"
#include "query/exec/weights.h"
#include "text/automaton_terms_enum.h"
#include "text/filtered_terms_enum.h"
#include "text/levenshtein_automaton.h"
#include "text/regexp.h"
#include "text/wildcard.h"

namespace quiver::query {
namespace {

// Matching documents of a multi-term query in one segment.
class TermMatcher {
 public:
  virtual ~TermMatcher() = default;
  // Enumerates the matching terms of an inverted field.
  virtual Result<std::unique_ptr<text::FilteredTermsEnum>> Terms(
      const text::FieldIndexReader& field) const = 0;
  // Whether a doc-values term matches (fields without an inverted index).
  virtual bool Matches(std::string_view term) const = 0;
};

class TermSetMatcher : public TermMatcher {
 public:
  explicit TermSetMatcher(std::vector<std::string> terms) : terms_(std::move(terms)) {
    std::sort(terms_.begin(), terms_.end());
    terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
  }
  Result<std::unique_ptr<text::FilteredTermsEnum>> Terms(const text::FieldIndexReader&) const override {
    return std::unique_ptr<text::FilteredTermsEnum>();  // handled by exact lookups
  }
  bool Matches(std::string_view term) const override {
    return std::binary_search(terms_.begin(), terms_.end(), term);
  }
  const std::vector<std::string>& terms() const { return terms_; }

 private:
  std::vector<std::string> terms_;
};

class RangeMatcher : public TermMatcher {
 public:
  explicit RangeMatcher(TermRangeQuery q) : q_(std::move(q)) {}
  Result<std::unique_ptr<text::FilteredTermsEnum>> Terms(const text::FieldIndexReader& f) const override {
    std::optional<std::string_view> lo, hi;
    if (q_.lower) lo = *q_.lower;
    if (q_.upper) hi = *q_.upper;
    return std::unique_ptr<text::FilteredTermsEnum>(
        std::make_unique<text::RangeTermsEnum>(f, lo, hi, q_.include_lower, q_.include_upper));
  }
  bool Matches(std::string_view t) const override {
    if (q_.lower && (q_.include_lower ? t < *q_.lower : t <= *q_.lower)) return false;
    if (q_.upper && (q_.include_upper ? t > *q_.upper : t >= *q_.upper)) return false;
    return true;
  }

 private:
  TermRangeQuery q_;
};

class AutomatonMatcher : public TermMatcher {
 public:
  explicit AutomatonMatcher(text::CompiledAutomaton a) : a_(std::move(a)) {}
  Result<std::unique_ptr<text::FilteredTermsEnum>> Terms(const text::FieldIndexReader& f) const override {
    return std::unique_ptr<text::FilteredTermsEnum>(
        std::make_unique<text::AutomatonTermsEnum>(f, a_));
  }
  bool Matches(std::string_view t) const override { return a_.Matches(t); }

 private:
  text::CompiledAutomaton a_;
};

class PrefixMatcher : public TermMatcher {
 public:
  explicit PrefixMatcher(std::string prefix) : prefix_(std::move(prefix)) {}
  Result<std::unique_ptr<text::FilteredTermsEnum>> Terms(const text::FieldIndexReader& f) const override {
    return std::unique_ptr<text::FilteredTermsEnum>(std::make_unique<text::PrefixTermsEnum>(f, prefix_));
  }
  bool Matches(std::string_view t) const override { return t.substr(0, prefix_.size()) == prefix_; }

 private:
  std::string prefix_;
};

class MultiTermWeight : public Weight {
 public:
  MultiTermWeight(std::string field, std::unique_ptr<TermMatcher> matcher, float boost,
                  std::string description)
      : field_(std::move(field)), matcher_(std::move(matcher)), boost_(boost),
        description_(std::move(description)) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr) return ScorerPtr();
    auto bits = std::make_shared<FixedBitSet>(ctx.max_doc());
    if (f->inverted) {
      const text::FieldIndexReader& field = *f->inverted;
      auto or_term = [&](const text::TermState& state) -> Status {
        QUIVER_ASSIGN_OR_RETURN(auto p, field.Postings(state, text::IndexOptions::kDocs));
        bits->OrDocs(p.get());
        return p->status();
      };
      if (auto* set = dynamic_cast<const TermSetMatcher*>(matcher_.get())) {
        for (const auto& t : set->terms()) {
          text::TermState state;
          QUIVER_ASSIGN_OR_RETURN(bool found, field.SeekExact(t, &state));
          if (found) QUIVER_RETURN_IF_ERROR(or_term(state));
        }
      } else {
        QUIVER_ASSIGN_OR_RETURN(auto terms, matcher_->Terms(field));
        while (terms->Next()) QUIVER_RETURN_IF_ERROR(or_term(terms->state()));
        QUIVER_RETURN_IF_ERROR(terms->status());
      }
    } else if (f->sorted) {
      // Keyword fields with doc values only: test each distinct term once.
      std::vector<bool> ord_matches(f->sorted->num_terms());
      for (uint32_t o = 0; o < f->sorted->num_terms(); ++o) {
        ord_matches[o] = matcher_->Matches(f->sorted->Term(o));
      }
      for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
        for (uint32_t i = 0; i < f->sorted->Count(d); ++i) {
          if (ord_matches[f->sorted->Ord(d, i)]) {
            bits->Set(d);
            break;
          }
        }
      }
    } else {
      return ScorerPtr();
    }
    uint32_t n = bits->Cardinality();
    if (n == 0) return ScorerPtr();
    return ScorerPtr(std::make_unique<ConstantScorer>(std::make_unique<BitSetIterator>(bits, n),
                                                      boost_));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, description_);
  }

 private:
  std::string field_;
  std::unique_ptr<TermMatcher> matcher_;
  float boost_;
  std::string description_;
};

// ---- fuzzy: top terms, blended statistics ----

struct FuzzyTerm {
  std::string term;
  int distance;
  float boost;
};

class FuzzyWeight : public Weight {
 public:
  FuzzyWeight(std::string field, std::vector<FuzzyTerm> terms, TermStats blended,
              IndexSearcher* searcher, float boost)
      : field_(std::move(field)), terms_(std::move(terms)) {
    FieldStats fs = searcher->field_stats(field_);
    for (const auto& t : terms_) sims_.emplace_back(boost * t.boost, fs, blended);
  }

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr || !f->inverted) return ScorerPtr();
    std::vector<ScorerPtr> scorers;
    for (size_t i = 0; i < terms_.size(); ++i) {
      text::TermState state;
      QUIVER_ASSIGN_OR_RETURN(bool found, f->inverted->SeekExact(terms_[i].term, &state));
      if (!found) continue;
      QUIVER_ASSIGN_OR_RETURN(auto p, f->inverted->Postings(state, text::IndexOptions::kFreqs));
      scorers.push_back(std::make_unique<TermScorer>(f->inverted.get(), std::move(p), &sims_[i],
                                                     sims_[i].weight(), true));
    }
    if (scorers.empty()) return ScorerPtr();
    if (scorers.size() == 1) return std::move(scorers[0]);
    return ScorerPtr(std::make_unique<DisjunctionScorer>(std::move(scorers), 1, 0, false));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, "fuzzy(" + field_ + ")");
  }

 private:
  std::string field_;
  std::vector<FuzzyTerm> terms_;
  std::vector<Bm25Weight> sims_;
};

}  // namespace

Result<WeightPtr> MakeMultiTermWeight(const QueryNode& node, IndexSearcher*, float boost) {
  if (auto* q = std::get_if<TermSetQuery>(&node)) {
    return WeightPtr(std::make_unique<MultiTermWeight>(
        q->field, std::make_unique<TermSetMatcher>(q->terms), boost, q->field + ":(terms)"));
  }
  if (auto* q = std::get_if<TermRangeQuery>(&node)) {
    return WeightPtr(std::make_unique<MultiTermWeight>(q->field, std::make_unique<RangeMatcher>(*q),
                                                       boost, q->field + ":[range]"));
  }
  if (auto* q = std::get_if<PrefixQuery>(&node)) {
    std::unique_ptr<TermMatcher> m;
    if (q->case_insensitive) {
      QUIVER_ASSIGN_OR_RETURN(auto a, text::CompilePrefix(q->prefix, true));
      m = std::make_unique<AutomatonMatcher>(std::move(a));
    } else {
      m = std::make_unique<PrefixMatcher>(q->prefix);
    }
    return WeightPtr(std::make_unique<MultiTermWeight>(q->field, std::move(m), boost,
                                                       q->field + ":" + q->prefix + "*"));
  }
  if (auto* q = std::get_if<WildcardQuery>(&node)) {
    QUIVER_ASSIGN_OR_RETURN(auto a, text::CompileWildcard(q->pattern, q->case_insensitive));
    return WeightPtr(std::make_unique<MultiTermWeight>(
        q->field, std::make_unique<AutomatonMatcher>(std::move(a)), boost, q->field + ":" + q->pattern));
  }
  if (auto* q = std::get_if<RegexpQuery>(&node)) {
    text::RegexpOptions o;
    o.flags = q->flags;
    o.case_insensitive = q->case_insensitive;
    o.max_determinized_states = q->max_determinized_states;
    QUIVER_ASSIGN_OR_RETURN(auto a, text::CompileRegexp(q->pattern, o));
    return WeightPtr(std::make_unique<MultiTermWeight>(
        q->field, std::make_unique<AutomatonMatcher>(std::move(a)), boost,
        q->field + ":/" + q->pattern + "/"));
  }
  return Status::Internal("not a multi-term query");
}

Result<WeightPtr> MakeFuzzyWeight(const FuzzyQuery& q, IndexSearcher* searcher, ScoreMode mode,
                                  float boost) {
  text::FuzzyOptions o;
  o.max_edits = q.max_edits;
  o.prefix_length = q.prefix_length;
  o.transpositions = q.transpositions;
  QUIVER_ASSIGN_OR_RETURN(auto fuzzy, text::CompiledFuzzy::Compile(q.term, o));
  // Collect matching terms over every segment, keep the best max_expansions
  // (closest first, as Lucene's top-terms rewrite).
  std::map<std::string, int> candidates;
  for (size_t i = 0; i < searcher->num_segments(); ++i) {
    const segment::FieldReaders* f = searcher->segment(i).reader->field(q.field);
    if (f == nullptr || !f->inverted) continue;
    text::FuzzyTermsEnum terms(*f->inverted, fuzzy);
    while (terms.Next()) candidates[std::string(terms.term())] = terms.edit_distance();
    QUIVER_RETURN_IF_ERROR(terms.status());
  }
  std::vector<FuzzyTerm> picked;
  size_t query_len = fuzzy.term().size();
  for (const auto& [term, d] : candidates) {
    size_t len = 0;
    for (unsigned char c : term) len += (c & 0xc0) != 0x80;
    float b = 1.0f - static_cast<float>(d) / static_cast<float>(std::max<size_t>(1, std::min(len, query_len)));
    picked.push_back({term, d, std::max(b, 0.0f)});
  }
  std::stable_sort(picked.begin(), picked.end(), [](const FuzzyTerm& a, const FuzzyTerm& b) {
    return a.boost > b.boost;
  });
  if (picked.size() > static_cast<size_t>(std::max(1, q.max_expansions))) {
    picked.resize(static_cast<size_t>(std::max(1, q.max_expansions)));
  }
  if (picked.empty()) return MakeMatchNoneWeight("no terms within the edit distance");
  // Blended statistics: the greatest document frequency of the terms.
  TermStats blended;
  for (const auto& t : picked) {
    TermStats s = searcher->term_stats(q.field, t.term);
    blended.doc_freq = std::max(blended.doc_freq, s.doc_freq);
    blended.total_term_freq = std::max(blended.total_term_freq, s.total_term_freq);
  }
  (void)mode;
  return WeightPtr(std::make_unique<FuzzyWeight>(q.field, std::move(picked), blended, searcher, boost));
}

}  // namespace quiver::query
