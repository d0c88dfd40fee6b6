#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + AddressSanitizer + UBSan into
# BUILD_DIR and runs each for SECONDS over its seed corpus.
#
#   scripts/fuzz.sh [BUILD_DIR] [SECONDS]     (make fuzz: build-fuzz 60)
#
# FUZZ_TARGETS="wal_reader_fuzzer ..." runs a subset. Per target, the growing
# corpus lives in BUILD_DIR/fuzz-corpus/<target> (seeded from the committed
# fuzz/corpus/<target>), and crash/leak/timeout/oom inputs are written to
# BUILD_DIR/fuzz-artifacts/<target>/ with the log next to them. Prints one
# line per target — executions, coverage, and whether it crashed — and exits
# non-zero if any target crashed. Reproduce a crash with
#   BUILD_DIR/fuzz/<target> BUILD_DIR/fuzz-artifacts/<target>/crash-…
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${1:-build-fuzz}
SECONDS_PER_TARGET=${2:-60}
JOBS=${JOBS:-2}
TARGETS=${FUZZ_TARGETS:-"wal_reader_fuzzer document_parser_fuzzer bulk_request_fuzzer"}
RSS_LIMIT_MB=${FUZZ_RSS_LIMIT_MB:-2048}
UNIT_TIMEOUT_S=${FUZZ_TIMEOUT_S:-10}

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang)" >&2
  exit 2
fi
if [ -f "$BUILD_DIR/CMakeCache.txt" ] &&
   ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang' "$BUILD_DIR/CMakeCache.txt"; then
  echo "fuzz.sh: $BUILD_DIR was configured with another compiler; use a fresh directory" >&2
  exit 2
fi

echo "== configure + build fuzzers (clang, address,undefined) in $BUILD_DIR"
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQUIVER_BUILD_FUZZ=ON -DQUIVER_BUILD_TESTS=OFF -DQUIVER_SANITIZE=address,undefined >/dev/null \
  || { echo "fuzz.sh: configure failed" >&2; exit 1; }
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" -j"$JOBS" --target $TARGETS || { echo "fuzz.sh: build failed" >&2; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

crashed=()
summary=()
for t in $TARGETS; do
  bin="$BUILD_DIR/fuzz/$t"
  seeds="$ROOT/fuzz/corpus/$t"
  corpus="$BUILD_DIR/fuzz-corpus/$t"
  artifacts="$BUILD_DIR/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  log="$artifacts/fuzz.log"
  tmp=$(mktemp -d "${FUZZ_TMP_BASE:-/dev/shm}/quiver-fuzz.XXXXXX" 2>/dev/null || mktemp -d)
  dict_args=()
  [ "$t" != wal_reader_fuzzer ] && [ -f "$ROOT/fuzz/json.dict" ] && dict_args=(-dict="$ROOT/fuzz/json.dict")
  stamp="$artifacts/.started"
  touch "$stamp"
  echo "== $t: ${SECONDS_PER_TARGET}s (log $log)"
  # -max_total_time bounds the run; `timeout` guards against a hang outside
  # an input (e.g. at exit), which -timeout does not cover.
  QUIVER_FUZZ_TMPDIR="$tmp" timeout -k 30 $((SECONDS_PER_TARGET + 300)) \
    "$bin" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb="$RSS_LIMIT_MB" \
    -timeout="$UNIT_TIMEOUT_S" -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${dict_args[@]}" "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  rm -rf "$tmp"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
  found=$(find "$artifacts" -maxdepth 1 -type f \
          \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
          -newer "$stamp" 2>/dev/null | sort)
  if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
    status="CRASH (exit $rc): ${found:-see $log}"
    crashed+=("$t")
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' "$log" | sed 's/^/   /'
  else
    status="no crash"
  fi
  line=$(printf '%-24s %12s execs  cov %-6s ft %-6s corpus %-6s peak RSS %s MB  %s' \
         "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$status")
  echo "FUZZ $line"
  summary+=("$line")
done

echo "== fuzz summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
if [ "${#crashed[@]}" -gt 0 ]; then
  echo "fuzz.sh: crashes in ${crashed[*]} (artifacts in $BUILD_DIR/fuzz-artifacts/)" >&2
  exit 1
fi
