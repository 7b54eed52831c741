#pragma once
// Small RAII and configuration helpers over librdkafka's C API, shared by the runner and the
// embedded cluster. Internal to daemon/kafka.

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>

namespace newsflow::kafka {

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const {
    rd_kafka_topic_partition_list_destroy(l);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using Message = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

// Sets every property of `props` on `conf`; returns "" or "key: librdkafka's message".
std::string ApplyProperties(rd_kafka_conf_t* conf, const std::map<std::string, std::string>& props,
                            const std::string& what);

// Routes librdkafka's log lines into the "rdkafka" spdlog logger.
void RouteLogs(rd_kafka_conf_t* conf);

}  // namespace newsflow::kafka
