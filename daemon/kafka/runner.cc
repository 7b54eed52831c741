#include "daemon/kafka/runner.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>
#include <vector>

#include "daemon/kafka/client.h"
#include "daemon/ops/logging.h"
#include "daemon/ops/signals.h"
#include "daemon/ops/systemd.h"

namespace newsflow::kafka {
namespace {

using Clock = std::chrono::steady_clock;

// Counts the deliveries of one batch; written by librdkafka's delivery-report callback.
struct BatchDeliveries {
  std::atomic<int64_t> outstanding{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int> first_error{RD_KAFKA_RESP_ERR_NO_ERROR};
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* d = static_cast<BatchDeliveries*>(m->_private);
  if (d == nullptr) return;
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    int none = RD_KAFKA_RESP_ERR_NO_ERROR;
    d->first_error.compare_exchange_strong(none, m->err);
    d->failed.fetch_add(1);
  }
  d->outstanding.fetch_sub(1);
}

class Loop;

// Sink that produces records to the output topic and rejections to the dead-letter topic.
class ProducerSink final : public pipeline::Sink {
 public:
  ProducerSink(rd_kafka_t* producer, const ops::Config& config, const RunOptions& options)
      : producer_(producer), config_(config), options_(options) {}

  void Begin(BatchDeliveries* deliveries) { deliveries_ = deliveries; }
  int64_t published() const { return published_; }
  int64_t rejected() const { return rejected_; }

  void Publish(const pipeline::RawMessage& origin,
               const newsflow::v1::NormalizedArticle& record) override {
    if (config_.kafka.output_format == "json") {
      buffer_.clear();
      google::protobuf::util::JsonPrintOptions opts;
      opts.preserve_proto_field_names = true;
      (void)google::protobuf::util::MessageToJsonString(record, &buffer_, opts);
    } else {
      record.SerializeToString(&buffer_);
    }
    Produce(config_.kafka.output_topic, record.id(), buffer_, nullptr);
    ++published_;
    if (options_.log_records) {
      uint64_t suppressed = 0;
      if (record_limiter_.Allow(suppressed)) {
        log_->info("normalized {}[{}]@{} id={} actors={} quotes={} locations={} title=\"{}\"{}",
                   origin.topic, origin.partition, origin.offset, record.id(), record.actors_size(),
                   record.quotes_size(), record.locations_size(), record.title().substr(0, 80),
                   suppressed ? fmt::format(" ({} similar lines suppressed)", suppressed) : "");
      }
    } else if (log_->should_log(spdlog::level::debug)) {
      log_->debug("normalized {}[{}]@{} id={}", origin.topic, origin.partition, origin.offset,
                  record.id());
    }
  }

  void Reject(const pipeline::RawMessage& origin, const pipeline::Rejection& why) override {
    std::string reason = why.Describe();
    rd_kafka_headers_t* headers = rd_kafka_headers_new(4);
    std::string partition = std::to_string(origin.partition);
    std::string offset = std::to_string(origin.offset);
    rd_kafka_header_add(headers, "newsflow.error", -1, reason.data(),
                        static_cast<ssize_t>(reason.size()));
    rd_kafka_header_add(headers, "newsflow.source.topic", -1, origin.topic.data(),
                        static_cast<ssize_t>(origin.topic.size()));
    rd_kafka_header_add(headers, "newsflow.source.partition", -1, partition.data(),
                        static_cast<ssize_t>(partition.size()));
    rd_kafka_header_add(headers, "newsflow.source.offset", -1, offset.data(),
                        static_cast<ssize_t>(offset.size()));
    Produce(config_.kafka.dead_letter_topic, origin.key, origin.value, headers);
    ++rejected_;
    uint64_t suppressed = 0;
    if (reject_limiter_.Allow(suppressed)) {
      log_->warn("dead-lettered {}[{}]@{}: {}{}", origin.topic, origin.partition, origin.offset,
                 reason,
                 suppressed ? fmt::format(" ({} similar lines suppressed)", suppressed) : "");
    }
  }

