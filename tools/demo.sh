#!/usr/bin/env bash
# Quick start, command one: set up, then run the daemon on its embedded demo cluster with the
# sample articles flowing. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
exec build/release/daemon/newsflowd run --config config/newsflowd.yaml
