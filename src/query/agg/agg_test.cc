// Property tests: every aggregation on random documents (several segments,
// several shards, deletes) equals a direct computation over the matching
// documents; sketches stay within their documented error bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "common/strings.h"
#include "query/agg/date_rounding.h"
#include "query/agg/shard_aggs.h"
#include "query/agg/tdigest.h"
#include "query/exec/exec_test_util.h"
#include "query/query_context.h"

namespace quiver::query::agg {
namespace {

constexpr const char* kMapping = R"({"properties":{
  "k":{"type":"keyword"},"n":{"type":"long"},"d":{"type":"double"},
  "t":{"type":"date"},"u":{"type":"keyword"}}})";

struct Doc {
  std::vector<std::string> k;
  std::vector<int64_t> n;
  std::optional<double> d;
  int64_t t = 0;
  std::string u;
  bool deleted = false;
};

class AggPropertyTest : public ::testing::Test {
 protected:
  void Build(int num_shards, int docs_per_shard, int num_terms, uint32_t seed) {
    std::mt19937 rng(seed);
    for (int s = 0; s < num_shards; ++s) {
      auto shard = std::make_unique<TestShard>(kMapping);
      std::vector<Doc> shard_docs;
      for (int seg = 0; seg < 3; ++seg) {
        std::vector<std::string> sources;
        for (int i = 0; i < docs_per_shard / 3; ++i) {
          Doc doc;
          json::object src;
          int nk = static_cast<int>(rng() % 3);  // 0..2 keyword values
          json::array ks;
          for (int j = 0; j < nk; ++j) {
            std::string term = "term" + std::to_string(rng() % num_terms);
            if (std::find(doc.k.begin(), doc.k.end(), term) != doc.k.end()) continue;
            doc.k.push_back(term);
            ks.push_back(json::value(term));
          }
          if (!ks.empty()) src["k"] = ks;
          if (rng() % 5 != 0) {
            int nn = 1 + static_cast<int>(rng() % 2);
            json::array ns;
            for (int j = 0; j < nn; ++j) {
              int64_t v = static_cast<int64_t>(rng() % 1000) - 200;
              doc.n.push_back(v);
              ns.push_back(json::value(v));
            }
            src["n"] = ns;
          }
          if (rng() % 4 != 0) {
            doc.d = static_cast<double>(rng() % 100000) / 100.0;
            src["d"] = *doc.d;
          }
          doc.t = 1451606400000LL + static_cast<int64_t>(rng() % (400LL * 86400)) * 1000;
          src["t"] = doc.t;
          doc.u = "u" + std::to_string(rng());
          src["u"] = doc.u;
          sources.push_back(ToJson(json::value(src)));
          shard_docs.push_back(std::move(doc));
        }
        shard->AddSegment(sources);
      }
      // Delete a few docs.
      for (int i = 0; i < 5; ++i) {
        size_t seg = rng() % 3;
        uint32_t doc = rng() % (docs_per_shard / 3);
        shard->Delete(seg, doc);
        shard_docs[seg * (docs_per_shard / 3) + doc].deleted = true;
      }
      for (auto& d : shard_docs) {
        if (!d.deleted) docs_.push_back(d);
      }
      shards_.push_back(std::move(shard));
    }
  }

  json::value Run(const std::string& aggs_json) {
    auto tree = ParseAggregations(ParseJson(aggs_json).value());
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    std::vector<InternalAggs> parts;
    for (size_t i = 0; i < shards_.size(); ++i) {
      QueryContext qctx;
      qctx.mapping = &shards_[i]->mapping();
      qctx.analysis = &shards_[i]->analysis();
      qctx.settings = &shards_[i]->settings();
      ShardAggInput in;
      in.set = shards_[i]->set();
      in.query_context = &qctx;
      in.shard_index = i;
      auto r = CollectShard(*tree, in);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      parts.push_back(std::move(r).value());
    }
    auto reduced = ReduceShards(*tree, std::move(parts));
    EXPECT_TRUE(reduced.ok()) << reduced.status().ToString();
    JsonWriter w;
    w.BeginObject();
    EXPECT_TRUE(RenderAggregations(*reduced, &w, RenderContext()).ok());
    w.EndObject();
    return ParseJson(w.str()).value();
  }

  static double Num(const json::value& v) { return JsonToDouble(v).value_or(std::nan("")); }

  std::vector<std::unique_ptr<TestShard>> shards_;
  std::vector<Doc> docs_;
};

