"""Debian's python3-elasticsearch (the official 7.17 client) against a Quiver
server at env QUIVER_URL: the everyday flow of an application, asserting the
values that come back, and the client's exception classes for ES errors.

Run: python3 tests/lib/with_server.py build/quiver -- \
         /usr/bin/python3 -m unittest -v tests/clients/python/test_python_client.py"""

import os
import random
import unittest
import warnings

import elasticsearch
from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import ConflictError, NotFoundError, RequestError

URL = os.environ.get("QUIVER_URL", "http://127.0.0.1:9200")
INDEX = "py-client-docs"
SCRATCH = "py-client-scratch"
NUM_DOCS = 10_000
SEED = 20240917

CATEGORIES = ["books", "music", "garden", "toys", "tools", "food"]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "\u00fcber", "caf\u00e9",
         "\u6771\u4eac", "\u2603"]


def make_docs(n=NUM_DOCS, seed=SEED):
    rng = random.Random(seed)
    docs = {}
    for i in range(n):
        docs[f"doc-{i}"] = {
            "num": i,
            "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
            "category": rng.choice(CATEGORIES),
            "price": round(rng.uniform(0.5, 500.0), 2),
            "in_stock": rng.random() < 0.7,
            "tags": rng.sample(WORDS, rng.randint(0, 3)),
            "created": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "dims": {"w": rng.randint(1, 100), "h": rng.randint(1, 100)},
        }
    return docs


DOCS = make_docs()

SETTINGS = {"number_of_shards": 2, "number_of_replicas": 0, "refresh_interval": "1s"}
MAPPINGS = {
    "properties": {
        "num": {"type": "integer"},
        "title": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
        "category": {"type": "keyword"},
        "price": {"type": "float"},
        "in_stock": {"type": "boolean"},
        "tags": {"type": "keyword"},
        "created": {"type": "date"},
        "dims": {"properties": {"w": {"type": "integer"}, "h": {"type": "integer"}}},
    }
}


class PythonClientTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        # The 7.17 client deprecates body=...; it is still what most applications send.
        # (Set here: unittest's runner resets warning filters before running tests.)
        warnings.filterwarnings("ignore", category=DeprecationWarning,
                                message=".*'body' parameter.*")
        cls.es = Elasticsearch([URL], request_timeout=60)
        for name in (INDEX, SCRATCH):
            cls.es.indices.delete(index=name, ignore=[404])
        cls.create_resp = cls.es.indices.create(
            index=INDEX, body={"settings": SETTINGS, "mappings": MAPPINGS})
        actions = ({"_index": INDEX, "_id": doc_id, "_source": src} for doc_id, src in DOCS.items())
        cls.bulk_result = helpers.bulk(cls.es, actions, chunk_size=750)
        cls.refresh_resp = cls.es.indices.refresh(index=INDEX)

    @classmethod
    def tearDownClass(cls):
        cls.es.indices.delete(index=SCRATCH, ignore=[404])
        cls.es.indices.delete(index=INDEX, ignore=[404])
        cls.es.close()

    # -- cluster and index ---------------------------------------------------------

    def test_client_version(self):
        self.assertEqual(elasticsearch.__version__[:2], (7, 17))

    def test_info_and_ping(self):
        info = self.es.info()
        self.assertEqual(info["version"]["number"], "8.19.0")
        self.assertEqual(info["tagline"], "You Know, for Search")
        self.assertTrue(info["cluster_name"])
        self.assertTrue(self.es.ping())
        health = self.es.cluster.health()
        self.assertIn(health["status"], ("green", "yellow"))

    def test_create_index_response_settings_and_mapping(self):
        self.assertEqual(self.create_resp, {"acknowledged": True, "shards_acknowledged": True,
                                            "index": INDEX})
        self.assertTrue(self.es.indices.exists(index=INDEX))
        self.assertFalse(self.es.indices.exists(index="py-client-nope"))
        mapping = self.es.indices.get_mapping(index=INDEX)
        self.assertEqual(mapping[INDEX]["mappings"], MAPPINGS)
        settings = self.es.indices.get_settings(index=INDEX)[INDEX]["settings"]["index"]
        self.assertEqual(settings["number_of_shards"], "2")
        self.assertEqual(settings["number_of_replicas"], "0")
        self.assertEqual(settings["refresh_interval"], "1s")
        self.assertEqual(settings["provided_name"], INDEX)
        got = self.es.indices.get(index=INDEX)[INDEX]
        self.assertEqual(got["mappings"], MAPPINGS)
        self.assertEqual(got["aliases"], {})

    def test_bulk_result_and_count(self):
        self.assertEqual(self.bulk_result, (NUM_DOCS, []))
        self.assertEqual(self.refresh_resp["_shards"]["failed"], 0)
        self.assertEqual(self.es.count(index=INDEX)["count"], NUM_DOCS)
        self.assertEqual(self.es.count(index=INDEX, body={"query": {"match_all": {}}})["count"],
                         NUM_DOCS)
        cat = self.es.cat.count(index=INDEX, format="json")
        self.assertEqual(cat[0]["count"], str(NUM_DOCS))

    # -- reads ---------------------------------------------------------------------

    def test_get(self):
        rng = random.Random(1)
        for doc_id in rng.sample(sorted(DOCS), 50) + ["doc-0", f"doc-{NUM_DOCS - 1}"]:
            r = self.es.get(index=INDEX, id=doc_id)
            self.assertTrue(r["found"])
            self.assertEqual(r["_index"], INDEX)
            self.assertEqual(r["_id"], doc_id)
            self.assertEqual(r["_version"], 1)
            self.assertEqual(r["_source"], DOCS[doc_id])
        src = self.es.get_source(index=INDEX, id="doc-42")
        self.assertEqual(src, DOCS["doc-42"])
        r = self.es.get(index=INDEX, id="doc-42", _source_includes=["num", "dims.w"])
        self.assertEqual(r["_source"], {"num": 42, "dims": {"w": DOCS["doc-42"]["dims"]["w"]}})
        r = self.es.get(index=INDEX, id="doc-42", _source=False)
        self.assertNotIn("_source", r)

    def test_mget_docs_form(self):
        ids = ["doc-1", "doc-9999", "missing-1", "doc-500"]
        r = self.es.mget(body={"docs": [{"_index": INDEX, "_id": i} for i in ids]
                               + [{"_index": "py-client-nope", "_id": "x"}]})
        docs = r["docs"]
        self.assertEqual(len(docs), 5)
        self.assertEqual([d["_id"] for d in docs], ids + ["x"])
        self.assertEqual([d.get("found") for d in docs[:4]], [True, True, False, True])
        self.assertEqual(docs[0]["_source"], DOCS["doc-1"])
        self.assertEqual(docs[1]["_source"], DOCS["doc-9999"])
        self.assertEqual(docs[3]["_source"], DOCS["doc-500"])
        self.assertEqual(docs[4]["error"]["type"], "index_not_found_exception")

    def test_mget_ids_form(self):
        ids = [f"doc-{i}" for i in range(100, 200, 7)] + ["nope"]
        r = self.es.mget(index=INDEX, body={"ids": ids}, _source_excludes=["title", "tags"])
        self.assertEqual([d["_id"] for d in r["docs"]], ids)
        for d in r["docs"][:-1]:
            self.assertTrue(d["found"])
            expected = {k: v for k, v in DOCS[d["_id"]].items() if k not in ("title", "tags")}
            self.assertEqual(d["_source"], expected)
        self.assertFalse(r["docs"][-1]["found"])

    def test_search_match_all(self):
        r = self.es.search(index=INDEX, body={"query": {"match_all": {}}, "track_total_hits": True})
        self.assertEqual(r["hits"]["total"], {"value": NUM_DOCS, "relation": "eq"})
        self.assertEqual(len(r["hits"]["hits"]), 10)
        for h in r["hits"]["hits"]:
            self.assertEqual(h["_index"], INDEX)
            self.assertEqual(h["_score"], 1.0)
            self.assertEqual(h["_source"], DOCS[h["_id"]])
        self.assertFalse(r["timed_out"])
        self.assertEqual(r["_shards"]["failed"], 0)
        # Default track_total_hits: a lower bound of 10000.
        r = self.es.search(index=INDEX, body={"size": 0})
        self.assertEqual(r["hits"]["total"]["value"], 10000)
        self.assertIn(r["hits"]["total"]["relation"], ("eq", "gte"))

    def test_search_from_size_pages(self):
        seen = []
        for page in range(5):
            r = self.es.search(index=INDEX, body={"sort": ["_doc"], "from": page * 200,
                                                  "size": 200})
            hits = r["hits"]["hits"]
            self.assertEqual(len(hits), 200)
            seen += [h["_id"] for h in hits]
            for h in hits:
                self.assertEqual(h["_source"], DOCS[h["_id"]])
        self.assertEqual(len(set(seen)), 1000, "pages must not overlap")
        r = self.es.search(index=INDEX, body={"sort": ["_doc"], "from": NUM_DOCS - 3, "size": 3})
        self.assertEqual(len(r["hits"]["hits"]), 3)
        with self.assertRaises(RequestError) as cm:
            self.es.search(index=INDEX, body={"from": NUM_DOCS - 3, "size": 10})
        self.assertIn("Result window is too large, from + size must be less than or equal to: "
                      "[10000] but was [10007]", cm.exception.info["error"]["reason"])
        r = self.es.search(index=INDEX, size=5, from_=0, sort="_doc")
        self.assertEqual(len(r["hits"]["hits"]), 5)

    def test_search_ids_and_source_filtering(self):
        ids = ["doc-3", "doc-33", "doc-333", "doc-3333", "nope"]
        r = self.es.search(index=INDEX, body={"query": {"ids": {"values": ids}},
                                              "_source": ["num", "category"]})
        self.assertEqual(r["hits"]["total"]["value"], 4)
        got = {h["_id"]: h["_source"] for h in r["hits"]["hits"]}
        self.assertEqual(got, {i: {"num": DOCS[i]["num"], "category": DOCS[i]["category"]}
                               for i in ids[:4]})
        r = self.es.search(index=INDEX, body={"query": {"term": {"_id": "doc-77"}},
                                              "_source": {"excludes": ["dims", "t*"]}})
        self.assertEqual([h["_id"] for h in r["hits"]["hits"]], ["doc-77"])
        expected = {k: v for k, v in DOCS["doc-77"].items() if k not in ("dims", "title", "tags")}
        self.assertEqual(r["hits"]["hits"][0]["_source"], expected)
        r = self.es.search(index=INDEX, body={"query": {"ids": {"values": ["doc-5"]}},
                                              "_source": False})
        self.assertNotIn("_source", r["hits"]["hits"][0])

    # -- writes (on a scratch index, so the reads above stay exact) ----------------

    def scratch(self):
        self.es.indices.delete(index=SCRATCH, ignore=[404])
        self.es.indices.create(index=SCRATCH, body={"mappings": {"properties": {
            "n": {"type": "integer"}, "s": {"type": "keyword"}}}})
        self.addCleanup(self.es.indices.delete, index=SCRATCH, ignore=[404])

    def test_index_update_delete_exists(self):
        self.scratch()
        r = self.es.index(index=SCRATCH, id="a", body={"n": 1, "s": "one"})
        self.assertEqual((r["result"], r["_version"], r["_seq_no"]), ("created", 1, 0))
        r = self.es.index(index=SCRATCH, id="a", body={"n": 2, "s": "two"})
        self.assertEqual((r["result"], r["_version"], r["_seq_no"]), ("updated", 2, 1))
        r = self.es.update(index=SCRATCH, id="a", body={"doc": {"s": "patched", "x": [1, 2]}})
        self.assertEqual((r["result"], r["_version"]), ("updated", 3))
        self.assertEqual(self.es.get_source(index=SCRATCH, id="a"),
                         {"n": 2, "s": "patched", "x": [1, 2]})
        r = self.es.update(index=SCRATCH, id="a", body={"doc": {"s": "patched"}})
        self.assertEqual((r["result"], r["_version"]), ("noop", 3))
        r = self.es.update(index=SCRATCH, id="b", body={"doc": {"n": 5}, "doc_as_upsert": True})
        self.assertEqual((r["result"], r["_version"]), ("created", 1))
        r = self.es.update(index=SCRATCH, id="c", body={"doc": {"n": 6}, "upsert": {"n": 0}})
        self.assertEqual(r["result"], "created")
        self.assertEqual(self.es.get_source(index=SCRATCH, id="c"), {"n": 0})
        r = self.es.update(index=SCRATCH, id="c", body={"doc": {"n": 6}, "upsert": {"n": 0}})
        self.assertEqual(self.es.get_source(index=SCRATCH, id="c"), {"n": 6})
        r = self.es.create(index=SCRATCH, id="d", body={"n": 7}, refresh=True)
        self.assertEqual(r["result"], "created")
        self.assertTrue(self.es.exists(index=SCRATCH, id="a"))
        self.assertEqual(self.es.count(index=SCRATCH)["count"], 4)

        r = self.es.delete(index=SCRATCH, id="a", refresh=True)
        self.assertEqual((r["result"], r["_version"]), ("deleted", 4))
        self.assertFalse(self.es.exists(index=SCRATCH, id="a"))
        self.assertEqual(self.es.count(index=SCRATCH)["count"], 3)
        r = self.es.get(index=SCRATCH, id="a", ignore=[404])
        self.assertEqual(r, {"_index": SCRATCH, "_id": "a", "found": False})
        # Optimistic concurrency through the client.
        cur = self.es.get(index=SCRATCH, id="b")
        self.es.index(index=SCRATCH, id="b", body={"n": 9}, if_seq_no=cur["_seq_no"],
                      if_primary_term=cur["_primary_term"])
        with self.assertRaises(ConflictError):
            self.es.index(index=SCRATCH, id="b", body={"n": 10}, if_seq_no=cur["_seq_no"],
                          if_primary_term=cur["_primary_term"])
        self.assertEqual(self.es.get_source(index=SCRATCH, id="b"), {"n": 9})

    def test_bulk_with_item_errors(self):
        self.scratch()
        actions = [{"_index": SCRATCH, "_id": "ok1", "_source": {"n": 1}},
                   {"_index": SCRATCH, "_id": "bad", "_source": {"n": "not-a-number"}},
                   {"_index": SCRATCH, "_id": "ok2", "_source": {"n": 2}},
                   {"_op_type": "delete", "_index": SCRATCH, "_id": "ghost"}]
        ok, errors = helpers.bulk(self.es, actions, raise_on_error=False, refresh=True)
        self.assertEqual(ok, 2)
        self.assertEqual(len(errors), 2)
        by_op = {next(iter(e)): next(iter(e.values())) for e in errors}
        self.assertEqual(by_op["index"]["_id"], "bad")
        self.assertEqual(by_op["index"]["status"], 400)
        self.assertEqual(by_op["index"]["error"]["type"], "document_parsing_exception")
        self.assertEqual(by_op["delete"]["status"], 404)
        self.assertEqual(self.es.count(index=SCRATCH)["count"], 2)
        with self.assertRaises(helpers.BulkIndexError):
            helpers.bulk(self.es, actions[1:2])

    def test_delete_index(self):
        self.scratch()
        self.es.index(index=SCRATCH, id="x", body={"n": 1})
        r = self.es.indices.delete(index=SCRATCH)
        self.assertEqual(r, {"acknowledged": True})
        self.assertFalse(self.es.indices.exists(index=SCRATCH))
        with self.assertRaises(NotFoundError):
            self.es.get(index=SCRATCH, id="x")

    # -- errors as client exceptions -------------------------------------------------

    def test_not_found_errors(self):
        with self.assertRaises(NotFoundError) as cm:
            self.es.get(index=INDEX, id="no-such-doc")
        self.assertEqual(cm.exception.status_code, 404)
        self.assertEqual(cm.exception.info, {"_index": INDEX, "_id": "no-such-doc",
                                             "found": False})
        with self.assertRaises(NotFoundError) as cm:
            self.es.get(index="py-client-no-index", id="1")
        self.assertEqual(cm.exception.error, "index_not_found_exception")
        self.assertEqual(cm.exception.info["error"]["reason"], "no such index [py-client-no-index]")
        with self.assertRaises(NotFoundError) as cm:
            self.es.indices.delete(index="py-client-no-index")
        self.assertEqual(cm.exception.error, "index_not_found_exception")
        with self.assertRaises(NotFoundError):
            self.es.search(index="py-client-no-index", body={})
        with self.assertRaises(NotFoundError) as cm:
            self.es.update(index=INDEX, id="no-such-doc", body={"doc": {"num": 1}})
        self.assertEqual(cm.exception.error, "document_missing_exception")
        with self.assertRaises(NotFoundError):
            self.es.delete(index=INDEX, id="no-such-doc")
        self.assertEqual(self.es.count(index=INDEX)["count"], NUM_DOCS)

    def test_conflict_errors(self):
        with self.assertRaises(ConflictError) as cm:
            self.es.create(index=INDEX, id="doc-7", body={"num": -1})
        self.assertEqual(cm.exception.status_code, 409)
        self.assertEqual(cm.exception.error, "version_conflict_engine_exception")
        self.assertIn("[doc-7]: version conflict, document already exists",
                      cm.exception.info["error"]["reason"])
        self.assertEqual(self.es.get_source(index=INDEX, id="doc-7"), DOCS["doc-7"])

    def test_request_errors(self):
        with self.assertRaises(RequestError) as cm:
            self.es.indices.create(index="py-client-bad-mapping", body={
                "mappings": {"properties": {"f": {"type": "no_such_type"}}}})
        self.assertEqual(cm.exception.status_code, 400)
        self.assertEqual(cm.exception.error, "mapper_parsing_exception")
        self.assertIn("The mapper type [no_such_type] declared on field [f] does not exist",
                      cm.exception.info["error"]["reason"])
        self.assertFalse(self.es.indices.exists(index="py-client-bad-mapping"))
        with self.assertRaises(RequestError) as cm:
            self.es.indices.create(index=INDEX)
        self.assertEqual(cm.exception.error, "resource_already_exists_exception")
        with self.assertRaises(RequestError) as cm:
            self.es.indices.create(index="Py-Upper")
        self.assertEqual(cm.exception.error, "invalid_index_name_exception")
        with self.assertRaises(RequestError) as cm:
            self.es.index(index=INDEX, id="doc-8", body={"num": "eight"})
        self.assertEqual(cm.exception.error, "document_parsing_exception")
        self.assertEqual(self.es.get_source(index=INDEX, id="doc-8"), DOCS["doc-8"])
        with self.assertRaises(RequestError) as cm:
            self.es.indices.put_mapping(index=INDEX, body={"properties": {
                "num": {"type": "keyword"}}})
        self.assertEqual(cm.exception.error, "illegal_argument_exception")
        self.assertEqual(self.es.indices.get_mapping(index=INDEX)[INDEX]["mappings"], MAPPINGS)


if __name__ == "__main__":
    unittest.main()
