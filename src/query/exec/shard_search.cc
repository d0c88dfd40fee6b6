#include "query/exec/shard_search.h"

#include <algorithm>
#include <cmath>

#include "common/hash.h"
#include "query/exec/top_score_collector.h"
#include "query/exec/weight.h"
#include "segment/bit_packing.h"

namespace quiver::query {
namespace {

int CompareOne(const SortField& f, const SortValue& a, const SortValue& b) {
  bool an = a.kind == SortValue::Kind::kNull, bn = b.kind == SortValue::Kind::kNull;
  if (an || bn) {
    if (an && bn) return 0;
    // Missing values sort last (or first) whatever the order.
    int missing_first = f.missing == SortField::Missing::kFirst ? -1 : 1;
    return an ? missing_first : -missing_first;
  }
  int c = 0;
  if (a.kind == SortValue::Kind::kString || b.kind == SortValue::Kind::kString) {
    c = a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  } else if (a.kind == SortValue::Kind::kDouble || b.kind == SortValue::Kind::kDouble) {
    double x = a.kind == SortValue::Kind::kDouble ? a.d : static_cast<double>(a.l);
    double y = b.kind == SortValue::Kind::kDouble ? b.d : static_cast<double>(b.l);
    c = x < y ? -1 : (x > y ? 1 : 0);
  } else {
    c = a.l < b.l ? -1 : (a.l > b.l ? 1 : 0);
  }
  return f.reverse ? -c : c;
}

// Values of one sort field for a doc.
SortValue FieldSortValue(const SortField& f, const segment::SegmentReader& reader, uint32_t doc) {
  if (f.unmapped) return f.missing == SortField::Missing::kValue ? f.missing_value : SortValue();
  const segment::FieldReaders* fr = reader.field(f.field);
  SortValue v;
  if (fr != nullptr && fr->numeric) {
    uint32_t n = fr->numeric->Count(doc);
    if (n > 0) {
      bool is_double = fr->numeric->is_double();
      auto at = [&](uint32_t i) { return fr->numeric->Value(doc, i); };
      std::string mode = f.mode.empty() ? (f.reverse ? "max" : "min") : f.mode;
      if (mode == "max") {
        int64_t raw = at(n - 1);
        v = is_double ? SortValue::Double(segment::SortableToDouble(raw)) : SortValue::Long(raw);
      } else if (mode == "sum" || mode == "avg" || mode == "median") {
        std::vector<double> vals;
        for (uint32_t i = 0; i < n; ++i) {
          vals.push_back(is_double ? segment::SortableToDouble(at(i)) : static_cast<double>(at(i)));
        }
        double r = 0;
        if (mode == "median") {
          r = n % 2 ? vals[n / 2] : (vals[n / 2 - 1] + vals[n / 2]) / 2;
        } else {
          for (double x : vals) r += x;
          if (mode == "avg") r /= n;
        }
        v = is_double || mode != "sum" ? SortValue::Double(r)
                                       : SortValue::Long(static_cast<int64_t>(r));
      } else {
        int64_t raw = at(0);
        v = is_double ? SortValue::Double(segment::SortableToDouble(raw)) : SortValue::Long(raw);
      }
      if (v.kind == SortValue::Kind::kLong && (f.multiply != 1 || f.divide != 1)) {
        v.l = v.l / f.divide * f.multiply;
      }
      if (f.type == SortField::Type::kDouble && v.kind == SortValue::Kind::kLong) {
        v = SortValue::Double(static_cast<double>(v.l));
      }
    }
  } else if (fr != nullptr && fr->sorted) {
    uint32_t n = fr->sorted->Count(doc);
    if (n > 0) {
      bool max = f.mode == "max" || (f.mode.empty() && f.reverse);
      v = SortValue::String(std::string(fr->sorted->Term(fr->sorted->Ord(doc, max ? n - 1 : 0))));
    }
  }
  if (v.kind == SortValue::Kind::kNull && f.missing == SortField::Missing::kValue) {
    v = f.missing_value;
  }
  return v;
}

class FieldCollector {
 public:
  FieldCollector(const std::vector<SortField>& sort, size_t k) : sort_(sort), k_(k) {}

  struct Entry {
    std::vector<SortValue> values;
    uint32_t segment;
    uint32_t doc;
    float score;
  };

  // True if `a` ranks before `b`.
  bool Before(const Entry& a, const Entry& b) const {
    int c = CompareSortValues(sort_, a.values, b.values);
    if (c != 0) return c < 0;
    if (a.segment != b.segment) return a.segment < b.segment;
    return a.doc < b.doc;
  }

  void Collect(Entry e) {
    auto worse_first = [this](const Entry& a, const Entry& b) { return Before(a, b); };
    if (heap_.size() < k_) {
      heap_.push_back(std::move(e));
      std::push_heap(heap_.begin(), heap_.end(), worse_first);
    } else if (k_ > 0 && Before(e, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), worse_first);
      heap_.back() = std::move(e);
      std::push_heap(heap_.begin(), heap_.end(), worse_first);
    }
  }

