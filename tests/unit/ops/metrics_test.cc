#include "daemon/ops/metrics.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "daemon/ops/health.h"
#include "daemon/ops/http.h"

namespace newsflow::ops {
namespace {

using namespace std::chrono_literals;

bool Contains(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(Metrics, RendersCountersGaugesAndLabelledSeries) {
  Metrics m;
  m.records_consumed.With({"news.raw"}).Inc();
  m.records_consumed.With({"news.raw"}).Inc(2);
  m.consumer_lag.With({"news.raw", "3"}).Set(17);
  m.dead_letters.With({"we\"ird\\topic\nx"}).Inc();
  const std::string text = m.Render();
  EXPECT_TRUE(Contains(text, "# TYPE newsflow_records_consumed_total counter")) << text;
  EXPECT_TRUE(Contains(text, "newsflow_records_consumed_total{topic=\"news.raw\"} 3")) << text;
  EXPECT_TRUE(
      Contains(text, "newsflow_consumer_lag_messages{topic=\"news.raw\",partition=\"3\"} 17"));
  // Label values escape backslash, quote and newline (exposition format 0.0.4).
  EXPECT_TRUE(Contains(text, R"(newsflow_dead_letters_total{reason="we\"ird\\topic\nx"} 1)"))
      << text;
  // Series without labels exist before their first update (rate() needs the 0).
  EXPECT_TRUE(Contains(text, "newsflow_transactions_aborted_total 0"));
  m.consumer_lag.Remove({"news.raw", "3"});
  EXPECT_EQ(m.Render().find("partition=\"3\""), std::string::npos);
}

TEST(Metrics, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics m;
  Series& s = m.processing_latency.With({});
  s.Observe(0.003);  // first bucket (0.005)
  s.Observe(0.007);  // 0.01
  s.Observe(0.007);
  s.Observe(100);  // above the last bound: only +Inf
  const std::string text = m.Render();
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_bucket{le=\"0.005\"} 1")) << text;
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_bucket{le=\"0.01\"} 3"));
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_bucket{le=\"30\"} 3"));
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_bucket{le=\"+Inf\"} 4"));
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_count 4"));
  EXPECT_TRUE(Contains(text, "newsflow_processing_latency_seconds_sum 100.017"));
  m.extraction_stage.With({"ner"}).Observe(0.0002);
  EXPECT_TRUE(Contains(m.Render(),
                       "newsflow_extraction_stage_seconds_bucket{stage=\"ner\",le=\"0.00025\"} 1"));
}

TEST(Metrics, ProcessMetricsUseTheStandardNames) {
  Metrics m;
  const std::string text = m.Render();
  for (const char* name : {"process_cpu_seconds_total", "process_resident_memory_bytes",
                           "process_start_time_seconds", "process_open_fds"}) {
    EXPECT_NE(text.find(std::string("\n") + name + " "), std::string::npos) << name;
  }
}

TEST(Metrics, ReasonCodesAreShortAndLowCardinality) {
  EXPECT_EQ(ReasonCode("invalid_json: unexpected end at byte 9"), "invalid_json");
  EXPECT_EQ(ReasonCode("record_too_large: the main record is 2000000 bytes"), "record_too_large");
  EXPECT_EQ(ReasonCode("Weird Reason"), "weird_reason");
  EXPECT_EQ(ReasonCode(""), "unknown");
  EXPECT_EQ(ReasonCode(std::string(300, 'a')).size(), 40u);
}

