#include "daemon/kafka/runner.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "daemon/kafka/client.h"
#include "daemon/kafka/replay.h"
#include "daemon/ops/logging.h"
#include "daemon/ops/signals.h"
#include "daemon/ops/systemd.h"
#include "daemon/pipeline/outputs.h"
#include "daemon/pipeline/render.h"
#include "daemon/pipeline/workers.h"

namespace newsflow::kafka {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A dead letter's reason header is capped: it may quote the input (a parser's message), and an
// input near the size limit must not make its own dead letter too large.
constexpr size_t kMaxReasonBytes = 1024;
// Room a dead letter needs besides the original key and value: four headers and their names.
constexpr size_t kDeadLetterOverhead = 2048;
// One attempt at a transactional call may wait this long before it is retried; between
// attempts the loop pings the watchdog and checks the drain deadline.
constexpr int kCallSliceMs = 1000;
// A batch whose commit has not gone through by then is aborted and processed again.
constexpr milliseconds kBatchCommitLimit{120000};

enum class Mode { kExactlyOnce, kAtLeastOnce };

enum class Outcome {
  kDone,   // outputs visible, offsets committed
  kRetry,  // nothing committed; the batch's partitions were rewound
  kFatal,  // the process must exit
};

// Where the outputs go, by index: the four record kinds, then dead letters.
constexpr size_t kDeadLetterTopic = pipeline::kOutputKinds;

struct DeliveryCounts {
  std::atomic<int64_t> outstanding{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int> first_error{RD_KAFKA_RESP_ERR_NO_ERROR};
};

// One message to produce and the input it came from.
struct Outgoing {
  size_t topic = 0;
  std::string key;
  bool null_key = false;  // dead letters of unkeyed input stay unkeyed
  std::string value;
  uint32_t input = 0;  // index into the batch
  bool dead_letter = false;
  std::string reason;      // dead letters: the newsflow.error header
  int64_t truncated = -1;  // dead letters cut to fit: the original value size
  DeliveryCounts* counts = nullptr;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;  // from the delivery report
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* o = static_cast<Outgoing*>(m->_private);
  if (o == nullptr || o->counts == nullptr) return;
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    o->err = m->err;
    int none = RD_KAFKA_RESP_ERR_NO_ERROR;
    o->counts->first_error.compare_exchange_strong(none, m->err);
    o->counts->failed.fetch_add(1);
  }
  o->counts->outstanding.fetch_sub(1);
}

// Errors that retrying the same message will never cure: the input goes to the dead-letter
// topic instead (and a dead letter that fails so is skipped).
bool IsPermanentMessageError(rd_kafka_resp_err_t e) {
  switch (e) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
    case RD_KAFKA_RESP_ERR_INVALID_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
      return true;
    default:
      return false;
  }
}

// Client errors that no retry cures: credentials, certificates, permissions. The process
// exits so that the supervisor shows the failure (and retries with its own backoff) instead of
// a daemon that reports ready while nothing flows.
bool IsPermanentClientError(rd_kafka_resp_err_t e) {
  switch (e) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
      return true;
    default:
      return false;
  }
}

// The first `max` bytes of `s`, cut back to a UTF-8 boundary.
std::string CapUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string Suppressed(uint64_t n) {
  return n ? fmt::format(" ({} similar lines suppressed)", n) : std::string();
}

using TopicPartition = std::pair<std::string, int32_t>;

// librdkafka 2.0.2 stops fetching while the prefetch queue is over queued.max.messages.kbytes
// or queued.min.messages and looks again only when that broker's thread wakes: on I/O, on an
// operation for it, or after up to a second (2.2 added fetch.queue.backoff.ms for this). A loop
// faster than the fetch starved for most of that second: with transform none, 0.2 of a kcat
// pipe (0.68–0.8 with this). Asking a broker for a partition's watermarks is a request on its
// thread, which wakes it to fetch again. The call waits for the answer whatever its timeout
// says (up to the consumer's socket.timeout.ms if the leader hangs), so it is made here, off
// the loop; wakes asked for meanwhile are merged. (With follower fetching, client.rack, the
// request goes to the leader and the replica that fetched stays asleep: the old behaviour.)
class FetchWaker {
 public:
  explicit FetchWaker(rd_kafka_t* consumer) : consumer_(consumer), thread_([this] { Serve(); }) {}
  // Joins: an answer still due (a hung leader: up to socket.timeout.ms) holds the exit; under
  // a signal the StopGuard's budget bounds that wait.
  ~FetchWaker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  FetchWaker(const FetchWaker&) = delete;
  FetchWaker& operator=(const FetchWaker&) = delete;

  // One partition per broker to wake. Never blocks.
  void Wake(const std::vector<std::pair<std::string, int32_t>>& partitions) {
    {
      std::lock_guard lock(mu_);
      for (const auto& tp : partitions) {
        if (std::find(todo_.begin(), todo_.end(), tp) == todo_.end()) todo_.push_back(tp);
      }
    }
    cv_.notify_one();
  }

 private:
  void Serve() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [this] { return stop_ || !todo_.empty(); });
      if (stop_) return;
      std::vector<std::pair<std::string, int32_t>> partitions;
      partitions.swap(todo_);
      lock.unlock();
      for (const auto& [topic, partition] : partitions) {
        {
          std::lock_guard stop_lock(mu_);
          if (stop_) return;
        }
        int64_t low = 0, high = 0;
        // The answer is not needed; a failure costs one slow refill.
        rd_kafka_query_watermark_offsets(consumer_, topic.c_str(), partition, &low, &high, 10000);
      }
      lock.lock();
    }
  }

  rd_kafka_t* const consumer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::string, int32_t>> todo_;
  bool stop_ = false;
  std::thread thread_;
};

class Loop {
 public:
  Loop(const ops::Config& config, const pipeline::Normalizer& normalizer, const RunOptions& options,
       const ReplayRange* replay = nullptr)
      : config_(config),
        normalizer_(normalizer),
        workers_(normalizer, static_cast<int>(config.pipeline.workers)),
        options_(options),
        metrics_(options.metrics),
        replay_(replay),
        mode_(config.kafka.delivery == "at_least_once" ? Mode::kAtLeastOnce : Mode::kExactlyOnce),
        passthrough_(config.pipeline.transform == "none") {
    for (const auto& t : config.kafka.input_topics) {
      formats_[t.name] = *pipeline::ParseInputFormat(t.format);
    }
    auto spec = [](const std::string& topic, const std::string& format, int64_t schema_id) {
      pipeline::OutputSpec s;
      s.enabled = !topic.empty();
      s.format = pipeline::ParseWireFormat(format).value_or(pipeline::WireFormat::kProtobuf);
      s.schema_id = static_cast<uint32_t>(schema_id);
      return s;
    };
    const auto& k = config.kafka;
    specs_[0] = spec(k.output_topic, k.output_format, k.output_schema_id);
    specs_[1] = spec(k.quotes.topic, k.quotes.format, k.quotes.schema_id);
    specs_[2] = spec(k.actors.topic, k.actors.format, k.actors.schema_id);
    specs_[3] = spec(k.locations.topic, k.locations.format, k.locations.schema_id);
    topic_names_ = {k.output_topic, k.quotes.topic, k.actors.topic, k.locations.topic,
                    k.dead_letter_topic};
    max_messages_ = mode_ == Mode::kExactlyOnce ? k.transaction_max_messages : k.batch_max_messages;
    max_ms_ = mode_ == Mode::kExactlyOnce ? k.transaction_max_ms : k.batch_max_ms;
    if (metrics_ != nullptr) {
      for (size_t i = 0; i < pipeline::kOutputKinds; ++i) {
        if (!topic_names_[i].empty())
          produced_[i] = &metrics_->records_produced.With({topic_names_[i]});
      }
      latency_ = &metrics_->processing_latency.With({});
      // Zero from the start, so that "no records for 5 minutes" can be told from "no series".
      for (const auto& t : config.kafka.input_topics) {
        metrics_->records_consumed.With({t.name});
        metrics_->input_bytes.With({t.name});
      }
    }
  }

  ~Loop() {
    // Topic handles belong to the producer and go before it.
    for (auto* t : topics_) {
      if (t != nullptr) rd_kafka_topic_destroy(t);
    }
  }

