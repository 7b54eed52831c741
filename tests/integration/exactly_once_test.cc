// Exactly-once delivery on a real Kafka broker: crashes, a broker restart, a rebalance, a
// zombie instance and poison input, each checked the way a downstream consumer sees the output
// topics — with isolation.level=read_committed, counting every record per key.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "daemon/ops/logging.h"
#include "proto/newsflow/v1/article.pb.h"
#include "tests/integration/kafka_harness.h"

namespace newsflow::it {
namespace {

// Made-up wire copy with people, organizations, quotes and places, so that every fan-out
// topic receives records; `n` varies the names so actors and keys differ between articles.
std::string article_json(int n) {
  static const char* kPeople[] = {"Maria Lopez",  "Tomas Berg",  "Aiko Tanaka",  "Samuel Okafor",
                                  "Lena Fischer", "Rahul Mehta", "Claire Dubois"};
  static const char* kPlaces[] = {"Lisbon", "Nairobi", "Toronto", "Hamburg",
                                  "Osaka",  "Lyon",    "Denver",  "Valparaiso"};
  static const char* kBodies[] = {
      "{p} , the mayor of {c}, said on Monday that the harbour works would start in spring. "
      "\"We cannot wait another winter,\" {p} told reporters in {c}.",
      "Shares of Northwind Shipping rose after the company opened an office in {c}. "
      "\"This is a long-term bet,\" said {p}, its chief executive.",
      "Heavy rain flooded roads around {c} on Tuesday, the city's emergency office said. "
      "{p}, a resident, said: \"The water came up in minutes.\"",
      "The university of {c} named {p} as its new rector. \"Research comes first,\" "
      "{p} said in a statement.",
  };
  std::string body = kBodies[n % 4];
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = body.find(from); at != std::string::npos; at = body.find(from, at + to.size()))
      body.replace(at, from.size(), to);
  };
  replace("{p} ,", std::string(kPeople[n % 7]) + ",");
  replace("{p}", kPeople[n % 7]);
  replace("{c}", kPlaces[(n / 4) % 8]);
  body += " (Report " + std::to_string(n) + ".)";
  return "{\"id\":\"eo-" + std::to_string(n) + "\",\"source\":\"example-wire\",\"title\":\"Story " +
         std::to_string(n) + "\",\"published_at\":\"2026-11-2" + std::to_string(n % 9) +
         "T10:00:00Z\",\"body\":\"" + newsflow::ops::JsonEscape(body) + "\"}";
}

std::vector<std::pair<std::string, std::string>> articles(int from, int n) {
  std::vector<std::pair<std::string, std::string>> kvs;
  kvs.reserve(static_cast<size_t>(n));
  for (int i = from; i < from + n; ++i)
    kvs.emplace_back("eo-" + std::to_string(i), article_json(i));
  return kvs;
}

// What a read_committed consumer found on the output topics.
struct Audit {
  size_t inputs = 0;
  size_t articles = 0;    // article records read
  size_t distinct = 0;    // distinct article ids among them
  size_t missing = 0;     // inputs with no article record
  size_t duplicates = 0;  // article records beyond the first per id
  // Fan-out records per kind: read, and expected from the article records (one per quote,
  // actor or place of each distinct article).
  std::map<std::string, std::pair<size_t, size_t>> fanout;
  size_t fanout_mismatches = 0;  // articles whose fan-out records do not match their record
  size_t bad_keys = 0;

  std::string describe() const {
    std::string s = std::to_string(inputs) + " inputs → " + std::to_string(articles) +
                    " article records (" + std::to_string(missing) + " missing, " +
                    std::to_string(duplicates) + " duplicates)";
    for (const auto& [kind, counts] : fanout) {
      s += ", " + kind + " " + std::to_string(counts.first) + "/" + std::to_string(counts.second);
    }
    return s;
  }
};

class ExactlyOnceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(bootstrap_servers().empty())
        << "no broker: run `ctest -L integration` (its fixture starts one)";
    work_ = test_work_dir();
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "[ integration ] broker logs: " << (broker_dir() / "broker.log").string() << "\n"
                << "[ integration ] test files: " << work_.string() << "\n";
      for (const auto& log : logs_) {
        if (std::filesystem::exists(log)) std::cerr << file_tail(log, 25);
      }
    }
  }

  std::filesystem::path log(const std::string& name) {
    logs_.push_back(work_ / name);
    return logs_.back();
  }

  // A config with every fan-out topic on, the shipped models, and topics of `partitions`.
  DaemonConfig make_config(int partitions) {
    DaemonConfig cfg;
    cfg.inputs = {{unique_name("raw"), "json"}};
    cfg.output_topic = unique_name("normalized");
    cfg.quotes_topic = unique_name("quotes");
    cfg.actors_topic = unique_name("actors");
    cfg.locations_topic = unique_name("locations");
    cfg.dead_letter_topic = unique_name("deadletter");
    cfg.group_id = unique_name("nf");
    cfg.models = true;
    for (const std::string* t : {&cfg.inputs[0].name, &cfg.output_topic, &cfg.quotes_topic,
                                 &cfg.actors_topic, &cfg.locations_topic}) {
      EXPECT_EQ(create_topic(*t, partitions), "");
    }
    EXPECT_EQ(create_topic(cfg.dead_letter_topic, 1), "");
    partitions_ = partitions;
    return cfg;
  }

  // `partitions` each (one unless said) for input, articles and dead letters; no fan-out, no
  // models.
  DaemonConfig plain_config(int partitions = 1) {
    DaemonConfig cfg;
    cfg.inputs = {{unique_name("raw"), "json"}};
    cfg.output_topic = unique_name("normalized");
    cfg.dead_letter_topic = unique_name("deadletter");
    cfg.group_id = unique_name("nf");
    for (const std::string* t : {&cfg.inputs[0].name, &cfg.output_topic, &cfg.dead_letter_topic}) {
      EXPECT_EQ(create_topic(*t, partitions), "");
    }
    partitions_ = partitions;
    return cfg;
  }

  // Reads every output topic until each input's article came out and the fan-out topics hold
  // as many records as the articles say, then a little longer to catch late duplicates.
  Audit audit(const DaemonConfig& cfg, const std::vector<Record>& inputs, Daemon* watch) {
    Audit a;
    a.inputs = inputs.size();
    std::set<std::string> want;
    for (const auto& in : inputs) want.insert(*in.key);
    Collector out(cfg.output_topic, partitions_);
    std::map<std::string, v1::NormalizedArticle> by_id;
    auto absorb = [&](const std::vector<Record>& records, size_t& seen) {
      for (; seen < records.size(); ++seen) {
        v1::NormalizedArticle art;
        if (!art.ParseFromString(records[seen].value)) {
          ADD_FAILURE() << "an output record is not a NormalizedArticle";
          continue;
        }
        if (records[seen].key != art.id()) ++a.bad_keys;
        by_id.emplace(art.id(), std::move(art));
      }
    };
    std::set<std::string> remaining = want;
    size_t seen = 0;
    out.poll_until(
        [&](const std::vector<Record>& r) {
          const size_t before = seen;
          absorb(r, seen);
          for (size_t i = before; i < seen; ++i) {
            if (r[i].key) remaining.erase(*r[i].key);
          }
          return remaining.empty();
        },
        180s, watch);
    out.poll_for(1500ms);
    absorb(out.records(), seen);
    a.articles = out.records().size();
    a.distinct = by_id.size();
    for (const auto& id : want) a.missing += by_id.count(id) == 0;
    a.duplicates = a.articles - a.distinct;

    std::map<std::string, size_t> want_quotes, want_actors, want_places;
    size_t sum_quotes = 0, sum_actors = 0, sum_places = 0;
    for (const auto& [id, art] : by_id) {
      want_quotes[id] = static_cast<size_t>(art.quotes_size());
      want_actors[id] = static_cast<size_t>(art.actors_size());
      want_places[id] = static_cast<size_t>(art.locations_size());
      sum_quotes += want_quotes[id];
      sum_actors += want_actors[id];
      sum_places += want_places[id];
    }
    auto read_fanout = [&](const std::string& kind, const std::string& topic, size_t expected,
                           const std::map<std::string, size_t>& per_article, auto parse) {
      Collector c(topic, partitions_);
      c.wait_for_count(expected, 60s);
      c.poll_for(500ms);
      std::map<std::string, size_t> got;
      for (const auto& r : c.records()) {
        std::string article_id, key;
        if (!parse(r, article_id, key)) {
          ADD_FAILURE() << kind << ": a record does not parse";
          continue;
        }
        ++got[article_id];
        if (r.key.value_or("<null>") != key) ++a.bad_keys;
      }
      for (const auto& [id, n] : per_article) {
        auto it = got.find(id);
        if ((it == got.end() ? 0 : it->second) != n) ++a.fanout_mismatches;
      }
      a.fanout[kind] = {c.records().size(), expected};
    };
    read_fanout("quotes", cfg.quotes_topic, sum_quotes, want_quotes,
                [](const Record& r, std::string& id, std::string& key) {
                  v1::QuoteRecord q;
                  if (!q.ParseFromString(r.value)) return false;
                  id = q.article_id();
                  key = q.has_speaker() ? q.speaker().name() : "";
                  return true;
                });
    read_fanout("actors", cfg.actors_topic, sum_actors, want_actors,
                [](const Record& r, std::string& id, std::string& key) {
                  v1::ActorRecord x;
                  if (!x.ParseFromString(r.value)) return false;
                  id = x.article_id();
                  key = x.actor().name();
                  return true;
                });
    read_fanout("locations", cfg.locations_topic, sum_places, want_places,
                [](const Record& r, std::string& id, std::string& key) {
                  v1::LocationRecord x;
                  if (!x.ParseFromString(r.value)) return false;
                  id = x.article_id();
                  key = x.location().country_code();
                  return true;
                });
    return a;
  }

  void expect_exactly_once(const Audit& a) {
    EXPECT_EQ(a.missing, 0u) << a.describe();
    EXPECT_EQ(a.duplicates, 0u) << a.describe();
    EXPECT_EQ(a.fanout_mismatches, 0u) << a.describe();
    EXPECT_EQ(a.bad_keys, 0u) << a.describe();
    for (const auto& [kind, counts] : a.fanout) {
      EXPECT_EQ(counts.first, counts.second) << kind << ": " << a.describe();
      EXPECT_GT(counts.second, 0u) << kind << " topic received nothing to check";
    }
  }

  // Runs the daemon over `count` inputs, SIGKILLs it when the article topic holds each of
  // `kills` records (read_uncommitted is not needed: committed output grows with progress) and
  // starts it again each time. Returns the audit.
  Audit run_with_kills(DaemonConfig cfg, int count, int kills, const std::string& mode) {
    cfg.delivery = mode;
    const auto config = write_config(work_, cfg);
    Producer producer;
    std::vector<Record> inputs;
    for (int from = 0; from < count; from += 1000) {
      for (auto& r : producer.produce(cfg.inputs[0].name, articles(from, 1000))) {
        inputs.push_back(std::move(r));
      }
    }
    const unsigned seed = std::random_device{}();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> at(count / 10, count * 9 / 10);
    std::vector<int> points;
    for (int i = 0; i < kills; ++i) points.push_back(at(rng));
    std::sort(points.begin(), points.end());
    std::cerr << "[ integration ] " << mode << ": SIGKILL after " << points.size()
              << " random output counts (seed " << seed << "):";
    for (int p : points) std::cerr << " " << p;
    std::cerr << "\n";

    const auto started = steady::now();
    Collector progress(cfg.output_topic, partitions_);
    auto daemon = std::make_unique<Daemon>(config, log("newsflowd.0.log"));
    for (size_t i = 0; i < points.size(); ++i) {
      EXPECT_TRUE(progress.wait_for_count(static_cast<size_t>(points[i]), 180s, daemon.get()))
          << "no progress to " << points[i] << " records" << daemon->log_tail();
      EXPECT_EQ(daemon->stop(SIGKILL, 10s), 128 + SIGKILL);
      daemon = std::make_unique<Daemon>(config, log("newsflowd." + std::to_string(i + 1) + ".log"));
    }
    Audit a = audit(cfg, inputs, daemon.get());
    EXPECT_EQ(daemon->terminate(30s), 0);
    const double seconds = std::chrono::duration<double>(steady::now() - started).count();
    std::cerr << "[ integration ] " << mode << " with " << kills << " SIGKILLs: " << a.describe()
              << " in " << seconds << " s\n";
    return a;
  }

  std::filesystem::path work_;
  std::vector<std::filesystem::path> logs_;
  int partitions_ = 1;
};

