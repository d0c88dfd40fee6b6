// Execution tests: BM25 scores against the formula computed independently,
// and block-max MaxScore top-k against exhaustive scoring.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>

#include "query/dsl/query_parser.h"
#include "query/exec/exec_test_util.h"
#include "query/exec/filter_cache.h"
#include "query/exec/shard_search.h"
#include "query/exec/weight.h"
#include "query/query_context.h"

namespace quiver::query {
namespace {

QueryPtr Parse(const TestShard& shard, const std::string& json_text) {
  QueryContext ctx;
  ctx.mapping = &shard.mapping();
  ctx.analysis = &shard.analysis();
  ctx.settings = &shard.settings();
  ctx.index_name = "test";
  auto q = dsl::ParseQuery(ParseJson(json_text).value(), ctx);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  return q.ok() ? *q : nullptr;
}

std::map<std::string, float> Scores(const TestShard& shard, const std::string& query_json,
                                    size_t k = 100, int64_t threshold = INT64_MAX) {
  ShardSearchRequest r;
  r.query = Parse(shard, query_json);
  r.k = k;
  r.track_total_hits = threshold;
  auto res = SearchShard(shard.set(), r);
  EXPECT_TRUE(res.ok()) << res.status().ToString();
  std::map<std::string, float> out;
  for (const auto& h : res->hits) {
    out[std::string(shard.set()->segments[h.segment].reader->ids().id(h.doc))] = h.score;
  }
  return out;
}

// Lucene BM25 (k1 1.2, b 0.75) in float, from raw counts. Lengths below 25
// are encoded exactly by Lucene's one-byte norms, so no quantization enters.
float Bm25(float freq, float dl, float avgdl, int64_t n, int64_t big_n, float boost = 1) {
  float idf = static_cast<float>(std::log(1 + (big_n - n + 0.5) / (n + 0.5)));
  float norm = 1.2f * ((1 - 0.75f) + 0.75f * dl / avgdl);
  float w = boost * idf;
  return w - w / (1.0f + freq / norm);
}

class RelevanceTest : public ::testing::Test {
 protected:
  RelevanceTest()
      : shard_(R"({"properties":{"title":{"type":"text","analyzer":"whitespace"},
                   "body":{"type":"text","analyzer":"whitespace"}}})") {
    // Two segments: statistics are shard-wide.
    shard_.AddSegment({R"({"title":"quick brown fox","body":"the fox jumps"})",
                       R"({"title":"lazy dog","body":"the quick dog sleeps all day long"})",
                       R"({"title":"quick quick fox","body":"fox"})"});
    shard_.AddSegment({R"({"title":"brown dog barks","body":"brown brown brown"})",
                       R"({"title":"fox","body":"a quick brown fox jumps over the lazy dog"})"});
  }
  TestShard shard_;
  // title lengths: 3,2,3,3,1 -> sum 12, N=5; body: 3,7,1,3,9 -> sum 23
  const float title_avgdl = 12.0f / 5;
  const float body_avgdl = 23.0f / 5;
};

TEST_F(RelevanceTest, TermScoresMatchTheBm25Formula) {
  auto s = Scores(shard_, R"({"match":{"title":"fox"}})");
  ASSERT_EQ(s.size(), 3u);  // docs 0, 2, 4
  EXPECT_NEAR(s["0"], Bm25(1, 3, title_avgdl, 3, 5), 1e-5 * s["0"]);
  EXPECT_NEAR(s["2"], Bm25(1, 3, title_avgdl, 3, 5), 1e-5 * s["2"]);
  EXPECT_NEAR(s["4"], Bm25(1, 1, title_avgdl, 3, 5), 1e-5 * s["4"]);
  auto q = Scores(shard_, R"({"match":{"title":{"query":"quick","boost":2}}})");
  EXPECT_NEAR(q["2"], Bm25(2, 3, title_avgdl, 2, 5, 2), 1e-5 * q["2"]);
}

