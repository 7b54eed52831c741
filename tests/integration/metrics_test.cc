// The HTTP endpoint of a daemon on the real broker: probes through start, work and stop, a
// consumer lag that follows the backlog, and a real Prometheus (Debian's `prometheus`) that
// scrapes /metrics and answers queries for the records counter and the lag series.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/kafka_harness.h"

namespace newsflow::it {
namespace {

constexpr const char* kPrometheus = "/usr/bin/prometheus";

// A port nobody listens on right now (for Prometheus, which cannot report an ephemeral one).
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  ::close(fd);
  return port;
}

// The port the daemon logged ("serving /healthz /readyz /metrics on 127.0.0.1:PORT"), read as
// soon as the line is written.
int WaitForEndpointPort(Daemon& daemon, std::chrono::milliseconds timeout) {
  const std::regex line(R"(serving /healthz /readyz /metrics on [^:]+:(\d+))");
  const auto deadline = steady::now() + timeout;
  while (steady::now() < deadline && daemon.running()) {
    std::ifstream f(daemon.log());
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (std::regex_search(text, m, line)) return std::stoi(m[1]);
    std::this_thread::sleep_for(5ms);  // polling a file: there is no event to wait on
  }
  return -1;
}

struct Answer {
  int status = -1;  // -1: no connection
  std::string body;
};

Answer Get(int port, const std::string& path) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(2, 0);
  c.set_read_timeout(5, 0);
  auto r = c.Get(path);
  if (!r) return {};
  return {r->status, r->body};
}

// The value of one series in a /metrics text ("name{labels} value"), if present.
std::optional<double> Sample(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return std::nullopt;
  return std::stod(text.substr(at + series.size() + 2));
}

std::string Article(int i) {
  return R"({"id":"m)" + std::to_string(i) +
         R"(","title":"Harbour bridge","body":"The city council of Portsmouth voted on Tuesday )"
         R"(to repair the harbour bridge. \"We cannot wait another winter,\" said council )"
         R"(leader Maria Lopez."})";
}

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(bootstrap_servers().empty()) << "no broker: run `ctest -L integration`";
    work_ = test_work_dir();
  }
  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "[ integration ] test files: " << work_.string() << "\n";
      for (const auto& log : logs_) {
        if (std::filesystem::exists(log)) std::cerr << file_tail(log, 60);
      }
    }
  }
  std::filesystem::path work_;
  std::vector<std::filesystem::path> logs_;
};