 private:
  void Produce(const std::string& topic, std::string_view key, std::string_view value,
               rd_kafka_headers_t* headers) {
    deliveries_->outstanding.fetch_add(1);
    while (true) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          producer_, RD_KAFKA_V_TOPIC(topic.c_str()),
          RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
          RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(deliveries_),
          RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;  // headers now owned by librdkafka
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        // Back-pressure: serve delivery reports until the local queue has room.
        rd_kafka_poll(producer_, 50);
        continue;
      }
      if (headers != nullptr) rd_kafka_headers_destroy(headers);
      uint64_t suppressed = 0;
      if (produce_limiter_.Allow(suppressed)) {
        log_->error("produce to {} failed: {}{}", topic, rd_kafka_err2str(err),
                    suppressed ? fmt::format(" ({} similar lines suppressed)", suppressed) : "");
      }
      int none = RD_KAFKA_RESP_ERR_NO_ERROR;
      deliveries_->first_error.compare_exchange_strong(none, err);
      deliveries_->failed.fetch_add(1);
      deliveries_->outstanding.fetch_sub(1);
      return;
    }
  }

  rd_kafka_t* producer_;
  const ops::Config& config_;
  const RunOptions& options_;
  BatchDeliveries* deliveries_ = nullptr;
  std::string buffer_;
  int64_t published_ = 0;
  int64_t rejected_ = 0;
  std::shared_ptr<spdlog::logger> log_ = ops::Logger("kafka");
  ops::LogLimiter record_limiter_{20, std::chrono::seconds(1)};
  ops::LogLimiter reject_limiter_{10, std::chrono::seconds(10)};
  ops::LogLimiter produce_limiter_{5, std::chrono::seconds(10)};
};

struct TopicPartitionLess {
  bool operator()(const std::pair<std::string, int32_t>& a,
                  const std::pair<std::string, int32_t>& b) const {
    return a < b;
  }
};

class Loop {
 public:
  Loop(const ops::Config& config, const pipeline::Normalizer& normalizer, const RunOptions& options)
      : config_(config), normalizer_(normalizer), options_(options) {
    for (const auto& t : config.kafka.input_topics) {
      formats_[t.name] = *pipeline::ParseInputFormat(t.format);
    }
  }

  int Run() {
    if (!CreateClients() || !CheckOutputTopics()) return 1;
    PartitionList topics(
        rd_kafka_topic_partition_list_new(static_cast<int>(config_.kafka.input_topics.size())));
    for (const auto& t : config_.kafka.input_topics) {
      rd_kafka_topic_partition_list_add(topics.get(), t.name.c_str(), RD_KAFKA_PARTITION_UA);
    }
    if (auto err = rd_kafka_subscribe(consumer_.get(), topics.get())) {
      log_->error("subscribe failed: {}", rd_kafka_err2str(err));
      return 1;
    }
    std::string topic_names;
    for (const auto& t : config_.kafka.input_topics) {
      topic_names += (topic_names.empty() ? "" : ",") + t.name + "(" + t.format + ")";
    }
    log_->info("consuming {} as group {} → {} (dead letters: {})", topic_names,
               config_.kafka.group_id, config_.kafka.output_topic, config_.kafka.dead_letter_topic);
    ops::NotifyReady("consuming " + topic_names);

    int status = 0;
    auto last_report = Clock::now();
    while (!Stopping() && status == 0) {
      Collect();
      if (fatal_) {
        status = 1;
        break;
      }
      if (!pending_.empty() && !FinishBatch(/*inside_rebalance=*/false)) status = 1;
      ops::NotifyWatchdog();
      if (Clock::now() - last_report >= std::chrono::seconds(30)) {
        last_report = Clock::now();
        ops::NotifyStatus(
            fmt::format("published={} dead_lettered={}", sink_->published(), sink_->rejected()));
      }
    }
    ops::NotifyStopping();
    log_->info("stopping: finishing in-flight work");
    if (status == 0 && !pending_.empty() && !FinishBatch(false)) status = 1;
    // Close leaves the group cleanly (its revoke callback finds nothing pending).
    rd_kafka_consumer_close(consumer_.get());
    rd_kafka_flush(producer_.get(), 30000);
    log_->info("stopped: {} records published, {} dead-lettered", sink_->published(),
               sink_->rejected());
    return status;
  }

