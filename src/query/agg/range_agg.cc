// range and date_range (ES RangeAggregationBuilder, DateRangeAggregation
// Builder): [from, to) buckets, sorted by (from, to) as ES does, a doc
// counting once per range it has a value in.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/strings.h"
#include "query/agg/agg_types.h"
#include "query/agg/values_source.h"
#include "query/dsl/date_math.h"

namespace quiver::query::agg {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct RangeDef {
  std::string key;  // user key; "" → generated
  json::value from, to;
};

struct Range {
  std::string key;
  double from = -kInf, to = kInf;
};

class RangeResult : public InternalAgg {
 public:
  RangeResult(std::string name, json::value meta, bool is_date, bool keyed, DocFormat format)
      : InternalAgg(std::move(name), std::move(meta)),
        is_date_(is_date),
        keyed_(keyed),
        format_(std::move(format)) {}
  std::vector<Bucket> list;

  std::string TypeName() const override { return is_date_ ? "date_range" : "range"; }
  std::vector<Bucket>* buckets() override { return &list; }
  InternalAggPtr EmptyCopy() const override {
    auto out = std::make_unique<RangeResult>(name(), meta(), is_date_, keyed_, format_);
    for (const Bucket& b : list) {
      Bucket e;
      e.s = b.s;
      e.from = b.from;
      e.to = b.to;
      e.aggs = EmptyCopies(b.aggs);
      out->list.push_back(std::move(e));
    }
    return out;
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<RangeResult>(name(), meta(), is_date_, keyed_, format_);
    for (size_t i = 0; i < list.size(); ++i) {
      Bucket r;
      r.kind = Bucket::KeyKind::kString;
      r.s = list[i].s;
      r.from = list[i].from;
      r.to = list[i].to;
      std::vector<InternalAggs> subs;
      for (auto& p : parts) {
        auto* x = static_cast<RangeResult*>(p.get());
        r.doc_count += x->list[i].doc_count;
        subs.push_back(std::move(x->list[i].aggs));
      }
      QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
      out->list.push_back(std::move(r));
    }
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Key("buckets");
    keyed_ ? w->BeginObject() : w->BeginArray();
    for (const Bucket& b : list) {
      if (keyed_) {
        w->Key(b.s);
        w->BeginObject();
      } else {
        w->BeginObject();
        w->Field("key", b.s);
      }
      if (std::isfinite(b.from)) {
        w->Field("from", b.from);
        if (format_.shows_string()) w->Field("from_as_string", format_.Format(b.from));
      }
      if (std::isfinite(b.to)) {
        w->Field("to", b.to);
        if (format_.shows_string()) w->Field("to_as_string", format_.Format(b.to));
      }
      w->Field("doc_count", b.doc_count);
      QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
      w->EndObject();
    }
    keyed_ ? w->EndObject() : w->EndArray();
    return Status::Ok();
  }

 private:
  bool is_date_;
  bool keyed_;
  DocFormat format_;
};

class RangeSpec : public AggSpec {
 public:
  ValuesSourceSpec source;
  std::vector<RangeDef> ranges;
  bool keyed = false;
  std::string time_zone;
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundRange : public BoundAgg {
 public:
  const RangeSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  BoundValues values;
  BoundSubs subs;
  std::vector<Range> ranges;  // sorted
  DocFormat format;
  std::unique_ptr<Collector> NewCollector() override;
};

class RangeCollector : public Collector {
 public:
  explicit RangeCollector(BoundRange* b) : b_(b), lv_(&b->values) {
    counts_.assign(b->ranges.size(), 0);
    for (size_t i = 0; i < b->ranges.size(); ++i) sets_.push_back(b->subs.NewSet());
    hit_.assign(b->ranges.size(), false);
  }
  void Collect(uint32_t doc) override {
    lv_.Sync(b_->ctx->leaf);
    std::fill(hit_.begin(), hit_.end(), false);
    lv_.ForEachDouble(doc, [&](double v) {
      for (size_t i = 0; i < b_->ranges.size(); ++i) {
        const Range& r = b_->ranges[i];
        if (v >= r.from && v < r.to) hit_[i] = true;
      }
    });
    for (size_t i = 0; i < hit_.size(); ++i) {
      if (!hit_[i]) continue;
      ++counts_[i];
      sets_[i].Collect(doc);
    }
  }
  Result<InternalAggPtr> Build() override {
    auto r =
        std::make_unique<RangeResult>(b_->spec->name, b_->spec->meta,
                                      b_->spec->type == "date_range", b_->spec->keyed, b_->format);
    for (size_t i = 0; i < b_->ranges.size(); ++i) {
      Bucket bucket;
      bucket.kind = Bucket::KeyKind::kString;
      bucket.s = b_->ranges[i].key;
      bucket.from = b_->ranges[i].from;
      bucket.to = b_->ranges[i].to;
      bucket.doc_count = counts_[i];
      QUIVER_ASSIGN_OR_RETURN(bucket.aggs, sets_[i].Build());
      r->list.push_back(std::move(bucket));
    }
    return InternalAggPtr(std::move(r));
  }

