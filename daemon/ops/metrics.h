#pragma once
// The daemon's metrics: one table (name, type, help, labels, buckets) drives the registry, the
// Prometheus text exposition (format 0.0.4) and the generated reference
// (`newsflowd check-config --metrics-reference`, docs/metrics.md), so the docs cannot drift
// from what /metrics serves.
//
//   Metrics m;
//   m.records_consumed.With({"news.raw"}).Inc();
//   m.processing_latency.With({}).Observe(0.012);
//   std::string text = m.Render();   // what GET /metrics answers
//
// Thread safety: every update is a relaxed atomic, so the loop, the normalizing threads and
// the HTTP thread share one Metrics. With() takes a lock to find or create the labelled series;
// hot paths keep the reference it returns (series are never moved; Remove() is for gauges of
// partitions given up, called by the thread that updates them).

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::ops {

enum class MetricType { kCounter, kGauge, kHistogram };

struct MetricDef {
  std::string name;
  MetricType type;
  std::string help;
  std::vector<std::string> labels;
  std::vector<double> buckets;  // histograms: upper bounds, ascending (+Inf is implied)
};

class Series {
 public:
  explicit Series(const std::vector<double>& bounds) : bounds_(bounds), buckets_(bounds.size()) {}
  void Inc(double v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Observe(double v);  // histograms
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  friend class Family;
  const std::vector<double>& bounds_;  // the family's
  std::atomic<double> value_{0};       // counter, gauge; a histogram's sum
  std::atomic<uint64_t> count_{0};
  std::vector<std::atomic<uint64_t>> buckets_;  // per bound, not cumulative
};

// One metric and its labelled series.
class Family {
 public:
  explicit Family(MetricDef def) : def_(std::move(def)) {}
  // The series with these label values (as many as def().labels, in that order).
  Series& With(const std::vector<std::string>& values);
  void Remove(const std::vector<std::string>& values);
  const MetricDef& def() const { return def_; }
  void Render(std::string& out) const;

 private:
  MetricDef def_;
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<Series>> series_;
};

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  Family build_info, ready;
  Family records_consumed, input_bytes, records_produced, dead_letters, records_truncated;
  Family transactions_committed, transactions_aborted, commit_failures, rebalances;
  Family consumer_lag;
  Family processing_latency, extraction_stage;
  Family record_actors, record_quotes, record_locations;

  // Every family, in table order, then the process_* metrics read at the time of the call.
  std::string Render() const;

 private:
  std::vector<Family*> all_;
};

// The table behind Metrics (and process_*), as a Markdown reference.
std::string MetricsReference();

// Dead-letter reasons as a label: the code before the first ':' ("invalid_json"), limited to
// [a-z0-9_] and 40 characters, so that free text never becomes a label value.
std::string ReasonCode(std::string_view reason);

}  // namespace newsflow::ops