// promtool (Debian's prometheus package) lints a scrape with every kind of series in it.
TEST(Metrics, PromtoolAcceptsTheExposition) {
  if (!std::filesystem::exists("/usr/bin/promtool")) {
    GTEST_SKIP() << "promtool missing (Debian package prometheus; tools/setup.sh installs it)";
  }
  Metrics m;
  m.build_info.With({"1.0", "ner-1", "gaz-1"}).Set(1);
  m.records_consumed.With({"news.raw"}).Inc();
  m.consumer_lag.With({"news.raw", "0"}).Set(5);
  m.dead_letters.With({"invalid_json"}).Inc();
  m.rebalances.With({"assign"}).Inc();
  m.processing_latency.With({}).Observe(0.1);
  m.extraction_stage.With({"quotes"}).Observe(0.001);
  const auto path = std::filesystem::temp_directory_path() /
                    ("newsflow-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(path) << m.Render();
  const std::string cmd = "/usr/bin/promtool check metrics < " + path.string() + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = ::pclose(p);
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, "") << "promtool lint findings";
}

// docs/metrics.md is generated: `newsflowd check-config --metrics-reference` below its header.
TEST(Metrics, CommittedReferenceIsCurrent) {
  std::ifstream f(NEWSFLOW_SOURCE_DIR "/docs/metrics.md");
  ASSERT_TRUE(f.good());
  std::string doc((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(doc.find(MetricsReference()), std::string::npos)
      << "docs/metrics.md is stale: regenerate it with `newsflowd check-config "
         "--metrics-reference`";
}

struct Client {
  explicit Client(int port) : c("127.0.0.1", port) {}
  std::pair<int, std::string> Get(const std::string& path) {
    auto r = c.Get(path);
    if (!r) return {-1, ""};
    return {r->status, r->body};
  }
  httplib::Client c;
};

TEST(HttpEndpoint, ProbesFollowTheLoopsState) {
  Metrics m;
  Health h(60s);
  std::string error;
  auto http = HttpEndpoint::Start("127.0.0.1:0", h, m, error);
  ASSERT_TRUE(http) << error;
  Client c(http->port());
  EXPECT_EQ(c.Get("/healthz"), std::make_pair(200, std::string("alive\n")));
  EXPECT_EQ(c.Get("/readyz"), std::make_pair(503, std::string("starting\n")));
  h.Set(Health::State::kReady);
  EXPECT_EQ(c.Get("/readyz"), std::make_pair(200, std::string("ready\n")));
  h.Set(Health::State::kDraining);
  EXPECT_EQ(c.Get("/readyz"), std::make_pair(503, std::string("draining\n")));
  h.Set(Health::State::kFenced);
  EXPECT_EQ(c.Get("/readyz"), std::make_pair(503, std::string("fenced\n")));
  auto r = c.c.Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r->body.find("# TYPE newsflow_ready gauge"), std::string::npos);
  EXPECT_EQ(c.Get("/nothing").first, 404);
}

TEST(HttpEndpoint, StalledLoopFailsBothProbes) {
  Metrics m;
  Health h(300ms);
  h.Set(Health::State::kReady);
  std::string error;
  auto http = HttpEndpoint::Start("127.0.0.1:0", h, m, error);
  ASSERT_TRUE(http) << error;
  Client c(http->port());
  // The stall timeout itself is what is tested: let it pass without a Beat().
  while (h.SinceBeat() <= h.stall_timeout()) std::this_thread::sleep_for(20ms);
  auto [status, body] = c.Get("/healthz");
  EXPECT_EQ(status, 503);
  EXPECT_EQ(body.rfind("stalled: no progress for ", 0), 0u) << body;
  EXPECT_EQ(c.Get("/readyz"), std::make_pair(503, std::string("stalled\n")));
  h.Beat();
  EXPECT_EQ(c.Get("/healthz").first, 200);
}

TEST(HttpEndpoint, TakenPortIsAClearError) {
  Metrics m;
  Health h(60s);
  std::string error;
  auto first = HttpEndpoint::Start("127.0.0.1:0", h, m, error);
  ASSERT_TRUE(first) << error;
  const std::string taken = "127.0.0.1:" + std::to_string(first->port());
  auto second = HttpEndpoint::Start(taken, h, m, error);
  EXPECT_FALSE(second);
  EXPECT_EQ(error.rfind("ops.http_listen: cannot listen on " + taken, 0), 0u) << error;
}

}  // namespace
}  // namespace newsflow::ops
