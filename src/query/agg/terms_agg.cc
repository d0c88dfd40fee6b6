// The terms aggregation (ES TermsAggregationBuilder): per-segment ordinals
// for keyword-like fields mapped to shard-wide buckets on first sight,
// hash maps for numbers; shard results trimmed to shard_size and reduced
// with ES's doc_count_error_upper_bound and sum_other_doc_count rules.
#include <algorithm>
#include <unordered_map>

#include "query/agg/agg_types.h"
#include "query/agg/bucket_order.h"
#include "query/agg/include_exclude.h"
#include "query/agg/values_source.h"
#include "segment/bit_packing.h"
#include "segment/segment_reader.h"

namespace quiver::query::agg {
namespace {

enum class TermsKind { kString, kLong, kDouble, kUnmapped };

class TermsResult : public InternalAgg {
 public:
  using InternalAgg::InternalAgg;
  TermsKind kind = TermsKind::kUnmapped;
  DocFormat format;
  BucketOrder order = BucketOrder::CountDesc();
  int64_t size = 10;
  int64_t shard_size = 0;
  int64_t min_doc_count = 1;
  bool show_error = false;
  int64_t doc_count_error = 0;
  int64_t other_doc_count = 0;
  std::vector<Bucket> list;

  std::string TypeName() const override {
    switch (kind) {
      case TermsKind::kString:
        return "sterms";
      case TermsKind::kLong:
        return "lterms";
      case TermsKind::kDouble:
        return "dterms";
      case TermsKind::kUnmapped:
        return "umterms";
    }
    return "";
  }
  std::vector<Bucket>* buckets() override { return &list; }
  std::string BucketKeyString(const Bucket& b) const override {
    if (b.kind == Bucket::KeyKind::kString) return format.FormatBytes(b.s);
    if (b.kind == Bucket::KeyKind::kLong) return format.FormatLong(b.l);
    return format.Format(b.d);
  }
  InternalAggPtr EmptyCopy() const override {
    auto out = std::make_unique<TermsResult>(name(), meta());
    out->kind = kind;
    out->format = format;
    out->order = order;
    out->size = size;
    out->shard_size = shard_size;
    out->min_doc_count = min_doc_count;
    out->show_error = show_error;
    return out;
  }

  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override;
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override;
};

// ES AbstractInternalTerms.getDocCountError.
int64_t ShardError(const TermsResult& t) {
  size_t n = t.list.size();
  if (n == 0 || static_cast<int64_t>(n) < t.shard_size || t.order.IsKeyOrder()) return 0;
  if (t.order.IsCountDesc()) {
    return t.doc_count_error > 0 ? t.doc_count_error : t.list.back().doc_count;
  }
  return -1;
}

Result<InternalAggPtr> TermsResult::Reduce(std::vector<InternalAggPtr> parts,
                                           const ReduceContext& ctx) {
  auto out = std::make_unique<TermsResult>(name(), meta());
  out->order = order;
  out->size = size;
  out->shard_size = shard_size;
  out->min_doc_count = min_doc_count;
  out->show_error = show_error;
  out->kind = TermsKind::kUnmapped;
  bool any_double = false;
  for (auto& p : parts) {
    auto* t = static_cast<TermsResult*>(p.get());
    if (t->kind == TermsKind::kUnmapped) continue;
    if (out->kind == TermsKind::kUnmapped) {
      out->kind = t->kind;
      out->format = t->format;
    }
    any_double |= t->kind == TermsKind::kDouble;
  }
  if (any_double && out->kind == TermsKind::kLong) out->kind = TermsKind::kDouble;
  int64_t sum_error = 0;
  // Buckets grouped by key, in first-seen order.
  std::vector<std::vector<Bucket*>> groups;
  std::unordered_map<std::string, size_t> by_string;
  std::unordered_map<double, size_t> by_number;
  std::unordered_map<int64_t, size_t> by_long;
  for (auto& p : parts) {
    auto* t = static_cast<TermsResult*>(p.get());
    if (t->kind == TermsKind::kUnmapped) continue;
    out->other_doc_count += t->other_doc_count;
    int64_t err = ctx.num_shards <= 1 ? 0 : ShardError(*t);
    if (sum_error != -1) sum_error = err == -1 ? -1 : sum_error + err;
    for (Bucket& b : t->list) {
      b.doc_count_error = err;
      if (any_double && b.kind == Bucket::KeyKind::kLong) {
        b.kind = Bucket::KeyKind::kDouble;
        b.d = static_cast<double>(b.l);
      }
      size_t gi;
      if (b.kind == Bucket::KeyKind::kString) {
        auto [it, inserted] = by_string.emplace(b.s, groups.size());
        gi = it->second;
        if (inserted) groups.emplace_back();
      } else if (b.kind == Bucket::KeyKind::kLong) {
        auto [it, inserted] = by_long.emplace(b.l, groups.size());
        gi = it->second;
        if (inserted) groups.emplace_back();
      } else {
        auto [it, inserted] = by_number.emplace(b.d, groups.size());
        gi = it->second;
        if (inserted) groups.emplace_back();
      }
      groups[gi].push_back(&b);
    }
  }
  for (auto& g : groups) {
    Bucket r;
    Bucket& first = *g[0];
    r.kind = first.kind;
    r.l = first.l;
    r.d = first.d;
    r.s = first.s;
    int64_t err_present = 0;
    std::vector<InternalAggs> subs;
    for (Bucket* b : g) {
      r.doc_count += b->doc_count;
      if (b->doc_count_error != -1) err_present += b->doc_count_error;
      subs.push_back(std::move(b->aggs));
    }
    r.doc_count_error = sum_error == -1 ? -1 : sum_error - err_present;
    QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
    out->list.push_back(std::move(r));
  }
  out->order.Sort(&out->list);
  std::vector<Bucket> kept;
  for (auto& b : out->list) {
    if (b.doc_count < min_doc_count) continue;
    if (static_cast<int64_t>(kept.size()) < size) {
      kept.push_back(std::move(b));
    } else {
      out->other_doc_count += b.doc_count;
    }
  }
  out->list = std::move(kept);
  out->doc_count_error = sum_error;
  return InternalAggPtr(std::move(out));
}

Status TermsResult::RenderBody(JsonWriter* w, const RenderContext& ctx) const {
  w->Field("doc_count_error_upper_bound", doc_count_error);
  w->Field("sum_other_doc_count", other_doc_count);
  w->Key("buckets");
  w->BeginArray();
  for (const Bucket& b : list) {
    w->BeginObject();
    switch (b.kind) {
      case Bucket::KeyKind::kString:
        w->Field("key", format.FormatBytes(b.s));
        break;
      case Bucket::KeyKind::kLong:
        w->Field("key", b.l);
        if (format.shows_string()) w->Field("key_as_string", format.FormatLong(b.l));
        break;
      default:
        w->Field("key", b.d);
        if (format.shows_string()) w->Field("key_as_string", format.Format(b.d));
        break;
    }
    w->Field("doc_count", b.doc_count);
    if (show_error) w->Field("doc_count_error_upper_bound", b.doc_count_error);
    QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
    w->EndObject();
  }
  w->EndArray();
  return Status::Ok();
}

class TermsSpec : public AggSpec {
 public:
  ValuesSourceSpec source;
  BucketOrder order = BucketOrder::CountDesc();
  int64_t size = 10;
  int64_t shard_size = -1;
  int64_t min_doc_count = 1;
  int64_t shard_min_doc_count = 0;
  bool show_error = false;
  json::value include, exclude;

  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

// Global ordinals (as ES): the shard's per-segment sorted dictionaries
// merged into one sorted term list, with each segment's ordinal mapped to
// its global one, so collectors resolve terms by integer instead of by
// hashing strings. Views point into the segments' mmap'd dictionaries, which
// the shard context keeps alive for the whole collection.
struct GlobalOrds {
  std::vector<std::string_view> terms;               // ascending
  std::vector<std::vector<uint32_t>> seg_to_global;  // per segment ord
};

std::unique_ptr<GlobalOrds> BuildGlobalOrds(const segment::SegmentSet& set,
                                            const std::string& field) {
  auto g = std::make_unique<GlobalOrds>();
  std::vector<const segment::SortedSetDocValues*> dicts;
  for (const auto& view : set.segments) {
    const segment::FieldReaders* fr = view.reader->field(field);
    dicts.push_back(fr != nullptr && fr->sorted ? &*fr->sorted : nullptr);
    g->seg_to_global.emplace_back(dicts.back() ? dicts.back()->num_terms() : 0);
  }
  // k-way merge of the sorted dictionaries.
  using Head = std::pair<std::string_view, uint32_t>;  // term, segment
  auto greater = [](const Head& a, const Head& b) { return a.first > b.first; };
  std::vector<Head> heap;
  std::vector<uint32_t> next(dicts.size(), 0);
  for (uint32_t s = 0; s < dicts.size(); ++s) {
    if (dicts[s] && dicts[s]->num_terms() > 0) heap.push_back({dicts[s]->Term(0), s});
  }
  std::make_heap(heap.begin(), heap.end(), greater);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), greater);
    auto [term, s] = heap.back();
    heap.pop_back();
    if (g->terms.empty() || g->terms.back() != term) g->terms.push_back(term);
    g->seg_to_global[s][next[s]] = static_cast<uint32_t>(g->terms.size() - 1);
    if (++next[s] < dicts[s]->num_terms()) {
      heap.push_back({dicts[s]->Term(next[s]), s});
      std::push_heap(heap.begin(), heap.end(), greater);
    }
  }
  return g;
}

