#include "query/agg/aggregator.h"

namespace quiver::query::agg {

bool AggSpec::NeedsScores() const {
  for (const auto& s : subs) {
    if (s->NeedsScores()) return true;
  }
  return false;
}

Status PipelineSpec::ApplySibling(InternalAggs*) const {
  return Status::Internal("pipeline [" + name + "] is not a sibling pipeline");
}

Status PipelineSpec::ApplyParent(InternalAgg*) const {
  return Status::Internal("pipeline [" + name + "] is not a parent pipeline");
}

Result<BoundSubs> BoundSubs::Bind(const AggSpecs& specs, ShardContext* ctx) {
  BoundSubs out;
  for (const auto& s : specs) {
    QUIVER_ASSIGN_OR_RETURN(std::unique_ptr<BoundAgg> b, s->Bind(ctx));
    out.bound_.push_back(std::move(b));
  }
  return out;
}

BoundSubs::Set BoundSubs::NewSet() const {
  Set set;
  set.collectors_.reserve(bound_.size());
  for (const auto& b : bound_) set.collectors_.push_back(b->NewCollector());
  return set;
}

Result<InternalAggs> BoundSubs::Set::Build() {
  InternalAggs out;
  out.reserve(collectors_.size());
  for (auto& c : collectors_) {
    QUIVER_ASSIGN_OR_RETURN(InternalAggPtr r, c->Build());
    out.push_back(std::move(r));
  }
  return out;
}

Result<InternalAggs> BoundSubs::BuildEmpty() const {
  Set set = NewSet();
  return set.Build();
}

}  // namespace quiver::query::agg
