#include "daemon/kafka/embedded.h"

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

#include "daemon/kafka/client.h"
#include "daemon/ops/logging.h"

namespace newsflow::kafka {

struct EmbeddedCluster::Impl {
  Handle owner;  // the mock cluster lives inside this producer handle
  rd_kafka_mock_cluster_t* cluster = nullptr;
  int rate = 0;  // embedded.rate: samples replayed per second
  // The replay: its producer, and a stop flag the destructor sets.
  Handle replay_producer;
  std::thread replay;
  std::mutex mutex;
  std::condition_variable wake;
  bool stop = false;

  void Replay(std::vector<std::string> lines, std::string topic);
};

// A replayed sample is a new article: its id gets the round's number ("sample-0001-r2"), or
// one is added, so downstream counts and keys see fresh news rather than repeats.
namespace {
std::string FreshId(const std::string& line, size_t round, size_t index) {
  const std::string suffix = "-r" + std::to_string(round);
  for (const char* field : {"\"id\": \"", "\"id\":\""}) {
    auto at = line.find(field);
    if (at == std::string::npos) continue;
    auto end = line.find('"', at + std::strlen(field));
    if (end == std::string::npos) break;
    return line.substr(0, end) + suffix + line.substr(end);
  }
  if (!line.empty() && line.front() == '{') {
    return "{\"id\": \"replay-" + std::to_string(index) + suffix + "\", " + line.substr(1);
  }
  return line;
}
}  // namespace

// Produces one line every 1/rate seconds, round robin, until `stop`. Paced against a fixed
// schedule (not "wait after each send") so the rate holds however long a produce call takes.
void EmbeddedCluster::Impl::Replay(std::vector<std::string> lines, std::string topic) {
  const auto interval = std::chrono::microseconds(1'000'000 / rate);
  auto next = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex);
  for (size_t i = 0;; ++i) {
    next += interval;
    if (wake.wait_until(lock, next, [this] { return stop; })) return;
    const std::string line =
        FreshId(lines[i % lines.size()], i / lines.size() + 1, i % lines.size());
    // A full local queue (the daemon stopped consuming) drops this sample; the next one tries
    // again. Delivery reports are polled so the queue drains.
    (void)rd_kafka_producev(replay_producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                            RD_KAFKA_V_VALUE(const_cast<char*>(line.data()), line.size()),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    rd_kafka_poll(replay_producer.get(), 0);
  }
}

EmbeddedCluster::EmbeddedCluster() : impl_(std::make_unique<Impl>()) {}

EmbeddedCluster::~EmbeddedCluster() {
  if (impl_->replay.joinable()) {
    {
      std::lock_guard lock(impl_->mutex);
      impl_->stop = true;
    }
    impl_->wake.notify_all();
    impl_->replay.join();
  }
  // The replay producer talks to the cluster: gone first, without waiting on what it queued.
  if (impl_->replay_producer) {
    rd_kafka_purge(impl_->replay_producer.get(),
                   RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    impl_->replay_producer.reset();
  }
  if (impl_->cluster != nullptr) rd_kafka_mock_cluster_destroy(impl_->cluster);
}

std::string EmbeddedCluster::Start(const ops::Config& config) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  RouteLogs(conf);
  // The owner handle never connects anywhere; keep its "no bootstrap.servers" notice quiet.
  rd_kafka_conf_set(conf, "log_level", "4", err, sizeof err);
  impl_->owner.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err));
  if (!impl_->owner) return std::string("cannot create the embedded cluster's client: ") + err;
  impl_->cluster = rd_kafka_mock_cluster_new(impl_->owner.get(), 1);
  if (impl_->cluster == nullptr) return "cannot create the embedded (mock) cluster";
  bootstraps_ = rd_kafka_mock_cluster_bootstraps(impl_->cluster);
  impl_->rate = config.embedded.rate;
  std::vector<std::string> topics;
  for (const auto& t : config.kafka.input_topics) topics.push_back(t.name);
  topics.push_back(config.kafka.output_topic);
  topics.push_back(config.kafka.dead_letter_topic);
  for (const auto* f : {&config.kafka.quotes, &config.kafka.actors, &config.kafka.locations}) {
    if (!f->topic.empty()) topics.push_back(f->topic);
  }
  for (const auto& t : topics) {
    if (auto e =
            rd_kafka_mock_topic_create(impl_->cluster, t.c_str(), config.embedded.partitions, 1)) {
      return "cannot create embedded topic " + t + ": " + rd_kafka_err2str(e);
    }
  }
  return "";
}

rd_kafka_mock_cluster_t* EmbeddedCluster::mock_cluster() const { return impl_->cluster; }

int EmbeddedCluster::LoadSamples(const std::string& path, const std::string& topic,
                                 std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open the sample articles";
    return -1;
  }
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  RouteLogs(conf);
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps_.c_str(), err, sizeof err);
  Handle producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err));
  if (!producer) {
    error = std::string("cannot create the sample producer: ") + err;
    return -1;
  }
  std::string line;
  std::vector<std::string> lines;
  int count = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (impl_->rate > 0) lines.push_back(line);
    auto e = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                               RD_KAFKA_V_VALUE(line.data(), line.size()),
                               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      error = std::string("cannot produce a sample: ") + rd_kafka_err2str(e);
      return -1;
    }
    ++count;
  }
  if (rd_kafka_flush(producer.get(), 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    error = "timed out loading the samples into the embedded cluster";
    return -1;
  }
  if (impl_->rate > 0 && !lines.empty() && !impl_->replay.joinable()) {
    impl_->replay_producer = std::move(producer);
    impl_->replay = std::thread(&Impl::Replay, impl_.get(), std::move(lines), topic);
    ops::Logger("kafka")->info("replaying the {} samples into {} at {} per second (embedded.rate)",
                               count, topic, impl_->rate);
  }
  return count;
}

}  // namespace newsflow::kafka
