#include "tests/integration/kafka_harness.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef NEWSFLOW_IT_BROKER_DIR
#error "NEWSFLOW_IT_BROKER_DIR must be defined by the build"
#endif
#ifndef NEWSFLOW_IT_WORK_DIR
#error "NEWSFLOW_IT_WORK_DIR must be defined by the build"
#endif
#if !defined(NEWSFLOW_IT_NER_MODEL) || !defined(NEWSFLOW_IT_GAZETTEER) || \
    !defined(NEWSFLOW_IT_BROKER_SH)
#error "NEWSFLOW_IT_NER_MODEL, NEWSFLOW_IT_GAZETTEER and NEWSFLOW_IT_BROKER_SH must be defined"
#endif
#ifndef NEWSFLOWD_PATH
#error "NEWSFLOWD_PATH must be defined by the build"
#endif

namespace newsflow::it {
namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// A conf with the bootstrap servers set; aborts the test run on a rejected property.
rd_kafka_conf_t* base_conf() {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  auto set = [&](const char* k, const std::string& v) {
    if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      throw std::runtime_error(std::string("librdkafka config ") + k + ": " + err);
    }
  };
  set("bootstrap.servers", bootstrap_servers());
  set("socket.nagle.disable", "true");
  // Keep the tests' own clients quiet unless something is really wrong.
  set("log_level", "3");
  return conf;
}

void conf_set(rd_kafka_conf_t* conf, const char* k, const std::string& v) {
  char err[512];
  if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("librdkafka config ") + k + ": " + err);
  }
}

rd_kafka_t* new_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("rd_kafka_new: ") + err);
  }
  return rk;
}

struct TopicPartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const {
    rd_kafka_topic_partition_list_destroy(l);
  }
};
using TopicPartitionList =
    std::unique_ptr<rd_kafka_topic_partition_list_t, TopicPartitionListDeleter>;

TopicPartitionList all_partitions(const std::string& topic, int partitions, int64_t offset) {
  TopicPartitionList list(rd_kafka_topic_partition_list_new(partitions));
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p)->offset = offset;
  }
  return list;
}

Record to_record(const rd_kafka_message_t* m) {
  Record r;
  r.topic = rd_kafka_topic_name(m->rkt);
  r.partition = m->partition;
  r.offset = m->offset;
  if (m->key != nullptr) r.key = std::string(static_cast<const char*>(m->key), m->key_len);
  if (m->payload != nullptr) r.value.assign(static_cast<const char*>(m->payload), m->len);
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* val = nullptr;
    size_t size = 0;
    for (size_t i = 0;
         rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      Header h{name, std::nullopt};
      if (val != nullptr) h.value = std::string(static_cast<const char*>(val), size);
      r.headers.push_back(std::move(h));
    }
  }
  return r;
}

std::atomic<int> name_counter{0};

}  // namespace

std::string bootstrap_servers() {
  std::string env = env_or("IT_KAFKA_BOOTSTRAP", "");
  if (!env.empty()) return env;
  std::ifstream in(broker_dir() / "bootstrap");
  std::string line;
  std::getline(in, line);
  return trim(line);
}

std::filesystem::path broker_dir() { return env_or("IT_KAFKA_BROKER_DIR", NEWSFLOW_IT_BROKER_DIR); }

std::filesystem::path test_work_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "no_test";
  std::filesystem::path dir = std::filesystem::path(NEWSFLOW_IT_WORK_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string unique_name(const std::string& prefix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string test = info != nullptr ? info->name() : "none";
  for (char& c : test) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
  }
  return prefix + "." + test + "." + std::to_string(::getpid()) + "." +
         std::to_string(++name_counter);
}

