// composite (ES CompositeAggregationBuilder: terms / histogram /
// date_histogram sources, `after` paging, `size`) and multi_terms (ES
// MultiTermsAggregationBuilder): both bucket docs by a tuple of per-source
// keys, a multi-valued doc landing in every combination of its values.
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

// One source of a tuple key.
struct SourceSpec {
  std::string name;
  enum class Kind { kTerms, kHistogram, kDateHistogram } kind = Kind::kTerms;
  ValuesSourceSpec values;
  bool missing_bucket = false;
  bool desc = false;
  double interval = 0;
  DateRounding rounding;
};

class BoundSource {
 public:
  const SourceSpec* spec = nullptr;
  BoundValues values;
  // Appends the key parts of `doc` (deduplicated) to out.
  void Keys(LeafValues& lv, uint32_t doc, std::vector<json::value>* out) const {
    out->clear();
    if (values.kind() == SourceKind::kBytes) {
      const segment::SortedSetDocValues* sv = lv.sorted();
      uint32_t n = sv ? sv->Count(doc) : 0;
      for (uint32_t i = 0; i < n; ++i) {
        out->push_back(json::value(values.format().FormatBytes(sv->Term(sv->Ord(doc, i)))));
      }
      if (n == 0 && values.missing_bytes()) {
        out->push_back(json::value(values.format().FormatBytes(*values.missing_bytes())));
      }
    } else {
      lv.ForEachDouble(doc, [&](double v) {
        json::value k;
        switch (spec->kind) {
          case SourceSpec::Kind::kHistogram:
            k = std::floor(v / spec->interval) * spec->interval;
            break;
          case SourceSpec::Kind::kDateHistogram:
            k = spec->rounding.Round(static_cast<int64_t>(std::floor(v)));
            break;
          case SourceSpec::Kind::kTerms:
            if (values.is_double()) {
              k = v;
            } else {
              k = static_cast<int64_t>(v);
            }
            break;
        }
        if (out->empty() || out->back() != k) out->push_back(std::move(k));
      });
    }
    if (out->empty() && spec->missing_bucket) out->push_back(json::value(nullptr));
  }
};

int ComparePart(const json::value& x, const json::value& y) {
  if (x.is_null() || y.is_null()) return x.is_null() == y.is_null() ? 0 : (x.is_null() ? -1 : 1);
  if (x.is_string() && y.is_string()) {
    return x.get_string() < y.get_string() ? -1 : (x.get_string() > y.get_string() ? 1 : 0);
  }
  double a = JsonToDouble(x).value_or(0), b = JsonToDouble(y).value_or(0);
  return a < b ? -1 : (a > b ? 1 : 0);
}

// ---- composite ----------------------------------------------------------------

struct CompositeConfig {
  std::vector<SourceSpec> sources;
  int64_t size = 10;
  std::vector<json::value> after;  // empty: none
  int Compare(const std::vector<json::value>& a, const std::vector<json::value>& b) const {
    for (size_t i = 0; i < sources.size() && i < a.size() && i < b.size(); ++i) {
      int c = ComparePart(a[i], b[i]);
      if (c != 0) return sources[i].desc ? -c : c;
    }
    return 0;
  }
};

