// Pipeline aggregations, run on the final reduced tree (ES
// PipelineAggregator): sibling pipelines (avg/sum/min/max/stats_bucket)
// read a metric across the buckets of a sibling multi-bucket aggregation
// and add a new result next to it; parent pipelines (derivative,
// cumulative_sum, bucket_sort) rewrite the buckets of the histogram or
// terms they sit in.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/strings.h"
#include "query/agg/agg_types.h"
#include "query/agg/bucket_order.h"

namespace quiver::query::agg {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

enum class GapPolicy { kSkip, kInsertZeros, kKeepValues };

Status PathError(const std::string& path) {
  return Status::InvalidArgument("No aggregation found for path [" + path + "]")
      .WithType("illegal_argument_exception");
}

class ValueResult : public InternalAgg {
 public:
  ValueResult(std::string name, json::value meta, std::string type, double value)
      : InternalAgg(std::move(name), std::move(meta)), type_(std::move(type)), value(value) {}
  std::string type_;
  double value;
  std::vector<std::string> keys;  // min_bucket / max_bucket
  bool with_keys = false;
  double normalized = std::nan("");  // derivative with unit
  std::string TypeName() const override { return type_; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<ValueResult>(name(), meta(), type_, std::nan(""));
  }
  std::optional<double> Value(std::string_view key) const override {
    if (key == "normalized_value") return normalized;
    return value;
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    return std::move(parts[0]);
  }
  Status RenderBody(JsonWriter* w, const RenderContext&) const override {
    WriteMetric(w, "value", value);
    if (!std::isnan(normalized)) w->Field("normalized_value", normalized);
    if (with_keys) {
      w->Key("keys");
      w->BeginArray();
      for (const auto& k : keys) w->String(k);
      w->EndArray();
    }
    return Status::Ok();
  }
};

class StatsBucketResult : public InternalAgg {
 public:
  using InternalAgg::InternalAgg;
  int64_t count = 0;
  double sum = 0, min = kInf, max = -kInf;
  std::string TypeName() const override { return "stats_bucket"; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<StatsBucketResult>(name(), meta());
  }
  std::optional<double> Value(std::string_view key) const override {
    if (key == "count") return static_cast<double>(count);
    if (key == "sum") return sum;
    if (key == "min") return min;
    if (key == "max") return max;
    if (key == "avg") return count ? sum / count : std::nan("");
    return std::nullopt;
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    return std::move(parts[0]);
  }
  Status RenderBody(JsonWriter* w, const RenderContext&) const override {
    w->Field("count", count);
    if (count != 0) {
      w->Field("min", min);
      w->Field("max", max);
      w->Field("avg", sum / count);
      w->Field("sum", sum);
    } else {
      w->Key("min"), w->Null();
      w->Key("max"), w->Null();
      w->Key("avg"), w->Null();
      w->Field("sum", 0.0);
    }
    return Status::Ok();
  }
};

// A bucket's value under a gap policy; nullopt: skip the bucket.
std::optional<double> GapValue(const Bucket& b, const std::string& path, GapPolicy gap) {
  std::optional<double> v = ResolveBucketPath(b, path);
  double x = v.value_or(std::nan(""));
  if (std::isnan(x) || std::isinf(x)) {
    if (gap == GapPolicy::kInsertZeros) return 0.0;
    return std::nullopt;
  }
  return x;
}

class SiblingPipeline : public PipelineSpec {
 public:
  std::string path;
  GapPolicy gap = GapPolicy::kSkip;

