#!/usr/bin/env python3
"""Checks deploy/grafana/newsflowd-dashboard.json: valid JSON that Grafana can import with the
data source as the input and template variable DS_PROMETHEUS (no data source hard-coded in a
panel), unique panel ids, no overlapping panels, every query naming only metrics newsflowd
exports (newsflow_metrics.py) and only from job="newsflowd", the panels the runbook relies on
(throughput, lag per partition, dead letters by reason, latency p50/p99, time per extraction
stage, transactions, memory and CPU), and every query parsing as PromQL (promtool check rules
on the queries as recording rules, Grafana's variables replaced by values).

Usage: grafana_dashboard_check.py SOURCE_DIR [PROMTOOL]
Exit 77 (skipped) only when promtool is missing, after the other checks passed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import newsflow_metrics  # noqa: E402

DS = "${DS_PROMETHEUS}"
JOB = "newsflowd"
failures = []

# What the dashboard must show: a description and a regex one of its queries matches.
REQUIRED = [
    ("records consumed per second", r"rate\(newsflow_records_consumed_total\b"),
    ("records produced per second", r"rate\(newsflow_records_produced_total\b"),
    ("lag per partition", r"by \(topic, partition\) \(newsflow_consumer_lag_messages\b"),
    ("dead letters by reason", r"by \(reason\) \(rate\(newsflow_dead_letters_total\b"),
    ("processing latency p50",
     r"histogram_quantile\(0\.5, sum by \(le\) \(rate\(newsflow_processing_latency_seconds_bucket\b"),
    ("processing latency p99",
     r"histogram_quantile\(0\.99, sum by \(le\) \(rate\(newsflow_processing_latency_seconds_bucket\b"),
    ("time per extraction stage", r"by \(le, stage\) \(rate\(newsflow_extraction_stage_seconds_bucket\b"),
    ("transactions committed", r"rate\(newsflow_transactions_committed_total\b"),
    ("transactions aborted", r"rate\(newsflow_transactions_aborted_total\b"),
    ("resident memory", r"\bprocess_resident_memory_bytes\b"),
    ("CPU", r"rate\(process_cpu_seconds_total\b"),
]


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def all_panels(panels):
    for p in panels:
        yield p
        yield from all_panels(p.get("panels", []))  # panels inside collapsed rows


def datasource_uid(ds):
    return ds.get("uid") if isinstance(ds, dict) else ds


def main(source_dir, tool=None):
    path = os.path.join(source_dir, "deploy", "grafana", "newsflowd-dashboard.json")
    try:
        with open(path, encoding="utf-8") as f:
            dash = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")
        return 1

    for key in ("uid", "title", "schemaVersion", "panels"):
        if key not in dash:
            fail(f"dashboard has no {key}")
    inputs = [i for i in dash.get("__inputs", []) if i.get("name") == "DS_PROMETHEUS"]
    if not inputs or inputs[0].get("pluginId") != "prometheus" or inputs[0].get("type") != "datasource":
        fail("__inputs has no prometheus data source input DS_PROMETHEUS")
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    ds_var = variables.get("DS_PROMETHEUS", {})
    if ds_var.get("type") != "datasource" or ds_var.get("query") != "prometheus":
        fail("templating has no prometheus data source variable DS_PROMETHEUS")
    for name, v in variables.items():
        if v.get("type") == "query" and datasource_uid(v.get("datasource")) != DS:
            fail(f"variable {name}: data source is not {DS}")
        query = v.get("query")
        query = query.get("query", "") if isinstance(query, dict) else str(query or "")
        if v.get("type") == "query" and newsflow_metrics.unknown_names(query):
            fail(f"variable {name}: unknown metrics {newsflow_metrics.unknown_names(query)}")

    exprs, ids, cells = [], set(), {}
    for p in all_panels(dash.get("panels", [])):
        title = p.get("title", "?")
        if p.get("id") in ids:
            fail(f"panel {title}: id {p.get('id')} used twice")
        ids.add(p.get("id"))
        g = p.get("gridPos", {})
        x0, y0, w, h = (g.get(k, 0) for k in ("x", "y", "w", "h"))
        if w <= 0 or h <= 0 or x0 + w > 24:
            fail(f"panel {title}: gridPos {g} is not inside the 24-column grid")
        taken = {(x, y) for x in range(x0, x0 + w) for y in range(y0, y0 + h)}
        for other in sorted({cells[c] for c in taken if c in cells}):
            fail(f"panel {title} overlaps panel {other}")
        cells.update(dict.fromkeys(taken, title))
        if p.get("type") == "row":
            continue
        if datasource_uid(p.get("datasource")) != DS:
            fail(f"panel {title}: data source is not {DS}")
        if not p.get("targets"):
            fail(f"panel {title}: no queries")
        for t in p.get("targets", []):
            if "datasource" in t and datasource_uid(t["datasource"]) != DS:
                fail(f"panel {title} query {t.get('refId')}: data source is not {DS}")
            expr = t.get("expr", "")
            exprs.append((title, expr))
            unknown = newsflow_metrics.unknown_names(expr)
            if unknown:
                fail(f"panel {title}: names metrics newsflowd does not export: {', '.join(unknown)}")
            if not newsflow_metrics.metric_names(expr):
                fail(f"panel {title}: query names no newsflowd metric: {expr}")
            for selector in re.findall(r"\b(?:(?:newsflow|process)_[a-z_]+|up)\b(\{[^}]*\})?", expr):
                if f'job="{JOB}"' not in selector:
                    fail(f'panel {title}: a selector without job="{JOB}": {expr}')
                    break
    for what, pattern in REQUIRED:
        if not any(re.search(pattern, e) for _, e in exprs):
            fail(f"no panel shows {what} (a query matching {pattern})")

    # PromQL syntax: the queries as recording rules, Grafana's variables replaced.
    tool = tool or shutil.which("promtool")
    if not tool or not os.access(tool, os.X_OK):
        if failures:
            return 1
        print("grafana_dashboard_check: queries not parsed, promtool not found (Debian package "
              "prometheus; tools/setup.sh installs it)")
        return 77
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        rules = [{"record": f"dashboard:query:{i}",
                  "expr": e.replace("$__rate_interval", "5m").replace("$__range", "1h")
                           .replace("$instance", ".*")}
                 for i, (_, e) in enumerate(exprs)]
        json.dump({"groups": [{"name": "dashboard", "rules": rules}]}, f)  # JSON is YAML
    try:
        run = subprocess.run([tool, "check", "rules", f.name], capture_output=True, text=True,
                             timeout=120)
    finally:
        os.unlink(f.name)
    if run.returncode != 0:
        fail(f"dashboard queries do not parse as PromQL:\n{run.stdout}{run.stderr}")
    if failures:
        return 1
    print(f"grafana_dashboard_check: {len(ids)} panels, {len(exprs)} queries valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
