#!/usr/bin/env python3
"""Aggregation benchmark (issue 5): the same log documents (bench/ingest/
loggen.py, seeded) loaded into Quiver, SQLite (indexed table, GROUP BY) and
PostgreSQL (Debian server on loopback, same schema and indexes); five
dashboard-style aggregations timed on each, with results cross-checked.

  python3 bench/agg/run_agg.py --quiver build/quiver --docs 1000000 [--runs 5]

Queries:
  q1_datehisto_terms_avg  date_histogram 1h > terms(service, 10) > avg(latency_ms)
  q2_terms_highcard       terms(trace_id, size 10): a unique-valued keyword
  q3_cardinality          cardinality(trace_id)
  q4_percentiles          percentiles(latency_ms) 1,5,25,50,75,95,99
  q5_range_stats          status >= 400 filter, stats(bytes)

Times are client wall-clock medians in milliseconds (Quiver: HTTP round trip;
SQLite: in-process; PostgreSQL: psql's \\timing, server-side). DuckDB is not
installed here and is reported as missing. Servers listen on 127.0.0.1 and are
stopped by PID at the end.
"""

import argparse
import glob
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'bench', 'ingest'))
import loggen  # noqa: E402

MAPPING = {
    "settings": {"number_of_shards": 1, "refresh_interval": "-1"},
    "mappings": {"properties": {
        "@timestamp": {"type": "date"}, "host": {"properties": {"name": {"type": "keyword"}}},
        "service": {"type": "keyword"}, "status": {"type": "integer"}, "bytes": {"type": "long"},
        "latency_ms": {"type": "float"}, "level": {"type": "keyword"}, "message": {"type": "text"},
        "trace_id": {"type": "keyword"}}},
}

PERCENTS = [1, 5, 25, 50, 75, 95, 99]

QUIVER_QUERIES = {
    "q1_datehisto_terms_avg": {"size": 0, "aggs": {"h": {
        "date_histogram": {"field": "@timestamp", "fixed_interval": "1h"},
        "aggs": {"s": {"terms": {"field": "service", "size": 10},
                       "aggs": {"l": {"avg": {"field": "latency_ms"}}}}}}}},
    "q2_terms_highcard": {"size": 0, "aggs": {"t": {"terms": {"field": "trace_id", "size": 10}}}},
    "q3_cardinality": {"size": 0, "aggs": {"c": {"cardinality": {"field": "trace_id"}}}},
    "q4_percentiles": {"size": 0, "aggs": {"p": {"percentiles": {"field": "latency_ms"}}}},
    "q5_range_stats": {"size": 0, "query": {"range": {"status": {"gte": 400}}},
                       "aggs": {"s": {"stats": {"field": "bytes"}}}},
}

SQL_QUERIES = {
    "q1_datehisto_terms_avg":
        "SELECT (ts / 3600000) * 3600000 AS h, service, COUNT(*), AVG(latency_ms) FROM logs "
        "GROUP BY h, service ORDER BY h, COUNT(*) DESC, service",
    "q2_terms_highcard":
        "SELECT trace_id, COUNT(*) AS c FROM logs GROUP BY trace_id ORDER BY c DESC, trace_id "
        "LIMIT 10",
    "q3_cardinality": "SELECT COUNT(DISTINCT trace_id) FROM logs",
    "q5_range_stats":
        "SELECT COUNT(*), MIN(bytes), MAX(bytes), AVG(bytes), SUM(bytes) FROM logs "
        "WHERE status >= 400",
}
# SQLite has no percentile function: one ordered OFFSET probe per percent
# (nearest rank), each using the latency index.
PG_PERCENTILES = ("SELECT percentile_cont(ARRAY[0.01,0.05,0.25,0.5,0.75,0.95,0.99]) "
                  "WITHIN GROUP (ORDER BY latency_ms) FROM logs")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rows(docs, seed):
    gen = loggen.LogGenerator(seed)
    for i in range(docs):
        f = gen.fields(i)
        yield f


def http(port, method, path, body=None, ctype="application/json"):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"content-type": ctype})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


