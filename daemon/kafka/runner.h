#pragma once
// Runner: the at-least-once consume → normalize → produce loop.
//
// Per batch: poll up to kafka.batch_max_messages (or kafka.batch_max_ms), normalize in input
// order, produce records and dead letters, wait until every delivery is confirmed, and only then
// commit the input offsets (last processed + 1 per partition). A failed delivery rewinds the
// batch's partitions to its first offsets and retries; so an input offset is never committed
// before its output is durable. Rebalance revocations finish the pending batch first.
// The batch boundary is also where transactions will slot in for exactly-once.
//
// Lifecycle: construct, Run() once (blocks until StopRequested() or a fatal error).
// Thread safety: single-threaded; librdkafka's own threads only call the delivery and log
// callbacks, which touch atomics and the logger.

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "daemon/ops/config.h"
#include "daemon/pipeline/normalizer.h"

namespace newsflow::kafka {

struct RunOptions {
  // Log every normalized record at info (the embedded demo), not only at debug.
  bool log_records = false;
  // Extra librdkafka properties applied before the user's (the embedded cluster's tuning).
  std::map<std::string, std::string> consumer_defaults;
  std::map<std::string, std::string> producer_defaults;
  // Stops the loop like SIGTERM does when set (tests, embedding); signals always work too.
  const std::atomic<bool>* stop = nullptr;
};

// Returns the process exit status: 0 after a clean stop, non-zero after a fatal error.
int Run(const ops::Config& config, const pipeline::Normalizer& normalizer,
        const RunOptions& options);

// Checks the pass-through maps against librdkafka's property table (unknown key, bad value)
// without connecting. Returns "" or the first error, naming the key.
std::string ValidateClientProperties(const ops::Config& config);

}  // namespace newsflow::kafka