  int Run() {
    StopGuard guard(*this);
    if (!CreateClients() || !CheckOutputTopics()) return 1;
    if (mode_ == Mode::kExactlyOnce && !InitTransactions()) return 1;
    producer_ok_ = true;
    if (replay_ != nullptr) {
      if (!AssignReplayRange()) return 1;
    } else {
      PartitionList topics(
          rd_kafka_topic_partition_list_new(static_cast<int>(config_.kafka.input_topics.size())));
      for (const auto& t : config_.kafka.input_topics) {
        rd_kafka_topic_partition_list_add(topics.get(), t.name.c_str(), RD_KAFKA_PARTITION_UA);
      }
      if (auto err = rd_kafka_subscribe(consumer_.get(), topics.get())) {
        log_->critical("subscribe failed: {}", rd_kafka_err2str(err));
        return 1;
      }
    }
    for (const auto& t : config_.kafka.input_topics) {
      inputs_text_ += (inputs_text_.empty() ? "" : ",") + t.name + "(" + t.format + ")";
    }
    std::string outputs;
    for (size_t i = 0; i < pipeline::kOutputKinds; ++i) {
      if (!specs_[i].enabled) continue;
      outputs += fmt::format("{}{}={}({})", outputs.empty() ? "" : " ",
                             pipeline::OutputKindName(static_cast<pipeline::OutputKind>(i)),
                             topic_names_[i], pipeline::WireFormatName(specs_[i].format));
    }
    log_->info(
        "consuming {} as group {} → {} (dead letters: {}; delivery: {}{}; {} normalizing "
        "threads)",
        inputs_text_, config_.kafka.group_id, outputs, config_.kafka.dead_letter_topic,
        config_.kafka.delivery,
        mode_ == Mode::kExactlyOnce ? ", transactional.id " + transactional_id_ : "",
        workers_.threads());

    auto last_report = Clock::now();
    auto last_lag = Clock::time_point{};
    while (!Stopping() && !fatal_ && !ReplayFinished()) {
      Collect();
      if (fatal_) break;
      if (!pending_.empty() && ProcessBatch() == Outcome::kFatal) break;
      MaybeReady();
      Beat();
      if (metrics_ != nullptr && Clock::now() - last_lag >= kLagInterval) {
        last_lag = Clock::now();
        UpdateLag();
      }
      if (Clock::now() - last_report >= std::chrono::seconds(30)) {
        last_report = Clock::now();
        ops::NotifyStatus(StatusText());
      }
    }
    int status = fatal_ ? 1 : 0;
    const bool finished = ReplayFinished();
    ops::NotifyStopping();
    if (!fatal_) {
      StartDrain();
      log_->info("stopping: finishing the batch in flight ({} messages; budget {} ms)",
                 pending_.size(), config_.kafka.shutdown_timeout_ms);
      if (!pending_.empty() && ProcessBatch() != Outcome::kDone) status = 1;
      if (fatal_) status = 1;
    }
    // Close leaves the group; its revoke callback finds nothing pending (or, after a fatal
    // error, drops what is pending: it is processed again by the next owner).
    closing_ = true;
    // Messages hold references into the consumer: release them before it closes.
    raw_.clear();
    pending_.clear();
    waker_.reset();
    rd_kafka_consumer_close(consumer_.get());
    if (mode_ == Mode::kAtLeastOnce) {
      rd_kafka_flush(producer_.get(), static_cast<int>(std::clamp<int64_t>(LeftMs(), 0, 10000)));
    }
    const double secs = std::chrono::duration<double>(Clock::now() - started_).count();
    log_->info("stopped after {:.1f} s: {} ({:.1f} records/s)", secs, StatusText(),
               secs > 0 ? static_cast<double>(published_ + dead_lettered_) / secs : 0.0);
    if (replay_ != nullptr) {
      ReportProgress();
      if (status == 0 && !finished) status = 130;  // interrupted: the next run resumes
    }
    return status;
  }

  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* parts, void* opaque) {
    static_cast<Loop*>(opaque)->Rebalance(rk, err, parts);
  }

  static void OnError(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    static_cast<Loop*>(opaque)->ClientError(rk, static_cast<rd_kafka_resp_err_t>(err), reason);
  }

 private:
  // The hard edge of the shutdown budget. librdkafka calls can block past their timeouts while
  // a coordinator is unreachable (send_offsets_to_transaction waits out socket.timeout.ms), so a
  // thread watches for the stop request and ends the process when the budget (plus a second)
  // is spent. Nothing is lost: uncommitted input is processed again after the restart.
  class StopGuard {
   public:
    explicit StopGuard(Loop& loop) : loop_(loop), thread_([this] { Watch(); }) {}
    ~StopGuard() {
      {
        std::lock_guard lock(mu_);
        done_ = true;
      }
      cv_.notify_all();
      thread_.join();
    }

   private:
    void Watch() {
      std::unique_lock lock(mu_);
      std::optional<Clock::time_point> deadline;
      while (!cv_.wait_for(lock, milliseconds(50), [this] { return done_; })) {
        if (!deadline && loop_.Stopping()) {
          deadline = Clock::now() + milliseconds(loop_.config_.kafka.shutdown_timeout_ms) +
                     milliseconds(1000);
        }
        if (deadline && Clock::now() >= *deadline) {
          loop_.log_->critical(
              "shutdown budget (kafka.shutdown_timeout_ms = {} ms) spent; exiting without "
              "committing the batch in flight (it is processed again after the restart)",
              loop_.config_.kafka.shutdown_timeout_ms);
          spdlog::shutdown();
          std::_Exit(1);
        }
      }
    }

    Loop& loop_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
  };

  bool Stopping() const {
    return ops::StopRequested() || (options_.stop != nullptr && options_.stop->load());
  }

  // Progress: feeds /healthz and systemd's watchdog (see ops/health.h).
  // Called per record too; a beat every 10 ms is plenty for second-scale timeouts and saves
  // the watchdog's environment lookups on every record.
  void Beat() {
    const auto now = Clock::now();
    if (now - last_beat_ < milliseconds(10)) return;
    last_beat_ = now;
    if (options_.health != nullptr) options_.health->Beat();
    ops::NotifyWatchdog();
  }

  void SetState(ops::Health::State state) {
    if (options_.health != nullptr) options_.health->Set(state);
    if (metrics_ != nullptr) {
      metrics_->ready.With({}).Set(state == ops::Health::State::kReady ? 1 : 0);
    }
  }

  bool Fenced(const std::string& message) {
    SetState(ops::Health::State::kFenced);
    return Fatal(message);
  }

  void StartDrain() {
    if (draining_) return;
    if (!fatal_) SetState(ops::Health::State::kDraining);
    draining_ = true;
    drain_deadline_ = Clock::now() + milliseconds(config_.kafka.shutdown_timeout_ms);
  }

  // Milliseconds left before the drain deadline (a large number while not draining).
  int64_t LeftMs() {
    if (Stopping()) StartDrain();
    if (!draining_) return int64_t{1} << 40;
    return std::chrono::duration_cast<milliseconds>(drain_deadline_ - Clock::now()).count();
  }

  std::string StatusText() const {
    return fmt::format(
        "published={} dead_lettered={} skipped={} over_budget={} committed_batches={} retries={}",
        published_, dead_lettered_, skipped_, truncated_, committed_batches_, failed_batches_);
  }

  void MaybeReady() {
    if (ready_ || !assigned_ || !producer_ok_ || fatal_ || draining_) return;
    ready_ = true;
    SetState(ops::Health::State::kReady);
    ops::NotifyReady("consuming " + inputs_text_);
    log_->info("ready: group joined, partitions assigned, producer initialized");
  }

  // ------------------------------------------------------------------------------------------
  // Replay: a fixed range through assign(), no group membership.

  bool ReplayFinished() const {
    return replay_ != nullptr && replay_open_.empty() && pending_.empty();
  }

  bool AssignReplayRange() {
    PartitionList list(
        rd_kafka_topic_partition_list_new(static_cast<int>(replay_->partitions.size())));
    for (const auto& [tp, range] : replay_->partitions) {
      if (range.first >= range.second) continue;
      rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset =
          range.first;
      replay_open_.insert(tp);
    }
    if (auto err = rd_kafka_assign(consumer_.get(), list.get())) {
      return Fatal(std::string("assign failed: ") + rd_kafka_err2str(err));
    }
    // Record every partition's end with its start before any work, so that a resumed `latest`
    // keeps this run's end also for partitions that had no commit yet.
    PartitionList marks(
        rd_kafka_topic_partition_list_new(static_cast<int>(replay_->partitions.size())));
    for (const auto& [tp, range] : replay_->partitions) {
      rd_kafka_topic_partition_t* e =
          rd_kafka_topic_partition_list_add(marks.get(), tp.first.c_str(), tp.second);
      e->offset = range.first;
      SetEndMetadata(e, range.second);
    }
    if (auto err = rd_kafka_commit(consumer_.get(), marks.get(), /*async=*/0)) {
      log_->warn(
          "cannot record the range's ends in {} ({}); a resumed `latest` will be resolved "
          "again",
          replay_->group_id, rd_kafka_err2str(err));
    }
    assigned_ = true;
    MaybeReady();
    return true;
  }

  // A partition is done once a message at or past its end came, or its end of log did.
  void ReplayReached(const std::string& topic, int32_t partition, int64_t next) {
    auto it = replay_->partitions.find({topic, partition});
    if (it == replay_->partitions.end() || next < it->second.second) return;
    if (replay_open_.erase({topic, partition}) == 0) return;
    PartitionList list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    rd_kafka_pause_partitions(consumer_.get(), list.get());
    log_->info("{}[{}]: end of the range ({}) reached", topic, partition, it->second.second);
  }

  // Returns false when the message lies past its partition's range (it is dropped).
  bool InReplayRange(const rd_kafka_message_t* m) {
    const std::string topic = rd_kafka_topic_name(m->rkt);
    auto it = replay_->partitions.find({topic, m->partition});
    if (it == replay_->partitions.end() || m->offset >= it->second.second) {
      ReplayReached(topic, m->partition, m->offset);
      return false;
    }
    ReplayReached(topic, m->partition, m->offset + 1);
    return true;
  }

  void ReportProgress() {
    if (replay_ == nullptr || !replay_->on_progress) return;
    replay_->on_progress(replay_->done + published_ + dead_lettered_ + skipped_, replay_->total);
  }

  void ReportAssignment(rd_kafka_t* rk) {
    rd_kafka_topic_partition_list_t* now = nullptr;
    if (rd_kafka_assignment(rk, &now) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    const int n = now->cnt;
    rd_kafka_topic_partition_list_destroy(now);
    ops::NotifyStatus(n > 0 ? fmt::format("working on {} partitions", n)
                            : std::string("standby: no partitions assigned"));
  }

  bool Fatal(const std::string& message) {
    if (!fatal_) log_->critical("{}", message);
    if (!fatal_ && options_.health != nullptr &&
        options_.health->state() != ops::Health::State::kFenced) {
      SetState(ops::Health::State::kDraining);  // exiting: no longer ready
    }
    fatal_ = true;
    return false;
  }

  // ------------------------------------------------------------------------------------------
  // Metrics

  struct InputSeries {
    ops::Series* consumed = nullptr;
    ops::Series* bytes = nullptr;
  };

  InputSeries& InputSeriesOf(const rd_kafka_topic_t* rkt) {
    auto [it, fresh] = input_series_.try_emplace(rkt);
    if (fresh) {
      const std::string topic = rd_kafka_topic_name(rkt);
      it->second.consumed = &metrics_->records_consumed.With({topic});
      it->second.bytes = &metrics_->input_bytes.With({topic});
    }
    return it->second;
  }

  // After a batch committed: the offsets it committed (for the lag) and what it delivered.
  void CountCommitted() {
    // at_least_once counts a batch whose commit the group refused (a rebalance) as done: its
    // outputs are delivered, but the group's offsets did not move; they are read again.
    for (const auto& [tp, range] : BatchRanges()) {
      if (commit_ok_) {
        committed_[tp] = range.second;
      } else {
        committed_.erase(tp);
      }
    }
    if (metrics_ == nullptr) return;
    const auto now = Clock::now();
    for (size_t i = 0; i < pending_.size() && i < polled_at_.size(); ++i) {
      latency_->Observe(std::chrono::duration<double>(now - polled_at_[i]).count());
    }
    for (const auto& o : outgoing_) {
      if (o.dead_letter) {
        metrics_->dead_letters.With({ops::ReasonCode(o.reason)}).Inc();
      } else if (o.topic < produced_.size() && produced_[o.topic] != nullptr) {
        produced_[o.topic]->Inc();
      }
    }
    if (batch_truncated_ > 0) {
      metrics_->records_truncated.With({}).Inc(static_cast<double>(batch_truncated_));
    }
    if (commit_ok_) {
      metrics_->transactions_committed.With({}).Inc();
    } else {
      metrics_->commit_failures.With({}).Inc();
    }
  }

  // Lag per assigned partition: the high watermark of the last fetch response (librdkafka
  // keeps it per partition; fetches return at least every fetch.wait.max.ms) minus the offset
  // this group committed, as this instance knows it: its own commits, or the group's
  // committed offset read once for a partition it has not committed yet. librdkafka's
  // statistics (consumer_lag) lag behind by statistics.interval.ms and use the stored offset.
  void UpdateLag() {
    rd_kafka_topic_partition_list_t* assignment = nullptr;
    if (rd_kafka_assignment(consumer_.get(), &assignment) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    PartitionList owned(assignment);
    PartitionList unknown(rd_kafka_topic_partition_list_new(4));
    for (int i = 0; i < owned->cnt; ++i) {
      const auto& e = owned->elems[i];
      if (!committed_.count({e.topic, e.partition})) {
        rd_kafka_topic_partition_list_add(unknown.get(), e.topic, e.partition);
      }
    }
    if (unknown->cnt > 0 &&
        rd_kafka_committed(consumer_.get(), unknown.get(), 1000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      for (int i = 0; i < unknown->cnt; ++i) {
        const auto& e = unknown->elems[i];
        if (e.err == RD_KAFKA_RESP_ERR_NO_ERROR) committed_[{e.topic, e.partition}] = e.offset;
      }
    }
    for (int i = 0; i < owned->cnt; ++i) {
      const auto& e = owned->elems[i];
      auto c = committed_.find({e.topic, e.partition});
      int64_t low = -1, high = -1;
      if (c == committed_.end() ||
          rd_kafka_get_watermark_offsets(consumer_.get(), e.topic, e.partition, &low, &high) !=
              RD_KAFKA_RESP_ERR_NO_ERROR ||
          high < 0) {
        continue;  // not fetched yet
      }
      // No commit yet: everything from the log start is still to do (auto.offset.reset).
      const int64_t from = c->second >= 0 ? c->second : low;
      if (from < 0) continue;
      metrics_->consumer_lag.With({e.topic, std::to_string(e.partition)})
          .Set(static_cast<double>(std::max<int64_t>(0, high - from)));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Start-up

  bool CreateClients() {
    char err[512];
    rd_kafka_conf_t* cconf = rd_kafka_conf_new();
    RouteLogs(cconf);
    std::map<std::string, std::string> cprops = options_.consumer_defaults;
    for (const auto& [k, v] : config_.kafka.client) cprops[k] = v;
    cprops["auto.offset.reset"] = "earliest";
    // Eager rebalances: one round, so a joining instance has its partitions ~0.2 s after it
    // subscribes. cooperative-sticky keeps the others working meanwhile but takes two rounds,
    // and librdkafka 2.0.2 spaces a member's JoinGroups at least 1 s apart (join_intvl in
    // rdkafka_cgrp.c): the newcomer idled 1.1–1.3 s before its first partitions. A rebalance
    // costs the others little here: it comes inside the poll, before the pending batch is
    // normalized, and their transactions are closed by then.
    cprops["partition.assignment.strategy"] = "roundrobin";
    // Prefetch bounded well below librdkafka's defaults (64 MiB queue, 50 MiB fetches): a
    // flood of maximal messages must not hold hundreds of MB before the batch limits apply.
    cprops["queued.max.messages.kbytes"] = "16384";
    cprops["fetch.max.bytes"] = "16777216";
    // A member learns of a rebalance only at its next heartbeat: at librdkafka's 3 s a joining
    // instance idled up to 3 s per round. Four small requests a second per member cost the
    // coordinator next to nothing.
    cprops["heartbeat.interval.ms"] = "250";
    for (const auto& [k, v] : config_.kafka.consumer) cprops[k] = v;
    cprops["bootstrap.servers"] = config_.kafka.brokers;
    cprops["group.id"] = replay_ != nullptr ? replay_->group_id : config_.kafka.group_id;
    // Replay: an end of log inside the range ends that partition (aborted data and
    // transaction markers can stand where the range's last offsets are).
    if (replay_ != nullptr) cprops["enable.partition.eof"] = "true";
    cprops["enable.auto.commit"] = "false";
    cprops["enable.auto.offset.store"] = "false";
    // Input written by transactional producers upstream: never process aborted data.
    cprops["isolation.level"] = "read_committed";
    if (auto e = ApplyProperties(cconf, cprops, "kafka.consumer"); !e.empty()) {
      rd_kafka_conf_destroy(cconf);
      return Fatal(e);
    }
    {
      char value[32];
      size_t size = sizeof value;
      if (rd_kafka_conf_get(cconf, "queued.max.messages.kbytes", value, &size) ==
          RD_KAFKA_CONF_OK) {
        prefetch_limit_bytes_ = std::max<int64_t>(std::strtoll(value, nullptr, 10) * 1000, 1000);
      }
      size = sizeof value;
      if (rd_kafka_conf_get(cconf, "queued.min.messages", value, &size) == RD_KAFKA_CONF_OK) {
        prefetch_limit_messages_ = std::max<int64_t>(std::strtoll(value, nullptr, 10), 2);
      }
    }
    rd_kafka_conf_set_rebalance_cb(cconf, &Loop::OnRebalance);
    rd_kafka_conf_set_error_cb(cconf, &Loop::OnError);
    rd_kafka_conf_set_opaque(cconf, this);
    consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, cconf, err, sizeof err));
    if (!consumer_) return Fatal(std::string("cannot create consumer: ") + err);
    rd_kafka_poll_set_consumer(consumer_.get());
    waker_ = std::make_unique<FetchWaker>(consumer_.get());

    rd_kafka_conf_t* pconf = rd_kafka_conf_new();
    RouteLogs(pconf);
    std::map<std::string, std::string> pprops = options_.producer_defaults;
    for (const auto& [k, v] : config_.kafka.client) pprops[k] = v;
    pprops["enable.idempotence"] = "true";  // no duplicates or reordering from retries
    pprops["linger.ms"] = "5";
    if (mode_ == Mode::kExactlyOnce) {
      // A message must time out before its transaction does (librdkafka refuses otherwise).
      pprops["transaction.timeout.ms"] = "60000";
      pprops["message.timeout.ms"] = "55000";
      // Transactional calls wait out a request timeout while the coordinator is unreachable;
      // a shorter one keeps the loop (and its watchdog pings) moving.
      pprops["socket.timeout.ms"] = "20000";
      // send_offsets_to_transaction right after a commit often meets CONCURRENT_TRANSACTIONS
      // (the last transaction's markers are still being written); librdkafka 2.0.2 retries
      // AddOffsetsToTxn after retry.backoff.ms, and at its 100 ms half the transactions of a
      // busy loop waited ~106 ms there (passthrough: 0.3 of kcat, 0.6–0.7 at 20 ms). 20 ms bounds
      // that wait; it also paces produce retries, which message.timeout.ms still bounds.
      pprops["retry.backoff.ms"] = "20";
    }
    for (const auto& [k, v] : config_.kafka.producer) pprops[k] = v;
    pprops["bootstrap.servers"] = config_.kafka.brokers;
    if (mode_ == Mode::kExactlyOnce) {
      // A replay has its own id: it must neither fence the live daemon nor be fenced by it.
      transactional_id_ =
          replay_ != nullptr ? replay_->group_id : ops::EffectiveTransactionalId(config_);
      pprops["transactional.id"] = transactional_id_;
    }
    if (auto e = ApplyProperties(pconf, pprops, "kafka.producer"); !e.empty()) {
      rd_kafka_conf_destroy(pconf);
      return Fatal(e);
    }
    char value[64];
    size_t size = sizeof value;
    if (rd_kafka_conf_get(pconf, "message.max.bytes", value, &size) == RD_KAFKA_CONF_OK) {
      max_record_bytes_ = std::strtoll(value, nullptr, 10);
    }
    size = sizeof value;
    if (rd_kafka_conf_get(pconf, "message.timeout.ms", value, &size) == RD_KAFKA_CONF_OK) {
      message_timeout_ms_ = std::strtoll(value, nullptr, 10);
    }
    rd_kafka_conf_set_dr_msg_cb(pconf, OnDelivery);
    rd_kafka_conf_set_error_cb(pconf, &Loop::OnError);
    rd_kafka_conf_set_opaque(pconf, this);
    producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, pconf, err, sizeof err));
    if (!producer_) return Fatal(std::string("cannot create producer: ") + err);
    for (size_t i = 0; i < topic_names_.size(); ++i) {
      topics_[i] = topic_names_[i].empty()
                       ? nullptr
                       : rd_kafka_topic_new(producer_.get(), topic_names_[i].c_str(), nullptr);
    }
    return true;
  }

  // A missing output topic would only show up as delivery timeouts minutes later; say so at
  // start instead. An unreachable cluster is not fatal: librdkafka keeps trying.
  bool CheckOutputTopics() {
    for (size_t i = 0; i < topic_names_.size(); ++i) {
      if (topics_[i] == nullptr) continue;
      const std::string& name = topic_names_[i];
      const rd_kafka_metadata_t* md = nullptr;
      rd_kafka_resp_err_t err = rd_kafka_metadata(producer_.get(), 0, topics_[i], &md, 10000);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log_->warn("cannot read metadata for topic {} yet: {}", name, rd_kafka_err2str(err));
        continue;
      }
      rd_kafka_resp_err_t topic_err =
          md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
      rd_kafka_metadata_destroy(md);
      if (topic_err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return Fatal(
            fmt::format("topic {} does not exist on {} (create it, or allow auto-creation)", name,
                        config_.kafka.brokers));
      }
      if (IsPermanentClientError(topic_err)) {
        return Fatal(fmt::format("topic {}: {}", name, rd_kafka_err2str(topic_err)));
      }
      if (topic_err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log_->warn("topic {}: {}", name, rd_kafka_err2str(topic_err));
      }
      if (fatal_) return false;
    }
    return !fatal_;
  }

  bool InitTransactions() {
    while (true) {
      rd_kafka_error_t* e = rd_kafka_init_transactions(producer_.get(), 2000);
      // Serve the clients' error callbacks: a TLS or authentication failure shows up there,
      // not as an error of init_transactions, which just times out.
      rd_kafka_poll(producer_.get(), 0);
      Message m(rd_kafka_consumer_poll(consumer_.get(), 0));
      if (m && m->err != RD_KAFKA_RESP_ERR_NO_ERROR) HandleConsumerError(m.get());
      if (fatal_) {
        if (e != nullptr) rd_kafka_error_destroy(e);
        return false;
      }
      if (e == nullptr) break;
      std::string what = rd_kafka_error_string(e);
      bool retriable = rd_kafka_error_is_retriable(e) && !rd_kafka_error_is_fatal(e);
      rd_kafka_error_destroy(e);
      if (!retriable) {
        return Fatal(fmt::format("cannot initialize transactions (transactional.id {}): {}",
                                 transactional_id_, what));
      }
      if (fatal_ || Stopping()) return false;
      log_->warn("initializing transactions: {} (retrying)", what);
      Beat();
    }
    log_->info("transactions initialized (transactional.id {})", transactional_id_);
    return true;
  }

  void ClientError(rd_kafka_t* rk, rd_kafka_resp_err_t err, const char* reason) {
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
      char buf[512];
      rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk, buf, sizeof buf);
      if (orig == RD_KAFKA_RESP_ERR_PRODUCER_FENCED || orig == RD_KAFKA_RESP_ERR__FENCED ||
          orig == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH) {
        Fenced(FencedMessage(buf));
      } else {
        Fatal(fmt::format("{} fatal error: {}", rd_kafka_name(rk), buf));
      }
      return;
    }
    if (IsPermanentClientError(err)) {
      Fatal(fmt::format("{}: {} ({}); check the security settings and ACLs", rd_kafka_name(rk),
                        reason, rd_kafka_err2name(err)));
      return;
    }
    uint64_t suppressed = 0;
    if (error_limiter_.Allow(suppressed)) {
      log_->warn("{}: {}{}", rd_kafka_name(rk), reason, Suppressed(suppressed));
    }
  }

  std::string FencedMessage(const std::string& detail) const {
    return fmt::format(
        "fenced: the producer epoch of transactional.id '{}' is no longer current ({}): another "
        "instance took the id, or the coordinator aborted a transaction that outlived "
        "transaction.timeout.ms; stopping, as nothing this one writes can commit any more",
        transactional_id_, detail);
  }

  // ------------------------------------------------------------------------------------------
  // Collect

  // Polls messages into pending_ until the batch is full or its window is over. Returns after at
  // most max_ms even when nothing came, so an idle daemon keeps pinging the watchdog.
  // The batch window is counted from when its oldest message was written to the input topic
  // (its Kafka timestamp), not from when this loop polled it: a message that waited in the
  // fetch queue while the previous batch was normalized and committed has already used some
  // of its window, and waiting a full window more was most of the latency tail (p99 ~ two
  // windows plus two batches' work). Once the window is over, what is already fetched still
  // joins the batch (polls that do not wait).
  void Collect() {
    const auto start = Clock::now();
    auto window_start = start;
    int64_t bytes = 0;
    for (const auto& m : pending_) bytes += static_cast<int64_t>(m->len + m->key_len);
    while (!Stopping() && !fatal_) {
      if (replay_ != nullptr && replay_open_.empty()) break;
      const size_t limit = isolate_until_.empty() ? static_cast<size_t>(max_messages_) : 1;
      if (pending_.size() >= limit || bytes >= config_.kafka.batch_max_bytes) {
        break;
      }
      auto left = std::chrono::duration_cast<milliseconds>(window_start + milliseconds(max_ms_) -
                                                           Clock::now());
      const bool over = left.count() <= 0;
      if (over && pending_.empty()) break;
      const size_t before = pending_.size();
      // Slices of at most 250 ms, so that a SIGTERM is seen soon under a long window too.
      int wait_ms = over ? 0 : static_cast<int>(std::min<int64_t>(left.count(), 250));
      // After half a prefetch queue, look first without waiting: an empty queue then may be a
      // stalled fetcher (WakeFetchers).
      const bool may_stall = drained_since_wake_ >= prefetch_limit_bytes_ / 2 ||
                             drained_messages_since_wake_ >= prefetch_limit_messages_ / 2;
      if (may_stall) wait_ms = 0;
      Message m(rd_kafka_consumer_poll(consumer_.get(), wait_ms));
      rd_kafka_poll(producer_.get(), 0);
      if (pending_.size() < before) {  // a revocation inside the poll dropped some or all
        bytes = 0;
        for (const auto& p : pending_) bytes += static_cast<int64_t>(p->len + p->key_len);
      }
      if (!m) {
        if (may_stall) WakeFetchers();
        if (over) break;
        continue;
      }
      if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (replay_ != nullptr && m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
          ReplayReached(rd_kafka_topic_name(m->rkt), m->partition, m->offset);
          if (replay_open_.empty()) break;
        }
        HandleConsumerError(m.get());
        continue;
      }
      if (replay_ != nullptr && !InReplayRange(m.get())) continue;
      const auto now = Clock::now();
      if (pending_.empty()) window_start = now - WaitedSinceWritten(m.get());
      bytes += static_cast<int64_t>(m->len + m->key_len);
      NoteFetchedFrom(m.get());
      if (metrics_ != nullptr) {
        InputSeries& in = InputSeriesOf(m->rkt);
        in.consumed->Inc();
        in.bytes->Inc(static_cast<double>(m->len + m->key_len));
      }
      polled_at_.resize(pending_.size());
      polled_at_.push_back(now);
      pending_.push_back(std::move(m));
    }
  }

  // FetchWaker's bookkeeping: which broker each message came from, and how much was consumed
  // since the last wake. A wake only after half a queue and an empty poll, so an idle input
  // costs no requests.
  void NoteFetchedFrom(const rd_kafka_message_t* m) {
    drained_since_wake_ += static_cast<int64_t>(m->len);  // librdkafka counts values only
    ++drained_messages_since_wake_;
    const int32_t broker = rd_kafka_message_broker_id(m);
    for (const auto& [id, tp] : fetched_from_) {  // a handful of brokers at most
      if (id == broker) return;
    }
    fetched_from_.emplace_back(broker, TopicPartition(rd_kafka_topic_name(m->rkt), m->partition));
  }

  void WakeFetchers() {
    drained_since_wake_ = 0;
    drained_messages_since_wake_ = 0;
    if (waker_ == nullptr || fetched_from_.empty()) return;
    std::vector<TopicPartition> partitions;
    for (auto& [broker, tp] : fetched_from_) partitions.push_back(std::move(tp));
    // Leaders move: learn them afresh from the next messages.
    fetched_from_.clear();
    waker_->Wake(partitions);
  }

  // How long ago the message was written, by its timestamp, when that is less than a window;
  // else 0. A message older than a window is a backlog (a catch-up, a replay) or another
  // host's clock: its batch gets the full window from now, as before, which fills it from the
  // fetch queue (non-waiting polls alone ended batches at every gap between fetch responses:
  // at_least_once caught up ~35% slower).
  milliseconds WaitedSinceWritten(const rd_kafka_message_t* m) const {
    rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
    const int64_t written = rd_kafka_message_timestamp(m, &type);
    if (type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || written < 0) return milliseconds(0);
    const int64_t now = std::chrono::duration_cast<milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const int64_t age = now - written;
    return milliseconds(age > 0 && age < max_ms_ ? age : 0);
  }

  void HandleConsumerError(const rd_kafka_message_t* m) {
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return;
    if (m->err == RD_KAFKA_RESP_ERR__FATAL) {
      char buf[512];
      rd_kafka_fatal_error(consumer_.get(), buf, sizeof buf);
      Fatal(std::string("consumer fatal error: ") + buf);
      return;
    }
    if (IsPermanentClientError(m->err)) {
      Fatal(fmt::format("consumer: {}; check the security settings and ACLs",
                        rd_kafka_message_errstr(m)));
      return;
    }
    uint64_t suppressed = 0;
    if (error_limiter_.Allow(suppressed)) {
      log_->warn("consumer: {}{}", rd_kafka_message_errstr(m), Suppressed(suppressed));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Normalize and encode

  using Coordinates = std::tuple<std::string, int32_t, int64_t>;

  // What to do with an input whose outputs could not be delivered for good.
  struct Poison {
    int level = 0;  // 1: dead-letter it instead; 2: its dead letter failed too, skip it
    std::string reason;
  };

  class BatchSink final : public pipeline::Sink {
   public:
    explicit BatchSink(Loop& loop) : loop_(loop) {}
    // Every record is progress: a batch of slow articles must not look like a stalled loop.
    void Publish(const pipeline::RawMessage& origin,
                 const newsflow::v1::NormalizedArticle& record) override {
      loop_.Beat();
      loop_.AddRecord(origin, record);
    }
    void Reject(const pipeline::RawMessage& origin, const pipeline::Rejection& why) override {
      loop_.Beat();
      loop_.AddDeadLetter(loop_.InputIndex(origin), why.Describe());
    }

   private:
    Loop& loop_;
  };

  uint32_t InputIndex(const pipeline::RawMessage& origin) const {
    return raw_index_[static_cast<size_t>(&origin - raw_.data())];
  }

  pipeline::RawMessage ToRaw(const rd_kafka_message_t* m) const {
    pipeline::RawMessage r;
    r.topic = rd_kafka_topic_name(m->rkt);
    r.partition = m->partition;
    r.offset = m->offset;
    if (m->key != nullptr) r.key = {static_cast<const char*>(m->key), m->key_len};
    if (m->payload != nullptr) r.value = {static_cast<const char*>(m->payload), m->len};
    auto f = formats_.find(r.topic);
    r.format = f == formats_.end() ? pipeline::InputFormat::kJson : f->second;
    return r;
  }

  void AddRecord(const pipeline::RawMessage& origin,
                 const newsflow::v1::NormalizedArticle& record) {
    const uint32_t input = InputIndex(origin);
    encoded_.clear();
    pipeline::EncodeOutputs(record, specs_, encoded_);
    for (const auto& e : encoded_) {
      const size_t size = e.key.size() + e.value.size();
      if (max_record_bytes_ > 0 && size > static_cast<size_t>(max_record_bytes_)) {
        AddDeadLetter(input,
                      fmt::format("record_too_large: the {} record is {} bytes, above the "
                                  "producer's message.max.bytes ({})",
                                  pipeline::OutputKindName(e.kind), size, max_record_bytes_));
        return;
      }
    }
    for (auto& e : encoded_) {
      Outgoing& o = outgoing_.emplace_back();
      o.topic = static_cast<size_t>(e.kind);
      o.key = std::move(e.key);
      o.value = std::move(e.value);
      o.input = input;
    }
    ++batch_published_;
    if (record.truncated()) {
      ++batch_truncated_;
      uint64_t suppressed = 0;
      if (budget_limiter_.Allow(suppressed)) {
        log_->warn("over its work budget, published with what was found: {}[{}]@{} id={} ({}){}",
                   origin.topic, origin.partition, origin.offset, record.id(),
                   record.warnings_size() > 0 ? record.warnings(0) : std::string(),
                   Suppressed(suppressed));
      }
    }
    if (options_.log_records) {
      uint64_t suppressed = 0;
      if (record_limiter_.Allow(suppressed)) {
        log_->info("normalized {}[{}]@{} id={} actors={} quotes={} locations={} title=\"{}\"{}",
                   origin.topic, origin.partition, origin.offset, record.id(), record.actors_size(),
                   record.quotes_size(), record.locations_size(), record.title().substr(0, 80),
                   Suppressed(suppressed));
      }
    } else if (log_->should_log(spdlog::level::debug)) {
      log_->debug("normalized {}[{}]@{} id={}", origin.topic, origin.partition, origin.offset,
                  record.id());
    }
  }

  void AddDeadLetter(uint32_t input, std::string reason) {
    const rd_kafka_message_t* m = pending_[input].get();
    Outgoing& o = outgoing_.emplace_back();
    o.topic = kDeadLetterTopic;
    o.dead_letter = true;
    o.input = input;
    o.reason = CapUtf8(std::move(reason), kMaxReasonBytes);
    if (m->key != nullptr) {
      o.key.assign(static_cast<const char*>(m->key), m->key_len);
    } else {
      o.null_key = true;
    }
    if (m->payload != nullptr) o.value.assign(static_cast<const char*>(m->payload), m->len);
    // An input too large to forward whole keeps what fits, and says how large it was.
    if (max_record_bytes_ > 0) {
      const size_t limit = static_cast<size_t>(max_record_bytes_) - kDeadLetterOverhead;
      if (o.key.size() + o.value.size() > limit) {
        const size_t original = o.value.size();
        o.key.resize(std::min(o.key.size(), limit / 2));
        o.value.resize(std::min(o.value.size(), limit - o.key.size()));
        if (o.value.size() < original) o.truncated = static_cast<int64_t>(original);
      }
    }
    ++batch_dead_lettered_;
    uint64_t suppressed = 0;
    if (reject_limiter_.Allow(suppressed)) {
      log_->warn("dead-lettered {}[{}]@{}: {}{}", rd_kafka_topic_name(m->rkt), m->partition,
                 m->offset, o.reason, Suppressed(suppressed));
    }
  }

  // Turns pending_ into outgoing_, in input order.
  void BuildOutputs() {
    outgoing_.clear();
    raw_.clear();
    raw_index_.clear();
    batch_published_ = batch_dead_lettered_ = batch_skipped_ = batch_truncated_ = 0;
    // Inputs whose earlier attempt failed for good go around the normalizer. Normalizing the
    // rest in one call keeps the batch whole for the pipeline.
    std::vector<std::pair<uint32_t, const Poison*>> poisoned;
    for (uint32_t i = 0; i < pending_.size(); ++i) {
      const rd_kafka_message_t* m = pending_[i].get();
      auto p = poison_.find({rd_kafka_topic_name(m->rkt), m->partition, m->offset});
      if (p != poison_.end()) {
        poisoned.emplace_back(i, &p->second);
        continue;
      }
      raw_.push_back(ToRaw(m));
      raw_index_.push_back(i);
    }
    if (passthrough_) {
      for (uint32_t input : raw_index_) {
        Outgoing& o = outgoing_.emplace_back();
        o.topic = static_cast<size_t>(pipeline::OutputKind::kArticle);
        // A copy: the input's buffer may go (a fatal error clears the batch) while a delivery
        // is still due, and ~5 KB costs far less than a produce call.
        const rd_kafka_message_t* m = pending_[input].get();
        if (m->key != nullptr) {
          o.key.assign(static_cast<const char*>(m->key), m->key_len);
        } else {
          o.null_key = true;
        }
        if (m->payload != nullptr) o.value.assign(static_cast<const char*>(m->payload), m->len);
        o.input = input;
        ++batch_published_;
      }
    } else {
      BatchSink sink(*this);
      workers_.Process(raw_, sink);
    }
    for (const auto& [i, p] : poisoned) {
      const rd_kafka_message_t* m = pending_[i].get();
      if (p->level >= 2) {
        ++batch_skipped_;
        log_->error(
            "skipped {}[{}]@{}: neither its records nor its dead letter can be delivered "
            "({})",
            rd_kafka_topic_name(m->rkt), m->partition, m->offset, p->reason);
        continue;
      }
      AddDeadLetter(i, p->reason);
    }
    // Dead letters of poisoned inputs were appended last; producing in input order keeps the
    // output of each partition in the order of its input.
    std::stable_sort(outgoing_.begin(), outgoing_.end(),
                     [](const Outgoing& a, const Outgoing& b) { return a.input < b.input; });
  }

  // ------------------------------------------------------------------------------------------
  // Produce

  // Produces every outgoing message; false when one was refused locally (its err is set).
  bool ProduceAll() {
    DeliveryCounts& counts = counts_;
    counts.failed = 0;
    counts.first_error = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (auto& o : outgoing_) {
      o.counts = &counts;
      o.err = RD_KAFKA_RESP_ERR_NO_ERROR;
      rd_kafka_headers_t* headers = nullptr;
      if (o.dead_letter) {
        const rd_kafka_message_t* m = pending_[o.input].get();
        const std::string topic = rd_kafka_topic_name(m->rkt);
        const std::string partition = std::to_string(m->partition);
        const std::string offset = std::to_string(m->offset);
        headers = rd_kafka_headers_new(5);
        rd_kafka_header_add(headers, "newsflow.error", -1, o.reason.data(),
                            static_cast<ssize_t>(o.reason.size()));
        rd_kafka_header_add(headers, "newsflow.source.topic", -1, topic.data(),
                            static_cast<ssize_t>(topic.size()));
        rd_kafka_header_add(headers, "newsflow.source.partition", -1, partition.data(),
                            static_cast<ssize_t>(partition.size()));
        rd_kafka_header_add(headers, "newsflow.source.offset", -1, offset.data(),
                            static_cast<ssize_t>(offset.size()));
        if (o.truncated >= 0) {
          const std::string size = std::to_string(o.truncated);
          rd_kafka_header_add(headers, "newsflow.truncated", -1, size.data(),
                              static_cast<ssize_t>(size.size()));
        }
      }
      counts.outstanding.fetch_add(1);
      while (true) {
        // No copy: outgoing_ outlives every delivery report of its batch (see WaitDeliveries).
        rd_kafka_resp_err_t err =
            rd_kafka_producev(producer_.get(), RD_KAFKA_V_RKT(topics_[o.topic]),
                              RD_KAFKA_V_KEY(o.null_key ? nullptr : o.key.data(), o.key.size()),
                              RD_KAFKA_V_VALUE(o.value.data(), o.value.size()),
                              RD_KAFKA_V_OPAQUE(&o), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;  // headers now owned by librdkafka
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
          rd_kafka_poll(producer_.get(), 50);  // serve delivery reports until there is room
          Beat();
          continue;
        }
        if (headers != nullptr) rd_kafka_headers_destroy(headers);
        o.err = err;
        counts.failed.fetch_add(1);
        counts.outstanding.fetch_sub(1);
        uint64_t suppressed = 0;
        if (produce_limiter_.Allow(suppressed)) {
          log_->error("produce to {} failed: {}{}", topic_names_[o.topic], rd_kafka_err2str(err),
                      Suppressed(suppressed));
        }
        return false;
      }
    }
    return true;
  }

  // Serves delivery reports until none is outstanding or the drain deadline passes. Returns
  // whether all came.
  bool WaitDeliveries(Clock::time_point limit) {
    DeliveryCounts& counts = counts_;
    while (counts.outstanding.load() > 0) {
      if (Clock::now() >= limit || LeftMs() <= 0) return counts.outstanding.load() == 0;
      rd_kafka_poll(producer_.get(), 100);
      Beat();
    }
    return true;
  }

  // Inputs whose outputs were refused for good go to the dead-letter topic on the next try; a
  // refused dead letter is skipped. So a poison message costs a bounded number of tries. The
  // broker refuses a whole record batch, so when a batch of several inputs fails, the culprit
  // is not known yet: the messages of that batch are processed again one per transaction, and
  // only an input that fails alone is poisoned.
  void NotePermanentFailures() {
    bool any = false;
    for (const auto& o : outgoing_) any |= IsPermanentMessageError(o.err);
    if (!any) return;
    if (pending_.size() > 1) {
      for (const auto& [tp, range] : BatchRanges()) {
        int64_t& until = isolate_until_[tp];
        until = std::max(until, range.second);
      }
      log_->warn(
          "the broker refused part of a batch of {} messages for good; processing them "
          "one at a time to find which",
          pending_.size());
      return;
    }
    for (const auto& o : outgoing_) {
      if (!IsPermanentMessageError(o.err)) continue;
      const rd_kafka_message_t* m = pending_[o.input].get();
      Poison& p = poison_[{rd_kafka_topic_name(m->rkt), m->partition, m->offset}];
      const int level = o.dead_letter ? 2 : 1;
      if (level > p.level) {
        p.level = level;
        p.reason =
            level == 1
                ? fmt::format("record_undeliverable: the {} record was refused by the broker: {}",
                              topic_names_[o.topic], rd_kafka_err2str(o.err))
                : fmt::format("{}; its dead letter was refused too: {}", o.reason,
                              rd_kafka_err2str(o.err));
        log_->warn("{}[{}]@{}: output to {} refused for good ({}); {} on the next try",
                   rd_kafka_topic_name(m->rkt), m->partition, m->offset, topic_names_[o.topic],
                   rd_kafka_err2str(o.err), level == 1 ? "dead-lettering it" : "skipping it");
      }
    }
  }

  // Isolation ends for a partition once a committed batch went past the failed batch's end.
  void EndIsolationBelowCommitted() {
    for (const auto& [tp, range] : BatchRanges()) {
      auto it = isolate_until_.find(tp);
      if (it != isolate_until_.end() && range.second >= it->second) isolate_until_.erase(it);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Offsets and rewinds

  // Per partition of the batch: its first offset and the next one to consume.
  std::map<TopicPartition, std::pair<int64_t, int64_t>> BatchRanges() const {
    std::map<TopicPartition, std::pair<int64_t, int64_t>> ranges;
    for (const auto& m : pending_) {
      auto [it, fresh] = ranges.try_emplace({rd_kafka_topic_name(m->rkt), m->partition},
                                            std::make_pair(m->offset, m->offset + 1));
      if (!fresh) {
        it->second.first = std::min(it->second.first, m->offset);
        it->second.second = std::max(it->second.second, m->offset + 1);
      }
    }
    return ranges;
  }

  static bool Contains(const rd_kafka_topic_partition_list_t* list, const TopicPartition& tp) {
    if (list == nullptr) return false;
    for (int i = 0; i < list->cnt; ++i) {
      if (list->elems[i].partition == tp.second && tp.first == list->elems[i].topic) return true;
    }
    return false;
  }

  // Puts the batch's partitions that this member keeps back at the batch's first offsets (the
  // committed ones), so its messages are consumed and processed again. Partitions in `revoked`
  // are skipped: their next owner starts from the committed offsets anyway.
  bool Rewind(const rd_kafka_topic_partition_list_t* revoked) {
    rd_kafka_topic_partition_list_t* assignment = nullptr;
    if (rd_kafka_assignment(consumer_.get(), &assignment) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Fatal("rewind: cannot read the consumer's assignment");
    }
    PartitionList owned(assignment);
    PartitionList seek(rd_kafka_topic_partition_list_new(4));
    for (const auto& [tp, range] : BatchRanges()) {
      if (Contains(revoked, tp) || !Contains(owned.get(), tp)) continue;
      rd_kafka_topic_partition_list_add(seek.get(), tp.first.c_str(), tp.second)->offset =
          range.first;
    }
    if (seek->cnt == 0) return true;
    if (rd_kafka_error_t* e = rd_kafka_seek_partitions(consumer_.get(), seek.get(), 10000)) {
      std::string what = rd_kafka_error_string(e);
      rd_kafka_error_destroy(e);
      return Fatal("rewind failed: " + what);
    }
    for (int i = 0; i < seek->cnt; ++i) {
      if (seek->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Fatal(fmt::format("rewind of {}[{}] failed: {}", seek->elems[i].topic,
                                 seek->elems[i].partition, rd_kafka_err2str(seek->elems[i].err)));
      }
    }
    return true;
  }

  static void SetEndMetadata(rd_kafka_topic_partition_t* e, int64_t end) {
    const std::string md = ReplayEndMetadata(end);
    e->metadata = std::malloc(md.size());  // freed with the list
    std::memcpy(e->metadata, md.data(), md.size());
    e->metadata_size = md.size();
  }

  PartitionList NextOffsets() const {
    auto ranges = BatchRanges();
    PartitionList offsets(rd_kafka_topic_partition_list_new(static_cast<int>(ranges.size())));
    for (const auto& [tp, range] : ranges) {
      rd_kafka_topic_partition_t* e =
          rd_kafka_topic_partition_list_add(offsets.get(), tp.first.c_str(), tp.second);
      e->offset = range.second;
      if (replay_ != nullptr) {
        // The range's end goes with the progress, so a resumed replay keeps it.
        auto it = replay_->partitions.find(tp);
        if (it != replay_->partitions.end()) SetEndMetadata(e, it->second.second);
      }
    }
    return offsets;
  }

  // ------------------------------------------------------------------------------------------
  // The batch

  // Normalizes, produces and commits pending_.
  Outcome ProcessBatch() {
    BuildOutputs();
    commit_ok_ = true;
    Outcome outcome = mode_ == Mode::kExactlyOnce ? CommitTransaction() : DeliverAndCommit();
    if (outcome == Outcome::kDone) {
      CountCommitted();
      published_ += batch_published_;
      truncated_ += batch_truncated_;
      dead_lettered_ += batch_dead_lettered_;
      skipped_ += batch_skipped_;
      ++committed_batches_;
      consecutive_failures_ = 0;
      // Poisoned inputs this batch committed past are done with.
      ErasePoisonBelowCommitted();
      EndIsolationBelowCommitted();
      ReportProgress();
    } else if (outcome == Outcome::kRetry) {
      if (metrics_ != nullptr) metrics_->commit_failures.With({}).Inc();
      NotePermanentFailures();
      ++failed_batches_;
      if (!Rewind(nullptr)) outcome = Outcome::kFatal;
      if (outcome == Outcome::kRetry && ++consecutive_failures_ > config_.kafka.commit_retry_max) {
        Fatal(
            fmt::format("{} batches in a row failed; giving up (nothing uncommitted is lost: it "
                        "is processed again after the restart)",
                        consecutive_failures_));
        outcome = Outcome::kFatal;
      }
    }
    pending_.clear();
    // Delivery reports still due point into outgoing_ (messages are produced without a copy):
    // it stays until they came, or until the producer is gone (it is destroyed first).
    if (counts_.outstanding.load() == 0) {
      outgoing_.clear();
    } else if (outcome != Outcome::kFatal) {
      Fatal(fmt::format("{} deliveries of a finished batch are still outstanding",
                        counts_.outstanding.load()));
      outcome = Outcome::kFatal;
    }
    if (outcome == Outcome::kRetry) Backoff();
    return outcome;
  }

  void ErasePoisonBelowCommitted() {
    for (const auto& [tp, range] : BatchRanges()) {
      for (auto it = poison_.begin(); it != poison_.end();) {
        const auto& [topic, partition, offset] = it->first;
        if (topic == tp.first && partition == tp.second && offset < range.second) {
          it = poison_.erase(it);
        } else {
          ++it;
        }
      }
    }
  }

  void Backoff() {
    auto until =
        Clock::now() + std::min(milliseconds(200) * consecutive_failures_, milliseconds(5000));
    while (Clock::now() < until && !Stopping() && !fatal_) {
      rd_kafka_poll(producer_.get(), 50);
      Beat();
    }
  }

  // at_least_once: produce, wait for every delivery, then commit the offsets.
  Outcome DeliverAndCommit() {
    DeliveryCounts& counts = counts_;
    const bool produced = ProduceAll();
    // librdkafka fails a message after message.timeout.ms; wait that long and a little more.
    const auto limit = Clock::now() + milliseconds(message_timeout_ms_ + 5000);
    if (!WaitDeliveries(limit)) {
      // Reports still due reference outgoing_: keep it (and the producer) until exit.
      Fatal(
          fmt::format("{} deliveries still pending at the drain deadline; their offsets stay "
                      "uncommitted",
                      counts.outstanding.load()));
      return Outcome::kFatal;
    }
    if (!produced || counts.failed.load() > 0) {
      log_->error("{} of {} deliveries failed ({}); rewinding the batch (retry {}/{})",
                  counts.failed.load(), outgoing_.size(),
                  rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(counts.first_error.load())),
                  consecutive_failures_ + 1, config_.kafka.commit_retry_max);
      char buf[512];
      if (rd_kafka_fatal_error(producer_.get(), buf, sizeof buf) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        Fatal(std::string("producer fatal error: ") + buf);
        return Outcome::kFatal;
      }
      return Outcome::kRetry;
    }
    PartitionList offsets = NextOffsets();
    rd_kafka_resp_err_t err = rd_kafka_commit(consumer_.get(), offsets.get(), /*async=*/0);
    commit_ok_ = err == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Outcome::kDone;
    // Outputs are delivered but the commit failed (e.g. a rebalance took the partitions): the
    // messages will be seen again by whoever owns them — duplicates, never loss.
    log_->warn("offset commit failed: {} (the batch may be redelivered)", rd_kafka_err2str(err));
    if (err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS ||
        err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION || err == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID ||
        err == RD_KAFKA_RESP_ERR__STATE || err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
      return Outcome::kDone;
    }
    return Outcome::kRetry;
  }

  enum class Step { kOk, kAbort, kFatal };

  // Classifies a transactional call's error: retriable → `retry` says whether to call again.
  Step Classify(rd_kafka_error_t* e, const char* call, bool& retry, Clock::time_point limit,
                bool mind_drain = true) {
    retry = false;
    if (e == nullptr) return Step::kOk;
    std::string what = rd_kafka_error_string(e);
    const rd_kafka_resp_err_t code = rd_kafka_error_code(e);
    const bool fatal = rd_kafka_error_is_fatal(e);
    const bool abort = rd_kafka_error_txn_requires_abort(e);
    const bool retriable = rd_kafka_error_is_retriable(e);
    rd_kafka_error_destroy(e);
    if (fatal || code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED) {
      char buf[512];
      rd_kafka_resp_err_t orig = rd_kafka_fatal_error(producer_.get(), buf, sizeof buf);
      if (orig == RD_KAFKA_RESP_ERR_PRODUCER_FENCED || orig == RD_KAFKA_RESP_ERR__FENCED ||
          orig == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH || code == RD_KAFKA_RESP_ERR__FENCED ||
          code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED) {
        Fenced(FencedMessage(what));
      } else {
        Fatal(fmt::format("{}: fatal: {}", call, what));
      }
      return Step::kFatal;
    }
    if (abort) {
      log_->warn("{}: {}; aborting the transaction", call, what);
      return Step::kAbort;
    }
    if (retriable && Clock::now() < limit && (!mind_drain || LeftMs() > 0) && !fatal_) {
      uint64_t suppressed = 0;
      if (txn_limiter_.Allow(suppressed)) {
        log_->warn("{}: {} (retrying){}", call, what, Suppressed(suppressed));
      }
      retry = true;
      Beat();
      return Step::kOk;
    }
    log_->warn("{}: {}; aborting the transaction", call, what);
    return Step::kAbort;
  }

  // exactly_once: one transaction for the batch's outputs and its input offsets.
  Outcome CommitTransaction() {
    const auto limit = Clock::now() + kBatchCommitLimit;
    if (rd_kafka_error_t* e = rd_kafka_begin_transaction(producer_.get())) {
      bool retry = false;
      // begin_transaction is local: any error means the producer is unusable.
      if (Classify(e, "begin_transaction", retry, limit) == Step::kFatal) return Outcome::kFatal;
      Fatal("begin_transaction failed: the producer is in an unexpected state");
      return Outcome::kFatal;
    }
    Step step = ProduceAll() ? Step::kOk : Step::kAbort;
    if (fatal_) step = Step::kFatal;
    if (step == Step::kOk) {
      PartitionList offsets = NextOffsets();
      bool retry = true;
      while (retry && step == Step::kOk) {
        // Fresh metadata each time: it carries the member's current generation.
        rd_kafka_consumer_group_metadata_t* md = rd_kafka_consumer_group_metadata(consumer_.get());
        rd_kafka_error_t* e =
            rd_kafka_send_offsets_to_transaction(producer_.get(), offsets.get(), md, 10000);
        rd_kafka_consumer_group_metadata_destroy(md);
        step = Classify(e, "send_offsets_to_transaction", retry, limit);
      }
    }
    if (step == Step::kOk) {
      // Once started, a commit is resumed until it completes or needs an abort: aborting a
      // commit in progress is a state error. The drain budget is kept by the StopGuard.
      bool retry = true;
      while (retry && step == Step::kOk) {
        rd_kafka_error_t* e = rd_kafka_commit_transaction(producer_.get(), kCallSliceMs);
        step = Classify(e, "commit_transaction", retry, Clock::time_point::max(),
                        /*mind_drain=*/false);
      }
    }
    if (step == Step::kOk) {
      WaitDeliveries(Clock::now() + milliseconds(kCallSliceMs));
      return Outcome::kDone;
    }
    if (step == Step::kFatal) return Outcome::kFatal;
    return AbortTransaction() ? Outcome::kRetry : Outcome::kFatal;
  }

  bool AbortTransaction() {
    const auto limit = Clock::now() + kBatchCommitLimit;
    while (true) {
      rd_kafka_error_t* e = rd_kafka_abort_transaction(producer_.get(), kCallSliceMs);
      if (e == nullptr) break;
      std::string what = rd_kafka_error_string(e);
      bool retriable = rd_kafka_error_is_retriable(e) && !rd_kafka_error_is_fatal(e);
      rd_kafka_error_destroy(e);
      // Past the drain deadline the process exits: the broker aborts the transaction when its
      // timeout passes, and the restarted instance fences this one anyway.
      if (!retriable || Clock::now() >= limit || LeftMs() <= 0) {
        Fatal("abort_transaction: " + what);
        return false;
      }
      Beat();
    }
    // Aborting purged the batch's messages; their reports reference outgoing_.
    WaitDeliveries(Clock::now() + milliseconds(10000));
    if (metrics_ != nullptr) metrics_->transactions_aborted.With({}).Inc();
    log_->warn("transaction aborted: {} messages of {} partitions will be processed again",
               pending_.size(), BatchRanges().size());
    return !fatal_;
  }

  // ------------------------------------------------------------------------------------------
  // Rebalances

  void Rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts) {
    // NULL when librdkafka cannot tell (its request failed, e.g. while closing).
    const char* protocol = rd_kafka_rebalance_protocol(rk);
    const bool cooperative = protocol != nullptr && std::strcmp(protocol, "COOPERATIVE") == 0;
    std::string names;
    for (int i = 0; i < parts->cnt; ++i) {
      names +=
          fmt::format("{}{}[{}]", i ? "," : "", parts->elems[i].topic, parts->elems[i].partition);
    }
    if (names.empty()) names = "(nothing)";
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      log_->info("assigned {}", names);
      if (metrics_ != nullptr) metrics_->rebalances.With({"assign"}).Inc();
      if (cooperative) {
        if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts)) {
          log_->error("incremental assign: {}", rd_kafka_error_string(e));
          rd_kafka_error_destroy(e);
        }
      } else {
        rd_kafka_assign(rk, parts);
      }
      // Ready once the group is joined, even with nothing assigned: a standby member (more
      // instances than partitions) is healthy. STATUS says how much work it owns.
      assigned_ = true;
      MaybeReady();
      ReportAssignment(rk);
      return;
    }
    const bool lost = rd_kafka_assignment_lost(rk);
    log_->info("revoked {}{}", names, lost ? " (lost)" : "");
    if (metrics_ != nullptr) metrics_->rebalances.With({lost ? "lost" : "revoke"}).Inc();
    if (!pending_.empty()) {
      if (lost || closing_ || fatal_) {
        // Lost partitions belong to another member already: nothing of this batch can commit.
        // Its messages are processed again from the committed offsets (partitions still held
        // are rewound there).
        log_->warn(
            "dropping the pending batch of {} messages (processed again from the "
            "committed offsets)",
            pending_.size());
        if (!closing_ && !fatal_) Rewind(parts);
        pending_.clear();
      } else {
        // Revoked: nothing of the pending batch is normalized yet (the callback runs inside
        // the poll that collects it), so the revoked partitions' messages are simply left to
        // their next owner, who starts at the committed offsets. Normalizing them here first
        // kept the whole group waiting a batch's worth of extraction (~0.7 s) per rebalance.
        // The partitions kept stay pending, in order.
        DropPending(parts);
      }
    }
    // Isolation of partitions given up ends with them (the next owner starts afresh), and so
    // does their lag: another member reports it now.
    for (int i = 0; i < parts->cnt; ++i) {
      const TopicPartition tp{parts->elems[i].topic, parts->elems[i].partition};
      isolate_until_.erase(tp);
      committed_.erase(tp);
      if (metrics_ != nullptr) {
        metrics_->consumer_lag.Remove({tp.first, std::to_string(tp.second)});
      }
    }
    if (cooperative) {
      if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) {
        rd_kafka_error_destroy(e);
      }
    } else {
      rd_kafka_assign(rk, nullptr);
    }
    ReportAssignment(rk);
  }

  void DropPending(const rd_kafka_topic_partition_list_t* revoked) {
    size_t kept = 0;
    for (size_t i = 0; i < pending_.size(); ++i) {
      const rd_kafka_message_t* m = pending_[i].get();
      if (Contains(revoked, {rd_kafka_topic_name(m->rkt), m->partition})) continue;
      if (kept != i) {
        pending_[kept] = std::move(pending_[i]);
        if (i < polled_at_.size()) polled_at_[kept] = polled_at_[i];
      }
      ++kept;
    }
    if (kept < pending_.size()) {
      log_->info("left {} pending messages of the revoked partitions to their next owner",
                 pending_.size() - kept);
    }
    pending_.resize(kept);
    polled_at_.resize(std::min(polled_at_.size(), kept));
  }

  const ops::Config& config_;
  const pipeline::Normalizer& normalizer_;
  // Normalizes each batch on every core; results come back in input order on this thread.
  pipeline::BatchWorkers workers_;
  const RunOptions& options_;
  ops::Metrics* const metrics_;  // null: not reported
  std::array<ops::Series*, pipeline::kOutputKinds> produced_{};
  ops::Series* latency_ = nullptr;
  std::map<const rd_kafka_topic_t*, InputSeries> input_series_;
  std::map<TopicPartition, int64_t> committed_;  // per assigned partition, for the lag
  std::vector<Clock::time_point> polled_at_;     // per pending_ message
  // WakeFetchers: a partition per broker messages came from, bytes and messages consumed
  // since the last wake, and the prefetch bounds (queued.max.messages.kbytes in bytes, as
  // librdkafka counts them, and queued.min.messages).
  std::vector<std::pair<int32_t, TopicPartition>> fetched_from_;
  int64_t drained_since_wake_ = 0;
  int64_t drained_messages_since_wake_ = 0;
  int64_t prefetch_limit_bytes_ = int64_t{16384} * 1000;
  int64_t prefetch_limit_messages_ = 100000;
  bool commit_ok_ = true;  // the last batch's offsets did commit
  static constexpr auto kLagInterval = std::chrono::seconds(1);
  const ReplayRange* replay_;
  std::set<TopicPartition> replay_open_;  // replay: partitions not yet at their end
  const Mode mode_;
  const bool passthrough_;  // pipeline.transform none
  Clock::time_point last_beat_{};
  int max_messages_ = 500;
  int max_ms_ = 100;
  std::map<std::string, pipeline::InputFormat, std::less<>> formats_;
  pipeline::OutputSpecs specs_{};
  std::array<std::string, pipeline::kOutputKinds + 1> topic_names_;
  std::string transactional_id_;
  std::string inputs_text_;
  int64_t max_record_bytes_ = 1000000;
  int64_t message_timeout_ms_ = 300000;

  // Declared before the clients, so the clients (and any delivery report the producer could
  // still serve) are destroyed first.
  DeliveryCounts counts_;
  std::vector<Outgoing> outgoing_;
  std::vector<pipeline::EncodedRecord> encoded_;
  std::vector<Message> pending_;
  std::vector<pipeline::RawMessage> raw_;
  std::vector<uint32_t> raw_index_;
  std::map<Coordinates, Poison> poison_;
  // Partitions whose messages are processed one per batch, up to this offset (see
  // NotePermanentFailures).
  std::map<TopicPartition, int64_t> isolate_until_;

  Handle consumer_;
  Handle producer_;
  std::unique_ptr<FetchWaker> waker_;  // uses consumer_: destroyed first, reset before close
  std::array<rd_kafka_topic_t*, pipeline::kOutputKinds + 1> topics_{};

  bool producer_ok_ = false;
  bool assigned_ = false;
  bool ready_ = false;
  bool fatal_ = false;
  bool closing_ = false;
  bool draining_ = false;
  Clock::time_point drain_deadline_{};
  const Clock::time_point started_ = Clock::now();
  int consecutive_failures_ = 0;

  int64_t batch_published_ = 0, batch_dead_lettered_ = 0, batch_skipped_ = 0;
  int64_t published_ = 0, dead_lettered_ = 0, skipped_ = 0;
  // Records published over their work budget (record.truncated), counted when committed.
  int64_t batch_truncated_ = 0, truncated_ = 0;
  int64_t committed_batches_ = 0, failed_batches_ = 0;

  std::shared_ptr<spdlog::logger> log_ = ops::Logger("kafka");
  ops::LogLimiter error_limiter_{10, std::chrono::seconds(10)};
  ops::LogLimiter txn_limiter_{5, std::chrono::seconds(10)};
  ops::LogLimiter record_limiter_{20, std::chrono::seconds(1)};
  ops::LogLimiter reject_limiter_{10, std::chrono::seconds(10)};
  ops::LogLimiter budget_limiter_{10, std::chrono::seconds(10)};
  ops::LogLimiter produce_limiter_{5, std::chrono::seconds(10)};
};

}  // namespace