def median_ms(fn, runs):
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def run_quiver(args, bulk_dir, work):
    port = free_port()
    data = os.path.join(work, "quiver-data")
    proc = subprocess.Popen([args.quiver, "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                http(port, "GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        http(port, "PUT", "/logs-bench", MAPPING)
        t = time.perf_counter()
        for f in sorted(glob.glob(os.path.join(bulk_dir, "bulk-*.ndjson"))):
            with open(f, "rb") as fh:
                http(port, "POST", "/_bulk", fh.read(), "application/x-ndjson")
        http(port, "POST", "/logs-bench/_refresh")
        http(port, "POST", "/logs-bench/_forcemerge?max_num_segments=1")
        load_s = time.perf_counter() - t
        res = {}
        for name, q in QUIVER_QUERIES.items():
            http(port, "POST", "/logs-bench/_search", q)  # warm-up
            ms, out = median_ms(lambda: http(port, "POST", "/logs-bench/_search", q), args.runs)
            res[name] = (ms, out["aggregations"])
        return load_s, res
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def run_sqlite(args, work):
    path = os.path.join(work, "logs.sqlite")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE logs (ts INTEGER, host TEXT, service TEXT, status INTEGER, "
               "bytes INTEGER, latency_ms REAL, level TEXT, trace_id TEXT)")
    t = time.perf_counter()
    db.executemany("INSERT INTO logs VALUES (?,?,?,?,?,?,?,?)",
                   ((f["@timestamp"], f["host.name"], f["service"], f["status"], f["bytes"],
                     f["latency_ms"], f["level"], f["trace_id"]) for f in rows(args.docs, args.seed)))
    for col in ("ts", "service", "status", "latency_ms", "trace_id"):
        db.execute(f"CREATE INDEX logs_{col} ON logs({col})")
    db.commit()
    db.execute("ANALYZE")
    load_s = time.perf_counter() - t
    res = {}
    for name, sql in SQL_QUERIES.items():
        db.execute(sql).fetchall()
        res[name] = median_ms(lambda: db.execute(sql).fetchall(), args.runs)

    def percentiles():
        n = db.execute("SELECT COUNT(*) FROM logs").fetchone()[0]
        return [db.execute("SELECT latency_ms FROM logs ORDER BY latency_ms LIMIT 1 OFFSET ?",
                           (max(0, min(n - 1, int(p / 100 * n))),)).fetchone()[0]
                for p in PERCENTS]
    res["q4_percentiles"] = median_ms(percentiles, args.runs)
    db.close()
    return load_s, res


def run_postgres(args, work):
    if not shutil.which("initdb") or not shutil.which("pg_ctl"):
        return None, {}
    # PostgreSQL refuses to run as root: run its tools as the `postgres`
    # user then, in a directory it owns.
    as_user = []
    pgdir = os.path.join(work, "pg")
    os.makedirs(pgdir)
    if os.geteuid() == 0:
        import pwd
        pw = pwd.getpwnam("postgres")
        os.chmod(work, 0o755)
        os.chown(pgdir, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    pgdata = os.path.join(pgdir, "data")
    port = free_port()
    subprocess.run(as_user + ["initdb", "-D", pgdata, "-U", "postgres", "--auth=trust"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(as_user + ["pg_ctl", "-D", pgdata, "-o", f"-p {port} -k {pgdir} -h 127.0.0.1",
                              "-l", os.path.join(pgdir, "pg.log"), "-w", "start"], check=True,
                   stdout=subprocess.DEVNULL)

    def psql(sql, timing=False):
        cmd = ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-At", "-q"]
        if timing:
            cmd += ["-c", "\\timing on"]
        cmd += ["-c", sql]
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout

    try:
        tsv = os.path.join(pgdir, "logs.tsv")
        with open(tsv, "w") as out:  # read client-side by psql
            for f in rows(args.docs, args.seed):
                out.write(f"{f['@timestamp']}\t{f['host.name']}\t{f['service']}\t{f['status']}\t"
                          f"{f['bytes']}\t{f['latency_ms']}\t{f['level']}\t{f['trace_id']}\n")
        t = time.perf_counter()
        psql("CREATE TABLE logs (ts BIGINT, host TEXT, service TEXT, status INTEGER, "
             "bytes BIGINT, latency_ms DOUBLE PRECISION, level TEXT, trace_id TEXT)")
        psql(f"\\copy logs FROM '{tsv}'")
        for col in ("ts", "service", "status", "latency_ms", "trace_id"):
            psql(f"CREATE INDEX logs_{col} ON logs({col})")
        psql("VACUUM ANALYZE logs")
        load_s = time.perf_counter() - t
        res = {}
        queries = dict(SQL_QUERIES)
        queries["q4_percentiles"] = PG_PERCENTILES
        for name, sql in queries.items():
            psql(sql)
            times = []
            for _ in range(args.runs):
                out = psql(sql, timing=True)
                ms = [float(l.split()[1]) for l in out.splitlines() if l.startswith("Time:")]
                times.append(ms[-1])
            res[name] = (statistics.median(times), None)
        return load_s, res
    finally:
        subprocess.run(as_user + ["pg_ctl", "-D", pgdata, "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL)


def check(quiver, sqlite_res):
    """Cross-checks Quiver's answers against SQLite's exact ones."""
    notes = []
    q2 = quiver["q2_terms_highcard"][1]["t"]["buckets"]
    s2 = sqlite_res["q2_terms_highcard"][1]
    notes.append(f"q2 top doc_count quiver={q2[0]['doc_count']} sqlite={s2[0][1]}")
    card = quiver["q3_cardinality"][1]["c"]["value"]
    exact = sqlite_res["q3_cardinality"][1][0][0]
    notes.append(f"q3 cardinality quiver={card} exact={exact} "
                 f"error={abs(card - exact) / max(exact, 1) * 100:.2f}%")
    st = quiver["q5_range_stats"][1]["s"]
    s5 = sqlite_res["q5_range_stats"][1][0]
    ok = st["count"] == s5[0] and st["min"] == s5[1] and st["max"] == s5[2]
    notes.append(f"q5 count/min/max equal: {ok} ({st['count']} vs {s5[0]})")
    buckets = quiver["q1_datehisto_terms_avg"][1]["h"]["buckets"]
    total = sum(b["doc_count"] for b in buckets)
    s1 = sum(r[2] for r in sqlite_res["q1_datehisto_terms_avg"][1])
    notes.append(f"q1 total doc_count quiver={total} sqlite={s1}")
    return notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quiver", required=True)
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data-dir", default=os.path.join(ROOT, "bench", "data", "ingest"))
    ap.add_argument("--skip-postgres", action="store_true")
    args = ap.parse_args()
    bulk_dir = os.path.join(args.data_dir, f"seed{args.seed}-{args.docs}")
    if not os.path.exists(os.path.join(bulk_dir, "meta.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "ingest", "loggen.py"),
                        "--out", bulk_dir, "--docs", str(args.docs), "--seed", str(args.seed)],
                       check=True)
    with tempfile.TemporaryDirectory(prefix="quiver-aggbench-") as work:
        q_load, quiver = run_quiver(args, bulk_dir, work)
        s_load, sqlite_res = run_sqlite(args, work)
        p_load, pg = None, {}
        if not args.skip_postgres:
            try:
                p_load, pg = run_postgres(args, work)
            except (subprocess.CalledProcessError, OSError, KeyError) as e:
                print(f"postgres: skipped ({e})", file=sys.stderr)
    print(f"docs={args.docs} seed={args.seed} runs={args.runs} (median ms)")
    print(f"load seconds: quiver={q_load:.1f} sqlite={s_load:.1f} "
          f"postgres={'-' if p_load is None else f'{p_load:.1f}'} duckdb=not installed")
    print(f"{'query':26} {'quiver':>9} {'sqlite':>9} {'postgres':>9} {'q/sqlite':>9} {'q/pg':>7}")
    for name in QUIVER_QUERIES:
        qm = quiver[name][0]
        sm = sqlite_res[name][0]
        pm = pg[name][0] if name in pg else None
        pg_s = f"{pm:9.1f}" if pm is not None else f"{'-':>9}"
        ratio_pg = f"{qm / pm:7.2f}" if pm else f"{'-':>7}"
        print(f"{name:26} {qm:9.1f} {sm:9.1f} {pg_s} {qm / sm:9.2f} {ratio_pg}")
    for n in check(quiver, sqlite_res):
        print("check:", n)


if __name__ == "__main__":
    main()