class BoundTerms : public BoundAgg {
 public:
  std::unique_ptr<GlobalOrds> global_ords;  // keyword fields
  size_t collectors_made = 0;
  const TermsSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  BoundValues values;
  BoundSubs subs;
  std::shared_ptr<IncludeExclude> filter;  // null: accept all
  TermsKind kind = TermsKind::kUnmapped;
  int64_t shard_size = 0;
  std::unique_ptr<Collector> NewCollector() override;
};

Result<std::unique_ptr<BoundAgg>> TermsSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundTerms>();
  b->spec = this;
  b->ctx = ctx;
  QUIVER_ASSIGN_OR_RETURN(b->values, BoundValues::Bind(source, *ctx, "terms", false));
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  const BoundValues& v = b->values;
  bool numeric = v.kind() == SourceKind::kNumeric ||
                 (v.kind() == SourceKind::kUnmapped && !schema::IsKeywordType(v.field_type()) &&
                  v.field_type() != schema::FieldType::kIp);
  if (v.kind() == SourceKind::kUnmapped && !v.has_missing()) {
    b->kind = TermsKind::kUnmapped;
  } else if (numeric) {
    b->kind = v.is_double() ? TermsKind::kDouble : TermsKind::kLong;
  } else {
    b->kind = TermsKind::kString;
  }
  if (!include.is_null() || !exclude.is_null()) {
    QUIVER_ASSIGN_OR_RETURN(b->filter, IncludeExclude::Parse(include, exclude));
    if (numeric) {
      QUIVER_RETURN_IF_ERROR(b->filter->BindNumeric(v.format(), v.is_double(), name));
    } else {
      QUIVER_RETURN_IF_ERROR(b->filter->BindBytes(v.field_type() == schema::FieldType::kIp, name));
    }
  }
  if (b->kind == TermsKind::kString && v.kind() == SourceKind::kBytes) {
    b->global_ords = BuildGlobalOrds(*ctx->set, v.field());
  }
  // ES BucketUtils.suggestShardSideQueueSize, unless given.
  b->shard_size =
      shard_size >= 0 ? shard_size : static_cast<int64_t>(static_cast<double>(size) * 1.5 + 10);
  if (b->shard_size < size) b->shard_size = size;
  return std::unique_ptr<BoundAgg>(std::move(b));
}

