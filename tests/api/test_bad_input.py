"""Hostile and malformed input: each request gets ES's status and error type,
and afterwards the server is alive and the stored data is unchanged."""

import json
import socket
import time
import unittest
import urllib.parse

from api_support import Client, RawReader, ServerTestCase, connect

# Error types ES uses for a JSON syntax error, depending on the endpoint and on
# where the parser stops (Jackson's JsonParseException / JsonEOFException as
# rendered by the x-content layer).
JSON_SYNTAX_ERRORS = {"x_content_parse_exception", "x_content_e_o_f_exception", "parse_exception"}

SENTINEL_DOCS = {
    "s1": b'{"name":"alpha","n":1,"tags":["a","b"]}',
    "s2": b'{"name":"beta",  "n":2, "nested":{"x":1.5}}',
    "s3": '{"name":"gamma \u00fcber \u2603","n":3}'.encode("utf-8"),
}


class BadInputTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.client
        r = c.put("/keep", {"mappings": {"properties": {"name": {"type": "keyword"},
                                                        "n": {"type": "integer"}}}})
        assert r.status == 200, r
        for doc_id, raw in SENTINEL_DOCS.items():
            r = c.put(f"/keep/_doc/{doc_id}", raw)
            assert r.status == 201, r
        c.post("/keep/_refresh")
        r = c.put("/strict", {"settings": {"index.mapping.total_fields.limit": 5,
                                           "index.mapping.depth.limit": 3},
                              "mappings": {"properties": {"n": {"type": "integer"},
                                                          "k": {"type": "keyword"}}}})
        assert r.status == 200, r
        r = c.put("/strict/_doc/1?refresh=true", {"n": 1, "k": "one"})
        assert r.status == 201, r

    def setUp(self):
        self.keep_before = self.snapshot("keep")
        self.strict_before = self.snapshot("strict")

    def tearDown(self):
        self.assertAlive()
        self.assertEqual(self.snapshot("keep"), self.keep_before)
        for doc_id, raw in SENTINEL_DOCS.items():
            self.assertEqual(self.get_source_bytes("keep", doc_id), (200, raw))

    def assertStrictUnchanged(self):
        self.assertEqual(self.snapshot("strict"), self.strict_before)

    def assertParseError(self, r):
        self.assertEqual(r.status, 400, r)
        err = r.json()["error"]
        self.assertIn(err["type"], JSON_SYNTAX_ERRORS, r)
        return err

    # -- malformed JSON ---------------------------------------------------------

    def test_malformed_json_create_index(self):
        for body in ['{"settings": }', '{"settings": {"number_of_shards": 1}', "{'a': 1}",
                     '{"mappings": {"properties": {"a": {"type": "keyword"}}}} trailing']:
            r = self.client.put("/mal", body)
            self.assertEqual(r.status, 400, (body, r))
            self.assertIn(r.json()["error"]["type"], JSON_SYNTAX_ERRORS, (body, r))
            self.assertStatus(self.client.head("/mal"), 404)
        r = self.client.put("/mal", '{"settings": }')
        self.assertEsError(r, 400, "x_content_parse_exception")
        # A non-object body.
        r = self.client.put("/mal", "[1, 2]")
        self.assertEqual(r.status, 400, r)
        self.assertStatus(self.client.head("/mal"), 404)

    def test_malformed_json_index_doc(self):
        for body in ['{"n": 5,', '{"n": }', '{"n": 5}{', "nope", '{"n": 5} trailing',
                     '{"k": "unterminated}']:
            r = self.client.put("/strict/_doc/mal", body)
            self.assertEsError(r, 400, "document_parsing_exception")
            self.assertStatus(self.client.get("/strict/_doc/mal"), 404)
        # Overwriting an existing document with garbage leaves it as it was.
        r = self.client.put("/strict/_doc/1", '{"n": ')
        self.assertEsError(r, 400, "document_parsing_exception")
        self.assertEqual(self.client.get("/strict/_source/1").json(), {"n": 1, "k": "one"})
        r = self.client.put("/strict/_doc/mal", "[1]")
        self.assertEsError(r, 400, "document_parsing_exception")
        self.assertStrictUnchanged()

    def test_malformed_json_bulk_action_line(self):
        good = '{"index":{"_index":"strict","_id":"b1"}}\n{"n":7}\n'
        # A non-object action line: ES's exact message.
        r = self.client.post("/_bulk", good + "[1]\n{}\n", content_type="application/x-ndjson")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           reason_contains="Malformed action/metadata line [3], expected "
                                           "START_OBJECT")
        self.assertIn("but found [START_ARRAY]", r.json()["error"]["reason"])
        r = self.client.post("/_bulk", good + '"str"\n{}\n', content_type="application/x-ndjson")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           reason_contains="Malformed action/metadata line [3], expected "
                                           "START_OBJECT")
        # A truncated action line (the exact type is checked in the expected failure below).
        r = self.client.post("/_bulk", good + '{"index":{"_id":"b2"\n{}\n',
                             content_type="application/x-ndjson")
        self.assertEqual(r.status, 400, r)
        r = self.client.post("/_bulk", good + '{"upsert":{"_index":"strict","_id":"b2"}}\n{}\n',
                             content_type="application/x-ndjson")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           reason_contains="Malformed action/metadata line [3], expected field "
                                           "[create], [delete], [index] or [update] but found "
                                           "[upsert]")
        # Nothing of a rejected bulk is applied, not even the valid first item.
        self.assertStatus(self.client.get("/strict/_doc/b1"), 404)
        self.assertStrictUnchanged()

    # Regression (fixed): a bulk action line that is not valid JSON ("garbage", a truncated object) is
    # reported as illegal_argument_exception "... expected START_OBJECT or END_OBJECT but
    # found [VALUE_STRING]"; ES fails in the JSON parser itself (JsonXContentParser.nextToken
    # wraps Jackson's JsonParseException / JsonEOFException) and answers
    # x_content_parse_exception / x_content_e_o_f_exception. The status (400) is right.
    def test_bulk_unparseable_action_line_is_a_parse_error(self):
        good = '{"index":{"_index":"strict","_id":"b1"}}\n{"n":7}\n'
        for bad in ["garbage", '{"index":{"_id":"b2"']:
            r = self.client.post("/_bulk", good + bad + "\n{}\n",
                                 content_type="application/x-ndjson")
            self.assertParseError(r)

    def test_bulk_unparseable_action_line_rejects_whole_request(self):
        good = '{"index":{"_index":"strict","_id":"b1"}}\n{"n":7}\n'
        r = self.client.post("/_bulk", good + "garbage\n{}\n", content_type="application/x-ndjson")
        self.assertEqual(r.status, 400, r)
        self.assertIn("error", r.json())
        self.assertStatus(self.client.get("/strict/_doc/b1"), 404)
        self.assertStrictUnchanged()

    def test_bulk_malformed_source_fails_only_its_item(self):
        # ES parses a source line only when it indexes that item.
        body = ('{"index":{"_index":"strict","_id":"b1"}}\n{"n":7}\n'
                '{"index":{"_index":"strict","_id":"b2"}}\n{"n":\n'
                '{"index":{"_index":"strict","_id":"b3"}}\n{"n":9}\n')
        r = self.client.post("/_bulk?refresh=true", body, content_type="application/x-ndjson")
        self.assertStatus(r, 200)
        out = r.json()
        self.assertTrue(out["errors"])
        self.assertEqual([it["index"]["status"] for it in out["items"]], [201, 400, 201])
        self.assertEqual(out["items"][1]["index"]["error"]["type"], "document_parsing_exception")
        self.assertEqual(self.client.get("/strict/_source/b1").json(), {"n": 7})
        self.assertEqual(self.client.get("/strict/_source/b3").json(), {"n": 9})
        self.assertStatus(self.client.get("/strict/_doc/b2"), 404)
        self.cleanup_strict(["b1", "b3"])

    def test_bulk_item_failing_mapping_leaves_others_indexed(self):
        body = ('{"index":{"_index":"strict","_id":"m1"}}\n{"n":1,"k":"a"}\n'
                '{"index":{"_index":"strict","_id":"m2"}}\n{"n":"not a number"}\n'
                '{"create":{"_index":"strict","_id":"1"}}\n{"n":5}\n'
                '{"update":{"_index":"strict","_id":"nope"}}\n{"doc":{"n":5}}\n'
                '{"delete":{"_index":"strict","_id":"nope"}}\n'
                '{"index":{"_index":"missing-index-x","_id":"z","require_alias":true}}\n{"n":1}\n'
                '{"index":{"_index":"strict","_id":"m3"}}\n{"n":3}\n')
        r = self.client.post("/_bulk?refresh=true", body, content_type="application/x-ndjson")
        self.assertStatus(r, 200)
        out = r.json()
        self.assertTrue(out["errors"])
        items = [next(iter(it.items())) for it in out["items"]]
        self.assertEqual([(op, it["status"]) for op, it in items],
                         [("index", 201), ("index", 400), ("create", 409), ("update", 404),
                          ("delete", 404), ("index", 404), ("index", 201)])
        self.assertEqual(items[1][1]["error"]["type"], "document_parsing_exception")
        self.assertEqual(items[2][1]["error"]["type"], "version_conflict_engine_exception")
        self.assertEqual(items[3][1]["error"]["type"], "document_missing_exception")
        self.assertEqual(items[4][1]["result"], "not_found")
        self.assertEqual(items[5][1]["error"]["type"], "index_not_found_exception")
        self.assertEqual(self.client.get("/strict/_source/m1").json(), {"n": 1, "k": "a"})
        self.assertEqual(self.client.get("/strict/_source/m3").json(), {"n": 3})
        self.assertStatus(self.client.get("/strict/_doc/m2"), 404)
        self.assertEqual(self.client.get("/strict/_source/1").json(), {"n": 1, "k": "one"})
        self.assertStatus(self.client.head("/missing-index-x"), 404)
        self.cleanup_strict(["m1", "m3"])

    def test_bulk_framing_errors(self):
        r = self.client.post("/_bulk", '{"index":{"_index":"strict","_id":"f1"}}\n{"n":1}',
                             content_type="application/x-ndjson")
        self.assertEsError(r, 400, "illegal_argument_exception",
                           "The bulk request must be terminated by a newline [\\n]")
        r = self.client.post("/_bulk", "\n", content_type="application/x-ndjson")
        self.assertEsError(r, 400, "action_request_validation_exception",
                           "Validation Failed: 1: no requests added;")
        r = self.client.post("/_bulk", '{"index":{"_index":"strict","_id":"f1"}}\n',
                             content_type="application/x-ndjson")
        self.assertEqual(r.status, 400, r)
        self.assertStatus(self.client.get("/strict/_doc/f1"), 404)
        self.assertStrictUnchanged()

    def test_malformed_json_mget(self):
        for body in ['{"docs": [{"_index": "keep", "_id": "s1"}', '{"docs": ]}',
                     '{"ids": ["s1",]}']:
            r = self.client.post("/_mget", body)
            self.assertParseError(r)
        r = self.client.post("/keep/_mget", '{"ids": ["s1",]}')
        self.assertParseError(r)
        r = self.client.post("/keep/_mget", '{"ids": "s1"}')
        self.assertEqual(r.status, 400, r)
        r = self.client.post("/_mget", '{}')
        self.assertEsError(r, 400, "action_request_validation_exception",
                           "Validation Failed: 1: no documents to get;")
        # Still answers a well-formed one.
        r = self.client.post("/keep/_mget", {"ids": ["s1", "zz"]})
        self.assertStatus(r, 200)
        self.assertEqual([d["found"] for d in r.json()["docs"]], [True, False])

    def test_malformed_json_update(self):
        for body in ['{"doc": {"n": ', '{"doc": }', "[]", '{"doc": {"n": 2}} x']:
            r = self.client.post("/strict/_update/1", body)
            self.assertEqual(r.status, 400, (body, r))
        r = self.client.post("/strict/_update/1", '{"doc": }')
        self.assertEsError(r, 400, "x_content_parse_exception")
        # A partial doc that fails mapping does not change the stored document.
        r = self.client.post("/strict/_update/1", {"doc": {"n": "abc"}})
        self.assertEsError(r, 400, "document_parsing_exception",
                           reason_contains="failed to parse field [n] of type [integer]")
        r = self.client.post("/strict/_update/1", {"unknown_key": {"n": 2}})
        self.assertEsError(r, 400, "x_content_parse_exception",
                           reason_contains="[UpdateRequest] unknown field [unknown_key]")
        self.assertEqual(self.client.get("/strict/_source/1").json(), {"n": 1, "k": "one"})
        self.assertEqual(self.client.get("/strict/_doc/1").json()["_version"], 1)
        self.assertStrictUnchanged()

    def test_duplicate_keys_in_a_document(self):
        for raw in ['{"n":1,"n":2}', '{"k":"a","o":{"x":1,"x":2}}']:
            r = self.client.put("/strict/_doc/dup", raw)
            self.assertEsError(r, 400, "document_parsing_exception",
                               reason_contains="Duplicate field '")
        self.assertStatus(self.client.get("/strict/_doc/dup"), 404)
        self.assertStrictUnchanged()

    # Regression (fixed): duplicate keys in request bodies other than documents are accepted (the
    # last one wins). ES parses every body with Jackson's STRICT_DUPLICATE_DETECTION
    # and answers 400 x_content_parse_exception "Duplicate field '...'". Seen on:
    # create index (index created with the second settings), _update (second doc
    # applied), a bulk action line (the second _id is indexed), _mapping, _mget,
    # _search.
    def test_duplicate_keys_in_request_bodies_are_rejected(self):
        self.create_index("dups", {"mappings": {"properties": {"n": {"type": "integer"}}}})
        self.addCleanup(self.client.delete, "/dups")
        self.addCleanup(self.client.delete, "/dupidx")
        self.index_doc("dups", "1", {"n": 1})
        cases = [
            ("PUT", "/dupidx", '{"settings":{"number_of_shards":1},'
                               '"settings":{"number_of_shards":2}}', "settings"),
            ("POST", "/dups/_update/1", '{"doc":{"n":2},"doc":{"n":3}}', "doc"),
            ("PUT", "/dups/_mapping", '{"properties":{"a":{"type":"integer"}},'
                                      '"properties":{"b":{"type":"keyword"}}}', "properties"),
            ("POST", "/_mget", '{"docs":[{"_index":"dups","_id":"1"}],"docs":[]}', "docs"),
            ("POST", "/dups/_search", '{"size":1,"size":2}', "size"),
        ]
        failures = []
        for method, path, body, field in cases:
            r = self.client.request(method, path, body)
            err = r.json().get("error") if r.status == 400 else None
            if not isinstance(err, dict) or err.get("type") != "x_content_parse_exception" or \
                    f"Duplicate field '{field}'" not in err.get("reason", ""):
                failures.append((method, path, r.status, r.body[:120]))
        r = self.client.post("/_bulk", '{"index":{"_index":"dups","_id":"d1","_id":"d2"}}\n'
                                       '{"n":1}\n', content_type="application/x-ndjson")
        if r.status != 400:
            failures.append(("POST", "/_bulk", r.status, r.body[:120]))
        self.assertEqual(failures, [])

    # -- mapping-level rejections -----------------------------------------------

    def test_wrong_field_type(self):
        before = self.count("strict")
        r = self.client.put("/strict/_doc/wt", {"n": "abc"})
        self.assertEsError(r, 400, "document_parsing_exception",
                           "[1:7] failed to parse field [n] of type [integer] in document with id "
                           "'wt'. Preview of field's value: 'abc'")
        r = self.client.put("/strict/_doc/1", {"n": {"obj": 1}})
        self.assertEsError(r, 400, "document_parsing_exception",
                           reason_contains="failed to parse field [n] of type [integer]")
        self.assertEqual(self.count("strict"), before)
        self.assertStatus(self.client.get("/strict/_doc/wt"), 404)
        self.assertEqual(self.client.get("/strict/_source/1").json(), {"n": 1, "k": "one"})
        self.assertStrictUnchanged()

    def test_mapping_explosion_total_fields_limit(self):
        mapping_before = self.client.get("/strict/_mapping").json()
        doc = {f"f{i}": i for i in range(10)}
        r = self.client.put("/strict/_doc/boom", doc)
        self.assertEsError(r, 400, "document_parsing_exception",
                           reason_contains="Limit of total fields [5] has been exceeded")
        self.assertEqual(self.client.get("/strict/_mapping").json(), mapping_before)
        self.assertStatus(self.client.get("/strict/_doc/boom"), 404)
        # The same through bulk: the item fails, the mapping stays as it was.
        r = self.client.bulk([{"index": {"_index": "strict", "_id": "boom"}}, doc])
        self.assertStatus(r, 200)
        item = r.json()["items"][0]["index"]
        self.assertEqual(item["status"], 400)
        self.assertIn("Limit of total fields [5] has been exceeded", json.dumps(item["error"]))
        self.assertEqual(self.client.get("/strict/_mapping").json(), mapping_before)
        # Explicit mapping updates past the limit are refused the same way.
        r = self.client.put("/strict/_mapping",
                            {"properties": {f"p{i}": {"type": "keyword"} for i in range(6)}})
        self.assertEsError(r, 400, "illegal_argument_exception",
                           reason_contains="Limit of total fields [5] has been exceeded")
        self.assertEqual(self.client.get("/strict/_mapping").json(), mapping_before)
        self.assertStrictUnchanged()

    def test_mapping_depth_limit(self):
        self.create_index("depth3", {"settings": {"index.mapping.depth.limit": 3}})
        self.addCleanup(self.client.delete, "/depth3")
        r = self.client.put("/depth3/_doc/ok?refresh=true", {"a": {"b": {"c": {"leaf": 1}}}})
        self.assertStatus(r, 201)
        mapping_before = self.client.get("/depth3/_mapping").json()
        r = self.client.put("/depth3/_doc/deep", {"x": {"b": {"c": {"d": {"e": 1}}}}})
        self.assertEsError(r, 400, "document_parsing_exception",
                           reason_contains="Limit of mapping depth [3] has been exceeded due to "
                                           "object field [x.b.c.d]")
        r = self.client.put("/depth3/_doc/deep", {"a": {"b": {"c": {"d": {"e": 1}}}}})
        self.assertEsError(r, 400, "document_parsing_exception",
                           reason_contains="Limit of mapping depth [3] has been exceeded due to "
                                           "object field [a.b.c.d]")
        self.assertEqual(self.client.get("/depth3/_mapping").json(), mapping_before)
        self.assertStatus(self.client.get("/depth3/_doc/deep"), 404)
        self.assertEqual(self.count("depth3"), 1)

    def test_id_longer_than_512_bytes(self):
        for doc_id in ["a" * 513, "\u20ac" * 171]:  # 513 bytes; 171 x 3-byte UTF-8 = 513
            quoted = urllib.parse.quote(doc_id, safe="")
            r = self.client.put(f"/strict/_doc/{quoted}", {"n": 1})
            err = self.assertEsError(r, 400, "action_request_validation_exception")
            self.assertTrue(err["reason"].startswith("Validation Failed: 1: id ["), err)
            self.assertTrue(err["reason"].endswith(
                "] is too long, must be no longer than 512 bytes but was: 513;"), err)
            r = self.client.bulk([{"index": {"_index": "strict", "_id": doc_id}}, {"n": 1}])
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["items"][0]["index"]["status"], 400)
        ok_id = "b" * 512
        r = self.client.put(f"/strict/_doc/{ok_id}?refresh=true", {"n": 2})
        self.assertStatus(r, 201)
        self.assertEqual(self.client.get(f"/strict/_doc/{ok_id}").json()["_id"], ok_id)
        self.cleanup_strict([ok_id])

    def test_invalid_index_names(self):
        cases = {
            "Upper": "Invalid index name [Upper], must be lowercase",
            "_x": "Invalid index name [_x], must not start with '_', '-', or '+'",
            "-x": "Invalid index name [-x], must not start with '_', '-', or '+'",
            "a/b": None,
            "a*b": None,
            "a\"b": None,
            "..": "Invalid index name [..], must not be '.' or '..'",
            ".": "Invalid index name [.], must not be '.' or '..'",
            "a" * 256: "Invalid index name [" + "a" * 256 + "], index name is too long, "
                       "(256 > 255)",
            "\u00e9" * 128: None,  # 128 chars, 256 bytes
        }
        indices_before = self.client.get("/_cat/indices?h=index&format=json").json()
        for name, reason in cases.items():
            path = "/" + urllib.parse.quote(name, safe="")
            r = self.client.put(path, {})
            err = self.assertEsError(r, 400, "invalid_index_name_exception", reason)
            self.assertEqual(err.get("index"), name, err)
            if name in ("a/b", "a*b", "a\"b"):
                self.assertIn("must not contain the following characters", err["reason"])
            if name.startswith("\u00e9"):
                self.assertIn("index name is too long, (256 > 255)", err["reason"])
        # Indexing into an invalid name (auto-create) is refused the same way.
        r = self.client.put("/Upper/_doc/1", {"n": 1})
        self.assertEsError(r, 400, "invalid_index_name_exception",
                           "Invalid index name [Upper], must be lowercase")
        self.assertEqual(self.client.get("/_cat/indices?h=index&format=json").json(),
                         indices_before)

    def test_raw_dot_dot_path(self):
        # http.client does not normalise "..": the server sees it as an index name.
        r = self.client.put("/..", {})
        self.assertEsError(r, 400, "invalid_index_name_exception",
                           "Invalid index name [..], must not be '.' or '..'")

    def test_invalid_utf8_document(self):
        for raw in [b'{"k":"\xff\xfe"}', b'{"k":"ab\xc3"}', b'{"\xed\xa0\x80":1}',
                    b'{"k":"\xc0\xaf"}']:
            r = self.client.put("/strict/_doc/utf", raw)
            self.assertEsError(r, 400, "document_parsing_exception")
            self.assertStatus(self.client.get("/strict/_doc/utf"), 404)
        r = self.client.bulk([{"index": {"_index": "strict", "_id": "utf"}}])
        self.assertStatus(r, 400)
        body = (b'{"index":{"_index":"strict","_id":"utf"}}\n{"k":"\xff"}\n'
                b'{"index":{"_index":"strict","_id":"utf2"}}\n{"k":"ok"}\n')
        r = self.client.post("/_bulk?refresh=true", body, content_type="application/x-ndjson")
        self.assertStatus(r, 200)
        self.assertEqual([it["index"]["status"] for it in r.json()["items"]], [400, 201])
        self.assertStatus(self.client.get("/strict/_doc/utf"), 404)
        self.cleanup_strict(["utf2"])

    def test_deeply_nested_json(self):
        deep_array = "[" * 100_000
        deep_object = '{"a":' * 100_000
        deep_value = '{"a":' + "[" * 100_000
        requests = [
            ("PUT", "/strict/_doc/deep", deep_array),
            ("PUT", "/strict/_doc/deep", deep_object),
            ("PUT", "/strict/_doc/deep", deep_value),
            ("PUT", "/strict/_doc/deep", '{"a":' + "[" * 100_000 + "]" * 100_000 + "}"),
            ("PUT", "/deepidx", deep_value),
            ("POST", "/strict/_update/1", '{"doc":' + deep_value[5:]),
            ("POST", "/_mget", deep_value),
            ("POST", "/strict/_search", deep_value),
            ("PUT", "/strict/_mapping", '{"properties":' + deep_object),
        ]
        for method, path, body in requests:
            r = self.client.request(method, path, body)
            self.assertEqual(r.status, 400, (method, path, r))
            self.assertIn("error", r.json())
        r = self.client.post("/_bulk",
                             '{"index":{"_index":"strict","_id":"deep"}}\n' + deep_value + "\n",
                             content_type="application/x-ndjson")
        # Either the whole request or the one item is refused, never indexed.
        self.assertIn(r.status, (200, 400), r)
        if r.status == 200:
            self.assertEqual(r.json()["items"][0]["index"]["status"], 400)
        r = self.client.post("/_bulk", deep_array + "\n{}\n", content_type="application/x-ndjson")
        self.assertStatus(r, 400)
        self.assertStatus(self.client.get("/strict/_doc/deep"), 404)
        self.assertStatus(self.client.head("/deepidx"), 404)
        self.assertEqual(self.client.get("/strict/_source/1").json(), {"n": 1, "k": "one"})
        self.assertStrictUnchanged()

    def test_moderately_nested_document_is_accepted(self):
        # 20 levels of objects in a fresh index with default limits: ES indexes it.
        doc = {"v": 1}
        for i in range(19):
            doc = {f"l{i}": doc}
        r = self.client.put("/nest/_doc/1?refresh=true", doc)
        self.assertStatus(r, 201)
        self.assertEqual(self.client.get("/nest/_source/1").json(), doc)
        self.assertStatus(self.client.delete("/nest"), 200)

    # -- broken connections -------------------------------------------------------

    def test_truncated_body_then_close(self):
        body = json.dumps({"n": 42, "k": "trunc"}).encode()
        for sent in (0, 1, len(body) // 2, len(body) - 1):
            s = connect(self.port)
            try:
                s.sendall(b"PUT /strict/_doc/trunc HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/json\r\n"
                          + f"Content-Length: {len(body) + 100}\r\n\r\n".encode() + body[:sent])
            finally:
                s.close()
        # Same with a chunked body cut in the middle of a chunk.
        s = connect(self.port)
        try:
            s.sendall(b"PUT /strict/_doc/trunc HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                      b"ff\r\n" + body[:10])
        finally:
            s.close()
        # And a header cut in half.
        s = connect(self.port)
        try:
            s.sendall(b"PUT /strict/_doc/trunc HTTP/1.1\r\nHost: x\r\nContent-Ty")
        finally:
            s.close()
        time.sleep(0.2)
        self.assertAlive()
        self.assertStatus(self.client.get("/strict/_doc/trunc"), 404)
        self.assertStrictUnchanged()

    def test_half_sent_body_does_not_block_other_clients(self):
        s = connect(self.port)
        try:
            s.sendall(b"PUT /strict/_doc/stall HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"n\":")
            for i in range(3):
                with Client(self.port) as c:
                    self.assertStatus(c.get("/strict/_doc/1"), 200)
            # The client sends a shorter body than announced and half-closes.
            s.shutdown(socket.SHUT_WR)
            reader = RawReader(s)
            self.assertTrue(reader.at_eof(timeout_s=10))
        finally:
            s.close()
        self.assertStatus(self.client.get("/strict/_doc/stall"), 404)

    def test_garbage_bytes_on_the_wire(self):
        for junk in [b"\x00\x01\x02\x03" * 100, b"GET / HTTP/9.9\r\n\r\n",
                     b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n\r\n",
                     b"PUT /strict/_doc/x HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                     b"PUT /strict/_doc/x HTTP/1.1\r\nContent-Length: 5\r\n"
                     b"Content-Length: 7\r\n\r\n",
                     b"PUT /strict/_doc/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]:
            s = connect(self.port)
            try:
                s.sendall(junk)
                try:
                    r = RawReader(s).read_response()
                    self.assertGreaterEqual(r.status, 400, junk[:40])
                except (EOFError, ConnectionResetError):
                    pass  # closing the connection is an acceptable answer to junk
            finally:
                s.close()
        self.assertStatus(self.client.get("/strict/_doc/x"), 404)
        self.assertStrictUnchanged()

    def test_many_connections_opened_and_dropped(self):
        socks = []
        try:
            for i in range(200):
                socks.append(connect(self.port))
            self.assertStatus(self.client.get("/strict/_doc/1"), 200)
        finally:
            for s in socks:
                s.close()
        self.assertAlive()

    # -- helpers ----------------------------------------------------------------

    def cleanup_strict(self, ids):
        for doc_id in ids:
            self.assertStatus(self.client.delete(f"/strict/_doc/{doc_id}?refresh=true"), 200)
        self.client.post("/strict/_refresh")


if __name__ == "__main__":
    unittest.main()
