#include "api/http/http_server.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/http/compression.h"
#include "common/json.h"
#include "common/json_writer.h"
#include "common/strings.h"
#include "common/thread_pool.h"

namespace quiver {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Response = http::response<http::string_body>;
using namespace std::literals;

constexpr auto kIoTimeout = 5s;
constexpr int64_t kMaxContentLength = 64 * 1024;
constexpr std::string_view kWorkerName = "http-test-work";

// A raw HTTP client: writes exactly the bytes given and parses responses with
// Beast. Every operation has a timeout, so a server bug fails a test rather
// than hanging it.
class TestClient {
 public:
  TestClient(asio::io_context& ioc, int port) : ioc_(ioc), stream_(ioc) {
    stream_.expires_after(kIoTimeout);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port));
    connect_error_ = Run([&](auto handler) { stream_.async_connect(endpoint, handler); });
  }

  bool connected() const { return !connect_error_; }

  beast::error_code Write(std::string_view data) {
    stream_.expires_after(kIoTimeout);
    return Run([&](auto handler) { asio::async_write(stream_, asio::buffer(data), handler); });
  }

  // Reads one response; for a HEAD request pass `head` so no body is expected.
  std::optional<Response> Read(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(head);
    stream_.expires_after(kIoTimeout);
    beast::error_code ec =
        Run([&](auto handler) { http::async_read(stream_, buffer_, parser, handler); });
    if (ec) {
      ADD_FAILURE() << "reading a response failed: " << ec.message();
      return std::nullopt;
    }
    return parser.release();
  }

  // True if the server closes the connection within `timeout` without
  // sending anything more.
  bool ClosedByServer(std::chrono::milliseconds timeout = kIoTimeout) {
    if (buffer_.size() != 0) return false;
    char byte;
    stream_.expires_after(timeout);
    beast::error_code ec =
        Run([&](auto handler) { stream_.async_read_some(asio::buffer(&byte, 1), handler); });
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  template <typename Op>
  beast::error_code Run(Op op) {
    beast::error_code result = asio::error::would_block;
    op([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  asio::io_context& ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::error_code connect_error_;
};

std::string BigBody() {
  std::string body = "[";
  for (int i = 0; i < 2000; ++i) body += "{\"n\":" + std::to_string(i) + ",\"text\":\"quiver\"},";
  body.back() = ']';
  return body;
}

// Echoes the request as JSON; a few paths behave specially.
HttpResponse Echo(HttpRequest& request) {
  HttpResponse response;
  if (request.path.rfind("/sleep/", 0) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(request.path.substr(7))));
  } else if (request.path == "/throw") {
    throw std::runtime_error("boom");
  } else if (request.path == "/big") {
    response.body = BigBody();
    return response;
  } else if (request.path == "/small") {
    response.body = "{}";
    return response;
  }
  char thread_name[16] = {};
  pthread_getname_np(pthread_self(), thread_name, sizeof(thread_name));
  JsonWriter w;
  w.BeginObject();
  w.Field("method", request.method);
  w.Field("path", request.path);
  w.Field("raw_query", request.raw_query);
  w.Key("query");
  w.BeginArray();
  for (const auto& [name, value] : request.query_params) {
    w.BeginArray();
    w.String(name);
    w.String(value);
    w.EndArray();
  }
  w.EndArray();
  w.Field("body", request.body);
  w.Key("headers");
  w.BeginObject();
  for (const auto& [name, value] : request.headers) w.Field(AsciiLower(name), value);
  w.EndObject();
  w.Field("thread", thread_name);
  w.Field("remote", request.remote_address);
  w.EndObject();
  response.body = w.Take();
  response.headers.emplace_back("X-Echo", "1");
  return response;
}

json::object Echoed(const Response& response) {
  Result<json::value> parsed = ParseJson(response.body());
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << " in " << response.body();
  if (!parsed.ok() || !parsed->is_object()) return {};
  return parsed->as_object();
}

std::string Str(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "<missing>";
}

// What every response must carry, whoever made it.
void ExpectTransportHeaders(const Response& response) {
  EXPECT_EQ(response["X-Elastic-Product"], "Elasticsearch") << response;
  if (response.result_int() >= 200 && response.result_int() != 204) {
    EXPECT_TRUE(response.has_content_length()) << response;
  }
}

std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n" +
         std::string(extra_headers) + "\r\n";
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(DefaultOptions()); }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  static HttpServerOptions DefaultOptions() {
    HttpServerOptions options;
    options.port = 0;
    options.max_content_length_bytes = kMaxContentLength;
    options.idle_timeout_ms = 10000;
    options.shutdown_timeout_ms = 2000;
    return options;
  }

  void StartServer(HttpServerOptions options) {
    if (server_) server_->Stop();
    server_ = std::make_unique<HttpServer>(
        options,
        [this](HttpRequest& request) {
          handled_++;
          return Echo(request);
        },
        &workers_);
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    port_ = server_->bound_port();
    ASSERT_GT(port_, 0);
  }

  std::unique_ptr<TestClient> Connect() {
    auto client = std::make_unique<TestClient>(client_ioc_, port_);
    EXPECT_TRUE(client->connected());
    return client;
  }

  // Sends `raw` on a new connection and reads one response.
  std::optional<Response> RoundTrip(std::string_view raw, bool head = false) {
    auto client = Connect();
    EXPECT_FALSE(client->Write(raw));
    return client->Read(head);
  }

  ThreadPool workers_{4, std::string(kWorkerName)};
  asio::io_context client_ioc_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::atomic<int> handled_{0};
};

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto client = Connect();
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(client->Write(Get("/req/" + std::to_string(i))));
    std::optional<Response> response = client->Read();
    ASSERT_TRUE(response);
    ExpectTransportHeaders(*response);
    EXPECT_EQ(response->result_int(), 200);
    EXPECT_TRUE(response->keep_alive());
    EXPECT_EQ((*response)["X-Echo"], "1");
    EXPECT_EQ((*response)[http::field::content_type], "application/json; charset=UTF-8");
    EXPECT_EQ(Str(Echoed(*response), "path"), "/req/" + std::to_string(i));
  }
  EXPECT_EQ(server_->num_connections(), 1u);
}

