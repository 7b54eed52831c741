#include "daemon/kafka/runner.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "daemon/kafka/embedded.h"
#include "daemon/ops/logging.h"
#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::kafka {
namespace {

using namespace std::chrono_literals;

constexpr int16_t kProduceApiKey = 0;

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ops::SetupLogging("warn", "text");
    config_.kafka.group_id = "runner-test";
    // The mock cluster keeps no transactional offsets: these tests check the at-least-once
    // loop's reactions to errors; exactly-once is checked on a real broker (tests/integration).
    config_.kafka.delivery = "at_least_once";
    config_.kafka.input_topics = {{"in", "json"}};
    config_.kafka.output_topic = "out";
    config_.kafka.dead_letter_topic = "dlq";
    config_.kafka.batch_max_ms = 20;
    config_.kafka.batch_max_messages = 16;
    config_.kafka.consumer = {{"session.timeout.ms", "6000"}};
    config_.embedded.partitions = 2;
    ASSERT_EQ(cluster_.Start(config_), "");
    config_.kafka.brokers = cluster_.bootstrap_servers();
    auto ex = extract::Extractor::Load({});
    ASSERT_TRUE(ex.ok());
    extractor_ = std::make_unique<extract::Extractor>(std::move(ex).value());
    normalizer_ = std::make_unique<pipeline::Normalizer>(
        *extractor_, pipeline::NormalizerOptions{.decode = {},
                                                 .normalizer_version = "test",
                                                 .backfill = "",
                                                 .budget = {},
                                                 .observer = nullptr});
    options_.consumer_defaults = {{"fetch.wait.max.ms", "10"}, {"socket.nagle.disable", "true"}};
    options_.producer_defaults = {{"socket.nagle.disable", "true"}};
    options_.stop = &stop_;
  }

  void LoadInput(const std::vector<std::string>& lines) {
    auto path = std::filesystem::temp_directory_path() /
                ("newsflow-runner-" + std::to_string(::getpid()) + ".jsonl");
    {
      std::ofstream f(path);
      for (const auto& l : lines) f << l << "\n";
    }
    std::string err;
    ASSERT_EQ(cluster_.LoadSamples(path, "in", err), static_cast<int>(lines.size())) << err;
    std::filesystem::remove(path);
  }

  // Reads `topic` from the beginning until `want` messages with distinct keys (or, for
  // unkeyed messages, `want` messages) arrived or time is up. Retries produce duplicates, so
  // counting messages alone could stop before every key was seen.
  std::vector<std::pair<std::string, std::vector<std::string>>> Drain(const std::string& topic,
                                                                      size_t want) {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", config_.kafka.brokers.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", ("drain-" + topic).c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof err);
    rd_kafka_conf_set(conf, "fetch.wait.max.ms", "10", err, sizeof err);
    rd_kafka_t* c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    rd_kafka_poll_set_consumer(c);
    auto* topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(c, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    std::set<std::string> keys;
    size_t unkeyed = 0;
    auto deadline = std::chrono::steady_clock::now() + 40s;
    while (keys.size() + unkeyed < want && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(c, 100);
      if (m == nullptr) continue;
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::vector<std::string> headers;
        rd_kafka_headers_t* hdrs = nullptr;
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
          const char* name;
          const void* value;
          size_t size;
          for (size_t i = 0; !rd_kafka_header_get_all(hdrs, i, &name, &value, &size); ++i) {
            headers.push_back(std::string(name) + "=" +
                              std::string(static_cast<const char*>(value), size));
          }
        }
        out.emplace_back(std::string(static_cast<const char*>(m->payload), m->len), headers);
        if (m->key == nullptr) {
          ++unkeyed;
        } else {
          keys.insert(std::string(static_cast<const char*>(m->key), m->key_len));
        }
      }
      rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    return out;
  }

  int64_t CommittedTotal() {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", config_.kafka.brokers.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", config_.kafka.group_id.c_str(), err, sizeof err);
    rd_kafka_t* c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    auto* parts = rd_kafka_topic_partition_list_new(2);
    rd_kafka_topic_partition_list_add(parts, "in", 0);
    rd_kafka_topic_partition_list_add(parts, "in", 1);
    int64_t total = -1;
    if (rd_kafka_committed(c, parts, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      total = 0;
      for (int i = 0; i < parts->cnt; ++i) {
        if (parts->elems[i].offset > 0) total += parts->elems[i].offset;
      }
    }
    rd_kafka_topic_partition_list_destroy(parts);
    rd_kafka_destroy(c);
    return total;
  }

  // Runs the loop until `done` holds or a deadline, then stops it like SIGTERM would.
  int RunUntil(const std::function<bool()>& done) {
    int status = -1;
    std::thread t([&] { status = kafka::Run(config_, *normalizer_, options_); });
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!done() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(100ms);
    stop_ = true;
    t.join();
    return status;
  }

  ops::Config config_;
  EmbeddedCluster cluster_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<pipeline::Normalizer> normalizer_;
  RunOptions options_;
  std::atomic<bool> stop_{false};
};

