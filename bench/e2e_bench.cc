// End-to-end throughput of `newsflowd run` on a real broker, per delivery mode, in one run.
//
// Loads N articles into an input topic once, then for each delivery mode (and with the models
// on or off) starts the daemon on a fresh consumer group and fresh output topics and measures
// how fast the group's committed offsets advance: records/s between the first and the last
// commit (start-up excluded), CPU seconds of the daemon per 1,000 records, peak RSS. Repeats
// each case and prints medians. Usage (bench/e2e.sh starts a broker and sets the address):
//
//   IT_KAFKA_BOOTSTRAP=127.0.0.1:PORT e2e_bench [--articles N] [--partitions P] [--repeat R]
//       [--modes exactly_once,at_least_once] [--models on,off] [--transaction-ms MS,...]
//       [--replay on]   (after each exactly_once run, a `newsflowd replay` of the whole input)
//       [--passthrough on]  (per mode, the same loop with `pipeline.transform: none`, next to a
//                            kcat consume → produce pipe of the same messages: the ceiling)
//       [--join on]     (per mode, a second instance joins a busy first one: time from its
//                        subscribe to its first partitions and to its first commit)
//       [--consumer k=v,...]  (librdkafka consumer properties for every daemon)
//       [--latency RATE,...]  (per mode and rate, models on: a fresh daemon on an empty topic,
//                              start to READY=1, then RATE articles/s offered for
//                              --latency-seconds S (default 20): produce time → the record
//                              visible to a read_committed consumer, p50/p99/max after the
//                              first second, peak RSS; per --transaction-ms value)
//
// Texts: the sample articles of config/samples and, when ../shared/data exists beside the
// repository, the PolNeAR development texts (~4.9 KB news articles), each with a fresh id.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/ops/logging.h"
#include "tests/integration/kafka_harness.h"

namespace it = newsflow::it;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  return out;
}

// Bodies to cycle through: our samples' bodies, and the development corpus' texts if present.
std::vector<std::string> Bodies() {
  std::vector<std::string> bodies;
  const std::filesystem::path corpus =
      std::filesystem::path(NEWSFLOW_SOURCE_DIR) / ".." / "shared/data/quotes/polnear/dev/text";
  if (std::filesystem::exists(corpus)) {
    for (const auto& f : std::filesystem::directory_iterator(corpus)) {
      std::ifstream in(f.path());
      std::stringstream ss;
      ss << in.rdbuf();
      bodies.push_back(ss.str());
    }
  }
  std::ifstream samples(NEWSFLOW_SOURCE_DIR "/config/samples/articles.jsonl");
  std::string line;
  while (std::getline(samples, line)) {
    auto at = line.find("\"body\": \"");
    if (at == std::string::npos) continue;
    at += 9;
    auto end = line.find("\", \"", at);
    if (end != std::string::npos) bodies.push_back(line.substr(at, end - at));
  }
  std::sort(bodies.begin(), bodies.end());  // the same order every run
  return bodies;
}

double CpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::stringstream ss(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; ss >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
    if (i == 15) break;
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int64_t Committed(const std::string& group, const std::string& topic, int partitions) {
  int64_t total = 0;
  try {
    for (const auto& [p, offset] : it::committed_offsets(group, topic, partitions)) {
      if (offset > 0) total += offset;
    }
  } catch (const std::exception&) {
    return -1;
  }
  return total;
}

struct Sample {
  double records_per_s = 0;
  double cpu_per_1000 = 0;
  double rss_mib = 0;
};

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

bool CreateTopics(const std::vector<std::string>& topics, int partitions) {
  for (const auto& t : topics) {
    if (auto e = it::create_topic(t, partitions); !e.empty()) {
      std::cerr << e << "\n";
      return false;
    }
  }
  return true;
}

// One daemon over the whole input on a fresh group: records/s from its first commit to its
// last (start-up, model load and group join excluded), CPU per 1,000 records, peak RSS.
std::optional<Sample> RunDaemon(const std::filesystem::path& dir, const it::DaemonConfig& cfg,
                                const std::string& input, int partitions, int articles) {
  std::filesystem::create_directories(dir);
  it::Daemon daemon(it::write_config(dir, cfg), dir / "newsflowd.log");
  int64_t c0 = -1;
  double cpu0 = 0;
  auto t0 = std::chrono::steady_clock::now();
  const auto deadline = t0 + 600s;
  int64_t c = 0;
  while (std::chrono::steady_clock::now() < deadline && daemon.running()) {
    c = Committed(cfg.group_id, input, partitions);
    if (c > 0 && c0 < 0) {
      c0 = c;
      cpu0 = CpuSeconds(daemon.pid());
      t0 = std::chrono::steady_clock::now();
    }
    if (c >= articles) break;
    std::this_thread::sleep_for(20ms);
  }
  const double secs = Seconds(std::chrono::steady_clock::now() - t0);
  const double cpu = CpuSeconds(daemon.pid()) - cpu0;
  const double peak = static_cast<double>(daemon.peak_rss_kib()) / 1024.0;
  daemon.terminate(60s);
  if (c < articles || c0 < 0) {
    std::cerr << "daemon did not finish (committed " << c << "); log "
              << (dir / "newsflowd.log").string() << "\n";
    return std::nullopt;
  }
  const double done = static_cast<double>(c - c0);
  return Sample{done / secs, cpu / done * 1000.0, peak};
}

// The broker's ceiling for this path: kcat reads the input (read_committed) and pipes every
// key and value into a kcat producer. Records/s over the whole pipe, start-up included.
std::optional<double> KcatPipe(const std::string& input, const std::string& output, int partitions,
                               int articles) {
  const std::string b = it::bootstrap_servers();
  // Keys are ids and values JSON lines without raw tabs or newlines: both survive the text pipe.
  const std::string cmd = "kcat -C -q -b " + b + " -t " + input +
                          " -o beginning -e -X isolation.level=read_committed -f '%k\t%s\n' | "
                          "kcat -P -q -b " +
                          b + " -t " + output + " -K '\t' -X linger.ms=5";
  const auto t0 = std::chrono::steady_clock::now();
  if (std::system(cmd.c_str()) != 0) {
    std::cerr << "kcat pipe failed: " << cmd << "\n";
    return std::nullopt;
  }
  const double secs = Seconds(std::chrono::steady_clock::now() - t0);
  int64_t written = 0;
  for (const auto& [p, w] : it::watermarks(output, partitions)) written += w.second - w.first;
  if (written != articles) {
    std::cerr << "kcat pipe wrote " << written << " of " << articles << " messages\n";
    return std::nullopt;
  }
  return articles / secs;
}

// Reads a growing log file for a line containing `needle`.
bool LogHas(const std::filesystem::path& log, const std::string& needle) {
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

// A second instance joins a group whose first member is busy: milliseconds from the second's
// subscribe (its "consuming" line, after its models loaded) to its first partitions (its
// "assigned" line naming some) and to its first commit (a committed offset advancing on one of
// them).
struct Join {
  double assigned_ms = 0;
  double committed_ms = 0;
};
std::optional<Join> JoinLatencyMs(const std::filesystem::path& dir, it::DaemonConfig cfg,
                                  const std::string& input, int partitions) {
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  cfg.log_level = "info";
  if (std::getenv("E2E_BENCH_DEBUG") != nullptr) {
    cfg.consumer["debug"] = "cgrp";
    cfg.log_level = "debug";
  }
  // Two instances on one host: the default transactional.id (group-host) would fence one.
  cfg.transactional_id = cfg.group_id + "-a";
  it::Daemon a(it::write_config(dir / "a", cfg), dir / "a" / "newsflowd.log");
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (Committed(cfg.group_id, input, partitions) <= 0) {
    if (std::chrono::steady_clock::now() > deadline || !a.running()) return std::nullopt;
    std::this_thread::sleep_for(20ms);
  }
  std::this_thread::sleep_for(1s);  // a steady first member, mid-stream
  cfg.transactional_id = cfg.group_id + "-b";
  it::Daemon b(it::write_config(dir / "b", cfg), dir / "b" / "newsflowd.log");
  const auto blog = dir / "b" / "newsflowd.log";
  while (!LogHas(blog, "consuming ")) {
    if (std::chrono::steady_clock::now() > deadline || !b.running()) return std::nullopt;
    std::this_thread::sleep_for(5ms);
  }
  const auto subscribed = std::chrono::steady_clock::now();
  // Partitions B was given, and their committed offsets at that moment.
  std::set<int32_t> mine;
  std::map<int32_t, int64_t> at_assign;
  while (true) {
    if (std::chrono::steady_clock::now() > deadline || !b.running()) return std::nullopt;
    std::ifstream in(blog);
    std::string line;
    while (std::getline(in, line)) {
      auto at = line.find("assigned ");
      if (at == std::string::npos) continue;
      const std::string prefix = input + "[";
      for (auto p = line.find(prefix, at); p != std::string::npos; p = line.find(prefix, p + 1)) {
        mine.insert(std::stoi(line.substr(p + prefix.size())));
      }
    }
    if (!mine.empty()) break;
    std::this_thread::sleep_for(5ms);
  }
  Join join;
  join.assigned_ms = Seconds(std::chrono::steady_clock::now() - subscribed) * 1000.0;
  at_assign = it::committed_offsets(cfg.group_id, input, partitions);
  while (true) {
    if (std::chrono::steady_clock::now() > deadline || !b.running()) return std::nullopt;
    const auto now = it::committed_offsets(cfg.group_id, input, partitions);
    for (int32_t p : mine) {
      auto n = now.find(p);
      if (n != now.end() && n->second > at_assign[p]) {
        join.committed_ms = Seconds(std::chrono::steady_clock::now() - subscribed) * 1000.0;
        b.terminate(60s);
        a.terminate(60s);
        return join;
      }
    }
    std::this_thread::sleep_for(5ms);
  }
}

// Wall-clock microseconds: the producer and the read_committed consumer are two threads of this
// process, so one clock serves both ends.
int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Latency {
  double ready_s = 0;  // process start to READY=1 (models and gazetteer loaded, partitions owned)
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  double offered = 0;              // articles/s actually offered
  double first_second_max_ms = 0;  // the worst of the first second's articles (warm-up)
  double rss_mib = 0;
};

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// A fresh daemon on an empty input topic; once it is ready, `rate` articles/s are produced for
// `seconds` (paced every 10 ms, linger 1 ms) while a read_committed consumer of the output topic
// notes when each article's record becomes visible.
std::optional<Latency> OfferedLoad(const std::filesystem::path& dir, it::DaemonConfig cfg,
                                   int partitions, const std::vector<std::string>& bodies, int rate,
                                   int seconds) {
  std::filesystem::create_directories(dir);
  const std::string input = cfg.inputs[0].name;
  if (!CreateTopics({input, cfg.output_topic, cfg.dead_letter_topic}, partitions)) {
    return std::nullopt;
  }
  it::NotifySocket notify(dir / "notify.sock");
  const auto spawned = std::chrono::steady_clock::now();
  it::Daemon daemon(it::write_config(dir, cfg), dir / "newsflowd.log", {notify.env()});
  if (!notify.wait_for("READY=1", 60s)) {
    std::cerr << "no READY=1 within 60 s; log " << (dir / "newsflowd.log").string() << "\n";
    return std::nullopt;
  }
  Latency out;
  out.ready_s = Seconds(std::chrono::steady_clock::now() - spawned);

  const int total = rate * seconds;
  std::vector<int64_t> sent(static_cast<size_t>(total), 0), seen(static_cast<size_t>(total), 0);
  std::atomic<bool> stop{false};
  std::atomic<int> received{0};
  char err[512];
  rd_kafka_conf_t* cc = rd_kafka_conf_new();
  rd_kafka_conf_set(cc, "bootstrap.servers", it::bootstrap_servers().c_str(), err, sizeof err);
  rd_kafka_conf_set(cc, "isolation.level", "read_committed", err, sizeof err);
  // assign() needs a group.id, though this consumer neither joins nor commits.
  rd_kafka_conf_set(cc, "group.id", ("bench-latency-" + cfg.group_id).c_str(), err, sizeof err);
  rd_kafka_conf_set(cc, "enable.auto.commit", "false", err, sizeof err);
  rd_kafka_conf_set(cc, "fetch.wait.max.ms", "5", err, sizeof err);
  rd_kafka_conf_set(cc, "enable.partition.eof", "false", err, sizeof err);
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, cc, err, sizeof err);
  rd_kafka_poll_set_consumer(consumer);
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(parts, cfg.output_topic.c_str(), p)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(consumer, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  std::thread reader([&] {
    const std::string prefix = "lat-";
    while (!stop.load()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 50);
      if (m == nullptr) continue;
      const int64_t now = NowUs();
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && m->key != nullptr) {
        const std::string key(static_cast<const char*>(m->key), m->key_len);
        if (key.rfind(prefix, 0) == 0) {
          const auto i = static_cast<size_t>(std::stoi(key.substr(prefix.size())));
          if (i < seen.size() && seen[i] == 0) {
            seen[i] = now;
            received.fetch_add(1);
          }
        }
      }
      rd_kafka_message_destroy(m);
    }
  });

  rd_kafka_conf_t* pc = rd_kafka_conf_new();
  rd_kafka_conf_set(pc, "bootstrap.servers", it::bootstrap_servers().c_str(), err, sizeof err);
  rd_kafka_conf_set(pc, "linger.ms", "1", err, sizeof err);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, pc, err, sizeof err);
  const auto start = std::chrono::steady_clock::now();
  int i = 0;
  for (int tick = 1; i < total; ++tick) {
    // Everything due by now, then sleep to the next 10 ms tick.
    const int due = std::min(
        total, static_cast<int>(Seconds(std::chrono::steady_clock::now() - start) * rate) + 1);
    for (; i < due; ++i) {
      const std::string id = "lat-" + std::to_string(i);
      const std::string value =
          "{\"id\":\"" + id + "\",\"body\":\"" +
          newsflow::ops::JsonEscape(bodies[static_cast<size_t>(i) % bodies.size()]) + "\"}";
      sent[static_cast<size_t>(i)] = NowUs();
      rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(input.c_str()),
                        RD_KAFKA_V_KEY(id.data(), id.size()),
                        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    }
    rd_kafka_poll(producer, 0);
    std::this_thread::sleep_until(start + tick * 10ms);
  }
  out.offered = total / Seconds(std::chrono::steady_clock::now() - start);
  rd_kafka_flush(producer, 30000);
  rd_kafka_destroy(producer);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (received.load() < total && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  stop = true;
  reader.join();
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  out.rss_mib = static_cast<double>(daemon.peak_rss_kib()) / 1024.0;
  daemon.terminate(60s);
  if (received.load() < total) {
    std::cerr << "only " << received.load() << " of " << total << " records came out; log "
              << (dir / "newsflowd.log").string() << "\n";
    return std::nullopt;
  }
  // The first second is left out: the first transaction also connects the producer to every
  // partition leader and registers the partitions, a one-off of ~0.3 s in a daemon's life.
  std::vector<double> ms;
  for (size_t i = static_cast<size_t>(rate); i < sent.size(); ++i) {
    ms.push_back(static_cast<double>(seen[i] - sent[i]) / 1000.0);
  }
  if (ms.empty()) return std::nullopt;
  double first = 0;
  for (size_t i = 0; i < static_cast<size_t>(rate) && i < sent.size(); ++i) {
    first = std::max(first, static_cast<double>(seen[i] - sent[i]) / 1000.0);
  }
  out.first_second_max_ms = first;
  out.p50_ms = Percentile(ms, 0.50);
  out.p99_ms = Percentile(ms, 0.99);
  out.max_ms = *std::max_element(ms.begin(), ms.end());
  return out;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int articles = 20000, partitions = 6, repeat = 3;
  std::vector<std::string> modes = {"exactly_once", "at_least_once"};
  std::vector<std::string> models = {"on"};
  std::vector<std::string> txn_ms = {"100"};
  bool replay = false, passthrough = false, join = false;
  std::vector<std::string> latency_rates;
  int latency_seconds = 20;
  std::map<std::string, std::string> consumer;  // --consumer k=v,k=v: librdkafka properties
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--articles")
      articles = std::stoi(v);
    else if (k == "--partitions")
      partitions = std::stoi(v);
    else if (k == "--repeat")
      repeat = std::stoi(v);
    else if (k == "--modes")
      modes = Split(v);
    else if (k == "--models")
      models = Split(v);
    else if (k == "--transaction-ms")
      txn_ms = Split(v);
    else if (k == "--replay")
      replay = v == "on";
    else if (k == "--passthrough")
      passthrough = v == "on";
    else if (k == "--join")
      join = v == "on";
    else if (k == "--latency")
      latency_rates = Split(v);
    else if (k == "--latency-seconds")
      latency_seconds = std::stoi(v);
    else if (k == "--consumer")
      for (const auto& kv : Split(v)) {
        const auto eq = kv.find('=');
        if (eq != std::string::npos) consumer[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  if (it::bootstrap_servers().empty()) {
    std::cerr << "e2e_bench: set IT_KAFKA_BOOTSTRAP (bench/e2e.sh does)\n";
    return 2;
  }
  const std::string tag = std::to_string(::getpid());
  const std::string input = "bench.raw." + tag;
  if (!CreateTopics({input}, partitions)) return 1;
  const auto bodies = Bodies();
  std::vector<std::pair<std::string, std::string>> kvs;
  size_t bytes = 0;
  for (int i = 0; i < articles; ++i) {
    const std::string id = "bench-" + std::to_string(i);
    kvs.emplace_back(id, "{\"id\":\"" + id + "\",\"body\":\"" +
                             newsflow::ops::JsonEscape(bodies[i % bodies.size()]) + "\"}");
    bytes += kvs.back().second.size();
  }
  {
    it::Producer producer;
    producer.produce(input, kvs, -1, 300s);
  }
  const double mean_kb = static_cast<double>(bytes) / articles / 1024.0;
  std::printf("e2e_bench: %d articles (%.1f KB mean) in %d partitions, %zu distinct texts\n",
              articles, mean_kb, partitions, bodies.size());
  std::printf(
      "| delivery | transform | transaction.max_ms | records/s (median of %d) | MB/s | CPU s per "
      "1,000 records | peak RSS MiB |\n|---|---|---|---|---|---|---|\n",
      repeat);
  const auto work = std::filesystem::temp_directory_path() / ("newsflow-e2e-" + tag);
  int run = 0;
  auto config = [&](const std::string& mode, const std::string& suffix) {
    it::DaemonConfig cfg;
    cfg.inputs = {{input, "json"}};
    cfg.output_topic = "bench.normalized." + suffix;
    cfg.dead_letter_topic = "bench.deadletter." + suffix;
    cfg.group_id = "bench." + suffix;
    cfg.delivery = mode;
    cfg.log_level = "warn";
    cfg.consumer = consumer;
    return cfg;
  };
  auto row = [&](const std::string& mode, const std::string& transform, const std::string& ms,
                 const std::vector<Sample>& samples) {
    std::vector<double> rates, cpus, rss;
    for (const auto& s : samples) {
      rates.push_back(s.records_per_s);
      cpus.push_back(s.cpu_per_1000);
      rss.push_back(s.rss_mib);
    }
    std::printf("| %s | %s | %s | %.0f | %.1f | %.2f | %.0f |\n", mode.c_str(), transform.c_str(),
                ms.c_str(), Median(rates), Median(rates) * mean_kb / 1024.0, Median(cpus),
                Median(rss));
    std::fflush(stdout);
    return Median(rates);
  };
  for (const auto& mode : modes) {
    for (const auto& m : models) {
      for (const auto& ms : txn_ms) {
        std::vector<Sample> samples;
        std::vector<double> replay_rates;
        for (int r = 0; r < repeat; ++r, ++run) {
          const std::string suffix = tag + "." + std::to_string(run);
          it::DaemonConfig cfg = config(mode, suffix);
          cfg.models = m == "on";
          cfg.transaction_max_ms = std::stoi(ms);
          if (!CreateTopics({cfg.output_topic, cfg.dead_letter_topic}, partitions)) return 1;
          const auto dir = work / suffix;
          auto s = RunDaemon(dir, cfg, input, partitions, articles);
          if (!s) return 1;
          samples.push_back(*s);
          if (replay && mode == "exactly_once") {
            // The same inputs as a backfill into a fresh topic: its own summary gives the rate.
            const std::string target = "bench.replay." + suffix;
            if (!CreateTopics({target}, partitions)) return 1;
            it::Daemon r({"replay", "--config", (dir / "newsflowd.yaml").string(), "--from",
                          "earliest", "--to", "latest", "--output-topic", target},
                         dir / "replay.log");
            if (r.wait(600s) != 0) {
              std::cerr << "replay " << run << " failed; log " << (dir / "replay.log").string()
                        << "\n";
              return 1;
            }
            std::ifstream log(dir / "replay.log");
            std::string line;
            while (std::getline(log, line)) {
              auto at = line.find(" s (");
              if (line.rfind("replay: ", 0) == 0 && at != std::string::npos) {
                replay_rates.push_back(std::stod(line.substr(at + 4)));
              }
            }
          }
        }
        row(mode, m == "on" ? "normalize, models on" : "normalize, models off", ms, samples);
        if (!replay_rates.empty()) {
          std::printf("| replay (exactly_once, whole topic) | %s | %s | %.0f | | | |\n", m.c_str(),
                      ms.c_str(), Median(replay_rates));
        }
      }
    }
  }
  if (passthrough) {
    std::vector<double> ceiling;
    for (int r = 0; r < repeat; ++r, ++run) {
      const std::string target = "bench.kcat." + tag + "." + std::to_string(run);
      if (!CreateTopics({target}, partitions)) return 1;
      auto rate = KcatPipe(input, target, partitions, articles);
      if (!rate) return 1;
      ceiling.push_back(*rate);
    }
    const double kcat = Median(ceiling);
    std::printf("| kcat consume → produce pipe | — | — | %.0f | %.1f | | |\n", kcat,
                kcat * mean_kb / 1024.0);
    for (const auto& mode : modes) {
      std::vector<Sample> samples;
      for (int r = 0; r < repeat; ++r, ++run) {
        const std::string suffix = tag + "." + std::to_string(run);
        it::DaemonConfig cfg = config(mode, suffix);
        cfg.transform = "none";
        if (!CreateTopics({cfg.output_topic, cfg.dead_letter_topic}, partitions)) return 1;
        auto s = RunDaemon(work / suffix, cfg, input, partitions, articles);
        if (!s) return 1;
        samples.push_back(*s);
      }
      const double rate = row(mode, "none (passthrough)", "100", samples);
      std::printf("| %s passthrough / kcat | | | %.2f | | | |\n", mode.c_str(), rate / kcat);
    }
  }
  if (join) {
    for (const auto& mode : modes) {
      std::vector<double> assigned, committed;
      for (int r = 0; r < repeat; ++r, ++run) {
        const std::string suffix = tag + "." + std::to_string(run);
        it::DaemonConfig cfg = config(mode, suffix);
        cfg.models = true;
        if (!CreateTopics({cfg.output_topic, cfg.dead_letter_topic}, partitions)) return 1;
        auto v = JoinLatencyMs(work / suffix, cfg, input, partitions);
        if (!v) {
          std::cerr << "join run " << run << " failed; logs under " << (work / suffix).string()
                    << "\n";
          return 1;
        }
        assigned.push_back(v->assigned_ms);
        committed.push_back(v->committed_ms);
      }
      std::printf(
          "join (%s, models on), ms after the second instance's subscribe (median of %d): "
          "partitions assigned %.0f (max %.0f), first batch committed %.0f (max %.0f)\n",
          mode.c_str(), repeat, Median(assigned),
          *std::max_element(assigned.begin(), assigned.end()), Median(committed),
          *std::max_element(committed.begin(), committed.end()));
      std::fflush(stdout);
    }
  }
  if (!latency_rates.empty()) {
    std::printf(
        "\n| delivery | transaction.max_ms | offered articles/s | start to ready s | latency p50 "
        "ms "
        "| p99 ms | max ms | first second's max ms | peak RSS MiB |\n"
        "|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& mode : modes) {
      for (const auto& rate : latency_rates) {
        for (const auto& txn : txn_ms) {
          std::vector<double> ready, p50, p99, mx, offered, rss, first;
          for (int r = 0; r < repeat; ++r, ++run) {
            const std::string suffix = tag + "." + std::to_string(run);
            it::DaemonConfig cfg = config(mode, suffix);
            cfg.inputs = {{"bench.latency.raw." + suffix, "json"}};
            cfg.models = true;
            cfg.log_level = "info";
            cfg.transaction_max_ms = std::stoi(txn);
            auto v = OfferedLoad(work / suffix, cfg, partitions, bodies, std::stoi(rate),
                                 latency_seconds);
            if (!v) return 1;
            ready.push_back(v->ready_s);
            p50.push_back(v->p50_ms);
            p99.push_back(v->p99_ms);
            mx.push_back(v->max_ms);
            offered.push_back(v->offered);
            rss.push_back(v->rss_mib);
            first.push_back(v->first_second_max_ms);
          }
          std::printf("| %s | %s | %.0f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f |\n",
                      mode.c_str(), txn.c_str(), Median(offered), Median(ready), Median(p50),
                      Median(p99), Median(mx), Median(first), Median(rss));
          std::fflush(stdout);
        }
      }
    }
  }
  if (std::getenv("E2E_BENCH_KEEP") == nullptr) std::filesystem::remove_all(work);
  return 0;
}