// 10,000 articles, SIGKILL at three random points, restart each time: every input once on every
// output topic, as a read_committed consumer sees them.
TEST_F(ExactlyOnceTest, ThreeCrashesNeitherLoseNorDoubleAnything) {
  DaemonConfig cfg = make_config(6);
  Audit a = run_with_kills(cfg, 10000, 3, "exactly_once");
  expect_exactly_once(a);
  // The README's consumer recipe (quotes per speaker, read_committed) counts the same.
  const std::string cmd = std::string(NEWSFLOW_SOURCE_DIR "/tools/quote_counts.sh ") +
                          bootstrap_servers() + " " + cfg.quotes_topic;
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  size_t total = 0, speakers = 0;
  char line[4096];
  while (std::fgets(line, sizeof line, p) != nullptr) {
    total += std::strtoull(line, nullptr, 10);
    ++speakers;
  }
  EXPECT_EQ(::pclose(p), 0);
  EXPECT_EQ(total, a.fanout["quotes"].second) << "tools/quote_counts.sh";
  EXPECT_GT(speakers, 1u);
}

// The same run at-least-once: nothing is lost; the duplicates it makes are reported.
TEST_F(ExactlyOnceTest, AtLeastOnceCrashesLoseNothingAndReportDuplicates) {
  Audit a = run_with_kills(make_config(6), 10000, 3, "at_least_once");
  EXPECT_EQ(a.missing, 0u) << a.describe();
  RecordProperty("duplicates", static_cast<int>(a.duplicates));
}

