#include "schema/index_settings.h"

#include <gtest/gtest.h>

namespace quiver::schema {
namespace {

json::value J(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : json::value();
}

IndexSettings ParseOk(std::string_view text) {
  auto r = IndexSettings::Parse(J(text));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : IndexSettings();
}

std::string ParseError(std::string_view text) {
  auto r = IndexSettings::Parse(J(text));
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.status().message();
}

TEST(IndexSettingsTest, DefaultsMatchElasticsearch) {
  IndexSettings s;
  EXPECT_EQ(s.number_of_shards(), 1);
  EXPECT_EQ(s.number_of_replicas(), 1);
  EXPECT_EQ(s.refresh_interval_ms(), 1000);
  EXPECT_EQ(s.durability(), TranslogDurability::kRequest);
  EXPECT_EQ(s.sync_interval_ms(), 5000);
  EXPECT_EQ(s.total_fields_limit(), 1000);
  EXPECT_EQ(s.depth_limit(), 20);
  EXPECT_EQ(s.nested_fields_limit(), 50);
  EXPECT_EQ(s.max_result_window(), 10000);
  EXPECT_EQ(s.number_of_routing_shards(), 1024);
  EXPECT_TRUE(s.analysis().is_object());
  EXPECT_EQ(ToJson(s.ToJson()), R"({"index":{"number_of_replicas":"1","number_of_shards":"1"}})");
}

TEST(IndexSettingsTest, AcceptsAllSpellings) {
  for (std::string_view text :
       {R"({"index":{"number_of_shards":2}})", R"({"index.number_of_shards":"2"})",
        R"({"number_of_shards":2})", R"({"number_of_shards":"2"})"}) {
    IndexSettings s = ParseOk(text);
    EXPECT_EQ(s.number_of_shards(), 2) << text;
    EXPECT_EQ(ToJson(s.ToJson(true)),
              R"({"index.number_of_replicas":"1","index.number_of_shards":"2"})");
  }
}

TEST(IndexSettingsTest, NestedPartialPrefixes) {
  IndexSettings s = ParseOk(R"({"index.mapping":{"total_fields":{"limit":5}},
                                "mapping.depth.limit":"3","refresh_interval":"-1",
                                "index":{"translog":{"durability":"async"}}})");
  EXPECT_EQ(s.total_fields_limit(), 5);
  EXPECT_EQ(s.depth_limit(), 3);
  EXPECT_EQ(s.refresh_interval_ms(), -1);
  EXPECT_EQ(s.durability(), TranslogDurability::kAsync);
}

TEST(IndexSettingsTest, RendersNestedSortedStrings) {
  IndexSettings s = ParseOk(R"({"number_of_replicas":0,"refresh_interval":"30s","hidden":true})");
  EXPECT_EQ(ToJson(s.ToJson()),
            R"({"index":{"hidden":"true","number_of_replicas":"0","number_of_shards":"1",)"
            R"("refresh_interval":"30s"}})");
}

TEST(IndexSettingsTest, UnknownSettingMessage) {
  EXPECT_EQ(ParseError(R"({"index.foo":1})"),
            "unknown setting [index.foo] please check that any required plugins are installed, or "
            "check the breaking changes documentation for removed settings");
}

TEST(IndexSettingsTest, UnknownSettingSuggestsCloseName) {
  EXPECT_EQ(ParseError(R"({"index.numbe_of_replica":1})"),
            "unknown setting [index.numbe_of_replica] did you mean [index.number_of_replicas]?");
}

TEST(IndexSettingsTest, InvalidValues) {
  EXPECT_EQ(ParseError(R"({"number_of_shards":0})"),
            "Failed to parse value [0] for setting [index.number_of_shards] must be >= 1");
  EXPECT_EQ(ParseError(R"({"number_of_shards":2000})"),
            "Failed to parse value [2000] for setting [index.number_of_shards] must be <= 1024");
  EXPECT_EQ(ParseError(R"({"number_of_shards":"abc"})"),
            "Failed to parse value [abc] for setting [index.number_of_shards]");
  EXPECT_EQ(ParseError(R"({"number_of_replicas":-1})"),
            "Failed to parse value [-1] for setting [index.number_of_replicas] must be >= 0");
  EXPECT_EQ(ParseError(R"({"refresh_interval":"10"})"),
            "failed to parse setting [index.refresh_interval] with value [10] as a time value: "
            "unit is missing or unrecognized");
  EXPECT_EQ(ParseError(R"({"refresh_interval":"1.5s"})"),
            "failed to parse [1.5s], fractional time values are not supported");
  EXPECT_EQ(ParseError(R"({"translog.durability":"sometimes"})"),
            "No enum constant org.elasticsearch.index.translog.Translog.Durability.SOMETIMES");
  EXPECT_EQ(ParseError(R"({"hidden":"yes"})"),
            "Failed to parse value [yes] as only [true] or [false] are allowed.");
  EXPECT_EQ(ParseError(R"({"translog.sync_interval":"10ms"})"),
            "failed to parse value [10ms] for setting [index.translog.sync_interval], must be >= "
            "[100ms]");
}

TEST(IndexSettingsTest, SoftDeletesCannotBeDisabled) {
  auto r = IndexSettings::Parse(J(R"({"soft_deletes.enabled":false})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "illegal_argument_exception");
}

TEST(IndexSettingsTest, SettingsMustBeAnObject) {
  auto r = IndexSettings::Parse(J(R"("bad settings")"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().http_status(), 400);
  EXPECT_EQ(r.status().type(), "settings_exception");
}

TEST(IndexSettingsTest, VersionCreatedIsPrivate) {
  auto r = IndexSettings::Parse(J(R"({"index.version.created":"1"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().type(), "validation_exception");
  EXPECT_EQ(r.status().message(),
            "Validation Failed: 1: private index setting [index.version.created] can not be set "
            "explicitly;");
}

TEST(IndexSettingsTest, SystemSettingsOverrideUserUuid) {
  IndexSettings s = ParseOk(R"({"index.uuid":"mine","index.creation_date":"42"})");
  s = s.WithSystemSettings({"abc", 1700000000000, "test", "8500003"});
  EXPECT_EQ(s.uuid(), "abc");
  EXPECT_EQ(s.creation_date_ms(), 42);
  EXPECT_EQ(s.provided_name(), "test");
  EXPECT_EQ(*s.Get("index.version.created"), "8500003");
  EXPECT_EQ(ToJson(s.ToJson()),
            R"({"index":{"creation_date":"42","number_of_replicas":"1","number_of_shards":"1",)"
            R"("provided_name":"test","routing":{"allocation":{"include":{"_tier_preference":)"
            R"("data_content"}}},"uuid":"abc","version":{"created":"8500003"}}})");
}

TEST(IndexSettingsTest, RoutingShardsValidation) {
  EXPECT_EQ(ParseError(R"({"number_of_shards":5,"number_of_routing_shards":3})"),
            "index.number_of_routing_shards [3] must be >= index.number_of_shards [5]");
  EXPECT_EQ(ParseError(R"({"number_of_shards":2,"number_of_routing_shards":3})"),
            "the number of source shards [2] must be a factor of [3]");
  EXPECT_EQ(ParseOk(R"({"number_of_shards":3})").number_of_routing_shards(), 768);
}

TEST(IndexSettingsTest, AnalysisIsKeptAsGiven) {
  IndexSettings s = ParseOk(R"({"analysis":{"analyzer":{"my":{"type":"custom",
      "tokenizer":"standard","filter":["lowercase"]}},"filter":{"g":{"type":"edge_ngram",
      "max_gram":3}}},"index.analysis.analyzer.other.type":"standard"})");
  EXPECT_EQ(ToJson(s.analysis()),
            R"({"analyzer":{"my":{"filter":["lowercase"],"tokenizer":"standard","type":"custom"},)"
            R"("other":{"type":"standard"}},"filter":{"g":{"max_gram":3,"type":"edge_ngram"}}})");
  json::value flat = s.ToJson(true);
  EXPECT_EQ(ToJson(*JsonFind(flat, "index.analysis.filter.g.max_gram")), R"("3")");
  EXPECT_EQ(ToJson(*JsonFind(flat, "index.analysis.analyzer.my.filter")), R"(["lowercase"])");
  json::value nested = s.ToJson();
  EXPECT_EQ(ToJson(*JsonFindPath(nested, "index.analysis.analyzer.my.tokenizer")), R"("standard")");
}

class IndexSettingsUpdateTest : public ::testing::Test {
 protected:
  IndexSettings base_ =
      ParseOk(R"({"number_of_replicas":1})").WithSystemSettings({"UUID", 1, "test", "8500003"});
};

TEST_F(IndexSettingsUpdateTest, DynamicSettingsUpdate) {
  auto r = base_.ApplyUpdate(J(R"({"index":{"number_of_replicas":0,"refresh_interval":"5s"}})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->number_of_replicas(), 0);
  EXPECT_EQ(r->refresh_interval_ms(), 5000);
  EXPECT_EQ(base_.number_of_replicas(), 1);
}

TEST_F(IndexSettingsUpdateTest, AcceptsSettingsWrapper) {
  auto r = base_.ApplyUpdate(J(R"({"settings":{"index.max_result_window":"20000"}})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->max_result_window(), 20000);
}

TEST_F(IndexSettingsUpdateTest, StaticSettingRejectedOnOpenIndex) {
  auto r = base_.ApplyUpdate(J(R"({"number_of_shards":2})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Can't update non dynamic settings [[index.number_of_shards]] for open indices "
            "[[test/UUID]]");
  auto r2 = base_.ApplyUpdate(J(R"({"analysis":{"analyzer":{"a":{"type":"standard"}}}})"));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().message(),
            "Can't update non dynamic settings [[index.analysis.analyzer.a.type]] for open "
            "indices [[test/UUID]]");
}

TEST_F(IndexSettingsUpdateTest, FinalSettingRejectedOnClosedIndex) {
  auto r = base_.ApplyUpdate(J(R"({"number_of_shards":2})"), {"test", false, false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "final test setting [index.number_of_shards], not updateable");
  auto ok = base_.ApplyUpdate(J(R"({"translog.sync_interval":"10s"})"), {"test", false, false});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->sync_interval_ms(), 10000);
}

TEST_F(IndexSettingsUpdateTest, NullResetsToDefault) {
  auto r = base_.ApplyUpdate(J(R"({"refresh_interval":"30s"})"));
  ASSERT_TRUE(r.ok());
  auto reset = r->ApplyUpdate(J(R"({"index":{"refresh_interval":null}})"));
  ASSERT_TRUE(reset.ok());
  EXPECT_EQ(reset->refresh_interval_ms(), 1000);
  EXPECT_FALSE(reset->IsSet("index.refresh_interval"));
}

TEST_F(IndexSettingsUpdateTest, InvalidUpdateValueRejected) {
  auto r = base_.ApplyUpdate(J(R"({"number_of_replicas":"x"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Failed to parse value [x] for setting [index.number_of_replicas]");
}

TEST_F(IndexSettingsUpdateTest, PrivateSettingRejected) {
  auto r = base_.ApplyUpdate(J(R"({"index.uuid":"x"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "can not update private setting [index.uuid]; this setting is managed by "
            "Elasticsearch");
}

TEST_F(IndexSettingsUpdateTest, PreserveExisting) {
  auto r =
      base_.ApplyUpdate(J(R"({"number_of_replicas":3,"refresh_interval":"2s"})"), {"", true, true});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number_of_replicas(), 1);
  EXPECT_EQ(r->refresh_interval_ms(), 2000);
}

TEST(IndexSettingsRenderTest, DefaultsBlockHasUnsetSettingsOnly) {
  IndexSettings s = ParseOk(R"({"refresh_interval":"30s"})");
  json::value defaults = s.DefaultsToJson(true);
  EXPECT_EQ(JsonFind(defaults, "index.refresh_interval"), nullptr);
  EXPECT_EQ(ToJson(*JsonFind(defaults, "index.max_result_window")), R"("10000")");
  EXPECT_EQ(ToJson(*JsonFindPath(s.DefaultsToJson(false), "index.mapping.total_fields.limit")),
            R"("1000")");
}

TEST(IndexSettingsRenderTest, StoredJsonRoundTrips) {
  IndexSettings s = ParseOk(R"({"number_of_shards":3,"analysis":{"analyzer":{"a":{"type":
      "standard","stopwords":["x"]}}},"query.default_field":["a","b"]})")
                        .WithSystemSettings({"u", 5, "n", "8500003"});
  auto back = IndexSettings::FromStoredJson(s.ToStoredJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ToJson(back->ToJson()), ToJson(s.ToJson()));
  EXPECT_EQ(ToJson(back->analysis()), ToJson(s.analysis()));
  EXPECT_EQ(back->number_of_shards(), 3);
  EXPECT_EQ(back->uuid(), "u");
}

}  // namespace
}  // namespace quiver::schema
