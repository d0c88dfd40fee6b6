#!/usr/bin/env python3
"""Draws a seeded query set from a corpus's vocabulary (JSON lines with a text
field) and writes one query per line: TYPE<TAB>words, TYPE one of term, and,
or, phrase.

  make_queries.py CORPUS.jsonl OUT.tsv [--field text] [--seed 42] [--per-type 500]

Only "plain" words are used: runs of ASCII letters delimited by whitespace or
by . , ; : ! ? ( ) " on either side, lowercased. Every engine in the benchmark
(Unicode word boundaries in Quiver, Xapian's term generator, FTS5's
unicode61) turns such a word into the same single token, so the queries mean
the same thing to all of them.

- term: one word. Document frequencies span five orders of magnitude, so
  words are drawn uniformly from log2(df) buckets (then uniformly within the
  bucket): rare, medium and very common words alike.
- and / or: 2 or 3 distinct plain words of one randomly chosen document
  (words that co-occur, weighted as they occur: common words come up often,
  as in real queries); `and` needs all, `or` any.
- phrase: 2 or 3 consecutive plain words of a random document with no
  punctuation between them.
Words with df < 2 are not used. Deterministic for a given corpus and seed.
"""

import argparse
import collections
import json
import math
import random
import re
import sys

PLAIN = re.compile(r'^[.,;:!?()"]*([A-Za-z]+)([.,;:!?()"]*)$')


def plain_words(text):
    """[(word, clean_after)] for whitespace-separated chunks: word is None when
    the chunk is not plain; clean_after is False when punctuation follows."""
    out = []
    for chunk in text.split():
        m = PLAIN.match(chunk)
        if m and not chunk.startswith(tuple('.,;:!?()"')):
            out.append((m.group(1).lower(), m.group(2) == ""))
        else:
            out.append((m.group(1).lower() if m else None, False))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--field", default="text")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--per-type", type=int, default=500)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    docs = []
    df = collections.Counter()
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            words = plain_words(json.loads(line).get(args.field, ""))
            docs.append(words)
            df.update({w for w, _ in words if w})

    buckets = collections.defaultdict(list)
    for w, n in sorted(df.items()):
        if n >= 2:
            buckets[int(math.log2(n))].append(w)
    bucket_keys = sorted(buckets)

    def term():
        return [rng.choice(buckets[rng.choice(bucket_keys)])]

    def cooccurring():
        while True:
            words = [w for w, _ in rng.choice(docs) if w and df[w] >= 2]
            distinct = list(dict.fromkeys(words))
            n = rng.choice((2, 3))
            if len(distinct) >= n:
                picked = []
                while len(picked) < n:  # weighted by occurrences in the doc
                    w = rng.choice(words)
                    if w not in picked:
                        picked.append(w)
                return picked

    def phrase():
        while True:
            words = rng.choice(docs)
            n = rng.choice((2, 3))
            if len(words) < n:
                continue
            i = rng.randrange(len(words) - n + 1)
            run = words[i:i + n]
            if all(w and df[w] >= 2 for w, _ in run) and all(c for _, c in run[:-1]):
                return [w for w, _ in run]

    with open(args.out, "w", encoding="utf-8") as out:
        for kind, draw in (("term", term), ("and", cooccurring), ("or", cooccurring),
                           ("phrase", phrase)):
            seen = set()
            while len(seen) < args.per_type:
                q = " ".join(draw())
                if q in seen:
                    continue
                seen.add(q)
                out.write(f"{kind}\t{q}\n")
    print(f"{args.out}: {4 * args.per_type} queries from {len(docs)} documents, "
          f"{len(df)} plain words", file=sys.stderr)


if __name__ == "__main__":
    main()
