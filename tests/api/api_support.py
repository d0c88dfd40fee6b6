"""Shared helpers for the HTTP API tests: a server per test class, a raw-bytes
HTTP client, and assertions for Elasticsearch's error shape.

Standard library only (Debian /usr/bin/python3). The server binary comes from
env QUIVER_BINARY, default build/quiver relative to the repository root.
Every server is bound to 127.0.0.1, started with a bounded wait and stopped by
its PID (tests/lib/quiver_server.py)."""

import gzip
import http.client
import json
import os
import socket
import sys
import unittest
import zlib

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO_ROOT, "tests", "lib"))
from quiver_server import QuiverServer  # noqa: E402

# Seconds any single socket operation may block before the test fails.
IO_TIMEOUT_S = 30


def binary_path():
    path = os.environ.get("QUIVER_BINARY", os.path.join(REPO_ROOT, "build", "quiver"))
    return os.path.abspath(path)


def server_env():
    # The server reads QUIVER_* variables as settings and refuses unknown ones,
    # so the test's own QUIVER_BINARY / QUIVER_URL must not reach it.
    return {k: v for k, v in os.environ.items() if k not in ("QUIVER_BINARY", "QUIVER_URL")}


def new_server(extra_args=(), data_dir=None):
    """A QuiverServer (not started) for the binary under test."""
    binary = binary_path()
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"no quiver binary at {binary} (build it, or set QUIVER_BINARY)")
    server = QuiverServer(binary, data_dir=data_dir, extra_args=extra_args)
    server.env = server_env()
    return server


def start_server(extra_args=(), data_dir=None):
    server = new_server(extra_args, data_dir)
    try:
        return server.start()
    except Exception:
        server.cleanup()
        raise


