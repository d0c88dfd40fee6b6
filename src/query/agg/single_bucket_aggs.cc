// filter, filters, missing and global: aggregations whose buckets are
// defined by a query (evaluated per segment into a bitset shared by every
// bucket of the parent), by missing values, or by the whole shard.
#include <algorithm>
#include <map>

#include "query/agg/agg_types.h"
#include "query/agg/values_source.h"
#include "query/dsl/query_parser.h"
#include "query/exec/bitset.h"
#include "query/exec/weight.h"

namespace quiver::query::agg {
namespace {

class SingleBucketResult : public InternalAgg {
 public:
  SingleBucketResult(std::string name, json::value meta, std::string type)
      : InternalAgg(std::move(name), std::move(meta)), type_(std::move(type)) {}
  int64_t doc_count = 0;
  InternalAggs aggs;

  std::string TypeName() const override { return type_; }
  int64_t* single_doc_count() override { return &doc_count; }
  InternalAggs* single_aggs() override { return &aggs; }
  InternalAggPtr EmptyCopy() const override {
    auto out = std::make_unique<SingleBucketResult>(name(), meta(), type_);
    out->aggs = EmptyCopies(aggs);
    return out;
  }
  std::optional<double> Value(std::string_view key) const override {
    if (key.empty() || key == "_count" || key == "doc_count") return static_cast<double>(doc_count);
    return std::nullopt;
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<SingleBucketResult>(name(), meta(), type_);
    std::vector<InternalAggs> subs;
    for (auto& p : parts) {
      auto* r = static_cast<SingleBucketResult*>(p.get());
      out->doc_count += r->doc_count;
      subs.push_back(std::move(r->aggs));
    }
    QUIVER_ASSIGN_OR_RETURN(out->aggs, ReduceAggs(std::move(subs), ctx));
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Field("doc_count", doc_count);
    return RenderAggs(aggs, w, ctx);
  }

 private:
  std::string type_;
};

// A query matched per segment into a bitset, computed once per segment for
// every collector of the bound aggregation.
class SegmentFilter {
 public:
  Status Init(const json::value& query, ShardContext* ctx) {
    ctx_ = ctx;
    dsl::ParseOptions defaults;
    const dsl::ParseOptions& opts = ctx->parse_options ? *ctx->parse_options : defaults;
    QUIVER_ASSIGN_OR_RETURN(QueryPtr q, dsl::ParseQuery(query, *ctx->query_context, opts));
    QUIVER_ASSIGN_OR_RETURN(weight_, CreateWeight(*q, ctx->searcher, ScoreMode::kNoScores));
    return Status::Ok();
  }
  bool Matches(uint32_t doc) {
    const LeafState& leaf = ctx_->leaf;
    if (leaf.ord != ord_) Load(leaf);
    return bits_ && bits_->Get(doc);
  }
  Status status() const { return status_; }

 private:
  void Load(const LeafState& leaf) {
    ord_ = leaf.ord;
    bits_.reset();
    SegmentContext sctx{leaf.reader, leaf.live_docs, leaf.ord};
    auto scorer = weight_->MakeScorer(sctx);
    if (!scorer.ok()) {
      status_ = scorer.status();
      return;
    }
    bits_ = std::make_unique<FixedBitSet>(leaf.reader->num_docs());
    if (*scorer) bits_->OrDocs(scorer->get());
  }
  ShardContext* ctx_ = nullptr;
  WeightPtr weight_;
  uint32_t ord_ = UINT32_MAX;
  std::unique_ptr<FixedBitSet> bits_;
  Status status_;
};

// ---- filter / missing / global --------------------------------------------

class SingleSpec : public AggSpec {
 public:
  json::value filter;       // filter
  ValuesSourceSpec source;  // missing
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundSingle : public BoundAgg {
 public:
  const SingleSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  BoundSubs subs;
  std::shared_ptr<SegmentFilter> filter;
  std::optional<BoundValues> values;
  std::unique_ptr<Collector> NewCollector() override;
};

class SingleCollector : public Collector {
 public:
  explicit SingleCollector(BoundSingle* b)
      : b_(b), set_(b->subs.NewSet()), lv_(b->values ? &*b->values : nullptr) {}
  void Collect(uint32_t doc) override {
    if (b_->filter && !b_->filter->Matches(doc)) return;
    if (b_->values) {
      lv_.Sync(b_->ctx->leaf);
      bool has = (lv_.numeric() && lv_.numeric()->Count(doc) > 0) ||
                 (lv_.sorted() && lv_.sorted()->Count(doc) > 0);
      if (has) return;
    }
    ++count_;
    set_.Collect(doc);
  }
  Result<InternalAggPtr> Build() override {
    if (b_->filter) QUIVER_RETURN_IF_ERROR(b_->filter->status());
    auto r = std::make_unique<SingleBucketResult>(b_->spec->name, b_->spec->meta, b_->spec->type);
    r->doc_count = count_;
    QUIVER_ASSIGN_OR_RETURN(r->aggs, set_.Build());
    return InternalAggPtr(std::move(r));
  }

