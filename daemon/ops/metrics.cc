#include "daemon/ops/metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace newsflow::ops {
namespace {

using T = MetricType;

const std::vector<double> kLatencyBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                             0.5,   1,    2.5,   5,    10,  30};
// Ordinary news takes 0.05 to 5 ms per stage; the work budget stops one at 100 ms and more.
const std::vector<double> kStageBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                           0.01,   0.025,   0.05,   0.1,   0.25,   1};
const std::vector<double> kCountBuckets = {0, 1, 2, 5, 10, 20, 50, 100};

// The table. Names follow Prometheus's conventions: newsflow_ prefix, base units in the name,
// _total on counters; labels have few values (topics, partitions, reason codes, stages).
const std::vector<MetricDef>& Table() {
  static const std::vector<MetricDef> kTable = {
      {"newsflow_build_info",
       T::kGauge,
       "Always 1; the labels say which build and which models are running.",
       {"version", "ner_model", "gazetteer"},
       {}},
      {"newsflow_ready",
       T::kGauge,
       "1 while the loop is ready: models loaded, producer initialized, group joined (or the "
       "replay range assigned), not draining or fenced. /readyz also turns 503 at SIGTERM and "
       "when the loop stalls.",
       {},
       {}},
      {"newsflow_records_consumed_total",
       T::kCounter,
       "Messages polled from each input topic (a rewound batch is counted again).",
       {"topic"},
       {}},
      {"newsflow_input_bytes_total",
       T::kCounter,
       "Bytes (key + value) of the messages polled from each input topic.",
       {"topic"},
       {}},
      {"newsflow_records_produced_total",
       T::kCounter,
       "Records committed to each output topic (the main, quotes, actors and locations topics; "
       "dead letters are counted apart).",
       {"topic"},
       {}},
      {"newsflow_dead_letters_total",
       T::kCounter,
       "Inputs committed to the dead-letter topic, by reason code (the `newsflow.error` "
       "header's text before the first colon).",
       {"reason"},
       {}},
      {"newsflow_records_truncated_total",
       T::kCounter,
       "Records published over their work budget (`truncated: true`, with what was found).",
       {},
       {}},
      {"newsflow_transactions_committed_total",
       T::kCounter,
       "Transactions committed (exactly_once), or offset commits of delivered batches "
       "(at_least_once).",
       {},
       {}},
      {"newsflow_transactions_aborted_total",
       T::kCounter,
       "Transactions aborted (exactly_once): their batch is processed again.",
       {},
       {}},
      {"newsflow_commit_failures_total",
       T::kCounter,
       "Batches whose delivery or commit failed (the batch is rewound and retried).",
       {},
       {}},
      {"newsflow_rebalances_total",
       T::kCounter,
       "Partition assignments changed by the group, by kind (assign, revoke, lost).",
       {"kind"},
       {}},
      {"newsflow_consumer_lag_messages",
       T::kGauge,
       "Per assigned input partition: its high watermark minus this group's committed offset "
       "(both as last seen by this instance, at most a few seconds old).",
       {"topic", "partition"},
       {}},
      {"newsflow_processing_latency_seconds",
       T::kHistogram,
       "From a message's poll to its batch being committed (delivery confirmed).",
       {},
       kLatencyBuckets},
      {"newsflow_extraction_stage_seconds",
       T::kHistogram,
       "Wall time of one article in each extraction stage (ner: tokenizing and tagging; places; "
       "actors; quotes).",
       {"stage"},
       kStageBuckets},
      {"newsflow_record_actors", T::kHistogram, "Actors per published record.", {}, kCountBuckets},
      {"newsflow_record_quotes", T::kHistogram, "Quotes per published record.", {}, kCountBuckets},
      {"newsflow_record_locations",
       T::kHistogram,
       "Locations per published record.",
       {},
       kCountBuckets},
  };
  return kTable;
}

// The standard process metrics (client libraries' names), read from /proc at scrape time.
const std::vector<MetricDef>& ProcessTable() {
  static const std::vector<MetricDef> kTable = {
      {"process_cpu_seconds_total", T::kCounter, "User and system CPU time spent.", {}, {}},
      {"process_resident_memory_bytes", T::kGauge, "Resident memory size.", {}, {}},
      {"process_virtual_memory_bytes", T::kGauge, "Virtual memory size.", {}, {}},
      {"process_start_time_seconds", T::kGauge, "Start time since the Unix epoch.", {}, {}},
      {"process_open_fds", T::kGauge, "Open file descriptors.", {}, {}},
      {"process_max_fds", T::kGauge, "Limit of open file descriptors.", {}, {}},
  };
  return kTable;
}