class TermsCollector : public Collector {
 public:
  TermsCollector(BoundTerms* b, bool dense) : b_(b), leaf_values_(&b->values), dense_(dense) {}

  void Collect(uint32_t doc) override {
    const LeafState& leaf = b_->ctx->leaf;
    leaf_values_.Sync(leaf);
    if (leaf.ord != seg_) StartSegment(leaf.ord);
    if (b_->kind == TermsKind::kString) {
      const segment::SortedSetDocValues* sv = leaf_values_.sorted();
      uint32_t n = sv ? sv->Count(doc) : 0;
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t ord = sv->Ord(doc, i);
        int32_t slot = seg_slots_[ord];
        if (slot == kUnresolved) {
          slot = seg_slots_[ord] = ResolveGlobal(b_->global_ords->seg_to_global[seg_][ord]);
        }
        if (slot >= 0) Hit(slot, doc);
      }
      if (n == 0 && b_->values.missing_bytes()) {
        if (missing_slot_ == kUnresolved) missing_slot_ = ResolveMissing();
        if (missing_slot_ >= 0) Hit(missing_slot_, doc);
      }
      return;
    }
    if (b_->kind == TermsKind::kUnmapped) return;
    const segment::NumericDocValues* nv = leaf_values_.numeric();
    uint32_t n = nv ? nv->Count(doc) : 0;
    int64_t prev = 0;
    for (uint32_t i = 0; i < n; ++i) {
      int64_t c = Canonical(nv->Value(doc, i));
      if (i > 0 && c == prev) continue;  // a doc counts once per distinct value
      prev = c;
      int32_t slot = ResolveNumber(c);
      if (slot >= 0) Hit(slot, doc);
    }
    if (n == 0 && b_->values.missing_number()) {
      double m = *b_->values.missing_number();
      int32_t slot = ResolveNumber(b_->values.is_double() ? segment::DoubleToSortable(m)
                                                          : static_cast<int64_t>(m));
      if (slot >= 0) Hit(slot, doc);
    }
  }

  Result<InternalAggPtr> Build() override;

 private:
  static constexpr int32_t kUnresolved = -1;
  static constexpr int32_t kExcluded = -2;
  // Slots are kept column-wise (keys, counts, sub-aggregation sets) so that
  // millions of distinct terms cost a few words each, and only the winners
  // become Buckets.
  int64_t Canonical(int64_t raw) const {
    if (b_->values.is_double()) return segment::DoubleToSortable(leaf_values_.ToDouble(raw));
    return leaf_values_.Long(raw);
  }
  void StartSegment(uint32_t ord) {
    seg_ = ord;
    if (b_->kind == TermsKind::kString) {
      const segment::SortedSetDocValues* sv = leaf_values_.sorted();
      seg_slots_.assign(sv ? sv->num_terms() : 0, kUnresolved);
    }
  }
  void Hit(int32_t slot, uint32_t doc) {
    ++counts_[static_cast<size_t>(slot)];
    if (!b_->subs.empty()) sets_[static_cast<size_t>(slot)].Collect(doc);
  }
  int32_t NewSlot() {
    counts_.push_back(0);
    if (!b_->subs.empty()) sets_.push_back(b_->subs.NewSet());
    return static_cast<int32_t>(counts_.size() - 1);
  }
  Bucket KeyOf(size_t slot) const {
    Bucket k;
    if (b_->kind == TermsKind::kString) {
      k.kind = Bucket::KeyKind::kString;
      k.s = std::string(terms_[slot]);
    } else if (b_->kind == TermsKind::kDouble) {
      k.kind = Bucket::KeyKind::kDouble;
      k.d = segment::SortableToDouble(numbers_[slot]);
    } else {
      k.kind = Bucket::KeyKind::kLong;
      k.l = numbers_[slot];
    }
    return k;
  }
  // Compares slot keys (strings bytewise, numbers numerically).
  int CompareSlotKeys(size_t a, size_t b) const {
    if (b_->kind == TermsKind::kString) return terms_[a].compare(terms_[b]);
    if (b_->kind == TermsKind::kDouble) {
      double x = segment::SortableToDouble(numbers_[a]), y = segment::SortableToDouble(numbers_[b]);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    return numbers_[a] < numbers_[b] ? -1 : (numbers_[a] > numbers_[b] ? 1 : 0);
  }
  int32_t ResolveGlobal(uint32_t global) {
    int32_t* cached;
    if (dense_) {
      if (slot_of_global_.empty()) {
        slot_of_global_.assign(b_->global_ords->terms.size(), kUnresolved);
      }
      cached = &slot_of_global_[global];
    } else {
      cached = &by_global_.try_emplace(global, kUnresolved).first->second;
    }
    if (*cached != kUnresolved) return *cached;
    std::string_view term = b_->global_ords->terms[global];
    int32_t slot = kExcluded;
    if (!b_->filter || b_->filter->AcceptBytes(term)) {
      slot = NewSlot();
      terms_.push_back(term);
    }
    *cached = slot;
    return slot;
  }
  // The missing value shares the bucket of an equal indexed term.
  int32_t ResolveMissing() {
    const std::string& m = *b_->values.missing_bytes();
    if (b_->global_ords) {
      const auto& terms = b_->global_ords->terms;
      auto it = std::lower_bound(terms.begin(), terms.end(), std::string_view(m));
      if (it != terms.end() && *it == m) {
        return ResolveGlobal(static_cast<uint32_t>(it - terms.begin()));
      }
    }
    return ResolveString(m);
  }
  // `term` must outlive collection: it points into the segment's mmap'd
  // dictionary or the bound missing value, so no string is copied per term.
  int32_t ResolveString(std::string_view term) {
    auto it = by_term_.find(term);
    if (it != by_term_.end()) return it->second;
    int32_t slot = kExcluded;
    if (!b_->filter || b_->filter->AcceptBytes(term)) {
      slot = NewSlot();
      terms_.emplace_back(term);
    }
    by_term_.emplace(term, slot);
    return slot;
  }
  int32_t ResolveNumber(int64_t c) {
    auto it = by_number_.find(c);
    if (it != by_number_.end()) return it->second;
    int32_t slot = kExcluded;
    if (!b_->filter || b_->filter->AcceptNumber(c)) {
      slot = NewSlot();
      numbers_.push_back(c);
    }
    by_number_.emplace(c, slot);
    return slot;
  }
  // min_doc_count 0: every term of the field in the shard gets a bucket.
  void AddAllTerms() {
    const segment::SegmentSet& set = *b_->ctx->set;
    for (uint32_t s = 0; s < set.segments.size(); ++s) {
      LeafState leaf;
      leaf.ord = s;
      leaf.reader = set.segments[s].reader.get();
      LeafValues lv(&b_->values);
      lv.Sync(leaf);
      if (b_->kind == TermsKind::kString) {
        if (b_->global_ords && s == 0) {
          for (uint32_t g = 0; g < b_->global_ords->terms.size(); ++g) ResolveGlobal(g);
        }
      } else if (lv.numeric()) {
        uint32_t n = leaf.reader->num_docs();
        for (uint32_t d = 0; d < n; ++d) {
          for (uint32_t i = 0, c = lv.numeric()->Count(d); i < c; ++i) {
            int64_t raw = lv.numeric()->Value(d, i);
            ResolveNumber(b_->values.is_double() ? segment::DoubleToSortable(lv.ToDouble(raw))
                                                 : lv.Long(raw));
          }
        }
      }
    }
  }

  BoundTerms* b_;
  LeafValues leaf_values_;
  uint32_t seg_ = UINT32_MAX;
  std::vector<int32_t> seg_slots_;
  int32_t missing_slot_ = kUnresolved;
  std::vector<int64_t> counts_;
  std::vector<std::string_view> terms_;  // kString keys, by slot
  std::vector<int64_t> numbers_;         // numeric keys (canonical), by slot
  std::vector<BoundSubs::Set> sets_;     // by slot, when there are sub-aggregations
  std::unordered_map<std::string_view, int32_t> by_term_;  // missing value
  bool dense_;
  std::vector<int32_t> slot_of_global_;  // dense_: global ordinal -> slot
  std::unordered_map<uint32_t, int32_t> by_global_;
  std::unordered_map<int64_t, int32_t> by_number_;
};