  bool Stopping() const {
    return ops::StopRequested() || (options_.stop != nullptr && options_.stop->load());
  }

  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* parts, void* opaque) {
    static_cast<Loop*>(opaque)->Rebalance(rk, err, parts);
  }

 private:
  bool CreateClients() {
    char err[512];
    rd_kafka_conf_t* cconf = rd_kafka_conf_new();
    RouteLogs(cconf);
    std::map<std::string, std::string> cprops = options_.consumer_defaults;
    cprops["auto.offset.reset"] = "earliest";
    for (const auto& [k, v] : config_.kafka.consumer) cprops[k] = v;
    cprops["bootstrap.servers"] = config_.kafka.brokers;
    cprops["group.id"] = config_.kafka.group_id;
    cprops["enable.auto.commit"] = "false";
    cprops["enable.auto.offset.store"] = "false";
    if (auto e = ApplyProperties(cconf, cprops, "kafka.consumer"); !e.empty()) {
      rd_kafka_conf_destroy(cconf);
      log_->error("{}", e);
      return false;
    }
    rd_kafka_conf_set_rebalance_cb(cconf, &Loop::OnRebalance);
    rd_kafka_conf_set_opaque(cconf, this);
    consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, cconf, err, sizeof err));
    if (!consumer_) {
      log_->error("cannot create consumer: {}", err);
      return false;
    }
    rd_kafka_poll_set_consumer(consumer_.get());

    rd_kafka_conf_t* pconf = rd_kafka_conf_new();
    RouteLogs(pconf);
    std::map<std::string, std::string> pprops = options_.producer_defaults;
    pprops["enable.idempotence"] = "true";  // no duplicates or reordering from retries
    pprops["linger.ms"] = "5";
    for (const auto& [k, v] : config_.kafka.producer) pprops[k] = v;
    pprops["bootstrap.servers"] = config_.kafka.brokers;
    if (auto e = ApplyProperties(pconf, pprops, "kafka.producer"); !e.empty()) {
      rd_kafka_conf_destroy(pconf);
      log_->error("{}", e);
      return false;
    }
    rd_kafka_conf_set_dr_msg_cb(pconf, OnDelivery);
    producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, pconf, err, sizeof err));
    if (!producer_) {
      log_->error("cannot create producer: {}", err);
      return false;
    }
    sink_ = std::make_unique<ProducerSink>(producer_.get(), config_, options_);
    return true;
  }

  // A missing output or dead-letter topic would only show up as delivery timeouts minutes
  // later; say so at start instead. An unreachable cluster is not fatal: librdkafka keeps
  // trying, and the loop waits for it.
  bool CheckOutputTopics() {
    for (const std::string& name : {config_.kafka.output_topic, config_.kafka.dead_letter_topic}) {
      rd_kafka_topic_t* topic = rd_kafka_topic_new(producer_.get(), name.c_str(), nullptr);
      const rd_kafka_metadata_t* md = nullptr;
      rd_kafka_resp_err_t err = rd_kafka_metadata(producer_.get(), 0, topic, &md, 10000);
      rd_kafka_topic_destroy(topic);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log_->warn("cannot read metadata for topic {} yet: {}", name, rd_kafka_err2str(err));
        continue;
      }
      rd_kafka_resp_err_t topic_err =
          md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
      rd_kafka_metadata_destroy(md);
      if (topic_err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        log_->critical("topic {} does not exist on {} (create it, or allow auto-creation)", name,
                       config_.kafka.brokers);
        return false;
      }
      if (topic_err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log_->warn("topic {}: {}", name, rd_kafka_err2str(topic_err));
      }
    }
    return true;
  }

  // Polls messages into pending_ until the batch is full or its time is up.
  void Collect() {
    auto deadline = Clock::now() + std::chrono::milliseconds(config_.kafka.batch_max_ms);
    while (pending_.size() < static_cast<size_t>(config_.kafka.batch_max_messages) && !Stopping()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      Message m(rd_kafka_consumer_poll(consumer_.get(), static_cast<int>(left.count())));
      rd_kafka_poll(producer_.get(), 0);
      if (!m) {
        if (pending_.empty())
          deadline = Clock::now() + std::chrono::milliseconds(config_.kafka.batch_max_ms);
        continue;
      }
      if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        HandleConsumerError(m.get());
        if (fatal_) return;
        continue;
      }
      pending_.push_back(std::move(m));
    }
  }

  void HandleConsumerError(const rd_kafka_message_t* m) {
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return;
    uint64_t suppressed = 0;
    if (m->err == RD_KAFKA_RESP_ERR__FATAL) {
      char buf[512];
      rd_kafka_fatal_error(consumer_.get(), buf, sizeof buf);
      log_->critical("consumer fatal error: {}", buf);
      fatal_ = true;
      return;
    }
    if (error_limiter_.Allow(suppressed)) {
      log_->warn("consumer: {}{}", rd_kafka_message_errstr(m),
                 suppressed ? fmt::format(" ({} similar lines suppressed)", suppressed) : "");
    }
  }

  // Normalizes and produces pending_, waits for every delivery, commits. On a failed delivery,
  // rewinds the batch's partitions so the same messages are processed again.
  bool FinishBatch(bool inside_rebalance) {
    BatchDeliveries deliveries;
    sink_->Begin(&deliveries);
    raw_.clear();
    raw_.reserve(pending_.size());
    for (const auto& m : pending_) {
      pipeline::RawMessage r;
      r.topic = rd_kafka_topic_name(m->rkt);
      r.partition = m->partition;
      r.offset = m->offset;
      if (m->key != nullptr) r.key = {static_cast<const char*>(m->key), m->key_len};
      if (m->payload != nullptr) r.value = {static_cast<const char*>(m->payload), m->len};
      auto f = formats_.find(std::string(r.topic));
      r.format = f == formats_.end() ? pipeline::InputFormat::kJson : f->second;
      raw_.push_back(r);
    }
    normalizer_.ProcessBatch(raw_, *sink_);
    while (deliveries.outstanding.load() > 0) rd_kafka_poll(producer_.get(), 100);

    // First and next offsets per partition, in the order messages came.
    std::map<std::pair<std::string, int32_t>, std::pair<int64_t, int64_t>> ranges;
    for (const auto& r : raw_) {
      auto [it, fresh] = ranges.try_emplace({std::string(r.topic), r.partition},
                                            std::make_pair(r.offset, r.offset + 1));
      if (!fresh) {
        it->second.first = std::min(it->second.first, r.offset);
        it->second.second = std::max(it->second.second, r.offset + 1);
      }
    }
    PartitionList offsets(rd_kafka_topic_partition_list_new(static_cast<int>(ranges.size())));
    bool ok = deliveries.failed.load() == 0;
    for (const auto& [tp, range] : ranges) {
      rd_kafka_topic_partition_list_add(offsets.get(), tp.first.c_str(), tp.second)->offset =
          ok ? range.second : range.first;
    }
    if (ok) {
      rd_kafka_resp_err_t err = rd_kafka_commit(consumer_.get(), offsets.get(), /*async=*/0);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        retries_ = 0;
        pending_.clear();
        return true;
      }
      // Outputs are delivered; the commit failed (e.g. a rebalance took the partitions). The
      // messages will be seen again by whoever owns them: duplicates, never loss.
      log_->warn("offset commit failed: {} (the batch may be redelivered)", rd_kafka_err2str(err));
      pending_.clear();
      if (err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS ||
          err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION ||
          err == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID || err == RD_KAFKA_RESP_ERR__STATE ||
          err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
        return true;
      }
      return ++retries_ <= config_.kafka.commit_retry_max;
    }
    rd_kafka_resp_err_t first = static_cast<rd_kafka_resp_err_t>(deliveries.first_error.load());
    if (retries_ >= config_.kafka.commit_retry_max) {
      log_->critical(
          "{} of {} deliveries failed ({}) after {} retries; giving up, offsets stay "
          "uncommitted",
          deliveries.failed.load(), raw_.size(), rd_kafka_err2str(first), retries_);
    } else {
      log_->error("{} of {} deliveries failed ({}); rewinding the batch (retry {}/{})",
                  deliveries.failed.load(), raw_.size(), rd_kafka_err2str(first), retries_ + 1,
                  config_.kafka.commit_retry_max);
    }
    pending_.clear();
    char fatal_buf[512];
    if (rd_kafka_fatal_error(producer_.get(), fatal_buf, sizeof fatal_buf) !=
        RD_KAFKA_RESP_ERR_NO_ERROR) {
      log_->critical("producer fatal error: {}", fatal_buf);
      return false;
    }
    if (++retries_ > config_.kafka.commit_retry_max) return false;
    if (!inside_rebalance) {
      rd_kafka_error_t* e = rd_kafka_seek_partitions(consumer_.get(), offsets.get(), 10000);
      if (e != nullptr) {
        log_->error("rewind failed: {}", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200) * retries_);
    }
    return true;
  }

  void Rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts) {
    bool cooperative = std::string_view(rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE";
    std::string names;
    for (int i = 0; i < parts->cnt; ++i) {
      names +=
          fmt::format("{}{}[{}]", i ? "," : "", parts->elems[i].topic, parts->elems[i].partition);
    }
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      log_->info("assigned {}", names.empty() ? "(nothing)" : names);
      if (cooperative) {
        if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts)) {
          log_->error("incremental assign: {}", rd_kafka_error_string(e));
          rd_kafka_error_destroy(e);
        }
      } else {
        rd_kafka_assign(rk, parts);
      }
      return;
    }
    // Revoked or lost: finish what we hold before giving it up, so its offsets are committed
    // by us (or, when lost, reprocessed by the next owner).
    log_->info("revoked {}{}", names.empty() ? "(nothing)" : names,
               rd_kafka_assignment_lost(rk) ? " (lost)" : "");
    if (!pending_.empty() && !FinishBatch(/*inside_rebalance=*/true)) fatal_ = true;
    if (cooperative) {
      if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) {
        rd_kafka_error_destroy(e);
      }
    } else {
      rd_kafka_assign(rk, nullptr);
    }
  }

  const ops::Config& config_;
  const pipeline::Normalizer& normalizer_;
  const RunOptions& options_;
  std::map<std::string, pipeline::InputFormat> formats_;
  Handle consumer_;
  Handle producer_;
  std::unique_ptr<ProducerSink> sink_;
  std::vector<Message> pending_;
  std::vector<pipeline::RawMessage> raw_;
  int retries_ = 0;
  bool fatal_ = false;
  std::shared_ptr<spdlog::logger> log_ = ops::Logger("kafka");
  ops::LogLimiter error_limiter_{10, std::chrono::seconds(10)};
};

}  // namespace

int Run(const ops::Config& config, const pipeline::Normalizer& normalizer,
        const RunOptions& options) {
  Loop loop(config, normalizer, options);
  return loop.Run();
}

std::string ValidateClientProperties(const ops::Config& config) {
  rd_kafka_conf_t* c = rd_kafka_conf_new();
  std::string e = ApplyProperties(c, config.kafka.consumer, "kafka.consumer");
  rd_kafka_conf_destroy(c);
  if (!e.empty()) return e;
  rd_kafka_conf_t* p = rd_kafka_conf_new();
  e = ApplyProperties(p, config.kafka.producer, "kafka.producer");
  rd_kafka_conf_destroy(p);
  return e;
}

}  // namespace newsflow::kafka
