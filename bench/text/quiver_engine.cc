// Quiver's engine in process: documents go through the same path as a
// shard's indexing buffer (schema::ParseDocument on the JSON line,
// segment::AnalyzeDocument, SegmentBuilder), one segment is written to a
// LocalBlobStore file and opened through mmap; queries are ES query JSON
// parsed by the DSL parser (including analysis of the query text) and run
// by query::SearchShard, as the `_search` handler's query phase does.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "query/dsl/query_parser.h"
#include "query/exec/shard_search.h"
#include "query/query_context.h"
#include "schema/document_parser.h"
#include "schema/index_settings.h"
#include "schema/mapping.h"
#include "segment/segment_builder.h"
#include "segment/segment_file_writer.h"
#include "segment/segment_format.h"
#include "segment/segment_reader.h"
#include "segment/segment_view.h"
#include "storage/local_blob_store.h"
#include "text_engine.h"

namespace quiver::bench {

namespace {

template <typename R>
void Check(const R& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "fulltext_bench: quiver %s: %s\n", what, r.status().ToString().c_str());
    std::exit(1);
  }
}
void CheckStatus(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "fulltext_bench: quiver %s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

class QuiverEngine : public TextEngine {
 public:
  QuiverEngine(Analysis analysis, std::string field)
      : analyzer_(analysis == Analysis::kEnglish ? "english" : "standard"),
        field_(std::move(field)) {
    auto registry = analysis::AnalysisRegistry::Build(json::value(), {});
    Check(registry, "analysis registry");
    registry_ = *registry;
    mctx_.settings = &settings_;
    // Only the benchmarked field is indexed; the rest of each line is kept
    // in _source only, as "dynamic": false does in Elasticsearch.
    std::string mapping = R"({"dynamic": false, "properties": {)" + JsonQuote(field_) +
                          R"(: {"type": "text", "analyzer": ")" + analyzer_ + R"("}}})";
    auto parsed = schema::Mapping::Parse(ParseJson(mapping).value(), mctx_);
    Check(parsed, "mapping");
    mapping_ = *parsed;
    qctx_.mapping = mapping_.get();
    qctx_.analysis = registry_.get();
    qctx_.settings = &settings_;
    qctx_.index_name = "bench";
  }

  std::string name() const override { return "Quiver"; }

  std::string Describe() const override {
    if (analyzer_ == "english") {
      return "`english` analyzer (standard tokenizer, possessive filter, lowercase, _english_ "
             "stopwords, Snowball english stemmer); BM25 k1=1.2 b=0.75 as Lucene";
    }
    return "`standard` analyzer (Unicode UAX#29 word boundaries, lowercase, no stopwords, no "
           "stemming, tokens > 255 chars split); BM25 k1=1.2 b=0.75 as Lucene";
  }

  IndexStats Index(const Corpus& corpus, const std::string& dir) override {
    auto start = std::chrono::steady_clock::now();
    segment::SegmentBuilder builder;
    for (size_t i = 0; i < corpus.lines.size(); ++i) {
      schema::DocumentParseRequest req;
      req.mapping = mapping_;
      req.context = &mctx_;
      req.index = "bench";
      std::string id = std::to_string(i);
      req.id = id;
      req.source = corpus.lines[i];
      auto parsed = schema::ParseDocument(req);
      Check(parsed, "parse document");
      auto doc = segment::AnalyzeDocument(std::move(parsed).value(), *registry_);
      Check(doc, "analyze document");
      builder.Add(*doc, segment::DocMeta{i, 1, 1});
    }
    auto store = storage::LocalBlobStore::OpenRoot(dir);
    Check(store, "blob store");
    store_ = std::move(store).value();
    {
      auto writer = store_->Create("segment");
      Check(writer, "create segment file");
      segment::BlobSink sink(writer->get());
      segment::SegmentFileWriter w(&sink, 1);
      CheckStatus(builder.Build(&w, 0), "build segment");
      Check(w.Finish(), "finish segment");
      CheckStatus(sink.Flush(), "flush segment");
      CheckStatus((*writer)->CloseUnsynced(), "close segment");
    }
    auto blob = store_->Open("segment");
    Check(blob, "open segment");
    auto reader = segment::SegmentReader::Open(*blob);
    Check(reader, "open segment reader");
    IndexStats stats;
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto set = std::make_shared<segment::SegmentSet>();
    set->segments.push_back(
        {*reader, std::make_shared<const segment::LiveDocs>((*reader)->num_docs())});
    set_ = set;

    const auto& file = (*reader)->file();
    uint64_t source = file.component_size(segment::kSourceComponent);
    stats.index_bytes = file.size_bytes() - source;
    std::string parts;
    for (const auto& name : file.component_names()) {
      if (!parts.empty()) parts += ", ";
      parts += name + " " + std::to_string(file.component_size(name));
    }
    stats.size_note = "segment file " + std::to_string(file.size_bytes()) +
                      " B minus stored _source " + std::to_string(source) +
                      " B (components: " + parts + ")";
    return stats;
  }

  void Search(const BenchQuery& query, size_t k, std::vector<uint64_t>* docs) override {
    auto result = Run(query, k, /*track_total_hits=*/static_cast<int64_t>(k));
    docs->clear();
    for (const auto& hit : result.hits) docs->push_back(hit.doc);
  }

  uint64_t Count(const BenchQuery& query) override {
    return static_cast<uint64_t>(Run(query, 1, INT64_MAX).total_hits);
  }

 private:
  query::ShardSearchResult Run(const BenchQuery& bq, size_t k, int64_t track_total_hits) {
    auto it = parsed_.find(bq.text + '\t' + QueryTypeName(bq.type));
    if (it == parsed_.end()) {
      auto v = ParseJson(EsQueryJson(bq, field_));
      Check(v, "query JSON");
      it = parsed_.emplace(bq.text + '\t' + QueryTypeName(bq.type), std::move(v).value()).first;
    }
    // Timed from here: the DSL parse (with query-text analysis) and the
    // query phase, as for a _search request after its JSON is read.
    auto q = query::dsl::ParseQuery(it->second, qctx_);
    Check(q, "parse query");
    query::ShardSearchRequest req;
    req.query = *q;
    req.k = k;
    req.track_total_hits = track_total_hits;
    auto r = query::SearchShard(set_, req);
    Check(r, "search");
    return std::move(r).value();
  }

  std::string analyzer_;
  std::string field_;
  schema::IndexSettings settings_;
  schema::MappingContext mctx_;
  std::shared_ptr<const schema::Mapping> mapping_;
  std::shared_ptr<const analysis::AnalysisRegistry> registry_;
  query::QueryContext qctx_;
  std::unique_ptr<storage::LocalBlobStore> store_;
  std::shared_ptr<const segment::SegmentSet> set_;
  std::map<std::string, json::value> parsed_;
};

}  // namespace

std::string EsQueryJson(const BenchQuery& query, const std::string& field) {
  const std::string f = JsonQuote(field);
  const std::string text = JsonQuote(query.text);
  switch (query.type) {
    case QueryType::kTerm:
    case QueryType::kOr:
      return R"({"match": {)" + f + ": " + text + "}}";
    case QueryType::kAnd:
      return R"({"match": {)" + f + R"(: {"query": )" + text + R"(, "operator": "and"}}})";
    case QueryType::kPhrase:
      return R"({"match_phrase": {)" + f + ": " + text + "}}";
  }
  return "{}";
}

std::unique_ptr<TextEngine> MakeQuiverEngine(Analysis analysis, const std::string& field) {
  return std::make_unique<QuiverEngine>(analysis, field);
}

}  // namespace quiver::bench
