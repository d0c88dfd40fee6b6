#include "query/agg/include_exclude.h"

#include "common/hash.h"
#include "schema/ip_address.h"
#include "segment/bit_packing.h"

namespace quiver::query::agg {
namespace {

constexpr uint32_t kPartitionSeed = 31;  // ES IncludeExclude.HASH_PARTITIONING_SEED

// HPPC BitMixer.mix64, which ES's PartitionedLongFilter hashes with.
uint64_t HppcMix64(uint64_t z) {
  z = (z ^ (z >> 32)) * 0x4cd6944c5cc20b6dULL;
  z = (z ^ (z >> 29)) * 0xfc12c5b19d3259e9ULL;
  return z ^ (z >> 32);
}

int64_t FloorMod(int64_t a, int64_t n) { return ((a % n) + n) % n; }

Status Error(std::string msg) {
  return Status::ParseError(std::move(msg)).WithType("x_content_parse_exception");
}

}  // namespace

Result<std::shared_ptr<IncludeExclude>> IncludeExclude::Parse(const json::value& include,
                                                              const json::value& exclude) {
  auto out = std::make_shared<IncludeExclude>();
  auto regex = [](const json::value& v) -> Result<dsl::CodePointAutomaton> {
    return dsl::CodePointAutomaton::CompileRegexp(v.get_string(), dsl::kRegexpAll, false, 10000);
  };
  if (include.is_string()) {
    QUIVER_ASSIGN_OR_RETURN(out->include_re_, regex(include));
  } else if (include.is_array()) {
    out->include_values_ = include.get_array();
    out->has_include_values_ = true;
  } else if (include.is_object()) {
    const json::value* p = JsonFind(include, "partition");
    const json::value* n = JsonFind(include, "num_partitions");
    if (p == nullptr || n == nullptr) {
      return Error("Missing [partition] or [num_partitions] parameter for partition-based include");
    }
    out->partition_ = JsonToInt64(*p).value_or(-1);
    out->num_partitions_ = JsonToInt64(*n).value_or(0);
    if (out->num_partitions_ <= 0 || out->partition_ < 0 ||
        out->partition_ >= out->num_partitions_) {
      return Status::InvalidArgument("Invalid partition [" + std::to_string(out->partition_) +
                                     "] for [" + std::to_string(out->num_partitions_) +
                                     "] partitions");
    }
  } else if (!include.is_null()) {
    return Error("Unrecognized token for an include [" + std::string(JsonTokenName(include)) + "]");
  }
  if (exclude.is_string()) {
    QUIVER_ASSIGN_OR_RETURN(out->exclude_re_, regex(exclude));
  } else if (exclude.is_array()) {
    out->exclude_values_ = exclude.get_array();
  } else if (!exclude.is_null()) {
    return Error("Unrecognized token for an exclude [" + std::string(JsonTokenName(exclude)) + "]");
  }
  if ((out->include_re_ && !exclude.is_null() && !exclude.is_string()) ||
      (out->exclude_re_ && !include.is_null() && !include.is_string() && !include.is_object())) {
    return Status::InvalidArgument("Cannot mix a regex-based include with a set-based exclude");
  }
  return out;
}

Status IncludeExclude::RegexNotSupported(std::string_view agg_name) {
  // ES raises an AggregationExecutionException here (HTTP 500).
  return Status::Internal("Aggregation [" + std::string(agg_name) +
                          "] cannot support regular expression style include/exclude settings as "
                          "they can only be applied to string fields. Use an array of values for "
                          "include/exclude clauses")
      .WithType("aggregation_execution_exception");
}

Status IncludeExclude::BindNumeric(const DocFormat& format, bool is_double,
                                   std::string_view agg_name) {
  if (has_regex()) return RegexNotSupported(agg_name);
  auto bind = [&](const json::array& in, std::set<int64_t>* out) -> Status {
    for (const auto& v : in) {
      QUIVER_ASSIGN_OR_RETURN(double d, format.ParseNumber(v));
      out->insert(is_double ? segment::DoubleToSortable(d) : static_cast<int64_t>(d));
    }
    return Status::Ok();
  };
  QUIVER_RETURN_IF_ERROR(bind(include_values_, &include_numbers_));
  return bind(exclude_values_, &exclude_numbers_);
}

Status IncludeExclude::BindBytes(bool is_ip, std::string_view agg_name) {
  if (is_ip && has_regex()) return RegexNotSupported(agg_name);
  auto bind = [&](const json::array& in, std::set<std::string>* out) -> Status {
    for (const auto& v : in) {
      std::string s = JsonToString(v).value_or("");
      if (is_ip) {
        QUIVER_ASSIGN_OR_RETURN(schema::IpBytes ip, schema::ParseIp(s));
        s = std::string(schema::IpBytesView(ip));
      }
      out->insert(std::move(s));
    }
    return Status::Ok();
  };
  QUIVER_RETURN_IF_ERROR(bind(include_values_, &include_bytes_));
  return bind(exclude_values_, &exclude_bytes_);
}

bool IncludeExclude::AcceptBytes(std::string_view term) const {
  if (num_partitions_ > 0) {
    auto h = static_cast<int32_t>(Murmur3_32(term.data(), term.size(), kPartitionSeed));
    if (FloorMod(h, num_partitions_) != partition_) return false;
  }
  if (include_re_ && !include_re_->Matches(term)) return false;
  if (has_include_values_ && include_bytes_.count(std::string(term)) == 0) return false;
  if (exclude_re_ && exclude_re_->Matches(term)) return false;
  if (!exclude_bytes_.empty() && exclude_bytes_.count(std::string(term)) > 0) return false;
  return true;
}

bool IncludeExclude::AcceptNumber(int64_t canonical) const {
  if (num_partitions_ > 0) {
    auto h = static_cast<int64_t>(HppcMix64(static_cast<uint64_t>(canonical)));
    if (FloorMod(h, num_partitions_) != partition_) return false;
  }
  if (has_include_values_ && include_numbers_.count(canonical) == 0) return false;
  if (exclude_numbers_.count(canonical) > 0) return false;
  return true;
}

}  // namespace quiver::query::agg
