// cardinality (HyperLogLog), percentiles / percentile_ranks and
// median_absolute_deviation (t-digest): metrics whose shard results are
// mergeable sketches.
#include <cmath>
#include <memory>

#include "common/strings.h"
#include "query/agg/agg_types.h"
#include "query/agg/hyperloglog.h"
#include "query/agg/tdigest.h"
#include "query/agg/values_source.h"
#include "segment/bit_packing.h"

namespace quiver::query::agg {
namespace {

std::string JavaDouble(double v) {
  std::string s;
  AppendJsonDouble(&s, v);
  return s;
}

// ---- cardinality -------------------------------------------------------------

class CardinalityResult : public InternalAgg {
 public:
  CardinalityResult(std::string name, json::value meta, int64_t threshold)
      : InternalAgg(std::move(name), std::move(meta)), hll(threshold) {}
  HyperLogLog hll;
  std::string TypeName() const override { return "cardinality"; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<CardinalityResult>(name(), meta(), hll.threshold());
  }
  std::optional<double> Value(std::string_view) const override {
    return static_cast<double>(hll.Cardinality());
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    auto out = std::make_unique<CardinalityResult>(name(), meta(), hll.threshold());
    for (auto& p : parts) out->hll.Merge(static_cast<CardinalityResult*>(p.get())->hll);
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext&) const override {
    w->Field("value", hll.Cardinality());
    return Status::Ok();
  }
};

// ---- t-digest metrics ----------------------------------------------------------

enum class DigestKind { kPercentiles, kRanks, kMad };

class DigestResult : public InternalAgg {
 public:
  DigestResult(std::string name, json::value meta, DigestKind kind, std::vector<double> keys,
               bool keyed, DocFormat format, double compression)
      : InternalAgg(std::move(name), std::move(meta)),
        digest(compression),
        kind_(kind),
        keys_(std::move(keys)),
        keyed_(keyed),
        format_(std::move(format)) {}
  TDigest digest;

  std::string TypeName() const override {
    switch (kind_) {
      case DigestKind::kPercentiles:
        return "tdigest_percentiles";
      case DigestKind::kRanks:
        return "tdigest_percentile_ranks";
      case DigestKind::kMad:
        return "median_absolute_deviation";
    }
    return "";
  }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<DigestResult>(name(), meta(), kind_, keys_, keyed_, format_,
                                          digest.compression());
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    auto out = std::make_unique<DigestResult>(name(), meta(), kind_, keys_, keyed_, format_,
                                              digest.compression());
    for (auto& p : parts) out->digest.Merge(static_cast<DigestResult*>(p.get())->digest);
    return InternalAggPtr(std::move(out));
  }

  double Mad() const {
    if (digest.empty()) return std::nan("");
    double median = digest.Quantile(0.5);
    TDigest deviations(digest.compression());
    for (const auto& c : digest.centroids()) deviations.Add(std::fabs(c.mean - median), c.weight);
    return deviations.Quantile(0.5);
  }
  double At(double key) const {
    if (kind_ == DigestKind::kRanks) {
      double cdf = digest.Cdf(key);
      return std::isnan(cdf) ? cdf : std::min(100.0, std::max(0.0, cdf * 100));
    }
    return digest.Quantile(key / 100);
  }
  std::optional<double> Value(std::string_view key) const override {
    if (kind_ == DigestKind::kMad) return Mad();
    if (key.empty()) return std::nullopt;
    double k = std::strtod(std::string(key).c_str(), nullptr);
    return At(k);
  }

  Status RenderBody(JsonWriter* w, const RenderContext&) const override {
    if (kind_ == DigestKind::kMad) {
      double v = Mad();
      WriteMetric(w, "value", v);
      if (format_.shows_string() && std::isfinite(v))
        w->Field("value_as_string", format_.Format(v));
      return Status::Ok();
    }
    w->Key("values");
    keyed_ ? w->BeginObject() : w->BeginArray();
    for (double k : keys_) {
      double v = At(k);
      if (keyed_) {
        std::string key = JavaDouble(k);
        WriteMetric(w, key, v);
        if (format_.shows_string() && std::isfinite(v)) {
          w->Field(key + "_as_string", format_.Format(v));
        }
      } else {
        w->BeginObject();
        w->Field("key", k);
        WriteMetric(w, "value", v);
        if (format_.shows_string() && std::isfinite(v)) {
          w->Field("value_as_string", format_.Format(v));
        }
        w->EndObject();
      }
    }
    keyed_ ? w->EndObject() : w->EndArray();
    return Status::Ok();
  }

