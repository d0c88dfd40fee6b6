#include "query/exec/knn_search.h"

#include <algorithm>
#include <cmath>

#include "query/exec/bitset.h"
#include "segment/field_info.h"

namespace quiver::query {

namespace {

// The library distance (vector/metric.h) of a raw ES similarity value, so
// that the `similarity` threshold can be compared as a score: for l2_norm
// the threshold is a maximum Euclidean distance, otherwise a minimum
// cosine / dot product.
float DistanceOfSimilarity(vector::EsSimilarity sim, float similarity) {
  return sim == vector::EsSimilarity::kL2Norm ? similarity * similarity : -similarity;
}

bool Better(const ScoredSegmentDoc& a, const ScoredSegmentDoc& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

Result<std::vector<ScoredSegmentDoc>> SearchKnn(IndexSearcher* s, const KnnQuery& q) {
  WeightPtr filter;
  if (q.filter) {
    QUIVER_ASSIGN_OR_RETURN(filter, CreateWeight(*q.filter, s, ScoreMode::kNoScores));
  }
  const uint32_t k = static_cast<uint32_t>(std::max(1, q.k));
  vector::SearchParams params;
  params.k = std::max<uint32_t>(k, static_cast<uint32_t>(std::max(0, q.num_candidates)));
  params.ef_search = params.k;
  params.nprobe = static_cast<uint32_t>(std::max(0, q.nprobe));
  params.oversample = q.rescore_oversample;
  std::vector<ScoredSegmentDoc> all;
  for (size_t seg = 0; seg < s->num_segments(); ++seg) {
    const segment::SegmentView& view = s->segment(seg);
    const segment::FieldReaders* fr = view.reader->field(q.field);
    if (fr == nullptr || !fr->vectors || !fr->info.vector || fr->vectors->size() == 0) continue;
    const vector::VectorIndex& index = *fr->vectors;
    if (q.vector.size() != index.dims()) {
      return Status::InvalidArgument("The query vector has a different number of dimensions [" +
                                     std::to_string(q.vector.size()) +
                                     "] than the document vectors [" +
                                     std::to_string(index.dims()) + "].");
    }
    const uint32_t n = view.reader->num_docs();
    const segment::LiveDocs* live = view.live_docs.get();
    std::optional<SegmentDocFilter> doc_filter;
    if (filter) {
      SegmentContext ctx{view.reader.get(), live, static_cast<uint32_t>(seg)};
      QUIVER_ASSIGN_OR_RETURN(ScorerPtr scorer, filter->MakeScorer(ctx));
      if (!scorer) continue;
      FixedBitSet bits(n);
      bits.OrIterator(scorer.get());
      std::vector<uint64_t>& words = bits.mutable_words();
      const std::vector<uint64_t>& deleted = live->deleted_words();
      for (size_t i = 0; i < words.size() && i < deleted.size(); ++i) words[i] &= ~deleted[i];
      size_t count = bits.Cardinality();
      if (count == 0) continue;
      doc_filter.emplace(nullptr, std::move(words), count, n);
    } else if (live->num_deleted() > 0) {
      doc_filter.emplace(live, std::vector<uint64_t>(), live->num_live(), n);
    }
    QUIVER_ASSIGN_OR_RETURN(std::vector<vector::ScoredDoc> hits,
                            index.Search(q.vector, params, doc_filter ? &*doc_filter : nullptr));
    const segment::VectorFieldInfo& vf = *fr->info.vector;
    float min_score = -INFINITY;
    if (q.similarity) {
      min_score = vector::EsScore(vf.similarity, DistanceOfSimilarity(vf.similarity, *q.similarity),
                                  vf.element_type, index.dims());
    }
    for (const vector::ScoredDoc& h : hits) {
      float score = vector::EsScore(vf.similarity, h.distance, vf.element_type, index.dims());
      if (score < min_score || std::isnan(score)) continue;
      all.push_back({static_cast<uint32_t>(seg), h.doc, score});
    }
  }
  if (all.size() > k) {
    std::partial_sort(all.begin(), all.begin() + k, all.end(), Better);
    all.resize(k);
  } else {
    std::sort(all.begin(), all.end(), Better);
  }
  return all;
}

// Iterates one segment's chosen docs (sorted) with their scores.
class DocScoresScorer : public Scorer {
 public:
  DocScoresScorer(const std::vector<uint32_t>* docs, const std::vector<float>* scores, float boost)
      : docs_(docs), scores_(scores), boost_(boost) {}
  uint32_t doc() const override {
    if (i_ == kBefore) return kUnpositioned;
    return i_ < docs_->size() ? (*docs_)[i_] : kNoMoreDocs;
  }
  uint32_t NextDoc() override {
    i_ = i_ == kBefore ? 0 : i_ + 1;
    return doc();
  }
  uint32_t Advance(uint32_t target) override {
    size_t from = i_ == kBefore ? 0 : std::min(i_, docs_->size());
    i_ = static_cast<size_t>(
        std::lower_bound(docs_->begin() + static_cast<ptrdiff_t>(from), docs_->end(), target) -
        docs_->begin());
    return doc();
  }
  int64_t cost() const override { return static_cast<int64_t>(docs_->size()); }
  float Score() override { return (*scores_)[i_] * boost_; }
  float GetMaxScore(uint32_t) override {
    float m = 0;
    for (float s : *scores_) m = std::max(m, s);
    return m * boost_;
  }

 private:
  static constexpr size_t kBefore = static_cast<size_t>(-1);
  const std::vector<uint32_t>* docs_;
  const std::vector<float>* scores_;
  float boost_;
  size_t i_ = kBefore;
};

class KnnWeight : public Weight {
 public:
  KnnWeight(const std::vector<ScoredSegmentDoc>& hits, float boost, std::string description)
      : boost_(boost), description_(std::move(description)) {
    for (const ScoredSegmentDoc& h : hits) {
      PerSegment& p = segments_[h.segment];
      p.docs.push_back(h.doc);
      p.scores.push_back(h.score);
    }
    for (auto& [seg, p] : segments_) {
      std::vector<size_t> order(p.docs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return p.docs[a] < p.docs[b]; });
      PerSegment sorted;
      for (size_t i : order) {
        // A doc listed twice (cannot happen for one field) keeps its best.
        if (!sorted.docs.empty() && sorted.docs.back() == p.docs[i]) {
          sorted.scores.back() = std::max(sorted.scores.back(), p.scores[i]);
          continue;
        }
        sorted.docs.push_back(p.docs[i]);
        sorted.scores.push_back(p.scores[i]);
      }
      p = std::move(sorted);
    }
  }
  Result<ScorerPtr> MakeScorer(const SegmentContext& ctx) const override {
    auto it = segments_.find(ctx.ord);
    if (it == segments_.end() || it->second.docs.empty()) return ScorerPtr();
    return ScorerPtr(
        std::make_unique<DocScoresScorer>(&it->second.docs, &it->second.scores, boost_));
  }
  Result<Explanation> Explain(const SegmentContext& ctx, uint32_t doc) const override {
    auto it = segments_.find(ctx.ord);
    if (it != segments_.end()) {
      const auto& docs = it->second.docs;
      auto pos = std::lower_bound(docs.begin(), docs.end(), doc);
      if (pos != docs.end() && *pos == doc) {
        float score = it->second.scores[static_cast<size_t>(pos - docs.begin())] * boost_;
        return Explanation::Match(score, description_);
      }
    }
    return Explanation::NoMatch(description_ + " doesn't match id " + std::to_string(doc));
  }

 private:
  struct PerSegment {
    std::vector<uint32_t> docs;  // ascending
    std::vector<float> scores;
  };
  std::map<uint32_t, PerSegment> segments_;
  float boost_;
  std::string description_;
};

}  // namespace

Result<std::vector<ScoredSegmentDoc>> SearchKnnShard(std::shared_ptr<const segment::SegmentSet> set,
                                                     const KnnQuery& q) {
  IndexSearcher searcher(std::move(set));
  return SearchKnn(&searcher, q);
}

QueryPtr AddKnnPrefilter(const QueryPtr& q, const QueryPtr& filter) {
  if (!q || !filter) return q;
  auto with = [&](auto node) {
    auto out = std::make_shared<Query>(*q);
    out->node = std::move(node);
    return QueryPtr(out);
  };
  auto list = [&](const std::vector<QueryPtr>& in, bool* changed) {
    std::vector<QueryPtr> out;
    for (const QueryPtr& c : in) {
      out.push_back(AddKnnPrefilter(c, filter));
      *changed |= out.back() != c;
    }
    return out;
  };
  if (const auto* knn = std::get_if<KnnQuery>(&q->node)) {
    if (knn->precomputed) return q;
    KnnQuery k = *knn;
    if (k.filter) {
      BoolQuery both;
      both.filter = {k.filter, filter};
      k.filter = MakeQuery(std::move(both));
    } else {
      k.filter = filter;
    }
    return with(std::move(k));
  }
  bool changed = false;
  if (const auto* b = std::get_if<BoolQuery>(&q->node)) {
    BoolQuery nb = *b;
    nb.must = list(b->must, &changed);
    nb.should = list(b->should, &changed);
    nb.filter = list(b->filter, &changed);
    return changed ? with(std::move(nb)) : q;
  }
  if (const auto* d = std::get_if<DisMaxQuery>(&q->node)) {
    DisMaxQuery nd = *d;
    nd.queries = list(d->queries, &changed);
    return changed ? with(std::move(nd)) : q;
  }
  if (const auto* c = std::get_if<ConstantScoreQuery>(&q->node)) {
    ConstantScoreQuery nc = *c;
    nc.filter = AddKnnPrefilter(c->filter, filter);
    return nc.filter != c->filter ? with(std::move(nc)) : q;
  }
  if (const auto* b = std::get_if<BoostingQuery>(&q->node)) {
    BoostingQuery nb = *b;
    nb.positive = AddKnnPrefilter(b->positive, filter);
    return nb.positive != b->positive ? with(std::move(nb)) : q;
  }
  if (const auto* f = std::get_if<FunctionScoreQuery>(&q->node)) {
    FunctionScoreQuery nf = *f;
    nf.query = AddKnnPrefilter(f->query, filter);
    return nf.query != f->query ? with(std::move(nf)) : q;
  }
  return q;
}

Result<WeightPtr> MakeKnnWeight(const KnnQuery& q, IndexSearcher* s, float boost) {
  if (q.precomputed) {
    auto it = q.precomputed->by_snapshot.find(static_cast<const void*>(&s->set()));
    static const std::vector<ScoredSegmentDoc> kNone;
    const auto& hits = it == q.precomputed->by_snapshot.end() ? kNone : it->second;
    return WeightPtr(std::make_unique<KnnWeight>(hits, boost, "within top k documents"));
  }
  QUIVER_ASSIGN_OR_RETURN(std::vector<ScoredSegmentDoc> hits, SearchKnn(s, q));
  return WeightPtr(std::make_unique<KnnWeight>(hits, boost, "within top k documents"));
}

}  // namespace quiver::query