  std::vector<Entry> Take() {
    std::sort(heap_.begin(), heap_.end(),
              [this](const Entry& a, const Entry& b) { return Before(a, b); });
    return std::move(heap_);
  }

 private:
  const std::vector<SortField>& sort_;
  size_t k_;
  std::vector<Entry> heap_;  // max-heap under Before: the worst kept entry at front
};

}  // namespace

int CompareSortValues(const std::vector<SortField>& sort, const std::vector<SortValue>& a,
                      const std::vector<SortValue>& b) {
  for (size_t i = 0; i < sort.size() && i < a.size() && i < b.size(); ++i) {
    int c = CompareOne(sort[i], a[i], b[i]);
    if (c != 0) return c;
  }
  return 0;
}

namespace {

int64_t FloorMod(int64_t a, int64_t n) { return ((a % n) + n) % n; }

// ES TermsSliceQuery (on _id) and DocValuesSliceQuery (on a field).
bool InSlice(const ShardSearchRequest::Slice& slice, const segment::SegmentReader& reader,
             uint32_t doc) {
  constexpr uint32_t kSeed = 7919;
  if (slice.field.empty() || slice.field == "_id") {
    std::string_view id = reader.ids().id(doc);
    auto h = static_cast<int32_t>(Murmur3_32(id.data(), id.size(), kSeed));
    return FloorMod(h, slice.max) == slice.id;
  }
  const segment::FieldReaders* fr = reader.field(slice.field);
  if (fr == nullptr) return false;
  if (fr->numeric) {
    for (uint32_t i = 0, n = fr->numeric->Count(doc); i < n; ++i) {
      auto h = static_cast<int64_t>(Mix64(static_cast<uint64_t>(fr->numeric->Value(doc, i))));
      if (FloorMod(h, slice.max) == slice.id) return true;
    }
  } else if (fr->sorted) {
    for (uint32_t i = 0, n = fr->sorted->Count(doc); i < n; ++i) {
      std::string_view term = fr->sorted->Term(fr->sorted->Ord(doc, i));
      auto h = static_cast<int32_t>(Murmur3_32(term.data(), term.size(), kSeed));
      if (FloorMod(h, slice.max) == slice.id) return true;
    }
  }
  return false;
}

}  // namespace

