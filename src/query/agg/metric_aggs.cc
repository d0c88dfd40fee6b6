// avg, sum, min, max, value_count, stats, extended_stats, weighted_avg: one
// compensated (Kahan) running state, as ES's CompensatedSum, rendered per
// type as ES's InternalAvg / InternalSum / InternalStats ... do.
#include <cmath>
#include <limits>

#include "query/agg/agg_types.h"
#include "query/agg/values_source.h"

namespace quiver::query::agg {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Kahan summation, as ES CompensatedSum.
struct KahanSum {
  double value = 0;
  double delta = 0;
  void Add(double v) {
    if (!std::isfinite(v)) {
      value += v;
      return;
    }
    double corrected = v - delta;
    double t = value + corrected;
    delta = (t - value) - corrected;
    value = t;
  }
};

struct StatsState {
  int64_t count = 0;
  KahanSum sum;
  KahanSum sum_of_squares;
  double min = kInf;
  double max = -kInf;
  void Add(double v) {
    ++count;
    sum.Add(v);
    sum_of_squares.Add(v * v);
    min = std::min(min, v);
    max = std::max(max, v);
  }
  void Merge(const StatsState& o) {
    count += o.count;
    sum.Add(o.sum.value);
    sum_of_squares.Add(o.sum_of_squares.value);
    min = std::min(min, o.min);
    max = std::max(max, o.max);
  }
};

enum class Kind { kAvg, kSum, kMin, kMax, kValueCount, kStats, kExtendedStats, kWeightedAvg };

Kind KindOf(std::string_view t) {
  if (t == "avg") return Kind::kAvg;
  if (t == "sum") return Kind::kSum;
  if (t == "min") return Kind::kMin;
  if (t == "max") return Kind::kMax;
  if (t == "value_count") return Kind::kValueCount;
  if (t == "stats") return Kind::kStats;
  if (t == "extended_stats") return Kind::kExtendedStats;
  return Kind::kWeightedAvg;
}

class StatsResult : public InternalAgg {
 public:
  StatsResult(std::string name, json::value meta, Kind kind, DocFormat format, double sigma)
      : InternalAgg(std::move(name), std::move(meta)),
        kind_(kind),
        format_(std::move(format)),
        sigma_(sigma) {}

  StatsState state;
  double weight_sum = 0;  // weighted_avg
  KahanSum weighted;      // weighted_avg: sum of value × weight

