#include "query/agg/internal_agg.h"

#include <cmath>

#include "common/strings.h"

namespace quiver::query::agg {

std::optional<double> InternalAgg::Value(std::string_view) const { return std::nullopt; }

std::string InternalAgg::BucketKeyString(const Bucket& b) const {
  switch (b.kind) {
    case Bucket::KeyKind::kString:
      return b.s;
    case Bucket::KeyKind::kLong:
      return std::to_string(b.l);
    case Bucket::KeyKind::kDouble: {
      std::string s;
      AppendJsonDouble(&s, b.d);
      return s;
    }
    case Bucket::KeyKind::kObject:
      return ToJson(b.obj);
  }
  return "";
}

void WriteMetric(JsonWriter* w, std::string_view key, double v) {
  w->Key(key);
  if (std::isfinite(v)) {
    w->Double(v);
  } else {
    w->Null();
  }
}

Status RenderAggs(const InternalAggs& aggs, JsonWriter* w, const RenderContext& ctx) {
  for (const auto& a : aggs) {
    if (ctx.typed_keys) {
      w->Key(a->TypeName() + "#" + a->name());
    } else {
      w->Key(a->name());
    }
    w->BeginObject();
    if (!a->meta().is_null()) {
      w->Key("meta");
      w->Value(a->meta());
    }
    QUIVER_RETURN_IF_ERROR(a->RenderBody(w, ctx));
    w->EndObject();
  }
  return Status::Ok();
}

Result<InternalAggs> ReduceAggs(std::vector<InternalAggs> per_shard, const ReduceContext& ctx) {
  InternalAggs out;
  if (per_shard.empty()) return out;
  size_t n = per_shard[0].size();
  for (size_t i = 0; i < n; ++i) {
    std::vector<InternalAggPtr> parts;
    for (auto& shard : per_shard) {
      if (i < shard.size() && shard[i]) parts.push_back(std::move(shard[i]));
    }
    if (parts.empty()) continue;
    InternalAgg* first = parts[0].get();
    QUIVER_ASSIGN_OR_RETURN(InternalAggPtr r, first->Reduce(std::move(parts), ctx));
    out.push_back(std::move(r));
  }
  return out;
}

InternalAggs EmptyCopies(const InternalAggs& aggs) {
  InternalAggs out;
  out.reserve(aggs.size());
  for (const auto& a : aggs) out.push_back(a->EmptyCopy());
  return out;
}

InternalAgg* FindAgg(const InternalAggs& aggs, std::string_view name) {
  for (const auto& a : aggs) {
    if (a->name() == name) return a.get();
  }
  return nullptr;
}

std::optional<double> ResolvePathIn(const InternalAggs& aggs, int64_t doc_count,
                                    std::string_view path) {
  const InternalAggs* cur = &aggs;
  int64_t count = doc_count;
  while (true) {
    size_t gt = path.find('>');
    std::string_view elem = path.substr(0, gt);
    if (gt == std::string_view::npos) {
      // Last element: name, name.key or name[key].
      std::string_view name = elem, key;
      size_t br = elem.find('[');
      if (br != std::string_view::npos && elem.back() == ']') {
        name = elem.substr(0, br);
        key = elem.substr(br + 1, elem.size() - br - 2);
      } else {
        size_t dot = elem.find('.');
        if (dot != std::string_view::npos) {
          name = elem.substr(0, dot);
          key = elem.substr(dot + 1);
        }
      }
      if (name == "_count") return static_cast<double>(count);
      InternalAgg* a = FindAgg(*cur, name);
      if (a == nullptr) return std::nullopt;
      if (key.empty() || key == "doc_count" || key == "_count") {
        if (int64_t* c = a->single_doc_count()) return static_cast<double>(*c);
      }
      return a->Value(key);
    }
    InternalAgg* a = FindAgg(*cur, elem);
    if (a == nullptr || a->single_aggs() == nullptr) return std::nullopt;
    count = *a->single_doc_count();
    cur = a->single_aggs();
    path = path.substr(gt + 1);
  }
}

std::optional<double> ResolveBucketPath(const Bucket& bucket, std::string_view path) {
  if (path == "_count") return static_cast<double>(bucket.doc_count);
  if (path == "_key") {
    if (bucket.kind == Bucket::KeyKind::kLong || bucket.kind == Bucket::KeyKind::kDouble)
      return bucket.NumericKey();
    return std::nullopt;
  }
  return ResolvePathIn(bucket.aggs, bucket.doc_count, path);
}

}  // namespace quiver::query::agg