TEST_F(AggPropertyTest, MetricsEqualDirectComputation) {
  Build(2, 300, 20, 1);
  json::value r = Run(R"({
    "a":{"avg":{"field":"n"}}, "s":{"sum":{"field":"n"}}, "mn":{"min":{"field":"n"}},
    "mx":{"max":{"field":"n"}}, "c":{"value_count":{"field":"n"}},
    "st":{"stats":{"field":"d"}}, "es":{"extended_stats":{"field":"d"}},
    "ck":{"value_count":{"field":"k"}}})");
  double sum = 0, mn = 1e18, mx = -1e18, dsum = 0, dsq = 0;
  int64_t count = 0, dcount = 0, kcount = 0;
  for (const Doc& d : docs_) {
    for (int64_t v : d.n) {
      sum += v;
      mn = std::min<double>(mn, v);
      mx = std::max<double>(mx, v);
      ++count;
    }
    if (d.d) {
      dsum += *d.d;
      dsq += *d.d * *d.d;
      ++dcount;
    }
    kcount += static_cast<int64_t>(d.k.size());
  }
  EXPECT_NEAR(Num(r.at("a").at("value")), sum / count, 1e-9);
  EXPECT_DOUBLE_EQ(Num(r.at("s").at("value")), sum);
  EXPECT_DOUBLE_EQ(Num(r.at("mn").at("value")), mn);
  EXPECT_DOUBLE_EQ(Num(r.at("mx").at("value")), mx);
  EXPECT_EQ(Num(r.at("c").at("value")), count);
  EXPECT_EQ(Num(r.at("ck").at("value")), kcount);
  EXPECT_EQ(Num(r.at("st").at("count")), dcount);
  EXPECT_NEAR(Num(r.at("st").at("sum")), dsum, 1e-6);
  double var = dsq / dcount - (dsum / dcount) * (dsum / dcount);
  EXPECT_NEAR(Num(r.at("es").at("variance")), var, 1e-6 * var);
}

TEST_F(AggPropertyTest, TermsCountsEqualDirectCountsAcrossShards) {
  Build(3, 300, 15, 2);
  json::value r = Run(R"({"t":{"terms":{"field":"k","size":100},
                           "aggs":{"m":{"max":{"field":"n"}}}}})");
  std::map<std::string, int64_t> counts;
  std::map<std::string, double> maxes;
  for (const Doc& d : docs_) {
    for (const auto& k : d.k) {
      ++counts[k];
      for (int64_t v : d.n) {
        maxes[k] = maxes.count(k) ? std::max<double>(maxes[k], v) : v;
      }
    }
  }
  const json::array& buckets = r.at("t").at("buckets").as_array();
  ASSERT_EQ(buckets.size(), counts.size());
  int64_t prev = INT64_MAX;
  for (const auto& b : buckets) {
    std::string key(b.at("key").as_string());
    int64_t dc = static_cast<int64_t>(Num(b.at("doc_count")));
    EXPECT_EQ(dc, counts[key]) << key;
    EXPECT_LE(dc, prev);  // ordered by count desc
    prev = dc;
    if (maxes.count(key)) {
      EXPECT_EQ(Num(b.at("m").at("value")), maxes[key]);
    }
  }
  EXPECT_EQ(Num(r.at("t").at("sum_other_doc_count")), 0);
}

TEST_F(AggPropertyTest, TermsMissingValueSharesTheBucketOfAnEqualTerm) {
  Build(2, 300, 5, 8);
  json::value r = Run(R"({"t":{"terms":{"field":"k","size":100,"missing":"term1"}}})");
  std::map<std::string, int64_t> counts;
  for (const Doc& d : docs_) {
    for (const auto& k : d.k) ++counts[k];
    if (d.k.empty()) ++counts["term1"];
  }
  const json::array& buckets = r.at("t").at("buckets").as_array();
  ASSERT_EQ(buckets.size(), counts.size());
  for (const auto& b : buckets) {
    EXPECT_EQ(Num(b.at("doc_count")), counts[std::string(b.at("key").as_string())]);
  }
}

TEST_F(AggPropertyTest, TermsTopSizeAccountsForOtherDocs) {
  Build(2, 600, 40, 3);
  json::value r = Run(R"({"t":{"terms":{"field":"k","size":5}}})");
  int64_t total = 0;
  std::map<std::string, int64_t> counts;
  for (const Doc& d : docs_) {
    for (const auto& k : d.k) ++counts[k], ++total;
  }
  int64_t shown = 0;
  int64_t error = static_cast<int64_t>(Num(r.at("t").at("doc_count_error_upper_bound")));
  for (const auto& b : r.at("t").at("buckets").as_array()) {
    int64_t dc = static_cast<int64_t>(Num(b.at("doc_count")));
    std::string key(b.at("key").as_string());
    EXPECT_LE(dc, counts[key]);
    EXPECT_GE(dc + error, counts[key]);
    shown += dc;
  }
  EXPECT_EQ(shown + static_cast<int64_t>(Num(r.at("t").at("sum_other_doc_count"))), total);
}

