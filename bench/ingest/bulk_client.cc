// bulk_client: sends pre-generated _bulk bodies to a server over K
// concurrent keep-alive HTTP/1.1 connections, each body exactly once, and
// reports throughput, per-request latency and its own CPU time as JSON.
//
// wrk cannot do this job: it runs for a duration rather than over a fixed
// set of bodies, so it would resend bodies (turning creates into updates)
// or drop in-flight requests when stopped, and a check of every response's
// "errors" flag in Lua would cost more client CPU than the server's parse.
// This client is deliberately plain: one blocking socket per connection
// thread, the file mapped and sent with writev, the response read into a
// reused buffer. Its CPU share is printed so that the reader can judge how
// much of the 2-core machine it took from the server.
//
//   bulk_client --port P [--host 127.0.0.1] [--path /_bulk] [--connections K]
//               [--timeout-s 300] FILE...
//
// Output (stdout, one JSON object): requests, failed_requests, error_items
// (responses whose "errors" was true), bytes_sent, elapsed_s, latency_ms
// {p50,p90,p99,max}, client_cpu_s, completions_s (per-request completion
// times relative to start, for steady-state rates). Exit status 1 if any
// request failed or any response reported errors.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string path = "/_bulk";
  int connections = 4;
  int timeout_s = 300;
  std::vector<std::string> files;
};

struct MappedFile {
  const char* data = nullptr;
  size_t size = 0;
};

struct Sample {
  double latency_ms;
  double completed_s;
};

struct Shared {
  const Options* options;
  std::vector<MappedFile> files;
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> bytes_sent{0};
  std::atomic<int> failed_requests{0};
  std::atomic<int> error_responses{0};
  Clock::time_point start;
  std::mutex mu;
  std::vector<Sample> samples;  // GUARDED_BY(mu)
  std::string first_error;      // GUARDED_BY(mu)
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bulk_client: %s\n", what.c_str());
  std::exit(2);
}

MappedFile MapFile(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) Die("cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) Die("cannot stat " + path);
  MappedFile f;
  f.size = static_cast<size_t>(st.st_size);
  if (f.size > 0) {
    void* p = mmap(nullptr, f.size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) Die("cannot mmap " + path);
    f.data = static_cast<const char*>(p);
  }
  close(fd);
  return f;
}

int Connect(const Options& o) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) Die("socket failed");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  timeval tv{o.timeout_s, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr) != 1) Die("bad host " + o.host);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    Die("cannot connect to " + o.host + ":" + std::to_string(o.port) + ": " +
        std::strerror(errno));
  }
  return fd;
}

bool SendAll(int fd, std::string_view head, std::string_view body) {
  iovec iov[2] = {{const_cast<char*>(head.data()), head.size()},
                  {const_cast<char*>(body.data()), body.size()}};
  int idx = 0;
  while (idx < 2) {
    ssize_t n = writev(fd, iov + idx, 2 - idx);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    size_t left = static_cast<size_t>(n);
    while (idx < 2 && left >= iov[idx].iov_len) {
      left -= iov[idx].iov_len;
      ++idx;
    }
    if (idx < 2) {
      iov[idx].iov_base = static_cast<char*>(iov[idx].iov_base) + left;
      iov[idx].iov_len -= left;
    }
  }
  return true;
}

// Reads one response with a Content-Length body into `buf`. Returns the HTTP
// status and sets `body`, or -1 on a transport error / unsupported framing.
int ReadResponse(int fd, std::string* buf, std::string_view* body, std::string* err) {
  buf->clear();
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  char chunk[65536];
  while (true) {
    if (header_end == std::string::npos) {
      size_t p = buf->find("\r\n\r\n");
      if (p != std::string::npos) {
        header_end = p + 4;
        std::string_view head(buf->data(), p);
        // Case-insensitive search for Content-Length.
        std::string lower(head);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        size_t cl = lower.find("\r\ncontent-length:");
        if (cl == std::string::npos) {
          *err = "response without Content-Length";
          return -1;
        }
        content_length = std::strtoull(lower.c_str() + cl + 17, nullptr, 10);
      }
    }
    if (header_end != std::string::npos && buf->size() >= header_end + content_length) break;
    ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *err = n == 0 ? "connection closed by server" : std::string("read: ") + std::strerror(errno);
      return -1;
    }
    buf->append(chunk, static_cast<size_t>(n));
  }
  if (buf->size() < 12 || buf->compare(0, 5, "HTTP/") != 0) {
    *err = "malformed status line";
    return -1;
  }
  *body = std::string_view(*buf).substr(header_end, content_length);
  return std::atoi(buf->c_str() + 9);
}

