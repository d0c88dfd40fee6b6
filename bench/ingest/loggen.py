"""Seeded generator of small structured log documents for the ingest and
aggregation benchmarks.

Document `i` of a data set depends only on (seed, i) — a counter-based
SplitMix64 stream — so any document can be regenerated on its own, files can
be written in parallel, and a benchmark can recompute exact aggregation
results by iterating `LogGenerator(seed).fields(i)` without reading the files.
Only integer arithmetic is used (no floats, no libm), so the output is
byte-identical on every platform and easy to port to C++.

A document (about 300 bytes of JSON, 9 leaf fields):

  {"@timestamp":"2024-05-01T00:00:00.123Z",   date, increasing with jitter
   "host":{"name":"host-017.prod.internal"},    keyword, 200 values
   "service":"checkout",                        keyword, 12 values, skewed
   "status":200,                                integer, 13 values, skewed
   "bytes":5123,                                long, heavy tail
   "latency_ms":12.34,                          float, 2 decimals
   "level":"INFO",                              keyword, follows status
   "message":"cache miss for user session ...", text, fixed vocabulary
   "trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}  keyword, unique

Bulk bodies: `{"index":{"_index":I,"_id":ID}}` + document per item, ID = 16
hex digits that also depend only on (seed, i) (see doc_id).

CLI: python3 loggen.py --out DIR --docs N [--seed S] [--batch 1000]
     [--index logs-bench] [--jobs J]   writes DIR/bulk-NNNNNN.ndjson,
     DIR/ids-sample.txt and DIR/meta.json; does nothing if meta.json says the
     same parameters are already there.
"""

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15

# 2024-05-01T00:00:00Z in epoch milliseconds.
BASE_EPOCH_MS = 1714521600000
DEFAULT_INTERVAL_MS = 25       # nominal spacing: 10M docs span ~2.9 days
DEFAULT_JITTER_MS = 2000       # +-2 s out-of-order jitter, as in real log shipping
DEFAULT_SEED = 42
DEFAULT_INDEX = "logs-bench"

NUM_HOSTS = 200
SERVICES = [  # (name, weight)
    ("frontend", 24), ("checkout", 14), ("cart", 12), ("search", 10), ("auth", 9),
    ("payments", 7), ("inventory", 6), ("shipping", 5), ("recommendations", 5),
    ("email", 3), ("ads", 3), ("currency", 2),
]
STATUSES = [  # (code, weight per 1000)
    (200, 780), (201, 40), (204, 20), (301, 10), (304, 30), (400, 25), (401, 15),
    (403, 10), (404, 40), (429, 8), (500, 12), (502, 6), (503, 4),
]
VERBS = ["GET", "POST", "PUT", "DELETE", "PATCH"]
RESOURCES = ["user", "session", "order", "cart", "item", "payment", "invoice", "token",
             "profile", "product", "shipment", "coupon", "account", "review", "quote"]
INFO_PHRASES = ["request completed", "cache hit for", "served", "fetched", "updated",
                "created", "validated", "queued", "accepted", "resolved"]
WARN_PHRASES = ["slow response for", "retrying request for", "rate limited on",
                "client error on", "deprecated api used for", "missing header on"]
ERROR_PHRASES = ["upstream timeout on", "connection reset while fetching",
                 "failed to serialize", "database deadlock on", "unhandled exception in",
                 "circuit breaker open for"]
WORDS = ["alpha", "bravo", "cluster", "region", "primary", "replica", "backend", "gateway",
         "worker", "batch", "stream", "pool", "node", "east", "west", "north", "south",
         "edge", "core", "legacy", "canary", "stable", "blue", "green", "shard", "queue",
         "lambda", "proxy", "mesh", "sidecar", "ingress", "egress"]


def _cumulative(pairs):
    out, total = [], 0
    for value, weight in pairs:
        total += weight
        out.append((total, value))
    return out, total


_SERVICE_CDF, _SERVICE_TOTAL = _cumulative(SERVICES)
_STATUS_CDF, _STATUS_TOTAL = _cumulative(STATUSES)


def _pick(cdf, total, r):
    x = r % total
    for bound, value in cdf:
        if x < bound:
            return value
    return cdf[-1][1]


def mix64(z):
    """SplitMix64 finaliser (Steele, Lea, Flood 2014)."""
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK64
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK64
    return z ^ (z >> 31)


