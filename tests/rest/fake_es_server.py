"""A tiny in-memory Elasticsearch look-alike for the runner's self-tests.

Serves just enough of the REST API for hand-written YAML tests: indices
(create/delete/exists, wildcard delete), documents (index/get/exists),
`_search` over all documents, `_bulk` (insists on NDJSON with a final
newline), `_cat/indices`, `_refresh`, `_capabilities`, `_quiver/features`,
plus test hooks: `/_fake/warn` answers with Warning headers, `/_fake/slow`
sleeps, `/_fake/crash` kills the process (when run as a subprocess).

Every request is recorded in `server.requests` as (method, path, query,
headers, body).  Run as a program it mimics the quiver binary:
    fake_es_server.py serve --host 127.0.0.1 --port 9200 --data DIR
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = "8.19.0"
FEATURES = ["fake.feature"]
CAPABILITIES = {("GET", "/_search"): {"fake_capability"}}


def error_body(status, error_type, reason):
    cause = {"type": error_type, "reason": reason}
    return status, {"error": {"root_cause": [cause], "type": error_type, "reason": reason}, "status": status}, {}


class FakeEs(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, exit_on_crash=False):
        super().__init__(address, Handler)
        self.indices = {}  # name -> {id: source}
        self.requests = []
        self.lock = threading.Lock()
        self.exit_on_crash = exit_on_crash
        self.auto_id = 0

    @property
    def url(self):
        return "http://%s:%d" % self.server_address[:2]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per response and no Nagle: avoids delayed-ACK stalls.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def do_HEAD(self):
        self.dispatch("HEAD")

    # -- plumbing ---------------------------------------------------------
    def dispatch(self, method):
        split = urllib.parse.urlsplit(self.path)
        path = split.path
        query = dict(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server = self.server
        with server.lock:
            server.requests.append((method, path, query, dict(self.headers), body))
        parts = [urllib.parse.unquote(p) for p in path.split("/") if p]
        try:
            with server.lock:
                status, payload, headers = self.route(method, parts, query, body)
        except Exception as e:  # a bug in the fake: answer 500
            status, payload, headers = error_body(500, "fake_exception", repr(e))
        self.reply(method, status, payload, headers)

    def reply(self, method, status, payload, headers):
        if isinstance(payload, str):
            data, ctype = payload.encode("utf-8"), "text/plain; charset=UTF-8"
        elif payload is None:
            data, ctype = b"", "application/json"
        else:
            data, ctype = json.dumps(payload).encode("utf-8"), "application/json"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        for k, v in headers.items():
            for value in (v if isinstance(v, list) else [v]):
                self.send_header(k, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)

    # -- routes -----------------------------------------------------------
    def route(self, method, parts, query, body):
        s = self.server
        if not parts:
            return 200, {"name": "fake", "cluster_name": "fake", "version": {"number": VERSION},
                         "tagline": "You Know, for Search"}, {}
        head = parts[0]
        if head == "_quiver" and parts[1:] == ["features"]:
            return 200, {"features": FEATURES}, {}
        if head == "_capabilities":
            caps = set(filter(None, query.get("capabilities", "").split(",")))
            known = CAPABILITIES.get((query.get("method", "GET"), query.get("path")), set())
            return 200, {"supported": bool(caps) and caps <= known}, {}
        if head == "_search" and parts[1:] == ["scroll", "_all"]:
            return 200, {"succeeded": True, "num_freed": 0}, {}
        if head == "_fake":
            return self.fake_hooks(parts[1:], query)
        if head == "_cat" and parts[1:2] == ["indices"]:
            names = sorted(s.indices)
            if query.get("format") == "json":
                return 200, [{"index": n, "docs.count": str(len(s.indices[n]))} for n in names], {}
            return 200, "".join("green open %s %d\n" % (n, len(s.indices[n])) for n in names), {}
        if head in ("_bulk",) or parts[1:] == ["_bulk"]:
            return self.bulk(parts[0] if parts[1:] == ["_bulk"] else None, body)
        if head == "_search" or parts[1:] == ["_search"]:
            return self.search(None if head == "_search" else parts[0], body)
        if head.startswith("_"):
            return error_body(400, "illegal_argument_exception", "no handler for [%s %s]" % (method, "/".join(parts)))

        index = head
        if len(parts) == 1:
            return self.index_level(method, index, query, body)
        if parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}, {}
        if parts[1] == "_doc":
            return self.document(method, index, parts[2] if len(parts) > 2 else None, body, query)
        return error_body(400, "illegal_argument_exception", "no handler for [%s]" % "/".join(parts))

    def fake_hooks(self, parts, query):
        what = parts[0] if parts else ""
        if what == "warn":
            return 200, {"acknowledged": True}, {"Warning": [
                '299 Elasticsearch-%s-abcdef1 "this is deprecated"' % VERSION,
                '299 Elasticsearch-%s-abcdef1 "[x] is \\"quoted\\"" "Mon, 01 Jan 2024 00:00:00 GMT"' % VERSION,
            ]}
        if what == "slow":
            self.server.lock.release()
            try:
                time.sleep(float(query.get("seconds", "3")))
            finally:
                self.server.lock.acquire()
            return 200, {"slept": True}, {}
        if what == "crash":
            if self.server.exit_on_crash:
                os._exit(3)
            return error_body(500, "fake_exception", "crash requested but not allowed in-process")
        if what == "status":
            status = int(query.get("code", "200"))
            if status >= 400:
                return error_body(status, "fake_status_exception", "status [%d] requested" % status)
            return status, {"status": status}, {}
        return error_body(404, "fake_exception", "no fake hook [%s]" % what)

    def index_level(self, method, index, query, body):
        s = self.server
        if method == "PUT":
            if index in s.indices:
                return error_body(400, "resource_already_exists_exception",
                                  "index [%s/abc] already exists" % index)
            s.indices[index] = {}
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": index}, {}
        if method == "DELETE":
            matched = [n for n in s.indices if n == index or index in ("*", "_all")]
            if not matched:
                return error_body(404, "index_not_found_exception", "no such index [%s]" % index)
            for n in matched:
                del s.indices[n]
            return 200, {"acknowledged": True}, {}
        if method == "HEAD":
            return (200 if index in s.indices else 404), None, {}
        if index not in s.indices:
            return error_body(404, "index_not_found_exception", "no such index [%s]" % index)
        return 200, {index: {"aliases": {}, "mappings": {}, "settings": {}}}, {}

    def document(self, method, index, doc_id, body, query):
        s = self.server
        if method in ("PUT", "POST"):
            if doc_id is None:
                s.auto_id += 1
                doc_id = "auto%d" % s.auto_id
            try:
                source = json.loads(body.decode("utf-8"))
            except ValueError:
                return error_body(400, "mapper_parsing_exception", "failed to parse")
            docs = s.indices.setdefault(index, {})
            created = doc_id not in docs
            docs[doc_id] = source
            return (201 if created else 200), {"_index": index, "_id": doc_id, "_version": 1,
                                               "result": "created" if created else "updated"}, {}
        docs = s.indices.get(index)
        if docs is None:
            return error_body(404, "index_not_found_exception", "no such index [%s]" % index)
        if method == "HEAD":
            return (200 if doc_id in docs else 404), None, {}
        if doc_id not in docs:
            return 404, {"_index": index, "_id": doc_id, "found": False}, {}
        return 200, {"_index": index, "_id": doc_id, "_version": 1, "found": True, "_source": docs[doc_id]}, {}

    def search(self, index, body):
        s = self.server
        names = sorted(s.indices) if index in (None, "_all") else index.split(",")
        hits = []
        for name in names:
            if name not in s.indices:
                return error_body(404, "index_not_found_exception", "no such index [%s]" % name)
            for doc_id, source in s.indices[name].items():
                hits.append({"_index": name, "_id": doc_id, "_score": 1.0, "_source": source})
        request = json.loads(body.decode("utf-8")) if body else {}
        size = request.get("size", 10)
        return 200, {"took": 1, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                     "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 1.0 if hits else None,
                              "hits": hits[:size]}}, {}

    def bulk(self, default_index, body):
        ctype = self.headers.get("Content-Type", "")
        text = body.decode("utf-8")
        if not (ctype.startswith("application/x-ndjson") or ctype.startswith("application/json")):
            return error_body(400, "illegal_argument_exception", "bad content type [%s]" % ctype)
        if not text.endswith("\n"):
            return error_body(400, "illegal_argument_exception",
                              "The bulk request must be terminated by a newline [\\n]")
        lines = [line for line in text.split("\n") if line.strip()]
        items = []
        i = 0
        while i < len(lines):
            action = json.loads(lines[i])
            (op, meta), = action.items()
            index = meta.get("_index", default_index)
            if op == "delete":
                self.server.indices.get(index, {}).pop(meta.get("_id"), None)
                items.append({op: {"_index": index, "_id": meta.get("_id"), "status": 200, "result": "deleted"}})
                i += 1
                continue
            source = json.loads(lines[i + 1])
            status, answer, _ = self.document("PUT", index, meta.get("_id"), json.dumps(source).encode(), {})
            answer["status"] = status
            items.append({op: answer})
            i += 2
        return 200, {"took": 1, "errors": False, "items": items}, {}


def start_in_thread(host="127.0.0.1", port=0):
    server = FakeEs((host, port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["serve"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9200)
    p.add_argument("--data", required=True)
    args = p.parse_args(argv)
    if not os.path.isdir(args.data):
        print("data dir missing: %s" % args.data, file=sys.stderr)
        return 1
    server = FakeEs((args.host, args.port), exit_on_crash=True)
    print("fake es listening on %s" % server.url, flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
