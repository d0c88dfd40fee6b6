#include "api/http/http_connection.h"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>
#include <iterator>
#include <limits>

#include "api/http/compression.h"
#include "api/http/error_response.h"
#include "common/logging.h"
#include "common/strings.h"
#include "common/thread_pool.h"

namespace quiver {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kElasticProductHeader = "X-Elastic-Product";
constexpr std::string_view kElasticProduct = "Elasticsearch";
// The interim answer to Expect: 100-continue.
constexpr std::string_view kContinueResponse =
    "HTTP/1.1 100 Continue\r\nX-Elastic-Product: Elasticsearch\r\n\r\n";
// Lingering close after an error response: drain the client's upload for at
// most this long in total, and stop when it pauses for kLingerReadTimeout.
constexpr std::chrono::milliseconds kLingerTotalTimeout{2000};
constexpr std::chrono::milliseconds kLingerReadTimeout{500};
constexpr size_t kDrainBufferBytes = 16 * 1024;
// An idle connection keeps at most this much read buffer between requests.
constexpr size_t kMaxIdleBufferBytes = 64 * 1024;

// Ends of a connection that are part of normal life: the peer closed or
// reset it, our own close cancelled an operation, or a timeout fired.
bool IsNormalDisconnect(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
         ec == asio::error::operation_aborted || ec == asio::error::not_connected ||
         ec == asio::error::bad_descriptor || ec == asio::error::shut_down ||
         ec == beast::error::timeout || ec == http::error::end_of_stream ||
         ec == http::error::partial_message;
}

bool IsHttpSyntaxError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

std::string FormatEndpoint(const tcp::endpoint& endpoint) {
  std::string address = endpoint.address().to_string();
  if (endpoint.address().is_v6()) address = "[" + address + "]";
  return address + ":" + std::to_string(endpoint.port());
}

// Header names and values from handlers must not smuggle in extra lines.
bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == ':' || c == '\r' || c == '\n' || c == ' ') return false;
  }
  return value.find_first_of("\r\n") == std::string_view::npos;
}

// Decodes a Content-Encoding. Unknown codings are passed through untouched,
// as Netty's HttpContentDecompressor does.
Result<std::string> DecodeBody(std::string_view encoding, std::string body, size_t max_output_bytes,
                               bool* decoded) {
  *decoded = false;
  if (EqualsIgnoreCase(encoding, "gzip") || EqualsIgnoreCase(encoding, "x-gzip")) {
    *decoded = true;
    return GzipDecompress(body, max_output_bytes);
  }
  if (EqualsIgnoreCase(encoding, "deflate") || EqualsIgnoreCase(encoding, "x-deflate")) {
    *decoded = true;
    return DeflateDecompress(body, max_output_bytes);
  }
  *decoded = EqualsIgnoreCase(encoding, "identity");
  return body;
}

}  // namespace

HttpConnection::HttpConnection(tcp::socket socket, const HttpConnectionContext* context)
    : notifier_{this, context},
      context_(context),
      executor_(socket.get_executor()),
      stream_(std::move(socket)) {
  beast::error_code ec;
  tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = FormatEndpoint(remote);
  stream_.socket().set_option(tcp::no_delay(true), ec);
  stream_.socket().set_option(asio::socket_base::keep_alive(true), ec);
}

void HttpConnection::Start() {
  asio::dispatch(executor_, [self = shared_from_this()] { self->ReadHeader(); });
}

void HttpConnection::Shutdown() {
  asio::dispatch(executor_, [self = shared_from_this()] { self->OnShutdown(); });
}

void HttpConnection::ForceClose() {
  asio::dispatch(executor_, [self = shared_from_this()] { self->Close(); });
}

void HttpConnection::OnShutdown() {
  shutdown_requested_ = true;
  if (state_ == State::kReadingHeader || state_ == State::kLingering) Close();
}

void HttpConnection::SetDeadline() {
  if (context_->options.idle_timeout_ms > 0) {
    stream_.expires_after(std::chrono::milliseconds(context_->options.idle_timeout_ms));
  } else {
    stream_.expires_never();
  }
}

