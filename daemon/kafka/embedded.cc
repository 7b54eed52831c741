#include "daemon/kafka/embedded.h"

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka_mock.h>

#include <fstream>

#include "daemon/kafka/client.h"
#include "daemon/ops/logging.h"

namespace newsflow::kafka {

struct EmbeddedCluster::Impl {
  Handle owner;  // the mock cluster lives inside this producer handle
  rd_kafka_mock_cluster_t* cluster = nullptr;
};

EmbeddedCluster::EmbeddedCluster() : impl_(std::make_unique<Impl>()) {}

EmbeddedCluster::~EmbeddedCluster() {
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
  int count = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
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
  return count;
}

}  // namespace newsflow::kafka
