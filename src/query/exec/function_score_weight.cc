// function_score: the wrapped query's score combined with functions of the
// document (weight, field_value_factor, random_score, gauss/exp/linear
// decay) as Elasticsearch's FunctionScoreQuery does — score_mode combines
// the functions that match a document, boost_mode combines the result with
// the query score, max_boost caps it and min_score drops documents.
#include <algorithm>
#include <cmath>

#include "common/hash.h"
#include "query/exec/weights.h"
#include "segment/bit_packing.h"

namespace quiver::query {
namespace {

struct BoundFunction {
  const ScoreFunction* spec;
  WeightPtr filter;  // null: every doc
};

class FunctionScorer : public Scorer {
 public:
  FunctionScorer(ScorerPtr inner, const FunctionScoreQuery* q, std::vector<ScorerPtr> filters,
                 const segment::SegmentReader* reader)
      : inner_(std::move(inner)), q_(q), filters_(std::move(filters)), reader_(reader) {}

  uint32_t doc() const override { return inner_->doc(); }
  uint32_t NextDoc() override { return Settle(inner_->NextDoc()); }
  uint32_t Advance(uint32_t t) override { return Settle(inner_->Advance(t)); }
  int64_t cost() const override { return inner_->cost(); }
  float Score() override { return score_; }
  float GetMaxScore(uint32_t) override { return std::numeric_limits<float>::max(); }

  Status status() const { return status_; }

 private:
  uint32_t Settle(uint32_t doc) {
    while (doc != kNoMoreDocs) {
      score_ = Compute(doc);
      if (!q_->min_score || score_ >= *q_->min_score) return doc;
      doc = inner_->NextDoc();
    }
    return doc;
  }

  double FieldValue(const std::string& field, uint32_t doc, bool* found, const std::string& mode) {
    *found = false;
    const segment::FieldReaders* f = reader_->field(field);
    if (f == nullptr || !f->numeric) return 0;
    uint32_t n = f->numeric->Count(doc);
    if (n == 0) return 0;
    *found = true;
    if (mode == "max") return f->numeric->DoubleValue(doc, n - 1);
    if (mode == "avg" || mode == "sum") {
      double s = 0;
      for (uint32_t i = 0; i < n; ++i) s += f->numeric->DoubleValue(doc, i);
      return mode == "avg" ? s / n : s;
    }
    return f->numeric->DoubleValue(doc, 0);
  }

  double Decay(const ScoreFunction& fn, double value) {
    double dist = std::max(0.0, std::fabs(value - fn.origin) - fn.offset);
    if (fn.decay_type == "gauss") {
      double sigma2 = -fn.scale * fn.scale / (2.0 * std::log(fn.decay));
      return std::exp(-dist * dist / (2.0 * sigma2));
    }
    if (fn.decay_type == "exp") {
      double lambda = std::log(fn.decay) / fn.scale;
      return std::exp(lambda * dist);
    }
    double s = fn.scale / (1.0 - fn.decay);
    return std::max(0.0, (s - dist) / s);
  }

  double Apply(const ScoreFunction& fn, uint32_t doc) {
    switch (fn.kind) {
      case ScoreFunction::Kind::kWeight:
        return 1.0;
      case ScoreFunction::Kind::kFieldValueFactor: {
        bool found;
        double v = FieldValue(fn.field, doc, &found, "min");
        if (!found) {
          if (!fn.missing) {
            status_ = Status::InvalidArgument("Missing value for field [" + fn.field + "]")
                          .WithType("exception");
            return 1.0;
          }
          v = *fn.missing;
        }
        double x = fn.factor * v;
        const std::string& m = fn.modifier;
        if (m == "log") return std::log10(x);
        if (m == "log1p") return std::log10(x + 1);
        if (m == "log2p") return std::log10(x + 2);
        if (m == "ln") return std::log(x);
        if (m == "ln1p") return std::log1p(x);
        if (m == "ln2p") return std::log(x + 2);
        if (m == "square") return x * x;
        if (m == "sqrt") return std::sqrt(x);
        if (m == "reciprocal") return 1.0 / x;
        return x;
      }
      case ScoreFunction::Kind::kRandomScore: {
        // A stable pseudo-random value in [0, 1) per (seed, document).
        uint64_t key = reader_->doc_meta().Get(doc).seq_no;
        std::string bytes(16, '\0');
        std::memcpy(bytes.data(), &key, 8);
        std::memcpy(bytes.data() + 8, &fn.seed, 8);
        uint64_t h = Hash64(bytes, reader_->id());
        return static_cast<double>(h >> 40) / static_cast<double>(uint64_t{1} << 24);
      }
      case ScoreFunction::Kind::kDecay: {
        const segment::FieldReaders* f = reader_->field(fn.field);
        if (f == nullptr || !f->numeric || f->numeric->Count(doc) == 0) return 1.0;
        uint32_t n = f->numeric->Count(doc);
        std::vector<double> scores;
        for (uint32_t i = 0; i < n; ++i) scores.push_back(Decay(fn, f->numeric->DoubleValue(doc, i)));
        const std::string& mode = fn.multi_value_mode;
        if (mode == "max") return *std::max_element(scores.begin(), scores.end());
        if (mode == "sum") {
          double s = 0;
          for (double x : scores) s += x;
          return s;
        }
        if (mode == "avg") {
          double s = 0;
          for (double x : scores) s += x;
          return s / static_cast<double>(scores.size());
        }
        // min distance -> the highest score
        return *std::max_element(scores.begin(), scores.end());
      }
    }
    return 1.0;
  }

