# Quiver — the two commands a new user needs:
#   make run    install what is missing, build a release binary, start the server
#   make test   install, build and run every suite CI runs
# Other targets: build, conformance, crash-test, fuzz, bench, clean.

BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
FUZZ_DIR    ?= build-fuzz
BENCH_DIR   ?= build-bench
JOBS        ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps build run test conformance crash-test fuzz bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD_DIR)/build.ninja
	@cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	$(BUILD_DIR)/quiver serve

test: build
	@scripts/test-all.sh

conformance: build
	@/usr/bin/python3 tests/rest/run_yaml_tests.py --server-binary $(BUILD_DIR)/quiver \
	  --server-arg=-E --server-arg=action.destructive_requires_name=false \
	  --json-report $(BUILD_DIR)/conformance.json

crash-test: build
	@/usr/bin/python3 tests/crash/crash_test.py --binary $(BUILD_DIR)/quiver --cycles $${CYCLES:-50}

fuzz: deps
	@scripts/fuzz.sh $(FUZZ_DIR) $${FUZZ_SECONDS:-60}

bench: deps
	@scripts/install-deps.sh --bench
	@scripts/bench.sh $(BENCH_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(BENCH_DIR)
