// Weights of TermQuery and SynonymQuery: BM25 scoring over postings, with a
// doc-values fallback for keyword fields that are not indexed.
#include <algorithm>

#include "query/exec/term_scorer.h"
#include "query/exec/weights.h"

namespace quiver::query {
namespace {

std::string DocText(uint32_t doc) { return " in " + std::to_string(doc); }

// Docs whose keyword doc values contain a term (index: false fields).
class DocValuesTermIterator : public DocIdIterator {
 public:
  DocValuesTermIterator(const segment::SortedSetDocValues* dv, uint32_t ord, uint32_t max_doc)
      : dv_(dv), ord_(ord), max_doc_(max_doc) {}
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    for (uint32_t d = target; d < max_doc_; ++d) {
      uint32_t n = dv_->Count(d);
      for (uint32_t i = 0; i < n; ++i) {
        if (dv_->Ord(d, i) == ord_) return doc_ = d;
      }
    }
    return doc_ = kNoMoreDocs;
  }
  int64_t cost() const override { return max_doc_; }

 private:
  const segment::SortedSetDocValues* dv_;
  uint32_t ord_;
  uint32_t max_doc_;
  uint32_t doc_ = kUnpositioned;
};

class TermWeight : public Weight {
 public:
  TermWeight(std::string field, std::string term, IndexSearcher* searcher, ScoreMode mode,
             float boost)
      : field_(std::move(field)),
        term_(std::move(term)),
        mode_(mode),
        sim_(boost, searcher->field_stats(field_), searcher->term_stats(field_, term_)) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr) return ScorerPtr();
    if (!f->inverted) {
      if (!f->sorted) return ScorerPtr();
      auto ord = f->sorted->Lookup(term_);
      if (!ord) return ScorerPtr();
      return ScorerPtr(std::make_unique<ConstantScorer>(
          std::make_unique<DocValuesTermIterator>(&*f->sorted, *ord, ctx.max_doc()),
          sim_.weight()));
    }
    text::TermState state;
    QUIVER_ASSIGN_OR_RETURN(bool found, f->inverted->SeekExact(term_, &state));
    if (!found) return ScorerPtr();
    bool scores = mode_ != ScoreMode::kNoScores;
    text::IndexOptions features = scores ? text::IndexOptions::kFreqs : text::IndexOptions::kDocs;
    QUIVER_ASSIGN_OR_RETURN(auto postings, f->inverted->Postings(state, features));
    float term_max = sim_.weight();
    if (scores && mode_ == ScoreMode::kTopScores) {
      std::vector<text::Impact> impacts;
      if (f->inverted->TermImpacts(state, &impacts).ok() && !impacts.empty()) {
        term_max = MaxScoreOverImpacts(sim_, impacts, f->inverted->has_norms());
      }
    }
    return ScorerPtr(std::make_unique<TermScorer>(f->inverted.get(), std::move(postings), &sim_,
                                                  term_max, scores));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    std::string what = field_ + ":" + term_;
    if (f == nullptr || !f->inverted) {
      return ExplainByScoring(*this, ctx, doc, what);
    }
    text::TermState state;
    QUIVER_ASSIGN_OR_RETURN(bool found, f->inverted->SeekExact(term_, &state));
    if (found) {
      QUIVER_ASSIGN_OR_RETURN(auto postings, f->inverted->Postings(state, text::IndexOptions::kFreqs));
      if (postings->Advance(doc) == doc) {
        bool norms = f->inverted->has_norms();
        return sim_.Explain(static_cast<float>(postings->freq()), norms ? f->inverted->norm(doc) : 1,
                            norms, what + DocText(doc));
      }
    }
    return Explanation::NoMatch("no matching term");
  }

 private:
  std::string field_;
  std::string term_;
  ScoreMode mode_;
  Bm25Weight sim_;
};