TEST_F(HttpServerTest, Http10KeepAliveIsHonoured) {
  auto client = Connect();
  for (int i = 0; i < 2; ++i) {
    ASSERT_FALSE(client->Write("GET /ten HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    std::optional<Response> response = client->Read();
    ASSERT_TRUE(response);
    ExpectTransportHeaders(*response);
    EXPECT_EQ(response->version(), 10u);
    EXPECT_EQ((*response)[http::field::connection], "keep-alive");
  }
  ASSERT_FALSE(client->Write("GET /ten HTTP/1.0\r\n\r\n"));
  std::optional<Response> last = client->Read();
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->keep_alive());
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/bye", "Connection: close\r\n")));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ((*response)[http::field::connection], "close");
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, PipelinedResponsesLeaveInRequestOrder) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/sleep/150") + Get("/sleep/0") + Get("/sleep/40")));
  for (std::string_view path : {"/sleep/150", "/sleep/0", "/sleep/40"}) {
    std::optional<Response> response = client->Read();
    ASSERT_TRUE(response);
    ExpectTransportHeaders(*response);
    EXPECT_EQ(Str(Echoed(*response), "path"), path);
  }
}

TEST_F(HttpServerTest, ChunkedBodyIsReassembled) {
  std::optional<Response> response = RoundTrip(
      "POST /idx/_doc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  json::object echo = Echoed(*response);
  EXPECT_EQ(Str(echo, "body"), "hello world");
  json::object headers = echo["headers"].as_object();
  EXPECT_EQ(Str(headers, "content-length"), "11");
  EXPECT_FALSE(headers.contains("transfer-encoding"));
}

TEST_F(HttpServerTest, GzipBodyIsDecompressed) {
  std::string body = GzipCompress(R"({"query":{"match_all":{}}})");
  std::optional<Response> response =
      RoundTrip("POST /_search HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  json::object echo = Echoed(*response);
  EXPECT_EQ(Str(echo, "body"), R"({"query":{"match_all":{}}})");
  json::object headers = echo["headers"].as_object();
  EXPECT_FALSE(headers.contains("content-encoding"));
  EXPECT_EQ(Str(headers, "content-length"), "26");
}

TEST_F(HttpServerTest, DeflateBodyIsDecompressedWithOrWithoutZlibWrapper) {
  // "hello, quiver\n" from Python's zlib: zlib-wrapped, then raw deflate.
  const std::string_view bodies[] = {
      "\x78\x9c\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x2c\xcd\x2c\x4b\x2d\xe2\x02\x00\x27\x4c\x05\x07"sv,
      "\xcb\x48\xcd\xc9\xc9\xd7\x51\x28\x2c\xcd\x2c\x4b\x2d\xe2\x02\x00"sv};
  auto client = Connect();
  for (std::string_view body : bodies) {
    ASSERT_FALSE(client->Write("PUT /d HTTP/1.1\r\nContent-Encoding: deflate\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + std::string(body)));
    std::optional<Response> response = client->Read();
    ASSERT_TRUE(response);
    ExpectTransportHeaders(*response);
    EXPECT_EQ(Str(Echoed(*response), "body"), "hello, quiver\n");
  }
}

TEST_F(HttpServerTest, CorruptGzipBodyIs400AndKeepsConnection) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(
      "POST /x HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot-gzip!"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 400);
  Result<json::value> error = ParseJson(response->body());
  ASSERT_TRUE(error.ok()) << response->body();
  EXPECT_EQ(error->at("status").as_int64(), 400);
  EXPECT_EQ(error->at("error").at("type").as_string(), "illegal_argument_exception");
  EXPECT_EQ(error->at("error").at("root_cause").at(0).at("type").as_string(),
            "illegal_argument_exception");
  EXPECT_EQ(handled_.load(), 0);
  ASSERT_FALSE(client->Write(Get("/after")));
  std::optional<Response> after = client->Read();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->result_int(), 200);
}

TEST_F(HttpServerTest, GzipBombIs413) {
  std::string bomb = GzipCompress(std::string(4 << 20, 'x'), 9);
  ASSERT_LT(static_cast<int64_t>(bomb.size()), kMaxContentLength);
  auto client = Connect();
  ASSERT_FALSE(client->Write("POST /x HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: " +
                             std::to_string(bomb.size()) + "\r\n\r\n" + bomb));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_EQ(handled_.load(), 0);
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, GzipResponseWhenAcceptEncodingAllows) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/big", "Accept-Encoding: deflate, gzip\r\n")));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ((*response)[http::field::content_encoding], "gzip");
  EXPECT_EQ((*response)[http::field::vary], "Accept-Encoding");
  EXPECT_LT(response->body().size(), BigBody().size() / 4);
  Result<std::string> plain = GzipDecompress(response->body(), 10 << 20);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, BigBody());

  // Not asked, q=0, or too small to be worth it: identity.
  for (const std::string& request : {Get("/big"), Get("/big", "Accept-Encoding: gzip;q=0\r\n"),
                                     Get("/small", "Accept-Encoding: gzip\r\n")}) {
    ASSERT_FALSE(client->Write(request));
    std::optional<Response> identity = client->Read();
    ASSERT_TRUE(identity);
    ExpectTransportHeaders(*identity);
    EXPECT_EQ((*identity)[http::field::content_encoding], "") << request;
    EXPECT_TRUE(identity->body() == BigBody() || identity->body() == "{}");
  }
}

