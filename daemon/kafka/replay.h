#pragma once
// Replay ranges: `--from X --to Y` → [start, end) offsets per input partition, resolved once
// when `newsflowd replay` starts (a `latest` end does not chase messages that arrive later).
//
// Bounds: `earliest`, `latest`, an RFC 3339 time (resolved per partition with
// offsets_for_times: the first message at or after that time), or `PARTITION:OFFSET,…`
// (one topic only; partitions not listed take `earliest` / `latest`). Ranges are half-open.
// A range that begins before the log start begins at the log start, with a note saying so.
//
// Resumption: the replay's group id is derived from the request (topics, bounds, output
// topic), so the same command finds the offsets an interrupted run committed; each commit
// also records the range's end in the offset metadata, so a resumed `latest` keeps the first
// run's end.
//
// Thread safety: free functions; each call creates and destroys its own client.

#include <string>
#include <vector>

#include "daemon/kafka/runner.h"
#include "daemon/ops/config.h"

namespace newsflow::kafka {

struct ReplayRequest {
  std::vector<std::string> topics;  // input topics to replay (default: all configured ones)
  std::string from = "earliest";
  std::string to = "latest";
  std::string group;  // "" = derived from the request
};

struct ReplayPlanRow {
  std::string topic;
  int32_t partition = 0;
  int64_t begin = 0;  // the range's first offset
  int64_t end = 0;    // one past its last
  int64_t start = 0;  // where this run starts (> begin when resuming)
};

struct ReplayPlan {
  ReplayRange range;
  std::vector<ReplayPlanRow> rows;
  std::vector<std::string> notes;  // clamped starts, empty partitions, resumption
};

struct ReplayError {
  std::string message;
  bool usage = false;  // a bad argument (exit status 2), not an environment failure
};

// Checks the bounds' syntax and order without connecting; "" when they are well-formed.
ReplayError CheckReplayBounds(const ReplayRequest& request);

// The group id a request gets when --group is not given: "newsflowd-replay-" + 12 hex digits
// of a hash of the topics, bounds and output topic.
std::string ReplayGroupId(const ReplayRequest& request, const std::string& output_topic);

// Connects to config.kafka.brokers and resolves the request. False with `error` set on failure.
bool ResolveReplay(const ops::Config& config, const ReplayRequest& request, ReplayPlan& plan,
                   ReplayError& error);

// Parses an RFC 3339 time into milliseconds since the epoch.
bool ParseTimeMs(const std::string& text, int64_t& ms);

// The offset-commit metadata that records a range's end ("newsflow-replay end=N"), and back.
std::string ReplayEndMetadata(int64_t end);
bool ParseReplayEndMetadata(const std::string& metadata, int64_t& end);

}  // namespace newsflow::kafka
