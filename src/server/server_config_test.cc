#include "server/server_config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/temp_dir.h"

namespace quiver::server {
namespace {

TEST(ServerConfigTest, DefaultsAreEmbeddedOnes) {
  char* env[] = {nullptr};
  auto c = LoadServerConfig({}, "", env).value();
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 9200);
  EXPECT_EQ(c.data_dir, "data");
  EXPECT_EQ(c.max_content_length_bytes, 100ll << 20);
}

TEST(ServerConfigTest, FlagsBeatEnvironmentBeatsFile) {
  TempDir dir;
  std::string path = (dir.path() / "quiver.yml").string();
  std::ofstream(path) << "http:\n  port: 9300\n  max_content_length: 10mb\npath.data: /from/file\n"
                         "cluster.name: filecluster\n";
  char e1[] = "QUIVER_PORT=9400";
  char e2[] = "QUIVER_CLUSTER_NAME=envcluster";
  char e3[] = "QUIVER_HTTP_MAX_CONTENT_LENGTH=20mb";
  char* env[] = {e1, e2, e3, nullptr};
  auto c = LoadServerConfig({{"path.data", "/from/flag"}}, path, env).value();
  EXPECT_EQ(c.port, 9400);
  EXPECT_EQ(c.cluster_name, "envcluster");
  EXPECT_EQ(c.data_dir, "/from/flag");
  EXPECT_EQ(c.max_content_length_bytes, 20ll << 20);
  EXPECT_EQ(c.config_file, path);
  auto flagged = LoadServerConfig({{"http.port", "9500"}}, path, env).value();
  EXPECT_EQ(flagged.port, 9500);
}

TEST(ServerConfigTest, UnknownKeysAndBadValuesAreErrors) {
  char* env[] = {nullptr};
  EXPECT_FALSE(LoadServerConfig({{"no.such.key", "1"}}, "", env).ok());
  EXPECT_FALSE(LoadServerConfig({{"http.port", "99999"}}, "", env).ok());
  EXPECT_FALSE(LoadServerConfig({{"http.compression", "maybe"}}, "", env).ok());
  char unrelated[] = "QUIVER_BINARY=/x/quiver";
  char* unrelated_env[] = {unrelated, nullptr};
  auto ok = LoadServerConfig({}, "", unrelated_env).value();
  EXPECT_EQ(ok.ignored_environment.size(), 1u);
  char bad[] = "QUIVER_PORT=abc";
  char* bad_env[] = {bad, nullptr};
  EXPECT_FALSE(LoadServerConfig({}, "", bad_env).ok());
  EXPECT_FALSE(LoadServerConfig({}, "/nonexistent/quiver.yml", env).ok());
}

}  // namespace
}  // namespace quiver::server
