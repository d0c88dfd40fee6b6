#include "api/http/http_server.h"

#include <pthread.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/http/http_connection.h"
#include "common/logging.h"

namespace quiver {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
// After a failed accept (e.g. out of file descriptors), wait before retrying.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
}  // namespace

struct HttpServer::Impl {
  Impl(HttpServerOptions options, Handler handler, ThreadPool* workers)
      : ioc(static_cast<int>(std::max<size_t>(1, options.num_io_threads))),
        acceptor(asio::make_strand(ioc)),
        accept_retry_timer(acceptor.get_executor()) {
    context.options = std::move(options);
    context.handler = std::move(handler);
    context.workers = workers;
    context.on_destroyed = [this](HttpConnection* connection) {
      OnConnectionDestroyed(connection);
    };
  }

  Status Start();
  void Stop();
  // Accept loop; runs on the acceptor's strand.
  void Accept();
  void OnAccept(boost::system::error_code ec, tcp::socket socket);
  void OnConnectionDestroyed(HttpConnection* connection);
  void RunIo();
  std::vector<std::weak_ptr<HttpConnection>> SnapshotConnections();

  HttpConnectionContext context;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::steady_timer accept_retry_timer;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  std::atomic<int> bound_port{0};

  std::mutex lifecycle_mu;  // serialises Start and Stop
  bool started = false;     // GUARDED_BY(lifecycle_mu)
  bool stopped = false;     // GUARDED_BY(lifecycle_mu)

  mutable std::mutex mu;
  std::condition_variable connections_cv;  // signalled when `connections` empties
  bool stopping = false;                   // GUARDED_BY(mu)
  std::unordered_map<HttpConnection*, std::weak_ptr<HttpConnection>> connections;  // GUARDED_BY(mu)
};

Status HttpServer::Impl::Start() {
  std::lock_guard<std::mutex> lifecycle_lock(lifecycle_mu);
  if (started || stopped) return Status::InvalidArgument("HTTP server was already started");
  if (context.workers == nullptr) return Status::InvalidArgument("HTTP server needs a worker pool");
  if (!context.handler) return Status::InvalidArgument("HTTP server needs a handler");
  const HttpServerOptions& options = context.options;
  std::string address = options.host + ":" + std::to_string(options.port);
  if (options.port < 0 || options.port > 65535) {
    return Status::InvalidArgument("invalid HTTP port [" + std::to_string(options.port) + "]");
  }

  boost::system::error_code ec;
  tcp::resolver resolver(ioc);
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return Status::IoError("Failed to resolve HTTP bind address [" + address +
                           "]: " + (ec ? ec.message() : "no address"));
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return Status::IoError("Failed to bind HTTP to [" + address + "]: " + ec.message());
  }
  bound_port = acceptor.local_endpoint(ec).port();

  work.emplace(ioc.get_executor());
  // No I/O thread runs yet, so the acceptor may be used from here.
  Accept();
  size_t num_threads = std::max<size_t>(1, options.num_io_threads);
  for (size_t i = 0; i < num_threads; ++i) io_threads.emplace_back([this] { RunIo(); });
  started = true;
  return Status::Ok();
}

void HttpServer::Impl::RunIo() {
  pthread_setname_np(pthread_self(), "http-io");
  while (true) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      QLOG_ERROR("http: I/O thread caught an exception: {}", e.what());
    }
  }
}

void HttpServer::Impl::Accept() {
  if (!acceptor.is_open()) return;
  acceptor.async_accept(asio::make_strand(ioc),
                        [this](boost::system::error_code ec, tcp::socket socket) {
                          OnAccept(ec, std::move(socket));
                        });
}

void HttpServer::Impl::OnAccept(boost::system::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted) return;
  if (ec) {
    QLOG_WARN("http: accept failed: {}", ec.message());
    accept_retry_timer.expires_after(kAcceptRetryDelay);
    accept_retry_timer.async_wait([this](boost::system::error_code timer_ec) {
      if (!timer_ec) Accept();
    });
    return;
  }
  std::shared_ptr<HttpConnection> connection;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (stopping) return;  // the socket closes as it goes out of scope
    connection = std::make_shared<HttpConnection>(std::move(socket), &context);
    connections.emplace(connection.get(), connection);
  }
  connection->Start();
  Accept();
}

void HttpServer::Impl::OnConnectionDestroyed(HttpConnection* connection) {
  std::lock_guard<std::mutex> lock(mu);
  connections.erase(connection);
  // Notified under the lock: once Stop sees the map empty it may destroy `this`.
  if (connections.empty()) connections_cv.notify_all();
}

std::vector<std::weak_ptr<HttpConnection>> HttpServer::Impl::SnapshotConnections() {
  std::vector<std::weak_ptr<HttpConnection>> snapshot;
  std::lock_guard<std::mutex> lock(mu);
  snapshot.reserve(connections.size());
  for (const auto& entry : connections) snapshot.push_back(entry.second);
  return snapshot;
}

void HttpServer::Impl::Stop() {
  std::lock_guard<std::mutex> lifecycle_lock(lifecycle_mu);
  if (!started || stopped) return;
  stopped = true;
  {
    std::lock_guard<std::mutex> lock(mu);
    stopping = true;
  }

  std::promise<void> acceptor_closed;
  asio::post(acceptor.get_executor(), [this, &acceptor_closed] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    accept_retry_timer.cancel();
    acceptor_closed.set_value();
  });
  acceptor_closed.get_future().wait();

  // Idle connections close now; the others after their response. A strong
  // reference taken here may be the last one, so none is held under `mu`.
  for (const auto& weak : SnapshotConnections()) {
    if (auto connection = weak.lock()) connection->Shutdown();
  }
  bool drained;
  {
    std::unique_lock<std::mutex> lock(mu);
    drained = connections_cv.wait_for(
        lock, std::chrono::milliseconds(context.options.shutdown_timeout_ms),
        [this] { return connections.empty(); });
  }
  if (!drained) {
    for (const auto& weak : SnapshotConnections()) {
      if (auto connection = weak.lock()) connection->ForceClose();
    }
  }
  // Handlers still running hold their connection until they return.
  {
    std::unique_lock<std::mutex> lock(mu);
    connections_cv.wait(lock, [this] { return connections.empty(); });
  }

  work.reset();
  ioc.stop();
  for (std::thread& thread : io_threads) thread.join();
  io_threads.clear();
}

HttpServer::HttpServer(HttpServerOptions options, Handler handler, ThreadPool* workers)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), workers)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop() { impl_->Stop(); }

int HttpServer::bound_port() const { return impl_->bound_port.load(); }

size_t HttpServer::num_connections() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->connections.size();
}

}  // namespace quiver