  float Compute(uint32_t doc) {
    float query_score = inner_->Score();
    double combined = 0;
    double weight_sum = 0;
    bool any = false;
    const std::string& mode = q_->score_mode;
    for (size_t i = 0; i < q_->functions.size(); ++i) {
      const ScoreFunction& fn = q_->functions[i];
      if (filters_[i]) {
        uint32_t d = filters_[i]->doc();
        if (d == kUnpositioned || d < doc) d = filters_[i]->Advance(doc);
        if (d != doc) continue;
      }
      double v = Apply(fn, doc) * (fn.has_weight ? fn.weight : 1.0);
      double w = fn.has_weight ? fn.weight : 1.0;
      if (!any) {
        combined = v;
        weight_sum = w;
        any = true;
        if (mode == "first") break;
        continue;
      }
      if (mode == "multiply") {
        combined *= v;
      } else if (mode == "sum") {
        combined += v;
      } else if (mode == "avg") {
        combined += v;
        weight_sum += w;
      } else if (mode == "max") {
        combined = std::max(combined, v);
      } else if (mode == "min") {
        combined = std::min(combined, v);
      }
    }
    double fscore = any ? combined : 1.0;
    if (any && mode == "avg" && weight_sum > 0) fscore = combined / weight_sum;
    fscore = std::min(fscore, static_cast<double>(q_->max_boost));
    double qs = query_score;
    const std::string& bm = q_->boost_mode;
    double out;
    if (bm == "replace") {
      out = fscore;
    } else if (bm == "sum") {
      out = qs + fscore;
    } else if (bm == "avg") {
      out = (qs + fscore) / 2;
    } else if (bm == "max") {
      out = std::max(qs, fscore);
    } else if (bm == "min") {
      out = std::min(qs, fscore);
    } else {
      out = qs * fscore;
    }
    return static_cast<float>(out);
  }

  ScorerPtr inner_;
  const FunctionScoreQuery* q_;
  std::vector<ScorerPtr> filters_;
  const segment::SegmentReader* reader_;
  float score_ = 0;
  Status status_;
};

class FunctionScoreWeight : public Weight {
 public:
  FunctionScoreWeight(const FunctionScoreQuery& q, WeightPtr inner,
                      std::vector<WeightPtr> filters, float boost)
      : q_(q), inner_(std::move(inner)), filters_(std::move(filters)), boost_(boost) {}

  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr inner, inner_->MakeScorer(ctx));
    if (!inner) return ScorerPtr();
    std::vector<ScorerPtr> filters;
    for (const auto& f : filters_) {
      if (!f) {
        filters.push_back(nullptr);
        continue;
      }
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, f->MakeScorer(ctx));
      // A filter matching nothing in this segment: use an empty iterator.
      if (!s) s = std::make_unique<ConstantScorer>(std::make_unique<EmptyIterator>(), 0.0f);
      filters.push_back(std::move(s));
    }
    ScorerPtr scorer = std::make_unique<FunctionScorer>(std::move(inner), &q_, std::move(filters), ctx.reader);
    if (boost_ != 1.0f) scorer = std::make_unique<BoostScorer>(std::move(scorer), boost_);
    return scorer;
  }

  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    QUIVER_ASSIGN_OR_RETURN(Explanation inner, inner_->Explain(ctx, doc));
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr s, MakeScorer(ctx));
    if (!s || s->Advance(doc) != doc) return Explanation::NoMatch("function score: no match");
    return Explanation::Match(s->Score(), "function score, product of:", {std::move(inner)});
  }

 private:
  FunctionScoreQuery q_;
  WeightPtr inner_;
  std::vector<WeightPtr> filters_;
  float boost_;
};

}  // namespace

Result<WeightPtr> MakeFunctionScoreWeight(const FunctionScoreQuery& q, IndexSearcher* s,
                                          ScoreMode mode, float boost) {
  ScoreMode inner_mode = mode == ScoreMode::kTopScores ? ScoreMode::kComplete : mode;
  WeightPtr inner;
  if (q.query) {
    QUIVER_ASSIGN_OR_RETURN(inner, CreateWeight(*q.query, s, inner_mode));
  } else {
    QUIVER_ASSIGN_OR_RETURN(inner, MakeMatchAllWeight(1.0f));
  }
  std::vector<WeightPtr> filters;
  for (const auto& fn : q.functions) {
    if (!fn.filter) {
      filters.push_back(nullptr);
      continue;
    }
    QUIVER_ASSIGN_OR_RETURN(WeightPtr w, CreateWeight(*fn.filter, s, ScoreMode::kNoScores));
    filters.push_back(std::move(w));
  }
  return WeightPtr(std::make_unique<FunctionScoreWeight>(q, std::move(inner), std::move(filters), boost));
}

}  // namespace quiver::query
