// Phrase queries over positions (Lucene's ExactPhraseMatcher and
// SloppyPhraseMatcher): documents must contain every slot's term (or one of
// its alternatives, for synonyms and phrase prefixes) at the right relative
// positions, within `slop` moves. Scored with BM25 on the phrase frequency
// (sloppy matches count 1 / (1 + distance)) and the summed idf of the terms.
#include <algorithm>
#include <map>
#include <set>

#include "query/exec/term_scorer.h"
#include "query/exec/weights.h"
#include "text/filtered_terms_enum.h"

namespace quiver::query {
namespace {

// One slot of the phrase: the union of its alternatives' postings.
struct Slot {
  std::vector<std::unique_ptr<text::PostingsIterator>> alternatives;
  int offset = 0;  // position relative to the first slot
  uint32_t doc = kUnpositioned;

  uint32_t Advance(uint32_t target) {
    uint32_t best = kNoMoreDocs;
    for (auto& it : alternatives) {
      uint32_t d = it->doc();
      if (d == kUnpositioned || d < target) d = it->Advance(target);
      best = std::min(best, d);
    }
    return doc = best;
  }
  // Positions of the current doc, sorted.
  void Positions(std::vector<uint32_t>* out) {
    out->clear();
    for (auto& it : alternatives) {
      if (it->doc() != doc) continue;
      for (uint32_t i = 0; i < it->freq(); ++i) out->push_back(it->NextPosition());
    }
    if (alternatives.size() > 1) std::sort(out->begin(), out->end());
  }
  int64_t cost() const {
    int64_t c = 0;
    for (const auto& it : alternatives) c += static_cast<int64_t>(it->cost());
    return c;
  }
};

class PhraseScorer : public Scorer {
 public:
  PhraseScorer(const text::FieldIndexReader* field, std::vector<Slot> slots, int slop,
               const Bm25Weight* sim)
      : field_(field), slots_(std::move(slots)), slop_(slop), sim_(sim) {
    lead_ = 0;
    for (size_t i = 1; i < slots_.size(); ++i) {
      if (slots_[i].cost() < slots_[lead_].cost()) lead_ = i;
    }
    positions_.resize(slots_.size());
  }
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    uint32_t candidate = slots_[lead_].Advance(target);
    while (candidate != kNoMoreDocs) {
      bool all = true;
      for (size_t i = 0; i < slots_.size(); ++i) {
        if (i == lead_) continue;
        uint32_t d = slots_[i].Advance(candidate);
        if (d != candidate) {
          candidate = slots_[lead_].Advance(d);
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (!Competitive(candidate)) {
        candidate = slots_[lead_].Advance(candidate + 1);
        continue;
      }
      freq_ = PhraseFreq();
      if (freq_ > 0) return doc_ = candidate;
      candidate = slots_[lead_].Advance(candidate + 1);
    }
    return doc_ = kNoMoreDocs;
  }
  int64_t cost() const override { return slots_[lead_].cost(); }
  float Score() override {
    uint8_t norm = field_->has_norms() ? field_->norm(doc_) : 1;
    return sim_->Score(freq_, norm);
  }
  float GetMaxScore(uint32_t) override { return sim_->weight(); }
  // Top-k search: the collector has counted enough hits and only docs
  // scoring at least `s` can enter the top k, so candidates that cannot
  // reach it are skipped without reading their positions.
  void SetMinCompetitiveScore(float s) override { min_competitive_ = s; }
  float freq() const { return freq_; }

 private:
  // An exact phrase occurs at most min over slots of the slot's term
  // frequency times in the doc, and BM25 grows with the frequency, so that
  // frequency bounds the doc's score (the idea of Lucene's phrase impacts,
  // applied per doc). Sloppy phrases are always verified.
  bool Competitive(uint32_t doc) {
    if (min_competitive_ <= 0 || slop_ != 0) return true;
    uint32_t bound = UINT32_MAX;
    for (const auto& slot : slots_) {
      uint32_t f = 0;
      for (const auto& it : slot.alternatives) {
        if (it->doc() == doc) f += it->freq();
      }
      bound = std::min(bound, f);
    }
    uint8_t norm = field_->has_norms() ? field_->norm(doc) : 1;
    return sim_->Score(static_cast<float>(bound), norm) >= min_competitive_;
  }

  float PhraseFreq() {
    for (size_t i = 0; i < slots_.size(); ++i) slots_[i].Positions(&positions_[i]);
    if (slop_ == 0) {
      // Count start positions p with every slot at p + offset.
      float count = 0;
      for (uint32_t p0 : positions_[0]) {
        int64_t start = static_cast<int64_t>(p0) - slots_[0].offset;
        bool ok = true;
        for (size_t i = 1; i < slots_.size() && ok; ++i) {
          int64_t want = start + slots_[i].offset;
          ok = want >= 0 && std::binary_search(positions_[i].begin(), positions_[i].end(),
                                               static_cast<uint32_t>(want));
        }
        if (ok) count += 1;
      }
      return count;
    }
    // Sloppy: slide over the slots' positions (shifted by their offsets),
    // always advancing the smallest; a window spanning at most `slop`
    // contributes 1 / (1 + span).
    std::vector<size_t> idx(slots_.size(), 0);
    auto shifted = [&](size_t i) {
      return static_cast<int64_t>(positions_[i][idx[i]]) - slots_[i].offset;
    };
    for (const auto& p : positions_) {
      if (p.empty()) return 0;
    }
    float freq = 0;
    while (true) {
      size_t min_i = 0;
      int64_t lo = shifted(0), hi = shifted(0);
      for (size_t i = 1; i < slots_.size(); ++i) {
        int64_t v = shifted(i);
        if (v < lo) {
          lo = v;
          min_i = i;
        }
        hi = std::max(hi, v);
      }
      int64_t span = hi - lo;
      if (span <= slop_) freq += 1.0f / (1.0f + static_cast<float>(span));
      if (++idx[min_i] >= positions_[min_i].size()) break;
    }
    return freq;
  }

  const text::FieldIndexReader* field_;
  std::vector<Slot> slots_;
  int slop_;
  const Bm25Weight* sim_;
  size_t lead_ = 0;
  uint32_t doc_ = kUnpositioned;
  float freq_ = 0;
  float min_competitive_ = 0;
  std::vector<std::vector<uint32_t>> positions_;
};

class PhraseWeight : public Weight {
 public:
  PhraseWeight(std::string field, std::vector<std::vector<std::string>> terms,
               std::vector<int> positions, int slop, IndexSearcher* searcher, float boost)
      : field_(std::move(field)),
        terms_(std::move(terms)),
        positions_(std::move(positions)),
        slop_(slop),
        sim_(boost, SummedIdf(searcher), searcher->field_stats(field_)) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    const segment::FieldReaders* f = ctx.reader->field(field_);
    if (f == nullptr || !f->inverted) return ScorerPtr();
    if (!text::HasPositions(f->inverted->index_options())) {
      return Status::InvalidArgument("field:[" + field_ +
                                     "] was indexed without position data; cannot run "
                                     "PhraseQuery (phrase=" +
                                     ToText() + ")")
          .WithType("query_shard_exception");
    }
    std::vector<Slot> slots;
    for (size_t i = 0; i < terms_.size(); ++i) {
      Slot slot;
      slot.offset = positions_[i] - positions_[0];
      for (const auto& t : terms_[i]) {
        text::TermState state;
        QUIVER_ASSIGN_OR_RETURN(bool found, f->inverted->SeekExact(t, &state));
        if (!found) continue;
        QUIVER_ASSIGN_OR_RETURN(auto p,
                                f->inverted->Postings(state, text::IndexOptions::kPositions));
        slot.alternatives.push_back(std::move(p));
      }
      if (slot.alternatives.empty()) return ScorerPtr();
      slots.push_back(std::move(slot));
    }
    return ScorerPtr(
        std::make_unique<PhraseScorer>(f->inverted.get(), std::move(slots), slop_, &sim_));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, MakeScorer(ctx));
    if (!s || s->Advance(doc) != doc) return Explanation::NoMatch("no matching phrase");
    auto* ps = static_cast<PhraseScorer*>(s.get());
    const segment::FieldReaders* f = ctx.reader->field(field_);
    bool norms = f->inverted->has_norms();
    return sim_.Explain(ps->freq(), norms ? f->inverted->norm(doc) : 1, norms,
                        field_ + ":" + ToText() + " in " + std::to_string(doc));
  }