// The broker process stops and starts again on its data dir mid-run: the daemon recovers by
// itself, and the output is still exactly once.
TEST_F(ExactlyOnceTest, BrokerRestartMidRunRecoversExactlyOnce) {
  DaemonConfig cfg = make_config(4);
  const auto config = write_config(work_, cfg);
  Producer producer;
  std::vector<Record> inputs = producer.produce(cfg.inputs[0].name, articles(0, 4000));
  Daemon daemon(config, log("newsflowd.log"));
  {
    Collector progress(cfg.output_topic, partitions_);
    ASSERT_TRUE(progress.wait_for_count(800, 120s, &daemon)) << daemon.log_tail();
  }
  const auto t0 = steady::now();
  ASSERT_EQ(broker_command("restart"), "");
  std::cerr << "[ integration ] broker restarted in "
            << std::chrono::duration<double>(steady::now() - t0).count() << " s\n";
  Audit a = audit(cfg, inputs, &daemon);
  EXPECT_TRUE(daemon.running()) << "the daemon must recover by itself" << daemon.log_tail();
  EXPECT_EQ(daemon.terminate(30s), 0);
  std::cerr << "[ integration ] broker restart: " << a.describe() << "\n";
  expect_exactly_once(a);
}

// A second instance joins mid-run and leaves again: partitions move twice, each revocation
// commits its batch first, and the output stays exactly once.
TEST_F(ExactlyOnceTest, InstanceJoiningAndLeavingKeepsExactlyOnce) {
  DaemonConfig cfg = make_config(6);
  Producer producer;
  std::vector<Record> inputs = producer.produce(cfg.inputs[0].name, articles(0, 2000));
  int next = 2000;
  auto feed = [&](int n) {
    for (auto& r : producer.produce(cfg.inputs[0].name, articles(next, n))) {
      inputs.push_back(std::move(r));
    }
    next += n;
  };
  cfg.transactional_id = unique_name("txn-a");
  std::filesystem::create_directories(work_ / "a");
  std::filesystem::create_directories(work_ / "b");
  const auto config_a = write_config(work_ / "a", cfg);
  cfg.transactional_id = unique_name("txn-b");
  const auto config_b = write_config(work_ / "b", cfg);
  Daemon a(config_a, log("newsflowd.a.log"));
  Collector progress(cfg.output_topic, partitions_);
  ASSERT_TRUE(progress.wait_for_count(300, 120s, &a)) << a.log_tail();
  // B is ready once it owns partitions; input keeps coming meanwhile, so both have work.
  NotifySocket notify_b("/tmp/nf-notify-" + std::to_string(::getpid()) + "-b");
  auto b = std::make_unique<Daemon>(config_b, log("newsflowd.b.log"),
                                    std::vector<std::string>{notify_b.env()});
  const auto deadline = steady::now() + 60s;
  while (!notify_b.wait_for("READY=1", 200ms) && steady::now() < deadline) feed(40);
  ASSERT_GT(notify_b.count("READY=1"), 0u)
      << "the second instance never got partitions" << b->log_tail();
  feed(1000);
  ASSERT_TRUE(progress.wait_for_count(progress.records().size() + 500, 60s, &a));
  EXPECT_EQ(b->terminate(30s), 0) << "the second instance must leave cleanly" << b->log_tail();
  feed(1000);
  Audit audit_result = audit(cfg, inputs, &a);
  EXPECT_EQ(a.terminate(30s), 0);
  std::cerr << "[ integration ] rebalance (B owned partitions for a while): "
            << audit_result.describe() << "\n";
  expect_exactly_once(audit_result);
}

