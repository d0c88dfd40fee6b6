// HttpConnection: one accepted client connection of an HttpServer. Internal
// to the transport; handlers never see it.
//
// A connection reads one request at a time (header, then body), hands it to
// the worker pool, writes the response, and only then reads the next request,
// so pipelined requests are answered in order (bytes of later requests wait
// in the read buffer). All of its state lives on its strand; Start, Shutdown
// and ForceClose may be called from any thread. It is owned by shared_ptrs
// held by its pending operations and by the worker task running its handler,
// and is destroyed when the last of them completes.
//
// Transport-level answers follow Elasticsearch 8 (Netty4HttpServerTransport,
// Netty4HttpContentSizeHandler, RestController.dispatchBadRequest):
//  * body larger than http.max_content_length, by Content-Length (with or
//    without Expect: 100-continue), while chunked data arrives, or after
//    decompression: 413 with an empty body, "content-length: 0" and
//    "Connection: close", then the connection is closed. ES 8.19/9.x close in
//    every case; earlier 8.x (Netty's HttpObjectAggregator) kept keep-alive
//    connections open when only Content-Length was too large. The 413 is sent
//    before reading the body, then the socket is half-closed and the rest of
//    the upload is drained for a short while, so a client still sending sees
//    the 413 rather than a connection reset.
//  * Expect other than 100-continue: 417 with an empty body, then close.
//  * header fields over http.max_header_size: 400 with the ES error body of
//    type too_long_http_header_exception ("HTTP header is larger than 16384
//    bytes."), then close; ES does not answer 431. A request line over
//    http.max_initial_line_length: 400 too_long_http_line_exception.
//  * otherwise malformed HTTP: 400 with an ES error body, then close.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/http_request.h"
#include "api/http/http_response.h"
#include "api/http/http_server.h"

namespace quiver {

class HttpConnection;

// What the connections of one server share. Owned by the server; outlives
// every connection; read-only while connections exist.
struct HttpConnectionContext {
  HttpServerOptions options;
  HttpHandler handler;
  ThreadPool* workers = nullptr;
  // Called as the very last step of ~HttpConnection, on whichever thread
  // dropped the last reference.
  std::function<void(HttpConnection*)> on_destroyed;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, const HttpConnectionContext* context);
  ~HttpConnection() = default;
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Starts reading requests. Call once.
  void Start();
  // Closes the connection now if it is waiting for a request (or draining);
  // otherwise after the response to the request in progress.
  void Shutdown();
  // Closes the socket now; a handler still running finishes unobserved.
  void ForceClose();

 private:
  enum class State {
    kReadingHeader,  // waiting for (the rest of) a request header
    kReadingBody,
    kHandling,  // the handler runs on a worker
    kWriting,
    kLingering,  // half-closed after an error response, draining the upload
    kClosed,
  };

  // Declared first so that it runs last: the server may tear down the
  // io_context as soon as it has been notified.
  struct DestroyNotifier {
    HttpConnection* connection;
    const HttpConnectionContext* context;
    ~DestroyNotifier() {
      if (context->on_destroyed) context->on_destroyed(connection);
    }
  };

  void ReadHeader();
  void OnHeader(boost::beast::error_code ec);
  void ReadBody();
  void OnBodyPart(boost::beast::error_code ec);
  void Dispatch();
  HttpResponse RunHandler(HttpRequest& request) const;
  void OnHandlerDone(HttpResponse response);
  // Writes `response`; afterwards reads the next request if `keep_alive`,
  // else closes (draining the client's upload first if `linger`).
  void SendResponse(HttpResponse response, bool keep_alive, bool linger);
  void OnWrite(boost::beast::error_code ec, bool keep_alive, bool linger);
  void SendErrorAndClose(int status, std::string_view type, std::string_view reason, bool linger);
  void SendTooLargeAndClose(bool linger);
  void Linger();
  void Drain();
  void OnShutdown();
  void Close();
  void SetDeadline();
  void LogIoError(std::string_view operation, const boost::beast::error_code& ec) const;

  DestroyNotifier notifier_;
  const HttpConnectionContext* const context_;
  const boost::asio::any_io_executor executor_;  // the connection's strand
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::string remote_address_;

  // Everything below is touched only on the strand.
  State state_ = State::kReadingHeader;
  bool shutdown_requested_ = false;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  // Facts about the request being answered.
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool accepts_gzip_ = false;
  // The response being written; must outlive the write.
  boost::beast::http::response<boost::beast::http::string_body> response_;
  std::vector<char> drain_buffer_;
  std::chrono::steady_clock::time_point linger_deadline_;
};

}  // namespace quiver