class _Stream:
    """SplitMix64 stream: state advances by the golden gamma, output is mixed."""
    __slots__ = ("s",)

    def __init__(self, state):
        self.s = state

    def next(self):
        self.s = (self.s + GOLDEN) & MASK64
        return mix64(self.s)


_DAYS_CACHE = {}


def _civil_from_days(days):
    """Days since 1970-01-01 -> (y, m, d) (H. Hinnant's algorithm, integers only)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def format_epoch_ms(ms):
    """Epoch milliseconds -> "YYYY-MM-DDTHH:MM:SS.mmmZ"."""
    days, rem = divmod(ms, 86400000)
    prefix = _DAYS_CACHE.get(days)
    if prefix is None:
        y, m, d = _civil_from_days(days)
        prefix = _DAYS_CACHE[days] = "%04d-%02d-%02dT" % (y, m, d)
    h, rem = divmod(rem, 3600000)
    mi, rem = divmod(rem, 60000)
    s, milli = divmod(rem, 1000)
    return "%s%02d:%02d:%02d.%03dZ" % (prefix, h, mi, s, milli)


class LogGenerator:
    """Documents of one data set. Stateless apart from parameters: fields(i)
    and doc_json(i) may be called in any order."""

    def __init__(self, seed=DEFAULT_SEED, interval_ms=DEFAULT_INTERVAL_MS,
                 jitter_ms=DEFAULT_JITTER_MS, base_epoch_ms=BASE_EPOCH_MS):
        self.seed = seed
        self.interval_ms = interval_ms
        self.jitter_ms = jitter_ms
        self.base_epoch_ms = base_epoch_ms
        self._key = mix64((seed * GOLDEN + 0x632BE59BD9B4E019) & MASK64)
        self._id_key = mix64(self._key ^ 0xD1B54A32D192ED03)

    def doc_id(self, i):
        """The _id of document i: 16 lowercase hex digits."""
        return "%016x" % mix64((self._id_key + i * GOLDEN) & MASK64)

    def fields(self, i):
        """Document i as a dict with the leaf fields under their full paths
        ("host.name"); `@timestamp` is epoch milliseconds."""
        r = _Stream((self._key ^ (i * 0xD6E8FEB86659FD93)) & MASK64)
        ts = self.base_epoch_ms + i * self.interval_ms
        if self.jitter_ms:
            ts += r.next() % (2 * self.jitter_ms + 1) - self.jitter_ms
        else:
            r.next()
        host = "host-%03d.prod.internal" % (r.next() % NUM_HOSTS)
        service = _pick(_SERVICE_CDF, _SERVICE_TOTAL, r.next())
        status = _pick(_STATUS_CDF, _STATUS_TOTAL, r.next())
        x = r.next()
        nbytes = 120 + x % 4000
        if (x >> 32) % 100 < 4:  # 4%: large responses
            nbytes += (x >> 40) % 2000000
        x = r.next()
        latency_cents = 50 + x % 5000  # 0.50 .. 50.49 ms
        if (x >> 32) % 100 < 3:  # 3%: slow requests up to ~5 s
            latency_cents += (x >> 40) % 500000
        if status >= 500:
            level, phrases = "ERROR", ERROR_PHRASES
        elif status >= 400:
            level, phrases = "WARN", WARN_PHRASES
        else:
            level, phrases = ("DEBUG" if r.next() % 100 < 3 else "INFO"), INFO_PHRASES
        x = r.next()
        words = [phrases[x % len(phrases)], VERBS[(x >> 8) % len(VERBS)],
                 "/api/" + RESOURCES[(x >> 16) % len(RESOURCES)]]
        x = r.next()
        n_extra = 5 + x % 6
        for k in range(n_extra):
            words.append(WORDS[(x >> (8 + 5 * k)) % len(WORDS)])
        trace_id = "%016x%016x" % (r.next(), r.next())
        return {
            "@timestamp": ts,
            "host.name": host,
            "service": service,
            "status": status,
            "bytes": nbytes,
            "latency_ms": latency_cents / 100.0,
            "latency_cents": latency_cents,
            "level": level,
            "message": " ".join(words),
            "trace_id": trace_id,
        }

    def doc_json(self, i):
        """Document i as compact JSON (keys in a fixed order)."""
        f = self.fields(i)
        c = f["latency_cents"]
        # The vocabulary has no characters JSON needs to escape.
        return ('{"@timestamp":"%s","host":{"name":"%s"},"service":"%s","status":%d,'
                '"bytes":%d,"latency_ms":%d.%02d,"level":"%s","message":"%s","trace_id":"%s"}'
                % (format_epoch_ms(f["@timestamp"]), f["host.name"], f["service"], f["status"],
                   f["bytes"], c // 100, c % 100, f["level"], f["message"], f["trace_id"]))

    def bulk_body(self, start, count, index=DEFAULT_INDEX):
        """NDJSON _bulk body for documents [start, start+count), and the bytes
        of the documents alone (without action lines and newlines)."""
        parts = []
        source_bytes = 0
        for i in range(start, start + count):
            doc = self.doc_json(i)
            source_bytes += len(doc)
            parts.append('{"index":{"_index":"%s","_id":"%s"}}\n' % (index, self.doc_id(i)))
            parts.append(doc)
            parts.append("\n")
        return "".join(parts), source_bytes


def mappings():
    """Explicit mappings matching the generated documents."""
    return {
        "dynamic": "strict",
        "properties": {
            "@timestamp": {"type": "date"},
            "host": {"properties": {"name": {"type": "keyword"}}},
            "service": {"type": "keyword"},
            "status": {"type": "integer"},
            "bytes": {"type": "long"},
            "latency_ms": {"type": "float"},
            "level": {"type": "keyword"},
            "message": {"type": "text"},
            "trace_id": {"type": "keyword"},
        },
    }


def _write_file(args):
    out_dir, file_no, seed, start, count, index = args
    gen = LogGenerator(seed)
    body, source_bytes = gen.bulk_body(start, count, index)
    data = body.encode("ascii")
    path = os.path.join(out_dir, "bulk-%06d.ndjson" % file_no)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)
    return len(data), source_bytes


def write_dataset(out_dir, num_docs, seed=DEFAULT_SEED, batch=1000, index=DEFAULT_INDEX,
                  jobs=None, id_sample=100000, log=sys.stderr):
    """Writes the bulk files unless meta.json shows they are already there.
    Returns the meta dict."""
    params = {"generator": "loggen/1", "seed": seed, "num_docs": num_docs, "batch": batch,
              "index": index}
    meta_path = os.path.join(out_dir, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("params") == params and all(
                os.path.exists(os.path.join(out_dir, n)) for n in meta["files"]):
            return meta
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.startswith("bulk-") or name in ("meta.json", "ids-sample.txt"):
            os.remove(os.path.join(out_dir, name))
    tasks = []
    for file_no, start in enumerate(range(0, num_docs, batch)):
        tasks.append((out_dir, file_no, seed, start, min(batch, num_docs - start), index))
    print("loggen: writing %d docs in %d files to %s" % (num_docs, len(tasks), out_dir),
          file=log, flush=True)
    jobs = jobs or os.cpu_count() or 1
    total_bytes = total_source = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for nbytes, nsource in pool.map(_write_file, tasks, chunksize=8):
            total_bytes += nbytes
            total_source += nsource
    gen = LogGenerator(seed)
    step = max(1, num_docs // id_sample)
    with open(os.path.join(out_dir, "ids-sample.txt"), "w") as f:
        for i in range(0, num_docs, step):
            f.write(gen.doc_id(i) + "\n")
    meta = {
        "params": params,
        "files": ["bulk-%06d.ndjson" % n for n in range(len(tasks))],
        "ndjson_bytes": total_bytes,
        "source_bytes": total_source,
        "avg_source_bytes": total_source / num_docs if num_docs else 0,
    }
    with open(meta_path + ".tmp", "w") as f:
        json.dump(meta, f, indent=1)
    os.replace(meta_path + ".tmp", meta_path)
    return meta


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--index", default=DEFAULT_INDEX)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--print", type=int, default=0, metavar="N",
                    help="print the first N documents to stdout instead of writing files")
    a = ap.parse_args()
    if a.print:
        gen = LogGenerator(a.seed)
        for i in range(a.print):
            print(gen.doc_json(i))
        return
    meta = write_dataset(a.out, a.docs, a.seed, a.batch, a.index, a.jobs)
    print(json.dumps({k: meta[k] for k in ("ndjson_bytes", "source_bytes", "avg_source_bytes")}))


if __name__ == "__main__":
    main()
