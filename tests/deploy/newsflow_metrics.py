"""The metrics newsflowd exports on /metrics (the contract of issue 11), for the checks of the
dashboard and the alert rules: every metric name they use must be one of these.

Counters are named with their _total suffix; a histogram NAME is queried as NAME_bucket,
NAME_sum and NAME_count, never as NAME itself.
"""

import re

GAUGES = {
    "newsflow_build_info",
    "newsflow_ready",
    "newsflow_consumer_lag_messages",
    "process_resident_memory_bytes",
    "process_start_time_seconds",
    "process_open_fds",
    "process_max_fds",
    "process_virtual_memory_bytes",
    "up",  # Prometheus' own, per scrape target
}
COUNTERS = {
    "newsflow_records_consumed_total",
    "newsflow_input_bytes_total",
    "newsflow_records_produced_total",
    "newsflow_dead_letters_total",
    "newsflow_records_truncated_total",
    "newsflow_transactions_committed_total",
    "newsflow_transactions_aborted_total",
    "newsflow_commit_failures_total",
    "newsflow_rebalances_total",
    "process_cpu_seconds_total",
}
HISTOGRAMS = {
    "newsflow_processing_latency_seconds",
    "newsflow_extraction_stage_seconds",
    "newsflow_record_actors",
    "newsflow_record_quotes",
    "newsflow_record_locations",
}

SERIES = GAUGES | COUNTERS | {h + s for h in HISTOGRAMS for s in ("_bucket", "_sum", "_count")}

# Names of newsflowd's and the process collector's metrics, and `up`, as they appear in PromQL.
# A name directly followed by `(` is a function (e.g. a future `up(`), not a metric.
_NAME = re.compile(r"(?<![\w:])((?:newsflow|process)_[a-z_]+|up)\b(?!\s*\()")


def metric_names(expr):
    """The metric names (newsflow_*, process_*, up) an expression names."""
    # Label values and matchers ("...") may hold anything; names are outside quotes.
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    return set(_NAME.findall(unquoted))


def unknown_names(expr):
    """The names in expr that newsflowd does not export."""
    return sorted(metric_names(expr) - SERIES)
