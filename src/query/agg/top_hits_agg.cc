// top_hits (ES TopHitsAggregationBuilder): the best `from + size` docs of
// each bucket by score or by doc-value sort keys, merged across shards; the
// hits themselves are rendered by the search layer's fetch phase
// (RenderContext::render_hit) with the aggregation's own _source /
// docvalue_fields / highlight options.
#include <algorithm>
#include <cmath>

#include "query/agg/agg_types.h"
#include "segment/bit_packing.h"
#include "segment/segment_reader.h"

namespace quiver::query::agg {
namespace {

using HitRef = RenderContext::HitRef;

struct TopHitsConfig {
  int64_t from = 0;
  int64_t size = 3;
  std::vector<SortField> sort;  // empty: by score
  json::value options;          // the aggregation body, for the fetch phase
};

bool Before(const TopHitsConfig& cfg, const HitRef& a, const HitRef& b) {
  if (cfg.sort.empty()) {
    if (a.score != b.score) return a.score > b.score;
  } else {
    int c = CompareSortValues(cfg.sort, a.sort, b.sort);
    if (c != 0) return c < 0;
  }
  if (a.shard != b.shard) return a.shard < b.shard;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.doc < b.doc;
}

class TopHitsResult : public InternalAgg {
 public:
  TopHitsResult(std::string name, json::value meta, std::shared_ptr<const TopHitsConfig> cfg)
      : InternalAgg(std::move(name), std::move(meta)), cfg_(std::move(cfg)) {}
  int64_t total = 0;
  float max_score = -INFINITY;
  std::vector<HitRef> hits;  // best first

  std::string TypeName() const override { return "top_hits"; }
  InternalAggPtr EmptyCopy() const override {
    return std::make_unique<TopHitsResult>(name(), meta(), cfg_);
  }
  std::optional<double> Value(std::string_view key) const override {
    if (hits.empty()) return std::nullopt;
    if (key.empty() || key == "_score") return hits[0].score;
    return std::nullopt;
  }
  Result<InternalAggPtr> Reduce(std::vector<InternalAggPtr> parts, const ReduceContext&) override {
    auto out = std::make_unique<TopHitsResult>(name(), meta(), cfg_);
    std::vector<HitRef> all;
    for (auto& p : parts) {
      auto* t = static_cast<TopHitsResult*>(p.get());
      out->total += t->total;
      out->max_score = std::max(out->max_score, t->max_score);
      for (auto& h : t->hits) all.push_back(std::move(h));
    }
    std::sort(all.begin(), all.end(),
              [this](const HitRef& a, const HitRef& b) { return Before(*cfg_, a, b); });
    size_t begin = std::min(all.size(), static_cast<size_t>(cfg_->from));
    size_t end = std::min(all.size(), begin + static_cast<size_t>(cfg_->size));
    for (size_t i = begin; i < end; ++i) out->hits.push_back(std::move(all[i]));
    return InternalAggPtr(std::move(out));
  }
  Status RenderBody(JsonWriter* w, const RenderContext& ctx) const override {
    w->Key("hits");
    w->BeginObject();
    w->Key("total");
    w->BeginObject();
    w->Field("value", total);
    w->Field("relation", "eq");
    w->EndObject();
    w->Key("max_score");
    if (cfg_->sort.empty() && std::isfinite(max_score)) {
      w->Float(max_score);
    } else {
      w->Null();
    }
    w->Key("hits");
    w->BeginArray();
    for (const HitRef& h : hits) {
      if (ctx.render_hit) {
        QUIVER_ASSIGN_OR_RETURN(std::string hit, ctx.render_hit(h, cfg_->options));
        w->Raw(hit);
      } else {
        w->BeginObject();
        w->Field("_shard", static_cast<int64_t>(h.shard));
        w->Field("_doc", static_cast<int64_t>(h.doc));
        w->EndObject();
      }
    }
    w->EndArray();
    w->EndObject();
    return Status::Ok();
  }

 private:
  std::shared_ptr<const TopHitsConfig> cfg_;
};

class TopHitsSpec : public AggSpec {
 public:
  std::shared_ptr<TopHitsConfig> cfg = std::make_shared<TopHitsConfig>();
  bool NeedsScores() const override {
    if (cfg->sort.empty()) return true;
    for (const auto& f : cfg->sort) {
      if (f.kind == SortField::Kind::kScore) return true;
    }
    return false;
  }
  Result<std::unique_ptr<BoundAgg>> Bind(ShardContext* ctx) const override;
};

class BoundTopHits : public BoundAgg {
 public:
  const TopHitsSpec* spec = nullptr;
  ShardContext* ctx = nullptr;
  std::unique_ptr<Collector> NewCollector() override;
};

SortValue FieldValue(const SortField& f, const segment::SegmentReader& reader, uint32_t doc) {
  const segment::FieldReaders* fr = reader.field(f.field);
  if (fr != nullptr && fr->numeric) {
    uint32_t n = fr->numeric->Count(doc);
    if (n > 0) {
      int64_t raw = fr->numeric->Value(doc, f.reverse ? n - 1 : 0);
      if (fr->numeric->is_double()) return SortValue::Double(segment::SortableToDouble(raw));
      return SortValue::Long(raw);
    }
  } else if (fr != nullptr && fr->sorted) {
    uint32_t n = fr->sorted->Count(doc);
    if (n > 0) {
      return SortValue::String(
          std::string(fr->sorted->Term(fr->sorted->Ord(doc, f.reverse ? n - 1 : 0))));
    }
  }
  return SortValue();
}

class TopHitsCollector : public Collector {
 public:
  explicit TopHitsCollector(BoundTopHits* b) : b_(b) {}
  void Collect(uint32_t doc) override {
    const LeafState& leaf = b_->ctx->leaf;
    const TopHitsConfig& cfg = *b_->spec->cfg;
    ++total_;
    max_score_ = std::max(max_score_, leaf.score);
    HitRef h;
    h.shard = b_->ctx->shard_index;
    h.segment = leaf.ord;
    h.doc = doc;
    h.score = leaf.score;
    for (const auto& f : cfg.sort) {
      if (f.kind == SortField::Kind::kScore) {
        h.sort.push_back(SortValue::Double(leaf.score));
      } else if (f.kind == SortField::Kind::kDoc) {
        h.sort.push_back(SortValue::Long(doc));
      } else {
        h.sort.push_back(FieldValue(f, *leaf.reader, doc));
      }
    }
    auto worse_first = [&cfg](const HitRef& a, const HitRef& c) { return Before(cfg, a, c); };
    size_t k = static_cast<size_t>(cfg.from + cfg.size);
    if (heap_.size() < k) {
      heap_.push_back(std::move(h));
      std::push_heap(heap_.begin(), heap_.end(), worse_first);
    } else if (k > 0 && Before(cfg, h, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), worse_first);
      heap_.back() = std::move(h);
      std::push_heap(heap_.begin(), heap_.end(), worse_first);
    }
  }
  Result<InternalAggPtr> Build() override {
    const TopHitsConfig& cfg = *b_->spec->cfg;
    auto r = std::make_unique<TopHitsResult>(b_->spec->name, b_->spec->meta, b_->spec->cfg);
    std::sort(heap_.begin(), heap_.end(),
              [&cfg](const HitRef& a, const HitRef& c) { return Before(cfg, a, c); });
    r->hits = std::move(heap_);
    r->total = total_;
    r->max_score = max_score_;
    return InternalAggPtr(std::move(r));
  }

