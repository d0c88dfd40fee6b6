#!/usr/bin/env python3
"""kill -9 crash-safety test: no acknowledged write may be lost.

Each cycle starts `quiver serve` on one persistent data dir, runs writer
threads that send single-document PUTs and creates (explicit ids), partial
updates, deletes and _bulk requests of varying sizes over two indices
(translog durability `request`, the default), and records an operation in the
ledger only once its 2xx response has been read. At a random moment while
writes are in flight the server gets SIGKILL; it is restarted on the same data
dir and must answer within --recovery-timeout seconds. Then every document
ever written is checked:

- acknowledged and present: `_source` parses to exactly what was written, and
  for documents written whole (PUT, create, bulk index) the returned bytes are
  the bytes that were sent;
- acknowledged delete: absent;
- an operation in flight at the kill may or may not have happened, but the
  document must then be exactly the old or exactly the new version, never
  anything else (a torn write counts as lost);
- _version, _seq_no and _primary_term are those the last acknowledged write
  returned (and while writing, each write of an id has a higher _seq_no than
  the one before and, over a live document, the next _version);
- a search after refresh finds exactly the live ids, each once (no phantom or
  duplicated documents after WAL replay), and the mapping still has every
  dynamically added field a live document uses;
- a kNN search with a live document's vector (`vec`, HNSW) finds that
  document first, for up to KNN_CHECKS documents per index.

The ledger carries over cycles, so documents written early must survive every
later crash. Prints one line per cycle and, last, "N cycles, K lost" where K
counts documents that were lost or wrong; exits non-zero if K > 0 or anything
else went wrong (server failed to start or recover, unexpected errors).

    python3 tests/crash/crash_test.py --binary build/quiver --cycles 3
"""

import argparse
import http.client
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from quiver_server import QuiverServer  # noqa: E402

INDICES = {"crash-one": 1, "crash-multi": 3}  # name -> number_of_shards
MAPPINGS = {
    "properties": {
        "writer": {"type": "integer"},
        "cycle": {"type": "integer"},
        "serial": {"type": "long"},
        "text": {"type": "text"},
        "tags": {"type": "keyword"},
        "nested": {"properties": {"a": {"type": "long"}, "b": {"type": "keyword"}}},
        "f": {"type": "double"},
        "pad": {"type": "keyword", "index": False, "doc_values": False},
        "updated": {"type": "boolean"},
        "vec": {"type": "dense_vector", "dims": 8, "similarity": "l2_norm",
                "index_options": {"type": "hnsw"}},
    }
}
KNN_CHECKS = 40          # live documents per index whose vector must be found by kNN
DYNAMIC_FIELDS = 12      # dyn_0 .. dyn_11, mapped dynamically the first time they appear
IO_TIMEOUT_S = 30
WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "\u00fcber", "na\u00efve", "\u65e5\u672c",
         "\u0436\u0443\u043a", "\U0001f600", "tab\there", "quote\"d", "back\\slash", "x"]

DELETED = "DELETED"      # ledger state of a deleted document
ABSENT = None            # never written


class Expected:
    """What a document must look like: parsed source, and raw bytes when the
    whole source was sent by us (PUT / create / bulk index)."""
    __slots__ = ("obj", "raw")

    def __init__(self, obj, raw=None):
        self.obj = obj
        self.raw = raw

    def matches(self, obj, raw):
        if obj != self.obj:
            return False
        return self.raw is None or raw == self.raw


def describe(state):
    if state is ABSENT:
        return "absent"
    if state == DELETED:
        return "deleted"
    return json.dumps(state.obj, ensure_ascii=False)[:200]


