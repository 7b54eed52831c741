#include "daemon/kafka/embedded.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "daemon/ops/logging.h"

namespace newsflow::kafka {
namespace {

using namespace std::chrono_literals;

class EmbeddedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ops::SetupLogging("warn", "text");
    config_.kafka.input_topics = {{"in", "json"}};
    config_.kafka.output_topic = "out";
    config_.kafka.dead_letter_topic = "dlq";
    config_.embedded.partitions = 2;
    path_ = std::filesystem::temp_directory_path() /
            ("newsflow-embedded-" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream f(path_);
    f << "{\"id\":\"a\",\"body\":\"A.\"}\n\n{\"id\":\"b\",\"body\":\"B.\"}\n";
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Messages of `topic` by value, read from the beginning until `want` arrived or 20 s passed.
  static std::map<std::string, int> Read(const std::string& brokers, const std::string& topic,
                                         int want) {
    char err[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", "embedded-test", err, sizeof err);
    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof err);
    rd_kafka_conf_set(conf, "fetch.wait.max.ms", "10", err, sizeof err);
    rd_kafka_t* c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    rd_kafka_poll_set_consumer(c);
    auto* topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(c, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    std::map<std::string, int> seen;
    int total = 0;
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (total < want && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(c, 100);
      if (m == nullptr) continue;
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ++seen[std::string(static_cast<const char*>(m->payload), m->len)];
        ++total;
      }
      rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    return seen;
  }

  ops::Config config_;
  std::filesystem::path path_;
};

TEST_F(EmbeddedTest, LoadsTheSamplesOnceByDefault) {
  EmbeddedCluster cluster;
  ASSERT_EQ(cluster.Start(config_), "");
  std::string err;
  ASSERT_EQ(cluster.LoadSamples(path_, "in", err), 2) << err;
  auto seen = Read(cluster.bootstrap_servers(), "in", 2);
  EXPECT_EQ(seen.size(), 2u);
  for (const auto& [value, n] : seen) EXPECT_EQ(n, 1) << value;
}

TEST_F(EmbeddedTest, RateKeepsReplayingTheSamples) {
  config_.embedded.rate = 200;
  EmbeddedCluster cluster;
  ASSERT_EQ(cluster.Start(config_), "");
  std::string err;
  ASSERT_EQ(cluster.LoadSamples(path_, "in", err), 2) << err;
  // Three rounds of both samples: only the replay can have produced them, each replayed sample
  // a new article (its id gets the round: "-r1", "-r2", …).
  auto seen = Read(cluster.bootstrap_servers(), "in", 6);
  ASSERT_GE(seen.size(), 6u);
  size_t replayed = 0;
  for (const auto& [value, n] : seen) {
    EXPECT_EQ(n, 1) << "a replayed sample repeats an earlier id: " << value;
    replayed += value.find("-r") != std::string::npos;
  }
  EXPECT_GE(replayed, 4u);
}

}  // namespace
}  // namespace newsflow::kafka
