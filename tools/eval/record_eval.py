#!/usr/bin/env python3
"""Scores what users get: the records `newsflowd normalize` prints, not the extraction stages.

  record_eval.py entities CONLL_FILE [--min-f1 F]
  record_eval.py quotes POLNEAR_DIR [--min-detection-f1 F] [--min-speaker-accuracy A]

Common options: --newsflowd PATH (default build/release/daemon/newsflowd), --config FILE (default
none: `normalize` loads the shipped NER model and gazetteer), --skip-missing (exit 77 when the
corpus is not there, for tests on machines without ../shared/).

entities: every -DOCSTART- document of a CoNLL-2003 file (IOB1 or IOB2 tags in the last column)
becomes one raw item whose body is its tokens joined by single spaces, a sentence per line.
PER and ORG come from `actors`, LOC from `locations`; a location at a span replaces an actor at
the same span (the record says "place" there). Exact span and type; MISC is not scored, and a
prediction inside a gold MISC span ("German" as a place) counts neither way.

quotes: every article of a PolNeAR directory (text/NAME.txt, attributions/NAME_ANNOTATOR.ann; the
annotator whose file sorts first). Gold quotes are the “…”, "…" and ''…'' segments (at least two
characters inside the marks) within a fragment of an annotated Content span; a record quote matches an
unmatched gold segment when it covers at least half of it. Speaker accuracy is counted on matched
quotes whose gold Source holds a proper name: right when a mention of the quote's speaker
overlaps the Source span, or the Source's last proper name is part of the speaker's name.

Exit status: 0, 1 when a floor is not reached or normalize failed, 2 usage, 77 corpus missing
with --skip-missing.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

SKIP = 77


def run_normalize(args, items):
    """Records of `newsflowd normalize` for the items, by id (the same Normalizer as the daemon)."""
    cmd = [args.newsflowd, "normalize"]
    if args.config:
        cmd += ["--config", args.config]
    payload = "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items).encode()
    done = subprocess.run(cmd, input=payload, capture_output=True, check=False)
    # 2: some lines were rejected (an empty document); those simply have no record.
    if done.returncode not in (0, 2):
        sys.stderr.write(done.stderr.decode(errors="replace"))
        sys.exit(f"record_eval: {' '.join(cmd)} exited {done.returncode}")
    records = {}
    for line in done.stdout.decode().splitlines():
        if line.strip():
            rec = json.loads(line)
            records[rec["id"]] = rec
    return records


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---- entities -------------------------------------------------------------------------------

def conll_documents(path):
    """[[ [(word, tag), ...] sentence, ...] document, ...]"""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if line.startswith("-DOCSTART-") or not line:
                if sent:
                    doc.append(sent)
                    sent = []
                if line.startswith("-DOCSTART-") and doc:
                    docs.append(doc)
                    doc = []
                continue
            cols = line.split()
            sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def conll_item(n, doc):
    """The raw item of one document, and its gold entities as (begin, end, type)."""
    lines, gold, offset = [], [], 0
    for sent in doc:
        col, prev_type, current = offset, None, None
        for word, tag in sent:
            kind = None if tag == "O" else tag[2:]
            starts = kind is not None and (tag.startswith("B-") or kind != prev_type)
            if current and (kind is None or starts):
                gold.append(tuple(current))
                current = None
            if kind:
                if current is None:
                    current = [col, col + len(word), kind]
                else:
                    current[1] = col + len(word)
            prev_type = kind
            col += len(word) + 1
        if current:
            gold.append(tuple(current))
        line = " ".join(w for w, _ in sent)
        lines.append(line)
        offset += len(line) + 1
    item = {"id": f"conll-{n}", "body": "\n".join(lines), "source": "eval", "language": "en"}
    return item, gold


def record_entities(rec):
    found = {}
    kinds = {"PERSON": "PER", "ORGANIZATION": "ORG"}
    for actor in rec.get("actors", []):
        kind = kinds.get(actor.get("type"))
        if kind:
            for m in actor.get("mentions", []):
                found[(m["begin"], m["end"])] = kind
    for place in rec.get("locations", []):
        for m in place.get("mentions", []):
            found[(m["begin"], m["end"])] = "LOC"
    return {(b, e, k) for (b, e), k in found.items()}


def cmd_entities(args):
    items, golds, miscs = [], {}, {}
    for n, doc in enumerate(conll_documents(args.corpus)):
        item, gold = conll_item(n, doc)
        items.append(item)
        golds[item["id"]] = {g for g in gold if g[2] in ("PER", "ORG", "LOC")}
        miscs[item["id"]] = [(b, e) for b, e, k in gold if k == "MISC"]
    records = run_normalize(args, items)
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for item in items:
        gold = golds[item["id"]]
        pred = {
            p
            for p in record_entities(records.get(item["id"], {}))
            if not any(b <= p[0] and p[1] <= e for b, e in miscs[item["id"]])
        }
        for p in pred:
            (tp if p in gold else fp)[p[2]] += 1
        for g in gold - pred:
            fn[g[2]] += 1
    print(f"{args.corpus}: {len(items)} documents, {len(records)} records")
    for kind in ("PER", "ORG", "LOC"):
        p, r, f = prf(tp[kind], fp[kind], fn[kind])
        print(f"  {kind}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {tp[kind] + fn[kind]})")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"  micro P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return check_floor("entity F1", f, args.min_f1)


# ---- quotes ---------------------------------------------------------------------------------

# A quoted segment with its marks: curly doubles, straight doubles, and the two apostrophes of
# wire and archive texts.
SEGMENT = re.compile(r"“[^”]{2,}”|\"[^\"]{2,}\"|''(?:(?!'').){2,}?''", re.S)
NOT_A_NAME = set(
    "A An The This That These Those He She It They We I You His Her Its Their Our One Some Many "
    "Mr Mrs Ms Dr Officials Sources Aides".split()
)


def brat(path):
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[0].startswith("T") and len(cols) >= 3:
                # "Content 1088 1148;938 1030": a discontinuous span, fragments in any order.
                label, _, offsets = cols[1].partition(" ")
                pieces = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
                spans[cols[0]] = (label, pieces, cols[2])
            elif cols[0].startswith("E") and len(cols) >= 2:
                events.append(dict(r.split(":", 1) for r in cols[1].split() if ":" in r))
    return spans, events


def gold_quotes(text, ann):
    spans, events = brat(ann)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if not content:
            continue
        source = spans.get(ev.get("Source", ""))
        for begin, end in content[1]:
            for m in SEGMENT.finditer(text, begin, end):
                out.append((m.start(), m.end(), source))
    return out


def proper_names(text):
    words = re.findall(r"[A-Z][\w’'.\-]*", text)
    names = [w.strip(".’'") for w in words if w.strip(".’'") not in NOT_A_NAME]
    return [w for w in names if len(w) > 1]


def cmd_quotes(args):
    texts = sorted(f for f in os.listdir(os.path.join(args.corpus, "text")) if f.endswith(".txt"))
    anns = sorted(os.listdir(os.path.join(args.corpus, "attributions")))
    items, golds = [], {}
    for n, name in enumerate(texts):
        stem = name[:-4]
        mine = [a for a in anns if a.rsplit("_", 1)[0] == stem]
        if not mine:
            continue
        with open(os.path.join(args.corpus, "text", name), encoding="utf-8") as f:
            text = f.read()
        item = {"id": f"polnear-{n}", "body": text, "source": "eval", "language": "en"}
        items.append(item)
        golds[item["id"]] = gold_quotes(text, os.path.join(args.corpus, "attributions", mine[0]))
    records = run_normalize(args, items)
    tp = fp = fn = named = right = 0
    for item in items:
        rec = records.get(item["id"], {})
        gold = golds[item["id"]]
        actors = {a["id"]: a for a in rec.get("actors", [])}
        taken = [False] * len(gold)
        for q in rec.get("quotes", []):
            b, e = q["begin"], q["end"]
            hit = next(
                (
                    j
                    for j, (gb, ge, _) in enumerate(gold)
                    if not taken[j] and min(e, ge) - max(b, gb) >= 0.5 * (ge - gb)
                ),
                None,
            )
            if hit is None:
                fp += 1
                continue
            taken[hit] = True
            tp += 1
            source = gold[hit][2]
            want = proper_names(source[2]) if source else []
            if not want:
                continue
            named += 1
            speaker = actors.get(q.get("speaker_id"))
            if speaker:
                overlaps = any(
                    m["begin"] < e and b < m["end"] for m in speaker["mentions"] for b, e in source[1]
                )
                right += overlaps or want[-1] in speaker["name"]
        fn += taken.count(False)
    p, r, f = prf(tp, fp, fn)
    accuracy = right / named if named else 0.0
    print(f"{args.corpus}: {len(items)} articles, {len(records)} records, {tp + fn} gold quotes")
    print(f"  detection P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"  speaker accuracy {accuracy:.3f} ({right}/{named} matched quotes with a named source)")
    status = check_floor("quote detection F1", f, args.min_detection_f1)
    return max(status, check_floor("speaker accuracy", accuracy, args.min_speaker_accuracy))


def check_floor(what, value, floor):
    if floor is not None and value < floor:
        print(f"record_eval: {what} {value:.3f} is below the floor {floor:.3f}", file=sys.stderr)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--newsflowd", default="build/release/daemon/newsflowd")
    parser.add_argument("--config", help="config with models.* (default: the shipped models)")
    parser.add_argument("--skip-missing", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    ent = sub.add_parser("entities", help="PER/ORG/LOC of the records on a CoNLL-2003 file")
    ent.add_argument("corpus")
    ent.add_argument("--min-f1", type=float)
    quo = sub.add_parser("quotes", help="direct quotes and speakers on a PolNeAR directory")
    quo.add_argument("corpus")
    quo.add_argument("--min-detection-f1", type=float)
    quo.add_argument("--min-speaker-accuracy", type=float)
    args = parser.parse_args()
    if not os.path.exists(args.corpus):
        if args.skip_missing:
            print(f"record_eval: {args.corpus} is not here; skipped", file=sys.stderr)
            return SKIP
        parser.error(f"{args.corpus}: no such corpus")
    return cmd_entities(args) if args.command == "entities" else cmd_quotes(args)


if __name__ == "__main__":
    sys.exit(main())
