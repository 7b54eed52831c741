#pragma once
// EmbeddedCluster: librdkafka's in-process mock cluster, for the demo default
// (`kafka.brokers: embedded`). Not a durable broker: it keeps about 5 MB per partition in
// memory, and does not implement read_committed or transactional offsets — never evidence of
// delivery guarantees. The tests use a real broker.
//
// Lifecycle: Start() once; the cluster lives until the object is destroyed. With
// `embedded.rate` > 0, LoadSamples() also starts a thread that replays the samples at that rate
// until the object is destroyed, so a demo shows news arriving rather than one burst.
// Thread safety: not shared; the mock cluster runs on librdkafka's own threads.

#include <memory>
#include <string>
#include <vector>

#include "daemon/ops/config.h"

typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace newsflow::kafka {

class EmbeddedCluster {
 public:
  EmbeddedCluster();
  ~EmbeddedCluster();
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // Creates the cluster with the config's topics; returns "" or an error.
  std::string Start(const ops::Config& config);
  // Produces each non-empty line of `path` to `topic`; returns the count or -1 (error set).
  // With Start()'s config's embedded.rate > 0, then replays those lines in a loop at that rate.
  int LoadSamples(const std::string& path, const std::string& topic, std::string& error);
  const std::string& bootstrap_servers() const { return bootstraps_; }
  // For fault-injection tests (rdkafka_mock.h): push request errors, take brokers down.
  rd_kafka_mock_cluster_t* mock_cluster() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string bootstraps_;
};

}  // namespace newsflow::kafka
