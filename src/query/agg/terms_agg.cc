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

class BoundTerms : public BoundAgg {
 public:
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
  // ES BucketUtils.suggestShardSideQueueSize, unless given.
  b->shard_size =
      shard_size >= 0 ? shard_size : static_cast<int64_t>(static_cast<double>(size) * 1.5 + 10);
  if (b->shard_size < size) b->shard_size = size;
  return std::unique_ptr<BoundAgg>(std::move(b));
}

class TermsCollector : public Collector {
 public:
  explicit TermsCollector(BoundTerms* b) : b_(b), leaf_values_(&b->values) {}

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
        if (slot == kUnresolved) slot = seg_slots_[ord] = ResolveString(sv->Term(ord));
        if (slot >= 0) Hit(slot, doc);
      }
      if (n == 0 && b_->values.missing_bytes()) {
        if (missing_slot_ == kUnresolved)
          missing_slot_ = ResolveString(*b_->values.missing_bytes());
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
  struct Slot {
    Bucket key;
    int64_t count = 0;
    BoundSubs::Set subs;
  };

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
    Slot& s = slots_[static_cast<size_t>(slot)];
    ++s.count;
    if (!b_->subs.empty()) s.subs.Collect(doc);
  }
  int32_t NewSlot(Bucket key) {
    slots_.push_back(Slot{std::move(key), 0, b_->subs.NewSet()});
    return static_cast<int32_t>(slots_.size() - 1);
  }
  int32_t ResolveString(std::string_view term) {
    auto it = by_term_.find(std::string(term));
    if (it != by_term_.end()) return it->second;
    int32_t slot = kExcluded;
    if (!b_->filter || b_->filter->AcceptBytes(term)) {
      Bucket k;
      k.kind = Bucket::KeyKind::kString;
      k.s = std::string(term);
      slot = NewSlot(std::move(k));
    }
    by_term_.emplace(std::string(term), slot);
    return slot;
  }
  int32_t ResolveNumber(int64_t c) {
    auto it = by_number_.find(c);
    if (it != by_number_.end()) return it->second;
    int32_t slot = kExcluded;
    if (!b_->filter || b_->filter->AcceptNumber(c)) {
      Bucket k;
      if (b_->kind == TermsKind::kDouble) {
        k.kind = Bucket::KeyKind::kDouble;
        k.d = segment::SortableToDouble(c);
      } else {
        k.kind = Bucket::KeyKind::kLong;
        k.l = c;
      }
      slot = NewSlot(std::move(k));
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
      if (b_->kind == TermsKind::kString && lv.sorted()) {
        for (uint32_t o = 0; o < lv.sorted()->num_terms(); ++o) ResolveString(lv.sorted()->Term(o));
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
  std::vector<Slot> slots_;
  std::unordered_map<std::string, int32_t> by_term_;
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
  std::vector<Bucket> all;
  std::vector<size_t> slot_of;
  all.reserve(slots_.size());
  for (size_t i = 0; i < slots_.size(); ++i) {
    Slot& s = slots_[i];
    if (s.count < spec.shard_min_doc_count) continue;
    Bucket b = std::move(s.key);
    b.doc_count = s.count;
    if (order_needs_subs) {
      QUIVER_ASSIGN_OR_RETURN(b.aggs, s.subs.Build());
    }
    slot_of.push_back(i);
    b.range_key = std::to_string(i);  // remembers the slot until sub-aggs are built
    all.push_back(std::move(b));
  }
  spec.order.Sort(&all);
  int64_t total = 0;
  for (const auto& b : all) total += b.doc_count;
  if (static_cast<int64_t>(all.size()) > r->shard_size) {
    all.resize(static_cast<size_t>(r->shard_size));
  }
  for (auto& b : all) {
    total -= b.doc_count;
    if (!order_needs_subs) {
      size_t slot = std::stoul(b.range_key);
      QUIVER_ASSIGN_OR_RETURN(b.aggs, slots_[slot].subs.Build());
    }
    b.range_key.clear();
  }
  r->other_doc_count = total;
  r->list = std::move(all);
  return InternalAggPtr(std::move(r));
}

std::unique_ptr<Collector> BoundTerms::NewCollector() {
  return std::make_unique<TermsCollector>(this);
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