std::string create_topic(const std::string& name, int partitions, std::chrono::milliseconds timeout,
                         const std::map<std::string, std::string>& configs) {
  rd_kafka_t* rk = new_client(RD_KAFKA_PRODUCER, base_conf());
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> guard(rk, &rd_kafka_destroy);
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(name.c_str(), partitions, 1, err, sizeof err);
  if (nt == nullptr) return std::string("NewTopic: ") + err;
  for (const auto& [k, v] : configs) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(opts, static_cast<int>(timeout.count()), err,
                                              sizeof err);
  rd_kafka_CreateTopics(rk, &nt, 1, opts, q);
  std::string result;
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, static_cast<int>(timeout.count()) + 5000);
  if (ev == nullptr) {
    result = "CreateTopics timed out";
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    result = std::string("CreateTopics: ") + rd_kafka_event_error_string(ev);
  } else {
    size_t n = 0;
    const rd_kafka_topic_result_t** res =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    for (size_t i = 0; i < n; ++i) {
      if (rd_kafka_topic_result_error(res[i]) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        result =
            std::string("CreateTopics ") + name + ": " + rd_kafka_topic_result_error_string(res[i]);
      }
    }
  }
  if (ev != nullptr) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_NewTopic_destroy(nt);
  rd_kafka_queue_destroy(q);
  if (!result.empty()) return result;

  // Wait until metadata shows every partition with a leader.
  const auto deadline = steady::now() + timeout;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, name.c_str(), nullptr);
  std::string last = "no metadata";
  while (steady::now() < deadline) {
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk, 0, rkt, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      bool ok = md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR &&
                md->topics[0].partition_cnt == partitions;
      for (int i = 0; ok && i < md->topics[0].partition_cnt; ++i) {
        ok = md->topics[0].partitions[i].leader >= 0 &&
             md->topics[0].partitions[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
      }
      rd_kafka_metadata_destroy(md);
      if (ok) {
        rd_kafka_topic_destroy(rkt);
        return "";
      }
      last = "partitions without a leader";
    }
    std::this_thread::sleep_for(100ms);
  }
  rd_kafka_topic_destroy(rkt);
  return "topic " + name + " not ready: " + last;
}

std::optional<std::string> Record::header(const std::string& name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->name == name) return it->value.value_or("");
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Producer

namespace {
struct Delivery {
  int32_t partition = -1;
  int64_t offset = -1;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__IN_PROGRESS;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* d = static_cast<Delivery*>(m->_private);
  d->partition = m->partition;
  d->offset = m->offset;
  d->err = m->err;
}
}  // namespace

Producer::Producer() {
  rd_kafka_conf_t* conf = base_conf();
  conf_set(conf, "linger.ms", "5");
  conf_set(conf, "enable.idempotence", "true");
  conf_set(conf, "message.max.bytes", "2000000");
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rk_ = new_client(RD_KAFKA_PRODUCER, conf);
}

Producer::~Producer() {
  rd_kafka_flush(rk_, 10000);
  rd_kafka_destroy(rk_);
}