 private:
  DigestKind kind_;
  std::vector<double> keys_;
  bool keyed_;
  DocFormat format_;
};

// ---- specs and collectors --------------------------------------------------------

class SketchSpec : public AggSpec {
 public:
  ValuesSourceSpec source;
  bool cardinality = false;
  DigestKind kind = DigestKind::kPercentiles;
  int64_t threshold = 3000;
  double compression = 100;
  std::vector<double> keys{1, 5, 25, 50, 75, 95, 99};
  bool keyed = true;
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundSketch : public BoundAgg {
 public:
  const SketchSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  BoundValues values;
  std::unique_ptr<Collector> NewCollector() override;
};

class SketchCollector : public Collector {
 public:
  explicit SketchCollector(BoundSketch* b) : b_(b), lv_(&b->values) {
    const SketchSpec& s = *b->spec;
    if (s.cardinality) {
      card_ = std::make_unique<CardinalityResult>(s.name, s.meta, s.threshold);
    } else {
      digest_ = std::make_unique<DigestResult>(s.name, s.meta, s.kind, s.keys, s.keyed,
                                               b->values.format(), s.compression);
    }
  }
  void Collect(uint32_t doc) override {
    lv_.Sync(b_->ctx->leaf);
    if (digest_) {
      lv_.ForEachDouble(doc, [this](double v) { digest_->digest.Add(v); });
      return;
    }
    const BoundValues& src = b_->values;
    if (src.kind() == SourceKind::kBytes ||
        (src.kind() == SourceKind::kUnmapped && src.missing_bytes())) {
      const segment::SortedSetDocValues* sv = lv_.sorted();
      uint32_t n = sv ? sv->Count(doc) : 0;
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t ord = sv->Ord(doc, i);
        // Hash each ordinal once per segment.
        if (seg_ != b_->ctx->leaf.ord) {
          seg_ = b_->ctx->leaf.ord;
          seen_.assign(sv->num_terms(), false);
        }
        if (seen_[ord]) continue;
        seen_[ord] = true;
        std::string_view t = sv->Term(ord);
        card_->hll.AddHash(HashBytes(t.data(), t.size()));
      }
      if (n == 0 && src.missing_bytes()) {
        const std::string& m = *src.missing_bytes();
        card_->hll.AddHash(HashBytes(m.data(), m.size()));
      }
      return;
    }
    lv_.ForEachDouble(doc, [&](double v) {
      card_->hll.AddHash(src.is_double() ? HashLong(segment::DoubleToSortable(v))
                                         : HashLong(static_cast<int64_t>(v)));
    });
  }
  Result<InternalAggPtr> Build() override {
    if (card_) return InternalAggPtr(std::move(card_));
    return InternalAggPtr(std::move(digest_));
  }

 private:
  BoundSketch* b_;
  LeafValues lv_;
  std::unique_ptr<CardinalityResult> card_;
  std::unique_ptr<DigestResult> digest_;
  uint32_t seg_ = UINT32_MAX;
  std::vector<bool> seen_;
};

std::unique_ptr<Collector> BoundSketch::NewCollector() {
  return std::make_unique<SketchCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> SketchSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundSketch>();
  b->spec = this;
  b->ctx = ctx;
  QUIVER_ASSIGN_OR_RETURN(b->values, BoundValues::Bind(source, *ctx, type, !cardinality));
  return std::unique_ptr<BoundAgg>(std::move(b));
}

Status ParseTDigestOptions(std::string_view type, const std::string& name, const json::value& v,
                           SketchSpec* spec) {
  if (!v.is_object()) return UnknownKey(type, "tdigest");
  for (const auto& kv : v.get_object()) {
    if (kv.key() == "compression") {
      QUIVER_ASSIGN_OR_RETURN(spec->compression, DoubleParam(type, "compression", kv.value()));
      if (spec->compression < 0) {
        return Status::InvalidArgument("[compression] must be greater than or equal to 0. Found [" +
                                       JavaDouble(spec->compression) + "] in [" + name + "]");
      }
    } else if (kv.key() == "execution_hint") {
      // default / high_accuracy: one implementation here.
    } else {
      return UnknownKey("tdigest", kv.key());
    }
  }
  return Status::Ok();
}

}  // namespace