  Status ApplySibling(InternalAggs* siblings) const override {
    size_t gt = path.find('>');
    std::string first = path.substr(0, gt);
    std::string rest = gt == std::string::npos ? "_count" : path.substr(gt + 1);
    InternalAgg* agg = FindAgg(*siblings, first);
    if (agg == nullptr) return PathError(path);
    std::vector<Bucket>* buckets = agg->buckets();
    if (buckets == nullptr) {
      return Status::InvalidArgument(
          "The first aggregation in buckets_path must be a "
          "multi-bucket aggregation for aggregation [" +
          name + "] found :" + agg->TypeName() + " for buckets path: " + path);
    }
    int64_t count = 0;
    double sum = 0, min = kInf, max = -kInf;
    std::vector<std::string> min_keys, max_keys;
    for (const Bucket& b : *buckets) {
      if (b.removed) continue;
      std::optional<double> v = GapValue(b, rest, gap);
      if (!v) continue;
      ++count;
      sum += *v;
      if (*v < min) {
        min = *v;
        min_keys.clear();
      }
      if (*v == min) min_keys.push_back(agg->BucketKeyString(b));
      if (*v > max) {
        max = *v;
        max_keys.clear();
      }
      if (*v == max) max_keys.push_back(agg->BucketKeyString(b));
    }
    if (type == "stats_bucket") {
      auto r = std::make_unique<StatsBucketResult>(name, meta);
      r->count = count;
      r->sum = sum;
      r->min = min;
      r->max = max;
      siblings->push_back(std::move(r));
      return Status::Ok();
    }
    double value = std::nan("");
    if (type == "avg_bucket") value = count ? sum / count : std::nan("");
    if (type == "sum_bucket") value = sum;
    auto r = std::make_unique<ValueResult>(name, meta, "simple_value", value);
    if (type == "min_bucket" || type == "max_bucket") {
      r->type_ = "bucket_metric_value";
      r->with_keys = true;
      r->value = type == "min_bucket" ? min : max;
      r->keys = type == "min_bucket" ? min_keys : max_keys;
      if (count == 0) r->value = type == "min_bucket" ? kInf : -kInf;
    }
    siblings->push_back(std::move(r));
    return Status::Ok();
  }
};

class ParentPipeline : public PipelineSpec {
 public:
  std::string path;
  GapPolicy gap = GapPolicy::kSkip;
  // bucket_sort
  BucketOrder sort;
  bool has_sort = false;
  int64_t from = 0;
  int64_t size = -1;
  // derivative unit in millis (0: none)
  double unit_ms = 0;

  bool is_parent() const override { return true; }

  Status ApplyParent(InternalAgg* parent) const override {
    std::vector<Bucket>* buckets = parent->buckets();
    if (buckets == nullptr) {
      return Status::InvalidArgument(
          type + " aggregation [" + name +
          "] must have a histogram, date_histogram or auto_date_histogram as parent");
    }
    if (type == "bucket_sort") {
      if (has_sort) sort.Sort(buckets);
      size_t begin = std::min(buckets->size(), static_cast<size_t>(from));
      size_t end =
          size < 0 ? buckets->size() : std::min(buckets->size(), begin + static_cast<size_t>(size));
      std::vector<Bucket> kept;
      for (size_t i = begin; i < end; ++i) kept.push_back(std::move((*buckets)[i]));
      *buckets = std::move(kept);
      return Status::Ok();
    }
    if (type == "cumulative_sum") {
      double sum = 0;
      for (Bucket& b : *buckets) {
        std::optional<double> v = ResolveBucketPath(b, path);
        double x = v.value_or(std::nan(""));
        if (!std::isnan(x) && !std::isinf(x)) sum += x;
        b.aggs.push_back(std::make_unique<ValueResult>(name, meta, "simple_value", sum));
      }
      return Status::Ok();
    }
    // derivative
    std::optional<double> last;
    double last_key = 0;
    for (Bucket& b : *buckets) {
      std::optional<double> v = GapValue(b, path, gap);
      if (gap == GapPolicy::kKeepValues && !v) v = ResolveBucketPath(b, path);
      if (last && v) {
        auto r = std::make_unique<ValueResult>(name, meta, "derivative", *v - *last);
        if (unit_ms > 0) r->normalized = (*v - *last) / ((b.NumericKey() - last_key) / unit_ms);
        b.aggs.push_back(std::move(r));
      } else if (last || v) {
        // The first bucket (and skipped gaps) have no derivative.
      }
      if (v) {
        last = v;
        last_key = b.NumericKey();
      }
    }
    return Status::Ok();
  }
};

Result<GapPolicy> ParseGap(const json::value& v) {
  std::string s = JsonToString(v).value_or("");
  if (s == "skip") return GapPolicy::kSkip;
  if (s == "insert_zeros") return GapPolicy::kInsertZeros;
  if (s == "keep_values") return GapPolicy::kKeepValues;
  return Status::InvalidArgument("Unknown gap policy [" + s + "]");
}

Result<BucketOrder> ParseSortList(const json::value& v) {
  BucketOrder order;
  auto one = [&](const json::value& s) -> Status {
    if (s.is_string()) {
      order.criteria.push_back({std::string(s.get_string()), true});
      return Status::Ok();
    }
    if (!s.is_object()) return Status::InvalidArgument("bucket_sort [sort] must be objects");
    for (const auto& kv : s.get_object()) {
      std::string dir = "asc";
      if (kv.value().is_string()) {
        dir = std::string(kv.value().get_string());
      } else if (const json::value* o = JsonFind(kv.value(), "order")) {
        dir = JsonToString(*o).value_or("asc");
      }
      std::string path(kv.key());
      if (path == "_term") path = "_key";
      order.criteria.push_back({path, dir == "asc"});
    }
    return Status::Ok();
  };
  if (v.is_array()) {
    for (const auto& s : v.get_array()) QUIVER_RETURN_IF_ERROR(one(s));
  } else {
    QUIVER_RETURN_IF_ERROR(one(v));
  }
  return order;
}

}  // namespace