// Two instances with one transactional.id: the newer fences the older, which stops with a clear
// fatal message; nothing the older wrote after that is visible, so the output is exactly once.
TEST_F(ExactlyOnceTest, ZombieWithSameTransactionalIdIsFenced) {
  DaemonConfig cfg = make_config(4);
  cfg.transactional_id = unique_name("txn-shared");
  const auto config = write_config(work_, cfg);
  Producer producer;
  std::vector<Record> inputs = producer.produce(cfg.inputs[0].name, articles(0, 3000));
  Daemon old_one(config, log("newsflowd.old.log"));
  Collector progress(cfg.output_topic, partitions_);
  ASSERT_TRUE(progress.wait_for_count(300, 120s, &old_one)) << old_one.log_tail();
  Daemon new_one(config, log("newsflowd.new.log"));
  // A zombie learns that it is fenced when it next writes: keep input coming (on every
  // partition, so the old instance keeps some) until it has stopped.
  int next = 3000;
  const auto deadline = steady::now() + 90s;
  while (old_one.running() && steady::now() < deadline) {
    for (auto& r : producer.produce(cfg.inputs[0].name, articles(next, 40))) {
      inputs.push_back(std::move(r));
    }
    next += 40;
    progress.wait_for_count(progress.records().size() + 20, 2s);
  }
  const int old_status = old_one.wait(10s);
  EXPECT_EQ(old_status, 1) << "the fenced instance must exit with an error" << old_one.log_tail();
  EXPECT_NE(old_one.log_tail(200).find("fenced"), std::string::npos) << old_one.log_tail();
  Audit a = audit(cfg, inputs, &new_one);
  EXPECT_EQ(new_one.terminate(30s), 0);
  std::cerr << "[ integration ] fencing: " << a.describe() << "\n";
  expect_exactly_once(a);
}

// SIGTERM while the broker is down: the drain gives up within kafka.shutdown_timeout_ms instead
// of waiting minutes for deliveries; after the broker is back, a new instance finishes the work
// exactly once.
TEST_F(ExactlyOnceTest, DrainFitsItsBudgetWhenTheBrokerIsDown) {
  DaemonConfig cfg = make_config(2);
  cfg.shutdown_timeout_ms = 3000;
  const auto config = write_config(work_, cfg);
  Producer producer;
  std::vector<Record> inputs = producer.produce(cfg.inputs[0].name, articles(0, 4000));
  auto daemon = std::make_unique<Daemon>(config, log("newsflowd.0.log"));
  {
    Collector progress(cfg.output_topic, partitions_);
    ASSERT_TRUE(progress.wait_for_count(300, 120s, daemon.get())) << daemon->log_tail();
  }
  ASSERT_EQ(broker_command("stop"), "");
  const auto t0 = steady::now();
  const int status = daemon->terminate(60s);
  const double took = std::chrono::duration<double>(steady::now() - t0).count();
  ASSERT_EQ(broker_command("resume"), "");
  std::cerr << "[ integration ] drain with the broker down: exit " << status << " after " << took
            << " s (budget 3 s)\n";
  EXPECT_NE(status, -1) << "the daemon did not exit" << daemon->log_tail();
  EXPECT_LT(took, 3.0 + 5.0) << daemon->log_tail();
  daemon = std::make_unique<Daemon>(config, log("newsflowd.1.log"));
  Audit a = audit(cfg, inputs, daemon.get());
  EXPECT_EQ(daemon->terminate(30s), 0);
  expect_exactly_once(a);
}