void HttpConnection::ReadHeader() {
  if (state_ == State::kClosed) return;
  if (shutdown_requested_) {
    Close();
    return;
  }
  state_ = State::kReadingHeader;
  version_ = 11;
  keep_alive_ = false;
  head_ = false;
  accepts_gzip_ = false;
  if (buffer_.size() == 0 && buffer_.capacity() > kMaxIdleBufferBytes) buffer_.shrink_to_fit();
  const HttpServerOptions& options = context_->options;
  // Beast's limit covers the request line and the fields together; the two
  // ES limits are checked separately in OnHeader.
  int64_t header_limit = options.max_header_bytes + options.max_initial_line_bytes + 4;
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(
      std::clamp<int64_t>(header_limit, 1, std::numeric_limits<uint32_t>::max())));
  parser_->body_limit(boost::none);  // checked in OnHeader, then set there
  // The whole header must arrive within the idle timeout.
  SetDeadline();
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
}

void HttpConnection::OnHeader(beast::error_code ec) {
  if (state_ == State::kClosed) return;
  const HttpServerOptions& options = context_->options;
  if (ec) {
    if (ec == http::error::header_limit) {
      SendErrorAndClose(
          400, "too_long_http_header_exception",
          "HTTP header is larger than " + std::to_string(options.max_header_bytes) + " bytes.",
          /*linger=*/true);
    } else if (IsNormalDisconnect(ec)) {
      Close();
    } else if (IsHttpSyntaxError(ec)) {
      SendErrorAndClose(400, "illegal_argument_exception", "invalid HTTP request: " + ec.message(),
                        /*linger=*/true);
    } else {
      LogIoError("read", ec);
      Close();
    }
    return;
  }

  const http::request<http::string_body>& request = parser_->get();
  version_ = request.version();
  head_ = request.method_string() == "HEAD";
  // "METHOD SP target SP HTTP/1.1"
  size_t line_bytes = request.method_string().size() + request.target().size() + 10;
  if (static_cast<int64_t>(line_bytes) > options.max_initial_line_bytes) {
    SendErrorAndClose(
        400, "too_long_http_line_exception",
        "An HTTP line is larger than " + std::to_string(options.max_initial_line_bytes) + " bytes.",
        /*linger=*/true);
    return;
  }
  size_t field_bytes = 0;
  for (const auto& field : request) {
    field_bytes += field.name_string().size() + field.value().size() + 4;  // ": " and CRLF
  }
  if (static_cast<int64_t>(field_bytes) > options.max_header_bytes) {
    SendErrorAndClose(
        400, "too_long_http_header_exception",
        "HTTP header is larger than " + std::to_string(options.max_header_bytes) + " bytes.",
        /*linger=*/true);
    return;
  }

  // RFC 9110 10.1.1: Expect is ignored in HTTP/1.0 requests.
  bool expect_continue = false;
  auto expect = request.find(http::field::expect);
  if (expect != request.end() && version_ >= 11) {
    if (!EqualsIgnoreCase(TrimWhitespace(expect->value()), "100-continue")) {
      HttpResponse failed;
      failed.status = 417;
      failed.content_type.clear();
      SendResponse(std::move(failed), /*keep_alive=*/false, /*linger=*/true);
      return;
    }
    expect_continue = true;
  }

  uint64_t max_body_bytes =
      static_cast<uint64_t>(std::max<int64_t>(0, options.max_content_length_bytes));
  boost::optional<uint64_t> content_length = parser_->content_length();
  if (content_length && *content_length > max_body_bytes) {
    SendTooLargeAndClose(/*linger=*/true);
    return;
  }
  parser_->body_limit(max_body_bytes);
  if (parser_->is_done()) {
    Dispatch();
    return;
  }
  state_ = State::kReadingBody;
  if (!expect_continue) {
    ReadBody();
    return;
  }
  SetDeadline();
  asio::async_write(stream_, asio::buffer(kContinueResponse.data(), kContinueResponse.size()),
                    [self = shared_from_this()](beast::error_code write_ec, size_t) {
                      if (self->state_ == State::kClosed) return;
                      if (write_ec) {
                        if (!IsNormalDisconnect(write_ec)) self->LogIoError("write", write_ec);
                        self->Close();
                        return;
                      }
                      self->ReadBody();
                    });
}

