// histogram and date_histogram (ES HistogramAggregationBuilder,
// DateHistogramAggregationBuilder): values rounded to bucket keys per doc
// (a doc counts once per bucket), shard buckets merged by key, and on the
// final reduction empty buckets filled between the bounds when
// min_doc_count is 0, as ES's InternalHistogram / InternalDateHistogram.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "query/agg/agg_types.h"
#include "query/agg/bucket_order.h"
#include "query/agg/date_rounding.h"
#include "query/agg/values_source.h"

namespace quiver::query::agg {
namespace {

constexpr int64_t kMaxBuckets = 65536;  // ES search.max_buckets default

Status TooManyBuckets(int64_t n) {
  return Status::InvalidArgument(
             "Trying to create too many buckets. Must be less than or equal to: [" +
             std::to_string(kMaxBuckets) + "] but was [" + std::to_string(n) +
             "]. This limit can be set by changing the [search.max_buckets] cluster level "
             "setting.")
      .WithType("too_many_buckets_exception");
}

struct HistoConfig {
  bool is_date = false;
  double interval = 0;    // histogram
  double offset = 0;      // histogram
  DateRounding rounding;  // date_histogram
  int64_t min_doc_count = 0;
  std::optional<double> ext_min, ext_max;    // extended_bounds (raw values)
  std::optional<double> hard_min, hard_max;  // hard_bounds
  bool keyed = false;
  BucketOrder order = BucketOrder::KeyAsc();

  double Round(double v) const {
    if (is_date) return static_cast<double>(rounding.Round(static_cast<int64_t>(std::floor(v))));
    return std::floor((v - offset) / interval) * interval + offset;
  }
  double Next(double key) const {
    if (is_date) return static_cast<double>(rounding.Next(static_cast<int64_t>(key)));
    // Recomputed from the bucket index to avoid accumulating error.
    double idx = std::round((key - offset) / interval);
    return (idx + 1) * interval + offset;
  }
};

class HistogramResult : public InternalAgg {
 public:
  HistogramResult(std::string name, json::value meta, HistoConfig cfg, DocFormat format)
      : InternalAgg(std::move(name), std::move(meta)), cfg_(std::move(cfg)), format_(format) {}
  std::vector<Bucket> list;  // sorted by key
  InternalAggs empty_subs;   // sub-aggregations of an empty bucket

  std::string TypeName() const override { return cfg_.is_date ? "date_histogram" : "histogram"; }
  std::vector<Bucket>* buckets() override { return &list; }
  std::string BucketKeyString(const Bucket& b) const override {
    return cfg_.is_date ? format_.FormatLong(b.l) : format_.Format(b.d);
  }
  InternalAggPtr EmptyCopy() const override {
    auto out = std::make_unique<HistogramResult>(name(), meta(), cfg_, format_);
    out->empty_subs = EmptyCopies(empty_subs);
    return out;
  }

  Bucket NewBucket(double key) const {
    Bucket b;
    if (cfg_.is_date) {
      b.kind = Bucket::KeyKind::kLong;
      b.l = static_cast<int64_t>(key);
    } else {
      b.kind = Bucket::KeyKind::kDouble;
      b.d = key;
    }
    return b;
  }

  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<HistogramResult>(name(), meta(), cfg_, format_);
    std::map<double, std::vector<Bucket*>> by_key;
    for (auto& p : parts) {
      auto* h = static_cast<HistogramResult*>(p.get());
      for (Bucket& b : h->list) by_key[b.NumericKey()].push_back(&b);
    }
    out->empty_subs = EmptyCopies(empty_subs);
    for (auto& [key, group] : by_key) {
      Bucket r = NewBucket(key);
      std::vector<InternalAggs> subs;
      for (Bucket* b : group) {
        r.doc_count += b->doc_count;
        subs.push_back(std::move(b->aggs));
      }
      QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
      out->list.push_back(std::move(r));
    }
    if (cfg_.min_doc_count == 0) QUIVER_RETURN_IF_ERROR(out->FillGaps());
    if (cfg_.min_doc_count > 0) {
      std::vector<Bucket> kept;
      for (auto& b : out->list) {
        if (b.doc_count >= cfg_.min_doc_count) kept.push_back(std::move(b));
      }
      out->list = std::move(kept);
    }
    if (!(cfg_.order.criteria.size() == 1 && cfg_.order.IsKeyOrder() &&
          cfg_.order.criteria[0].asc)) {
      cfg_.order.Sort(&out->list);
    }
    return InternalAggPtr(std::move(out));
  }

