#!/usr/bin/env bash
# systemd_verify.sh UNIT BINARY: runs `systemd-analyze verify` on a copy of UNIT whose
# ExecStart* commands that name newsflowd point at BINARY (verify checks that the executable
# exists). Exits 77 (skipped) when systemd-analyze is not installed or the unit is not written yet.
set -euo pipefail

unit="$1"
binary="$(realpath "$2")"
[[ -f "${unit}" ]] || { echo "systemd_verify.sh: no unit file at ${unit}; skipping" >&2; exit 77; }
[[ -x "${binary}" ]] || { echo "systemd_verify.sh: ${binary} is not an executable" >&2; exit 1; }
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd_verify.sh: systemd-analyze not installed; skipping" >&2
  exit 77
fi

tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT
copy="${tmp}/$(basename "${unit}")"
# Rewrite the program of every Exec* line whose program is newsflowd (any path, optional
# systemd prefixes such as - @ : + !), keeping its arguments.
sed -E "s#^(Exec[A-Za-z]*=[-@:+!]*)[^[:space:]]*/?newsflowd([[:space:]]|\$)#\\1${binary}\\2#" \
  "${unit}" >"${copy}"
if ! grep -q "^ExecStart=.*${binary}" "${copy}"; then
  echo "systemd_verify.sh: no ExecStart= running newsflowd in ${unit}" >&2
  exit 1
fi
echo "ExecStart after rewriting: $(grep '^ExecStart=' "${copy}")"
# verify fails on errors. It only warns (exit 0) about unknown keys and bad values in the unit,
# so those lines, which name the file, fail the test too; other host-dependent warnings (no
# systemd running in a container) do not.
status=0
findings="$(systemd-analyze verify "${copy}" 2>&1)" || status=$?
[[ -z "${findings}" ]] || echo "${findings}"
if ((status != 0)); then
  echo "systemd_verify.sh: systemd-analyze verify failed (exit ${status})" >&2
  exit 1
fi
if grep -q "$(basename "${unit}"):" <<<"${findings}"; then
  echo "systemd_verify.sh: systemd-analyze verify reported problems in the unit" >&2
  exit 1
fi
echo "systemd-analyze verify: ${unit} OK"