int Run(const ops::Config& config, const pipeline::Normalizer& normalizer,
        const RunOptions& options) {
  Loop loop(config, normalizer, options);
  return loop.Run();
}

int Replay(const ops::Config& config, const pipeline::Normalizer& normalizer,
           const RunOptions& options, const ReplayRange& range) {
  Loop loop(config, normalizer, options, &range);
  return loop.Run();
}

std::string ValidateClientProperties(const ops::Config& config) {
  rd_kafka_conf_t* c = rd_kafka_conf_new();
  std::string e = ApplyProperties(c, config.kafka.client, "kafka.client");
  if (e.empty()) e = ApplyProperties(c, config.kafka.consumer, "kafka.consumer");
  rd_kafka_conf_destroy(c);
  if (!e.empty()) return e;
  rd_kafka_conf_t* p = rd_kafka_conf_new();
  e = ApplyProperties(p, config.kafka.client, "kafka.client");
  if (e.empty()) e = ApplyProperties(p, config.kafka.producer, "kafka.producer");
  char value[64];
  size_t size = sizeof value;
  int64_t max_bytes = 1000000;
  if (rd_kafka_conf_get(p, "message.max.bytes", value, &size) == RD_KAFKA_CONF_OK) {
    max_bytes = std::strtoll(value, nullptr, 10);
  }
  rd_kafka_conf_destroy(p);
  if (!e.empty()) return e;
  // A rejected input is forwarded whole to the dead-letter topic: the largest accepted one must
  // fit, or a message near the limit could never leave its partition.
  if (config.pipeline.max_message_bytes + static_cast<int64_t>(kDeadLetterOverhead) > max_bytes) {
    return fmt::format(
        "pipeline.max_message_bytes ({}) plus {} bytes of dead-letter headers exceeds the "
        "producer's message.max.bytes ({}): lower the first, or raise kafka.producer."
        "message.max.bytes (and the topics' max.message.bytes on the broker)",
        config.pipeline.max_message_bytes, kDeadLetterOverhead, max_bytes);
  }
  return "";
}

}  // namespace newsflow::kafka
