#!/usr/bin/env python3
"""Converts Debian's English text packages into benchmark corpora: JSON lines,
one document per line, {"id": N, "title": "...", "text": "..."}.

  make_corpus.py gcide [--dict /usr/share/dictd/gcide] OUT.jsonl
  make_corpus.py linux-doc [--root /usr/share/doc/linux-doc-6.1/Documentation] OUT.jsonl

gcide: every entry of the dictd database (dict-gcide), found through its
index (headword, base64 offset, base64 length), deduplicated by offset (the
index has 203k headwords, but several headwords share one entry); the "00-*"
metadata entries are skipped. ~126k entries, ~40 MB of text.

linux-doc: every .rst / .txt file of the kernel documentation (gzipped or
not), split into sections at reStructuredText headings (a text line followed
by an underline of one repeated punctuation character at least as long as
the line); sections shorter than 40 characters are dropped.

Output is deterministic (sorted file walk, index order). Standard library only.
"""

import argparse
import gzip
import json
import os
import re
import sys

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B64_VALUE = {c: i for i, c in enumerate(B64)}


def dictd_number(s):
    n = 0
    for c in s:
        n = n * 64 + B64_VALUE[c]
    return n


def gcide_docs(base):
    with gzip.open(base + ".dict.dz", "rb") as f:
        data = f.read()
    seen = set()
    with open(base + ".index", encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00-"):
                continue
            offset, length = dictd_number(parts[1]), dictd_number(parts[2])
            if offset in seen:
                continue
            seen.add(offset)
            text = data[offset:offset + length].decode("utf-8", errors="replace").strip()
            if text:
                yield parts[0], text


UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}\s*$")


def rst_sections(name, text):
    lines = text.splitlines()
    title, body = name, []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (line.strip() and not UNDERLINE.match(line) and UNDERLINE.match(nxt)
                and len(nxt.rstrip()) >= len(line.rstrip())):
            yield title, "\n".join(body)
            title, body = line.strip(), []
            i += 2
            continue
        if UNDERLINE.match(line):  # overlines of titles, transitions
            i += 1
            continue
        body.append(line)
        i += 1
    yield title, "\n".join(body)


def linux_doc_docs(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            base = fn[:-3] if fn.endswith(".gz") else fn
            if not (base.endswith(".rst") or base.endswith(".txt")):
                continue
            path = os.path.join(dirpath, fn)
            opener = gzip.open if fn.endswith(".gz") else open
            with opener(path, "rb") as f:
                text = f.read().decode("utf-8", errors="replace")
            rel = os.path.relpath(path, root)
            for title, body in rst_sections(rel, text):
                body = body.strip()
                if len(body) >= 40:
                    yield f"{rel}: {title}", body


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", choices=["gcide", "linux-doc"])
    ap.add_argument("out")
    ap.add_argument("--dict", default="/usr/share/dictd/gcide")
    ap.add_argument("--root", default="/usr/share/doc/linux-doc-6.1/Documentation")
    args = ap.parse_args()
    docs = gcide_docs(args.dict) if args.corpus == "gcide" else linux_doc_docs(args.root)
    n = size = 0
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        for title, text in docs:
            out.write(json.dumps({"id": n, "title": title, "text": text}, ensure_ascii=False))
            out.write("\n")
            n += 1
            size += len(text.encode("utf-8"))
    os.replace(tmp, args.out)
    print(f"{args.out}: {n} documents, {size / 1e6:.1f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