// The batch window counts from when its first message was written, not from when the daemon
// polled it: with a 20 s window, a message written 15 s in the past is committed ~5 s later, not
// 20 s (before, a message that waited in the fetch queue during the previous batch waited a whole
// window more, most of the latency tail).
TEST_F(ExactlyOnceTest, BatchWindowCountsFromWhenTheMessageWasWritten) {
  DaemonConfig cfg = plain_config();
  ASSERT_FALSE(HasFailure()) << "topics not created";
  cfg.transaction_max_ms = 20000;
  NotifySocket notify("/tmp/nf-notify-" + std::to_string(::getpid()) + "-window");
  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"), {notify.env()});
  ASSERT_TRUE(notify.wait_for("READY=1", 60s)) << daemon.log_tail();
  Collector out(cfg.output_topic, 1);

  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  ASSERT_EQ(
      rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap_servers().c_str(), err, sizeof err),
      RD_KAFKA_CONF_OK);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  ASSERT_NE(producer, nullptr) << err;
  const std::string key = "eo-0", value = article_json(0);
  const int64_t written = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count() -
                          15000;
  ASSERT_EQ(rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(cfg.inputs[0].name.c_str()),
                              RD_KAFKA_V_KEY(key.data(), key.size()),
                              RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                              RD_KAFKA_V_TIMESTAMP(written),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  const auto produced = steady::now();
  EXPECT_EQ(rd_kafka_flush(producer, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
  rd_kafka_destroy(producer);
  ASSERT_TRUE(out.wait_for_count(1, 40s, &daemon)) << daemon.log_tail();
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - produced);
  EXPECT_LT(waited.count(), 12000) << "the record waited a window from its poll, not its writing";
  EXPECT_EQ(daemon.terminate(30s), 0);
}

// librdkafka 2.0.2 stops fetching while its prefetch queue is full and looks again only when
// its broker thread wakes, up to a second later: a loop faster than the fetch starved (0.2 of a
// kcat pipe with transform none). Here a 1 MiB queue and 4 kB messages on 3 partitions: 40 MB
// need ~40 refills: 11.3 s before the loop woke the fetcher, 1.0 s after.
TEST_F(ExactlyOnceTest, AFullPrefetchQueueDoesNotStallTheFetch) {
  DaemonConfig cfg = plain_config(3);
  ASSERT_FALSE(HasFailure()) << "topics not created";
  cfg.transform = "none";
  cfg.consumer["queued.max.messages.kbytes"] = "1024";
  cfg.consumer["fetch.max.bytes"] = "1048576";
  cfg.consumer["fetch.message.max.bytes"] = "262144";
  std::string pad(4000, 'x');
  Producer producer;
  size_t total = 0;
  for (int from = 0; from < 10000; from += 500) {
    std::vector<std::pair<std::string, std::string>> chunk;
    for (int i = from; i < from + 500; ++i) {
      chunk.emplace_back("eo-" + std::to_string(i), std::to_string(i) + pad);
    }
    total += producer.produce(cfg.inputs[0].name, chunk).size();
  }
  NotifySocket notify("/tmp/nf-notify-" + std::to_string(::getpid()) + "-prefetch");
  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"), {notify.env()});
  ASSERT_TRUE(notify.wait_for("READY=1", 60s)) << daemon.log_tail();
  const auto ready = steady::now();
  Collector out(cfg.output_topic, 3);
  ASSERT_TRUE(out.wait_for_count(total, 180s, &daemon)) << daemon.log_tail();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - ready);
  std::cerr << "[ integration ] " << total << " messages through a 1 MiB prefetch queue in "
            << took.count() << " ms\n";
  EXPECT_LT(took.count(), 5000) << "the fetch stalled at each full prefetch queue";
  EXPECT_EQ(out.records().size(), total);
  EXPECT_EQ(daemon.terminate(30s), 0);
}

// An idle daemon keeps telling systemd it is alive (WatchdogSec in the unit): the loop returns
// from each empty batch window instead of waiting for the first message forever.
TEST_F(ExactlyOnceTest, IdleDaemonKeepsPingingTheWatchdog) {
  DaemonConfig cfg = plain_config();
  ASSERT_FALSE(HasFailure()) << "topics not created";
  NotifySocket notify("/tmp/nf-notify-" + std::to_string(::getpid()) + "-idle");
  // WATCHDOG_USEC of 1 s: systemd expects a ping at least every second, the daemon sends one
  // every half interval.
  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"),
                {notify.env(), "WATCHDOG_USEC=1000000"});
  ASSERT_TRUE(notify.wait_for("READY=1", 60s)) << daemon.log_tail();
  const size_t before = notify.count("WATCHDOG=1");
  EXPECT_TRUE(notify.wait_for_count("WATCHDOG=1", before + 6, 10s))
      << (notify.count("WATCHDOG=1") - before) << " pings while idle" << daemon.log_tail();
  EXPECT_EQ(daemon.terminate(30s), 0);
  EXPECT_TRUE(notify.wait_for("STOPPING=1", 5s));
}

