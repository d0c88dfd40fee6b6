// combined_fields (BM25F, Robertson et al. 2004, as Lucene's
// CombinedFieldQuery): the fields are scored as one — per document, a term's
// frequency is the weighted sum of its frequencies in the fields and the
// length the weighted sum of the field lengths; the collection statistics
// are blended the same way.
#include <algorithm>

#include "query/exec/compound_scorers.h"
#include "query/exec/weights.h"
#include "text/norm_encoding.h"

namespace quiver::query {
namespace {

struct FieldPart {
  std::string field;
  float weight;
};

class CombinedTermScorer : public Scorer {
 public:
  struct Part {
    std::unique_ptr<text::PostingsIterator> it;
    const text::FieldIndexReader* reader;
    float weight;
  };
  CombinedTermScorer(std::vector<Part> parts, std::vector<std::pair<const text::FieldIndexReader*, float>> all_fields,
                     float weight, float avgdl)
      : parts_(std::move(parts)), fields_(std::move(all_fields)), weight_(weight), avgdl_(avgdl) {
    for (auto& p : parts_) cost_ += static_cast<int64_t>(p.it->cost());
  }
  uint32_t doc() const override { return doc_; }
  uint32_t NextDoc() override { return Advance(doc_ == kUnpositioned ? 0 : doc_ + 1); }
  uint32_t Advance(uint32_t target) override {
    uint32_t best = kNoMoreDocs;
    for (auto& p : parts_) {
      uint32_t d = p.it->doc();
      if (d == kUnpositioned || d < target) d = p.it->Advance(target);
      best = std::min(best, d);
    }
    return doc_ = best;
  }
  int64_t cost() const override { return cost_; }
  float Score() override {
    float freq = 0;
    for (auto& p : parts_) {
      if (p.it->doc() == doc_) freq += p.weight * static_cast<float>(p.it->freq());
    }
    float len = 0;
    for (const auto& [r, w] : fields_) {
      if (r && r->has_norms()) len += w * static_cast<float>(text::DecodeNorm(r->norm(doc_)));
    }
    constexpr float k1 = 1.2f, b = 0.75f;
    float norm_inverse = 1.0f / (k1 * ((1 - b) + b * len / avgdl_));
    return weight_ - weight_ / (1.0f + freq * norm_inverse);
  }
  float GetMaxScore(uint32_t) override { return weight_; }

 private:
  std::vector<Part> parts_;
  std::vector<std::pair<const text::FieldIndexReader*, float>> fields_;
  float weight_;
  float avgdl_;
  int64_t cost_ = 0;
  uint32_t doc_ = kUnpositioned;
};

class CombinedFieldsWeight : public Weight {
 public:
  CombinedFieldsWeight(const CombinedFieldsQuery& q, IndexSearcher* s, float boost)
      : q_(q) {
    int64_t doc_count = 0;
    double avgdl = 0;
    for (const auto& [field, w] : q.fields) {
      FieldStats fs = s->field_stats(field);
      doc_count = std::max(doc_count, fs.doc_count);
      avgdl += w * Bm25Weight::AvgFieldLength(fs);
    }
    avgdl_ = static_cast<float>(avgdl > 0 ? avgdl : 1);
    for (const auto& term : q.terms) {
      int64_t df = 0;
      for (const auto& [field, w] : q.fields) df = std::max(df, s->term_stats(field, term).doc_freq);
      weights_.push_back(boost * Bm25Weight::Idf(df, std::max(doc_count, df)));
    }
  }

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    std::vector<std::pair<const text::FieldIndexReader*, float>> fields;
    for (const auto& [field, w] : q_.fields) {
      const segment::FieldReaders* f = ctx.reader->field(field);
      fields.push_back({f && f->inverted ? f->inverted.get() : nullptr, w});
    }
    std::vector<ScorerPtr> per_term;
    for (size_t t = 0; t < q_.terms.size(); ++t) {
      std::vector<CombinedTermScorer::Part> parts;
      for (const auto& [reader, w] : fields) {
        if (!reader) continue;
        text::TermState state;
        QUIVER_ASSIGN_OR_RETURN(bool found, reader->SeekExact(q_.terms[t], &state));
        if (!found) continue;
        QUIVER_ASSIGN_OR_RETURN(auto p, reader->Postings(state, text::IndexOptions::kFreqs));
        parts.push_back({std::move(p), reader, w});
      }
      if (!parts.empty()) {
        per_term.push_back(std::make_unique<CombinedTermScorer>(std::move(parts), fields, weights_[t], avgdl_));
      }
    }
    int msm = std::max(1, q_.minimum_should_match);
    if (static_cast<int>(per_term.size()) < msm) return ScorerPtr();
    if (per_term.size() == 1) return std::move(per_term[0]);
    return ScorerPtr(std::make_unique<DisjunctionScorer>(std::move(per_term), msm, 0, false));
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, "CombinedFieldQuery");
  }

 private:
  CombinedFieldsQuery q_;
  std::vector<float> weights_;
  float avgdl_ = 1;
};

}  // namespace

Result<WeightPtr> MakeCombinedFieldsWeight(const CombinedFieldsQuery& q, IndexSearcher* s,
                                           ScoreMode, float boost) {
  return WeightPtr(std::make_unique<CombinedFieldsWeight>(q, s, boost));
}

}  // namespace quiver::query
