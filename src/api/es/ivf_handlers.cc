#include "api/es/ivf_handlers.h"

#include <algorithm>
#include <limits>

#include "common/json.h"
#include "common/json_writer.h"
#include "schema/field_mapper.h"
#include "schema/mapping.h"
#include "segment/segment_view.h"

namespace quiver::api {
namespace {

Status Iae(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithType("illegal_argument_exception");
}

Result<std::shared_ptr<engine::Index>> TargetIndex(ApiContext& ctx, RestRequest& req) {
  const std::string& name = req.path_param("index");
  auto index = ctx.node->FindIndex(name);
  if (!index) return IndexNotFound(name);
  return index;
}

bool IsIvf(const schema::FieldMapper& f) {
  const auto& io = f.vector().index_options;
  return io && (io->type == schema::VectorIndexType::kIvf ||
                io->type == schema::VectorIndexType::kInt8Ivf);
}

// The vector field named, or the first IVF (else vector) field of the mapping.
Result<const schema::FieldMapper*> VectorField(const schema::Mapping& mapping,
                                               std::string_view name) {
  if (!name.empty()) {
    const schema::FieldMapper* f = mapping.FindField(name);
    if (f == nullptr || !schema::IsVectorType(f->type())) {
      return Iae("field [" + std::string(name) + "] is not a [vector] or [dense_vector] field");
    }
    return f;
  }
  // Prefer an IVF-indexed field (the seed plugin's), else any vector field.
  const schema::FieldMapper* any = nullptr;
  for (const schema::FieldMapper* f : mapping.fields()) {
    if (!schema::IsVectorType(f->type())) continue;
    if (IsIvf(*f)) return f;
    if (any == nullptr) any = f;
  }
  if (any != nullptr) return any;
  return Iae("index has no [vector] or [dense_vector] field");
}

// The seed plugin's metric names.
const char* MetricType(const schema::FieldMapper& f) {
  switch (f.vector().similarity.value_or(schema::VectorSimilarity::kL2Norm)) {
    case schema::VectorSimilarity::kL2Norm:
      return "l2";
    case schema::VectorSimilarity::kCosine:
      return "cosine";
    default:
      return "dot";
  }
}

std::string StatsJson(engine::Index& index, const schema::FieldMapper& f) {
  uint64_t total = 0, trained_vectors = 0, trained_lists = 0;
  uint32_t min_list = std::numeric_limits<uint32_t>::max(), max_list = 0;
  bool any = false, all_trained = true;
  for (size_t sh = 0; sh < index.num_shards(); ++sh) {
    auto set = index.shard(sh).AcquireSearcher();
    for (const segment::SegmentView& v : set->segments) {
      const segment::FieldReaders* fr = v.reader->field(f.full_path());
      if (fr == nullptr || !fr->vectors) continue;
      vector::VectorIndexStats st = fr->vectors->Stats();
      any = true;
      total += st.num_vectors;
      if (!st.is_trained) {
        all_trained = false;
        continue;
      }
      trained_vectors += st.num_vectors;
      trained_lists += st.nlist;
      min_list = std::min(min_list, st.min_list_size);
      max_list = std::max(max_list, st.max_list_size);
    }
  }
  // nlist / nprobe only mean something for IVF fields (0 otherwise).
  const auto& io = f.vector().index_options;
  const bool ivf = IsIvf(f);
  JsonWriter w;
  w.BeginObject();
  w.Field("field", f.full_path());
  w.Field("nlist", static_cast<int64_t>(ivf ? io->nlist : 0));
  w.Field("nprobe", static_cast<int64_t>(ivf ? io->nprobe : 0));
  w.Field("dimension", static_cast<int64_t>(f.vector().dims));
  w.Field("metricType", MetricType(f));
  w.Field("isTrained", any && all_trained);
  w.Field("totalVectors", static_cast<int64_t>(total));
  w.Field("minClusterSize", static_cast<int64_t>(trained_lists == 0 ? 0 : min_list));
  w.Field("maxClusterSize", static_cast<int64_t>(max_list));
  w.Field("avgClusterSize", trained_lists == 0 ? 0.0
                                               : static_cast<double>(trained_vectors) /
                                                     static_cast<double>(trained_lists));
  w.EndObject();
  return w.Take();
}

}  // namespace

Result<RestResponse> HandleIvfTrain(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto index, TargetIndex(ctx, req));
  std::string field;
  std::optional<int64_t> nlist;
  if (req.has_body()) {
    QUIVER_ASSIGN_OR_RETURN(json::value body, ParseJson(req.body()));
    if (!body.is_object()) return Iae("request body must be an object");
    if (const json::value* f = JsonFind(body, "field")) field = JsonToString(*f).value_or("");
    if (const json::value* n = JsonFind(body, "nlist")) {
      nlist = JsonToInt64(*n);
      if (!nlist || *nlist < 1) return Iae("[nlist] must be a positive integer");
    }
  }
  auto mapping = index->mapping();
  QUIVER_ASSIGN_OR_RETURN(const schema::FieldMapper* f, VectorField(*mapping, field));
  if (!IsIvf(*f)) return Iae("field [" + f->full_path() + "] is not indexed with [ivf]");
  const auto& io = f->vector().index_options;
  if (nlist && *nlist != io->nlist) {
    // Segments are built with the mapping's nlist; a different one would
    // only apply to some segments. Changing it is a mapping update.
    return Iae("[nlist] is [" + std::to_string(io->nlist) + "] in the mapping of field [" +
               f->full_path() + "]; update the mapping to change it");
  }
  QUIVER_RETURN_IF_ERROR(index->Refresh());
  QUIVER_RETURN_IF_ERROR(index->ForceMerge(1, false, true));
  QUIVER_RETURN_IF_ERROR(index->Refresh());
  std::string stats = StatsJson(*index, *f);
  // {"acknowledged": true, <stats>}
  return RestResponse::Json("{\"acknowledged\":true," + stats.substr(1));
}

Result<RestResponse> HandleIvfStats(ApiContext& ctx, RestRequest& req) {
  QUIVER_ASSIGN_OR_RETURN(auto index, TargetIndex(ctx, req));
  auto mapping = index->mapping();
  QUIVER_ASSIGN_OR_RETURN(const schema::FieldMapper* f,
                          VectorField(*mapping, req.param_or("field", "")));
  return RestResponse::Json(StatsJson(*index, *f));
}

}  // namespace quiver::api