// A client that cannot talk to the broker for good (here TLS against a plaintext listener) is
// no "ready" daemon with warnings in its log: it never sends READY=1 and exits non-zero.
TEST_F(ExactlyOnceTest, PermanentClientErrorsEndTheProcessWithoutReady) {
  DaemonConfig cfg = plain_config();
  ASSERT_FALSE(HasFailure()) << "topics not created";
  cfg.consumer["security.protocol"] = "ssl";
  cfg.producer["security.protocol"] = "ssl";
  NotifySocket notify("/tmp/nf-notify-" + std::to_string(::getpid()) + "-tls");
  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"), {notify.env()});
  const int status = daemon.wait(60s);
  notify.wait_for("READY=1", 100ms);
  EXPECT_EQ(status, 1) << daemon.log_tail();
  EXPECT_EQ(notify.count("READY=1"), 0u) << "READY=1 sent by a daemon that cannot reach Kafka";
}

// Poison input on one partition, between good items: each bad message goes to the dead-letter
// topic with its reason, including a record too large for the producer and a record the broker
// refuses; every good item behind them comes out once; memory stays bounded.
TEST_F(ExactlyOnceTest, PoisonInputNeverStallsItsPartition) {
  DaemonConfig cfg;
  const std::string json_in = unique_name("raw-json");
  const std::string text_in = unique_name("raw-text");
  const std::string proto_in = unique_name("raw-proto");
  cfg.inputs = {{json_in, "json"}, {text_in, "text"}, {proto_in, "protobuf"}};
  cfg.output_topic = unique_name("normalized");
  cfg.dead_letter_topic = unique_name("deadletter");
  cfg.group_id = unique_name("nf");
  cfg.output_format = "json";
  cfg.max_message_bytes = 150000;
  cfg.producer["message.max.bytes"] = "200000";
  // Batches must stay below the topic's limit, or small records batched with a large one
  // would be refused with it.
  cfg.producer["batch.size"] = "90000";
  for (const auto& t : cfg.inputs) ASSERT_EQ(create_topic(t.name, 1), "");
  // The broker refuses records above 100 kB on the output topic: a record between that and the
  // producer's own limit fails only at delivery.
  ASSERT_EQ(create_topic(cfg.output_topic, 1, 30s, {{"max.message.bytes", "100000"}}), "");
  ASSERT_EQ(create_topic(cfg.dead_letter_topic, 1), "");
  partitions_ = 1;

  std::vector<std::pair<std::string, std::string>> json_msgs = {
      {"good-j1", article_json(1)},
      {"empty", ""},
      {"good-j2", article_json(2)},
      {"bad-json", "{\"body\": \"unterminated"},
      {"good-j3", article_json(3)},
      {"bad-utf8", "{\"body\":\"caf\xC3\x28\"}"},
      {"oversized", "{\"body\":\"" + std::string(160000, 'a') + "\"}"},
      {"good-j4", article_json(4)},
  };
  std::vector<std::pair<std::string, std::string>> text_msgs = {
      // Control characters: 6 bytes each in the JSON record, so 40 kB of input make a 240 kB
      // record, above the producer's message.max.bytes.
      {"record-too-large", std::string(40000, '\x01')},
      {"good-t1", "Officials in Lisbon said the bridge would reopen on Friday."},
      // 120 kB of words: a record the producer accepts and the broker refuses.
      {"broker-refuses",
       [] {
         std::string s;
         while (s.size() < 120000) s += "harbour works continue ";
         return s;
       }()},
      {"good-t2", "The council of Nairobi approved the budget, a spokesman said."},
  };
  v1::RawArticle raw;
  raw.set_id("good-p1");
  raw.set_body("Rain is expected in Toronto on Sunday, forecasters said.");
  std::vector<std::pair<std::string, std::string>> proto_msgs = {
      {"bad-proto", "\xff\xff\xff\xff not a protobuf"},
      {"good-p1", raw.SerializeAsString()},
  };
  Producer producer;
  producer.produce(json_in, json_msgs, 0);
  producer.produce(text_in, text_msgs, 0);
  producer.produce(proto_in, proto_msgs, 0);
  const size_t bad = 7;  // empty, bad-json, bad-utf8, oversized, 2 records, bad-proto

  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"));
  Collector out(cfg.output_topic, 1);
  Collector dead(cfg.dead_letter_topic, 1);
  const size_t good = 7;
  EXPECT_TRUE(out.wait_for_count(good, 120s, &daemon)) << daemon.log_tail();
  EXPECT_TRUE(dead.wait_for_count(bad, 60s, &daemon)) << daemon.log_tail();
  out.poll_for(1s);
  dead.poll_for(500ms);
  const int64_t rss = daemon.peak_rss_kib();
  EXPECT_EQ(daemon.terminate(30s), 0);

  EXPECT_EQ(out.records().size(), good) << "every good item once";
  std::map<std::string, std::string> reasons;
  for (const auto& d : dead.records()) {
    reasons[d.key.value_or("")] = d.header("newsflow.error").value_or("<none>");
    EXPECT_LE(d.header("newsflow.error").value_or("").size(), 1024u);
  }
  for (const auto& [key, reason] : reasons)
    std::cerr << "  dead letter " << key << ": " << reason << "\n";
  EXPECT_EQ(reasons["empty"].rfind("missing_body", 0) == 0 ||
                reasons["empty"].rfind("invalid_json", 0) == 0,
            true)
      << reasons["empty"];
  EXPECT_EQ(reasons["bad-json"].rfind("invalid_json", 0), 0u) << reasons["bad-json"];
  EXPECT_EQ(reasons["bad-utf8"].rfind("invalid_utf8", 0), 0u) << reasons["bad-utf8"];
  EXPECT_EQ(reasons["oversized"].rfind("too_large", 0), 0u) << reasons["oversized"];
  EXPECT_EQ(reasons["record-too-large"].rfind("record_too_large", 0), 0u)
      << reasons["record-too-large"];
  EXPECT_EQ(reasons["broker-refuses"].rfind("record_undeliverable", 0), 0u)
      << reasons["broker-refuses"];
  EXPECT_EQ(reasons["bad-proto"].rfind("invalid_protobuf", 0), 0u) << reasons["bad-proto"];
  EXPECT_EQ(dead.records().size(), bad) << "each bad input once";
  EXPECT_GT(rss, 0);
  EXPECT_LT(rss, 400 * 1024) << "peak RSS " << rss << " KiB";
  std::cerr << "[ integration ] poison: peak RSS " << rss / 1024 << " MiB\n";
}

