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
//
// Texts: the sample articles of config/samples and, when ../shared/data exists beside the
// repository, the PolNeAR development texts (~4.9 KB news articles), each with a fresh id.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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
  bool replay = false;
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
  if (auto e = it::create_topic(input, partitions); !e.empty()) {
    std::cerr << e << "\n";
    return 1;
  }
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
  std::printf("e2e_bench: %d articles (%.1f KB mean) in %d partitions, %zu distinct texts\n",
              articles, static_cast<double>(bytes) / articles / 1024.0, partitions, bodies.size());
  std::printf(
      "| delivery | models | transaction.max_ms | records/s (median of %d) | CPU s per 1,000 "
      "records | peak RSS MiB |\n|---|---|---|---|---|---|\n",
      repeat);
  const auto work = std::filesystem::temp_directory_path() / ("newsflow-e2e-" + tag);
  int run = 0;
  for (const auto& mode : modes) {
    for (const auto& m : models) {
      for (const auto& ms : txn_ms) {
        std::vector<double> rates, cpus, rss, replay_rates;
        for (int r = 0; r < repeat; ++r, ++run) {
          it::DaemonConfig cfg;
          const std::string suffix = tag + "." + std::to_string(run);
          cfg.inputs = {{input, "json"}};
          cfg.output_topic = "bench.normalized." + suffix;
          cfg.dead_letter_topic = "bench.deadletter." + suffix;
          cfg.group_id = "bench." + suffix;
          cfg.delivery = mode;
          cfg.models = m == "on";
          cfg.transaction_max_ms = std::stoi(ms);
          cfg.log_level = "warn";
          for (const auto& t : {cfg.output_topic, cfg.dead_letter_topic}) {
            if (auto e = it::create_topic(t, partitions); !e.empty()) {
              std::cerr << e << "\n";
              return 1;
            }
          }
          const auto dir = work / suffix;
          std::filesystem::create_directories(dir);
          it::Daemon daemon(it::write_config(dir, cfg), dir / "newsflowd.log");
          // From the first commit to the last: start-up (model load, group join) excluded.
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
            std::this_thread::sleep_for(50ms);
          }
          const double secs =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
          const double cpu = CpuSeconds(daemon.pid()) - cpu0;
          const double peak = static_cast<double>(daemon.peak_rss_kib()) / 1024.0;
          daemon.terminate(60s);
          if (c < articles || c0 < 0) {
            std::cerr << "run " << run << " did not finish (committed " << c << "); log "
                      << (dir / "newsflowd.log").string() << "\n";
            return 1;
          }
          const double done = static_cast<double>(c - c0);
          rates.push_back(done / secs);
          cpus.push_back(cpu / done * 1000.0);
          rss.push_back(peak);
          if (replay && mode == "exactly_once") {
            // The same inputs as a backfill into a fresh topic: its own summary gives the rate.
            const std::string target = "bench.replay." + suffix;
            if (auto e = it::create_topic(target, partitions); !e.empty()) {
              std::cerr << e << "\n";
              return 1;
            }
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
        std::printf("| %s | %s | %s | %.0f | %.2f | %.0f |\n", mode.c_str(), m.c_str(), ms.c_str(),
                    Median(rates), Median(cpus), Median(rss));
        if (!replay_rates.empty()) {
          std::printf("| replay (exactly_once, whole topic) | %s | %s | %.0f | | |\n", m.c_str(),
                      ms.c_str(), Median(replay_rates));
        }
        std::fflush(stdout);
      }
    }
  }
  std::filesystem::remove_all(work);
  return 0;
}
