#include "query/agg/agg_parser.h"

#include <set>

#include "query/agg/agg_types.h"

namespace quiver::query::agg {
namespace {

Status ParsingError(std::string msg) {
  return Status::ParseError(std::move(msg)).WithType("parsing_exception");
}

bool IsMetricType(std::string_view t) {
  return t == "avg" || t == "sum" || t == "min" || t == "max" || t == "value_count" ||
         t == "stats" || t == "extended_stats" || t == "weighted_avg" || t == "cardinality" ||
         t == "percentiles" || t == "percentile_ranks" || t == "median_absolute_deviation" ||
         t == "top_hits";
}

Result<SpecPtr> ParseType(std::string_view type, const std::string& name, const json::value& body) {
  if (type == "avg" || type == "sum" || type == "min" || type == "max" || type == "value_count" ||
      type == "stats" || type == "extended_stats" || type == "weighted_avg") {
    return ParseMetricAgg(type, name, body);
  }
  if (type == "cardinality" || type == "percentiles" || type == "percentile_ranks" ||
      type == "median_absolute_deviation") {
    return ParseSketchAgg(type, name, body);
  }
  if (type == "top_hits") return ParseTopHitsAgg(name, body);
  if (type == "terms") return ParseTermsAgg(name, body);
  if (type == "multi_terms") return ParseMultiTermsAgg(name, body);
  if (type == "histogram" || type == "date_histogram") return ParseHistogramAgg(type, name, body);
  if (type == "range" || type == "date_range") return ParseRangeAgg(type, name, body);
  if (type == "filter" || type == "filters" || type == "missing" || type == "global") {
    return ParseSingleBucketAgg(type, name, body);
  }
  if (type == "composite") return ParseCompositeAgg(name, body);
  return ParsingError("Unknown aggregation type [" + std::string(type) + "]");
}

bool KnownButUnsupported(std::string_view t) {
  static const std::set<std::string_view> kTypes = {"significant_terms",
                                                    "significant_text",
                                                    "sampler",
                                                    "diversified_sampler",
                                                    "random_sampler",
                                                    "nested",
                                                    "reverse_nested",
                                                    "children",
                                                    "parent",
                                                    "geo_distance",
                                                    "geohash_grid",
                                                    "geotile_grid",
                                                    "geo_bounds",
                                                    "geo_centroid",
                                                    "ip_range",
                                                    "ip_prefix",
                                                    "auto_date_histogram",
                                                    "variable_width_histogram",
                                                    "rare_terms",
                                                    "adjacency_matrix",
                                                    "scripted_metric",
                                                    "string_stats",
                                                    "boxplot",
                                                    "t_test",
                                                    "rate",
                                                    "top_metrics",
                                                    "matrix_stats",
                                                    "moving_fn",
                                                    "moving_percentiles",
                                                    "bucket_script",
                                                    "serial_diff",
                                                    "percentiles_bucket",
                                                    "extended_stats_bucket",
                                                    "normalize",
                                                    "inference",
                                                    "frequent_item_sets",
                                                    "categorize_text",
                                                    "time_series"};
  return kTypes.count(t) > 0;
}

struct Level {
  AggSpecs specs;
  std::vector<std::shared_ptr<const PipelineSpec>> pipelines;
};

Result<Level> ParseLevel(const json::value& aggs, bool* needs_scores, int depth) {
  Level level;
  if (!aggs.is_object()) {
    return ParsingError("Unexpected token " + std::string(JsonTokenName(aggs)) + " in [aggs].");
  }
  if (depth > 64) return Status::InvalidArgument("aggregations are nested too deeply");
  std::set<std::string> names;
  for (const auto& kv : aggs.get_object()) {
    std::string name(kv.key());
    if (name.find_first_of("[]>") != std::string::npos) {
      return ParsingError("Invalid aggregation name [" + name +
                          "]. Aggregation names can contain any character except '[', ']', and "
                          "'>'");
    }
    if (!names.insert(name).second) {
      return Status::InvalidArgument("Two sibling aggregations cannot have the same name: [" +
                                     name + "]");
    }
    const json::value& def = kv.value();
    if (!def.is_object()) {
      return ParsingError("Aggregation definition for [" + name + " starts with a [" +
                          std::string(JsonTokenName(def)) + "], expected a [START_OBJECT].");
    }
    json::value meta;
    const json::value* sub = nullptr;
    std::string type;
    const json::value* body = nullptr;
    for (const auto& m : def.get_object()) {
      std::string_view key = m.key();
      if (key == "meta") {
        if (!m.value().is_object()) {
          return ParsingError("Expected [START_OBJECT] under [meta], but got a [" +
                              std::string(JsonTokenName(m.value())) + "] in [" + name + "]");
        }
        meta = m.value();
      } else if (key == "aggs" || key == "aggregations") {
        if (sub != nullptr) {
          return ParsingError("Found two sub aggregation definitions under [" + name + "]");
        }
        if (!m.value().is_object()) {
          return ParsingError("Expected [START_OBJECT] under [" + std::string(key) +
                              "], but got a [" + std::string(JsonTokenName(m.value())) + "] in [" +
                              name + "]");
        }
        sub = &m.value();
      } else {
        if (!type.empty()) {
          return ParsingError("Found two aggregation type definitions in [" + name + "]: [" + type +
                              "] and [" + std::string(key) + "]");
        }
        if (!m.value().is_object()) {
          return ParsingError("Expected [START_OBJECT] under [" + std::string(key) +
                              "], but got a [" + std::string(JsonTokenName(m.value())) + "] in [" +
                              name + "]");
        }
        type = std::string(key);
        body = &m.value();
      }
    }
    if (type.empty()) return ParsingError("Missing definition for aggregation [" + name + "]");
    if (IsPipelineType(type)) {
      if (sub != nullptr) {
        return Status::InvalidArgument("Aggregator [" + name + "] of type [" + type +
                                       "] cannot accept sub-aggregations")
            .WithType("aggregation_initialization_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(PipelinePtr p, ParsePipelineAgg(type, name, *body));
      p->name = name;
      p->type = type;
      p->meta = meta;
      level.pipelines.push_back(std::move(p));
      continue;
    }
    if (KnownButUnsupported(type)) {
      return Status::Unsupported("aggregation type [" + type + "] is not supported by Quiver");
    }
    QUIVER_ASSIGN_OR_RETURN(SpecPtr spec, ParseType(type, name, *body));
    spec->name = name;
    spec->type = type;
    spec->meta = meta;
    if (sub != nullptr) {
      if (IsMetricType(type)) {
        return Status::InvalidArgument("Aggregator [" + name + "] of type [" + type +
                                       "] cannot accept sub-aggregations")
            .WithType("aggregation_initialization_exception");
      }
      QUIVER_ASSIGN_OR_RETURN(Level child, ParseLevel(*sub, needs_scores, depth + 1));
      spec->subs = std::move(child.specs);
      spec->pipelines = std::move(child.pipelines);
    }
    *needs_scores |= spec->NeedsScores();
    level.specs.push_back(std::move(spec));
  }
  return level;
}

}  // namespace

Status UnknownKey(std::string_view agg_type, std::string_view key) {
  return Status::ParseError("[" + std::string(agg_type) + "] unknown field [" + std::string(key) +
                            "]")
      .WithType("x_content_parse_exception");
}

Result<int64_t> IntParam(std::string_view agg_type, std::string_view key, const json::value& v) {
  auto i = JsonToInt64(v);
  if (!i) {
    auto d = JsonToDouble(v);
    if (d && std::floor(*d) == *d) return static_cast<int64_t>(*d);
    return Status::ParseError("[" + std::string(agg_type) + "] failed to parse field [" +
                              std::string(key) + "]")
        .WithType("x_content_parse_exception");
  }
  return *i;
}

Result<double> DoubleParam(std::string_view agg_type, std::string_view key, const json::value& v) {
  auto d = JsonToDouble(v);
  if (!d) {
    return Status::ParseError("[" + std::string(agg_type) + "] failed to parse field [" +
                              std::string(key) + "]")
        .WithType("x_content_parse_exception");
  }
  return *d;
}

Result<bool> BoolParam(std::string_view agg_type, std::string_view key, const json::value& v) {
  auto b = JsonToBool(v);
  if (!b) {
    return Status::ParseError("[" + std::string(agg_type) + "] failed to parse field [" +
                              std::string(key) + "]")
        .WithType("x_content_parse_exception");
  }
  return *b;
}

Result<std::string> StringParam(std::string_view agg_type, std::string_view key,
                                const json::value& v) {
  if (v.is_object() || v.is_array() || v.is_null()) {
    return Status::ParseError("[" + std::string(agg_type) + "] " + std::string(key) +
                              " doesn't support values of type: " + std::string(JsonTokenName(v)))
        .WithType("x_content_parse_exception");
  }
  return JsonToString(v).value_or("");
}

Result<AggTree> ParseAggregations(const json::value& aggs) {
  AggTree tree;
  QUIVER_ASSIGN_OR_RETURN(Level level, ParseLevel(aggs, &tree.needs_scores, 0));
  tree.specs = std::move(level.specs);
  tree.pipelines = std::move(level.pipelines);
  return tree;
}

}  // namespace quiver::query::agg