Result<SpecPtr> ParseSketchAgg(std::string_view type, const std::string& name,
                               const json::value& body) {
  auto spec = std::make_shared<SketchSpec>();
  spec->cardinality = type == "cardinality";
  if (type == "percentile_ranks") spec->kind = DigestKind::kRanks;
  if (type == "median_absolute_deviation") spec->kind = DigestKind::kMad;
  if (type == "median_absolute_deviation") spec->compression = 1000;
  bool has_values = false;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, v, type, &spec->source));
    if (used) continue;
    if (spec->cardinality && key == "precision_threshold") {
      QUIVER_ASSIGN_OR_RETURN(spec->threshold, IntParam(type, key, v));
      if (spec->threshold < 0) {
        return Status::InvalidArgument(
            "[precisionThreshold] must be greater than or equal to 0. Found [" +
            std::to_string(spec->threshold) + "] in [" + name + "]");
      }
    } else if (spec->cardinality && key == "execution_hint") {
    } else if (!spec->cardinality && type != "median_absolute_deviation" &&
               (key == "percents" || key == "values")) {
      if ((type == "percentiles") != (key == "percents")) return UnknownKey(type, key);
      if (!v.is_array()) {
        return Status::ParseError(
                   "[" + std::string(type) + "] " + std::string(key) +
                   " doesn't support values of type: " + std::string(JsonTokenName(v)))
            .WithType("x_content_parse_exception");
      }
      spec->keys.clear();
      for (const auto& x : v.get_array()) {
        if (!x.is_number()) {
          return Status::ParseError("[" + std::string(type) + "] failed to parse field [" +
                                    std::string(key) + "]")
              .WithType("x_content_parse_exception");
        }
        double d = *JsonToDouble(x);
        if (key == "percents" && (d < 0 || d > 100)) {
          return Status::InvalidArgument("percent must be in [0,100], got [" + JavaDouble(d) + "]");
        }
        spec->keys.push_back(d);
      }
      if (spec->keys.empty()) {
        return Status::InvalidArgument("[" + std::string(key) + "] must not be empty: [" + name +
                                       "]");
      }
      if (key == "percents") std::sort(spec->keys.begin(), spec->keys.end());
      has_values = true;
    } else if (!spec->cardinality && type != "median_absolute_deviation" && key == "keyed") {
      QUIVER_ASSIGN_OR_RETURN(spec->keyed, BoolParam(type, key, v));
    } else if (!spec->cardinality && type != "median_absolute_deviation" && key == "tdigest") {
      QUIVER_RETURN_IF_ERROR(ParseTDigestOptions(type, name, v, spec.get()));
    } else if (type == "median_absolute_deviation" && key == "compression") {
      QUIVER_ASSIGN_OR_RETURN(spec->compression, DoubleParam(type, key, v));
      if (spec->compression <= 0) {
        return Status::InvalidArgument("[compression] must be greater than 0. Found [" +
                                       JavaDouble(spec->compression) + "] in [" + name + "]");
      }
    } else if (key == "hdr") {
      return Status::Unsupported("[hdr] percentiles are not supported by Quiver");
    } else if (key == "method") {
      if (JsonToString(v).value_or("") != "tdigest") {
        return Status::Unsupported("[hdr] percentiles are not supported by Quiver");
      }
    } else {
      return UnknownKey(type, key);
    }
  }
  if (type == "percentile_ranks" && !has_values) {
    return Status::InvalidArgument("[values] must not be null: [" + name + "]");
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