class CompositeResult : public InternalAgg {
 public:
  CompositeResult(std::string name, json::value meta, std::shared_ptr<const CompositeConfig> cfg,
                  std::vector<DocFormat> formats)
      : InternalAgg(std::move(name), std::move(meta)),
        cfg_(std::move(cfg)),
        formats_(std::move(formats)) {}
  std::vector<Bucket> list;
  std::string TypeName() const override { return "composite"; }
  std::vector<Bucket>* buckets() override { return &list; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<CompositeResult>(name(), meta(), cfg_, formats_);
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<CompositeResult>(name(), meta(), cfg_, formats_);
    std::map<std::string, std::vector<Bucket*>> groups;
    for (auto& p : parts) {
      for (Bucket& b : static_cast<CompositeResult*>(p.get())->list) {
        groups[ToJson(json::value(json::array(b.parts.begin(), b.parts.end())))].push_back(&b);
      }
    }
    for (auto& [k, g] : groups) {
      Bucket r;
      r.kind = Bucket::KeyKind::kObject;
      r.parts = g[0]->parts;
      std::vector<InternalAggs> subs;
      for (Bucket* b : g) {
        r.doc_count += b->doc_count;
        subs.push_back(std::move(b->aggs));
      }
      QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
      out->list.push_back(std::move(r));
    }
    std::sort(out->list.begin(), out->list.end(), [this](const Bucket& a, const Bucket& b) {
      return cfg_->Compare(a.parts, b.parts) < 0;
    });
    if (static_cast<int64_t>(out->list.size()) > cfg_->size) {
      out->list.resize(static_cast<size_t>(cfg_->size));
    }
    return InternalAggPtr(std::move(out));
  }
  void WriteKey(JsonWriter* w, const std::vector<json::value>& parts) const {
    w->BeginObject();
    for (size_t i = 0; i < cfg_->sources.size() && i < parts.size(); ++i) {
      w->Key(cfg_->sources[i].name);
      const DocFormat& f = formats_[i];
      if (cfg_->sources[i].kind == SourceSpec::Kind::kDateHistogram &&
          !cfg_->sources[i].values.format.empty() && !parts[i].is_null()) {
        w->String(f.FormatLong(JsonToInt64(parts[i]).value_or(0)));
      } else {
        w->Value(parts[i]);
      }
    }
    w->EndObject();
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    if (!list.empty()) {
      w->Key("after_key");
      WriteKey(w, list.back().parts);
    }
    w->Key("buckets");
    w->BeginArray();
    for (const Bucket& b : list) {
      w->BeginObject();
      w->Key("key");
      WriteKey(w, b.parts);
      w->Field("doc_count", b.doc_count);
      QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
      w->EndObject();
    }
    w->EndArray();
    return Status::Ok();
  }

 private:
  std::shared_ptr<const CompositeConfig> cfg_;
  std::vector<DocFormat> formats_;
};

// ---- multi_terms ------------------------------------------------------------------

struct MultiTermsConfig {
  std::vector<SourceSpec> sources;
  int64_t size = 10;
  int64_t shard_size = 0;
  int64_t min_doc_count = 1;
  BucketOrder order = BucketOrder::CountDesc();
};

class MultiTermsResult : public InternalAgg {
 public:
  MultiTermsResult(std::string name, json::value meta, std::shared_ptr<const MultiTermsConfig> cfg)
      : InternalAgg(std::move(name), std::move(meta)), cfg_(std::move(cfg)) {}
  std::vector<Bucket> list;
  int64_t other_doc_count = 0;
  std::string TypeName() const override { return "multi_terms"; }
  std::vector<Bucket>* buckets() override { return &list; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<MultiTermsResult>(name(), meta(), cfg_);
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts,
                                const ReduceContext& ctx) override {
    auto out = std::make_unique<MultiTermsResult>(name(), meta(), cfg_);
    std::map<std::string, std::vector<Bucket*>> groups;
    for (auto& p : parts) {
      auto* m = static_cast<MultiTermsResult*>(p.get());
      out->other_doc_count += m->other_doc_count;
      for (Bucket& b : m->list) {
        groups[ToJson(json::value(json::array(b.parts.begin(), b.parts.end())))].push_back(&b);
      }
    }
    for (auto& [k, g] : groups) {
      Bucket r;
      r.kind = Bucket::KeyKind::kObject;
      r.parts = g[0]->parts;
      std::vector<InternalAggs> subs;
      for (Bucket* b : g) {
        r.doc_count += b->doc_count;
        subs.push_back(std::move(b->aggs));
      }
      QUIVER_ASSIGN_OR_RETURN(r.aggs, ReduceAggs(std::move(subs), ctx));
      out->list.push_back(std::move(r));
    }
    cfg_->order.Sort(&out->list);
    std::vector<Bucket> kept;
    for (auto& b : out->list) {
      if (b.doc_count < cfg_->min_doc_count) continue;
      if (static_cast<int64_t>(kept.size()) < cfg_->size) {
        kept.push_back(std::move(b));
      } else {
        out->other_doc_count += b.doc_count;
      }
    }
    out->list = std::move(kept);
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Field("doc_count_error_upper_bound", int64_t{0});
    w->Field("sum_other_doc_count", other_doc_count);
    w->Key("buckets");
    w->BeginArray();
    for (const Bucket& b : list) {
      w->BeginObject();
      w->Key("key");
      w->BeginArray();
      std::string as_string;
      for (size_t i = 0; i < b.parts.size(); ++i) {
        w->Value(b.parts[i]);
        if (i > 0) as_string += "|";
        as_string +=
            b.parts[i].is_string() ? std::string(b.parts[i].get_string()) : ToJson(b.parts[i]);
      }
      w->EndArray();
      w->Field("key_as_string", as_string);
      w->Field("doc_count", b.doc_count);
      QUIVER_RETURN_IF_ERROR(RenderAggs(b.aggs, w, ctx));
      w->EndObject();
    }
    w->EndArray();
    return Status::Ok();
  }

