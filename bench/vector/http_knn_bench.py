#!/usr/bin/env python3
"""End-to-end kNN over HTTP: Quiver's _search with a top-level `knn` section,
keep-alive clients, on a TEXMEX dataset (fashion-mnist by default).

Loads the base vectors into a one-shard index (dense_vector, hnsw), force-merges
it to one segment (so the shard searches one graph, as the in-process
benchmark does), then runs the queries for each num_candidates with N client
threads, each on its own keep-alive connection, and prints recall@k, QPS and
latency percentiles. With --inprocess-qps (the in-process vector_bench QPS at
the same recall) it also prints the HTTP / in-process ratio.

Filtered kNN at 10% selectivity: every doc has `bucket` = id % 10 and the
filter keeps bucket 0. The exact filtered top k is taken from the ground-truth
top-100 list (its first k ids in bucket 0), so only queries whose top-100 holds
at least k of them are scored.

    python3 bench/vector/http_knn_bench.py --binary build/quiver \\
        --base bench/data/fashion-mnist_base.fvecs --query bench/data/fashion-mnist_query.fvecs \\
        --gt bench/data/fashion-mnist_gt.ivecs --num-candidates 10,20,40,80 --clients 2
"""
import argparse
import array
import http.client
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time


def read_vecs(path, typecode, limit=None):
    """Reads .fvecs ('f') or .ivecs ('i'): per row an int32 dim, then dim values."""
    rows = []
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data) and (limit is None or len(rows) < limit):
        (dim,) = struct.unpack_from("<i", data, pos)
        pos += 4
        a = array.array(typecode)
        a.frombytes(data[pos:pos + 4 * dim])
        rows.append(a)
        pos += 4 * dim
    return rows


def fmt_vector(v):
    # Integral values (fashion-mnist pixels) print without a fraction.
    return "[" + ",".join(("%d" % x) if x == int(x) else repr(x) for x in v) + "]"


