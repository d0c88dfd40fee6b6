#include "query/agg/shard_aggs.h"

#include <cmath>

#include "query/exec/weight.h"

namespace quiver::query::agg {
namespace {

// Global aggregations ignore the query: they see every live doc.
bool IsGlobal(const AggSpec& s) { return s.type == "global"; }

Status Drive(const std::vector<std::unique_ptr<Collector>*>& collectors, Weight* weight,
             ShardContext* ctx, const std::optional<float>& min_score, bool need_scores) {
  const segment::SegmentSet& set = *ctx->set;
  for (uint32_t seg = 0; seg < set.segments.size(); ++seg) {
    const segment::SegmentView& view = set.segments[seg];
    ctx->leaf.ord = seg;
    ctx->leaf.reader = view.reader.get();
    ctx->leaf.live_docs = view.live_docs.get();
    SegmentContext sctx{view.reader.get(), view.live_docs.get(), seg};
    if (weight == nullptr) {
      uint32_t n = view.reader->num_docs();
      for (uint32_t doc = 0; doc < n; ++doc) {
        if (!view.live_docs->IsLive(doc)) continue;
        ctx->leaf.score = 1.0f;
        for (auto* c : collectors) (*c)->Collect(doc);
      }
      continue;
    }
    QUIVER_ASSIGN_OR_RETURN(ScorerPtr scorer, weight->MakeScorer(sctx));
    if (!scorer) continue;
    for (uint32_t doc = scorer->NextDoc(); doc != kNoMoreDocs; doc = scorer->NextDoc()) {
      if (!view.live_docs->IsLive(doc)) continue;
      float score = need_scores ? scorer->Score() : 1.0f;
      if (min_score && !(score >= *min_score)) continue;
      ctx->leaf.score = score;
      for (auto* c : collectors) (*c)->Collect(doc);
    }
  }
  return Status::Ok();
}

Status ApplyPipelines(const AggSpecs& specs,
                      const std::vector<std::shared_ptr<const PipelineSpec>>& pipelines,
                      InternalAggs* results);

Status ApplyWithin(const AggSpec& spec, InternalAgg* result) {
  std::vector<std::shared_ptr<const PipelineSpec>> siblings;
  for (const auto& p : spec.pipelines) {
    if (!p->is_parent()) siblings.push_back(p);
  }
  if (std::vector<Bucket>* buckets = result->buckets()) {
    for (Bucket& b : *buckets) QUIVER_RETURN_IF_ERROR(ApplyPipelines(spec.subs, siblings, &b.aggs));
  } else if (InternalAggs* aggs = result->single_aggs()) {
    QUIVER_RETURN_IF_ERROR(ApplyPipelines(spec.subs, siblings, aggs));
  }
  for (const auto& p : spec.pipelines) {
    if (p->is_parent()) QUIVER_RETURN_IF_ERROR(p->ApplyParent(result));
  }
  return Status::Ok();
}

Status ApplyPipelines(const AggSpecs& specs,
                      const std::vector<std::shared_ptr<const PipelineSpec>>& pipelines,
                      InternalAggs* results) {
  for (const auto& spec : specs) {
    InternalAgg* r = FindAgg(*results, spec->name);
    if (r == nullptr) continue;
    if (spec->subs.empty() && spec->pipelines.empty()) continue;
    QUIVER_RETURN_IF_ERROR(ApplyWithin(*spec, r));
  }
  for (const auto& p : pipelines) {
    if (p->is_parent()) {
      return Status::InvalidArgument(p->type + " aggregation [" + p->name +
                                     "] must have a histogram, date_histogram or "
                                     "auto_date_histogram as parent but doesn't have a parent")
          .WithType("action_request_validation_exception");
    }
    QUIVER_RETURN_IF_ERROR(p->ApplySibling(results));
  }
  return Status::Ok();
}

}  // namespace

Result<InternalAggs> CollectShard(const AggTree& tree, const ShardAggInput& input) {
  IndexSearcher searcher(input.set);
  ShardContext ctx;
  ctx.set = input.set;
  ctx.query_context = input.query_context;
  ctx.parse_options = input.parse_options;
  ctx.searcher = &searcher;
  ctx.shard_index = input.shard_index;
  std::vector<std::unique_ptr<Collector>> collectors;
  std::vector<std::unique_ptr<Collector>*> main, global;
  std::vector<std::unique_ptr<BoundAgg>> bound;
  for (const auto& spec : tree.specs) {
    QUIVER_ASSIGN_OR_RETURN(std::unique_ptr<BoundAgg> b, spec->Bind(&ctx));
    collectors.push_back(b->NewCollector());
    bound.push_back(std::move(b));
  }
  for (size_t i = 0; i < tree.specs.size(); ++i) {
    (IsGlobal(*tree.specs[i]) ? global : main).push_back(&collectors[i]);
  }
  bool need_scores = tree.needs_scores || input.min_score.has_value();
  if (!main.empty()) {
    QueryPtr query = input.query ? input.query : MakeQuery(MatchAllQuery{});
    QUIVER_ASSIGN_OR_RETURN(
        WeightPtr weight,
        CreateWeight(*query, &searcher, need_scores ? ScoreMode::kComplete : ScoreMode::kNoScores));
    QUIVER_RETURN_IF_ERROR(Drive(main, weight.get(), &ctx, input.min_score, need_scores));
  }
  if (!global.empty()) {
    QUIVER_RETURN_IF_ERROR(Drive(global, nullptr, &ctx, std::nullopt, false));
  }
  InternalAggs out;
  for (auto& c : collectors) {
    QUIVER_ASSIGN_OR_RETURN(InternalAggPtr r, c->Build());
    out.push_back(std::move(r));
  }
  return out;
}

Result<InternalAggs> ReduceShards(const AggTree& tree, std::vector<InternalAggs> per_shard) {
  ReduceContext rctx;
  rctx.final = true;
  rctx.num_shards = per_shard.size();
  QUIVER_ASSIGN_OR_RETURN(InternalAggs out, ReduceAggs(std::move(per_shard), rctx));
  QUIVER_RETURN_IF_ERROR(ApplyPipelines(tree.specs, tree.pipelines, &out));
  return out;
}

Status RenderAggregations(const InternalAggs& aggs, JsonWriter* w, const RenderContext& ctx) {
  return RenderAggs(aggs, w, ctx);
}

}  // namespace quiver::query::agg
