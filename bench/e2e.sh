#!/usr/bin/env bash
# End-to-end benchmark: starts the tests' single-node Kafka broker (tests/kafka/broker.sh) in
# build/release/bench/broker, runs build/release/bench/e2e_bench against it with the arguments
# given (see bench/e2e_bench.cc), and stops the broker. Build first (tools/setup.sh).
#
#   bench/e2e.sh --articles 20000 --repeat 3 --modes exactly_once,at_least_once --models on,off
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/bench/e2e_bench
[[ -x "${bin}" ]] || { echo "e2e.sh: ${bin} missing: build the release preset first" >&2; exit 1; }
dir=build/release/bench/broker
tests/kafka/broker.sh stop "${dir}" >/dev/null 2>&1 || true
bootstrap="$(tests/kafka/broker.sh start "${dir}")"
trap 'tests/kafka/broker.sh stop "${dir}"' EXIT
IT_KAFKA_BOOTSTRAP="${bootstrap}" "${bin}" "$@"
