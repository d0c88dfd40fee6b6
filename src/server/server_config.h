// ServerConfig: every setting of `quiver serve`, from (lowest to highest
// precedence) built-in defaults, the YAML config file (`--config FILE`, else
// ./quiver.yml when present), QUIVER_* environment variables, and
// command-line flags. Keys are ES-style dotted names; see README.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace quiver::server {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 9200;
  std::string data_dir = "data";
  std::string cluster_name = "quiver";
  std::string node_name = "quiver-node";
  int64_t max_content_length_bytes = 100ll << 20;
  bool http_compression = true;
  int io_threads = 2;
  int worker_threads = 16;
  bool destructive_requires_name = true;
  bool auto_create_index = true;
  int64_t index_buffer_bytes = 64ll << 20;
  std::string log_level = "info";
  std::string config_file;  // the file that was read, if any
  // QUIVER_* variables that name no setting (logged, not fatal).
  std::vector<std::string> ignored_environment;
};

// Every recognised key with its description (README and `--help`).
const std::vector<std::pair<std::string, std::string>>& ConfigKeys();

// Builds the configuration. `flag_values` are settings given on the command
// line (key -> value, already mapped from --host/--port/--data/-E);
// `config_path` is --config (empty: ./quiver.yml if it exists); `environ`
// is the process environment.
Result<ServerConfig> LoadServerConfig(const std::map<std::string, std::string>& flag_values,
                                      const std::string& config_path, char** environ);

}  // namespace quiver::server
