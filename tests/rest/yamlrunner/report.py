"""Output of a run: failure lines, the per-directory table, the summary
line (always the last line), the JSON report and the passing list."""

import collections
import json
import os

from .executor import FAILED, PASSED, SKIPPED

MAX_REASON_CHARS = 400


def one_line(text, limit=MAX_REASON_CHARS):
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[:limit] + "..."
    return text


def failure_line(result):
    return "FAIL %s: %s" % (result.test_id, one_line(result.reason))


def counts(results):
    c = collections.Counter(r.status for r in results)
    return c[PASSED], c[FAILED], c[SKIPPED]


def summary_line(results):
    passed, failed, skipped = counts(results)
    return "%d passed, %d failed, %d skipped" % (passed, failed, skipped)


def table(results):
    by_dir = collections.OrderedDict()
    for r in sorted(results, key=lambda r: r.rel_dir):
        by_dir.setdefault(r.rel_dir, []).append(r)
    width = max([len("directory")] + [len(d) for d in by_dir]) + 2
    lines = ["%-*s %7s %7s %8s" % (width, "directory", "passed", "failed", "skipped")]
    for d, rs in by_dir.items():
        p, f, s = counts(rs)
        lines.append("%-*s %7d %7d %8d" % (width, d, p, f, s))
    p, f, s = counts(results)
    lines.append("%-*s %7d %7d %8d" % (width, "total", p, f, s))
    return lines


def write_json(path, results, meta):
    p, f, s = counts(results)
    data = {
        "meta": meta,
        "summary": {"passed": p, "failed": f, "skipped": s},
        "directories": {},
        "tests": [r.to_json() for r in results],
    }
    for r in results:
        d = data["directories"].setdefault(r.rel_dir, {"passed": 0, "failed": 0, "skipped": 0})
        d[r.status] += 1
    _atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


PASSING_HEADER = """\
# Elasticsearch YAML REST tests known to pass against Quiver.
# One test id per line: <path under the tests root>::<test name>.
# CI runs `run_yaml_tests.py --expect tests/rest/passing.txt`: only these
# tests run, and any of them not passing fails the build.
# Regenerate with `run_yaml_tests.py ... --write-passing tests/rest/passing.txt`.
"""


def write_passing(path, results):
    ids = sorted(r.test_id for r in results if r.status == PASSED)
    _atomic_write(path, PASSING_HEADER + "".join(i + "\n" for i in ids))


def read_id_list(path):
    """Test ids from a list file: one per line, `#` starts a comment line."""
    ids = []
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").strip()
            if not line or line.startswith("#"):
                continue
            ids.append(line)
    return ids


def _atomic_write(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