 private:
  std::shared_ptr<const MultiTermsConfig> cfg_;
};

// ---- shared collection ----------------------------------------------------------------

class TupleSpec : public AggSpec {
 public:
  bool composite = true;
  std::shared_ptr<CompositeConfig> composite_cfg;
  std::shared_ptr<MultiTermsConfig> multi_cfg;
  const std::vector<SourceSpec>& sources() const {
    return composite ? composite_cfg->sources : multi_cfg->sources;
  }
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundTuple : public BoundAgg {
 public:
  const TupleSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  std::vector<BoundSource> sources;
  BoundSubs subs;
  std::unique_ptr<Collector> NewCollector() override;
};

class TupleCollector : public Collector {
 public:
  explicit TupleCollector(BoundTuple* b) : b_(b) {
    for (const auto& s : b->sources) lvs_.emplace_back(&s.values);
    keys_.resize(b->sources.size());
  }
  void Collect(uint32_t doc) override {
    for (size_t i = 0; i < lvs_.size(); ++i) {
      lvs_[i].Sync(b_->ctx->leaf);
      b_->sources[i].Keys(lvs_[i], doc, &keys_[i]);
      if (keys_[i].empty()) return;
    }
    std::vector<json::value> tuple(keys_.size());
    Emit(0, &tuple, doc);
  }
  Result<InternalAggPtr> Build() override;