class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value), in order
        self.body = body        # bytes, as received (after de-chunking)

    def header(self, name, default=None):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return default

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class Client:
    """One keep-alive http.client connection to a server."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=IO_TIMEOUT_S)

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def request(self, method, path, body=None, headers=None, content_type="application/json"):
        hdrs = dict(headers or {})
        if body is not None:
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
            if isinstance(body, str):
                body = body.encode("utf-8")
            if content_type and not any(k.lower() == "content-type" for k in hdrs):
                hdrs["Content-Type"] = content_type
        try:
            self.conn.request(method, path, body=body, headers=hdrs)
            r = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            # The server may close after an error response; retry once on a new connection.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=IO_TIMEOUT_S)
            self.conn.request(method, path, body=body, headers=hdrs)
            r = self.conn.getresponse()
        data = r.read()
        return Response(r.status, r.reason, r.getheaders(), data)

    # Shorthands.
    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)

    def bulk(self, lines, path="/_bulk", **kw):
        body = "".join(json.dumps(x) + "\n" if not isinstance(x, str) else x + "\n" for x in lines)
        return self.request("POST", path, body, content_type="application/x-ndjson", **kw)


# ---------------------------------------------------------------------------
# Raw sockets: for pipelining, chunked uploads, truncated bodies.

def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT_S)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class RawReader:
    """Reads HTTP/1.1 responses one after another from a socket."""

    def __init__(self, sock, head_requests=()):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by server")
        self.buf += chunk

    def _read_line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _read_exact(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_response(self, head=False):
        status_line = self._read_line().decode("latin-1")
        _, code, *reason = status_line.split(" ", 2)
        headers = []
        while True:
            line = self._read_line()
            if not line:
                break
            k, v = line.decode("latin-1").split(":", 1)
            headers.append((k.strip(), v.strip()))
        r = Response(int(code), reason[0] if reason else "", headers, b"")
        if head or r.status in (204, 304) or 100 <= r.status < 200:
            return r
        if (r.header("Transfer-Encoding") or "").lower() == "chunked":
            body = b""
            while True:
                size = int(self._read_line().split(b";")[0], 16)
                if size == 0:
                    while self._read_line():
                        pass
                    break
                body += self._read_exact(size)
                self._read_exact(2)
            r.body = body
        elif r.header("Content-Length") is not None:
            r.body = self._read_exact(int(r.header("Content-Length")))
        else:
            while True:
                try:
                    self._fill()
                except EOFError:
                    break
            r.body, self.buf = self.buf, b""
        return r

    def at_eof(self, timeout_s=5):
        """True if the server closes the connection (nothing more to read)."""
        self.sock.settimeout(timeout_s)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
                self.buf += chunk
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False
        finally:
            self.sock.settimeout(IO_TIMEOUT_S)


def http_request_bytes(method, path, body=b"", headers=None, chunked=False, chunks=None):
    """Serialises one request. With chunked=True the body is sent as `chunks`
    (or the body in one chunk) with Transfer-Encoding: chunked."""
    hdrs = {"Host": "127.0.0.1"}
    hdrs.update(headers or {})
    if isinstance(body, str):
        body = body.encode("utf-8")
    if chunked:
        hdrs["Transfer-Encoding"] = "chunked"
        parts = chunks if chunks is not None else [body]
        payload = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts if p) + b"0\r\n\r\n"
    else:
        if body or method in ("PUT", "POST"):
            hdrs["Content-Length"] = str(len(body))
        payload = body
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items())
    return head.encode("latin-1") + b"\r\n" + payload


def gzip_bytes(data):
    return gzip.compress(data)


def deflate_bytes(data):
    return zlib.compress(data)  # RFC 1950 zlib stream, what HTTP "deflate" means


# ---------------------------------------------------------------------------

class ServerTestCase(unittest.TestCase):
    """A test class sharing one server. Subclasses may set SERVER_ARGS."""

    SERVER_ARGS = ()
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = start_server(cls.SERVER_ARGS)
        cls.port = cls.server.port
        cls.client = Client(cls.port)

    @classmethod
    def tearDownClass(cls):
        if cls.client:
            cls.client.close()
        if cls.server:
            cls.server.stop()
            cls.server.cleanup()

    # -- assertions ---------------------------------------------------------

    def assertStatus(self, r, status, msg=None):
        self.assertEqual(r.status, status, msg or r)

    def assertEsError(self, r, status, err_type, reason=None, reason_contains=None):
        """ES error shape: {"error":{"root_cause":[...],"type":...,"reason":...},"status":N}."""
        self.assertEqual(r.status, status, r)
        body = r.json()
        self.assertEqual(body.get("status"), status, body)
        err = body["error"]
        self.assertIsInstance(err, dict, body)
        self.assertEqual(err.get("type"), err_type, body)
        self.assertIsInstance(err.get("root_cause"), list, body)
        self.assertGreaterEqual(len(err["root_cause"]), 1, body)
        if reason is not None:
            self.assertEqual(err.get("reason"), reason, body)
        if reason_contains is not None:
            self.assertIn(reason_contains, err.get("reason", ""), body)
        self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch", r.headers)
        return err

    def assertAlive(self):
        self.assertIsNone(self.server.proc.poll(), "server process exited")
        with Client(self.port) as c:
            r = c.get("/")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["version"]["number"][:2], "8.")

    # -- data helpers ---------------------------------------------------------

    def create_index(self, name, body=None):
        r = self.client.put("/" + name, body or {})
        self.assertStatus(r, 200)
        return r

    def index_doc(self, index, doc_id, source, refresh=True):
        raw = source if isinstance(source, (bytes, str)) else json.dumps(source)
        r = self.client.put(f"/{index}/_doc/{doc_id}" + ("?refresh=true" if refresh else ""), raw)
        self.assertIn(r.status, (200, 201), r)
        return r.json()

    def count(self, index):
        self.client.post(f"/{index}/_refresh")
        r = self.client.get(f"/{index}/_count")
        self.assertStatus(r, 200)
        return r.json()["count"]

    def get_source_bytes(self, index, doc_id):
        r = self.client.get(f"/{index}/_source/{doc_id}")
        return r.status, r.body

    def snapshot(self, index):
        """Everything a hostile request must not change: count, mapping, each doc."""
        count = self.count(index)
        mapping = self.client.get(f"/{index}/_mapping").json()
        r = self.client.post(f"/{index}/_search", {"size": 1000, "sort": ["_doc"],
                                                    "seq_no_primary_term": True, "version": True})
        self.assertStatus(r, 200)
        docs = {h["_id"]: (h["_source"], h.get("_version"), h.get("_seq_no"))
                for h in r.json()["hits"]["hits"]}
        return {"count": count, "mapping": mapping, "docs": docs}