  Status FillGaps() {
    std::optional<double> lo, hi;
    if (!list.empty()) {
      lo = list.front().NumericKey();
      hi = list.back().NumericKey();
    }
    auto clamp_hard = [&](double k) {
      return (!cfg_.hard_min || k >= cfg_.Round(*cfg_.hard_min)) &&
             (!cfg_.hard_max || k <= *cfg_.hard_max);
    };
    if (cfg_.ext_min) {
      double k = cfg_.Round(*cfg_.ext_min);
      if (clamp_hard(k) && (!lo || k < *lo)) lo = k;
    }
    if (cfg_.ext_max) {
      double k = cfg_.Round(*cfg_.ext_max);
      if (clamp_hard(k) && (!hi || k > *hi)) hi = k;
    }
    if (!lo || !hi) return Status::Ok();
    std::vector<Bucket> filled;
    size_t i = 0;
    int64_t n = 0;
    for (double k = *lo; k <= *hi; k = cfg_.Next(k)) {
      if (++n > kMaxBuckets) return TooManyBuckets(n);
      while (i < list.size() && list[i].NumericKey() < k) filled.push_back(std::move(list[i++]));
      if (i < list.size() && list[i].NumericKey() == k) {
        filled.push_back(std::move(list[i++]));
      } else {
        Bucket e = NewBucket(k);
        e.aggs = EmptyCopies(empty_subs);
        filled.push_back(std::move(e));
      }
      double next = cfg_.Next(k);
      if (!(next > k)) break;
    }
    while (i < list.size()) filled.push_back(std::move(list[i++]));
    list = std::move(filled);
    return Status::Ok();
  }

  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Key("buckets");
    cfg_.keyed ? w->BeginObject() : w->BeginArray();
    for (const Bucket& b : list) {
      std::string as_string;
      if (cfg_.is_date) {
        as_string = format_.FormatLong(b.l);
      } else {
        as_string = format_.shows_string() ? format_.Format(b.d) : format_.Format(b.d);
      }
      if (cfg_.keyed) w->Key(as_string);
      w->BeginObject();
      if (cfg_.is_date) {
        w->Field("key_as_string", as_string);
        w->Field("key", b.l);
      } else {
        w->Field("key", b.d);
        if (format_.shows_string()) w->Field("key_as_string", as_string);
      }
      w->Field("doc_count", b.doc_count);
      QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
      w->EndObject();
    }
    cfg_.keyed ? w->EndObject() : w->EndArray();
    return Status::Ok();
  }

 private:
  HistoConfig cfg_;
  DocFormat format_;
};