TEST_F(RelevanceTest, BoolAndMatchSumClauseScores) {
  auto s = Scores(shard_, R"({"match":{"title":"quick fox"}})");
  float quick_n = 2, fox_n = 3;
  float expected0 = Bm25(1, 3, title_avgdl, quick_n, 5) + Bm25(1, 3, title_avgdl, fox_n, 5);
  float expected2 = Bm25(2, 3, title_avgdl, quick_n, 5) + Bm25(1, 3, title_avgdl, fox_n, 5);
  EXPECT_NEAR(s["0"], expected0, 1e-5 * expected0);
  EXPECT_NEAR(s["2"], expected2, 1e-5 * expected2);
  auto b = Scores(shard_, R"({"bool":{"must":[{"match":{"title":"fox"}}],
                                      "should":[{"match":{"body":"jumps"}}]}})");
  float e4 = Bm25(1, 1, title_avgdl, 3, 5) + Bm25(1, 9, body_avgdl, 2, 5);
  EXPECT_NEAR(b["4"], e4, 1e-5 * e4);
  EXPECT_NEAR(b["2"], Bm25(1, 3, title_avgdl, 3, 5), 1e-5);
}

TEST_F(RelevanceTest, MultiMatchBestFieldsTakesTheBestField) {
  auto s = Scores(shard_, R"({"multi_match":{"query":"brown","fields":["title","body"]}})");
  float t = Bm25(1, 3, title_avgdl, 2, 5), bd = Bm25(3, 3, body_avgdl, 2, 5);
  EXPECT_NEAR(s["3"], std::max(t, bd), 1e-5 * s["3"]);
}

TEST_F(RelevanceTest, PhraseScoresUseSummedIdfAndPhraseFrequency) {
  auto s = Scores(shard_, R"({"match_phrase":{"body":"quick brown fox"}})");
  ASSERT_EQ(s.size(), 1u);
  float idf_sum = 0;
  for (int n : {2, 2, 3}) idf_sum += static_cast<float>(std::log(1 + (5 - n + 0.5) / (n + 0.5)));
  float norm = 1.2f * ((1 - 0.75f) + 0.75f * 9 / body_avgdl);
  float expected = idf_sum - idf_sum / (1.0f + 1 / norm);
  EXPECT_NEAR(s["4"], expected, 1e-5 * expected);
  EXPECT_TRUE(Scores(shard_, R"({"match_phrase":{"body":"brown quick"}})").empty());
  EXPECT_EQ(Scores(shard_, R"({"match_phrase":{"body":{"query":"quick fox","slop":1}}})").size(),
            1u);
}

TEST(MaxScoreTest, TopKEqualsExhaustiveScoringOnRandomCorpora) {
  std::mt19937 rng(42);
  int skipped_docs = 0;  // evidence that pruning ran
  for (int round = 0; round < 6; ++round) {
    TestShard shard(R"({"properties":{"t":{"type":"text","analyzer":"whitespace"}}})");
    // Zipf-ish vocabulary so that some terms are frequent and others rare.
    std::vector<std::string> vocab;
    for (int i = 0; i < 60; ++i) vocab.push_back("w" + std::to_string(i));
    auto word = [&]() {
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      return vocab[static_cast<size_t>(std::pow(u, 3) * vocab.size())];
    };
    for (int seg = 0; seg < 3; ++seg) {
      std::vector<std::string> docs;
      int n = 400 + static_cast<int>(rng() % 800);
      for (int d = 0; d < n; ++d) {
        std::string text;
        int len = 1 + static_cast<int>(rng() % 30);
        for (int i = 0; i < len; ++i) text += (i ? " " : "") + word();
        docs.push_back("{\"t\":\"" + text + "\"}");
      }
      shard.AddSegment(docs);
    }
    for (int qi = 0; qi < 10; ++qi) {
      std::set<std::string> terms;
      int nt = 2 + static_cast<int>(rng() % 4);
      while (static_cast<int>(terms.size()) < nt) terms.insert(vocab[rng() % vocab.size()]);
      std::string should;
      for (const auto& t : terms)
        should += std::string(should.empty() ? "" : ",") + "{\"term\":{\"t\":\"" + t + "\"}}";
      std::string q = "{\"bool\":{\"should\":[" + should + "]}}";
      size_t k = 1 + rng() % 20;
      // Pruning kicks in once k hits are in (threshold 1) vs. exact scoring.
      ShardSearchRequest pruned, exact;
      pruned.query = exact.query = Parse(shard, q);
      pruned.k = exact.k = k;
      pruned.track_total_hits = 1;
      exact.track_total_hits = INT64_MAX;
      auto a = SearchShard(shard.set(), pruned).value();
      auto b = SearchShard(shard.set(), exact).value();
      ASSERT_EQ(a.hits.size(), b.hits.size()) << q;
      for (size_t i = 0; i < a.hits.size(); ++i) {
        EXPECT_EQ(a.hits[i].segment, b.hits[i].segment) << q << " rank " << i;
        EXPECT_EQ(a.hits[i].doc, b.hits[i].doc) << q << " rank " << i;
        EXPECT_FLOAT_EQ(a.hits[i].score, b.hits[i].score);
      }
      EXPECT_FALSE(b.total_is_lower_bound);
      if (a.total_is_lower_bound && a.total_hits < b.total_hits) ++skipped_docs;
    }
  }
  EXPECT_GT(skipped_docs, 10);
}

