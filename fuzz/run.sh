#!/bin/sh
# Builds the fuzz targets (fuzz/build.sh) and runs each for SECONDS seconds, one after the
# other, with a 10 s limit per input and 2 GB of memory:
#   fuzz/run.sh SECONDS [TARGET...]      (targets: html_to_text tokenizer extractor decode
#                                         proto_decode config)
# Each run starts from fuzz/corpus/<target> and keeps what it finds in build/fuzz/corpus/<target>;
# a crash, timeout or memory blow-up leaves its input in build/fuzz/artifacts/<target>/ and makes
# the script exit non-zero (after the other targets ran). FUZZ_FLAGS adds libFuzzer options.
set -u
if [ $# -lt 1 ]; then
  echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 64
fi
SECONDS_EACH=$1
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/fuzz
TARGETS=${*:-html_to_text tokenizer extractor decode proto_decode config}
"$ROOT/fuzz/build.sh" "$OUT" >/dev/null || exit 1
status=0
for t in $TARGETS; do
  mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
  echo "== $t: ${SECONDS_EACH}s" >&2
  # shellcheck disable=SC2086
  if ! nice -n 19 "$OUT/${t}_fuzz" -max_total_time="$SECONDS_EACH" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" \
      ${FUZZ_FLAGS:-} "$OUT/corpus/$t" "$ROOT/fuzz/corpus/$t" 2>"$OUT/$t.log"; then
    echo "== $t FAILED, see $OUT/$t.log and $OUT/artifacts/$t/" >&2
    status=1
  fi
  tail -n 12 "$OUT/$t.log" | grep -E 'stat::number_of_executed_units|cov:|ERROR|SUMMARY' >&2
done
exit $status
