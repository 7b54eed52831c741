#!/usr/bin/env bash
# Quick start, command two: set up, then run every test — unit and integration tests of the
# release build (the integration tests start a real single-node Kafka broker from Maven jars on
# loopback), then the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
# then each libFuzzer target for FUZZ_SECONDS (default 30) from its seed corpus.
# Exit status 0 only when everything passed. Broker logs of a failed run stay in
# build/release/tests/integration/broker/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log() { printf '\033[1mtest:\033[0m %s (%ss)\n' "$*" "$(($(date +%s) - start))" >&2; }

tools/setup.sh            # packages, release build, gazetteer
log "fetching the Kafka broker jars (Maven, cached after the first run)"
tests/kafka/broker.sh fetch

jobs=$(nproc)
log "release: unit and integration tests"
ctest --preset release -j "$jobs" --timeout 900

log "asan-ubsan: building"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$jobs"
log "asan-ubsan: unit tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan-ubsan -j "$jobs" --timeout 900
log "fuzzers: ${FUZZ_SECONDS:-30} s each under ASan+UBSan (fuzz/run.sh; longer by hand)"
fuzz/run.sh "${FUZZ_SECONDS:-30}"
log "all tests passed"