// A backlog of maximal messages (just under pipeline.max_message_bytes) on two partitions: the
// daemon's memory is bounded by the prefetch (queued.max.messages.kbytes, fetch.max.bytes) and
// the batch (kafka.batch_max_bytes), not by the backlog. 160 messages of 950 kB are 152 MB;
// Measured: 112 MiB peak (models off); 206 MiB with librdkafka's prefetch defaults and a
// 64 MiB batch limit.
TEST_F(ExactlyOnceTest, FloodOfMaximalMessagesKeepsMemoryBounded) {
  DaemonConfig cfg;
  const std::string in = unique_name("raw-text");
  cfg.inputs = {{in, "text"}};
  cfg.output_topic = unique_name("normalized");
  cfg.dead_letter_topic = unique_name("deadletter");
  cfg.group_id = unique_name("nf");
  ASSERT_EQ(create_topic(in, 2), "");
  ASSERT_EQ(create_topic(cfg.output_topic, 2), "");
  ASSERT_EQ(create_topic(cfg.dead_letter_topic, 1), "");
  partitions_ = 2;
  std::string body;
  while (body.size() < 950000) body += "The harbour works continue near the old bridge. ";
  body.resize(950000);
  const size_t total = 160;
  Producer producer;
  for (size_t done = 0; done < total;) {
    std::vector<std::pair<std::string, std::string>> chunk;
    for (size_t i = 0; i < 20; ++i, ++done) {
      std::string b = body;
      const std::string tag = "flood-" + std::to_string(done);
      b.replace(0, tag.size(), tag);  // distinct bodies, distinct ids
      chunk.emplace_back(tag, std::move(b));
    }
    producer.produce(in, chunk, -1, 60s);
  }

  Daemon daemon(write_config(work_, cfg), log("newsflowd.log"));
  Collector out(cfg.output_topic, 2);
  EXPECT_TRUE(out.wait_for_count(total, 180s, &daemon)) << daemon.log_tail();
  const int64_t rss = daemon.peak_rss_kib();
  EXPECT_EQ(daemon.terminate(30s), 0);
  EXPECT_EQ(out.records().size(), total) << "every message once";
  std::cerr << "[ integration ] flood of " << total << " x 950 kB: peak RSS " << rss / 1024
            << " MiB\n";
  EXPECT_GT(rss, 0);
  EXPECT_LT(rss, 160 * 1024) << "peak RSS " << rss << " KiB";
}

}  // namespace
}  // namespace newsflow::it