TEST_F(AggPropertyTest, NumericTermsAndHistogramEqualDirectCounts) {
  Build(2, 300, 10, 4);
  json::value r = Run(R"({"t":{"terms":{"field":"n","size":10000}},
                          "h":{"histogram":{"field":"n","interval":50,"offset":7}}})");
  std::map<int64_t, int64_t> terms;
  std::map<double, int64_t> histo;
  for (const Doc& d : docs_) {
    std::set<int64_t> distinct(d.n.begin(), d.n.end());
    for (int64_t v : distinct) ++terms[v];
    std::set<double> keys;
    for (int64_t v : d.n) keys.insert(std::floor((v - 7) / 50.0) * 50 + 7);
    for (double k : keys) ++histo[k];
  }
  for (const auto& b : r.at("t").at("buckets").as_array()) {
    EXPECT_EQ(Num(b.at("doc_count")), terms[static_cast<int64_t>(Num(b.at("key")))]);
  }
  EXPECT_EQ(r.at("t").at("buckets").as_array().size(), terms.size());
  const json::array& hb = r.at("h").at("buckets").as_array();
  double first = histo.begin()->first, last = histo.rbegin()->first;
  EXPECT_EQ(hb.size(), static_cast<size_t>((last - first) / 50 + 1));  // empty buckets filled
  for (const auto& b : hb) {
    double key = Num(b.at("key"));
    EXPECT_EQ(Num(b.at("doc_count")), histo.count(key) ? histo[key] : 0) << key;
  }
}

TEST_F(AggPropertyTest, DateHistogramMonthsAndRangesEqualDirectCounts) {
  Build(2, 300, 10, 5);
  json::value r = Run(R"({"h":{"date_histogram":{"field":"t","calendar_interval":"month"}},
      "r":{"range":{"field":"d","ranges":[{"to":100},{"from":100,"to":500.5},{"from":500.5}]}},
      "m":{"missing":{"field":"d"}},
      "f":{"filter":{"range":{"n":{"gte":0}}}}})");
  std::map<int64_t, int64_t> months;
  int64_t r0 = 0, r1 = 0, r2 = 0, missing = 0, filtered = 0;
  for (const Doc& d : docs_) {
    int64_t y;
    int m, day;
    schema::CivilFromDays(d.t / 86400000, &y, &m, &day);
    ++months[schema::DaysFromCivil(y, m, 1) * 86400000];
    if (!d.d) {
      ++missing;
    } else if (*d.d < 100) {
      ++r0;
    } else if (*d.d < 500.5) {
      ++r1;
    } else {
      ++r2;
    }
    if (std::any_of(d.n.begin(), d.n.end(), [](int64_t v) { return v >= 0; })) ++filtered;
  }
  for (const auto& b : r.at("h").at("buckets").as_array()) {
    int64_t key = static_cast<int64_t>(Num(b.at("key")));
    EXPECT_EQ(Num(b.at("doc_count")), months[key]);
  }
  const json::array& rb = r.at("r").at("buckets").as_array();
  EXPECT_EQ(Num(rb[0].at("doc_count")), r0);
  EXPECT_EQ(Num(rb[1].at("doc_count")), r1);
  EXPECT_EQ(Num(rb[2].at("doc_count")), r2);
  EXPECT_EQ(std::string(rb[1].at("key").as_string()), "100.0-500.5");
  EXPECT_EQ(Num(r.at("m").at("doc_count")), missing);
  EXPECT_EQ(Num(r.at("f").at("doc_count")), filtered);
}

TEST_F(AggPropertyTest, CardinalityExactBelowThresholdAndBoundedAbove) {
  Build(2, 1500, 30, 6);
  json::value r = Run(R"({"k":{"cardinality":{"field":"k"}},
                          "u":{"cardinality":{"field":"u","precision_threshold":100}},
                          "ue":{"cardinality":{"field":"u"}}})");
  std::set<std::string> ks, us;
  for (const Doc& d : docs_) {
    ks.insert(d.k.begin(), d.k.end());
    us.insert(d.u);
  }
  EXPECT_EQ(Num(r.at("k").at("value")), ks.size());
  EXPECT_EQ(Num(r.at("ue").at("value")), us.size());  // below the default 3000
  // p = 9 for threshold 100: standard error 1.04/sqrt(512) ≈ 4.6%; allow 4σ.
  EXPECT_NEAR(Num(r.at("u").at("value")), us.size(), 0.18 * us.size());
}