class Ledger:
    """Per (index, id): the acknowledged state, and the state an operation in
    flight at the kill would leave (unknown whether it happened)."""

    def __init__(self):
        self.acked = {}     # key -> Expected | DELETED
        self.pending = {}   # key -> Expected | DELETED (op in flight at the kill)
        self.meta = {}      # key -> (_version, _seq_no, _primary_term) of the last acked write
        self.lock = threading.Lock()

    def ack(self, key, state, meta):
        """Records an acknowledged write; returns a complaint if its _version or
        _seq_no do not follow the previous acknowledged write of the same id."""
        with self.lock:
            prev_state = self.acked.get(key, ABSENT)
            prev = self.meta.get(key)
            self.acked[key] = state
            self.pending.pop(key, None)
            self.meta[key] = meta
        if prev is None or meta is None:
            return None
        if meta[1] <= prev[1]:
            return f"{key}: _seq_no went from {prev[1]} to {meta[1]}"
        if isinstance(prev_state, Expected) and meta[0] != prev[0] + 1:
            return f"{key}: _version went from {prev[0]} to {meta[0]}"
        return None

    def maybe(self, key, state):
        with self.lock:
            self.pending[key] = state

    def keys(self):
        with self.lock:
            return sorted(set(self.acked) | set(self.pending))


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.acked_ops = 0
        self.by_kind = {}
        self.in_flight = 0
        self.unexpected = []

    def add(self, kind, n=1):
        with self.lock:
            self.acked_ops += n
            self.by_kind[kind] = self.by_kind.get(kind, 0) + n

    def error(self, msg):
        with self.lock:
            self.unexpected.append(msg)


def make_source(rng, writer, cycle, serial):
    obj = {"writer": writer, "cycle": cycle, "serial": serial,
           "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))),
           "tags": [rng.choice(WORDS) for _ in range(rng.randint(0, 4))],
           # Few significant digits: _update re-serialises doubles lossily (a separate
           # bug, tests/api/test_documents.py), which must not mask durability results.
           "f": round(rng.uniform(-1e6, 1e6), 3)}
    if rng.random() < 0.5:
        obj["nested"] = {"a": rng.randint(-2**53, 2**53), "b": rng.choice(WORDS)}
    if rng.random() < 0.3:
        obj[f"dyn_{rng.randrange(DYNAMIC_FIELDS)}"] = rng.choice(WORDS)
    if rng.random() < 0.7:
        # Vectors go into each segment's HNSW index, which must survive the kill too.
        obj["vec"] = [round(rng.uniform(-1, 1), 4) for _ in range(8)]
    r = rng.random()
    if r < 0.05:
        obj["pad"] = "P" * rng.randint(20_000, 120_000)   # large: spans buffers and WAL blocks
    elif r < 0.4:
        obj["pad"] = "p" * rng.randint(1, 2_000)
    keys = list(obj)
    rng.shuffle(keys)
    obj = {k: obj[k] for k in keys}
    seps = rng.choice([(",", ":"), (", ", ": "), (",", " : ")])
    raw = json.dumps(obj, ensure_ascii=rng.random() < 0.5, separators=seps).encode("utf-8")
    return Expected(json.loads(raw), raw)


def write_meta(resp):
    """(_version, _seq_no, _primary_term) of a write response, None if absent."""
    try:
        return (resp["_version"], resp["_seq_no"], resp["_primary_term"])
    except (KeyError, TypeError):
        return None


class ServerGone(Exception):
    pass


