// HttpSearchClient: one blocking HTTP/1.1 keep-alive connection to a Quiver
// server on 127.0.0.1, sending POST requests and reading whole responses
// (Content-Length bodies). Reconnects once if the server closed the socket.
// Not thread-safe; one client per thread.
#pragma once

#include <string>

namespace quiver::bench {

class HttpSearchClient {
 public:
  explicit HttpSearchClient(int port) : port_(port) {}
  ~HttpSearchClient();
  HttpSearchClient(const HttpSearchClient&) = delete;
  HttpSearchClient& operator=(const HttpSearchClient&) = delete;

  // Sends `body` (JSON) to `path`; returns the HTTP status (0 on a
  // transport error) and the response body in *response.
  int Post(const std::string& path, const std::string& body, std::string* response);

 private:
  bool Connect();
  int TryPost(const std::string& request, std::string* response);
  int port_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace quiver::bench