TEST(PhraseTest, PrunedTopKEqualsExhaustiveScoringOnRandomCorpora) {
  std::mt19937 rng(7);
  int skipped_docs = 0;  // evidence that candidates were skipped
  for (int round = 0; round < 4; ++round) {
    TestShard shard(R"({"properties":{"t":{"type":"text","analyzer":"whitespace"}}})");
    // A small vocabulary, so that phrases recur with varied frequencies.
    auto word = [&]() { return "w" + std::to_string(rng() % 6); };
    for (int seg = 0; seg < 2; ++seg) {
      std::vector<std::string> docs;
      int n = 300 + static_cast<int>(rng() % 500);
      for (int d = 0; d < n; ++d) {
        std::string text;
        int len = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < len; ++i) text += (i ? " " : "") + word();
        docs.push_back("{\"t\":\"" + text + "\"}");
      }
      shard.AddSegment(docs);
    }
    for (int qi = 0; qi < 10; ++qi) {
      std::string phrase = word() + " " + word();
      if (rng() % 2) phrase += " " + word();
      std::string q = "{\"match_phrase\":{\"t\":\"" + phrase + "\"}}";
      size_t k = 1 + rng() % 10;
      ShardSearchRequest pruned, exact;
      pruned.query = exact.query = Parse(shard, q);
      pruned.k = exact.k = k;
      pruned.track_total_hits = 1;
      exact.track_total_hits = INT64_MAX;
      auto a = SearchShard(shard.set(), pruned).value();
      auto b = SearchShard(shard.set(), exact).value();
      ASSERT_EQ(a.hits.size(), b.hits.size()) << q;
      for (size_t i = 0; i < a.hits.size(); ++i) {
        EXPECT_EQ(a.hits[i].segment, b.hits[i].segment) << q << " rank " << i;
        EXPECT_EQ(a.hits[i].doc, b.hits[i].doc) << q << " rank " << i;
        EXPECT_FLOAT_EQ(a.hits[i].score, b.hits[i].score);
      }
      if (a.total_is_lower_bound && a.total_hits < b.total_hits) ++skipped_docs;
    }
  }
  EXPECT_GT(skipped_docs, 5);
}

TEST(ShardSearchTest, DeletedDocsNeverAppear) {
  TestShard shard(R"({"properties":{"k":{"type":"keyword"},"n":{"type":"long"}}})");
  shard.AddSegment({R"({"k":"a","n":1})", R"({"k":"a","n":2})", R"({"k":"b","n":3})"});
  shard.Delete(0, 1);
  EXPECT_EQ(Scores(shard, R"({"term":{"k":"a"}})").size(), 1u);
  EXPECT_EQ(Scores(shard, R"({"range":{"n":{"gte":1,"lte":3}}})").size(), 2u);
  EXPECT_EQ(Scores(shard, R"({"match_all":{}})").size(), 2u);
}

