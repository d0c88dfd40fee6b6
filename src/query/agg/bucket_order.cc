#include "query/agg/bucket_order.h"

#include <algorithm>
#include <cmath>

namespace quiver::query::agg {

int CompareKeys(const Bucket& a, const Bucket& b) {
  if (a.kind == Bucket::KeyKind::kString && b.kind == Bucket::KeyKind::kString) {
    return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  }
  if (a.kind == Bucket::KeyKind::kLong && b.kind == Bucket::KeyKind::kLong) {
    return a.l < b.l ? -1 : (a.l > b.l ? 1 : 0);
  }
  if (a.kind == Bucket::KeyKind::kObject || b.kind == Bucket::KeyKind::kObject) {
    for (size_t i = 0; i < a.parts.size() && i < b.parts.size(); ++i) {
      const json::value &x = a.parts[i], &y = b.parts[i];
      int c = 0;
      if (x.is_string() && y.is_string()) {
        c = x.get_string() < y.get_string() ? -1 : (x.get_string() > y.get_string() ? 1 : 0);
      } else {
        double dx = JsonToDouble(x).value_or(0), dy = JsonToDouble(y).value_or(0);
        c = dx < dy ? -1 : (dx > dy ? 1 : 0);
      }
      if (c != 0) return c;
    }
    return 0;
  }
  double x = a.NumericKey(), y = b.NumericKey();
  return x < y ? -1 : (x > y ? 1 : 0);
}

Result<BucketOrder> BucketOrder::Parse(const json::value& v, std::string_view agg_type) {
  BucketOrder out;
  auto one = [&](const json::value& o) -> Status {
    if (!o.is_object()) {
      return Status::ParseError(
                 "[" + std::string(agg_type) +
                 "] order doesn't support values of type: " + std::string(JsonTokenName(o)))
          .WithType("x_content_parse_exception");
    }
    for (const auto& kv : o.get_object()) {
      std::string dir = JsonToString(kv.value()).value_or("");
      for (auto& c : dir) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (dir != "asc" && dir != "desc") {
        return Status::ParseError("Unknown order direction [" +
                                  JsonToString(kv.value()).value_or("") + "]")
            .WithType("parsing_exception");
      }
      std::string path(kv.key());
      if (path == "_term") path = "_key";
      out.criteria.push_back({path, dir == "asc"});
    }
    return Status::Ok();
  };
  if (v.is_array()) {
    for (const auto& o : v.get_array()) QUIVER_RETURN_IF_ERROR(one(o));
  } else {
    QUIVER_RETURN_IF_ERROR(one(v));
  }
  if (out.criteria.empty()) out = CountDesc();
  return out;
}

bool BucketOrder::UsesSubAggs() const {
  for (const auto& c : criteria) {
    if (c.path != "_count" && c.path != "_key") return true;
  }
  return false;
}

int BucketOrder::Compare(const Bucket& a, const Bucket& b) const {
  for (const auto& c : criteria) {
    int r = 0;
    if (c.path == "_key") {
      r = CompareKeys(a, b);
    } else if (c.path == "_count") {
      r = a.doc_count < b.doc_count ? -1 : (a.doc_count > b.doc_count ? 1 : 0);
    } else {
      double x = ResolveBucketPath(a, c.path).value_or(std::nan(""));
      double y = ResolveBucketPath(b, c.path).value_or(std::nan(""));
      // Buckets without a value sort last whatever the direction (ES).
      bool xn = std::isnan(x), yn = std::isnan(y);
      if (xn || yn) {
        if (xn != yn) return xn ? 1 : -1;
        continue;
      }
      r = x < y ? -1 : (x > y ? 1 : 0);
    }
    if (r != 0) return c.asc ? r : -r;
  }
  return CompareKeys(a, b);
}

void BucketOrder::Sort(std::vector<Bucket>* buckets) const {
  std::stable_sort(buckets->begin(), buckets->end(),
                   [this](const Bucket& a, const Bucket& b) { return Compare(a, b) < 0; });
}

}  // namespace quiver::query::agg