TEST_F(HttpServerTest, HeadSendsContentLengthButNoBody) {
  auto client = Connect();
  ASSERT_FALSE(client->Write("HEAD /big HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n"));
  std::optional<Response> head = client->Read(/*head=*/true);
  ASSERT_TRUE(head);
  ExpectTransportHeaders(*head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_EQ((*head)[http::field::content_length], std::to_string(BigBody().size()));
  EXPECT_EQ((*head)[http::field::content_encoding], "");
  EXPECT_TRUE(head->body().empty());
  // Had any body bytes been sent, this response would not parse.
  ASSERT_FALSE(client->Write(Get("/small")));
  std::optional<Response> next = client->Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body(), "{}");
}

TEST_F(HttpServerTest, OversizedContentLengthIs413AndCloses) {
  auto client = Connect();
  ASSERT_FALSE(
      client->Write("PUT /idx/_doc/1 HTTP/1.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: 100000000\r\n\r\n{\"a\":"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_EQ((*response)[http::field::content_length], "0");
  EXPECT_EQ((*response)[http::field::connection], "close");
  EXPECT_EQ((*response)[http::field::content_type], "");
  EXPECT_TRUE(client->ClosedByServer());
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpServerTest, OversizedChunkedBodyIs413AndCloses) {
  std::string request = "POST /_bulk HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string chunk(16 * 1024, 'a');
  for (int i = 0; i < 5; ++i) request += "4000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  auto client = Connect();
  ASSERT_FALSE(client->Write(request));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_EQ((*response)[http::field::connection], "close");
  EXPECT_TRUE(client->ClosedByServer());
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpServerTest, BodyExactlyAtLimitIsAccepted) {
  std::string body(kMaxContentLength, 'b');
  std::optional<Response> response = RoundTrip(
      "POST /x HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200);
  EXPECT_EQ(Str(Echoed(*response), "body").size(), body.size());
}

TEST_F(HttpServerTest, Expect100ContinueIsAnsweredBeforeTheBody) {
  auto client = Connect();
  ASSERT_FALSE(
      client->Write("PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  std::optional<Response> interim = client->Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  EXPECT_EQ((*interim)["X-Elastic-Product"], "Elasticsearch");
  EXPECT_EQ(handled_.load(), 0);
  ASSERT_FALSE(client->Write("hello"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 200);
  EXPECT_EQ(Str(Echoed(*response), "body"), "hello");
}

TEST_F(HttpServerTest, Expect100ContinueWithOversizedLengthIs413WithoutContinue) {
  auto client = Connect();
  ASSERT_FALSE(
      client->Write("PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, UnsupportedExpectationIs417) {
  auto client = Connect();
  ASSERT_FALSE(client->Write("PUT /e HTTP/1.1\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 417);
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, GarbageRequestLineIs400AndCloses) {
  auto client = Connect();
  ASSERT_FALSE(client->Write("this is not http\r\n\r\n"));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 400);
  Result<json::value> error = ParseJson(response->body());
  ASSERT_TRUE(error.ok()) << response->body();
  EXPECT_EQ(error->at("status").as_int64(), 400);
  EXPECT_TRUE(error->at("error").at("reason").is_string());
  EXPECT_TRUE(client->ClosedByServer());
}

TEST_F(HttpServerTest, OversizedHeadersAre400TooLongHttpHeader) {
  std::optional<Response> response =
      RoundTrip(Get("/h", "X-Big: " + std::string(20000, 'h') + "\r\n"));
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 400);
  Result<json::value> error = ParseJson(response->body());
  ASSERT_TRUE(error.ok()) << response->body();
  EXPECT_EQ(error->at("error").at("type").as_string(), "too_long_http_header_exception");
  EXPECT_EQ(error->at("error").at("reason").as_string(), "HTTP header is larger than 16384 bytes.");

  // Many fields that add up past the limit count too; just under it passes.
  std::string fields;
  for (int i = 0; i < 20; ++i)
    fields += "X-F" + std::to_string(i) + ": " + std::string(1000, 'v') + "\r\n";
  std::optional<Response> many = RoundTrip(Get("/h", fields));
  ASSERT_TRUE(many);
  EXPECT_EQ(many->result_int(), 400);
  std::optional<Response> fits = RoundTrip(Get("/h", "X-Big: " + std::string(15000, 'h') + "\r\n"));
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->result_int(), 200);

  std::optional<Response> long_line = RoundTrip(Get("/" + std::string(5000, 'p')));
  ASSERT_TRUE(long_line);
  EXPECT_EQ(long_line->result_int(), 400);
  EXPECT_NE(long_line->body().find("too_long_http_line_exception"), std::string::npos);
}

TEST_F(HttpServerTest, PathAndQueryArriveRawAndDecoded) {
  std::optional<Response> response = RoundTrip(Get("/a%2Fb/c?a=1&b&c=x%20y&d=x+y"));
  ASSERT_TRUE(response);
  json::object echo = Echoed(*response);
  EXPECT_EQ(Str(echo, "method"), "GET");
  EXPECT_EQ(Str(echo, "path"), "/a%2Fb/c");
  EXPECT_EQ(Str(echo, "raw_query"), "a=1&b&c=x%20y&d=x+y");
  EXPECT_EQ(json::serialize(echo["query"]), R"([["a","1"],["b",""],["c","x y"],["d","x y"]])");
  EXPECT_EQ(Str(echo["headers"].as_object(), "host"), "localhost");
  EXPECT_EQ(Str(echo, "remote").rfind("127.0.0.1:", 0), 0u);
}

TEST_F(HttpServerTest, MalformedQueryStringIs400) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/x?a=%zz")));
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 400);
  EXPECT_NE(response->body().find("bad_parameter_exception"), std::string::npos);
  EXPECT_EQ(handled_.load(), 0);
  ASSERT_FALSE(client->Write(Get("/ok")));
  std::optional<Response> after = client->Read();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->result_int(), 200);
}

TEST_F(HttpServerTest, HandlerExceptionIs500) {
  std::optional<Response> response = RoundTrip(Get("/throw"));
  ASSERT_TRUE(response);
  ExpectTransportHeaders(*response);
  EXPECT_EQ(response->result_int(), 500);
  EXPECT_NE(response->body().find("boom"), std::string::npos);
}

TEST_F(HttpServerTest, HandlerRunsOnTheWorkerPool) {
  std::optional<Response> response = RoundTrip(Get("/where"));
  ASSERT_TRUE(response);
  EXPECT_EQ(Str(Echoed(*response), "thread"), kWorkerName);
}

TEST_F(HttpServerTest, IdleConnectionIsClosedAfterTimeout) {
  HttpServerOptions options = DefaultOptions();
  options.idle_timeout_ms = 200;
  StartServer(options);
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/once")));
  ASSERT_TRUE(client->Read());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client->ClosedByServer(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
}

size_t NumThreads() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/self/task")) {
    ++n;
  }
  return n;
}

TEST_F(HttpServerTest, ServesHundredsOfConcurrentConnectionsWithoutThreadPerConnection) {
  constexpr int kClients = 200;
  size_t threads_before = NumThreads();
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(Connect());
  for (int i = 0; i < kClients; ++i) {
    ASSERT_FALSE(clients[i]->Write(Get("/c/" + std::to_string(i))));
  }
  for (int i = 0; i < kClients; ++i) {
    std::optional<Response> response = clients[i]->Read();
    ASSERT_TRUE(response);
    EXPECT_EQ(Str(Echoed(*response), "path"), "/c/" + std::to_string(i));
  }
  EXPECT_EQ(server_->num_connections(), static_cast<size_t>(kClients));
  EXPECT_LE(NumThreads(), threads_before + 2);
}

TEST_F(HttpServerTest, StopWithOpenKeepAliveConnectionsReturnsPromptly) {
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(Connect());
    ASSERT_FALSE(clients.back()->Write(Get("/k")));
    ASSERT_TRUE(clients.back()->Read());
  }
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
  EXPECT_EQ(server_->num_connections(), 0u);
  for (auto& client : clients) EXPECT_TRUE(client->ClosedByServer(1s));
  server_->Stop();  // idempotent
}

TEST_F(HttpServerTest, StopFinishesTheRequestInFlight) {
  auto client = Connect();
  ASSERT_FALSE(client->Write(Get("/sleep/300")));
  while (handled_.load() == 0) std::this_thread::sleep_for(1ms);
  server_->Stop();
  std::optional<Response> response = client->Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200);
  EXPECT_EQ((*response)[http::field::connection], "close");
  EXPECT_TRUE(client->ClosedByServer(1s));
}

TEST_F(HttpServerTest, StartFailsWhenThePortIsTaken) {
  HttpServerOptions options = DefaultOptions();
  options.port = port_;
  HttpServer second(options, Echo, &workers_);
  Status status = second.Start();
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find(std::to_string(port_)), std::string::npos) << status.message();
}

}  // namespace
}  // namespace quiver