void Worker(Shared* sh) {
  const Options& o = *sh->options;
  int fd = Connect(o);
  std::string buf;
  buf.reserve(1 << 20);
  std::vector<Sample> local;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> l(sh->mu);
    if (sh->first_error.empty()) sh->first_error = what;
  };
  while (true) {
    size_t i = sh->next.fetch_add(1);
    if (i >= sh->files.size()) break;
    const MappedFile& f = sh->files[i];
    std::string head = "POST " + o.path + " HTTP/1.1\r\nHost: " + o.host + ":" +
                       std::to_string(o.port) +
                       "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " +
                       std::to_string(f.size) + "\r\n\r\n";
    auto t0 = Clock::now();
    if (!SendAll(fd, head, std::string_view(f.data, f.size))) {
      sh->failed_requests++;
      fail(std::string("send: ") + std::strerror(errno));
      break;
    }
    std::string_view body;
    std::string err;
    int status = ReadResponse(fd, &buf, &body, &err);
    auto t1 = Clock::now();
    if (status < 0) {
      sh->failed_requests++;
      fail(err);
      break;
    }
    sh->bytes_sent += f.size;
    if (status != 200) {
      sh->failed_requests++;
      fail("HTTP " + std::to_string(status) + ": " + std::string(body.substr(0, 300)));
    } else if (body.substr(0, 200).find("\"errors\":false") == std::string_view::npos) {
      sh->error_responses++;
      size_t e = body.find("\"error\":");
      fail("bulk response with errors: " +
           std::string(body.substr(e == std::string_view::npos ? 0 : e, 400)));
    }
    local.push_back({std::chrono::duration<double, std::milli>(t1 - t0).count(),
                     std::chrono::duration<double>(t1 - sh->start).count()});
  }
  close(fd);
  std::lock_guard<std::mutex> l(sh->mu);
  sh->samples.insert(sh->samples.end(), local.begin(), local.end());
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t idx = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--host") {
      o.host = value();
    } else if (a == "--port") {
      o.port = std::atoi(value().c_str());
    } else if (a == "--path") {
      o.path = value();
    } else if (a == "--connections") {
      o.connections = std::atoi(value().c_str());
    } else if (a == "--timeout-s") {
      o.timeout_s = std::atoi(value().c_str());
    } else if (!a.empty() && a[0] == '-') {
      Die("unknown option " + a);
    } else {
      o.files.push_back(a);
    }
  }
  if (o.port <= 0 || o.files.empty() || o.connections <= 0) {
    Die("usage: bulk_client --port P [--host H] [--path /_bulk] [--connections K] FILE...");
  }
  Shared sh;
  sh.options = &o;
  for (const auto& f : o.files) sh.files.push_back(MapFile(f));

  rusage ru0;
  getrusage(RUSAGE_SELF, &ru0);
  sh.start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < o.connections; ++c) threads.emplace_back(Worker, &sh);
  for (auto& t : threads) t.join();
  double elapsed_s = std::chrono::duration<double>(Clock::now() - sh.start).count();
  rusage ru1;
  getrusage(RUSAGE_SELF, &ru1);
  auto secs = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  double cpu_s = secs(ru1.ru_utime) - secs(ru0.ru_utime) + secs(ru1.ru_stime) - secs(ru0.ru_stime);

  std::vector<double> lat, done;
  for (const auto& s : sh.samples) {
    lat.push_back(s.latency_ms);
    done.push_back(s.completed_s);
  }
  std::sort(done.begin(), done.end());
  std::printf("{\"requests\":%zu,\"failed_requests\":%d,\"error_responses\":%d,", sh.samples.size(),
              sh.failed_requests.load(), sh.error_responses.load());
  std::printf("\"bytes_sent\":%llu,\"elapsed_s\":%.6f,\"client_cpu_s\":%.6f,",
              static_cast<unsigned long long>(sh.bytes_sent.load()), elapsed_s, cpu_s);
  std::printf("\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f},",
              Percentile(lat, 50), Percentile(lat, 90), Percentile(lat, 99), Percentile(lat, 100));
  std::printf("\"first_error\":\"%s\",\"completions_s\":[", JsonEscape(sh.first_error).c_str());
  for (size_t i = 0; i < done.size(); ++i) std::printf(i ? ",%.4f" : "%.4f", done[i]);
  std::printf("]}\n");
  bool ok = sh.failed_requests == 0 && sh.error_responses == 0 &&
            sh.samples.size() == sh.files.size();
  return ok ? 0 : 1;
}
