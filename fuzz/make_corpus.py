#!/usr/bin/python3
"""Writes the seed corpora in fuzz/corpus/<target>/ (committed; rerun only
when a file format changes):

  make_corpus.py --server-binary build/quiver

wal_reader_fuzzer seeds are real files from a server's data directory (a
WAL with operations, a segment, a deletion file, a manifest), each prefixed
with the selector byte of the fuzzer (format, and with/without checksum
repair). The other targets get hand-written documents and request bodies.
The server is bound to 127.0.0.1, bounded in time and stopped by its PID.
"""

import argparse
import glob
import json
import os
import shutil
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
from quiver_server import QuiverServer  # noqa: E402


def call(server, method, path, body=None):
    data = None
    headers = {}
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(server.url + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def storage_seeds(binary):
    tmp = tempfile.mkdtemp(prefix="quiver-corpus-")
    try:
        with QuiverServer(binary, data_dir=tmp) as s:
            call(s, "PUT", "/t", {"settings": {"index.refresh_interval": "-1"}})
            for i in range(1, 6):
                call(s, "PUT", "/t/_doc/%d?routing=r%d" % (i, i),
                     {"title": "doc %d" % i, "n": i, "tags": ["a", "b"]})
            call(s, "DELETE", "/t/_doc/2?routing=r2")
            shard = glob.glob(os.path.join(tmp, "data", "indices", "*", "0"))[0]
            wal = open(glob.glob(os.path.join(shard, "wal-*.log"))[0], "rb").read()
            call(s, "POST", "/t/_flush")
            call(s, "DELETE", "/t/_doc/3?routing=r3")
            call(s, "POST", "/t/_flush")
            seg = open(glob.glob(os.path.join(shard, "seg-*.qseg"))[0], "rb").read()
            dele = open(glob.glob(os.path.join(shard, "seg-*.del-*"))[0], "rb").read()
            man = open(sorted(glob.glob(os.path.join(shard, "manifest-*")))[-1], "rb").read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    t = "wal_reader_fuzzer"
    for name, fmt, data in (("wal", 0, wal), ("segment", 1, seg), ("livedocs", 2, dele),
                            ("manifest", 3, man)):
        write(t, name + "-raw", bytes([fmt]) + data)
        write(t, name + "-repair", bytes([fmt | 4]) + data)
    write(t, "wal-torn-tail", bytes([0]) + wal[:-7])


def document_seeds():
    t = "document_parser_fuzzer"
    full = {"@timestamp": "2024-05-01T12:00:00.123Z", "day": "2024-05-01",
            "nanos": "2024-05-01T12:00:00.123456789Z", "title": "The quick brown fox",
            "body": "lorem ipsum", "tag": "MiXeD", "const": "fixed", "wild": "a*b",
            "count": "12", "small": 5, "tiny": -3, "short": None, "price": 12.345,
            "big": 18446744073709551615, "ratio": 0.5, "f": 1.5e10, "hf": 0.1,
            "flag": "true", "addr": "2001:db8::1", "blob": "aGVsbG8=",
            "emb": [0.1, 0.2, 0.3], "bytes_vec": [1, -2, 3], "seed_vec": [1.0, 2.0],
            "labels": {"env": "prod", "tier": {"x": "1"}},
            "user": {"name": "ann", "age": 31, "geo": {"city": "Oslo"}},
            "items": [{"sku": "a1", "qty": 2}, {"sku": "b2", "qty": 1}],
            "off": {"anything": [1, {"x": None}]}}
    write(t, "full-mapping", b"\x00" + json.dumps(full).encode())
    write(t, "strict-unknown", b"\x01" + b'{"title":"x","unknown":1}')
    dyn = {"i_count": 3, "kw": {"a": "short", "b": "x" * 40}, "vec_x": [1, 2, 3, 4],
           "when": "2024-05-01", "num": "42", "flt": "4.5", "arr": [None, 1, 2],
           "deep": {"a": {"b": {"c": {"d": 1}}}}, "dotted.key": "v", "u": "caf\u00e9 \u2603"}
    write(t, "dynamic", b"\x02" + json.dumps(dyn, ensure_ascii=False).encode())
    write(t, "source-filter", b"\x03" + json.dumps(
        {"keep": "k", "n": 1, "n2": 2, "a": {"b": "t", "secret": "s"}, "x": {"pw": "p"}}).encode())
    write(t, "malformed", b"\x00" + b'{"count": "abc", "small": 1.5, "flag": "maybe", '
                                     b'"addr": "300.1.1.1", "emb": [1, 2], "title": {"a": 1}')
    write(t, "escapes", b"\x02" + b'{"s":"\\u00e9\\ud83d\\ude00\\n\\"","n":-0.0,"e":1e309,'
                                   b'"k":"a","k":"b"}')


def request_seeds():
    t = "bulk_request_fuzzer"
    bulk = "\n".join([
        '{"index":{"_index":"fuzz","_id":"1"}}', '{"title":"hello","n":1,"tag":"a"}',
        '{"create":{"_index":"fuzz","_id":"2","routing":"r"}}', '{"title":"x","v":[1,2,3]}',
        '{"update":{"_index":"fuzz","_id":"1"}}', '{"doc":{"n":2},"doc_as_upsert":true}',
        '{"delete":{"_index":"fuzz","_id":"2"}}',
        '{"index":{"_index":"other-index"}}', '{"auto":"created","when":"2024-05-01"}',
        '{"index":{"_index":"fuzz","_id":"3","if_seq_no":0,"if_primary_term":1}}', '{"n":"bad"}',
    ]) + "\n"
    write(t, "bulk-mixed", b"\x00\x00" + bulk.encode())
    write(t, "bulk-index-path", b"\x01\x03" + b'{"index":{"_id":"9"}}\n{"title":"t","ok":true}\n'
                                               b'{"delete":{"_id":"9"}}\n')
    write(t, "bulk-malformed", b"\x00\x01" + b'{"index":{"_index":"fuzz"}\n{"a":1}\n{"bogus":{}}\n')
    write(t, "doc", b"\x02\x00" + json.dumps(
        {"@timestamp": "2024-05-01T00:00:00Z", "title": "a b c", "tag": "k", "n": 5,
         "x": 1.25, "ok": False, "ip": "10.0.0.1", "v": [0.5, 0.25, 1], "obj": {"a": "z"},
         "extra": {"dyn": [1, 2]}}).encode())
    write(t, "doc-auto-id", b"\x05\x01" + b'{"title":"auto"}')
    write(t, "search", b"\x03\x0a" + json.dumps(
        {"query": {"bool": {"must": [{"match_all": {}}], "filter": [{"ids": {"values": ["1"]}}]}},
         "size": 5, "from": 0, "sort": ["_doc"], "track_total_hits": True,
         "_source": {"includes": ["title"]}}).encode())
    write(t, "search-term-id", b"\x03\x00" + b'{"query":{"terms":{"_id":["1","2"]}},"version":true}')
    write(t, "create-index", b"\x04\x00" + json.dumps(
        {"settings": {"number_of_shards": 2, "index.translog.durability": "async"},
         "mappings": {"dynamic": "strict", "properties": {"a": {"type": "keyword"},
                                                          "b": {"type": "text", "analyzer": "english"}}},
         "aliases": {"al": {"is_write_index": True}}}).encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server-binary", required=True)
    a = ap.parse_args()
    storage_seeds(a.server_binary)
    document_seeds()
    request_seeds()
    for t in sorted(os.listdir(os.path.join(HERE, "corpus"))):
        print(t, len(os.listdir(os.path.join(HERE, "corpus", t))), "files")


if __name__ == "__main__":
    main()