Result<InternalAggPtr> TermsCollector::Build() {
  const TermsSpec& spec = *b_->spec;
  auto r = std::make_unique<TermsResult>(spec.name, spec.meta);
  r->kind = b_->kind;
  r->format = b_->values.format();
  r->order = spec.order;
  r->size = spec.size;
  r->shard_size = b_->shard_size;
  r->min_doc_count = spec.min_doc_count;
  r->show_error = spec.show_error;
  if (b_->kind == TermsKind::kUnmapped) return InternalAggPtr(std::move(r));
  if (spec.min_doc_count == 0) AddAllTerms();
  bool order_needs_subs = spec.order.UsesSubAggs();
  auto build_subs = [&](size_t slot) -> Result<InternalAggs> {
    if (b_->subs.empty()) return InternalAggs();
    return sets_[slot].Build();
  };
  std::vector<uint32_t> candidates;
  int64_t total = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] < spec.shard_min_doc_count) continue;
    candidates.push_back(static_cast<uint32_t>(i));
    total += counts_[i];
  }
  std::vector<Bucket> kept;
  size_t keep = std::min(candidates.size(), static_cast<size_t>(r->shard_size));
  if (order_needs_subs) {
    // Ordering by a sub-aggregation needs every bucket's sub-results.
    std::vector<Bucket> all;
    for (uint32_t slot : candidates) {
      Bucket b = KeyOf(slot);
      b.doc_count = counts_[slot];
      QUIVER_ASSIGN_OR_RETURN(b.aggs, build_subs(slot));
      all.push_back(std::move(b));
    }
    spec.order.Sort(&all);
    all.resize(keep);
    kept = std::move(all);
  } else {
    // Select the top shard_size slots by (count, key) without building the
    // others.
    auto before = [&](uint32_t a, uint32_t b) {
      for (const auto& c : spec.order.criteria) {
        int x = 0;
        if (c.path == "_count") {
          x = counts_[a] < counts_[b] ? -1 : (counts_[a] > counts_[b] ? 1 : 0);
        } else {
          x = CompareSlotKeys(a, b);
        }
        if (x != 0) return c.asc ? x < 0 : x > 0;
      }
      return CompareSlotKeys(a, b) < 0;
    };
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(keep),
                      candidates.end(), before);
    for (size_t i = 0; i < keep; ++i) {
      uint32_t slot = candidates[i];
      Bucket b = KeyOf(slot);
      b.doc_count = counts_[slot];
      QUIVER_ASSIGN_OR_RETURN(b.aggs, build_subs(slot));
      kept.push_back(std::move(b));
    }
  }
  for (const auto& b : kept) total -= b.doc_count;
  r->list = std::move(kept);
  r->other_doc_count = total;
  return InternalAggPtr(std::move(r));
}