std::vector<std::string> Items(int n) {
  std::vector<std::string> lines;
  for (int i = 0; i < n; ++i) {
    lines.push_back("{\"id\":\"item-" + std::to_string(i) + "\",\"body\":\"Body number " +
                    std::to_string(i) + ".\"}");
  }
  return lines;
}

TEST_F(RunnerTest, NormalizesDeadLettersAndCommitsEverything) {
  auto lines = Items(40);
  lines.push_back("{not json");
  lines.push_back("{\"id\":\"nobody\"}");
  LoadInput(lines);
  int status = RunUntil([&] { return CommittedTotal() == 42; });
  EXPECT_EQ(status, 0);
  EXPECT_EQ(CommittedTotal(), 42);
  auto out = Drain("out", 40);
  std::set<std::string> ids;
  for (const auto& [value, headers] : out) {
    newsflow::v1::NormalizedArticle rec;
    ASSERT_TRUE(rec.ParseFromString(value));
    EXPECT_EQ(rec.provenance().input_topic(), "in");
    ids.insert(rec.id());
  }
  EXPECT_EQ(ids.size(), 40u);
  auto dlq = Drain("dlq", 2);
  ASSERT_EQ(dlq.size(), 2u);
  std::set<std::string> reasons;
  for (const auto& [value, headers] : dlq) {
    for (const auto& h : headers) {
      if (h.starts_with("newsflow.error=")) reasons.insert(h.substr(15, h.find(':') - 15));
    }
    EXPECT_EQ(headers.size(), 4u);
  }
  EXPECT_EQ(reasons, (std::set<std::string>{"invalid_json", "missing_body"}));
}

// Produce requests that fail permanently make the batch rewind and run again: every input
// still gets its output, and offsets are committed only after that.
TEST_F(RunnerTest, FailedDeliveriesRewindAndRetry) {
  LoadInput(Items(30));
  rd_kafka_mock_push_request_errors(
      cluster_.mock_cluster(), kProduceApiKey, 4, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
      RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
      RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
  int status = RunUntil([&] { return CommittedTotal() == 30; });
  EXPECT_EQ(status, 0);
  EXPECT_EQ(CommittedTotal(), 30);
  std::set<std::string> ids;
  for (const auto& [value, headers] : Drain("out", 30)) {
    newsflow::v1::NormalizedArticle rec;
    ASSERT_TRUE(rec.ParseFromString(value));
    ids.insert(rec.id());
  }
  EXPECT_EQ(ids.size(), 30u);
}

// When the retry budget is spent the loop gives up with a failure status and commits nothing
// it did not deliver.
TEST_F(RunnerTest, GivesUpAfterRetryBudget) {
  config_.kafka.commit_retry_max = 1;
  LoadInput(Items(5));
  std::vector<rd_kafka_resp_err_t> errs(200, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
  rd_kafka_mock_push_request_errors_array(cluster_.mock_cluster(), kProduceApiKey, errs.size(),
                                          errs.data());
  int status = -1;
  std::thread t([&] { status = kafka::Run(config_, *normalizer_, options_); });
  t.join();  // returns by itself once the budget is spent
  EXPECT_NE(status, 0);
  EXPECT_LE(CommittedTotal(), 0);
}

// The transactional loop runs on the mock cluster too (the demo's default): records come out
// and the loop stops cleanly. Its guarantees are tested on a real broker.
TEST_F(RunnerTest, ExactlyOnceLoopRunsOnTheEmbeddedCluster) {
  config_.kafka.delivery = "exactly_once";
  config_.kafka.transactional_id = "runner-test-txn";
  config_.kafka.quotes.topic = "quotes";
  ASSERT_EQ(rd_kafka_mock_topic_create(cluster_.mock_cluster(), "quotes", 2, 1),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  auto lines = Items(20);
  lines.push_back(R"({"id":"q1","body":"\"We will rebuild,\" said Mayor Ana Reyes."})");
  LoadInput(lines);
  std::set<std::string> ids;
  int status = RunUntil([&] {
    for (const auto& [value, headers] : Drain("out", 21)) {
      newsflow::v1::NormalizedArticle rec;
      if (rec.ParseFromString(value)) ids.insert(rec.id());
    }
    return ids.size() == 21;
  });
  EXPECT_EQ(status, 0);
  EXPECT_EQ(ids.size(), 21u);
  auto quotes = Drain("quotes", 1);
  ASSERT_EQ(quotes.size(), 1u);
  newsflow::v1::QuoteRecord q;
  ASSERT_TRUE(q.ParseFromString(quotes[0].first));
  EXPECT_EQ(q.article_id(), "q1");
  EXPECT_EQ(q.quote().text(), "We will rebuild,");
}

}  // namespace
}  // namespace newsflow::kafka
