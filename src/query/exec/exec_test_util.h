// Builds small in-memory shards for execution tests: documents go through
// the real schema parser, analyzers and segment builder.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analysis_registry.h"
#include "common/json.h"
#include "schema/document_parser.h"
#include "schema/mapping.h"
#include "segment/segment_builder.h"
#include "segment/segment_reader.h"
#include "segment/segment_view.h"

namespace quiver::query {

class StringBlob : public storage::Blob {
 public:
  explicit StringBlob(std::string data) : data_(std::move(data)) {}
  std::string_view data() const override { return data_; }

 private:
  std::string data_;
};

class TestShard {
 public:
  explicit TestShard(const std::string& mapping_json) {
    registry_ = analysis::AnalysisRegistry::Build(json::value(), {}).value();
    ctx_.settings = &settings_;
    mapping_ = schema::Mapping::Parse(ParseJson(mapping_json).value(), ctx_).value();
  }

  // Adds documents as one new segment.
  void AddSegment(const std::vector<std::string>& sources) {
    segment::SegmentBuilder builder;
    for (const auto& src : sources) {
      schema::DocumentParseRequest req;
      req.mapping = mapping_;
      req.context = &ctx_;
      std::string id = std::to_string(next_id_++);
      req.id = id;
      req.source = src;
      auto parsed = schema::ParseDocument(req);
      ASSERT_OK(parsed);
      mapping_ = parsed->mapping;
      auto doc = segment::AnalyzeDocument(std::move(parsed).value(), *registry_);
      ASSERT_OK(doc);
      builder.Add(*doc, segment::DocMeta{static_cast<uint64_t>(next_id_), 1, 1});
    }
    std::string bytes;
    segment::StringSink sink(&bytes);
    segment::SegmentFileWriter w(&sink, set_->segments.size() + 1);
    if (!builder.Build(&w, 0).ok() || !w.Finish().ok()) std::abort();
    auto reader = segment::SegmentReader::Open(std::make_shared<StringBlob>(std::move(bytes)));
    if (!reader.ok()) std::abort();
    auto live = std::make_shared<const segment::LiveDocs>((*reader)->num_docs());
    set_->segments.push_back({*reader, live});
  }

  void Delete(size_t segment, uint32_t doc) {
    auto& v = set_->segments[segment];
    v.live_docs = v.live_docs->WithDeleted({doc});
  }

  std::shared_ptr<const segment::SegmentSet> set() const { return set_; }
  const schema::Mapping& mapping() const { return *mapping_; }
  const analysis::AnalysisRegistry& analysis() const { return *registry_; }
  const schema::IndexSettings& settings() const { return settings_; }

 private:
  template <typename R>
  static void ASSERT_OK(const R& r) {
    if (!r.ok()) {
      fprintf(stderr, "%s\n", r.status().ToString().c_str());
      std::abort();
    }
  }
  schema::IndexSettings settings_;
  schema::MappingContext ctx_;
  std::shared_ptr<const schema::Mapping> mapping_;
  std::shared_ptr<const analysis::AnalysisRegistry> registry_;
  std::shared_ptr<segment::SegmentSet> set_ = std::make_shared<segment::SegmentSet>();
  int next_id_ = 0;
};

}  // namespace quiver::query