 private:
  BoundSingle* b_;
  BoundSubs::Set set_;
  LeafValues lv_;
  int64_t count_ = 0;
};

std::unique_ptr<Collector> BoundSingle::NewCollector() {
  return std::make_unique<SingleCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> SingleSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundSingle>();
  b->spec = this;
  b->ctx = ctx;
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  if (type == "filter") {
    b->filter = std::make_shared<SegmentFilter>();
    QUIVER_RETURN_IF_ERROR(b->filter->Init(filter, ctx));
  } else if (type == "missing") {
    QUIVER_ASSIGN_OR_RETURN(BoundValues v, BoundValues::Bind(source, *ctx, "missing", false));
    b->values = std::move(v);
  }
  return std::unique_ptr<BoundAgg>(std::move(b));
}

// ---- filters ---------------------------------------------------------------

class FiltersResult : public InternalAgg {
 public:
  using InternalAgg::InternalAgg;
  bool keyed = true;
  std::vector<Bucket> list;  // key in s
  std::string TypeName() const override { return "filters"; }
  InternalAggPtr EmptyCopy() const override {
    auto out = std::make_unique<FiltersResult>(name(), meta());
    out->keyed = keyed;
    for (const Bucket& b : list) {
      Bucket e;
      e.kind = b.kind;
      e.s = b.s;
      e.aggs = EmptyCopies(b.aggs);
      out->list.push_back(std::move(e));
    }
    return out;
  }
  std::vector<Bucket>* buckets() override { return &list; }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<FiltersResult>(name(), meta());
    out->keyed = keyed;
    for (size_t i = 0; i < list.size(); ++i) {
      Bucket r;
      r.kind = Bucket::KeyKind::kString;
      r.s = list[i].s;
      std::vector<InternalAggs> subs;
      for (auto& p : parts) {
        auto* f = static_cast<FiltersResult*>(p.get());
        r.doc_count += f->list[i].doc_count;
        subs.push_back(std::move(f->list[i].aggs));
      }
      QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
      out->list.push_back(std::move(r));
    }
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Key("buckets");
    keyed ? w->BeginObject() : w->BeginArray();
    for (const Bucket& b : list) {
      if (keyed) w->Key(b.s);
      w->BeginObject();
      if (!keyed && !b.s.empty()) w->Field("key", b.s);
      w->Field("doc_count", b.doc_count);
      QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
      w->EndObject();
    }
    keyed ? w->EndObject() : w->EndArray();
    return Status::Ok();
  }
};

class FiltersSpec : public AggSpec {
 public:
  std::vector<std::pair<std::string, json::value>> filters;  // key "" when anonymous
  bool keyed = true;
  bool other_bucket = false;
  std::string other_key = "_other_";
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundFilters : public BoundAgg {
 public:
  const FiltersSpec* spec = nullptr;
  BoundSubs subs;
  std::vector<std::unique_ptr<SegmentFilter>> filters;
  std::unique_ptr<Collector> NewCollector() override;
};

class FiltersCollector : public Collector {
 public:
  explicit FiltersCollector(BoundFilters* b) : b_(b) {
    size_t n = b->filters.size() + (b->spec->other_bucket ? 1 : 0);
    counts_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) sets_.push_back(b->subs.NewSet());
  }
  void Collect(uint32_t doc) override {
    bool any = false;
    for (size_t i = 0; i < b_->filters.size(); ++i) {
      if (b_->filters[i]->Matches(doc)) {
        any = true;
        ++counts_[i];
        sets_[i].Collect(doc);
      }
    }
    if (!any && b_->spec->other_bucket) {
      ++counts_.back();
      sets_.back().Collect(doc);
    }
  }
  Result<InternalAggPtr> Build() override {
    auto r = std::make_unique<FiltersResult>(b_->spec->name, b_->spec->meta);
    r->keyed = b_->spec->keyed;
    for (size_t i = 0; i < counts_.size(); ++i) {
      if (i < b_->filters.size()) QUIVER_RETURN_IF_ERROR(b_->filters[i]->status());
      Bucket bucket;
      bucket.kind = Bucket::KeyKind::kString;
      bucket.s = i < b_->filters.size() ? b_->spec->filters[i].first : b_->spec->other_key;
      bucket.doc_count = counts_[i];
      QUIVER_ASSIGN_OR_RETURN(bucket.aggs, sets_[i].Build());
      r->list.push_back(std::move(bucket));
    }
    return InternalAggPtr(std::move(r));
  }

