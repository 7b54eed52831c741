#!/usr/bin/env python3
"""Checks deploy/prometheus: the alert rules load (`promtool check rules`) and pass their unit
tests (`promtool test rules`), the example config loads (`promtool check config`), every rule
names only metrics newsflowd exports (newsflow_metrics.py) and carries summary, description and
runbook annotations, the expected alerts exist and at least three of them are tested both
firing and quiet, and the config's scrape job is the `job` the rules select.

Usage: prometheus_rules_check.py [--venv build/venv] SOURCE_DIR [PROMTOOL]
Exit 77 (skipped) when promtool or PyYAML is missing: tools/setup.sh installs both.
"""

import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deploy_venv  # noqa: E402
import newsflow_metrics  # noqa: E402

EXPECTED_ALERTS = {"NewsflowDown", "NewsflowLagGrowing", "NewsflowDeadLetterRate",
                   "NewsflowStalled", "NewsflowTransactionAborts"}
JOB = "newsflowd"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def promtool(tool, *args, cwd):
    run = subprocess.run([tool, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    print(f"$ promtool {' '.join(args)}: exit {run.returncode}")
    if run.returncode != 0:
        fail(f"promtool {' '.join(args)} exited {run.returncode}:\n{run.stdout}{run.stderr}")


def main(source_dir, tool=None):
    tool = tool or shutil.which("promtool")
    if not tool or not os.access(tool, os.X_OK):
        print("prometheus_rules_check: skipped, promtool not found (Debian package prometheus; "
              "tools/setup.sh installs it)")
        return 77
    try:
        import yaml
    except ImportError:
        print(f"prometheus_rules_check: skipped, {sys.executable} has no PyYAML "
              "(run with build/venv/bin/python, which tools/setup.sh creates)")
        return 77

    d = os.path.join(source_dir, "deploy", "prometheus")
    promtool(tool, "check", "rules", "newsflowd-alerts.yml", cwd=d)
    promtool(tool, "test", "rules", "newsflowd-alerts_test.yml", cwd=d)
    promtool(tool, "check", "config", "prometheus.yml", cwd=d)

    with open(os.path.join(d, "newsflowd-alerts.yml"), encoding="utf-8") as f:
        rules = [r for g in yaml.safe_load(f)["groups"] for r in g["rules"]]
    alerts = {}
    for rule in rules:
        name = rule.get("alert") or rule.get("record")
        expr = str(rule.get("expr", ""))
        unknown = newsflow_metrics.unknown_names(expr)
        if unknown:
            fail(f"rule {name}: names metrics newsflowd does not export: {', '.join(unknown)}")
        if not newsflow_metrics.metric_names(expr):
            fail(f"rule {name}: names no newsflowd metric")
        # Every selector of the rule is limited to the scrape job of prometheus.yml.
        for selector in re.findall(r"\b(?:newsflow_[a-z_]+|up)\b(\{[^}]*\})?", expr):
            if f'job="{JOB}"' not in selector:
                fail(f'rule {name}: a selector without job="{JOB}": {expr.strip()}')
                break
        if "alert" in rule:
            alerts[name] = rule
            annotations = rule.get("annotations") or {}
            for key in ("summary", "description", "runbook"):
                if not str(annotations.get(key, "")).strip():
                    fail(f"alert {name}: no {key} annotation")
            if (rule.get("labels") or {}).get("severity") not in ("critical", "warning"):
                fail(f"alert {name}: severity label is not critical or warning")
    for name in sorted(EXPECTED_ALERTS - alerts.keys()):
        fail(f"alert {name} is missing")

    # Unit tests: which alerts are tested firing and which quiet; input series are real names.
    with open(os.path.join(d, "newsflowd-alerts_test.yml"), encoding="utf-8") as f:
        tests = yaml.safe_load(f)
    firing, quiet = set(), set()
    for test in tests.get("tests", []):
        for series in test.get("input_series", []):
            unknown = newsflow_metrics.unknown_names(series["series"])
            if unknown:
                fail(f"alert test input series {series['series']}: unknown metric {unknown}")
        for case in test.get("alert_rule_test", []):
            (firing if case.get("exp_alerts") else quiet).add(case["alertname"])
    both = firing & quiet & EXPECTED_ALERTS
    print(f"alerts tested firing and quiet: {', '.join(sorted(firing & quiet))}")
    if len(both) < 3:
        fail(f"only {len(both)} of the alerts are tested both firing and quiet (want 3)")

    with open(os.path.join(d, "prometheus.yml"), encoding="utf-8") as f:
        config = yaml.safe_load(f)
    if "newsflowd-alerts.yml" not in (config.get("rule_files") or []):
        fail("prometheus.yml: rule_files does not load newsflowd-alerts.yml")
    if JOB not in [s.get("job_name") for s in config.get("scrape_configs") or []]:
        fail(f"prometheus.yml: no scrape job {JOB}")

    if failures:
        return 1
    print(f"prometheus_rules_check: {len(rules)} rules valid and tested, prometheus.yml valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(*deploy_venv.enter(sys.argv, ["yaml"])[:2]))
