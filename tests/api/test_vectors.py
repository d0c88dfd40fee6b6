"""Vector search over HTTP: top-level knn (ES score transforms per
similarity, global top k over shards, filters, deletes, knn + query),
rank rrf and retrievers, and the seed IVF plugin (vector type, ann query,
_ivf/train, _ivf/stats).

    QUIVER_BINARY=build/quiver /usr/bin/python3 -m unittest tests/api/test_vectors.py
"""

import math
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from api_support import ServerTestCase  # noqa: E402


def l2sq(a, b):
    return sum((x - y) ** 2 for x, y in zip(a, b))


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def unit(v):
    n = math.sqrt(dot(v, v))
    return [x / n for x in v]


class VectorSearchTest(ServerTestCase):
    DIMS = 6

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rng = random.Random(5)
        cls.vectors = {str(i): [round(rng.uniform(-1, 1), 3) for _ in range(cls.DIMS)]
                       for i in range(300)}
        props = {"tag": {"type": "keyword"}, "text": {"type": "text"}}
        for sim in ("l2_norm", "cosine", "dot_product", "max_inner_product"):
            props["v_" + sim] = {"type": "dense_vector", "dims": cls.DIMS, "similarity": sim,
                                 "index_options": {"type": "hnsw"}}
        r = cls.client.put("/vec", {"settings": {"number_of_shards": 3},
                                    "mappings": {"properties": props}})
        assert r.status == 200, r
        lines = []
        for doc_id, v in cls.vectors.items():
            lines.append({"index": {"_index": "vec", "_id": doc_id}})
            lines.append({"tag": "even" if int(doc_id) % 2 == 0 else "odd",
                          "text": "alpha" if int(doc_id) % 7 == 0 else "beta",
                          "v_l2_norm": v, "v_cosine": v, "v_dot_product": unit(v),
                          "v_max_inner_product": v})
        r = cls.client.bulk(lines, path="/_bulk?refresh=true")
        assert r.status == 200 and not r.json()["errors"], r

    def knn(self, body, index="vec"):
        r = self.client.post(f"/{index}/_search", body)
        self.assertStatus(r, 200)
        return r.json()["hits"]

    def exact(self, q, sim, k, accept=lambda doc_id: True):
        scored = []
        for doc_id, v in self.vectors.items():
            if not accept(doc_id):
                continue
            if sim == "l2_norm":
                s = 1 / (1 + l2sq(q, v))
            elif sim == "cosine":
                s = (1 + dot(unit(q), unit(v))) / 2
            elif sim == "dot_product":
                s = (1 + dot(q, unit(v))) / 2
            else:
                d = dot(q, v)
                s = 1 / (1 - d) if d < 0 else d + 1
            scored.append((-s, int(doc_id), doc_id, s))
        scored.sort()
        return [(doc_id, s) for _, _, doc_id, s in scored[:k]]

    def test_scores_per_similarity_and_global_top_k(self):
        q = [0.3, -0.2, 0.5, 0.1, -0.4, 0.2]
        for sim in ("l2_norm", "cosine", "dot_product", "max_inner_product"):
            qv = unit(q) if sim == "dot_product" else q
            hits = self.knn({"knn": {"field": "v_" + sim, "query_vector": qv, "k": 5,
                                     "num_candidates": 100}, "_source": False})
            # Three shards, but the global top k: exactly k hits in total.
            self.assertEqual(hits["total"]["value"], 5, sim)
            want = self.exact(qv, sim, 5)
            self.assertEqual([h["_id"] for h in hits["hits"]], [w[0] for w in want], sim)
            for h, (_, s) in zip(hits["hits"], want):
                self.assertAlmostEqual(h["_score"], s, places=4, msg=sim)

    def test_filter_similarity_boost_and_query(self):
        q = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
        hits = self.knn({"knn": {"field": "v_l2_norm", "query_vector": q, "k": 4,
                                 "num_candidates": 50, "filter": {"term": {"tag": "odd"}},
                                 "boost": 2}, "_source": False})
        want = self.exact(q, "l2_norm", 4, lambda d: int(d) % 2 == 1)
        self.assertEqual([h["_id"] for h in hits["hits"]], [w[0] for w in want])
        self.assertAlmostEqual(hits["hits"][0]["_score"], 2 * want[0][1], places=4)
        # similarity is a maximum distance for l2_norm.
        radius = math.sqrt(l2sq(q, self.vectors[want[1][0]])) + 1e-4
        hits = self.knn({"knn": {"field": "v_l2_norm", "query_vector": q, "k": 4,
                                 "num_candidates": 50, "filter": {"term": {"tag": "odd"}},
                                 "similarity": radius}, "_source": False})
        self.assertEqual([h["_id"] for h in hits["hits"]], [w[0] for w in want[:2]])
        # knn + query: a disjunction with the scores summed.
        hits = self.knn({"knn": {"field": "v_l2_norm", "query_vector": q, "k": 3,
                                 "num_candidates": 50},
                         "query": {"term": {"tag": "even"}}, "size": 300, "_source": False})
        knn_ids = {w[0] for w in self.exact(q, "l2_norm", 3)}
        evens = {d for d in self.vectors if int(d) % 2 == 0}
        self.assertEqual(hits["total"]["value"], len(knn_ids | evens))

    def test_deleted_docs_are_never_returned(self):
        q = list(self.vectors["42"])
        r = self.client.put("/vec2", {"mappings": {"properties": {
            "v": {"type": "dense_vector", "dims": self.DIMS, "similarity": "l2_norm"}}}})
        self.assertStatus(r, 200)
        lines = []
        for doc_id, v in self.vectors.items():
            lines += [{"index": {"_index": "vec2", "_id": doc_id}}, {"v": v}]
        self.assertStatus(self.client.bulk(lines, path="/_bulk?refresh=true"), 200)
        first = self.knn({"knn": {"field": "v", "query_vector": q, "k": 3}}, "vec2")
        self.assertEqual(first["hits"][0]["_id"], "42")
        self.assertStatus(self.client.delete("/vec2/_doc/42?refresh=true"), 200)
        after = self.knn({"knn": {"field": "v", "query_vector": q, "k": 3}}, "vec2")
        self.assertNotIn("42", [h["_id"] for h in after["hits"]])
        self.assertEqual([h["_id"] for h in after["hits"]],
                         [h["_id"] for h in first["hits"]][1:] + [after["hits"][2]["_id"]])
        # Still true once the deletion is merged away.
        self.assertStatus(self.client.post("/vec2/_forcemerge?max_num_segments=1"), 200)
        merged = self.knn({"knn": {"field": "v", "query_vector": q, "k": 3}}, "vec2")
        self.assertEqual([h["_id"] for h in merged["hits"]], [h["_id"] for h in after["hits"]])

    def test_rrf_rank_and_retrievers(self):
        q = [0.2, 0.2, -0.1, 0.0, 0.3, -0.3]
        knn = {"field": "v_l2_norm", "query_vector": q, "k": 5, "num_candidates": 50}
        query = {"match": {"text": "alpha"}}
        ranked = self.knn({"knn": knn, "query": query, "size": 5, "_source": False,
                           "rank": {"rrf": {"rank_window_size": 20, "rank_constant": 10}}})
        fused = self.knn({"size": 5, "_source": False, "retriever": {"rrf": {
            "retrievers": [{"standard": {"query": query}}, {"knn": knn}],
            "rank_window_size": 20, "rank_constant": 10}}})
        self.assertEqual(ranked["hits"], fused["hits"])
        # The best knn hit is first in its list: its RRF score has 1/(10+1).
        best = self.exact(q, "l2_norm", 1)[0][0]
        by_id = {h["_id"]: h["_score"] for h in fused["hits"]}
        self.assertIn(best, by_id)
        self.assertGreaterEqual(by_id[best], 1 / 11 - 1e-6)
        # rank needs two result sets.
        r = self.client.post("/vec/_search", {"knn": knn, "rank": {"rrf": {}}})
        self.assertEsError(r, 400, "illegal_argument_exception")