class HistogramSpec : public AggSpec {
 public:
  ValuesSourceSpec source;
  HistoConfig cfg;
  std::string time_zone;
  json::value ext_min, ext_max, hard_min, hard_max;
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundHistogram : public BoundAgg {
 public:
  const HistogramSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  BoundValues values;
  BoundSubs subs;
  HistoConfig cfg;
  DocFormat format;  // keys' format (dates in the request's time zone)
  std::unique_ptr<Collector> NewCollector() override;
};

class HistogramCollector : public Collector {
 public:
  explicit HistogramCollector(BoundHistogram* b) : b_(b), lv_(&b->values) {}
  void Collect(uint32_t doc) override {
    lv_.Sync(b_->ctx->leaf);
    double prev = std::nan("");
    lv_.ForEachDouble(doc, [&](double v) {
      if (b_->cfg.hard_min && v < *b_->cfg.hard_min) return;
      if (b_->cfg.hard_max && v > *b_->cfg.hard_max) return;
      double key = b_->cfg.Round(v);
      if (key == prev) return;  // values are sorted: same bucket as the last one
      prev = key;
      // Docs often arrive in time order: the last bucket is the likely one.
      size_t slot;
      if (key == last_key_ && last_slot_ != SIZE_MAX) {
        slot = last_slot_;
      } else {
        auto [it, inserted] = slots_.emplace(key, slots_.size());
        if (inserted) {
          counts_.push_back(0);
          sets_.push_back(b_->subs.NewSet());
        }
        slot = it->second;
        last_key_ = key;
        last_slot_ = slot;
      }
      ++counts_[slot];
      sets_[slot].Collect(doc);
    });
  }
  Result<InternalAggPtr> Build() override {
    auto r = std::make_unique<HistogramResult>(b_->spec->name, b_->spec->meta, b_->cfg, b_->format);
    std::vector<std::pair<double, size_t>> keys(slots_.begin(), slots_.end());
    std::sort(keys.begin(), keys.end());
    for (auto& [key, slot] : keys) {
      Bucket bucket = r->NewBucket(key);
      bucket.doc_count = counts_[slot];
      QUIVER_ASSIGN_OR_RETURN(bucket.aggs, sets_[slot].Build());
      r->list.push_back(std::move(bucket));
    }
    QUIVER_ASSIGN_OR_RETURN(r->empty_subs, b_->subs.BuildEmpty());
    return InternalAggPtr(std::move(r));
  }

 private:
  BoundHistogram* b_;
  LeafValues lv_;
  std::unordered_map<double, size_t> slots_;
  double last_key_ = std::nan("");
  size_t last_slot_ = SIZE_MAX;
  std::vector<int64_t> counts_;
  std::vector<BoundSubs::Set> sets_;
};

std::unique_ptr<Collector> BoundHistogram::NewCollector() {
  return std::make_unique<HistogramCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> HistogramSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundHistogram>();
  b->spec = this;
  b->ctx = ctx;
  ValuesSourceSpec src = source;
  if (cfg.is_date && src.value_type.empty()) src.value_type = "date";
  QUIVER_ASSIGN_OR_RETURN(b->values, BoundValues::Bind(src, *ctx, type, true));
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  b->cfg = cfg;
  DocFormat f = b->values.format();
  if (cfg.is_date && f.kind != DocFormat::Kind::kDate) {
    // date_histogram over a numeric field: keys are still dates.
    f.kind = DocFormat::Kind::kDate;
    if (!source.format.empty()) {
      QUIVER_ASSIGN_OR_RETURN(f.date, schema::DateFormat::Parse(source.format));
    }
  }
  if (cfg.is_date) f.zone = cfg.rounding.zone();
  auto parse = [&](const json::value& v) -> Result<std::optional<double>> {
    if (v.is_null()) return std::optional<double>();
    if (v.is_string() && cfg.is_date) {
      auto ms = f.date.ParseMillis(v.get_string());
      if (!ms.ok()) ms = schema::DateFormat::Default().ParseMillis(v.get_string());
      QUIVER_RETURN_IF_ERROR(ms.status());
      return std::optional<double>(static_cast<double>(*ms));
    }
    QUIVER_ASSIGN_OR_RETURN(double d, DoubleParam(type, "bounds", v));
    return std::optional<double>(d);
  };
  QUIVER_ASSIGN_OR_RETURN(b->cfg.ext_min, parse(ext_min));
  QUIVER_ASSIGN_OR_RETURN(b->cfg.ext_max, parse(ext_max));
  QUIVER_ASSIGN_OR_RETURN(b->cfg.hard_min, parse(hard_min));
  QUIVER_ASSIGN_OR_RETURN(b->cfg.hard_max, parse(hard_max));
  b->format = std::move(f);
  return std::unique_ptr<BoundAgg>(std::move(b));
}

Status ParseBounds(std::string_view type, std::string_view key, const json::value& v,
                   json::value* min, json::value* max) {
  if (!v.is_object()) return UnknownKey(type, key);
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "min") {
      *min = kv.value();
    } else if (kv.key() == "max") {
      *max = kv.value();
    } else {
      return UnknownKey(key, kv.key());
    }
  }
  return Status::Ok();
}

}  // namespace