 private:
  void Emit(size_t i, std::vector<json::value>* tuple, uint32_t doc) {
    if (i == keys_.size()) {
      if (b_->spec->composite && !b_->spec->composite_cfg->after.empty() &&
          b_->spec->composite_cfg->Compare(*tuple, b_->spec->composite_cfg->after) <= 0) {
        return;
      }
      std::string key = ToJson(json::value(json::array(tuple->begin(), tuple->end())));
      auto [it, inserted] = slots_.emplace(key, parts_.size());
      if (inserted) {
        parts_.push_back(*tuple);
        counts_.push_back(0);
        sets_.push_back(b_->subs.NewSet());
      }
      ++counts_[it->second];
      sets_[it->second].Collect(doc);
      return;
    }
    for (const auto& k : keys_[i]) {
      (*tuple)[i] = k;
      Emit(i + 1, tuple, doc);
    }
  }
  BoundTuple* b_;
  std::vector<LeafValues> lvs_;
  std::vector<std::vector<json::value>> keys_;
  std::unordered_map<std::string, size_t> slots_;
  std::vector<std::vector<json::value>> parts_;
  std::vector<int64_t> counts_;
  std::vector<BoundSubs::Set> sets_;
};

Result<InternalAggPtr> TupleCollector::Build() {
  const TupleSpec& spec = *b_->spec;
  std::vector<Bucket> all;
  for (size_t i = 0; i < parts_.size(); ++i) {
    Bucket b;
    b.kind = Bucket::KeyKind::kObject;
    b.parts = parts_[i];
    b.doc_count = counts_[i];
    b.range_key = std::to_string(i);
    all.push_back(std::move(b));
  }
  if (spec.composite) {
    const CompositeConfig& cfg = *spec.composite_cfg;
    std::sort(all.begin(), all.end(), [&cfg](const Bucket& a, const Bucket& b) {
      return cfg.Compare(a.parts, b.parts) < 0;
    });
    if (static_cast<int64_t>(all.size()) > cfg.size) all.resize(static_cast<size_t>(cfg.size));
    std::vector<DocFormat> formats;
    for (const auto& s : b_->sources) formats.push_back(s.values.format());
    auto r = std::make_unique<CompositeResult>(spec.name, spec.meta, spec.composite_cfg,
                                               std::move(formats));
    for (auto& b : all) {
      QUIVER_ASSIGN_OR_RETURN(b.aggs, sets_[std::stoul(b.range_key)].Build());
      b.range_key.clear();
    }
    r->list = std::move(all);
    return InternalAggPtr(std::move(r));
  }
  const MultiTermsConfig& cfg = *spec.multi_cfg;
  bool by_subs = cfg.order.UsesSubAggs();
  if (by_subs) {
    for (auto& b : all) {
      QUIVER_ASSIGN_OR_RETURN(b.aggs, sets_[std::stoul(b.range_key)].Build());
    }
  }
  cfg.order.Sort(&all);
  auto r = std::make_unique<MultiTermsResult>(spec.name, spec.meta, spec.multi_cfg);
  int64_t shard_size =
      cfg.shard_size > 0 ? cfg.shard_size : static_cast<int64_t>(cfg.size * 1.5 + 10);
  for (size_t i = 0; i < all.size(); ++i) {
    if (static_cast<int64_t>(i) >= shard_size) {
      r->other_doc_count += all[i].doc_count;
      continue;
    }
    if (!by_subs) {
      QUIVER_ASSIGN_OR_RETURN(all[i].aggs, sets_[std::stoul(all[i].range_key)].Build());
    }
    all[i].range_key.clear();
    r->list.push_back(std::move(all[i]));
  }
  return InternalAggPtr(std::move(r));
}

std::unique_ptr<Collector> BoundTuple::NewCollector() {
  return std::make_unique<TupleCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> TupleSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundTuple>();
  b->spec = this;
  b->ctx = ctx;
  for (const SourceSpec& s : sources()) {
    BoundSource bs;
    bs.spec = &s;
    ValuesSourceSpec vs = s.values;
    bool numeric_only = s.kind != SourceSpec::Kind::kTerms;
    if (s.kind == SourceSpec::Kind::kDateHistogram && vs.value_type.empty()) vs.value_type = "date";
    QUIVER_ASSIGN_OR_RETURN(bs.values, BoundValues::Bind(vs, *ctx, type, numeric_only));
    b->sources.push_back(std::move(bs));
  }
  QUIVER_ASSIGN_OR_RETURN(b->subs, BoundSubs::Bind(subs, ctx));
  return std::unique_ptr<BoundAgg>(std::move(b));
}

Result<SourceSpec> ParseSource(std::string_view agg, const std::string& name, std::string_view kind,
                               const json::value& body) {
  SourceSpec s;
  s.name = name;
  if (kind == "terms") {
    s.kind = SourceSpec::Kind::kTerms;
  } else if (kind == "histogram") {
    s.kind = SourceSpec::Kind::kHistogram;
  } else if (kind == "date_histogram") {
    s.kind = SourceSpec::Kind::kDateHistogram;
  } else {
    return Status::ParseError("Unknown source type [" + std::string(kind) + "] in [" +
                              std::string(agg) + "]")
        .WithType("parsing_exception");
  }
  if (!body.is_object()) return UnknownKey(agg, kind);
  std::string calendar, fixed, zone;
  json::value offset;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    QUIVER_ASSIGN_OR_RETURN(bool used, ParseValuesSourceKey(key, v, kind, &s.values));
    if (used) continue;
    if (key == "missing_bucket") {
      QUIVER_ASSIGN_OR_RETURN(s.missing_bucket, BoolParam(kind, key, v));
    } else if (key == "order") {
      s.desc = JsonToString(v).value_or("asc") == "desc";
    } else if (key == "interval" && s.kind == SourceSpec::Kind::kHistogram) {
      QUIVER_ASSIGN_OR_RETURN(s.interval, DoubleParam(kind, key, v));
    } else if (key == "calendar_interval" ||
               (key == "interval" && s.kind == SourceSpec::Kind::kDateHistogram)) {
      QUIVER_ASSIGN_OR_RETURN(calendar, StringParam(kind, key, v));
    } else if (key == "fixed_interval") {
      QUIVER_ASSIGN_OR_RETURN(fixed, StringParam(kind, key, v));
    } else if (key == "time_zone") {
      QUIVER_ASSIGN_OR_RETURN(zone, StringParam(kind, key, v));
    } else if (key == "offset") {
      offset = v;
    } else if (key == "missing_order") {
    } else {
      return UnknownKey(kind, key);
    }
  }
  if (s.kind == SourceSpec::Kind::kHistogram && !(s.interval > 0)) {
    return Status::InvalidArgument("[interval] must be greater than 0 for [histogram] source");
  }
  if (s.kind == SourceSpec::Kind::kDateHistogram) {
    if (!fixed.empty()) {
      QUIVER_ASSIGN_OR_RETURN(s.rounding, DateRounding::Fixed(fixed));
    } else {
      auto cal = DateRounding::Calendar(calendar);
      if (cal.ok()) {
        s.rounding = *cal;
      } else {
        QUIVER_ASSIGN_OR_RETURN(s.rounding, DateRounding::Fixed(calendar));
      }
    }
    if (!zone.empty()) {
      QUIVER_ASSIGN_OR_RETURN(auto z, TimeZone::Load(zone));
      s.rounding.set_zone(std::move(z));
    }
    if (!offset.is_null()) {
      QUIVER_ASSIGN_OR_RETURN(int64_t o,
                              ParseTimeValueMillis(JsonToString(offset).value_or(""), "offset"));
      s.rounding.set_offset_ms(o);
    }
  }
  return s;
}

}  // namespace

