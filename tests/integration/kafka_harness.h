#pragma once

// Helpers for the integration tests: talk to the real broker started by tests/kafka/broker.sh
// through librdkafka's C API, and run newsflowd as a child process.
//
// Everything here is for one test thread; nothing is shared between tests. Every call that waits
// takes a deadline, so a broken daemon or broker fails a test instead of hanging it.

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsflow::it {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

// host:port of the test broker: $IT_KAFKA_BOOTSTRAP if set, else DIR/bootstrap written by
// `broker.sh start DIR` (DIR is the ctest fixture's broker directory). Empty when neither exists.
std::string bootstrap_servers();

// Where the fixture's broker keeps its logs (printed on failure).
std::filesystem::path broker_dir();

// A fresh, empty directory for one test's files (config, daemon log). Kept after the run.
std::filesystem::path test_work_dir();

// A name unique to this test run: prefix + current test name + pid + a counter.
std::string unique_name(const std::string& prefix);

// Creates the topics (replication factor 1) and waits until each partition has a leader.
// Returns an error message, or empty on success.
std::string create_topic(const std::string& name, int partitions,
                         std::chrono::milliseconds timeout = 30s,
                         const std::map<std::string, std::string>& configs = {});

// tests/kafka/broker.sh on the fixture's broker: `restart` (stop, then start again on the same
// data directory and ports), `stop`, `resume` (start a stopped broker again). Each returns an
// error message, or empty once done (for restart and resume: once the broker answers again).
std::string broker_command(const std::string& command);

// Moves the log start of topic[partition] to `offset` (DeleteRecords), as retention would.
// Returns an error message, or empty.
std::string delete_records_before(const std::string& topic, int32_t partition, int64_t offset);

// A systemd notification socket for one daemon: pass env() to the Daemon, then read what it
// sent (READY=1, WATCHDOG=1, STATUS=…). One datagram is one notification.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;
  std::string env() const { return "NOTIFY_SOCKET=" + path_.string(); }
  // Receives notifications until one contains `needle` or the timeout passes.
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout);
  // Receives notifications until `n` of them contain `needle` or the timeout passes.
  bool wait_for_count(const std::string& needle, size_t n, std::chrono::milliseconds timeout);
  // Every notification received so far, oldest first.
  const std::vector<std::string>& received() const { return received_; }
  size_t count(const std::string& needle) const;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<std::string> received_;
};

struct Header {
  std::string name;
  std::optional<std::string> value;
};

struct Record {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  std::optional<std::string> key;
  std::string value;
  std::vector<Header> headers;

  // The last header with this name, if any.
  std::optional<std::string> header(const std::string& name) const;
};

// A producer that waits for each batch's delivery reports and returns where each record landed.
// Not thread safe; owns its rd_kafka_t.
class Producer {
 public:
  Producer();
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Produces (key, value) pairs to `topic` (partition chosen by key hash, or `partition` when
  // >= 0) and blocks until all are acknowledged. Fills partition/offset of the returned records.
  // Throws std::runtime_error on any delivery failure or timeout.
  std::vector<Record> produce(const std::string& topic,
                              const std::vector<std::pair<std::string, std::string>>& kvs,
                              int32_t partition = -1, std::chrono::milliseconds timeout = 30s);

 private:
  rd_kafka_t* rk_ = nullptr;
};

// A group-less consumer assigned to every partition of one topic from the beginning; collects
// what it reads. Not thread safe; owns its rd_kafka_t.
class Daemon;

class Collector {
 public:
  // Reads with isolation.level=read_committed: what a downstream consumer of the daemon sees.
  Collector(const std::string& topic, int partitions);
  ~Collector();
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // Polls until `done(records())` is true or the timeout passes; returns whether it became true.
  // With `watch`, gives up early (a second later, to read what it wrote) once that daemon exited.
  bool poll_until(const std::function<bool(const std::vector<Record>&)>& done,
                  std::chrono::milliseconds timeout, Daemon* watch = nullptr);
  // Polls until at least n records were read.
  bool wait_for_count(size_t n, std::chrono::milliseconds timeout, Daemon* watch = nullptr);
  // Polls for a fixed time (to see that nothing more arrives).
  void poll_for(std::chrono::milliseconds duration);