// Start: /readyz is 503 "starting" while the models load and the group is joined, then 200.
// Work: the lag of each partition is the backlog (high watermark − committed offset) and falls to
// 0. Stop: from SIGTERM on, /readyz is never 200 again; the daemon exits 0.
TEST_F(MetricsTest, ProbesAndLagThroughStartWorkAndStop) {
  constexpr int kPartitions = 2;
  constexpr int kCount = 4000;
  DaemonConfig cfg;
  cfg.inputs = {{unique_name("news.raw"), "json"}};
  cfg.output_topic = unique_name("news.normalized");
  cfg.dead_letter_topic = unique_name("news.deadletter");
  cfg.group_id = unique_name("newsflowd");
  cfg.models = true;                  // loading them is the "starting" window
  cfg.transaction_max_messages = 10;  // many small transactions: the backlog lasts seconds
  cfg.http_listen = "127.0.0.1:0";
  for (const auto& t : {cfg.inputs[0].name, cfg.output_topic}) {
    ASSERT_EQ(create_topic(t, kPartitions), "");
  }
  ASSERT_EQ(create_topic(cfg.dead_letter_topic, 1), "");
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < kCount; ++i) kvs.emplace_back("k" + std::to_string(i), Article(i));
  Producer producer;
  producer.produce(cfg.inputs[0].name, kvs);
  const auto ends = watermarks(cfg.inputs[0].name, kPartitions);

  logs_.push_back(work_ / "newsflowd.log");
  Daemon daemon(write_config(work_, cfg), logs_.back());
  const int port = WaitForEndpointPort(daemon, 30s);
  ASSERT_GT(port, 0) << "the daemon did not log its endpoint";

  // Start.
  const Answer first = Get(port, "/readyz");
  EXPECT_EQ(first.status, 503) << first.body;
  EXPECT_EQ(first.body, "starting\n");
  EXPECT_EQ(Get(port, "/healthz").status, 200);

  // Work: sample the lag until every partition was seen and the lag is 0 everywhere.
  std::map<std::string, double> max_lag, last_lag;
  bool ready = false, drained = false;
  const auto deadline = steady::now() + 180s;
  while (steady::now() < deadline && daemon.running() && !drained) {
    ready |= Get(port, "/readyz").status == 200;
    const Answer m = Get(port, "/metrics");
    ASSERT_EQ(m.status, 200);
    for (int p = 0; p < kPartitions; ++p) {
      const std::string series = "newsflow_consumer_lag_messages{topic=\"" + cfg.inputs[0].name +
                                 "\",partition=\"" + std::to_string(p) + "\"}";
      if (auto v = Sample(m.body, series)) {
        last_lag[series] = *v;
        max_lag[series] = std::max(max_lag[series], *v);
      }
    }
    const auto consumed =
        Sample(m.body, "newsflow_records_consumed_total{topic=\"" + cfg.inputs[0].name + "\"}");
    drained = last_lag.size() == kPartitions && consumed && *consumed >= kCount;
    for (const auto& [s, v] : last_lag) drained &= v == 0;
    std::this_thread::sleep_for(100ms);  // sampling period, not a synchronisation
  }
  EXPECT_TRUE(ready) << "/readyz never answered 200";
  ASSERT_TRUE(drained) << "the lag did not fall to 0 on every partition";
  for (int p = 0; p < kPartitions; ++p) {
    const std::string series = "newsflow_consumer_lag_messages{topic=\"" + cfg.inputs[0].name +
                               "\",partition=\"" + std::to_string(p) + "\"}";
    SCOPED_TRACE(series);
    const double backlog = static_cast<double>(ends.at(p).second - ends.at(p).first);
    EXPECT_GT(max_lag[series], 0) << "a backlog of " << backlog << " never showed as lag";
    EXPECT_LE(max_lag[series], backlog) << "lag above what the partition holds";
  }
  const Answer m = Get(port, "/metrics");
  EXPECT_EQ(Sample(m.body, "newsflow_records_produced_total{topic=\"" + cfg.output_topic + "\"}"),
            kCount);
  EXPECT_EQ(Sample(m.body, "newsflow_ready"), 1);

  // Stop.
  ASSERT_EQ(::kill(daemon.pid(), SIGTERM), 0);
  std::vector<int> after;
  const auto stop_deadline = steady::now() + 40s;
  for (Answer a = Get(port, "/readyz"); a.status != -1 && steady::now() < stop_deadline;
       a = Get(port, "/readyz")) {
    after.push_back(a.status);
  }
  // The signal reaches the daemon a moment after kill() returns, so the first answers may still
  // be 200; once it said 503 it must never be ready again.
  const auto first_503 = std::find(after.begin(), after.end(), 503);
  for (auto it = first_503; it != after.end(); ++it) {
    EXPECT_EQ(*it, 503) << "ready again after SIGTERM";
  }
  EXPECT_EQ(daemon.wait(30s), 0);
}

