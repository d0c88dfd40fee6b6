"""HTTP behaviour of the Elasticsearch REST endpoint: connection handling,
body encodings, headers, response shaping, routing errors, size limits.
Each test checks the status and error type ES gives, and that stored data is
intact afterwards."""

import gzip
import json
import unittest

from api_support import (Client, RawReader, ServerTestCase, connect, deflate_bytes, gzip_bytes,
                         http_request_bytes)


class HttpTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.client
        r = c.put("/web", {"settings": {"number_of_shards": 1},
                           "mappings": {"properties": {"title": {"type": "keyword"},
                                                       "n": {"type": "integer"}}}})
        assert r.status == 200, r
        for i in range(5):
            r = c.put(f"/web/_doc/d{i}", {"title": f"t{i}", "n": i})
            assert r.status == 201, r
        c.post("/web/_refresh")

    def setUp(self):
        self.before = self.snapshot("web")

    def tearDown(self):
        self.assertAlive()
        self.assertEqual(self.snapshot("web"), self.before)

    # -- connections ----------------------------------------------------------

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        s = connect(self.port)
        reader = RawReader(s)
        try:
            for i in range(5):
                s.sendall(http_request_bytes("GET", f"/web/_doc/d{i}"))
                r = reader.read_response()
                self.assertStatus(r, 200)
                self.assertEqual(r.json()["_source"], {"title": f"t{i}", "n": i})
                self.assertNotEqual((r.header("Connection") or "").lower(), "close")
            body = json.dumps({"title": "ka", "n": 99})
            s.sendall(http_request_bytes("PUT", "/web/_doc/ka", body,
                                         {"Content-Type": "application/json"}))
            self.assertStatus(reader.read_response(), 201)
            s.sendall(http_request_bytes("GET", "/web/_source/ka"))
            r = reader.read_response()
            self.assertStatus(r, 200)
            self.assertEqual(r.body, body.encode())
            # An error response does not end a keep-alive connection either.
            s.sendall(http_request_bytes("GET", "/web/_doc/missing"))
            self.assertStatus(reader.read_response(), 404)
            s.sendall(http_request_bytes("DELETE", "/web/_doc/ka?refresh=true"))
            self.assertStatus(reader.read_response(), 200)
        finally:
            s.close()

    def test_http_1_0_connection_closes_after_response(self):
        s = connect(self.port)
        try:
            s.sendall(b"GET /web/_doc/d1 HTTP/1.0\r\n\r\n")
            reader = RawReader(s)
            r = reader.read_response()
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["_id"], "d1")
            self.assertTrue(reader.at_eof(), "HTTP/1.0 without keep-alive must be closed")
        finally:
            s.close()

    def test_connection_close_header_is_honoured(self):
        s = connect(self.port)
        try:
            s.sendall(http_request_bytes("GET", "/", headers={"Connection": "close"}))
            reader = RawReader(s)
            self.assertStatus(reader.read_response(), 200)
            self.assertTrue(reader.at_eof())
        finally:
            s.close()

    def test_pipelined_requests_are_answered_in_order(self):
        body = json.dumps({"title": "pipe", "n": 7})
        payload = (http_request_bytes("GET", "/web/_doc/d3")
                   + http_request_bytes("PUT", "/web/_doc/pipe", body,
                                        {"Content-Type": "application/json"})
                   + http_request_bytes("GET", "/web/_doc/missing")
                   + http_request_bytes("GET", "/web/_source/pipe")
                   + http_request_bytes("HEAD", "/web")
                   + http_request_bytes("DELETE", "/web/_doc/pipe?refresh=true"))
        s = connect(self.port)
        try:
            s.sendall(payload)  # all six in one send
            reader = RawReader(s)
            r1 = reader.read_response()
            self.assertStatus(r1, 200)
            self.assertEqual(r1.json()["_id"], "d3")
            r2 = reader.read_response()
            self.assertStatus(r2, 201)
            self.assertEqual(r2.json()["_id"], "pipe")
            r3 = reader.read_response()
            self.assertStatus(r3, 404)
            self.assertEqual(r3.json(), {"_index": "web", "_id": "missing", "found": False})
            r4 = reader.read_response()
            self.assertStatus(r4, 200)
            self.assertEqual(r4.body, body.encode())
            r5 = reader.read_response(head=True)
            self.assertStatus(r5, 200)
            r6 = reader.read_response()
            self.assertStatus(r6, 200)
            self.assertEqual(r6.json()["result"], "deleted")
        finally:
            s.close()

    def test_slow_client_does_not_block_others(self):
        # A request whose header arrives byte by byte while others are served.
        slow = connect(self.port)
        try:
            req = http_request_bytes("GET", "/web/_doc/d2")
            slow.sendall(req[:10])
            self.assertStatus(self.client.get("/web/_doc/d1"), 200)
            slow.sendall(req[10:])
            r = RawReader(slow).read_response()
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["_id"], "d2")
        finally:
            slow.close()

    # -- request bodies ---------------------------------------------------------

    def test_chunked_request_body(self):
        body = json.dumps({"title": "chunked" + "x" * 5000, "n": 11}).encode()
        chunks = [body[:1], body[1:100], body[100:4097], body[4097:]]
        s = connect(self.port)
        try:
            s.sendall(http_request_bytes("PUT", "/web/_doc/ch", chunked=True, chunks=chunks,
                                         headers={"Content-Type": "application/json"}))
            reader = RawReader(s)
            r = reader.read_response()
            self.assertStatus(r, 201)
            # Same connection keeps working after a chunked body.
            s.sendall(http_request_bytes("GET", "/web/_source/ch"))
            r = reader.read_response()
            self.assertStatus(r, 200)
            self.assertEqual(r.body, body)
        finally:
            s.close()
        self.assertStatus(self.client.delete("/web/_doc/ch?refresh=true"), 200)

    def test_chunked_bulk_body_split_inside_lines(self):
        lines = b"".join(
            json.dumps({"index": {"_index": "web", "_id": f"cb{i}"}}).encode() + b"\n"
            + json.dumps({"title": f"cb{i}", "n": i}).encode() + b"\n" for i in range(20))
        chunks = [lines[i:i + 37] for i in range(0, len(lines), 37)]
        s = connect(self.port)
        try:
            s.sendall(http_request_bytes("POST", "/_bulk?refresh=true", chunked=True, chunks=chunks,
                                         headers={"Content-Type": "application/x-ndjson"}))
            r = RawReader(s).read_response()
        finally:
            s.close()
        self.assertStatus(r, 200)
        body = r.json()
        self.assertFalse(body["errors"], body)
        self.assertEqual([it["index"]["status"] for it in body["items"]], [201] * 20)
        self.assertEqual(self.client.get("/web/_source/cb13").json(), {"title": "cb13", "n": 13})
        self.assertEqual(self.count("web"), 25)
        deletes = [{"delete": {"_index": "web", "_id": f"cb{i}"}} for i in range(20)]
        self.assertFalse(self.client.bulk(deletes, path="/_bulk?refresh=true").json()["errors"])

    def test_gzip_request_body(self):
        body = json.dumps({"title": "gz" + "ü" * 300, "n": 21}).encode()
        r = self.client.put("/web/_doc/gz", gzip_bytes(body),
                            headers={"Content-Encoding": "gzip"})
        self.assertStatus(r, 201)
        self.assertEqual(self.client.get("/web/_source/gz").body, body)
        self.assertStatus(self.client.delete("/web/_doc/gz?refresh=true"), 200)

    def test_gzip_bulk_body(self):
        lines = "".join(json.dumps({"index": {"_id": f"gb{i}"}}) + "\n"
                        + json.dumps({"title": "gb", "n": i}) + "\n" for i in range(50))
        r = self.client.post("/web/_bulk?refresh=true", gzip_bytes(lines.encode()),
                             content_type="application/x-ndjson",
                             headers={"Content-Encoding": "gzip"})
        self.assertStatus(r, 200)
        self.assertFalse(r.json()["errors"], r)
        self.assertEqual(len(r.json()["items"]), 50)
        self.assertEqual(self.count("web"), 55)
        deletes = [{"delete": {"_id": f"gb{i}"}} for i in range(50)]
        self.assertFalse(self.client.bulk(deletes, path="/web/_bulk?refresh=true").json()["errors"])

    def test_deflate_request_body(self):
        body = json.dumps({"title": "df", "n": 22}).encode()
        r = self.client.put("/web/_doc/df", deflate_bytes(body),
                            headers={"Content-Encoding": "deflate"})
        self.assertStatus(r, 201)
        self.assertEqual(self.client.get("/web/_source/df").body, body)
        self.assertStatus(self.client.delete("/web/_doc/df?refresh=true"), 200)

    def test_corrupt_gzip_body_is_rejected(self):
        r = self.client.put("/web/_doc/badgz", b"\x1f\x8b\x08\x00garbage-not-gzip",
                            headers={"Content-Encoding": "gzip"})
        self.assertTrue(400 <= r.status < 500, r)
        self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch")
        self.assertStatus(self.client.get("/web/_doc/badgz"), 404)

    def test_gzip_response_when_accepted(self):
        path = "/web/_search?sort=_doc&filter_path=-took"
        plain = self.client.get(path)
        self.assertStatus(plain, 200)
        self.assertGreater(len(plain.body), 512)
        self.assertIsNone(plain.header("Content-Encoding"))
        r = self.client.get(path, headers={"Accept-Encoding": "gzip"})
        self.assertStatus(r, 200)
        self.assertEqual(r.header("Content-Encoding"), "gzip")
        self.assertEqual(int(r.header("Content-Length")), len(r.body))
        self.assertEqual(gzip.decompress(r.body), plain.body)
        hits = json.loads(gzip.decompress(r.body))["hits"]["hits"]
        self.assertEqual([h["_id"] for h in hits], [f"d{i}" for i in range(5)])
        # Accept-Encoding: identity gets the plain body.
        r = self.client.get(path, headers={"Accept-Encoding": "identity"})
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertEqual(r.body, plain.body)

    def test_expect_100_continue(self):
        body = json.dumps({"title": "ec", "n": 5}).encode()
        s = connect(self.port)
        try:
            head = http_request_bytes("PUT", "/web/_doc/ec", body,
                                      {"Content-Type": "application/json",
                                       "Expect": "100-continue"})
            s.sendall(head[:len(head) - len(body)])
            reader = RawReader(s)
            interim = reader.read_response()
            self.assertStatus(interim, 100)
            s.sendall(body)
            self.assertStatus(reader.read_response(), 201)
        finally:
            s.close()
        self.assertStatus(self.client.delete("/web/_doc/ec?refresh=true"), 200)

    # -- HEAD -------------------------------------------------------------------

    def test_head_requests(self):
        for path, status in [("/", 200), ("/web", 200), ("/nope", 404), ("/web/_doc/d1", 200),
                             ("/web/_doc/zzz", 404), ("/nope/_doc/d1", 404)]:
            r = self.client.head(path)
            self.assertEqual(r.status, status, path)
            self.assertEqual(r.body, b"", path)
            self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch", path)
        # A HEAD must not leave a body on the wire: the next request on the connection works.
        s = connect(self.port)
        try:
            s.sendall(http_request_bytes("HEAD", "/") + http_request_bytes("GET", "/web/_doc/d4"))
            reader = RawReader(s)
            self.assertStatus(reader.read_response(head=True), 200)
            r = reader.read_response()
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["_id"], "d4")
        finally:
            s.close()

    # -- headers and response shaping ---------------------------------------------

    def test_product_header_on_every_response(self):
        cases = [
            ("GET", "/", None, 200),
            ("GET", "/web/_doc/d1", None, 200),
            ("GET", "/web/_doc/zzz", None, 404),
            ("GET", "/nope/_doc/1", None, 404),
            ("GET", "/a/b/c/d/e", None, 400),
            ("POST", "/_cluster/health", None, 405),
            ("GET", "/web/_doc/d1?bogus=1", None, 400),
            ("PUT", "/web/_doc/x", "{bad json", 400),
            ("PUT", "/BAD", "{}", 400),
            ("PUT", "/web", "{}", 400),
        ]
        for method, path, body, status in cases:
            r = self.client.request(method, path, body)
            self.assertEqual(r.status, status, (method, path, r))
            self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch", (method, path))
        r = self.client.put("/web/_doc/x", "{}", content_type="text/plain")
        self.assertStatus(r, 406)
        self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch")
        # A request line Beast cannot parse.
        s = connect(self.port)
        try:
            s.sendall(b"GARBAGE\r\n\r\n")
            r = RawReader(s).read_response()
            self.assertStatus(r, 400)
            self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch")
        finally:
            s.close()

    def test_pretty(self):
        plain = self.client.get("/web/_doc/d2")
        pretty = self.client.get("/web/_doc/d2?pretty")
        self.assertStatus(pretty, 200)
        self.assertEqual(pretty.json(), plain.json())
        text = pretty.body.decode()
        self.assertTrue(text.startswith("{\n  \"_index\" : \"web\",\n"), text)
        self.assertIn('\n  "_source" : {\n    "title" : "t2",\n    "n" : 2\n  }\n', text)
        self.assertNotIn("\n", plain.body.decode())
        # pretty also shapes errors
        err = self.client.get("/nope?pretty")
        self.assertStatus(err, 404)
        self.assertIn('\n  "status" : 404\n', err.body.decode())
        # pretty=false is plain
        self.assertEqual(self.client.get("/web/_doc/d2?pretty=false").body, plain.body)

    def test_filter_path(self):
        r = self.client.get("/web/_doc/d1?filter_path=_id,_source.n")
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {"_id": "d1", "_source": {"n": 1}})
        r = self.client.post("/web/_search?filter_path=hits.hits._id,hits.total.value",
                             {"sort": ["_doc"], "size": 2})
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {"hits": {"total": {"value": 5},
                                             "hits": [{"_id": "d0"}, {"_id": "d1"}]}})
        r = self.client.post("/web/_search?filter_path=-hits.hits,-_shards,-took", {"size": 1})
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {"timed_out": False,
                                    "hits": {"total": {"value": 5, "relation": "eq"},
                                             "max_score": 1.0}})
        r = self.client.get("/web/_doc/d1?filter_path=*.title")
        self.assertEqual(r.json(), {"_source": {"title": "t1"}})
        r = self.client.get("/web/_doc/d1?filter_path=nothing.matches")
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {})

    # Regression (fixed): filter_path is applied to error bodies. ES builds errors with
    # RestChannel.newErrorBuilder(), which disables filtering ("Disable filtering when
    # building error responses"), so the full error comes back; Quiver returns
    # {"error":{"type":"index_not_found_exception"},"status":404}.
    def test_filter_path_does_not_filter_errors(self):
        full = self.client.get("/nope/_doc/1").json()
        r = self.client.get("/nope/_doc/1?filter_path=error.type,status")
        self.assertStatus(r, 404)
        self.assertEqual(r.json(), full)

    def test_error_trace(self):
        plain = self.client.get("/nope/_doc/1")
        self.assertNotIn("stack_trace", plain.json()["error"])
        r = self.client.get("/nope/_doc/1?error_trace=true")
        err = self.assertEsError(r, 404, "index_not_found_exception", "no such index [nope]")
        self.assertIsInstance(err.get("stack_trace"), str)
        self.assertTrue(err["stack_trace"])
        r = self.client.get("/nope/_doc/1?error_trace=false")
        self.assertNotIn("stack_trace", r.json()["error"])

    # -- routing errors -----------------------------------------------------------

    def test_unknown_route(self):
        r = self.client.get("/web/_doc/d1/extra/parts")
        self.assertStatus(r, 400)
        self.assertEqual(r.json(), {"error": "no handler found for uri [/web/_doc/d1/extra/parts] "
                                             "and method [GET]", "status": 400})
        r = self.client.post("/_nope_endpoint/x/y")
        self.assertEqual(r.json()["error"],
                         "no handler found for uri [/_nope_endpoint/x/y] and method [POST]")

    def test_wrong_method(self):
        r = self.client.post("/_cluster/health")
        self.assertStatus(r, 405)
        allowed = {m.strip() for m in r.header("Allow", "").split(",")}
        self.assertIn("GET", allowed)
        self.assertNotIn("POST", allowed)
        body = r.json()
        self.assertEqual(body["status"], 405)
        self.assertTrue(body["error"].startswith(
            "Incorrect HTTP method for uri [/_cluster/health] and method [POST], allowed: ["),
            body)
        r = self.client.delete("/web/_search")
        self.assertStatus(r, 405)
        allowed = {m.strip() for m in r.header("Allow", "").split(",")}
        self.assertTrue({"GET", "POST"} <= allowed, allowed)
        self.assertNotIn("DELETE", allowed)

    def test_unknown_query_parameter(self):
        r = self.client.get("/web/_doc/d1?bogus=1")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           "request [/web/_doc/d1] contains unrecognized parameter: [bogus]")
        r = self.client.get("/web/_doc/d1?prety")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           "request [/web/_doc/d1] contains unrecognized parameter: [prety] "
                           "-> did you mean [pretty]?")
        # The write must not happen when the request is rejected.
        r = self.client.put("/web/_doc/qp?bogus=1", {"title": "qp"})
        self.assertEsError(r, 400, "illegal_argument_exception",
                           reason_contains="contains unrecognized parameter: [bogus]")
        self.assertStatus(self.client.get("/web/_doc/qp"), 404)

    # -- content types ----------------------------------------------------------

    def test_unsupported_content_type(self):
        r = self.client.put("/web/_doc/ct", {"title": "ct"}, content_type="text/plain")
        self.assertStatus(r, 406)
        self.assertEqual(r.json(), {"error": "Content-Type header [text/plain] is not supported",
                                    "status": 406})
        self.assertStatus(self.client.get("/web/_doc/ct"), 404)

    def test_missing_content_type_with_body(self):
        r = self.client.put("/web/_doc/ct", b'{"title":"ct"}', content_type=None)
        self.assertStatus(r, 406)
        self.assertEqual(r.json(), {"error": "Content-Type header is missing", "status": 406})
        self.assertStatus(self.client.get("/web/_doc/ct"), 404)

    def test_vendor_media_type_is_accepted_and_echoed(self):
        vnd = "application/vnd.elasticsearch+json; compatible-with=8"
        r = self.client.put("/web/_doc/vnd", {"title": "vnd", "n": 8}, content_type=vnd,
                            headers={"Accept": vnd})
        self.assertStatus(r, 201)
        self.assertEqual(r.header("Content-Type").replace(" ", ""),
                         "application/vnd.elasticsearch+json;compatible-with=8")
        r = self.client.get("/web/_source/vnd", headers={"Accept": vnd})
        self.assertEqual(r.json(), {"title": "vnd", "n": 8})
        self.assertEqual(r.header("Content-Type").replace(" ", ""),
                         "application/vnd.elasticsearch+json;compatible-with=8")
        nd = "application/vnd.elasticsearch+x-ndjson; compatible-with=8"
        r = self.client.post("/_bulk?refresh=true",
                             '{"delete":{"_index":"web","_id":"vnd"}}\n', content_type=nd,
                             headers={"Accept": vnd})
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["items"][0]["delete"]["status"], 200)
        self.assertEqual(r.header("Content-Type").replace(" ", ""),
                         "application/vnd.elasticsearch+json;compatible-with=8")
        # Plain requests get plain JSON back.
        self.assertTrue(self.client.get("/").header("Content-Type").startswith("application/json"))


