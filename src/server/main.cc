// quiver: the server binary. Parses flags, loads the configuration, opens the
// node and serves the REST API until SIGINT/SIGTERM, then shuts down cleanly
// (in-flight requests finish, every shard flushes, files close).
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "api/es/es_api.h"
#include "api/http/http_server.h"
#include "common/logging.h"
#include "common/thread_pool.h"
#include "engine/node.h"
#include "server/server_config.h"

extern char** environ;

namespace {

int Serve(const std::map<std::string, std::string>& flags, const std::string& config_path) {
  using namespace quiver;
  auto config = server::LoadServerConfig(flags, config_path, environ);
  if (!config.ok()) {
    std::cerr << "quiver: " << config.status().message() << "\n";
    return 2;
  }
  InitLogging(config->log_level);
  if (!config->config_file.empty()) QLOG_INFO("read settings from {}", config->config_file);
  for (const auto& name : config->ignored_environment) {
    QLOG_WARN("ignoring environment variable {}: it names no setting", name);
  }

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  engine::NodeOptions node_options;
  node_options.data_dir = config->data_dir;
  node_options.node_name = config->node_name;
  node_options.cluster_name = config->cluster_name;
  node_options.destructive_requires_name = config->destructive_requires_name;
  node_options.auto_create_index = config->auto_create_index;
  node_options.max_buffer_bytes = static_cast<size_t>(config->index_buffer_bytes);
  auto node = engine::Node::Open(node_options);
  if (!node.ok()) {
    QLOG_ERROR("cannot open data directory [{}]: {}", config->data_dir, node.status().ToString());
    return 1;
  }
  api::EsApi es(node->get(), api::NodeInfo{});
  ThreadPool workers(static_cast<size_t>(config->worker_threads), "q-http-worker");
  HttpServerOptions http_options;
  http_options.host = config->host;
  http_options.port = config->port;
  http_options.num_io_threads = static_cast<size_t>(config->io_threads);
  http_options.max_content_length_bytes = config->max_content_length_bytes;
  http_options.compression = config->http_compression;
  HttpServer http(http_options, [&es](HttpRequest& req) { return es.Handle(req); }, &workers);
  Status started = http.Start();
  if (!started.ok()) {
    QLOG_ERROR("{}", started.ToString());
    return 1;
  }
  QLOG_INFO("quiver listening on http://{}:{} with data in [{}]", config->host, http.bound_port(),
            config->data_dir);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  QLOG_INFO("received {}, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
  http.Stop();
  Status closed = (*node)->Close();
  if (!closed.ok()) {
    QLOG_ERROR("shutdown: {}", closed.ToString());
    return 1;
  }
  QLOG_INFO("stopped cleanly");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Quiver: Elasticsearch-compatible search and vector database"};
  app.require_subcommand(1);
  CLI::App* serve = app.add_subcommand("serve", "run the server");
  std::string host, data, config_path, log_level;
  int port = -1;
  std::vector<std::string> settings;
  serve->add_option("--host", host, "address to bind (network.host)");
  serve->add_option("--port", port, "HTTP port (http.port)");
  serve->add_option("--data", data, "data directory (path.data)");
  serve->add_option("--config", config_path, "YAML config file (default ./quiver.yml)");
  serve->add_option("--log-level", log_level, "logger.level");
  serve->add_option("-E,--setting", settings, "any setting as key=value (repeatable)");
  CLI::App* version = app.add_subcommand("version", "print the version");
  CLI11_PARSE(app, argc, argv);
  if (version->parsed()) {
    std::cout << "quiver 0.1.0 (Elasticsearch API 8.19.0)\n";
    return 0;
  }
  std::map<std::string, std::string> flags;
  for (const auto& s : settings) {
    size_t eq = s.find('=');
    if (eq == std::string::npos) {
      std::cerr << "quiver: -E expects key=value, got [" << s << "]\n";
      return 2;
    }
    flags[s.substr(0, eq)] = s.substr(eq + 1);
  }
  if (!host.empty()) flags["network.host"] = host;
  if (port >= 0) flags["http.port"] = std::to_string(port);
  if (!data.empty()) flags["path.data"] = data;
  if (!log_level.empty()) flags["logger.level"] = log_level;
  return Serve(flags, config_path);
}