const MetricDef& Def(std::string_view name) {
  for (const auto& d : Table()) {
    if (d.name == name) return d;
  }
  std::abort();  // a name missing from the table is a programming error caught by any test
}

const char* TypeName(MetricType t) {
  switch (t) {
    case T::kCounter:
      return "counter";
    case T::kGauge:
      return "gauge";
    case T::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void AppendNumber(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  }
}

void AppendEscaped(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

// {a="x",b="y"} plus an optional extra pair (a histogram's le); nothing when there is none.
void AppendLabels(std::string& out, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return;
  out += '{';
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i]);
    out += '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out += ',';
    out += extra_name;
    out += "=\"";
    out += extra_value;
    out += '"';
  }
  out += '}';
}

void AppendHeader(std::string& out, const MetricDef& d) {
  out += "# HELP ";
  out += d.name;
  out += ' ';
  for (char c : d.help) {  // HELP escapes only backslash and newline
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += "\n# TYPE ";
  out += d.name;
  out += ' ';
  out += TypeName(d.type);
  out += '\n';
}

void AppendSample(std::string& out, const std::string& name, double v) {
  out += name;
  out += ' ';
  AppendNumber(out, v);
  out += '\n';
}

}  // namespace

void Series::Observe(double v) {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (v <= bounds_[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  value_.fetch_add(v, std::memory_order_relaxed);
}

Series& Family::With(const std::vector<std::string>& values) {
  std::lock_guard lock(mu_);
  auto& s = series_[values];
  if (!s) s = std::make_unique<Series>(def_.buckets);
  return *s;
}

void Family::Remove(const std::vector<std::string>& values) {
  std::lock_guard lock(mu_);
  series_.erase(values);
}

void Family::Render(std::string& out) const {
  AppendHeader(out, def_);
  std::lock_guard lock(mu_);
  for (const auto& [values, s] : series_) {
    if (def_.type != T::kHistogram) {
      out += def_.name;
      AppendLabels(out, def_.labels, values);
      out += ' ';
      AppendNumber(out, s->value());
      out += '\n';
      continue;
    }
    // Not an atomic snapshot (no client library's is): buckets are capped at the count read
    // first, so that a scrape racing an Observe() never shows a bucket above +Inf.
    const uint64_t count = s->count_.load(std::memory_order_relaxed);
    uint64_t cumulative = 0;
    std::string le;
    for (size_t i = 0; i < def_.buckets.size(); ++i) {
      cumulative += s->buckets_[i].load(std::memory_order_relaxed);
      le.clear();
      {
        // Bounds in plain decimals ("0.0001", not "1e-04"), as other clients write them.
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, def_.buckets[i], std::chars_format::fixed);
        le.append(buf, r.ptr);
      }
      out += def_.name;
      out += "_bucket";
      AppendLabels(out, def_.labels, values, "le", le);
      out += ' ';
      AppendNumber(out, static_cast<double>(std::min(cumulative, count)));
      out += '\n';
    }
    out += def_.name;
    out += "_bucket";
    AppendLabels(out, def_.labels, values, "le", "+Inf");
    out += ' ';
    AppendNumber(out, static_cast<double>(count));
    out += '\n';
    out += def_.name;
    out += "_sum";
    AppendLabels(out, def_.labels, values);
    out += ' ';
    AppendNumber(out, s->value());
    out += '\n';
    out += def_.name;
    out += "_count";
    AppendLabels(out, def_.labels, values);
    out += ' ';
    AppendNumber(out, static_cast<double>(count));
    out += '\n';
  }
}

Metrics::Metrics()
    : build_info(Def("newsflow_build_info")),
      ready(Def("newsflow_ready")),
      records_consumed(Def("newsflow_records_consumed_total")),
      input_bytes(Def("newsflow_input_bytes_total")),
      records_produced(Def("newsflow_records_produced_total")),
      dead_letters(Def("newsflow_dead_letters_total")),
      records_truncated(Def("newsflow_records_truncated_total")),
      transactions_committed(Def("newsflow_transactions_committed_total")),
      transactions_aborted(Def("newsflow_transactions_aborted_total")),
      commit_failures(Def("newsflow_commit_failures_total")),
      rebalances(Def("newsflow_rebalances_total")),
      consumer_lag(Def("newsflow_consumer_lag_messages")),
      processing_latency(Def("newsflow_processing_latency_seconds")),
      extraction_stage(Def("newsflow_extraction_stage_seconds")),
      record_actors(Def("newsflow_record_actors")),
      record_quotes(Def("newsflow_record_quotes")),
      record_locations(Def("newsflow_record_locations")) {
  all_ = {&build_info,           &ready,
          &records_consumed,     &input_bytes,
          &records_produced,     &dead_letters,
          &records_truncated,    &transactions_committed,
          &transactions_aborted, &commit_failures,
          &rebalances,           &consumer_lag,
          &processing_latency,   &extraction_stage,
          &record_actors,        &record_quotes,
          &record_locations};
  // Series without labels exist from the start: a rate() over a counter that appears only at
  // its first increment misses that increment.
  for (Family* f : all_) {
    if (f->def().labels.empty()) f->With({});
  }
  for (const char* stage : {"ner", "places", "actors", "quotes"}) extraction_stage.With({stage});
}

namespace {

struct ProcessFacts {
  double cpu_seconds = -1, resident = -1, virtual_bytes = -1, start_time = -1;
  double open_fds = -1, max_fds = -1;
};

ProcessFacts ReadProcess() {
  ProcessFacts p;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (std::getline(stat, line)) {
    // Fields after the command name (which may hold spaces) start at the last ')'.
    const auto close = line.rfind(')');
    if (close != std::string::npos) {
      std::istringstream in(line.substr(close + 2));
      std::vector<std::string> f;
      for (std::string x; in >> x;) f.push_back(x);
      // f[0] is field 3 (state): utime 14, stime 15, starttime 22, vsize 23, rss 24.
      if (f.size() > 21) {
        p.cpu_seconds = (std::stod(f[11]) + std::stod(f[12])) / ticks;
        p.virtual_bytes = std::stod(f[20]);
        p.resident = std::stod(f[21]) * page;
        std::ifstream s("/proc/stat");
        for (std::string l; std::getline(s, l);) {
          if (l.rfind("btime ", 0) == 0) {
            p.start_time = std::stod(l.substr(6)) + std::stod(f[19]) / ticks;
            break;
          }
        }
      }
    }
  }
  if (DIR* d = opendir("/proc/self/fd")) {
    int n = 0;
    while (const dirent* e = readdir(d)) n += e->d_name[0] != '.';
    closedir(d);
    p.open_fds = n - 1;  // the directory stream itself
  }
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0) p.max_fds = static_cast<double>(r.rlim_cur);
  return p;
}

}  // namespace

