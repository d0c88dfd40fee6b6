#include "http_search_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace quiver::bench {

HttpSearchClient::~HttpSearchClient() {
  if (fd_ >= 0) close(fd_);
}

bool HttpSearchClient::Connect() {
  if (fd_ >= 0) close(fd_);
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd_);
    fd_ = -1;
    return false;
  }
  buffer_.clear();
  return true;
}

int HttpSearchClient::Post(const std::string& path, const std::string& body,
                           std::string* response) {
  std::string request = "POST " + path +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Connection: keep-alive\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
  if (fd_ < 0 && !Connect()) return 0;
  int status = TryPost(request, response);
  if (status == 0 && Connect()) status = TryPost(request, response);
  return status;
}

int HttpSearchClient::TryPost(const std::string& request, std::string* response) {
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return 0;
    sent += static_cast<size_t>(n);
  }
  char chunk[65536];
  size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return 0;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
  int status = std::atoi(buffer_.c_str() + buffer_.find(' ') + 1);
  size_t length = 0;
  bool found = false;
  for (size_t pos = buffer_.find("\r\n") + 2; pos < header_end;) {
    size_t eol = buffer_.find("\r\n", pos);
    if (strncasecmp(buffer_.c_str() + pos, "content-length:", 15) == 0) {
      length = std::strtoull(buffer_.c_str() + pos + 15, nullptr, 10);
      found = true;
    }
    pos = eol + 2;
  }
  if (!found) return 0;  // chunked bodies are not used by Quiver's _search
  size_t total = header_end + 4 + length;
  while (buffer_.size() < total) {
    ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return 0;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
  response->assign(buffer_, header_end + 4, length);
  buffer_.erase(0, total);
  return status;
}

}  // namespace quiver::bench