std::vector<Record> Producer::produce(const std::string& topic,
                                      const std::vector<std::pair<std::string, std::string>>& kvs,
                                      int32_t partition, std::chrono::milliseconds timeout) {
  std::deque<Delivery> deliveries(kvs.size());
  for (size_t i = 0; i < kvs.size(); ++i) {
    const auto& [key, value] = kvs[i];
    rd_kafka_resp_err_t err =
        rd_kafka_producev(rk_, RD_KAFKA_V_TOPIC(topic.c_str()),
                          RD_KAFKA_V_PARTITION(partition >= 0 ? partition : RD_KAFKA_PARTITION_UA),
                          RD_KAFKA_V_KEY(key.data(), key.size()),
                          RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_OPAQUE(&deliveries[i]), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(rk_, 100);
      --i;
      continue;
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_flush(rk_, 10000);
      throw std::runtime_error("produce to " + topic + ": " + rd_kafka_err2str(err));
    }
  }
  if (rd_kafka_flush(rk_, static_cast<int>(timeout.count())) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("produce to " + topic + ": flush timed out");
  }
  std::vector<Record> out;
  for (size_t i = 0; i < kvs.size(); ++i) {
    if (deliveries[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw std::runtime_error("delivery to " + topic +
                               " failed: " + rd_kafka_err2str(deliveries[i].err));
    }
    Record r;
    r.topic = topic;
    r.partition = deliveries[i].partition;
    r.offset = deliveries[i].offset;
    r.key = kvs[i].first;
    r.value = kvs[i].second;
    out.push_back(std::move(r));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Collector

Collector::Collector(const std::string& topic, int partitions) {
  rd_kafka_conf_t* conf = base_conf();
  // librdkafka's assign() needs a group.id even though this consumer never joins the group nor
  // commits: a throwaway one.
  conf_set(conf, "group.id", "newsflow-it-collector-" + std::to_string(::getpid()));
  conf_set(conf, "enable.auto.commit", "false");
  conf_set(conf, "enable.partition.eof", "false");
  conf_set(conf, "fetch.wait.max.ms", "50");
  conf_set(conf, "fetch.message.max.bytes", "2000000");
  conf_set(conf, "isolation.level", "read_committed");
  rk_ = new_client(RD_KAFKA_CONSUMER, conf);
  rd_kafka_poll_set_consumer(rk_);
  TopicPartitionList list = all_partitions(topic, partitions, RD_KAFKA_OFFSET_BEGINNING);
  if (rd_kafka_resp_err_t err = rd_kafka_assign(rk_, list.get());
      err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_destroy(rk_);
    throw std::runtime_error("assign " + topic + ": " + rd_kafka_err2str(err));
  }
}

Collector::~Collector() {
  rd_kafka_consumer_close(rk_);
  rd_kafka_destroy(rk_);
}

bool Collector::poll_until(const std::function<bool(const std::vector<Record>&)>& done,
                           std::chrono::milliseconds timeout, Daemon* watch) {
  auto deadline = steady::now() + timeout;
  bool exited = false;
  while (true) {
    if (done(records_)) return true;
    if (steady::now() >= deadline) return false;
    if (watch != nullptr && !exited && !watch->running()) {
      exited = true;
      deadline = std::min(deadline, steady::now() + 1s);
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_, 100);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      records_.push_back(to_record(m));
    } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ADD_FAILURE() << "consumer error: " << rd_kafka_message_errstr(m);
    }
    rd_kafka_message_destroy(m);
  }
}

bool Collector::wait_for_count(size_t n, std::chrono::milliseconds timeout, Daemon* watch) {
  return poll_until([n](const std::vector<Record>& r) { return r.size() >= n; }, timeout, watch);
}

void Collector::poll_for(std::chrono::milliseconds duration) {
  poll_until([](const std::vector<Record>&) { return false; }, duration);
}

// ---------------------------------------------------------------------------------------------
// Offsets

std::map<int32_t, std::pair<int64_t, int64_t>> watermarks(const std::string& topic,
                                                          int partitions) {
  rd_kafka_t* rk = new_client(RD_KAFKA_PRODUCER, base_conf());
  std::map<int32_t, std::pair<int64_t, int64_t>> out;
  for (int p = 0; p < partitions; ++p) {
    int64_t lo = -1, hi = -1;
    rd_kafka_resp_err_t err =
        rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &lo, &hi, 10000);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_destroy(rk);
      throw std::runtime_error("watermarks of " + topic + ": " + rd_kafka_err2str(err));
    }
    out[p] = {lo, hi};
  }
  rd_kafka_destroy(rk);
  return out;
}

std::map<int32_t, int64_t> committed_offsets(const std::string& group, const std::string& topic,
                                             int partitions) {
  rd_kafka_conf_t* conf = base_conf();
  conf_set(conf, "group.id", group);
  conf_set(conf, "enable.auto.commit", "false");
  // Never subscribes: it only asks the group coordinator, without joining the group.
  rd_kafka_t* rk = new_client(RD_KAFKA_CONSUMER, conf);
  TopicPartitionList list = all_partitions(topic, partitions, RD_KAFKA_OFFSET_INVALID);
  rd_kafka_resp_err_t err = rd_kafka_committed(rk, list.get(), 15000);
  std::map<int32_t, int64_t> out;
  std::string failure;
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    failure = std::string("rd_kafka_committed: ") + rd_kafka_err2str(err);
  } else {
    for (int i = 0; i < list->cnt; ++i) {
      if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        failure = std::string("committed offset of partition ") +
                  std::to_string(list->elems[i].partition) + ": " +
                  rd_kafka_err2str(list->elems[i].err);
      }
      out[list->elems[i].partition] = list->elems[i].offset;
    }
  }
  rd_kafka_destroy(rk);
  if (!failure.empty()) throw std::runtime_error(failure);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Daemon