  std::string TypeName() const override {
    switch (kind_) {
      case Kind::kAvg:
        return "avg";
      case Kind::kSum:
        return "sum";
      case Kind::kMin:
        return "min";
      case Kind::kMax:
        return "max";
      case Kind::kValueCount:
        return "value_count";
      case Kind::kStats:
        return "stats";
      case Kind::kExtendedStats:
        return "extended_stats";
      case Kind::kWeightedAvg:
        return "weighted_avg";
    }
    return "";
  }

  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    auto out = std::make_unique<StatsResult>(name(), meta(), kind_, format_, sigma_);
    for (auto& p : parts) {
      auto* r = static_cast<StatsResult*>(p.get());
      out->state.Merge(r->state);
      out->weight_sum += r->weight_sum;
      out->weighted.Add(r->weighted.value);
    }
    return InternalAggPtr(std::move(out));
  }

  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<StatsResult>(name(), meta(), kind_, format_, sigma_);
  }

  double Avg() const { return state.count ? state.sum.value / state.count : std::nan(""); }
  double VariancePopulation() const {
    if (state.count == 0) return std::nan("");
    double v = (state.sum_of_squares.value - state.sum.value * state.sum.value / state.count) /
               state.count;
    return v < 0 ? 0 : v;
  }
  double VarianceSampling() const {
    if (state.count == 0) return std::nan("");
    if (state.count == 1) return 0;
    double v = (state.sum_of_squares.value - state.sum.value * state.sum.value / state.count) /
               (state.count - 1);
    return v < 0 ? 0 : v;
  }

  std::optional<double> Value(std::string_view key) const override {
    switch (kind_) {
      case Kind::kAvg:
        return Avg();
      case Kind::kSum:
        return state.sum.value;
      case Kind::kMin:
        return state.min;
      case Kind::kMax:
        return state.max;
      case Kind::kValueCount:
        return static_cast<double>(state.count);
      case Kind::kWeightedAvg:
        return weight_sum != 0 ? weighted.value / weight_sum : std::nan("");
      default:
        break;
    }
    if (key == "count") return static_cast<double>(state.count);
    if (key == "min") return state.min;
    if (key == "max") return state.max;
    if (key == "avg") return Avg();
    if (key == "sum") return state.sum.value;
    if (kind_ != Kind::kExtendedStats) return std::nullopt;
    double avg = Avg();
    if (key == "sum_of_squares") return state.sum_of_squares.value;
    if (key == "variance" || key == "variance_population") return VariancePopulation();
    if (key == "variance_sampling") return VarianceSampling();
    if (key == "std_deviation" || key == "std_deviation_population")
      return std::sqrt(VariancePopulation());
    if (key == "std_deviation_sampling") return std::sqrt(VarianceSampling());
    if (key == "std_upper") return avg + sigma_ * std::sqrt(VariancePopulation());
    if (key == "std_lower") return avg - sigma_ * std::sqrt(VariancePopulation());
    return std::nullopt;
  }

  void WithString(JsonWriter* w, std::string_view key, double v) const {
    if (format_.shows_string() && std::isfinite(v)) w->Field(key, format_.Format(v));
  }

  Status RenderBody(JsonWriter* w, const RenderContext&) const override {
    switch (kind_) {
      case Kind::kAvg:
        WriteMetric(w, "value", Avg());
        if (state.count) WithString(w, "value_as_string", Avg());
        return Status::Ok();
      case Kind::kSum:
        w->Field("value", state.sum.value);
        WithString(w, "value_as_string", state.sum.value);
        return Status::Ok();
      case Kind::kMin:
      case Kind::kMax: {
        double v = kind_ == Kind::kMin ? state.min : state.max;
        WriteMetric(w, "value", v);
        WithString(w, "value_as_string", v);
        return Status::Ok();
      }
      case Kind::kValueCount:
        w->Field("value", state.count);
        return Status::Ok();
      case Kind::kWeightedAvg: {
        double v = weight_sum != 0 ? weighted.value / weight_sum : std::nan("");
        WriteMetric(w, "value", v);
        WithString(w, "value_as_string", v);
        return Status::Ok();
      }
      default:
        break;
    }
    w->Field("count", state.count);
    if (state.count != 0) {
      w->Field("min", state.min);
      w->Field("max", state.max);
      w->Field("avg", Avg());
      w->Field("sum", state.sum.value);
    } else {
      w->Key("min"), w->Null();
      w->Key("max"), w->Null();
      w->Key("avg"), w->Null();
      w->Field("sum", 0.0);
    }
    if (state.count != 0 && format_.shows_string()) {
      w->Field("min_as_string", format_.Format(state.min));
      w->Field("max_as_string", format_.Format(state.max));
      w->Field("avg_as_string", format_.Format(Avg()));
      w->Field("sum_as_string", format_.Format(state.sum.value));
    }
    if (kind_ != Kind::kExtendedStats) return Status::Ok();
    double avg = Avg();
    double pop = VariancePopulation(), samp = VarianceSampling();
    double sd = std::sqrt(pop), sds = std::sqrt(samp);
    auto metric = [&](std::string_view key, double v) {
      if (state.count != 0) {
        w->Field(key, v);
      } else {
        w->Key(key), w->Null();
      }
    };
    metric("sum_of_squares", state.sum_of_squares.value);
    metric("variance", pop);
    metric("variance_population", pop);
    metric("variance_sampling", samp);
    metric("std_deviation", sd);
    metric("std_deviation_population", sd);
    metric("std_deviation_sampling", sds);
    w->Key("std_deviation_bounds");
    w->BeginObject();
    metric("upper", avg + sigma_ * sd);
    metric("lower", avg - sigma_ * sd);
    metric("upper_population", avg + sigma_ * sd);
    metric("lower_population", avg - sigma_ * sd);
    metric("upper_sampling", avg + sigma_ * sds);
    metric("lower_sampling", avg - sigma_ * sds);
    w->EndObject();
    if (state.count != 0 && format_.shows_string()) {
      w->Field("sum_of_squares_as_string", format_.Format(state.sum_of_squares.value));
      w->Field("variance_as_string", format_.Format(pop));
      w->Field("variance_population_as_string", format_.Format(pop));
      w->Field("variance_sampling_as_string", format_.Format(samp));
      w->Field("std_deviation_as_string", format_.Format(sd));
      w->Field("std_deviation_population_as_string", format_.Format(sd));
      w->Field("std_deviation_sampling_as_string", format_.Format(sds));
      w->Key("std_deviation_bounds_as_string");
      w->BeginObject();
      w->Field("upper", format_.Format(avg + sigma_ * sd));
      w->Field("lower", format_.Format(avg - sigma_ * sd));
      w->Field("upper_population", format_.Format(avg + sigma_ * sd));
      w->Field("lower_population", format_.Format(avg - sigma_ * sd));
      w->Field("upper_sampling", format_.Format(avg + sigma_ * sds));
      w->Field("lower_sampling", format_.Format(avg - sigma_ * sds));
      w->EndObject();
    }
    return Status::Ok();
  }

 private:
  Kind kind_;
  DocFormat format_;
  double sigma_;
};

class MetricSpec;

class BoundMetric : public BoundAgg {
 public:
  BoundMetric(const MetricSpec* spec, const LeafState* leaf, BoundValues values,
              std::optional<BoundValues> weights)
      : spec_(spec), leaf_(leaf), values_(std::move(values)), weights_(std::move(weights)) {}
  std::unique_ptr<Collector> NewCollector() override;
  const MetricSpec* spec_;
  const LeafState* leaf_;
  BoundValues values_;
  std::optional<BoundValues> weights_;
};