 private:
  float SummedIdf(IndexSearcher* searcher) const {
    FieldStats fs = searcher->field_stats(field_);
    float idf = 0;
    for (const auto& slot : terms_) {
      for (const auto& t : slot)
        idf += Bm25Weight::Idf(searcher->term_stats(field_, t).doc_freq, fs.doc_count);
    }
    return idf;
  }
  std::string ToText() const {
    std::string s = "\"";
    for (size_t i = 0; i < terms_.size(); ++i) {
      if (i) s += " ";
      if (terms_[i].size() == 1) {
        s += terms_[i][0];
      } else {
        s += "(";
        for (size_t j = 0; j < terms_[i].size(); ++j) s += (j ? " " : "") + terms_[i][j];
        s += ")";
      }
    }
    s += "\"";
    if (slop_ > 0) s += "~" + std::to_string(slop_);
    return s;
  }

  std::string field_;
  std::vector<std::vector<std::string>> terms_;
  std::vector<int> positions_;
  int slop_;
  Bm25Weight sim_;
};

}  // namespace

Result<WeightPtr> MakePhraseWeight(const PhraseQuery& q, IndexSearcher* s, ScoreMode, float boost) {
  if (q.terms.empty()) return MakeMatchNoneWeight("empty phrase");
  std::vector<int> positions = q.positions;
  if (positions.size() != q.terms.size()) {
    positions.clear();
    for (size_t i = 0; i < q.terms.size(); ++i) positions.push_back(static_cast<int>(i));
  }
  return WeightPtr(std::make_unique<PhraseWeight>(q.field, q.terms, positions, q.slop, s, boost));
}

