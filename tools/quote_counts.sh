#!/usr/bin/env bash
# Quotes per speaker, as a dashboard counts them: reads a quotes topic of newsflowd (keyed by
# the speaker's name, an empty key when unknown) from the beginning with
# isolation.level=read_committed — the setting every consumer of an exactly-once output topic
# needs — and prints one "count<TAB>speaker" line per speaker, most quoted first.
#
#   tools/quote_counts.sh BROKERS TOPIC        e.g. tools/quote_counts.sh 127.0.0.1:9092 news.quotes
set -euo pipefail
[[ $# -eq 2 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v kcat >/dev/null || { echo "quote_counts.sh: kcat not found (Debian package: kcat)" >&2; exit 1; }
kcat -b "$1" -C -t "$2" -o beginning -e -q -X isolation.level=read_committed -f '%k\n' |
  awk '{ n[$0 == "" ? "(unknown speaker)" : $0]++ } END { for (k in n) printf "%d\t%s\n", n[k], k }' |
  sort -t$'\t' -k1,1nr -k2,2