Result<ShardSearchResult> SearchShard(std::shared_ptr<const segment::SegmentSet> set,
                                      const ShardSearchRequest& req) {
  IndexSearcher searcher(set);
  bool by_score =
      req.sort.empty() ||
      (req.sort.size() == 1 && req.sort[0].kind == SortField::Kind::kScore && req.sort[0].reverse);
  bool sort_uses_score = false;
  for (const auto& f : req.sort) sort_uses_score |= f.kind == SortField::Kind::kScore;
  bool need_scores = by_score || sort_uses_score || req.track_scores || req.min_score.has_value();
  bool can_prune = by_score && !req.post_filter && !req.min_score && req.search_after.empty() &&
                   req.terminate_after == 0 && !req.accept && !req.slice;
  ScoreMode mode = !need_scores ? ScoreMode::kNoScores
                                : (can_prune ? ScoreMode::kTopScores : ScoreMode::kComplete);
  QueryPtr query = req.query ? req.query : MakeQuery(MatchAllQuery{});
  QUIVER_ASSIGN_OR_RETURN(WeightPtr weight, CreateWeight(*query, &searcher, mode));
  WeightPtr post;
  if (req.post_filter) {
    QUIVER_ASSIGN_OR_RETURN(post, CreateWeight(*req.post_filter, &searcher, ScoreMode::kNoScores));
  }
  ShardSearchResult result;
  int64_t threshold = req.track_total_hits;
  TopScoreCollector score_collector(by_score ? req.k : 0, can_prune ? threshold : INT64_MAX);
  std::vector<SortField> sort = req.sort;
  if (by_score && sort.empty()) {
    SortField f;
    f.kind = SortField::Kind::kScore;
    f.reverse = true;
    sort.push_back(f);
  }
  FieldCollector field_collector(sort, by_score ? 0 : req.k);
  // Sorted by index order (`_doc` ascending), the first k collected docs are
  // the answer: later ones are only counted, and once the count reaches the
  // track_total_hits threshold the search stops (Lucene's early termination
  // for index-order sorts; what scroll with `sort: _doc` relies on).
  const bool index_order =
      !by_score && sort.size() == 1 && sort[0].kind == SortField::Kind::kDoc && !sort[0].reverse;
  int64_t collected = 0;
  uint32_t doc_base = 0;
  // Every match counts towards the total, including those before a
  // search_after / scroll cursor (as ES reports hits.total).
  int64_t matched = 0;
  bool stop = false;
  for (uint32_t seg = 0; seg < set->segments.size() && !stop; ++seg) {
    const segment::SegmentView& view = set->segments[seg];
    SegmentContext ctx{view.reader.get(), view.live_docs.get(), seg};
    uint32_t base = doc_base;
    doc_base += view.reader->num_docs();
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr scorer, weight->MakeScorer(ctx));
    if (!scorer) continue;
    ScorerPtr pf;
    if (post) {
      QUIVER_ASSIGN_OR_RETURN(pf, post->MakeScorer(ctx));
      if (!pf) continue;
    }
    if (by_score) score_collector.SetSegment(scorer.get(), seg);
    for (uint32_t doc = scorer->NextDoc(); doc != kNoMoreDocs; doc = scorer->NextDoc()) {
      if (!view.live_docs->IsLive(doc)) continue;
      if (req.slice && !InSlice(*req.slice, *view.reader, doc)) continue;
      if (pf) {
        uint32_t d = pf->doc();
        if (d == kUnpositioned || d < doc) d = pf->Advance(doc);
        if (d != doc) continue;
      }
      float score = need_scores ? scorer->Score() : std::nanf("");
      if (req.min_score && !(score >= *req.min_score)) continue;
      ++matched;
      if (by_score) {
        if (req.accept && !req.accept(seg, doc, score, {})) continue;
        if (!req.search_after.empty() && req.search_after[0].kind != SortValue::Kind::kNull) {
          double after = req.search_after[0].kind == SortValue::Kind::kDouble
                             ? req.search_after[0].d
                             : static_cast<double>(req.search_after[0].l);
          if (!(score < after)) continue;
        }
        score_collector.Collect(doc);
      } else if (index_order && collected >= req.k) {
        // Already have the top k: only counted (checks below).
      } else {
        FieldCollector::Entry e;
        e.segment = seg;
        e.doc = doc;
        e.score = score;
        for (const auto& f : sort) {
          switch (f.kind) {
            case SortField::Kind::kScore:
              e.values.push_back(SortValue::Double(score));
              break;
            case SortField::Kind::kDoc:
              e.values.push_back(
                  SortValue::Long(static_cast<int64_t>(req.doc_sort_offset + base + doc)));
              break;
            case SortField::Kind::kField:
              e.values.push_back(FieldSortValue(f, *view.reader, doc));
              break;
          }
        }
        if ((!req.search_after.empty() &&
             CompareSortValues(sort, e.values, req.search_after) <= 0) ||
            (req.accept && !req.accept(seg, doc, score, e.values))) {
          continue;
        }
        if (need_scores && !std::isnan(score)) result.max_score = std::max(result.max_score, score);
        field_collector.Collect(std::move(e));
        ++collected;
      }
      int64_t total = can_prune ? score_collector.total_hits() : matched;
      if (req.terminate_after > 0 && total >= req.terminate_after) {
        result.terminated_early = true;
        stop = true;
        break;
      }
      if (!by_score && (req.k == 0 || (index_order && collected >= req.k)) &&
          threshold != INT64_MAX && total >= threshold) {
        result.total_is_lower_bound = true;
        stop = true;
        break;
      }
      if (by_score && req.k == 0 && threshold != INT64_MAX && total >= threshold) {
        result.total_is_lower_bound = true;
        stop = true;
        break;
      }
    }
  }
  if (by_score) {
    for (const ScoreDoc& sd : score_collector.TopDocs()) {
      ShardHit h;
      h.segment = sd.segment;
      h.doc = sd.doc;
      h.score = sd.score;
      if (!req.sort.empty()) h.sort_values.push_back(SortValue::Double(sd.score));
      result.hits.push_back(std::move(h));
    }
    result.total_hits = can_prune ? score_collector.total_hits() : matched;
    result.total_is_lower_bound |= score_collector.total_is_lower_bound();
    result.max_score = score_collector.max_score();
  } else {
    for (auto& e : field_collector.Take()) {
      ShardHit h;
      h.segment = e.segment;
      h.doc = e.doc;
      h.score = e.score;
      h.sort_values = std::move(e.values);
      result.hits.push_back(std::move(h));
    }
    result.total_hits = matched;
  }
  return result;
}

Result<Explanation> ExplainDoc(std::shared_ptr<const segment::SegmentSet> set, const Query& query,
                               uint32_t segment, uint32_t doc) {
  IndexSearcher searcher(set);
  QUIVER_ASSIGN_OR_RETURN(WeightPtr weight, CreateWeight(query, &searcher, ScoreMode::kComplete));
  const segment::SegmentView& view = set->segments[segment];
  SegmentContext ctx{view.reader.get(), view.live_docs.get(), segment};
  return weight->Explain(ctx, doc);
}

}  // namespace quiver::query