 private:
  BoundTopHits* b_;
  std::vector<HitRef> heap_;
  int64_t total_ = 0;
  float max_score_ = -INFINITY;
};

std::unique_ptr<Collector> BoundTopHits::NewCollector() {
  return std::make_unique<TopHitsCollector>(this);
}

Result<std::unique_ptr<BoundAgg>> TopHitsSpec::Bind(ShardContext* ctx) const {
  auto b = std::make_unique<BoundTopHits>();
  b->spec = this;
  b->ctx = ctx;
  return std::unique_ptr<BoundAgg>(std::move(b));
}

Status ParseSortEntry(const json::value& v, std::vector<SortField>* out) {
  auto add = [&](std::string_view field, bool desc) {
    SortField f;
    if (field == "_score") {
      f.kind = SortField::Kind::kScore;
      f.reverse = !desc ? false : true;
    } else if (field == "_doc") {
      f.kind = SortField::Kind::kDoc;
      f.reverse = desc;
    } else {
      f.kind = SortField::Kind::kField;
      f.field = std::string(field);
      f.reverse = desc;
    }
    out->push_back(std::move(f));
  };
  if (v.is_string()) {
    add(v.get_string(), v.get_string() == "_score");
    return Status::Ok();
  }
  if (!v.is_object()) return UnknownKey("top_hits", "sort");
  for (const auto& kv : v.get_object()) {
    std::string order;
    if (kv.value().is_string()) {
      order = std::string(kv.value().get_string());
    } else if (const json::value* o = JsonFind(kv.value(), "order")) {
      order = JsonToString(*o).value_or("");
    } else {
      order = kv.key() == "_score" ? "desc" : "asc";
    }
    add(kv.key(), order == "desc");
  }
  return Status::Ok();
}

}  // namespace

Result<SpecPtr> ParseTopHitsAgg(const std::string& name, const json::value& body) {
  auto spec = std::make_shared<TopHitsSpec>();
  TopHitsConfig& cfg = *spec->cfg;
  cfg.options = body;
  for (const auto& kv : body.get_object()) {
    std::string_view key = kv.key();
    const json::value& v = kv.value();
    if (key == "from") {
      QUIVER_ASSIGN_OR_RETURN(cfg.from, IntParam("top_hits", key, v));
    } else if (key == "size") {
      QUIVER_ASSIGN_OR_RETURN(cfg.size, IntParam("top_hits", key, v));
    } else if (key == "sort") {
      if (v.is_array()) {
        for (const auto& e : v.get_array()) QUIVER_RETURN_IF_ERROR(ParseSortEntry(e, &cfg.sort));
      } else {
        QUIVER_RETURN_IF_ERROR(ParseSortEntry(v, &cfg.sort));
      }
      // Sorting by score alone is the default order.
      if (cfg.sort.size() == 1 && cfg.sort[0].kind == SortField::Kind::kScore &&
          cfg.sort[0].reverse) {
        cfg.sort.clear();
      }
    } else if (key == "_source" || key == "docvalue_fields" || key == "fields" ||
               key == "stored_fields" || key == "highlight" || key == "explain" ||
               key == "version" || key == "seq_no_primary_term" || key == "track_scores") {
      // Fetch options, applied by the search layer.
    } else if (key == "script_fields") {
      return Status::Unsupported("[script_fields] in top_hits is not supported by Quiver");
    } else {
      return UnknownKey("top_hits", key);
    }
  }
  if (cfg.from < 0 || cfg.size < 0) {
    return Status::InvalidArgument("[from] and [size] must be positive in [" + name + "]");
  }
  if (cfg.from + cfg.size > 100) {
    return Status::InvalidArgument(
        "Top hits result window is too large, the top hits aggregator [" + name +
        "]'s from + size must be less than or equal to: [100] but was [" +
        std::to_string(cfg.from + cfg.size) +
        "]. This limit can be set by changing the [index.max_inner_result_window] index level "
        "setting.");
  }
  return SpecPtr(spec);
}

}  // namespace quiver::query::agg
