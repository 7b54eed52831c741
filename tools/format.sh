#!/usr/bin/env bash
# clang-format every C++ source of the repository (`--check`: list unformatted files, exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format.sh: clang-format not installed" >&2; exit 77; }
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || find daemon tests tools bench -name '*.cc' -o -name '*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
  done
  if ((${#bad[@]})); then
    printf 'not clang-formatted (run tools/format.sh):\n' >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
  fi
  echo "format.sh: ${#files[@]} files formatted"
else
  clang-format -i "${files[@]}"
fi
