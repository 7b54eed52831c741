#!/usr/bin/env bash
# Checks that two newsflowd binaries write byte-identical records over a corpus: every *.txt
# under CORPUS_DIR (recursively) becomes one JSON raw item (the file is the body), and every
# *.jsonl file is taken as it is; both binaries run `newsflowd normalize` on the same input.
#
#   tools/records_diff.sh OLD_NEWSFLOWD NEW_NEWSFLOWD CORPUS_DIR... [-- --config FILE]
#
# Exit 0 identical (prints the article count), 1 different (prints the first differences), 2 a
# binary failed.
set -euo pipefail
old=$1 new=$2
shift 2
dirs=()
while (($#)) && [ "$1" != "--" ]; do dirs+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/in.jsonl" "${dirs[@]}" <<'PY'
import json, os, sys
out = open(sys.argv[1], "w")
for d in sys.argv[2:]:
    for root, _, files in sorted(os.walk(d)):
        for f in sorted(files):
            p = os.path.join(root, f)
            if f.endswith(".txt"):
                body = open(p, encoding="utf-8", errors="replace").read()
                out.write(json.dumps({"id": p, "body": body}, ensure_ascii=False) + "\n")
            elif f.endswith(".jsonl"):
                for line in open(p, encoding="utf-8"):
                    if line.strip():
                        out.write(line if line.endswith("\n") else line + "\n")
PY
n=$(wc -l <"$tmp/in.jsonl")
# normalize exits 2 when some input is rejected (its rejection is a record too); anything else
# is a failure of the binary, and comparing its partial output would prove nothing.
for which in old new; do
  rc=0
  "${!which}" normalize "$@" --input "$tmp/in.jsonl" >"$tmp/$which.jsonl" || rc=$?
  if ((rc != 0 && rc != 2)); then
    echo "records_diff: the $which binary failed (exit $rc)" >&2
    exit 2
  fi
done
if cmp -s "$tmp/old.jsonl" "$tmp/new.jsonl"; then
  echo "records_diff: identical records on $n articles ($(wc -l <"$tmp/old.jsonl") records)"
else
  echo "records_diff: records differ ($n articles)" >&2
  diff "$tmp/old.jsonl" "$tmp/new.jsonl" | head -c 4000 >&2
  exit 1
fi