TEST_F(AggPropertyTest, PercentilesWithinRankErrorAndPipelines) {
  Build(2, 600, 10, 7);
  json::value r = Run(R"({"p":{"percentiles":{"field":"d","percents":[10,50,90]}},
      "h":{"histogram":{"field":"n","interval":100},
           "aggs":{"s":{"sum":{"field":"n"}},
                   "cs":{"cumulative_sum":{"buckets_path":"_count"}},
                   "dv":{"derivative":{"buckets_path":"s"}}}},
      "avg_s":{"avg_bucket":{"buckets_path":"h>s"}},
      "max_c":{"max_bucket":{"buckets_path":"h>_count"}}})");
  std::vector<double> ds;
  for (const Doc& d : docs_) {
    if (d.d) ds.push_back(*d.d);
  }
  std::sort(ds.begin(), ds.end());
  for (double p : {10.0, 50.0, 90.0}) {
    std::string key;
    AppendJsonDouble(&key, p);
    double v = Num(r.at("p").at("values").at(key));
    // Rank of v within the data, vs. the requested rank: within 1%.
    double rank = std::lower_bound(ds.begin(), ds.end(), v) - ds.begin();
    EXPECT_NEAR(rank / ds.size(), p / 100, 0.01) << p;
  }
  const json::array& hb = r.at("h").at("buckets").as_array();
  double cum = 0, sum_of_sums = 0, max_count = 0;
  double prev_s = std::nan("");
  for (size_t i = 0; i < hb.size(); ++i) {
    cum += Num(hb[i].at("doc_count"));
    EXPECT_EQ(Num(hb[i].at("cs").at("value")), cum);
    double s = Num(hb[i].at("s").at("value"));
    sum_of_sums += s;
    max_count = std::max(max_count, Num(hb[i].at("doc_count")));
    if (i > 0) {
      EXPECT_DOUBLE_EQ(Num(hb[i].at("dv").at("value")), s - prev_s);
    }
    prev_s = s;
  }
  EXPECT_NEAR(Num(r.at("avg_s").at("value")), sum_of_sums / hb.size(), 1e-6);
  EXPECT_EQ(Num(r.at("max_c").at("value")), max_count);
}

TEST(TDigestTest, QuantilesOfLargeStreamWithinRankError) {
  std::mt19937 rng(42);
  std::exponential_distribution<double> dist(1.0);
  TDigest a(100), b(100);
  std::vector<double> all;
  for (int i = 0; i < 200000; ++i) {
    double x = dist(rng);
    all.push_back(x);
    (i % 2 ? a : b).Add(x);
  }
  a.Merge(b);
  std::sort(all.begin(), all.end());
  for (double q : {0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999}) {
    double v = a.Quantile(q);
    double rank =
        static_cast<double>(std::lower_bound(all.begin(), all.end(), v) - all.begin()) / all.size();
    EXPECT_NEAR(rank, q, std::max(0.002, 0.01 * std::min(q, 1 - q) * 10)) << q;
    EXPECT_NEAR(a.Cdf(v), q, 0.01) << q;
  }
}

TEST(DateRoundingTest, CalendarDaysFollowDaylightSavingTime) {
  auto zone = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  auto day = DateRounding::Calendar("day");
  ASSERT_TRUE(day.ok());
  day->set_zone(*zone);
  // 2024-03-31T12:00Z is 14:00 CEST; that day began at 00:00 CET (23:00Z
  // the day before) and the next one begins at 00:00 CEST (22:00Z).
  const int64_t noon = 1711886400000;
  EXPECT_EQ(day->Round(noon), 1711839600000);
  EXPECT_EQ(day->Next(day->Round(noon)), 1711922400000);
  EXPECT_EQ((*zone)->OffsetMillisAt(noon), 2 * 3600000);
  EXPECT_EQ((*zone)->OffsetMillisAt(1704067200000), 3600000);  // January: CET
  auto fixed = TimeZone::Load("-05:30");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ((*fixed)->OffsetMillisAt(noon), -(5 * 3600000 + 30 * 60000));
  EXPECT_FALSE(TimeZone::Load("Not/AZone").ok());
  EXPECT_FALSE(TimeZone::Load("../../etc/passwd").ok());
}

TEST(AggParserTest, RejectsUnknownTypesAndBadStructure) {
  auto r = ParseAggregations(ParseJson(R"({"x":{"nope":{}}})").value());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "parsing_exception");
  EXPECT_NE(r.status().message().find("Unknown aggregation type [nope]"), std::string::npos);
  r = ParseAggregations(ParseJson(R"({"x":{"avg":{"field":"a"},"max":{"field":"b"}}})").value());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Found two aggregation type definitions"), std::string::npos);
  r = ParseAggregations(
      ParseJson(R"({"x":{"avg":{"field":"a"},"aggs":{"y":{"max":{"field":"b"}}}}})").value());
  ASSERT_FALSE(r.ok());
  r = ParseAggregations(ParseJson(R"({"x":{"terms":{"size":1}}})").value());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Required one of fields [field, script]"), std::string::npos);
}

}  // namespace
}  // namespace quiver::query::agg