Result<WeightPtr> MakePhrasePrefixWeight(const PhrasePrefixQuery& q, IndexSearcher* s,
                                         ScoreMode mode, float boost) {
  // Expand the prefix against every segment (lexicographically first
  // max_expansions terms, as Lucene's MultiPhrasePrefixQuery).
  std::set<std::string> expanded;
  for (size_t i = 0; i < s->num_segments(); ++i) {
    const segment::FieldReaders* f = s->segment(i).reader->field(q.field);
    if (f == nullptr || !f->inverted) continue;
    text::PrefixTermsEnum terms(*f->inverted, q.prefix);
    size_t n = 0;
    while (terms.Next() && n++ < static_cast<size_t>(q.max_expansions)) {
      expanded.insert(std::string(terms.term()));
    }
  }
  std::vector<std::string> last(expanded.begin(), expanded.end());
  if (last.size() > static_cast<size_t>(q.max_expansions))
    last.resize(static_cast<size_t>(q.max_expansions));
  if (last.empty()) return MakeMatchNoneWeight("no terms match the phrase prefix");
  PhraseQuery pq;
  pq.field = q.field;
  pq.terms = q.terms;
  pq.terms.push_back(std::move(last));
  pq.positions = q.positions;
  pq.slop = q.slop;
  if (pq.terms.size() == 1) {
    // A lone prefix: any of the expansions.
    BoolQuery b;
    for (const auto& t : pq.terms[0]) b.should.push_back(MakeQuery(TermQuery{q.field, t}));
    b.minimum_should_match = 1;
    return MakeBoolWeight(b, s, mode, boost);
  }
  return MakePhraseWeight(pq, s, mode, boost);
}

}  // namespace quiver::query
