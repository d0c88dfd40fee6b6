// Fuzzes the Elasticsearch request path in process: an EsApi over one
// engine::Node (opened once in a temporary directory and reused), fed
// fuzzed bytes as the body of
//   POST /_bulk, POST /fuzz/_bulk, PUT /fuzz/_doc/1, POST /fuzz/_search,
//   PUT /fuzz-new (index creation: settings, mappings, aliases)
// with a few fuzz-chosen query parameters. Whatever the body, the node must
// answer (no crash, no hang, no leak) with a well-formed HTTP status, and
// an error must carry ES's error shape.
//
// State stays bounded: every kResetEvery inputs, or when bulk requests have
// auto-created more than a handful of indices, all indices are deleted and
// the "fuzz" index is recreated with its mapping (durability async, so WAL
// appends do not fsync). The data directory is $QUIVER_FUZZ_TMPDIR, else
// /dev/shm, else $TMPDIR or /tmp; it is removed at exit.
//
// Input: byte 0 picks the endpoint, byte 1 the query parameters, the rest
// is the body.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/es/es_api.h"
#include "common/logging.h"
#include "engine/node.h"

namespace quiver::fuzz {
namespace {

constexpr int kResetEvery = 500;
constexpr size_t kMaxIndices = 8;

constexpr const char* kIndexBody = R"({
  "settings": {"index.translog.durability": "async", "index.refresh_interval": "1s"},
  "mappings": {"properties": {
    "@timestamp": {"type": "date"}, "title": {"type": "text"}, "tag": {"type": "keyword"},
    "n": {"type": "long"}, "x": {"type": "double"}, "ok": {"type": "boolean"},
    "ip": {"type": "ip"}, "v": {"type": "dense_vector", "dims": 3, "similarity": "l2_norm"},
    "obj": {"properties": {"a": {"type": "keyword"}}}}}
})";

struct State {
  std::filesystem::path dir;
  std::unique_ptr<engine::Node> node;
  std::unique_ptr<api::EsApi> api;
  int since_reset = 0;
};

State* g_state = nullptr;

HttpResponse Call(const std::string& method, const std::string& target, std::string body,
                  const std::string& content_type = "application/json") {
  HttpRequest r;
  r.method = method;
  SplitRequestTarget(target, &r.path, &r.raw_query);
  if (!ParseQueryString(r.raw_query, &r.query_params).ok()) r.query_params.clear();
  r.body = std::move(body);
  r.headers.push_back({"Host", "localhost:9200"});
  if (!r.body.empty()) r.headers.push_back({"Content-Type", content_type});
  r.remote_address = "127.0.0.1:1";
  return g_state->api->Handle(r);
}

void ResetIndices() {
  HttpResponse del = Call("DELETE", "/_all?expand_wildcards=all", "");
  HttpResponse put = Call("PUT", "/fuzz", kIndexBody);
  if (put.status != 200) {
    std::fprintf(stderr, "bulk_request_fuzzer: cannot create index: %d %s (delete: %d %s)\n",
                 put.status, put.body.c_str(), del.status, del.body.c_str());
    std::abort();
  }
  g_state->since_reset = 0;
}

void Shutdown() {
  if (!g_state) return;
  g_state->api.reset();
  if (g_state->node) (void)g_state->node->Close();
  g_state->node.reset();
  std::error_code ec;
  std::filesystem::remove_all(g_state->dir, ec);
}

std::string TempBase() {
  if (const char* d = std::getenv("QUIVER_FUZZ_TMPDIR"); d && *d) return d;
  if (access("/dev/shm", W_OK) == 0) return "/dev/shm";
  if (const char* d = std::getenv("TMPDIR"); d && *d) return d;
  return "/tmp";
}

void Init() {
  InitLogging("error");
  g_state = new State();
  std::string tmpl = TempBase() + "/quiver-fuzz-XXXXXX";
  if (!mkdtemp(tmpl.data())) {
    std::perror("bulk_request_fuzzer: mkdtemp");
    std::abort();
  }
  g_state->dir = tmpl;
  engine::NodeOptions o;
  o.data_dir = g_state->dir / "data";
  o.destructive_requires_name = false;
  auto node = engine::Node::Open(o);
  if (!node.ok()) {
    std::fprintf(stderr, "bulk_request_fuzzer: %s\n", node.status().ToString().c_str());
    std::abort();
  }
  g_state->node = std::move(*node);
  g_state->api = std::make_unique<api::EsApi>(g_state->node.get(), api::NodeInfo{});
  std::atexit(Shutdown);
  ResetIndices();
}

// Query strings the endpoints accept (and a few they reject).
constexpr const char* kParams[] = {
    "",
    "?refresh=true",
    "?pretty",
    "?filter_path=items.*.error,errors",
    "?routing=r1",
    "?op_type=create",
    "?error_trace=true&human",
    "?timeout=1s&wait_for_active_shards=1",
    "?require_alias=false&pipeline=_none",
    "?_source=false",
    "?size=3&from=1",
    "?if_seq_no=0&if_primary_term=1",
    "?version=2&version_type=external",
    "?unknown_param=1",
    "?refresh=false&typed_keys",
    "?pretty&filter_path=-took",
};

}  // namespace
}  // namespace quiver::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiver::fuzz::Init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quiver::fuzz;
  if (size < 2) return 0;
  const std::string params = kParams[data[1] % (sizeof(kParams) / sizeof(kParams[0]))];
  std::string body(reinterpret_cast<const char*>(data + 2), size - 2);
  quiver::HttpResponse r;
  switch (data[0] % 6) {
    case 0:
      r = Call("POST", "/_bulk" + params, std::move(body), "application/x-ndjson");
      break;
    case 1:
      r = Call("POST", "/fuzz/_bulk" + params, std::move(body), "application/x-ndjson");
      break;
    case 2:
      r = Call("PUT", "/fuzz/_doc/1" + params, std::move(body));
      break;
    case 3:
      r = Call("POST", "/fuzz/_search" + params, std::move(body));
      break;
    case 4:
      r = Call("PUT", "/fuzz-new" + params, std::move(body));
      (void)Call("DELETE", "/fuzz-new", "");
      break;
    case 5:
      r = Call("POST", "/fuzz/_doc" + params, std::move(body));
      break;
  }
  if (r.status < 100 || r.status > 599) __builtin_trap();
  // ES answers every 4xx/5xx with an error object (except a document not
  // found). Reported once per status rather than trapped: a shape problem,
  // not a memory-safety one.
  static bool reported[600] = {};
  if (r.status >= 400 && !reported[r.status] && r.body.find("\"error\"") == std::string::npos &&
      r.body.find("\"found\":false") == std::string::npos &&
      r.body.find("\"not_found\"") == std::string::npos) {
    reported[r.status] = true;
    std::fprintf(stderr, "bulk_request_fuzzer: WARNING %d without an error object: %.300s\n",
                 r.status, r.body.c_str());
  }
  if (++g_state->since_reset >= kResetEvery ||
      g_state->node->AllIndices().size() > kMaxIndices) {
    ResetIndices();
  }
  return 0;
}
