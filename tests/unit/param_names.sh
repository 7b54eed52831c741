#!/usr/bin/env bash
# Fails when a parameterized gtest case would show as a byte dump ("40-byte object <AE-C3 …>")
# in test lists and failure messages: its case type needs a PrintTo (tests/unit/print_case.h).
# Usage: param_names.sh TEST_BINARY...
set -euo pipefail
status=0
for bin in "$@"; do
  if dumps=$("$bin" --gtest_list_tests | grep -E 'GetParam\(\) = [0-9]+-byte object'); then
    printf '%s: parameters print as bytes:\n%s\n' "$bin" "$(head -3 <<<"$dumps")" >&2
    status=1
  fi
done
exit $status