Result<SpecPtr> ParseHistogramAgg(std::string_view type, const std::string& name,
                                  const json::value& body) {
  auto spec = std::make_shared<HistogramSpec>();
  HistoConfig& cfg = spec->cfg;
  cfg.is_date = type == "date_histogram";
  bool has_interval = false;
  std::string calendar, fixed, legacy;
  json::value offset;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, v, type, &spec->source));
    if (used) continue;
    if (key == "interval") {
      if (cfg.is_date) {
        QUIVER_ASSIGN_OR_RETURN(legacy, StringParam(type, key, v));
      } else {
        QUIVER_ASSIGN_OR_RETURN(cfg.interval, DoubleParam(type, key, v));
      }
      has_interval = true;
    } else if (key == "calendar_interval" && cfg.is_date) {
      QUIVER_ASSIGN_OR_RETURN(calendar, StringParam(type, key, v));
      has_interval = true;
    } else if (key == "fixed_interval" && cfg.is_date) {
      QUIVER_ASSIGN_OR_RETURN(fixed, StringParam(type, key, v));
      has_interval = true;
    } else if (key == "offset") {
      offset = v;
    } else if (key == "time_zone" && cfg.is_date) {
      QUIVER_ASSIGN_OR_RETURN(spec->time_zone, StringParam(type, key, v));
    } else if (key == "min_doc_count") {
      QUIVER_ASSIGN_OR_RETURN(cfg.min_doc_count, IntParam(type, key, v));
      if (cfg.min_doc_count < 0) {
        return Status::InvalidArgument("[minDocCount] must be greater than or equal to 0. Found [" +
                                       std::to_string(cfg.min_doc_count) + "] in [" + name + "]");
      }
    } else if (key == "extended_bounds") {
      QUIVER_RETURN_IF_ERROR(ParseBounds(type, key, v, &spec->ext_min, &spec->ext_max));
    } else if (key == "hard_bounds") {
      QUIVER_RETURN_IF_ERROR(ParseBounds(type, key, v, &spec->hard_min, &spec->hard_max));
    } else if (key == "keyed") {
      QUIVER_ASSIGN_OR_RETURN(cfg.keyed, BoolParam(type, key, v));
    } else if (key == "order") {
      QUIVER_ASSIGN_OR_RETURN(cfg.order, BucketOrder::Parse(v, type));
    } else {
      return UnknownKey(type, key);
    }
  }
  if (!has_interval) {
    if (cfg.is_date) {
      return Status::InvalidArgument("Invalid interval specified, must be non-null and non-empty");
    }
    return Status::InvalidArgument("[interval] must be >0 for histogram aggregation [" + name +
                                   "]");
  }
  if (cfg.is_date) {
    if (!calendar.empty() && !fixed.empty()) {
      return Status::InvalidArgument(
          "Cannot use [fixed_interval] with [calendar_interval] "
          "configuration option.");
    }
    if (!calendar.empty()) {
      QUIVER_ASSIGN_OR_RETURN(cfg.rounding, DateRounding::Calendar(calendar));
    } else if (!fixed.empty()) {
      QUIVER_ASSIGN_OR_RETURN(cfg.rounding, DateRounding::Fixed(fixed));
    } else {
      auto cal = DateRounding::Calendar(legacy);
      if (cal.ok()) {
        cfg.rounding = *cal;
      } else {
        QUIVER_ASSIGN_OR_RETURN(cfg.rounding, DateRounding::Fixed(legacy));
      }
    }
    if (!offset.is_null()) {
      QUIVER_ASSIGN_OR_RETURN(int64_t off,
                              ParseTimeValueMillis(JsonToString(offset).value_or(""), "offset"));
      cfg.rounding.set_offset_ms(off);
    }
    if (!spec->time_zone.empty()) {
      QUIVER_ASSIGN_OR_RETURN(auto zone, TimeZone::Load(spec->time_zone));
      cfg.rounding.set_zone(std::move(zone));
    }
  } else {
    if (!(cfg.interval > 0)) {
      return Status::InvalidArgument("[interval] must be >0 for histogram aggregation [" + name +
                                     "]");
    }
    if (!offset.is_null()) {
      QUIVER_ASSIGN_OR_RETURN(cfg.offset, DoubleParam(type, "offset", offset));
    }
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