std::unique_ptr<Collector> BoundTerms::NewCollector() {
  // The first collector (the only one at the top level) maps global
  // ordinals through a dense table; collectors of further parent buckets use
  // a hash map so that memory stays proportional to the terms they see.
  bool dense =
      collectors_made++ == 0 || (global_ords != nullptr && global_ords->terms.size() <= 4096);
  return std::make_unique<TermsCollector>(this, dense);
}

}  // namespace

Result<SpecPtr> ParseTermsAgg(const std::string& name, const json::value& body) {
  auto spec = std::make_shared<TermsSpec>();
  constexpr std::string_view kType = "terms";
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, v, kType, &spec->source));
    if (used) continue;
    if (key == "size") {
      QUIVER_ASSIGN_OR_RETURN(spec->size, IntParam(kType, key, v));
      if (spec->size <= 0) {
        return Status::InvalidArgument("[size] must be greater than 0. Found [" +
                                       std::to_string(spec->size) + "] in [" + name + "]");
      }
    } else if (key == "shard_size") {
      QUIVER_ASSIGN_OR_RETURN(spec->shard_size, IntParam(kType, key, v));
      if (spec->shard_size <= 0) {
        return Status::InvalidArgument("[shardSize] must be greater than 0. Found [" +
                                       std::to_string(spec->shard_size) + "] in [" + name + "]");
      }
    } else if (key == "min_doc_count") {
      QUIVER_ASSIGN_OR_RETURN(spec->min_doc_count, IntParam(kType, key, v));
      if (spec->min_doc_count < 0) {
        return Status::InvalidArgument("[minDocCount] must be greater than or equal to 0. Found [" +
                                       std::to_string(spec->min_doc_count) + "] in [" + name + "]");
      }
    } else if (key == "shard_min_doc_count") {
      QUIVER_ASSIGN_OR_RETURN(spec->shard_min_doc_count, IntParam(kType, key, v));
    } else if (key == "show_term_doc_count_error") {
      QUIVER_ASSIGN_OR_RETURN(spec->show_error, BoolParam(kType, key, v));
    } else if (key == "order") {
      QUIVER_ASSIGN_OR_RETURN(spec->order, BucketOrder::Parse(v, kType));
    } else if (key == "include") {
      spec->include = v;
    } else if (key == "exclude") {
      spec->exclude = v;
    } else if (key == "execution_hint" || key == "collect_mode") {
      // Accepted for compatibility; collection strategy is Quiver's own.
    } else {
      return UnknownKey(kType, key);
    }
  }
  if (spec->source.field.empty()) {
    return Status::InvalidArgument(
        "Required one of fields [field, script], but none were specified. ");
  }
  // Validate include/exclude shape early (errors are request errors).
  if (!spec->include.is_null() || !spec->exclude.is_null()) {
    QUIVER_ASSIGN_OR_RETURN(auto ie, IncludeExclude::Parse(spec->include, spec->exclude));
    (void)ie;
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