 private:
  BoundRange* b_;
  LeafValues lv_;
  std::vector<int64_t> counts_;
  std::vector<BoundSubs::Set> sets_;
  std::vector<bool> hit_;
};

std::unique_ptr<Collector> BoundRange::NewCollector() {
  return std::make_unique<RangeCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> RangeSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundRange>();
  b->spec = this;
  b->ctx = ctx;
  bool is_date = type == "date_range";
  ValuesSourceSpec src = source;
  if (is_date && src.value_type.empty()) src.value_type = "date";
  QUIVER_ASSIGN_OR_RETURN(b->values, BoundValues::Bind(src, *ctx, type, true));
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  b->format = b->values.format();
  int32_t tz = 0;
  if (!time_zone.empty()) {
    QUIVER_ASSIGN_OR_RETURN(tz, dsl::ParseTimeZoneOffset(time_zone));
  }
  if (is_date && b->format.kind != DocFormat::Kind::kDate) {
    b->format.kind = DocFormat::Kind::kDate;
    if (!source.format.empty()) {
      QUIVER_ASSIGN_OR_RETURN(b->format.date, schema::DateFormat::Parse(source.format));
    }
  }
  auto bound = [&](const json::value& v, bool round_up, double dflt) -> Result<double> {
    if (v.is_null()) return dflt;
    if (is_date && v.is_string()) {
      int64_t now = ctx->query_context ? ctx->query_context->now_ms : 0;
      QUIVER_ASSIGN_OR_RETURN(
          int64_t ms, dsl::EvaluateDateMath(v.get_string(), now, round_up, b->format.date, tz));
      return static_cast<double>(ms);
    }
    QUIVER_ASSIGN_OR_RETURN(double d, b->values.format().ParseNumber(v));
    return d;
  };
  for (const RangeDef& d : ranges) {
    Range r;
    QUIVER_ASSIGN_OR_RETURN(r.from, bound(d.from, false, -kInf));
    QUIVER_ASSIGN_OR_RETURN(r.to, bound(d.to, false, kInf));
    r.key = d.key;
    if (r.key.empty()) {
      auto part = [&](double x) {
        if (!std::isfinite(x)) return std::string("*");
        if (b->format.shows_string()) return b->format.Format(x);
        std::string s;
        AppendJsonDouble(&s, x);
        return s;
      };
      r.key = part(r.from) + "-" + part(r.to);
    }
    b->ranges.push_back(std::move(r));
  }
  std::stable_sort(b->ranges.begin(), b->ranges.end(), [](const Range& x, const Range& y) {
    if (x.from != y.from) return x.from < y.from;
    return x.to < y.to;
  });
  return std::unique_ptr<BoundAgg>(std::move(b));
}

}  // namespace

Result<SpecPtr> ParseRangeAgg(std::string_view type, const std::string& name,
                              const json::value& body) {
  auto spec = std::make_shared<RangeSpec>();
  bool has_ranges = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, v, type, &spec->source));
    if (used) continue;
    if (key == "ranges") {
      if (!v.is_array()) return UnknownKey(type, key);
      for (const auto& r : v.get_array()) {
        if (!r.is_object()) return UnknownKey(type, key);
        RangeDef d;
        for (const auto& m : r.get_object()) {
          if (m.key() == "from") {
            d.from = m.value();
          } else if (m.key() == "to") {
            d.to = m.value();
          } else if (m.key() == "key") {
            QUIVER_ASSIGN_OR_RETURN(d.key, StringParam(type, "key", m.value()));
          } else {
            return UnknownKey("range", m.key());
          }
        }
        spec->ranges.push_back(std::move(d));
      }
      has_ranges = true;
    } else if (key == "keyed") {
      QUIVER_ASSIGN_OR_RETURN(spec->keyed, BoolParam(type, key, v));
    } else if (key == "time_zone" && type == "date_range") {
      QUIVER_ASSIGN_OR_RETURN(spec->time_zone, StringParam(type, key, v));
    } else {
      return UnknownKey(type, key);
    }
  }
  if (!has_ranges || spec->ranges.empty()) {
    return Status::InvalidArgument("No [ranges] specified for the [" + name + "] aggregation");
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