class Writer(threading.Thread):
    """Writes to its own share of the id space, one operation at a time, so
    each document has at most one operation in flight."""

    def __init__(self, num, cycle, port, ledger, stats, rng, ids, killed, max_bulk):
        super().__init__(name=f"writer-{num}", daemon=True)
        self.num, self.cycle, self.port = num, cycle, port
        self.ledger, self.stats, self.rng = ledger, stats, rng
        self.ids = ids            # list of keys (index, id) this writer owns
        self.killed = killed
        self.max_bulk = max_bulk
        self.serial = 0
        self.conn = None
        self.untouchable = set()  # ids with an unresolved operation this cycle

    def current(self, key):
        return self.ledger.acked.get(key, ABSENT)

    def run(self):
        try:
            while not self.killed.is_set():
                self.one_operation()
        except ServerGone:
            pass
        except Exception as e:  # a bug in this script must not pass silently
            self.stats.error(f"writer {self.num} crashed: {e!r}")
        finally:
            if self.conn:
                self.conn.close()

    def request(self, method, path, body, content_type="application/json"):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=IO_TIMEOUT_S)
        try:
            self.conn.request(method, path, body=body, headers={"Content-Type": content_type})
            r = self.conn.getresponse()
            data = r.read()
            return r.status, data
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            self.conn = None
            if self.killed.is_set():
                raise ServerGone() from e
            self.stats.error(f"{method} {path}: connection failed while the server was up: {e!r}")
            raise ServerGone() from e

    def pick(self, want_live=None):
        for _ in range(20):
            key = self.rng.choice(self.ids)
            if key in self.untouchable:
                continue
            live = isinstance(self.current(key), Expected)
            if want_live is None or live == want_live:
                return key
        return None

    def next_source(self):
        self.serial += 1
        return make_source(self.rng, self.num, self.cycle, self.serial)

    def one_operation(self):
        r = self.rng.random()
        if r < 0.35:
            self.put_doc()
        elif r < 0.45:
            self.create_doc()
        elif r < 0.60:
            self.update_doc()
        elif r < 0.70:
            self.delete_doc()
        else:
            self.bulk()

    def single(self, key, new_state, method, path, body, ok_statuses, kind):
        self.ledger.maybe(key, new_state)
        self.untouchable.add(key)
        status, data = self.request(method, path, body)
        if status in ok_statuses:
            complaint = self.ledger.ack(key, new_state, write_meta(json.loads(data)))
            if complaint:
                self.stats.error(complaint)
            self.untouchable.discard(key)
            self.stats.add(kind)
        else:
            self.stats.error(f"{method} {path}: HTTP {status} {data[:300]!r}")

    def put_doc(self):
        key = self.pick()
        if key is None:
            return
        src = self.next_source()
        path = f"/{key[0]}/_doc/{urllib.parse.quote(key[1], safe='')}"
        self.single(key, src, "PUT", path, src.raw, (200, 201), "put")

    def create_doc(self):
        key = self.pick(want_live=False)
        if key is None:
            return
        src = self.next_source()
        path = f"/{key[0]}/_create/{urllib.parse.quote(key[1], safe='')}"
        self.single(key, src, "PUT", path, src.raw, (201,), "create")

    def update_doc(self):
        key = self.pick(want_live=True)
        if key is None:
            return
        self.serial += 1
        partial = {"serial": self.serial, "cycle": self.cycle, "updated": True,
                   "text": " ".join(self.rng.choice(WORDS) for _ in range(3))}
        if self.rng.random() < 0.3:
            partial["tags"] = [self.rng.choice(WORDS)]
        merged = dict(self.current(key).obj)
        merged.update(partial)
        path = f"/{key[0]}/_update/{urllib.parse.quote(key[1], safe='')}"
        body = json.dumps({"doc": partial}).encode()
        self.single(key, Expected(merged), "POST", path, body, (200,), "update")

    def delete_doc(self):
        key = self.pick(want_live=True)
        if key is None:
            return
        path = f"/{key[0]}/_doc/{urllib.parse.quote(key[1], safe='')}"
        self.single(key, DELETED, "DELETE", path, None, (200,), "delete")

    def bulk(self):
        n = self.rng.choice([1, 2, 5, 10, 25, 50, 100, self.max_bulk])
        n = min(n, self.max_bulk)
        items, lines, seen = [], [], set()
        for _ in range(n):
            key = self.pick()
            if key is None or key in seen:
                continue
            seen.add(key)
            live = isinstance(self.current(key), Expected)
            r = self.rng.random()
            meta = {"_index": key[0], "_id": key[1]}
            if live and r < 0.15:
                lines.append(json.dumps({"delete": meta}).encode())
                items.append((key, "delete", DELETED))
            elif live and r < 0.3:
                self.serial += 1
                partial = {"serial": self.serial, "updated": True, "cycle": self.cycle}
                merged = dict(self.current(key).obj)
                merged.update(partial)
                lines.append(json.dumps({"update": meta}).encode())
                lines.append(json.dumps({"doc": partial}).encode())
                items.append((key, "update", Expected(merged)))
            else:
                op = "create" if (not live and r < 0.5) else "index"
                src = self.next_source()
                lines.append(json.dumps({op: meta}).encode())
                lines.append(src.raw)
                items.append((key, op, src))
        if not items:
            return
        for key, _, state in items:
            self.ledger.maybe(key, state)
            self.untouchable.add(key)
        body = b"\n".join(lines) + b"\n"
        status, data = self.request("POST", "/_bulk", body, "application/x-ndjson")
        if status != 200:
            self.stats.error(f"bulk of {len(items)}: HTTP {status} {data[:300]!r}")
            return
        resp = json.loads(data)
        if len(resp.get("items", [])) != len(items):
            self.stats.error(f"bulk of {len(items)} answered {len(resp.get('items', []))} items")
            return
        for (key, op, state), item in zip(items, resp["items"]):
            res = item.get(op, {})
            st = res.get("status", 0)
            if 200 <= st < 300 or (op == "delete" and st == 404):
                complaint = self.ledger.ack(key, state, write_meta(res))
                if complaint:
                    self.stats.error(complaint)
                self.untouchable.discard(key)
                self.stats.add("bulk-" + op)
            else:
                # A failed item must not have been applied; leave it unresolved
                # (old or new accepted) and report the failure.
                self.stats.error(f"bulk {op} {key}: {json.dumps(res)[:300]}")