std::filesystem::path write_config(const std::filesystem::path& dir, const DaemonConfig& cfg) {
  std::filesystem::path path = dir / "newsflowd.yaml";
  std::ofstream out(path);
  // Topic and group names are made by unique_name(): [A-Za-z0-9._-], safe unquoted in YAML.
  out << "kafka:\n"
      << "  brokers: \"" << bootstrap_servers() << "\"\n"
      << "  group_id: " << cfg.group_id << "\n"
      << "  input_topics:\n";
  for (const auto& in : cfg.inputs) {
    out << "    - name: " << in.name << "\n"
        << "      format: " << in.format << "\n";
  }
  out << "  output_topic: " << cfg.output_topic << "\n"
      << "  dead_letter_topic: " << cfg.dead_letter_topic << "\n"
      << "  consumer:\n"
      << "    session.timeout.ms: \"6000\"\n"
      << "    auto.offset.reset: earliest\n";
  for (const auto& [k, v] : cfg.consumer) out << "    " << k << ": \"" << v << "\"\n";
  out << "  producer:" << (cfg.producer.empty() ? " {}" : "") << "\n";
  for (const auto& [k, v] : cfg.producer) out << "    " << k << ": \"" << v << "\"\n";
  if (!cfg.delivery.empty()) out << "  delivery: " << cfg.delivery << "\n";
  if (!cfg.transactional_id.empty()) out << "  transactional_id: " << cfg.transactional_id << "\n";
  if (!cfg.output_format.empty()) out << "  output_format: " << cfg.output_format << "\n";
  if (!cfg.quotes_topic.empty()) out << "  quotes_topic: " << cfg.quotes_topic << "\n";
  if (!cfg.actors_topic.empty()) out << "  actors_topic: " << cfg.actors_topic << "\n";
  if (!cfg.locations_topic.empty()) out << "  locations_topic: " << cfg.locations_topic << "\n";
  if (cfg.transaction_max_ms > 0 || cfg.transaction_max_messages > 0) {
    out << "  transaction:\n";
    if (cfg.transaction_max_ms > 0) out << "    max_ms: " << cfg.transaction_max_ms << "\n";
    if (cfg.transaction_max_messages > 0) {
      out << "    max_messages: " << cfg.transaction_max_messages << "\n";
    }
  }
  if (cfg.shutdown_timeout_ms > 0) {
    out << "  shutdown_timeout_ms: " << cfg.shutdown_timeout_ms << "\n";
  }
  if (cfg.models) {
    out << "models:\n  ner: " << ner_model_path() << "\n  gazetteer: " << gazetteer_path() << "\n";
  }
  out << "ops:\n  http_listen: \"" << cfg.http_listen << "\"\n";
  out << "pipeline:\n"
      << "  max_message_bytes: " << cfg.max_message_bytes << "\n"
      << (cfg.transform.empty() ? "" : "  transform: " + cfg.transform + "\n") << "log:\n"
      << "  level: " << cfg.log_level << "\n"
      << "  format: text\n";
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
  return path;
}

std::string daemon_path() { return env_or("IT_NEWSFLOWD", NEWSFLOWD_PATH); }

std::string ner_model_path() { return NEWSFLOW_IT_NER_MODEL; }

std::string gazetteer_path() {
  return std::filesystem::exists(NEWSFLOW_IT_GAZETTEER) ? NEWSFLOW_IT_GAZETTEER : "";
}

std::string delete_records_before(const std::string& topic, int32_t partition, int64_t offset) {
  rd_kafka_t* rk = new_client(RD_KAFKA_PRODUCER, base_conf());
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> guard(rk, &rd_kafka_destroy);
  TopicPartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = offset;
  rd_kafka_DeleteRecords_t* del = rd_kafka_DeleteRecords_new(list.get());
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_DeleteRecords(rk, &del, 1, nullptr, q);
  std::string result;
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  if (ev == nullptr) {
    result = "DeleteRecords timed out";
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    result = std::string("DeleteRecords: ") + rd_kafka_event_error_string(ev);
  } else {
    const rd_kafka_topic_partition_list_t* offsets =
        rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(ev));
    for (int i = 0; offsets != nullptr && i < offsets->cnt; ++i) {
      if (offsets->elems[i].err) result = rd_kafka_err2str(offsets->elems[i].err);
    }
  }
  if (ev != nullptr) rd_kafka_event_destroy(ev);
  rd_kafka_DeleteRecords_destroy(del);
  rd_kafka_queue_destroy(q);
  return result;
}