 private:
  BoundFilters* b_;
  std::vector<int64_t> counts_;
  std::vector<BoundSubs::Set> sets_;
};

std::unique_ptr<Collector> BoundFilters::NewCollector() {
  return std::make_unique<FiltersCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> FiltersSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundFilters>();
  b->spec = this;
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  for (const auto& [key, q] : filters) {
    auto f = std::make_unique<SegmentFilter>();
    QUIVER_RETURN_IF_ERROR(f->Init(q, ctx));
    b->filters.push_back(std::move(f));
  }
  return std::unique_ptr<BoundAgg>(std::move(b));
}

Result<SpecPtr> ParseFilters(const std::string& name, const json::value& body) {
  auto spec = std::make_shared<FiltersSpec>();
  bool keyed_given = false;
  bool seen_filters = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    if (key == "filters") {
      seen_filters = true;
      if (v.is_object()) {
        for (const auto& f : v.get_object())
          spec->filters.push_back({std::string(f.key()), f.value()});
        // ES sorts keyed filters by key.
        std::stable_sort(spec->filters.begin(), spec->filters.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        spec->keyed = true;
      } else if (v.is_array()) {
        for (const auto& f : v.get_array()) spec->filters.push_back({"", f});
        spec->keyed = false;
      } else {
        return UnknownKey("filters", key);
      }
    } else if (key == "other_bucket") {
      QUIVER_ASSIGN_OR_RETURN(spec->other_bucket, BoolParam("filters", key, v));
    } else if (key == "other_bucket_key") {
      QUIVER_ASSIGN_OR_RETURN(spec->other_key, StringParam("filters", key, v));
      spec->other_bucket = true;
    } else if (key == "keyed") {
      QUIVER_ASSIGN_OR_RETURN(bool k, BoolParam("filters", key, v));
      keyed_given = true;
      if (!k) spec->keyed = false;
    } else {
      return UnknownKey("filters", key);
    }
  }
  (void)keyed_given;
  if (!seen_filters || spec->filters.empty()) {
    return Status::InvalidArgument("[filters] cannot be empty.");
  }
  return SpecPtr(spec);
}

}  // namespace

Result<SpecPtr> ParseSingleBucketAgg(std::string_view type, const std::string& name,
                                     const json::value& body) {
  if (type == "filters") return ParseFilters(name, body);
  auto spec = std::make_shared<SingleSpec>();
  if (type == "filter") {
    spec->filter = body;
  } else if (type == "missing") {
    for (const auto& kv : body.get_object()) {
      QUIVER_ASSIGN_OR_RETURN(bool used,
                              ParseValuesSourceKey(kv.key(), kv.value(), type, &spec->source));
      if (!used) return UnknownKey(type, kv.key());
    }
  } else if (type == "global") {
    if (!body.get_object().empty()) return UnknownKey(type, body.get_object().begin()->key());
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
