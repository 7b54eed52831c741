#pragma once
// Runner: the consume → normalize → produce loop, in one of two delivery modes.
//
// exactly_once (kafka.delivery, the default): one transactional producer per instance. Per batch:
//   collect (up to kafka.transaction.max_messages / max_ms / kafka.batch_max_bytes) → normalize →
//   begin_transaction → produce every record, fan-out record and dead letter →
//   send_offsets_to_transaction (last processed + 1, fresh group metadata) → commit_transaction.
//   Errors follow librdkafka's classes: retriable → call again; txn_requires_abort → abort,
//   rewind the batch's partitions to their first (= committed) offsets, process again; fatal
//   (fencing included) → one clear line, exit non-zero.
// at_least_once: produce, wait until every delivery is confirmed, then commit the offsets; a
//   failed delivery rewinds the batch's partitions and retries.
//
// Both: a rebalance comes inside the poll that collects a batch, before any of it is normalized:
// the messages of revoked partitions leave the batch (the next owner starts at the committed
// offsets) and those of the partitions kept stay in it; lost partitions (a session expired)
// clear the whole batch and rewind the kept partitions to their committed offsets; an output that
// the broker refuses for good (too large, invalid) sends its input to the dead-letter topic on the
// retry, and a dead letter that cannot be delivered either is logged with its coordinates and
// skipped, so no message can stall a partition. The drain on SIGTERM fits
// kafka.shutdown_timeout_ms.
//
// Lifecycle: construct, Run() once (blocks until StopRequested() or a fatal error).
// Thread safety: single-threaded; librdkafka's own threads only call the log callback.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "daemon/ops/config.h"
#include "daemon/ops/health.h"
#include "daemon/ops/metrics.h"
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
  // Where the loop reports its counters and its health (the HTTP endpoint reads them); null =
  // not reported.
  ops::Metrics* metrics = nullptr;
  ops::Health* health = nullptr;
};

// Returns the process exit status: 0 after a clean stop, non-zero after a fatal error.
int Run(const ops::Config& config, const pipeline::Normalizer& normalizer,
        const RunOptions& options);

// A bounded range of input to process again (`newsflowd replay`), fixed before it starts.
struct ReplayRange {
  // The replay's own consumer group: its committed offsets are the replay's progress, in the
  // same transactions as the output. The live group is never touched.
  std::string group_id;
  // [start, end) per input partition: start is where this run begins (the range's first
  // offset, or where an interrupted run stopped), end is the range's end.
  std::map<std::pair<std::string, int32_t>, std::pair<int64_t, int64_t>> partitions;
  int64_t total = 0;  // records in the whole range
  int64_t done = 0;   // of which an earlier, interrupted run already committed
  // Called after every committed batch with (done, total), and once more at the end.
  std::function<void(int64_t done, int64_t total)> on_progress;
};

// Processes `range` with assign() (no group membership) through the same loop as Run():
// exactly-once per config, progress committed with the output. Returns 0 once every partition
// reached its end, 1 after a fatal error, 130 when stopped before the end (resumable).
int Replay(const ops::Config& config, const pipeline::Normalizer& normalizer,
           const RunOptions& options, const ReplayRange& range);

// Checks the pass-through maps against librdkafka's property table (unknown key, bad value)
// and that a dead letter of the largest accepted input fits the producer's message.max.bytes,
// without connecting. Returns "" or the first error, naming the key.
std::string ValidateClientProperties(const ops::Config& config);

}  // namespace newsflow::kafka