std::string broker_command(const std::string& command) {
  const std::string log = (broker_dir() / "commands.log").string();
  const std::string cmd = std::string("\"") + NEWSFLOW_IT_BROKER_SH + "\" " + command + " \"" +
                          broker_dir().string() + "\" >> \"" + log + "\" 2>&1";
  const int rc = std::system(cmd.c_str());
  if (rc != 0) {
    return "broker.sh " + command + " failed (status " + std::to_string(rc) + "); see " + log;
  }
  return "";
}

NotifySocket::NotifySocket(const std::filesystem::path& path) : path_(path) {
  std::filesystem::remove(path_);
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path_.string().size() >= sizeof addr.sun_path) {
    throw std::runtime_error("notify socket path too long: " + path_.string());
  }
  std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error("bind " + path_.string() + ": " + std::strerror(errno));
  }
}

NotifySocket::~NotifySocket() {
  if (fd_ >= 0) ::close(fd_);
  std::filesystem::remove(path_);
}

bool NotifySocket::wait_for(const std::string& needle, std::chrono::milliseconds timeout) {
  return wait_for_count(needle, 1, timeout);
}

bool NotifySocket::wait_for_count(const std::string& needle, size_t n,
                                  std::chrono::milliseconds timeout) {
  const auto deadline = steady::now() + timeout;
  if (count(needle) >= n) return true;
  while (steady::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(1, left.count()))) <= 0) continue;
    char buf[4096];
    const ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) continue;
    received_.emplace_back(buf, static_cast<size_t>(got));
    if (count(needle) >= n) return true;
  }
  return false;
}

size_t NotifySocket::count(const std::string& needle) const {
  size_t n = 0;
  for (const auto& r : received_) n += r.find(needle) != std::string::npos;
  return n;
}

int64_t Daemon::peak_rss_kib() const {
  if (pid_ <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

Daemon::Daemon(const std::filesystem::path& config, const std::filesystem::path& log,
               const std::vector<std::string>& extra_env)
    : Daemon(std::vector<std::string>{"run", "--config", config.string()}, log, extra_env) {}

Daemon::Daemon(const std::vector<std::string>& args, const std::filesystem::path& log,
               const std::vector<std::string>& extra_env)
    : Daemon(daemon_path(), args, log, extra_env) {}

Daemon::Daemon(const std::string& program, const std::vector<std::string>& args,
               const std::filesystem::path& log, const std::vector<std::string>& extra_env)
    : log_(log) {
  const std::string& bin = program;
  const std::string log_path = log.string();
  std::vector<const char*> argv = {bin.c_str()};
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  // The daemon reads NEWSFLOW_* variables as config overrides and rejects unknown ones: a
  // developer's shell must not change what the test checks, so the child gets none of them.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "NEWSFLOW_", 9) != 0 && std::strncmp(*e, "NOTIFY_SOCKET=", 14) != 0 &&
        std::strncmp(*e, "WATCHDOG_", 9) != 0) {
      env_strings.emplace_back(*e);
    }
  }
  for (const auto& e : extra_env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec.
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execve(bin.c_str(), const_cast<char* const*>(argv.data()), envp.data());
    const char msg[] = "integration test: cannot execute ";
    (void)!::write(2, msg, sizeof msg - 1);
    (void)!::write(2, bin.c_str(), bin.size());
    (void)!::write(2, "\n", 1);
    ::_exit(127);
  }
}

Daemon::~Daemon() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
  }
}

bool Daemon::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    status_ = status;
    pid_ = -1;
    return false;
  }
  return r == 0;
}

int Daemon::wait(std::chrono::milliseconds timeout) {
  const auto deadline = steady::now() + timeout;
  while (running()) {
    if (steady::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(20ms);
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
  return -1;
}

int Daemon::terminate(std::chrono::milliseconds timeout) { return stop(SIGTERM, timeout); }

int Daemon::stop(int signal, std::chrono::milliseconds timeout) {
  if (running()) ::kill(pid_, signal);
  return wait(timeout);
}

std::string Daemon::log_tail(size_t lines) const { return file_tail(log_, lines); }

std::string file_tail(const std::filesystem::path& path, size_t lines) {
  std::ifstream in(path);
  std::deque<std::string> tail;
  std::string line;
  while (std::getline(in, line)) {
    tail.push_back(line);
    if (tail.size() > lines) tail.pop_front();
  }
  std::ostringstream out;
  out << "--- last lines of " << path.string() << " ---\n";
  for (const auto& l : tail) out << l << "\n";
  return out.str();
}

}  // namespace newsflow::it
