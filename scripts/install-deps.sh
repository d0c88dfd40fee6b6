#!/usr/bin/env bash
# Installs everything Quiver needs from Debian 12 packages (and npm for the
# JavaScript test client). Idempotent; prints nothing when all is present.
#
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --bench    also the benchmark peers (hnswlib, FAISS,
#                                      Xapian, SQLite, PostgreSQL, datasets, wrk)
set -euo pipefail

want_bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) want_bench=1 ;;
    *) echo "install-deps.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang libclang-rt-14-dev
  libboost1.81-dev libsimdjson-dev libzstd-dev zlib1g-dev
  libicu-dev libstemmer-dev libspdlog-dev libfmt-dev libcli11-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-yaml python3-elasticsearch
  curl
)
# Node.js and npm: machines often carry NodeSource's nodejs, which bundles npm
# and conflicts with Debian's npm package, so only ask Debian for the commands
# that are really absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "$want_bench" = 1 ]; then
  packages+=(libhnswlib-dev libfaiss-dev libxapian-dev libsqlite3-dev
             dataset-fashion-mnist dict-gcide linux-doc wrk libopenblas-dev
             postgresql)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The JavaScript client used by the client tests (pinned, installed locally).
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/tests/clients/js/node_modules/@elastic/elasticsearch" ]; then
  echo "install-deps: npm install in tests/clients/js"
  (cd "$root/tests/clients/js" && npm install --no-audit --no-fund --silent >/dev/null)
fi
