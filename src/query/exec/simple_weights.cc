// Weights of the simple query nodes: match_all, match_none, constant_score,
// dis_max, boosting, exists, ids.
#include <algorithm>

#include "query/exec/bitset.h"
#include "query/exec/compound_scorers.h"
#include "query/exec/weights.h"
#include "segment/field_info.h"

namespace quiver::query {

Result<Explanation> ExplainByScoring(const Weight& w, const SegmentContext& ctx, uint32_t doc,
                                     const std::string& description) {
  QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w.MakeScorer(ctx));
  if (!s || s->Advance(doc) != doc)
    return Explanation::NoMatch(description + " doesn't match id " + std::to_string(doc));
  return Explanation::Match(s->Score(), description);
}

namespace {

class MatchAllWeight : public Weight {
 public:
  explicit MatchAllWeight(float boost) : boost_(boost) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    return ScorerPtr(
        std::make_unique<ConstantScorer>(std::make_unique<AllDocsIterator>(ctx.max_doc()), boost_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return Explanation::Match(boost_, "*:*");
  }

 private:
  float boost_;
};

class MatchNoneWeight : public Weight {
 public:
  explicit MatchNoneWeight(std::string reason) : reason_(std::move(reason)) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext&) const override { return ScorerPtr(); }
  Result<Explanation> Explain(const SegmentContext&, uint32_t) const override {
    return Explanation::NoMatch(reason_.empty() ? "MatchNoDocsQuery" : reason_);
  }

 private:
  std::string reason_;
};

class ConstantScoreWeight : public Weight {
 public:
  ConstantScoreWeight(WeightPtr inner, float boost, std::string description)
      : inner_(std::move(inner)), boost_(boost), description_(std::move(description)) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, inner_->MakeScorer(ctx));
    if (!s) return ScorerPtr();
    return ScorerPtr(std::make_unique<ConstantScorer>(std::move(s), boost_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, description_);
  }

 private:
  WeightPtr inner_;
  float boost_;
  std::string description_;
};

class DisMaxWeight : public Weight {
 public:
  DisMaxWeight(std::vector<WeightPtr> weights, float tie_breaker)
      : weights_(std::move(weights)), tie_breaker_(tie_breaker) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    std::vector<ScorerPtr> scorers;
    for (const auto& w : weights_) {
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, w->MakeScorer(ctx));
      if (s) scorers.push_back(std::move(s));
    }
    if (scorers.empty()) return ScorerPtr();
    if (scorers.size() == 1) return std::move(scorers[0]);
    return ScorerPtr(
        std::make_unique<DisjunctionScorer>(std::move(scorers), 1, tie_breaker_, true));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    std::vector<Explanation> details;
    float max = 0, sum = 0;
    for (const auto& w : weights_) {
      QUIVER_ASSIGN_OR_RETURN(Explanation e, w->Explain(ctx, doc));
      if (!e.match) continue;
      max = std::max(max, e.value);
      sum += e.value;
      details.push_back(std::move(e));
    }
    if (details.empty()) return Explanation::NoMatch("No matching clause");
    float score = max + (sum - max) * tie_breaker_;
    return Explanation::Match(
        score,
        tie_breaker_ == 0 ? "max of:"
                          : "max plus " + std::to_string(tie_breaker_) + " times others of:",
        std::move(details));
  }

 private:
  std::vector<WeightPtr> weights_;
  float tie_breaker_;
};

// positive, demoted by negative_boost where negative also matches.
class BoostingScorer : public Scorer {
 public:
  BoostingScorer(ScorerPtr positive, ScorerPtr negative, float negative_boost)
      : positive_(std::move(positive)), negative_(std::move(negative)), factor_(negative_boost) {}
  uint32_t doc() const override { return positive_->doc(); }
  uint32_t NextDoc() override { return positive_->NextDoc(); }
  uint32_t Advance(uint32_t t) override { return positive_->Advance(t); }
  int64_t cost() const override { return positive_->cost(); }
  float Score() override {
    float s = positive_->Score();
    if (negative_) {
      uint32_t d = positive_->doc();
      uint32_t n = negative_->doc();
      if (n == kUnpositioned || n < d) n = negative_->Advance(d);
      if (n == d) s *= factor_;
    }
    return s;
  }
  float GetMaxScore(uint32_t up_to) override {
    return positive_->GetMaxScore(up_to) * std::max(1.0f, factor_);
  }

 private:
  ScorerPtr positive_;
  ScorerPtr negative_;
  float factor_;
};

class BoostingWeight : public Weight {
 public:
  BoostingWeight(WeightPtr positive, WeightPtr negative, float factor)
      : positive_(std::move(positive)), negative_(std::move(negative)), factor_(factor) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr p, positive_->MakeScorer(ctx));
    if (!p) return ScorerPtr();
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr n, negative_->MakeScorer(ctx));
    return ScorerPtr(std::make_unique<BoostingScorer>(std::move(p), std::move(n), factor_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, "boosting");
  }

 private:
  WeightPtr positive_;
  WeightPtr negative_;
  float factor_;
};