TEST(ShardSearchTest, SortByFieldWithMissingValuesLast) {
  TestShard shard(R"({"properties":{"k":{"type":"keyword"},"n":{"type":"long"}}})");
  shard.AddSegment({R"({"k":"b","n":5})", R"({"k":"a"})", R"({"k":"c","n":-1})"});
  ShardSearchRequest r;
  SortField f;
  f.kind = SortField::Kind::kField;
  f.field = "n";
  r.sort.push_back(f);
  r.k = 10;
  auto res = SearchShard(shard.set(), r).value();
  ASSERT_EQ(res.hits.size(), 3u);
  EXPECT_EQ(res.hits[0].doc, 2u);
  EXPECT_EQ(res.hits[1].doc, 0u);
  EXPECT_EQ(res.hits[2].doc, 1u);
  r.sort[0].reverse = true;
  res = SearchShard(shard.set(), r).value();
  EXPECT_EQ(res.hits[0].doc, 0u);
  EXPECT_EQ(res.hits[2].doc, 1u);  // missing stays last
}

TEST(ShardSearchTest, IndexOrderSortTerminatesEarlyWithTheSameHits) {
  TestShard shard(R"({"properties":{"n":{"type":"long"}}})");
  for (int seg = 0; seg < 3; ++seg) {
    std::vector<std::string> docs;
    for (int i = 0; i < 50; ++i) docs.push_back(R"({"n":)" + std::to_string(seg * 50 + i) + "}");
    shard.AddSegment(docs);
  }
  shard.Delete(0, 3);
  ShardSearchRequest r;
  SortField f;
  f.kind = SortField::Kind::kDoc;
  r.sort.push_back(f);
  r.k = 5;
  r.track_total_hits = INT64_MAX;
  auto exact = SearchShard(shard.set(), r).value();
  EXPECT_EQ(exact.total_hits, 149);
  EXPECT_FALSE(exact.total_is_lower_bound);
  r.track_total_hits = 20;
  auto early = SearchShard(shard.set(), r).value();
  EXPECT_TRUE(early.total_is_lower_bound);
  EXPECT_GE(early.total_hits, 20);
  EXPECT_LT(early.total_hits, 149);
  ASSERT_EQ(early.hits.size(), 5u);
  ASSERT_EQ(exact.hits.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(early.hits[i].segment, exact.hits[i].segment);
    EXPECT_EQ(early.hits[i].doc, exact.hits[i].doc);
  }
  EXPECT_EQ(exact.hits[3].doc, 4u);  // doc 3 is deleted
  // terminate_after still applies in index order.
  r.track_total_hits = INT64_MAX;
  r.terminate_after = 10;
  auto capped = SearchShard(shard.set(), r).value();
  EXPECT_TRUE(capped.terminated_early);
  EXPECT_EQ(capped.total_hits, 10);
}

// Every doc a filter matches in each segment, through `cache` (null: none).
std::vector<std::vector<uint32_t>> FilterMatches(const TestShard& shard, const Query& q,
                                                 FilterCache* cache) {
  IndexSearcher searcher(shard.set());
  searcher.set_filter_cache(cache);
  auto weight = CreateWeight(q, &searcher, ScoreMode::kNoScores).value();
  std::vector<std::vector<uint32_t>> out;
  for (uint32_t seg = 0; seg < shard.set()->segments.size(); ++seg) {
    const auto& view = shard.set()->segments[seg];
    SegmentContext ctx{view.reader.get(), view.live_docs.get(), seg};
    auto scorer = weight->MakeScorer(ctx).value();
    out.emplace_back();
    if (!scorer) continue;
    for (uint32_t d = scorer->NextDoc(); d != kNoMoreDocs; d = scorer->NextDoc()) {
      out.back().push_back(d);
    }
  }
  return out;
}