Result<SpecPtr> ParseCompositeAgg(const std::string& name, const json::value& body) {
  auto spec = std::make_shared<TupleSpec>();
  spec->composite = true;
  spec->composite_cfg = std::make_shared<CompositeConfig>();
  CompositeConfig& cfg = *spec->composite_cfg;
  json::value after;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    if (key == "sources") {
      if (!v.is_array()) return UnknownKey("composite", key);
      for (const auto& src : v.get_array()) {
        if (!src.is_object() || src.get_object().size() != 1) {
          return Status::ParseError("[composite] sources must be objects with a single key")
              .WithType("parsing_exception");
        }
        const auto& entry = *src.get_object().begin();
        const json::value& def = entry.value();
        if (!def.is_object() || def.get_object().size() != 1) {
          return Status::ParseError("[composite] source [" + std::string(entry.key()) +
                                    "] must have a single type")
              .WithType("parsing_exception");
        }
        const auto& typed = *def.get_object().begin();
        QUIVER_ASSIGN_OR_RETURN(SourceSpec s, ParseSource("composite", std::string(entry.key()),
                                                          typed.key(), typed.value()));
        cfg.sources.push_back(std::move(s));
      }
    } else if (key == "size") {
      QUIVER_ASSIGN_OR_RETURN(cfg.size, IntParam("composite", key, v));
    } else if (key == "after") {
      after = v;
    } else {
      return UnknownKey("composite", key);
    }
  }
  if (cfg.sources.empty()) {
    return Status::InvalidArgument("Composite [sources] cannot be null or empty");
  }
  if (after.is_object()) {
    for (const auto& s : cfg.sources) {
      const json::value* a = JsonFind(after, s.name);
      if (a == nullptr) {
        return Status::InvalidArgument("Missing value for [after." + s.name + "]");
      }
      json::value part = *a;
      if (s.kind == SourceSpec::Kind::kDateHistogram && part.is_string()) {
        auto ms = schema::DateFormat::Default().ParseMillis(part.get_string());
        if (ms.ok()) part = *ms;
      }
      cfg.after.push_back(std::move(part));
    }
  }
  (void)name;
  return SpecPtr(spec);
}

Result<SpecPtr> ParseMultiTermsAgg(const std::string& name, const json::value& body) {
  auto spec = std::make_shared<TupleSpec>();
  spec->composite = false;
  spec->multi_cfg = std::make_shared<MultiTermsConfig>();
  MultiTermsConfig& cfg = *spec->multi_cfg;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    if (key == "terms") {
      if (!v.is_array()) return UnknownKey("multi_terms", key);
      for (const auto& t : v.get_array()) {
        QUIVER_ASSIGN_OR_RETURN(SourceSpec s, ParseSource("multi_terms", "", "terms", t));
        cfg.sources.push_back(std::move(s));
      }
    } else if (key == "size") {
      QUIVER_ASSIGN_OR_RETURN(cfg.size, IntParam("multi_terms", key, v));
    } else if (key == "shard_size") {
      QUIVER_ASSIGN_OR_RETURN(cfg.shard_size, IntParam("multi_terms", key, v));
    } else if (key == "min_doc_count") {
      QUIVER_ASSIGN_OR_RETURN(cfg.min_doc_count, IntParam("multi_terms", key, v));
    } else if (key == "order") {
      QUIVER_ASSIGN_OR_RETURN(cfg.order, BucketOrder::Parse(v, "multi_terms"));
    } else if (key == "shard_min_doc_count" || key == "show_term_doc_count_error" ||
               key == "collect_mode") {
    } else {
      return UnknownKey("multi_terms", key);
    }
  }
  if (cfg.sources.size() < 2) {
    return Status::InvalidArgument("The [terms] parameter in the aggregation [" + name +
                                   "] must be present and have at least 2 fields or scripts.");
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