// A real Prometheus scrapes the daemon twice; its HTTP API returns the records counter and the
// lag series. Proves the exposition is what a Prometheus server accepts, not just what promtool
// lints.
TEST_F(MetricsTest, PrometheusScrapesTheDaemon) {
  if (!std::filesystem::exists(kPrometheus)) {
    GTEST_SKIP() << kPrometheus
                 << " missing (Debian package prometheus; tools/setup.sh installs it)";
  }
  constexpr int kCount = 30;
  DaemonConfig cfg;
  cfg.inputs = {{unique_name("news.raw"), "json"}};
  cfg.output_topic = unique_name("news.normalized");
  cfg.dead_letter_topic = unique_name("news.deadletter");
  cfg.group_id = unique_name("newsflowd");
  cfg.http_listen = "127.0.0.1:0";
  for (const auto& t : {cfg.inputs[0].name, cfg.output_topic}) {
    ASSERT_EQ(create_topic(t, 2), "");
  }
  ASSERT_EQ(create_topic(cfg.dead_letter_topic, 1), "");
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < kCount; ++i) kvs.emplace_back("k" + std::to_string(i), Article(i));
  kvs.emplace_back("bad", "{not json");
  Producer producer;
  producer.produce(cfg.inputs[0].name, kvs);

  logs_.push_back(work_ / "newsflowd.log");
  Daemon daemon(write_config(work_, cfg), logs_.back());
  const int port = WaitForEndpointPort(daemon, 30s);
  ASSERT_GT(port, 0);
  Collector out(cfg.output_topic, 2);
  ASSERT_TRUE(out.wait_for_count(kCount, 90s, &daemon));

  const int prom_port = FreePort();
  const auto prom_dir = work_ / "prometheus";
  std::filesystem::create_directories(prom_dir / "data");
  {
    std::ofstream f(prom_dir / "prometheus.yml");
    f << "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
      << "scrape_configs:\n  - job_name: newsflowd\n    static_configs:\n"
      << "      - targets: ['127.0.0.1:" << port << "']\n";
  }
  logs_.push_back(prom_dir / "prometheus.log");
  Daemon prometheus(kPrometheus,
                    {"--config.file=" + (prom_dir / "prometheus.yml").string(),
                     "--storage.tsdb.path=" + (prom_dir / "data").string(),
                     "--web.listen-address=127.0.0.1:" + std::to_string(prom_port)},
                    logs_.back());
  // Instant query through the HTTP API; the JSON is small enough to search as text.
  auto query = [&](const std::string& q) {
    httplib::Client c("127.0.0.1", prom_port);
    c.set_connection_timeout(1, 0);
    auto r = c.Get("/api/v1/query", httplib::Params{{"query", q}}, httplib::Headers{});
    return r && r->status == 200 ? r->body : std::string();
  };
  // Two scrapes: two samples of `up` in the last minute, both 1.
  bool scraped = false;
  const auto deadline = steady::now() + 60s;
  while (!scraped && steady::now() < deadline && prometheus.running()) {
    scraped = query("sum_over_time(up{job=\"newsflowd\"}[1m]) >= 2").find("\"result\":[{") !=
              std::string::npos;
    if (!scraped) std::this_thread::sleep_for(200ms);  // Prometheus has no scrape event to wait on
  }
  ASSERT_TRUE(scraped) << "Prometheus did not scrape the daemon twice";

  const std::string consumed =
      query("newsflow_records_consumed_total{topic=\"" + cfg.inputs[0].name + "\"}");
  EXPECT_NE(consumed.find("\"" + std::to_string(kCount + 1) + "\"]"), std::string::npos)
      << consumed;
  const std::string lag =
      query("count(newsflow_consumer_lag_messages{topic=\"" + cfg.inputs[0].name + "\"})");
  EXPECT_NE(lag.find("\"2\"]"), std::string::npos) << "one lag series per partition: " << lag;
  const std::string dead = query("newsflow_dead_letters_total{reason=\"invalid_json\"}");
  EXPECT_NE(dead.find("\"1\"]"), std::string::npos) << dead;
  const std::string info = query("newsflow_build_info");
  EXPECT_NE(info.find("\"version\""), std::string::npos) << info;

  EXPECT_EQ(prometheus.terminate(30s), 0);
  EXPECT_EQ(daemon.terminate(30s), 0);
}

}  // namespace
}  // namespace newsflow::it