class MetricSpec : public AggSpec {
 public:
  Kind kind = Kind::kAvg;
  ValuesSourceSpec source;
  ValuesSourceSpec weight;  // weighted_avg
  double sigma = 2.0;

  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override {
    bool numeric_only = kind != Kind::kValueCount;
    QUIVER_ASSIGN_OR_RETURN(BoundValues v, BoundValues::Bind(source, *ctx, type, numeric_only));
    std::optional<BoundValues> w;
    if (kind == Kind::kWeightedAvg) {
      QUIVER_ASSIGN_OR_RETURN(w, BoundValues::Bind(weight, *ctx, type, true));
    }
    return std::unique_ptr<BoundAgg>(
        std::make_unique<BoundMetric>(this, &ctx->leaf, std::move(v), std::move(w)));
  }
};

class MetricCollector : public Collector {
 public:
  MetricCollector(const BoundMetric* bound, const LeafState* leaf)
      : bound_(bound),
        leaf_(leaf),
        values_(&bound->values_),
        weights_(bound->weights_ ? &*bound->weights_ : &bound->values_) {}

  void Collect(uint32_t doc) override {
    values_.Sync(*leaf_);
    Kind kind = bound_->spec_->kind;
    if (kind == Kind::kWeightedAvg) {
      weights_.Sync(*leaf_);
      double weight = std::nan("");
      weights_.ForEachDouble(doc, [&](double w) {
        if (std::isnan(weight)) weight = w;
      });
      if (std::isnan(weight)) return;
      values_.ForEachDouble(doc, [&](double v) {
        weighted_.Add(v * weight);
        weight_sum_ += weight;
      });
      return;
    }
    if (kind == Kind::kValueCount && bound_->values_.kind() == SourceKind::kBytes) {
      uint32_t n = values_.sorted() ? values_.sorted()->Count(doc) : 0;
      if (n == 0 && bound_->values_.has_missing()) n = 1;
      state_.count += n;
      return;
    }
    if (kind == Kind::kValueCount && bound_->values_.kind() == SourceKind::kUnmapped) {
      if (bound_->values_.has_missing()) ++state_.count;
      return;
    }
    values_.ForEachDouble(doc, [this](double v) { state_.Add(v); });
  }

  Result<InternalAggPtr> Build() override {
    const MetricSpec& s = *bound_->spec_;
    auto r =
        std::make_unique<StatsResult>(s.name, s.meta, s.kind, bound_->values_.format(), s.sigma);
    r->state = state_;
    r->weighted = weighted_;
    r->weight_sum = weight_sum_;
    return InternalAggPtr(std::move(r));
  }

 private:
  const BoundMetric* bound_;
  const LeafState* leaf_;
  LeafValues values_;
  LeafValues weights_;
  StatsState state_;
  KahanSum weighted_;
  double weight_sum_ = 0;
};

std::unique_ptr<Collector> BoundMetric::NewCollector() {
  return std::make_unique<MetricCollector>(this, leaf_);
}

Result<ValuesSourceSpec> ParseWeightSource(std::string_view type, std::string_view key,
                                           const json::value& v) {
  ValuesSourceSpec spec;
  if (!v.is_object()) {
    return Status::ParseError("[" + std::string(type) + "] " + std::string(key) +
                              " doesn't support values of type: " + std::string(JsonTokenName(v)))
        .WithType("x_content_parse_exception");
  }
  for (const auto& kv : v.get_object()) {
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(kv.key(), kv.value(), type, &spec));
    if (!used) return UnknownKey(key, kv.key());
  }
  return spec;
}

}  // namespace

Result<SpecPtr> ParseMetricAgg(std::string_view type, const std::string& name,
                               const json::value& body) {
  auto spec = std::make_shared<MetricSpec>();
  spec->kind = KindOf(type);
  bool has_field = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    if (spec->kind == Kind::kWeightedAvg) {
      if (key == "value") {
        QUIVER_ASSIGN_OR_RETURN(spec->source, ParseWeightSource(type, key, kv.value()));
        has_field = true;
        continue;
      }
      if (key == "weight") {
        QUIVER_ASSIGN_OR_RETURN(spec->weight, ParseWeightSource(type, key, kv.value()));
        continue;
      }
      if (key == "format" || key == "value_type") {
        QUIVER_ASSIGN_OR_RETURN(bool used,
                                ParseValuesSourceKey(key, kv.value(), type, &spec->source));
        (void)used;
        continue;
      }
      return UnknownKey(type, key);
    }
    if (spec->kind == Kind::kExtendedStats && key == "sigma") {
      QUIVER_ASSIGN_OR_RETURN(spec->sigma, DoubleParam(type, key, kv.value()));
      if (spec->sigma < 0) {
        return Status::InvalidArgument("[sigma] must be greater than or equal to 0. Found [" +
                                       JsonToString(kv.value()).value_or("") + "] in [" + name +
                                       "]");
      }
      continue;
    }
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, kv.value(), type, &spec->source));
    if (!used) return UnknownKey(type, key);
    has_field |= key == "field";
  }
  if (!has_field && spec->source.missing.is_null()) {
    return Status::InvalidArgument(
        "Required one of fields [field, script], but none were specified. ");
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