// Several terms at one position scored as one term (Lucene SynonymQuery):
// freq is the sum of the terms' freqs, docFreq the largest of theirs and
// totalTermFreq the sum.
class SynonymScorer : public Scorer {
 public:
  SynonymScorer(const text::FieldIndexReader* field,
                std::vector<std::unique_ptr<text::PostingsIterator>> its, const Bm25Weight* sim)
      : field_(field), its_(std::move(its)), sim_(sim) {
    for (auto& it : its_) cost_ += static_cast<int64_t>(it->cost());
  }
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    uint32_t best = kNoMoreDocs;
    for (auto& it : its_) {
      uint32_t d = it->doc();
      if (d == kUnpositioned || d < target) d = it->Advance(target);
      best = std::min(best, d);
    }
    return doc_ = best;
  }
  int64_t cost() const override { return cost_; }
  float Score() override {
    uint32_t freq = 0;
    for (auto& it : its_) {
      if (it->doc() == doc_) freq += it->freq();
    }
    return sim_->Score(static_cast<float>(freq), field_->has_norms() ? field_->norm(doc_) : 1);
  }
  float GetMaxScore(uint32_t) override { return sim_->weight(); }
  uint32_t freq() const {
    uint32_t f = 0;
    for (auto& it : its_) f += it->doc() == doc_ ? it->freq() : 0;
    return f;
  }

 private:
  const text::FieldIndexReader* field_;
  std::vector<std::unique_ptr<text::PostingsIterator>> its_;
  const Bm25Weight* sim_;
  int64_t cost_ = 0;
  uint32_t doc_ = kUnpositioned;
};

TermStats SynonymStats(IndexSearcher* searcher, const std::string& field,
                       const std::vector<std::string>& terms) {
  TermStats merged;
  for (const auto& t : terms) {
    TermStats s = searcher->term_stats(field, t);
    merged.doc_freq = std::max(merged.doc_freq, s.doc_freq);
    merged.total_term_freq += s.total_term_freq;
  }
  return merged;
}

class SynonymWeight : public Weight {
 public:
  SynonymWeight(std::string field, std::vector<std::string> terms, IndexSearcher* searcher,
                float boost)
      : field_(std::move(field)),
        terms_(std::move(terms)),
        sim_(boost, searcher->field_stats(field_), SynonymStats(searcher, field_, terms_)) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr || !f->inverted) return ScorerPtr();
    std::vector<std::unique_ptr<text::PostingsIterator>> its;
    for (const auto& t : terms_) {
      text::TermState state;
      QUIVER_ASSIGN_OR_RETURN(bool found, f->inverted->SeekExact(t, &state));
      if (!found) continue;
      QUIVER_ASSIGN_OR_RETURN(auto p, f->inverted->Postings(state, text::IndexOptions::kFreqs));
      its.push_back(std::move(p));
    }
    if (its.empty()) return ScorerPtr();
    return ScorerPtr(std::make_unique<SynonymScorer>(f->inverted.get(), std::move(its), &sim_));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, MakeScorer(ctx));
    if (!s || s->Advance(doc) != doc) return Explanation::NoMatch("no matching term");
    auto* syn = static_cast<SynonymScorer*>(s.get());
    const segment::FieldReaders* f = ctx.reader->field(field_);
    bool norms = f->inverted->has_norms();
    std::string what = "Synonym(";
    for (size_t i = 0; i < terms_.size(); ++i) what += (i ? " " : "") + field_ + ":" + terms_[i];
    what += ")";
    return sim_.Explain(static_cast<float>(syn->freq()), norms ? f->inverted->norm(doc) : 1, norms,
                        what + DocText(doc));
  }

 private:
  std::string field_;
  std::vector<std::string> terms_;
  Bm25Weight sim_;
};

}  // namespace

Result<WeightPtr> MakeTermWeight(const TermQuery& q, IndexSearcher* searcher, ScoreMode mode,
                                 float boost) {
  return WeightPtr(std::make_unique<TermWeight>(q.field, q.term, searcher, mode, boost));
}

Result<WeightPtr> MakeSynonymWeight(const SynonymQuery& q, IndexSearcher* searcher,
                                    ScoreMode mode, float boost) {
  if (q.terms.size() == 1) return MakeTermWeight(TermQuery{q.field, q.terms[0]}, searcher, mode, boost);
  return WeightPtr(std::make_unique<SynonymWeight>(q.field, q.terms, searcher, boost));
}

}  // namespace quiver::query
