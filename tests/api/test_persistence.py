"""What a clean restart (SIGTERM, then start on the same data dir) must keep:
documents (exact source bytes), mappings (including dynamic updates),
settings, aliases, open/closed state, versions, seq_nos and primary terms."""

import shutil
import tempfile
import unittest

from api_support import Client, new_server


class PersistenceTest(unittest.TestCase):

    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="quiver-persist-")
        self.addCleanup(shutil.rmtree, self.data_dir, True)
        self.server = None
        self.client = None
        self.addCleanup(self.stop)

    def start(self):
        self.server = new_server(data_dir=self.data_dir)
        self.server.start()
        self.client = Client(self.server.port)

    def stop(self):
        if self.client:
            self.client.close()
            self.client = None
        if self.server:
            rc = self.server.stop()
            self.server = None
            return rc
        return None

    def restart(self):
        rc = self.stop()
        self.assertEqual(rc, 0, "a SIGTERM shutdown must exit cleanly")
        self.start()

    def ok(self, r, *statuses):
        self.assertIn(r.status, statuses or (200, 201), r)
        return r.json() if r.body else None

    def state(self, ids):
        """Everything observable that must survive a restart."""
        c = self.client
        out = {"mapping": c.get("/books/_mapping").json(),
               "settings": c.get("/books/_settings").json(),
               "aliases": c.get("/_alias").json(),
               "other_settings": c.get("/other/_settings").json(),
               "docs": {}, "sources": {}}
        for doc_id in ids:
            r = c.get(f"/books/_doc/{doc_id}")
            out["docs"][doc_id] = (r.status, r.json())
            out["sources"][doc_id] = c.get(f"/books/_source/{doc_id}").body
        c.post("/books/_refresh")
        out["count"] = c.get("/books/_count").json()["count"]
        hits = c.post("/books/_search", {"size": 500, "sort": ["_doc"],
                                         "seq_no_primary_term": True,
                                         "version": True}).json()["hits"]
        # _doc sort values are internal doc ids, which recovery may renumber.
        for h in hits["hits"]:
            h.pop("sort", None)
        hits["hits"].sort(key=lambda h: h["_id"])
        out["search"] = hits
        return out

    def test_clean_restart_keeps_everything(self):
        self.start()
        c = self.client
        self.ok(c.put("/books", {
            "settings": {"number_of_shards": 2, "number_of_replicas": 0,
                         "refresh_interval": "30s", "index.max_result_window": 500,
                         "index.mapping.total_fields.limit": 200},
            "mappings": {"dynamic": "true",
                         "properties": {"title": {"type": "text",
                                                  "fields": {"raw": {"type": "keyword"}}},
                                        "year": {"type": "integer"},
                                        "price": {"type": "scaled_float", "scaling_factor": 100},
                                        "published": {"type": "date"}}},
            "aliases": {"library": {}, "recent": {"is_write_index": True}}}))
        self.ok(c.put("/other", {"settings": {"number_of_shards": 1}}))
        self.ok(c.post("/_aliases", {"actions": [
            {"add": {"index": "other", "alias": "library"}},
            {"add": {"index": "books", "alias": "b-routed", "routing": "1"}}]}))
        raw = {
            "1": b'{"title":"Dune","year":1965,"price":9.99,"published":"1965-08-01"}',
            "2": '{"title":"S\u00f8ren \u2603","year":1843, "extra":{"nested":[1,2,3]}}'.encode(),
            "3": b'{ "title" : "spaced out" ,\n "year" : 2000 }',
            "4": b'{"title":"to delete"}',
        }
        for doc_id, body in raw.items():
            self.ok(c.put(f"/books/_doc/{doc_id}", body))
        # Versions move: doc 1 updated twice, doc 4 deleted, doc 5 created via _create,
        # doc 6 via bulk, doc 7 via upsert; a document only in the indexing buffer
        # (never refreshed) and a dynamic mapping update must survive too.
        self.ok(c.post("/books/_update/1", {"doc": {"year": 1966}}))
        self.ok(c.post("/books/_update/1", {"doc": {"subtitle": "new field"}}))
        self.ok(c.delete("/books/_doc/4"))
        self.ok(c.put("/books/_create/5", {"title": "created"}))
        self.ok(c.bulk([{"index": {"_index": "books", "_id": "6"}}, {"title": "bulk", "year": 6},
                        {"update": {"_index": "books", "_id": "7"}},
                        {"doc": {"title": "upserted"}, "doc_as_upsert": True}]))
        self.ok(c.put("/other/_doc/x", {"v": 1}))
        self.ok(c.post("/other/_close"))
        ids = ["1", "2", "3", "4", "5", "6", "7", "missing"]
        before = self.state(ids)

        # Sanity of what is being compared.
        self.assertEqual(before["docs"]["1"][1]["_version"], 3)
        self.assertEqual(before["docs"]["4"][0], 404)
        self.assertEqual(before["sources"]["2"], raw["2"])
        self.assertEqual(before["sources"]["3"], raw["3"])
        props = before["mapping"]["books"]["mappings"]["properties"]
        self.assertIn("subtitle", props)
        self.assertIn("extra", props)
        self.assertEqual(before["count"], 6)
        seq_nos = [h["_seq_no"] for h in before["search"]["hits"]]
        self.assertEqual(len(set(seq_nos)), len(seq_nos))
        settings = before["settings"]["books"]["settings"]["index"]
        self.assertEqual(settings["refresh_interval"], "30s")
        self.assertEqual(settings["max_result_window"], "500")
        self.assertEqual(settings["number_of_shards"], "2")

        self.restart()
        after = self.state(ids)
        self.assertEqual(after, before)
        self.assertEqual(self.client.get("/books/_alias/recent").json(),
                         {"books": {"aliases": {"recent": {"is_write_index": True}}}})
        # The closed index is still closed, and opens with its document.
        r = self.client.get("/other/_doc/x")
        self.assertEqual(r.status, 400, r)
        self.assertEqual(r.json()["error"]["type"], "index_closed_exception")
        self.ok(self.client.post("/other/_open"))
        self.assertEqual(self.client.get("/other/_source/x").json(), {"v": 1})

        # Writes after the restart continue the version and seq_no sequences.
        r = self.ok(self.client.put("/books/_doc/1", {"title": "Dune", "year": 1967}))
        self.assertEqual(r["_version"], 4)
        self.assertEqual(r["result"], "updated")
        self.assertGreater(r["_seq_no"], before["docs"]["1"][1]["_seq_no"])
        r = self.ok(self.client.put("/books/_doc/4", {"title": "back"}))
        self.assertEqual(r["result"], "created")
        r = self.ok(self.client.put("/books/_create/5", {"title": "dup"}), 409)
        self.assertEqual(r["error"]["type"], "version_conflict_engine_exception")
        # Optimistic concurrency with the pre-restart seq_no of doc 2.
        d2 = before["docs"]["2"][1]
        r = self.ok(self.client.put(
            f"/books/_doc/2?if_seq_no={d2['_seq_no']}&if_primary_term={d2['_primary_term']}",
            raw["2"]))
        self.assertEqual(r["_version"], d2["_version"] + 1)
        self.assertGreater(r["_seq_no"], d2["_seq_no"])

        # A second restart keeps the post-restart writes as well.
        before2 = self.state(ids)
        self.restart()
        self.assertEqual(self.state(ids), before2)

    def test_restart_after_flush_and_forcemerge(self):
        self.start()
        c = self.client
        self.ok(c.put("/books", {"settings": {"number_of_shards": 1}}))
        self.ok(c.put("/other", {}))
        lines = []
        for i in range(300):
            lines += [{"index": {"_index": "books", "_id": str(i)}}, {"i": i, "s": "x" * (i % 7)}]
        self.assertFalse(self.ok(c.bulk(lines))["errors"])
        self.ok(c.post("/books/_flush"))
        for i in range(0, 300, 3):
            self.ok(c.delete(f"/books/_doc/{i}"))
        for i in range(1, 300, 3):
            self.ok(c.post(f"/books/_update/{i}", {"doc": {"u": True}}))
        self.ok(c.post("/books/_refresh"))
        self.ok(c.post("/books/_forcemerge?max_num_segments=1"))
        for i in range(2, 300, 3):
            self.ok(c.put(f"/books/_doc/{i}", {"i": i, "late": True}))
        ids = [str(i) for i in range(300)]
        before = self.state(ids)
        self.assertEqual(before["count"], 200)
        self.restart()
        self.assertEqual(self.state(ids), before)


if __name__ == "__main__":
    unittest.main()
