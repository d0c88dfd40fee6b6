// HttpServer: the HTTP/1.1 transport (Boost.Beast on Asio) in front of the
// REST API. It accepts connections, parses requests (keep-alive, pipelining,
// chunked and gzip/deflate bodies, Expect: 100-continue), runs the handler for
// each on a caller-supplied worker pool, and writes the responses back in
// request order (gzip-compressed when the client accepts it).
//
// Threading: `num_io_threads` threads run all socket I/O; a connection's I/O
// is serialised on its own strand, and no thread is tied to a connection. The
// handler may block: it always runs on `workers`, never on an I/O thread, and
// may be called concurrently for different connections. Requests on one
// connection are handled one at a time; the next is read only after the
// previous response was written, so pipelined responses stay in order.
//
// Start, Stop and the destructor are called from one owning thread (never
// from a handler); bound_port and num_connections are safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http/http_request.h"
#include "api/http/http_response.h"
#include "common/status.h"

namespace quiver {

class ThreadPool;

// Handles one request. The request may be moved from.
using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

struct HttpServerOptions {
  // Interface to bind; a name is resolved ("localhost", "0.0.0.0", "::").
  std::string host = "127.0.0.1";
  // 0 picks an ephemeral port (see HttpServer::bound_port).
  int port = 9200;
  size_t num_io_threads = 2;
  // ES http.max_content_length: the largest request body, checked against
  // Content-Length, while chunked data arrives, and after decompression.
  int64_t max_content_length_bytes = int64_t{100} * 1024 * 1024;
  // ES http.max_header_size: the header fields of a request, all together.
  int64_t max_header_bytes = 16 * 1024;
  // ES http.max_initial_line_length: the request line.
  int64_t max_initial_line_bytes = 4 * 1024;
  // A keep-alive connection with no request in progress is closed after this
  // long; so is one whose request stops arriving for this long. 0 disables.
  // (ES keeps idle connections forever by default; clients pool them.)
  int64_t idle_timeout_ms = 5 * 60 * 1000;
  // ES http.compression: gzip responses when Accept-Encoding allows.
  bool compression = true;
  // ES http.compression_level.
  int compression_level = 3;
  // Bodies shorter than this are sent uncompressed (gzip would enlarge
  // them). ES compresses every size; clients accept either.
  int64_t compression_min_size_bytes = 256;
  // Stop waits this long for connections in the middle of receiving a
  // request before closing them. Handlers already running are always awaited.
  int64_t shutdown_timeout_ms = 10 * 1000;
};

class HttpServer {
 public:
  using Handler = HttpHandler;

  // `workers` runs the handler and must outlive the server.
  HttpServer(HttpServerOptions options, Handler handler, ThreadPool* workers);
  // Calls Stop.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the I/O threads. Fails (kIoError naming the
  // address) if the address cannot be bound, or if already started.
  Status Start();

  // The port actually bound (useful with port 0); 0 before Start.
  int bound_port() const;

  // Stops accepting, closes idle connections at once, lets requests in
  // progress finish (their responses say Connection: close), then closes
  // everything and joins the I/O threads. Idempotent.
  void Stop();

  // Open client connections.
  size_t num_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quiver