TEST(FilterCacheTest, CachedFiltersMatchExactlyWhatTheyWouldWithout) {
  TestShard shard(R"({"properties":{"k":{"type":"keyword"},"n":{"type":"long"}}})");
  std::mt19937 rng(5);
  for (int seg = 0; seg < 3; ++seg) {
    std::vector<std::string> docs;
    for (int i = 0; i < 300; ++i) {
      docs.push_back(R"({"k":"v)" + std::to_string(rng() % 20) + R"(","n":)" +
                     std::to_string(rng() % 1000) + "}");
    }
    shard.AddSegment(docs);
  }
  FilterCache::Options o;
  o.min_segment_docs = 1;
  o.min_uses = 2;
  o.min_term_uses = 3;
  FilterCache cache(o);
  const char* queries[] = {
      R"({"range":{"n":{"gte":100,"lt":400}}})",
      R"({"range":{"n":{"gte":100,"lt":401}}})",
      R"({"terms":{"k":["v1","v7","v9"]}})",
      R"({"term":{"k":"v3"}})",
      R"({"prefix":{"k":"v1"}})",
      R"({"exists":{"field":"n"}})",
  };
  for (int round = 0; round < 4; ++round) {
    for (const char* text : queries) {
      QueryPtr q = Parse(shard, text);
      ASSERT_TRUE(q);
      EXPECT_EQ(FilterMatches(shard, *q, &cache), FilterMatches(shard, *q, nullptr))
          << text << " round " << round;
    }
  }
  FilterCache::Stats st = cache.stats();
  EXPECT_EQ(st.entries, 6u * 3u);  // every filter on every segment, by the last round
  EXPECT_GT(st.hits, 0u);
  // Inside a bool, filter clauses are cached too, and the query still agrees.
  QueryPtr b = Parse(shard, R"({"bool":{"filter":[{"range":{"n":{"gte":100,"lt":400}}}],
                                "must_not":[{"terms":{"k":["v1","v7","v9"]}}]}})");
  uint64_t hits_before = cache.stats().hits;
  EXPECT_EQ(FilterMatches(shard, *b, &cache), FilterMatches(shard, *b, nullptr));
  EXPECT_GT(cache.stats().hits, hits_before);
}

TEST(FilterCacheTest, EvictsLeastRecentlyUsedBeyondItsBudget) {
  FilterCache::Options o;
  o.max_bytes = 3 * 128;  // three 1024-bit sets
  FilterCache cache(o);
  for (uint64_t seg = 0; seg < 5; ++seg) {
    cache.Put(seg, "f", std::make_shared<FixedBitSet>(1024));
    if (seg >= 1) EXPECT_NE(cache.Get(1, "f"), nullptr);  // keep segment 1 recent
  }
  EXPECT_EQ(cache.stats().entries, 3u);
  EXPECT_EQ(cache.stats().evictions, 2u);
  EXPECT_NE(cache.Get(1, "f"), nullptr);
  EXPECT_NE(cache.Get(4, "f"), nullptr);
  EXPECT_EQ(cache.Get(0, "f"), nullptr);
}

TEST(FilterCacheTest, KeysTellFiltersApart) {
  bool cheap = false;
  auto key = [&](QueryNode n) { return FilterCacheKey(*MakeQuery(std::move(n)), &cheap).value(); };
  EXPECT_NE(key(NumericRangeQuery{"n", 1, 2}), key(NumericRangeQuery{"n", 1, 3}));
  EXPECT_NE(key(NumericRangeQuery{"n", 1, 2}), key(NumericRangeQuery{"m", 1, 2}));
  EXPECT_NE(key(TermQuery{"ab", "c"}), key(TermQuery{"a", "bc"}));
  EXPECT_TRUE(cheap);
  EXPECT_NE(key(TermSetQuery{"k", {"a", "b"}}), key(TermSetQuery{"k", {"ab"}}));
  EXPECT_FALSE(cheap);
  EXPECT_FALSE(FilterCacheKey(*MakeQuery(MatchAllQuery{}), &cheap).has_value());
}

}  // namespace
}  // namespace quiver::query