class SeedIvfPluginTest(ServerTestCase):
    def test_vector_type_ann_query_train_and_stats(self):
        r = self.client.put("/seed", {"mappings": {"properties": {
            "emb": {"type": "vector", "dimension": 3, "metric": "l2", "nlist": 2,
                    "nprobe": 1}}}})
        self.assertStatus(r, 200)
        rng = random.Random(9)
        vecs = {}
        lines = []
        for i in range(40):  # fewer than 39 x nlist: not trained, searched exactly
            v = [i % 2 * 10 + rng.random(), rng.random(), rng.random()]
            vecs[str(i)] = v
            lines += [{"index": {"_index": "seed", "_id": str(i)}}, {"emb": v}]
        self.assertStatus(self.client.bulk(lines, path="/_bulk?refresh=true"), 200)
        stats = self.client.get("/seed/_ivf/stats").json()
        self.assertEqual(stats["isTrained"], False)
        self.assertEqual(stats["totalVectors"], 40)
        self.assertEqual((stats["nlist"], stats["dimension"], stats["metricType"]), (2, 3, "l2"))
        q = [10.5, 0.5, 0.5]
        r = self.client.post("/seed/_search", {"_source": False, "query": {"ann": {
            "field": "emb", "vector": q, "algorithm": "ivf", "nprobe": 1, "k": 3}}})
        self.assertStatus(r, 200)
        want = sorted(vecs, key=lambda d: (l2sq(q, vecs[d]), int(d)))[:3]
        self.assertEqual([h["_id"] for h in r.json()["hits"]["hits"]], want)
        self.assertAlmostEqual(r.json()["hits"]["hits"][0]["_score"],
                               1 / (1 + l2sq(q, vecs[want[0]])), places=4)
        # Enough vectors, one segment: trained.
        lines = []
        for i in range(40, 200):
            v = [i % 2 * 10 + rng.random(), rng.random(), rng.random()]
            vecs[str(i)] = v
            lines += [{"index": {"_index": "seed", "_id": str(i)}}, {"emb": v}]
        self.assertStatus(self.client.bulk(lines, path="/_bulk?refresh=true"), 200)
        trained = self.client.post("/seed/_ivf/train", {"field": "emb", "nlist": 2}).json()
        self.assertEqual(trained["isTrained"], True, trained)
        self.assertEqual(trained["totalVectors"], 200)
        self.assertEqual(trained["minClusterSize"] + trained["maxClusterSize"], 200)
        self.assertEqual(trained["avgClusterSize"], 100.0)
        r = self.client.post("/seed/_ivf/train", {"field": "emb", "nlist": 7})
        self.assertEsError(r, 400, "illegal_argument_exception")


if __name__ == "__main__":
    unittest.main()
