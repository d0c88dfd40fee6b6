#!/usr/bin/env bash
# Builds a release server and the benchmark tools into BUILD_DIR, then runs
# the benchmarks one step at a time and records results in BENCHMARKS.md.
#
#   scripts/bench.sh [BUILD_DIR]            (make bench: BUILD_DIR=build-bench)
#
# Steps (each can be skipped with BENCH_SKIP="ingest vector ..."):
#   ingest  bench/ingest/run_ingest.py: _bulk docs/s and MB/s with durability
#           async and request, GET by id, peak RSS, disk bytes per million docs
#   vector  bench/vector/run.sh BUILD_DIR, if that script exists
#   text    bench/text/run_text.py: full text in process against Xapian and
#           SQLite FTS5 on dict-gcide and linux-doc, plus HTTP _search
#   agg     bench/agg/run_agg.py: five aggregations on AGG_DOCS (10000000)
#           log docs against SQLite and PostgreSQL (AGG_ARGS: extra arguments)
# Knobs for the ingest step: INGEST_DOCS (2000000), INGEST_REPEAT (3),
# INGEST_CONNECTIONS (4,8), INGEST_ARGS (extra arguments for run_ingest.py),
# TEXT_ARGS (extra arguments for run_text.py, e.g. "--corpora gcide"),
# BENCH_MARKDOWN (BENCHMARKS.md; "none" to leave it alone).
# Exits non-zero if a step fails (a failed ingest verification included).
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build-bench}
JOBS=${JOBS:-2}
PY=/usr/bin/python3
BENCH_SKIP=${BENCH_SKIP:-}
BENCH_MARKDOWN=${BENCH_MARKDOWN:-BENCHMARKS.md}

skipped() { [[ " $BENCH_SKIP " == *" $1 "* ]]; }

echo "== build (release, benchmarks on) in $BUILD_DIR"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUIVER_BUILD_BENCH=ON \
  -DQUIVER_BUILD_TESTS=OFF >/dev/null || { echo "bench.sh: configure failed" >&2; exit 1; }
bench_targets=(quiver bulk_client)
skipped text || bench_targets+=(fulltext_bench)
cmake --build "$BUILD_DIR" -j"$JOBS" --target "${bench_targets[@]}" \
  || { echo "bench.sh: build failed" >&2; exit 1; }

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "   $(uptime)"

failed=()
md_args=()
[ "$BENCH_MARKDOWN" != none ] && md_args=(--markdown "$BENCH_MARKDOWN")

if skipped ingest; then
  echo "== ingest: skipped (BENCH_SKIP)"
else
  echo "== ingest (bench/ingest/run_ingest.py)"
  # shellcheck disable=SC2086
  $PY bench/ingest/run_ingest.py \
    --server-binary "$BUILD_DIR/quiver" \
    --client-binary "$BUILD_DIR/bench/ingest/bulk_client" \
    --docs "${INGEST_DOCS:-2000000}" --repeat "${INGEST_REPEAT:-3}" \
    --connections "${INGEST_CONNECTIONS:-4,8}" \
    "${md_args[@]}" ${INGEST_ARGS:-} || failed+=(ingest)
fi

if skipped vector; then
  echo "== vector: skipped (BENCH_SKIP)"
elif [ -x bench/vector/run.sh ]; then
  echo "== vector (bench/vector/run.sh)"
  bench/vector/run.sh "$BUILD_DIR" || failed+=(vector)
elif [ -f bench/vector/run.sh ]; then
  echo "== vector (bench/vector/run.sh)"
  bash bench/vector/run.sh "$BUILD_DIR" || failed+=(vector)
else
  echo "== vector: skipped (bench/vector/run.sh does not exist yet)"
fi

if skipped text; then
  echo "== text: skipped (BENCH_SKIP)"
else
  echo "== text (bench/text/run_text.py)"
  # shellcheck disable=SC2086
  $PY bench/text/run_text.py --build-dir "$BUILD_DIR" "${md_args[@]}" ${TEXT_ARGS:-} \
    || failed+=(text)
fi

if skipped agg; then
  echo "== agg: skipped (BENCH_SKIP)"
else
  echo "== agg (bench/agg/run_agg.py)"
  # shellcheck disable=SC2086
  $PY bench/agg/run_agg.py --quiver "$BUILD_DIR/quiver" --docs "${AGG_DOCS:-10000000}" \
    ${AGG_ARGS:-} || failed+=(agg)
fi

# Further benchmarks are added here as steps of the same shape.

echo "   $(uptime)"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "bench.sh: failed steps: ${failed[*]}" >&2
  exit 1
fi
echo "bench.sh: all steps done"