class MaxContentLengthTest(ServerTestCase):
    """http.max_content_length=1mb: larger bodies get 413 and are not applied."""

    SERVER_ARGS = ("-E", "http.max_content_length=1mb")
    LIMIT = 1024 * 1024

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.client.put("/lim", {}).status == 200
        assert cls.client.put("/lim/_doc/keep?refresh=true", {"v": 1}).status == 201

    def tearDown(self):
        self.assertAlive()
        self.assertEqual(self.client.get("/lim/_source/keep").json(), {"v": 1})
        self.assertEqual(self.count("lim"), self.expected_count())

    def expected_count(self):
        return 2 if self.client.get("/lim/_doc/fits").status == 200 else 1

    def fresh_client(self):
        c = Client(self.port)
        self.addCleanup(c.close)
        return c

    def big_doc(self, size):
        prefix, suffix = b'{"pad":"', b'"}'
        return prefix + b"x" * (size - len(prefix) - len(suffix)) + suffix

    def test_body_at_limit_is_accepted(self):
        body = self.big_doc(self.LIMIT)
        r = self.fresh_client().put("/lim/_doc/fits?refresh=true", body)
        self.assertStatus(r, 201)
        self.assertEqual(self.client.get("/lim/_source/fits").body, body)

    def test_content_length_over_limit(self):
        body = self.big_doc(self.LIMIT + 1)
        s = connect(self.port)
        try:
            req = http_request_bytes("PUT", "/lim/_doc/big", body,
                                     {"Content-Type": "application/json"})
            try:
                s.sendall(req)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before the whole body is sent
            reader = RawReader(s)
            r = reader.read_response()
            self.assertStatus(r, 413)
            self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch")
            self.assertTrue(reader.at_eof(), "connection must be closed after 413")
        finally:
            s.close()
        self.assertStatus(self.client.get("/lim/_doc/big"), 404)

    def test_content_length_over_limit_rejected_before_body(self):
        # Only the header is sent: the answer must come without waiting for the body.
        s = connect(self.port)
        try:
            s.sendall(b"PUT /lim/_doc/big HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                      b"\r\nContent-Length: 104857600\r\n\r\n")
            r = RawReader(s).read_response()
            self.assertStatus(r, 413)
        finally:
            s.close()

    def test_chunked_body_over_limit(self):
        body = self.big_doc(self.LIMIT + 4096)
        chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)]
        s = connect(self.port)
        try:
            req = http_request_bytes("PUT", "/lim/_doc/bigchunk", chunked=True, chunks=chunks,
                                     headers={"Content-Type": "application/json"})
            try:
                s.sendall(req)
            except (BrokenPipeError, ConnectionResetError):
                pass
            reader = RawReader(s)
            r = reader.read_response()
            self.assertStatus(r, 413)
            self.assertEqual(r.header("X-Elastic-Product"), "Elasticsearch")
            self.assertTrue(reader.at_eof(), "connection must be closed after 413")
        finally:
            s.close()
        self.assertStatus(self.client.get("/lim/_doc/bigchunk"), 404)

    def test_gzip_body_inflating_over_limit(self):
        body = self.big_doc(4 * self.LIMIT)
        compressed = gzip_bytes(body)
        self.assertLess(len(compressed), self.LIMIT)
        r = self.fresh_client().put("/lim/_doc/bomb", compressed,
                                  headers={"Content-Encoding": "gzip"})
        self.assertStatus(r, 413)
        self.assertStatus(self.client.get("/lim/_doc/bomb"), 404)

    def test_bulk_over_limit(self):
        line = (json.dumps({"index": {"_index": "lim"}}) + "\n"
                + json.dumps({"p": "y" * 1000}) + "\n")
        body = (line * (self.LIMIT // len(line) + 2)).encode()
        r = self.fresh_client().post("/_bulk", body, content_type="application/x-ndjson")
        self.assertStatus(r, 413)


if __name__ == "__main__":
    unittest.main()