class ExistsWeight : public Weight {
 public:
  ExistsWeight(std::vector<std::string> fields, float boost)
      : fields_(std::move(fields)), boost_(boost) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    auto bits = std::make_shared<FixedBitSet>(ctx.max_doc());
    for (const auto& name : fields_) {
      if (name == "_routing") {
        for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
          if (!ctx.reader->ids().routing(d).empty()) bits->Set(d);
        }
        continue;
      }
      // Values that leave no other trace (binary, text without tokens).
      if (const segment::FieldReaders* names = ctx.reader->field(segment::kFieldNamesField);
          names != nullptr && names->inverted) {
        text::TermState state;
        QUIVER_ASSIGN_OR_RETURN(bool found, names->inverted->SeekExact(name, &state));
        if (found) {
          QUIVER_ASSIGN_OR_RETURN(auto p,
                                  names->inverted->Postings(state, text::IndexOptions::kDocs));
          bits->OrDocs(p.get());
        }
      }
      const segment::FieldReaders* f = ctx.reader->field(name);
      if (f == nullptr) continue;
      if (f->numeric) {
        for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
          if (f->numeric->Count(d) > 0) bits->Set(d);
        }
      } else if (f->sorted) {
        for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
          if (f->sorted->Count(d) > 0) bits->Set(d);
        }
      } else if (f->inverted && f->inverted->has_norms()) {
        for (uint32_t d = 0; d < ctx.max_doc(); ++d) {
          if (f->inverted->norm(d) != 0) bits->Set(d);
        }
      } else if (f->points) {
        for (uint64_t i = 0; i < f->points->count(); ++i) bits->Set(f->points->DocAt(i));
      } else if (f->inverted) {
        auto terms = f->inverted->NewTermsEnum();
        while (terms.Next()) {
          QUIVER_ASSIGN_OR_RETURN(auto p,
                                  f->inverted->Postings(terms.state(), text::IndexOptions::kDocs));
          bits->OrDocs(p.get());
        }
      }
    }
    uint32_t n = bits->Cardinality();
    if (n == 0) return ScorerPtr();
    return ScorerPtr(
        std::make_unique<ConstantScorer>(std::make_unique<BitSetIterator>(bits, n), boost_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, "FieldExistsQuery");
  }

 private:
  std::vector<std::string> fields_;
  float boost_;
};

class IdsWeight : public Weight {
 public:
  IdsWeight(std::vector<std::string> ids, float boost) : ids_(std::move(ids)), boost_(boost) {}
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    std::vector<uint32_t> docs;
    for (const auto& id : ids_) {
      ctx.reader->ids().ForEachDocWithId(id, [&](uint32_t d) {
        docs.push_back(d);
        return true;
      });
    }
    if (docs.empty()) return ScorerPtr();
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    auto list = std::make_shared<const std::vector<uint32_t>>(std::move(docs));
    return ScorerPtr(
        std::make_unique<ConstantScorer>(std::make_unique<SortedDocsIterator>(list), boost_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    return ExplainByScoring(*this, ctx, doc, "_id:(ids)");
  }

 private:
  std::vector<std::string> ids_;
  float boost_;
};

}  // namespace

Result<WeightPtr> MakeMatchAllWeight(float boost) {
  return WeightPtr(std::make_unique<MatchAllWeight>(boost));
}
Result<WeightPtr> MakeMatchNoneWeight(const std::string& reason) {
  return WeightPtr(std::make_unique<MatchNoneWeight>(reason));
}
Result<WeightPtr> MakeConstantScoreWeight(WeightPtr inner, float boost, std::string description) {
  return WeightPtr(
      std::make_unique<ConstantScoreWeight>(std::move(inner), boost, std::move(description)));
}
Result<WeightPtr> MakeDisMaxWeight(const DisMaxQuery& q, IndexSearcher* s, ScoreMode mode,
                                   float boost) {
  std::vector<WeightPtr> weights;
  for (const auto& sub : q.queries) {
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*sub, s, mode, boost));
    weights.push_back(std::move(w));
  }
  return WeightPtr(std::make_unique<DisMaxWeight>(std::move(weights), q.tie_breaker));
}
Result<WeightPtr> MakeBoostingWeight(const BoostingQuery& q, IndexSearcher* s, ScoreMode mode,
                                     float boost) {
  QUIVER_ASSIGN_OR_RETURN(WeightPtr p, CreateWeight(*q.positive, s, mode, boost));
  QUIVER_ASSIGN_OR_RETURN(WeightPtr n, CreateWeight(*q.negative, s, ScoreMode::kNoScores, 1));
  return WeightPtr(std::make_unique<BoostingWeight>(std::move(p), std::move(n), q.negative_boost));
}
Result<WeightPtr> MakeExistsWeight(const ExistsQuery& q, float boost) {
  return WeightPtr(std::make_unique<ExistsWeight>(q.fields, boost));
}
Result<WeightPtr> MakeIdsWeight(const IdsQuery& q, float boost) {
  return WeightPtr(std::make_unique<IdsWeight>(q.ids, boost));
}

}  // namespace quiver::query