class Maintenance(threading.Thread):
    """Refreshes, flushes and force-merges while the writers run, so that the
    kill also lands in the middle of segment writes and manifest swaps."""

    def __init__(self, port, rng, killed, stats):
        super().__init__(name="maintenance", daemon=True)
        self.port, self.rng, self.killed, self.stats = port, rng, killed, stats
        self.calls = 0

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=IO_TIMEOUT_S)
        try:
            while not self.killed.wait(self.rng.uniform(0.005, 0.1)):
                index = self.rng.choice(sorted(INDICES))
                op = self.rng.choice(["_refresh", "_refresh", "_flush", "_forcemerge"])
                try:
                    conn.request("POST", f"/{index}/{op}")
                    r = conn.getresponse()
                    r.read()
                except (OSError, http.client.HTTPException) as e:
                    if not self.killed.is_set():
                        self.stats.error(f"POST /{index}/{op}: connection failed while the "
                                         f"server was up: {e!r}")
                    return
                if r.status != 200:
                    self.stats.error(f"POST /{index}/{op}: HTTP {r.status}")
                self.calls += 1
        finally:
            conn.close()


# ---------------------------------------------------------------------------

class Checker:
    """Reads every document of the ledger from a restarted server."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=IO_TIMEOUT_S)

    def close(self):
        self.conn.close()

    def call(self, method, path, body=None, content_type="application/json"):
        headers = {"Content-Type": content_type} if body is not None else {}
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        return r.status, r.read()

    def source(self, key):
        """(status, raw _source bytes) through realtime GET."""
        return self.call("GET", f"/{key[0]}/_source/{urllib.parse.quote(key[1], safe='')}")


def check_documents(port, ledger, keys, threads=4):
    """Returns (problems, resolved_applied, resolved_not_applied, live_keys)."""
    problems, live, resolved_by_pending = [], set(), set()
    counters = {"applied": 0, "not_applied": 0}
    lock = threading.Lock()
    chunks = [keys[i::threads] for i in range(threads)]

    def work(chunk):
        checker = Checker(port)
        try:
            for key in chunk:
                status, raw = checker.source(key)
                acked = ledger.acked.get(key, ABSENT)
                pending = ledger.pending.get(key, "none")
                if status == 200:
                    try:
                        obj = json.loads(raw)
                    except ValueError:
                        obj = object()
                    ok_acked = isinstance(acked, Expected) and acked.matches(obj, raw)
                    ok_pending = isinstance(pending, Expected) and pending.matches(obj, raw)
                    present = True
                elif status == 404:
                    ok_acked = acked is ABSENT or acked == DELETED
                    ok_pending = pending == DELETED
                    present = False
                else:
                    with lock:
                        problems.append((key, f"GET _source: HTTP {status} {raw[:200]!r}"))
                    continue
                with lock:
                    if present:
                        live.add(key)
                    if ok_pending and pending != "none":
                        # The operation in flight at the kill happened; it is durable now.
                        counters["applied"] += 1
                        ledger.acked[key] = pending
                        del ledger.pending[key]
                        resolved_by_pending.add(key)
                    elif ok_acked:
                        if pending != "none":
                            counters["not_applied"] += 1
                            del ledger.pending[key]
                    else:
                        got = raw[:200] if status == 200 else b"(absent)"
                        msg = (f"expected {describe(acked)}"
                               + (f" or {describe(pending)}" if pending != "none" else "")
                               + f", got {got!r}")
                        problems.append((key, msg))
        finally:
            checker.close()

    ts = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    problems += check_versions(port, ledger, live, resolved_by_pending)
    return problems, counters["applied"], counters["not_applied"], live


def check_versions(port, ledger, live, resolved_by_pending):
    """_version, _seq_no and _primary_term of every live document are those its
    last acknowledged write returned. For a write whose answer was lost in the
    kill, they are adopted (the _seq_no must still be above the previous one)."""
    problems = []
    c = Checker(port)
    try:
        by_index = {}
        for key in sorted(live):
            by_index.setdefault(key[0], []).append(key[1])
        for index, ids in by_index.items():
            for i in range(0, len(ids), 500):
                batch = ids[i:i + 500]
                status, body = c.call("POST", f"/{index}/_mget?_source=false",
                                      json.dumps({"ids": batch}))
                if status != 200:
                    problems.append(((index, None), f"_mget HTTP {status} {body[:200]!r}"))
                    continue
                for doc in json.loads(body)["docs"]:
                    key = (index, doc["_id"])
                    got = write_meta(doc) if doc.get("found") else None
                    want = ledger.meta.get(key)
                    if got is None:
                        problems.append((key, "present through GET but not through _mget"))
                    elif key in resolved_by_pending:
                        if want is not None and got[1] <= want[1]:
                            problems.append((key, f"in-flight write applied with _seq_no "
                                                  f"{got[1]}, not above the previous {want[1]}"))
                        ledger.meta[key] = got
                    elif want is not None and got != want:
                        problems.append((key, f"(_version, _seq_no, _primary_term) is {got}, "
                                              f"acknowledged as {want}"))
    finally:
        c.close()
    return problems


def check_index_contents(port, live, dynamic_fields_used, vectors=None):
    """Search must find exactly the live ids, once each; the mapping must hold
    every dynamic field a live document has; a kNN search with a live
    document's vector must find that document first (exact match, score 1)."""
    problems = []
    c = Checker(port)
    try:
        for index in INDICES:
            status, body = c.call("POST", f"/{index}/_refresh")
            if status != 200:
                problems.append(f"{index}: refresh HTTP {status} {body[:200]!r}")
                continue
            want = {k[1] for k in live if k[0] == index}
            status, body = c.call("POST", f"/{index}/_search", json.dumps(
                {"size": 10000, "sort": ["_doc"], "_source": False, "track_total_hits": True}))
            if status != 200:
                problems.append(f"{index}: search HTTP {status} {body[:200]!r}")
                continue
            hits = json.loads(body)["hits"]
            ids = [h["_id"] for h in hits["hits"]]
            if hits["total"]["value"] != len(want) or len(ids) != len(want) or set(ids) != want:
                dup = len(ids) - len(set(ids))
                problems.append(f"{index}: search finds {hits['total']['value']} docs "
                                f"({dup} duplicated, extra {sorted(set(ids) - want)[:5]}, "
                                f"missing {sorted(want - set(ids))[:5]}), expected {len(want)}")
            status, body = c.call("GET", f"/{index}/_mapping")
            props = {}
            if status == 200:
                props = json.loads(body)[index]["mappings"].get("properties", {})
            for field in sorted(dynamic_fields_used.get(index, ())):
                if field not in props:
                    problems.append(f"{index}: mapping lost dynamic field [{field}]")
            with_vec = sorted((vectors or {}).get(index, ()))
            step = max(1, len(with_vec) // KNN_CHECKS)
            for doc_id, vec in with_vec[::step]:
                status, body = c.call("POST", f"/{index}/_search", json.dumps(
                    {"knn": {"field": "vec", "query_vector": vec, "k": 1, "num_candidates": 50},
                     "_source": False}))
                if status != 200:
                    problems.append(f"{index}: kNN search HTTP {status} {body[:200]!r}")
                    break
                hits = json.loads(body)["hits"]["hits"]
                if not hits or (hits[0]["_id"] != doc_id and hits[0]["_score"] < 0.9999):
                    found = [(h["_id"], h["_score"]) for h in hits]
                    problems.append(f"{index}: kNN with the vector of {doc_id!r} finds {found}")
    finally:
        c.close()
    return problems


def vectors_of_live(ledger, live):
    out = {}
    for key in live:
        state = ledger.acked.get(key)
        if isinstance(state, Expected) and isinstance(state.obj.get("vec"), list):
            out.setdefault(key[0], []).append((key[1], state.obj["vec"]))
    return out


def dynamic_fields_of_live(ledger, live):
    used = {}
    for key in live:
        state = ledger.acked.get(key)
        if isinstance(state, Expected):
            for f in state.obj:
                if f.startswith("dyn_"):
                    used.setdefault(key[0], set()).add(f)
    return used


# ---------------------------------------------------------------------------

def server_env():
    # The server reads QUIVER_* variables as settings and refuses unknown ones.
    return {k: v for k, v in os.environ.items() if k not in ("QUIVER_BINARY", "QUIVER_URL")}


def start_server(binary, data_dir, timeout_s, expect_indices):
    server = QuiverServer(binary, data_dir=data_dir)
    server.env = server_env()
    t0 = time.monotonic()
    server.start(timeout_s=timeout_s)
    # Answering GET / is not enough: every index must serve reads.
    c = Checker(server.port)
    try:
        deadline = t0 + timeout_s
        pending = set(INDICES)
        while pending and time.monotonic() < deadline:
            for index in sorted(pending):
                try:
                    status, _ = c.call("GET", f"/{index}/_count")
                except (OSError, http.client.HTTPException):
                    c.close()
                    c = Checker(server.port)
                    status = 0
                if status == 200 or (status == 404 and not expect_indices):
                    pending.discard(index)
            if pending:
                time.sleep(0.05)
        if pending:
            raise RuntimeError(f"indices {sorted(pending)} not readable within {timeout_s}s")
    finally:
        c.close()
    return server, time.monotonic() - t0


def create_indices(port):
    c = Checker(port)
    try:
        for index, shards in INDICES.items():
            status, _ = c.call("HEAD", f"/{index}")
            if status == 200:
                continue
            body = {"settings": {"number_of_shards": shards, "number_of_replicas": 0,
                                 "index.translog.durability": "request"},
                    "mappings": MAPPINGS}
            status, data = c.call("PUT", f"/{index}", json.dumps(body))
            if status != 200:
                raise RuntimeError(f"create {index}: HTTP {status} {data[:300]!r}")
    finally:
        c.close()


def run_cycle(args, cycle, data_dir, ledger, id_space):
    rng = random.Random(f"{args.seed}/{cycle}")
    server, startup_s = start_server(args.binary, data_dir, args.recovery_timeout,
                                     expect_indices=cycle > 1)
    result = {"startup_s": startup_s}
    try:
        # Check what the previous cycle's crash left (nothing to check in cycle 1).
        if cycle > 1:
            keys = ledger.keys()
            t0 = time.monotonic()
            problems, applied, not_applied, live = check_documents(server.port, ledger, keys)
            problems += [(None, p) for p in check_index_contents(
                server.port, live, dynamic_fields_of_live(ledger, live),
                vectors_of_live(ledger, live))]
            result.update(checked=len(keys), live=len(live), applied=applied,
                          not_applied=not_applied, problems=problems,
                          check_s=time.monotonic() - t0)
        else:
            result.update(checked=0, live=0, applied=0, not_applied=0, problems=[], check_s=0.0)
        if cycle > args.cycles:
            return result, None  # the final verification round, no more writes
        create_indices(server.port)

        stats = Stats()
        killed = threading.Event()
        writers = []
        for w in range(args.writers):
            writers.append(Writer(w, cycle, server.port, ledger, stats,
                                  random.Random(f"{args.seed}/{cycle}/{w}"),
                                  id_space[w], killed, args.max_bulk))
        maintenance = Maintenance(server.port, random.Random(f"{args.seed}/{cycle}/m"), killed,
                                  stats)
        # Mostly well into the cycle; sometimes just as the writers start, right
        # after recovery.
        if rng.random() < 0.1:
            kill_after_ops = rng.randint(0, 20)
        else:
            kill_after_ops = rng.randint(args.docs_per_cycle // 4, args.docs_per_cycle)
        extra_delay_s = rng.uniform(0, 0.05)
        t0 = time.monotonic()
        maintenance.start()
        for w in writers:
            w.start()
        deadline = t0 + args.cycle_timeout
        while stats.acked_ops < kill_after_ops and time.monotonic() < deadline:
            if all(not w.is_alive() for w in writers):
                break
            time.sleep(0.002)
        time.sleep(extra_delay_s)
        alive = sum(w.is_alive() for w in writers)
        killed.set()
        server.kill()
        write_s = time.monotonic() - t0
        for w in writers + [maintenance]:
            w.join(timeout=IO_TIMEOUT_S + 5)
            if w.is_alive():
                stats.error(f"{w.name} did not stop after the kill")
        if stats.acked_ops < kill_after_ops:
            stats.error(f"only {stats.acked_ops} of {kill_after_ops} operations acknowledged "
                        f"within {args.cycle_timeout}s")
        if alive < len(writers):
            stats.error(f"{len(writers) - alive} writers had stopped before the kill")
        result.update(stats=stats, write_s=write_s, in_flight=len(ledger.pending),
                      maintenance=maintenance.calls)
        return result, stats
    finally:
        server.kill()  # no-op when already dead; SIGKILL is the point of the test


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.environ.get("QUIVER_BINARY", "build/quiver"))
    ap.add_argument("--cycles", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs-per-cycle", type=int, default=2000,
                    help="acknowledged document operations before the kill is due "
                         "(the kill comes after a random 25-100%% of them)")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--ids-per-writer", type=int, default=400)
    ap.add_argument("--max-bulk", type=int, default=200)
    ap.add_argument("--recovery-timeout", type=float, default=60.0)
    ap.add_argument("--cycle-timeout", type=float, default=120.0)
    ap.add_argument("--data-dir", help="persistent data dir (default: a temp dir, removed on "
                                       "success)")
    ap.add_argument("--keep", action="store_true", help="keep the data dir")
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        print(f"crash_test: no executable at {args.binary}", file=sys.stderr)
        return 2
    args.binary = os.path.abspath(args.binary)
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="quiver-crash-")
    os.makedirs(data_dir, exist_ok=True)

    id_space = []
    for w in range(args.writers):
        keys = []
        for i in range(args.ids_per_writer):
            index = "crash-one" if i % 3 == 0 else "crash-multi"
            doc_id = f"w{w}-{i}" if i % 10 else f"w{w}/\u00e9 {i}"  # some ids need URL quoting
            keys.append((index, doc_id))
        id_space.append(keys)

    ledger = Ledger()
    lost_total = 0
    failures = []
    cycles_done = 0
    t_start = time.monotonic()
    print(f"crash test: {args.cycles} cycles, seed {args.seed}, {args.writers} writers, "
          f"~{args.docs_per_cycle} ops/cycle, data {data_dir}", flush=True)
    # Cycle k (1..N) verifies what cycle k-1's crash left, then writes and kills;
    # a last round N+1 only verifies.
    for cycle in range(1, args.cycles + 2):
        try:
            result, stats = run_cycle(args, cycle, data_dir, ledger, id_space)
        except Exception as e:
            failures.append(f"cycle {cycle}: {e}")
            print(f"cycle {cycle}: FAILED: {e}", flush=True)
            # A server that does not come back has lost every document it acknowledged.
            unreadable = sum(isinstance(v, Expected) for v in ledger.acked.values())
            if unreadable:
                print(f"  LOST all {unreadable} acknowledged live documents", flush=True)
            lost_total += unreadable
            break
        lost = len(result["problems"])
        lost_total += lost
        for key, msg in result["problems"][:20]:
            print(f"  LOST {key}: {msg}" if key else f"  WRONG {msg}", flush=True)
        if lost > 20:
            print(f"  ... and {lost - 20} more", flush=True)
        recovered = (f"recovered in {result['startup_s']:.2f}s, checked {result['checked']} docs "
                     f"({result['live']} live) in {result['check_s']:.2f}s, in-flight "
                     f"{result['applied']} applied / {result['not_applied']} not, lost {lost}")
        if stats is None:
            print(f"final check: {recovered}", flush=True)
            break
        cycles_done += 1
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_kind.items()))
        print(f"cycle {cycle}: {recovered}; wrote {stats.acked_ops} acked ops ({kinds}) in "
              f"{result['write_s']:.2f}s with {result['maintenance']} refresh/flush/merge calls, "
              f"killed with {result['in_flight']} in flight", flush=True)
        for msg in stats.unexpected[:10]:
            print(f"  ERROR {msg}", flush=True)
        if stats.unexpected:
            failures.append(f"cycle {cycle}: {len(stats.unexpected)} unexpected errors")

    elapsed = time.monotonic() - t_start
    ok = lost_total == 0 and not failures
    if ok and not args.keep and not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"data dir kept: {data_dir} (server log: {data_dir}/server.log)")
    for f in failures:
        print(f"FAILURE {f}")
    print(f"total {elapsed:.1f}s")
    print(f"{cycles_done} cycles, {lost_total} lost")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