void HttpConnection::ReadBody() {
  if (state_ == State::kClosed) return;
  // A deadline per read: a large upload may take long, but must keep moving.
  SetDeadline();
  http::async_read_some(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBodyPart(ec); });
}

void HttpConnection::OnBodyPart(beast::error_code ec) {
  if (state_ == State::kClosed) return;
  if (ec) {
    if (ec == http::error::body_limit) {
      SendTooLargeAndClose(/*linger=*/true);
    } else if (IsNormalDisconnect(ec)) {
      Close();
    } else if (IsHttpSyntaxError(ec)) {
      SendErrorAndClose(400, "illegal_argument_exception",
                        "invalid HTTP request body: " + ec.message(), /*linger=*/true);
    } else {
      LogIoError("read", ec);
      Close();
    }
    return;
  }
  if (parser_->is_done()) {
    Dispatch();
  } else {
    ReadBody();
  }
}

void HttpConnection::Dispatch() {
  state_ = State::kHandling;
  http::request<http::string_body> message = parser_->release();
  parser_.reset();
  keep_alive_ = message.keep_alive();
  accepts_gzip_ = AcceptsGzip(message[http::field::accept_encoding]);

  auto request = std::make_shared<HttpRequest>();
  request->method = std::string(message.method_string());
  SplitRequestTarget(message.target(), &request->path, &request->raw_query);
  request->remote_address = remote_address_;
  Status query_status = ParseQueryString(request->raw_query, &request->query_params);
  if (!query_status.ok()) {
    SendResponse(MakeErrorResponse(400, "bad_parameter_exception", query_status.message()),
                 keep_alive_, /*linger=*/false);
    return;
  }

  bool had_body = message.has_content_length() || message.chunked() || !message.body().empty();
  bool decoded = false;
  if (!message.body().empty()) {
    std::string_view encoding = TrimWhitespace(message[http::field::content_encoding]);
    size_t max_body_bytes = static_cast<size_t>(context_->options.max_content_length_bytes);
    Result<std::string> body =
        DecodeBody(encoding, std::move(message.body()), max_body_bytes, &decoded);
    if (!body.ok()) {
      if (body.status().code() == StatusCode::kTooLarge) {
        SendTooLargeAndClose(/*linger=*/false);
      } else {
        SendResponse(MakeErrorResponse(400, "illegal_argument_exception", body.status().message()),
                     keep_alive_, /*linger=*/false);
      }
      return;
    }
    request->body = std::move(body).value();
  }
  request->headers.reserve(static_cast<size_t>(std::distance(message.begin(), message.end())) + 1);
  for (const auto& field : message) {
    http::field name = field.name();
    if (name == http::field::transfer_encoding || name == http::field::content_length) continue;
    if (decoded && name == http::field::content_encoding) continue;
    request->headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  if (had_body)
    request->headers.emplace_back("Content-Length", std::to_string(request->body.size()));

  std::shared_ptr<HttpConnection> self = shared_from_this();
  context_->workers->Submit([self, request] {
    auto response = std::make_shared<HttpResponse>(self->RunHandler(*request));
    asio::post(self->executor_, [self, response] { self->OnHandlerDone(std::move(*response)); });
  });
}

HttpResponse HttpConnection::RunHandler(HttpRequest& request) const {
  try {
    return context_->handler(request);
  } catch (const std::exception& e) {
    QLOG_ERROR("http: handler failed for {} {}: {}", request.method, request.path, e.what());
    return MakeErrorResponse(500, "exception", e.what());
  } catch (...) {
    QLOG_ERROR("http: handler failed for {} {} with a non-standard exception", request.method,
               request.path);
    return MakeErrorResponse(500, "exception", "unknown error");
  }
}

void HttpConnection::OnHandlerDone(HttpResponse response) {
  if (state_ == State::kClosed) return;
  SendResponse(std::move(response), keep_alive_ && !shutdown_requested_, /*linger=*/false);
}

void HttpConnection::SendResponse(HttpResponse response, bool keep_alive, bool linger) {
  const HttpServerOptions& options = context_->options;
  state_ = State::kWriting;
  response_ = {};
  response_.version(version_ == 10 ? 10 : 11);
  int status = response.status;
  if (status < 100 || status > 999) status = 500;
  response_.result(static_cast<unsigned>(status));

  bool has_product = false;
  bool has_encoding = false;
  for (const auto& [name, value] : response.headers) {
    if (!IsSafeHeader(name, value) || EqualsIgnoreCase(name, "Content-Length") ||
        EqualsIgnoreCase(name, "Transfer-Encoding") || EqualsIgnoreCase(name, "Connection")) {
      continue;
    }
    has_product = has_product || EqualsIgnoreCase(name, kElasticProductHeader);
    has_encoding = has_encoding || EqualsIgnoreCase(name, "Content-Encoding");
    response_.insert(name, value);
  }
  if (!has_product) response_.set(kElasticProductHeader, kElasticProduct);
  if (!response.content_type.empty() && IsSafeHeader("Content-Type", response.content_type)) {
    response_.set(http::field::content_type, response.content_type);
  }

  // 1xx, 204 and 304 responses have neither a body nor a Content-Length.
  if (status >= 200 && status != 204 && status != 304) {
    std::string body = std::move(response.body);
    if (!head_ && !has_encoding && options.compression && accepts_gzip_ &&
        static_cast<int64_t>(body.size()) >= options.compression_min_size_bytes) {
      body = GzipCompress(body, options.compression_level);
      response_.set(http::field::content_encoding, "gzip");
      response_.insert(http::field::vary, "Accept-Encoding");
    }
    // HEAD: the length of the body a GET would have returned, and no body.
    response_.set(http::field::content_length, std::to_string(body.size()));
    if (!head_) response_.body() = std::move(body);
  }
  response_.keep_alive(keep_alive);

  SetDeadline();
  http::async_write(stream_, response_,
                    [self = shared_from_this(), keep_alive, linger](beast::error_code ec, size_t) {
                      self->OnWrite(ec, keep_alive, linger);
                    });
}

void HttpConnection::OnWrite(beast::error_code ec, bool keep_alive, bool linger) {
  if (state_ == State::kClosed) return;
  response_ = {};
  if (ec) {
    if (!IsNormalDisconnect(ec)) LogIoError("write", ec);
    Close();
    return;
  }
  if (!keep_alive || shutdown_requested_) {
    if (linger) {
      Linger();
    } else {
      Close();
    }
    return;
  }
  ReadHeader();
}

void HttpConnection::SendErrorAndClose(int status, std::string_view type, std::string_view reason,
                                       bool linger) {
  parser_.reset();
  SendResponse(MakeErrorResponse(status, type, reason), /*keep_alive=*/false, linger);
}

void HttpConnection::SendTooLargeAndClose(bool linger) {
  parser_.reset();
  HttpResponse too_large;
  too_large.status = 413;
  too_large.content_type.clear();
  SendResponse(std::move(too_large), /*keep_alive=*/false, linger);
}

void HttpConnection::Linger() {
  state_ = State::kLingering;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    Close();
    return;
  }
  linger_deadline_ = std::chrono::steady_clock::now() + kLingerTotalTimeout;
  drain_buffer_.resize(kDrainBufferBytes);
  Drain();
}

void HttpConnection::Drain() {
  stream_.expires_at(
      std::min(linger_deadline_, std::chrono::steady_clock::now() + kLingerReadTimeout));
  stream_.async_read_some(asio::buffer(drain_buffer_),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (self->state_ == State::kClosed) return;
                            if (ec) {
                              self->Close();
                            } else {
                              self->Drain();
                            }
                          });
}

void HttpConnection::Close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  // parser_ and response_ may still be in use by the operation being cancelled.
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

void HttpConnection::LogIoError(std::string_view operation, const beast::error_code& ec) const {
  QLOG_WARN("http: {} failed on connection from {}: {}", operation, remote_address_, ec.message());
}

}  // namespace quiver
