#include "server/server_config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "common/strings.h"

namespace quiver::server {
namespace {

// Short names accepted everywhere for the most used keys.
const std::map<std::string, std::string>& Aliases() {
  static const std::map<std::string, std::string> kAliases = {
      {"host", "network.host"}, {"http.host", "network.host"}, {"port", "http.port"},
      {"data", "path.data"},    {"log.level", "logger.level"},
  };
  return kAliases;
}

std::string Canonical(const std::string& key) {
  auto it = Aliases().find(key);
  return it == Aliases().end() ? key : it->second;
}

void Flatten(const YAML::Node& node, const std::string& prefix,
             std::map<std::string, std::string>* out) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>();
      Flatten(kv.second, prefix.empty() ? key : prefix + "." + key, out);
    }
  } else if (node.IsScalar()) {
    (*out)[prefix] = node.as<std::string>();
  } else if (node.IsNull()) {
    (*out)[prefix] = "";
  }
}

Status Apply(const std::string& raw_key, const std::string& value, const std::string& origin,
             ServerConfig* c) {
  std::string key = Canonical(raw_key);
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid value [" + value + "] for setting [" + raw_key +
                                   "] from " + origin + ": " + why);
  };
  auto as_int = [&](int64_t lo, int64_t hi, int64_t* out) -> Status {
    if (!ParseInt64(value, out) || *out < lo || *out > hi) {
      return bad("expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    return Status::Ok();
  };
  auto as_bool = [&](bool* out) -> Status {
    if (value == "true") {
      *out = true;
    } else if (value == "false") {
      *out = false;
    } else {
      return bad("expected true or false");
    }
    return Status::Ok();
  };
  int64_t n;
  if (key == "network.host") {
    c->host = value;
  } else if (key == "http.port") {
    QUIVER_RETURN_IF_ERROR(as_int(0, 65535, &n));
    c->port = static_cast<int>(n);
  } else if (key == "path.data") {
    c->data_dir = value;
  } else if (key == "cluster.name") {
    c->cluster_name = value;
  } else if (key == "node.name") {
    c->node_name = value;
  } else if (key == "http.max_content_length") {
    if (!ParseByteSize(value, &n) || n <= 0) return bad("expected a byte size such as 100mb");
    c->max_content_length_bytes = n;
  } else if (key == "http.compression") {
    QUIVER_RETURN_IF_ERROR(as_bool(&c->http_compression));
  } else if (key == "http.io_threads") {
    QUIVER_RETURN_IF_ERROR(as_int(1, 256, &n));
    c->io_threads = static_cast<int>(n);
  } else if (key == "thread_pool.workers") {
    QUIVER_RETURN_IF_ERROR(as_int(1, 1024, &n));
    c->worker_threads = static_cast<int>(n);
  } else if (key == "action.destructive_requires_name") {
    QUIVER_RETURN_IF_ERROR(as_bool(&c->destructive_requires_name));
  } else if (key == "action.auto_create_index") {
    QUIVER_RETURN_IF_ERROR(as_bool(&c->auto_create_index));
  } else if (key == "indices.memory.index_buffer_size") {
    if (!ParseByteSize(value, &n) || n <= 0) return bad("expected a byte size such as 64mb");
    c->index_buffer_bytes = n;
  } else if (key == "logger.level") {
    static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    bool ok = false;
    for (const char* l : kLevels) ok |= value == l;
    if (!ok) return bad("expected one of trace, debug, info, warn, error, off");
    c->log_level = value;
  } else {
    return Status::InvalidArgument("unknown setting [" + raw_key + "] from " + origin);
  }
  return Status::Ok();
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& ConfigKeys() {
  static const std::vector<std::pair<std::string, std::string>> kKeys = {
      {"network.host", "address to bind HTTP to (alias: host, http.host) [127.0.0.1]"},
      {"http.port", "HTTP port (alias: port) [9200]"},
      {"path.data", "data directory (alias: data) [./data]"},
      {"cluster.name", "cluster name reported by GET / [quiver]"},
      {"node.name", "node name reported by GET / [quiver-node]"},
      {"http.max_content_length", "largest request body accepted [100mb]"},
      {"http.compression", "gzip responses when the client accepts it [true]"},
      {"http.io_threads", "network I/O threads [2]"},
      {"thread_pool.workers", "request handling threads [16]"},
      {"action.destructive_requires_name", "refuse deleting indices by wildcard [true]"},
      {"action.auto_create_index", "create missing indices on first write [true]"},
      {"indices.memory.index_buffer_size", "per-shard indexing buffer before a refresh [64mb]"},
      {"logger.level", "trace, debug, info, warn, error, off (alias: log.level) [info]"},
  };
  return kKeys;
}

Result<ServerConfig> LoadServerConfig(const std::map<std::string, std::string>& flag_values,
                                      const std::string& config_path, char** environ) {
  ServerConfig c;
  std::string path = config_path;
  if (path.empty() && std::filesystem::exists("quiver.yml")) path = "quiver.yml";
  if (!path.empty()) {
    std::map<std::string, std::string> file_values;
    try {
      YAML::Node root = YAML::LoadFile(path);
      if (!root.IsNull() && !root.IsMap()) {
        return Status::InvalidArgument("config file [" + path + "] must hold a YAML mapping");
      }
      Flatten(root, "", &file_values);
    } catch (const std::exception& e) {
      return Status::InvalidArgument("cannot read config file [" + path + "]: " + e.what());
    }
    for (const auto& [k, v] : file_values) {
      QUIVER_RETURN_IF_ERROR(Apply(k, v, "config file [" + path + "]", &c));
    }
    c.config_file = path;
  }
  // QUIVER_HTTP_PORT -> http.port; QUIVER_PORT -> port (alias).
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.rfind("QUIVER_", 0) != 0) continue;
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = AsciiLower(entry.substr(7, eq - 7));
    if (name == "config") continue;
    std::string key;
    for (char ch : name) key.push_back(ch == '_' ? '.' : ch);
    // Keys whose last part holds an underscore (max_content_length, ...)
    // are matched against the known keys with '_' and '.' both allowed.
    for (const auto& [known, desc] : ConfigKeys()) {
      std::string flat;
      for (char ch : known) flat.push_back(ch == '_' ? '.' : ch);
      if (flat == key) key = known;
    }
    for (const auto& [alias, target] : Aliases()) {
      std::string flat;
      for (char ch : alias) flat.push_back(ch == '_' ? '.' : ch);
      if (flat == key) key = alias;
    }
    Status applied = Apply(key, std::string(entry.substr(eq + 1)), "environment variable", &c);
    if (!applied.ok()) {
      // Unrelated QUIVER_* variables (QUIVER_URL in a test shell) must not
      // stop the server; a known setting with a bad value must.
      if (applied.message().rfind("unknown setting", 0) == 0) {
        c.ignored_environment.push_back(std::string(entry.substr(0, eq)));
        continue;
      }
      return applied;
    }
  }
  for (const auto& [k, v] : flag_values) QUIVER_RETURN_IF_ERROR(Apply(k, v, "command line", &c));
  return c;
}

}  // namespace quiver::server