class Client:
    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=600)

    def call(self, method, path, body=None, ctype="application/json"):
        headers = {"Content-Type": ctype} if body is not None else {}
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status >= 300:
            raise RuntimeError(f"{method} {path}: HTTP {resp.status} {data[:300]!r}")
        return json.loads(data) if data else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, data_dir, timeout_s):
    port = free_port()
    log = open(os.path.join(data_dir, "server.log"), "wb")
    # Own process group: stop() kills `timeout` and the server together (a
    # SIGKILL to `timeout` alone would orphan the server).
    proc = subprocess.Popen(["timeout", str(timeout_s), binary, "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--data", os.path.join(data_dir, "data")],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            Client("127.0.0.1", port).call("GET", "/")
            return proc, port
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError("server did not start")


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def load(client, index, base, args):
    body = {"settings": {"number_of_shards": 1, "number_of_replicas": 0,
                         "refresh_interval": "-1"},
            "mappings": {"properties": {
                "vec": {"type": "dense_vector", "dims": len(base[0]), "similarity": "l2_norm",
                        "index_options": {"type": args.index_type, "m": args.m,
                                          "ef_construction": args.ef_construction}},
                "bucket": {"type": "keyword"}}}}
    client.call("PUT", f"/{index}", json.dumps(body))
    t0 = time.time()
    for start in range(0, len(base), args.bulk):
        lines = []
        for i in range(start, min(start + args.bulk, len(base))):
            lines.append('{"index":{"_id":"%d"}}' % i)
            lines.append('{"bucket":"%d","vec":%s}' % (i % 10, fmt_vector(base[i])))
        client.call("POST", f"/{index}/_bulk", "\n".join(lines) + "\n", "application/x-ndjson")
    t_load = time.time() - t0
    client.call("POST", f"/{index}/_refresh")
    client.call("POST", f"/{index}/_forcemerge?max_num_segments=1")
    client.call("POST", f"/{index}/_refresh")
    return t_load, time.time() - t0


def wrk_run(port, index, bodies, clients, seconds):
    """Throughput and latency with wrk (C, keep-alive) cycling through the
    request bodies, so the client is not the bottleneck the Python one is."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write("local bodies = {\n")
        for _, body in bodies:
            f.write("[==[%s]==],\n" % body)
        f.write("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
                "  return wrk.format('POST', '/%s/_search', "
                "{['Content-Type']='application/json'}, bodies[(i %% #bodies) + 1])\nend\n"
                % index)
        script = f.name
    try:
        out = subprocess.run(["wrk", f"-t{clients}", f"-c{clients}", f"-d{seconds}s", "--latency",
                              "-s", script, f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script)
    if "Non-2xx" in out:
        raise RuntimeError("wrk saw errors:\n" + out)

    def ms(label):
        for line in out.splitlines():
            parts = line.split()
            if parts and parts[0] == label:
                v = parts[1]
                scale = 1e-3 if v.endswith("us") else (1e3 if v.endswith("s") and
                                                        not v.endswith("ms") else 1)
                return float(v.rstrip("mus")) * scale
        return float("nan")

    qps = next(float(line.split()[1]) for line in out.splitlines()
               if line.startswith("Requests/sec"))
    return qps, ms("50%"), ms("99%")


def run(port, index, queries, truth, k, num_candidates, clients, filtered, wrk_seconds=0):
    bodies = []
    for qi, q in enumerate(queries):
        knn = {"field": "vec", "query_vector": "@", "k": k, "num_candidates": num_candidates}
        if filtered:
            knn["filter"] = {"term": {"bucket": "0"}}
        s = json.dumps({"knn": knn, "size": k, "_source": False})
        bodies.append((qi, s.replace('"@"', fmt_vector(q))))
    latencies = [0.0] * len(bodies)
    found = [0] * len(bodies)
    next_i = [0]
    lock = threading.Lock()

    def worker():
        c = Client("127.0.0.1", port)
        while True:
            with lock:
                i = next_i[0]
                next_i[0] += 1
            if i >= len(bodies):
                return
            qi, body = bodies[i]
            t = time.perf_counter()
            r = c.call("POST", f"/{index}/_search", body)
            latencies[i] = time.perf_counter() - t
            ids = {int(h["_id"]) for h in r["hits"]["hits"]}
            found[i] = len(ids & truth[qi])

    # Warm-up: one pass over a few queries so the index pages are resident.
    warm = Client("127.0.0.1", port)
    for _, body in bodies[:50]:
        warm.call("POST", f"/{index}/_search", body)
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    recall = sum(found) / float(sum(len(truth[qi]) for qi, _ in bodies))
    result = {"recall": recall, "qps": len(bodies) / wall, "p50_ms": 1000 * lat[len(lat) // 2],
              "p99_ms": 1000 * lat[int(len(lat) * 0.99)], "client": "python"}
    if wrk_seconds > 0:
        result["qps"], result["p50_ms"], result["p99_ms"] = wrk_run(port, index, bodies, clients,
                                                                    wrk_seconds)
        result["client"] = "wrk"
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", help="start this quiver binary on 127.0.0.1 (temp data dir)")
    ap.add_argument("--port", type=int, help="use a running server on 127.0.0.1:PORT instead")
    ap.add_argument("--base", required=True)
    ap.add_argument("--query", required=True)
    ap.add_argument("--gt", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--max-queries", type=int, default=2000)
    ap.add_argument("--max-base", type=int, default=None, help="load only the first N base "
                    "vectors (quick runs; recall is then not against the full ground truth)")
    ap.add_argument("--num-candidates", default="10,20,40,80")
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--index-type", default="hnsw")
    ap.add_argument("--m", type=int, default=16)
    ap.add_argument("--ef-construction", type=int, default=100)
    ap.add_argument("--bulk", type=int, default=1000)
    ap.add_argument("--inprocess-qps", default="",
                    help="num_candidates=QPS pairs of the in-process run, e.g. 20=1311,40=835")
    ap.add_argument("--server-timeout", type=int, default=3600)
    ap.add_argument("--wrk-seconds", type=int, default=10,
                    help="measure QPS and latency with wrk for this long (0: the Python "
                    "clients, which saturate before the server does)")
    args = ap.parse_args()

    base = read_vecs(args.base, "f", args.max_base)
    queries = read_vecs(args.query, "f", args.max_queries)
    gt = read_vecs(args.gt, "i", args.max_queries)
    truth = [set(g[:args.k]) for g in gt]
    # Filtered truth: the first k bucket-0 ids of the exact top-100.
    ftruth, fqueries = [], []
    for q, g in zip(queries, gt):
        ids = [i for i in g if i % 10 == 0][:args.k]
        if len(ids) == args.k:
            fqueries.append(q)
            ftruth.append(set(ids))
    inproc = dict(kv.split("=") for kv in args.inprocess_qps.split(",") if kv)

    tmp, proc = None, None
    try:
        if args.port:
            port = args.port
        else:
            tmp = tempfile.mkdtemp(prefix="http-knn-")
            proc, port = start_server(args.binary, tmp, args.server_timeout)
        client = Client("127.0.0.1", port)
        index = "knn-bench"
        t_load, t_ready = load(client, index, base, args)
        print(f"# {len(base)} x {len(base[0])} base, {len(queries)} queries, k {args.k}, "
              f"{args.index_type} m {args.m} ef_construction {args.ef_construction}, "
              f"{args.clients} keep-alive clients "
              f"({'wrk' if args.wrk_seconds and shutil.which('wrk') else 'python'})")
        print(f"# bulk load {t_load:.1f} s, searchable (refresh + force-merge) after "
              f"{t_ready:.1f} s")
        print("| filter | num_candidates | recall | QPS | p50 ms | p99 ms | in-process QPS | ratio |")
        print("|---|---|---|---|---|---|---|---|")
        for nc in [int(x) for x in args.num_candidates.split(",")]:
            for filtered in (False, True):
                qs, tr = (fqueries, ftruth) if filtered else (queries, truth)
                wrk_s = args.wrk_seconds if shutil.which("wrk") else 0
                r = run(port, index, qs, tr, args.k, nc, args.clients, filtered, wrk_s)
                ip = inproc.get(str(nc)) if not filtered else None
                ratio = f"{r['qps'] / float(ip):.2f}" if ip else ""
                print(f"| {'10%' if filtered else 'none'} | {nc} | {r['recall']:.4f} | "
                      f"{r['qps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {ip or ''} | "
                      f"{ratio} |", flush=True)
    finally:
        if proc is not None:
            stop(proc)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
