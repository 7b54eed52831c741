#!/usr/bin/env python3
"""The metric names the dashboard and alert checks accept (newsflow_metrics.py) are exactly the
ones newsflowd serves: its generated reference (`check-config --metrics-reference`, from the
metric table in daemon/ops/metrics.cc). A metric renamed in the code fails here, not on a
dashboard in production.

Usage: metrics_contract_check.py NEWSFLOWD
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import newsflow_metrics  # noqa: E402


def main():
    out = subprocess.run([sys.argv[1], "check-config", "--metrics-reference"], check=True,
                         capture_output=True, text=True).stdout
    served = {}
    for name, kind in re.findall(r"^\| `([a-z_]+)` \| (counter|gauge|histogram) \|", out, re.M):
        served[name] = kind
    listed = {n: "gauge" for n in newsflow_metrics.GAUGES - {"up"}}
    listed.update({n: "counter" for n in newsflow_metrics.COUNTERS})
    listed.update({n: "histogram" for n in newsflow_metrics.HISTOGRAMS})
    problems = []
    for n in sorted(set(served) | set(listed)):
        if served.get(n) != listed.get(n):
            problems.append(f"{n}: newsflowd serves {served.get(n, 'nothing')}, "
                            f"newsflow_metrics.py lists {listed.get(n, 'nothing')}")
    if not served:
        problems.append("no metric in the reference")
    for p in problems:
        print("metrics_contract_check:", p)
    if problems:
        return 1
    print(f"metrics_contract_check: {len(served)} metrics agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