std::string Metrics::Render() const {
  std::string out;
  out.reserve(16384);
  for (const Family* f : all_) f->Render(out);
  const ProcessFacts p = ReadProcess();
  const double values[] = {p.cpu_seconds, p.resident, p.virtual_bytes,
                           p.start_time,  p.open_fds, p.max_fds};
  for (size_t i = 0; i < ProcessTable().size(); ++i) {
    if (values[i] < 0) continue;  // not on this system
    AppendHeader(out, ProcessTable()[i]);
    AppendSample(out, ProcessTable()[i].name, values[i]);
  }
  return out;
}

std::string MetricsReference() {
  std::string out =
      "| metric | type | labels | meaning |\n"
      "|---|---|---|---|\n";
  auto row = [&out](const MetricDef& d) {
    std::string labels;
    for (const auto& l : d.labels) labels += (labels.empty() ? "" : ", ") + ("`" + l + "`");
    out += "| `" + d.name + "` | " + TypeName(d.type) + " | " + labels + " | " + d.help;
    if (!d.buckets.empty()) {
      out += " Buckets: ";
      for (size_t i = 0; i < d.buckets.size(); ++i) {
        if (i) out += ", ";
        AppendNumber(out, d.buckets[i]);
      }
      out += '.';
    }
    out += " |\n";
  };
  for (const auto& d : Table()) row(d);
  for (const auto& d : ProcessTable()) row(d);
  return out;
}

std::string ReasonCode(std::string_view reason) {
  std::string code;
  for (char c : reason.substr(0, reason.find(':'))) {
    if (code.size() >= 40) break;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      code += c;
    } else if (c >= 'A' && c <= 'Z') {
      code += static_cast<char>(c - 'A' + 'a');
    } else {
      code += '_';
    }
  }
  return code.empty() ? "unknown" : code;
}

}  // namespace newsflow::ops