bool IsPipelineType(std::string_view type) {
  return type == "avg_bucket" || type == "sum_bucket" || type == "min_bucket" ||
         type == "max_bucket" || type == "stats_bucket" || type == "derivative" ||
         type == "cumulative_sum" || type == "bucket_sort" || type == "bucket_selector";
}

Result<PipelinePtr> ParsePipelineAgg(std::string_view type, const std::string& name,
                                     const json::value& body) {
  if (type == "bucket_selector") {
    return Status::Unsupported("[bucket_selector] needs a script, which Quiver does not support");
  }
  bool sibling = type.size() > 7 && type.substr(type.size() - 7) == "_bucket";
  std::string path;
  GapPolicy gap = GapPolicy::kSkip;
  auto parent = std::make_shared<ParentPipeline>();
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    if (key == "buckets_path") {
      if (v.is_array() && v.get_array().size() == 1) {
        path = JsonToString(v.get_array()[0]).value_or("");
      } else {
        QUIVER_ASSIGN_OR_RETURN(path, StringParam(type, key, v));
      }
    } else if (key == "gap_policy") {
      QUIVER_ASSIGN_OR_RETURN(gap, ParseGap(v));
    } else if (key == "format") {
      // Values are shown raw.
    } else if (type == "bucket_sort" && key == "sort") {
      QUIVER_ASSIGN_OR_RETURN(parent->sort, ParseSortList(v));
      parent->has_sort = !parent->sort.criteria.empty();
    } else if (type == "bucket_sort" && key == "from") {
      QUIVER_ASSIGN_OR_RETURN(parent->from, IntParam(type, key, v));
    } else if (type == "bucket_sort" && key == "size") {
      QUIVER_ASSIGN_OR_RETURN(parent->size, IntParam(type, key, v));
    } else if (type == "derivative" && key == "unit") {
      std::string unit = JsonToString(v).value_or("");
      static const std::pair<const char*, double> kUnits[] = {
          {"second", 1e3}, {"1s", 1e3},     {"minute", 6e4}, {"1m", 6e4},       {"hour", 3.6e6},
          {"1h", 3.6e6},   {"day", 8.64e7}, {"1d", 8.64e7},  {"week", 6.048e8}, {"1w", 6.048e8}};
      for (const auto& [n, ms] : kUnits) {
        if (unit == n) parent->unit_ms = ms;
      }
      if (parent->unit_ms == 0) return Status::InvalidArgument("Unknown unit [" + unit + "]");
    } else {
      return UnknownKey(type, key);
    }
  }
  if (path.empty() && type != "bucket_sort") {
    return Status::InvalidArgument("[buckets_path] must be set for aggregation [" + name + "]")
        .WithType("action_request_validation_exception");
  }
  if (sibling) {
    auto s = std::make_shared<SiblingPipeline>();
    s->path = path;
    s->gap = gap;
    return PipelinePtr(s);
  }
  parent->path = path;
  parent->gap = gap;
  return PipelinePtr(parent);
}

}  // namespace quiver::query::agg