  const std::vector<Record>& records() const { return records_; }

 private:
  rd_kafka_t* rk_ = nullptr;
  std::vector<Record> records_;
};

// Low and high watermarks of every partition of a topic (high - low = messages stored).
std::map<int32_t, std::pair<int64_t, int64_t>> watermarks(const std::string& topic, int partitions);

// Offsets committed by `group` for each partition of `topic` (RD_KAFKA_OFFSET_INVALID, i.e.
// -1001, where the group has no commit). Throws std::runtime_error when the query fails.
std::map<int32_t, int64_t> committed_offsets(const std::string& group, const std::string& topic,
                                             int partitions);

// One input topic of a daemon config.
struct InputTopic {
  std::string name;
  std::string format = "json";
};

struct DaemonConfig {
  std::vector<InputTopic> inputs;
  std::string output_topic;
  std::string dead_letter_topic;
  std::string group_id;
  int64_t max_message_bytes = 983040;
  std::string log_level = "info";
  std::string delivery;          // "" = the daemon's default (exactly_once)
  std::string transactional_id;  // "" = the daemon's default
  std::string output_format;     // "" = the daemon's default (protobuf)
  std::string quotes_topic, actors_topic, locations_topic;  // fan-out topics, "" = off
  bool models = false;          // load the shipped NER model and the built gazetteer
  int transaction_max_ms = 0;   // 0 = default
  int shutdown_timeout_ms = 0;  // 0 = default
  std::map<std::string, std::string> consumer;  // extra librdkafka consumer properties
  std::map<std::string, std::string> producer;  // librdkafka producer properties
  int transaction_max_messages = 0;             // 0 = default
  // ops.http_listen; "" = no endpoint (the default config's 127.0.0.1:9464 would clash when
  // a test runs several daemons).
  std::string http_listen;
  std::string transform;  // pipeline.transform; "" = the daemon's default (normalize)
};

// Paths of the shipped NER model and the gazetteer built by tools/setup.sh; empty when the
// gazetteer has not been built.
std::string ner_model_path();
std::string gazetteer_path();

// Writes the YAML config newsflowd reads and returns its path.
std::filesystem::path write_config(const std::filesystem::path& dir, const DaemonConfig& cfg);

// newsflowd run --config FILE, as a child process with stdout/stderr in a log file. The
// destructor SIGKILLs a daemon that is still running, so a failing test never leaks it.
class Daemon {
 public:
  Daemon(const std::filesystem::path& config, const std::filesystem::path& log,
         const std::vector<std::string>& extra_env = {});
  // newsflowd with these arguments (e.g. {"replay", "--config", …}).
  Daemon(const std::vector<std::string>& args, const std::filesystem::path& log,
         const std::vector<std::string>& extra_env = {});
  // Any other program (a Prometheus server), run and stopped the same way.
  Daemon(const std::string& program, const std::vector<std::string>& args,
         const std::filesystem::path& log, const std::vector<std::string>& extra_env = {});
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  bool running();
  // SIGTERM, then wait up to `timeout`. Returns the exit code (>= 0), 128 + signal when killed by
  // a signal, or -1 when it did not exit in time (it is then SIGKILLed).
  int terminate(std::chrono::milliseconds timeout = 30s);
  // Sends `signal`, then waits as terminate() does.
  int stop(int signal, std::chrono::milliseconds timeout = 30s);
  // Waits for the daemon to exit on its own; same return values as terminate().
  int wait(std::chrono::milliseconds timeout);
  const std::filesystem::path& log() const { return log_; }
  int pid() const { return pid_; }
  // Peak resident memory (VmHWM) of the running daemon in KiB; -1 once it exited.
  int64_t peak_rss_kib() const;
  // The last lines of the daemon's log, for failure messages.
  std::string log_tail(size_t lines = 40) const;

 private:
  int pid_ = -1;
  int status_ = -1;
  std::filesystem::path log_;
};

// The last `lines` lines of a text file, headed by its path, for failure messages.
std::string file_tail(const std::filesystem::path& path, size_t lines = 40);

// The path of the newsflowd binary under test ($IT_NEWSFLOWD overrides the build's).
std::string daemon_path();

}  // namespace newsflow::it
