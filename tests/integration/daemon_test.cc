// End-to-end tests of newsflowd against a real Kafka broker (the ctest fixture `kafka_broker`,
// started by tests/kafka/broker.sh). Each test uses its own topics and consumer group, writes its
// own config, runs the daemon binary as a child process and checks what lands in Kafka.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon/ops/logging.h"
#include "proto/newsflow/v1/article.pb.h"
#include "tests/integration/kafka_harness.h"

namespace newsflow::it {
namespace {

constexpr const char* kErrorHeader = "newsflow.error";
constexpr const char* kTopicHeader = "newsflow.source.topic";
constexpr const char* kPartitionHeader = "newsflow.source.partition";
constexpr const char* kOffsetHeader = "newsflow.source.offset";

struct Sample {
  std::string id;
  std::string url;
  std::string source;
  std::string title;
  std::string body;
  std::string published_at;
  std::string language = "en";
  std::string content_type = "text/plain";

  std::string json() const {
    return "{\"id\":\"" + newsflow::ops::JsonEscape(id) + "\",\"url\":\"" +
           newsflow::ops::JsonEscape(url) + "\",\"source\":\"" + newsflow::ops::JsonEscape(source) +
           "\",\"title\":\"" + newsflow::ops::JsonEscape(title) + "\",\"body\":\"" +
           newsflow::ops::JsonEscape(body) + "\",\"published_at\":\"" + published_at +
           "\",\"language\":\"" + language + "\",\"content_type\":\"" + content_type + "\"}";
  }
};

// Short made-up wire stories; the n-th sample cycles through them with its own id.
Sample sample(int n) {
  static const std::vector<std::pair<std::string, std::string>> kStories = {
      {"Council approves harbour bridge repairs",
       "The city council of Portsmouth voted on Tuesday to repair the harbour bridge. \"We cannot "
       "wait "
       "another winter,\" said council leader Maria Lopez. Work is expected to start in March."},
      {"Rail strike called off after late talks",
       "A national rail strike planned for Friday was called off after talks in London ended late "
       "on "
       "Wednesday. Union officials said members would vote on the new offer next week."},
      {"Wheat prices climb on dry weather",
       "Wheat futures rose for a third day as dry weather in Kansas and Nebraska threatened the "
       "harvest, "
       "traders in Chicago said."},
      {"Museum returns bronze statues",
       "The museum in Berlin returned twelve bronze statues to Nigeria on Monday. \"This is a "
       "beginning, "
       "not an end,\" the director told reporters."},
  };
  const auto& [title, body] = kStories[static_cast<size_t>(n) % kStories.size()];
  Sample s;
  s.id = "it-article-" + std::to_string(n);
  s.url = "https://news.example.org/story/" + std::to_string(n);
  s.source = n % 2 == 0 ? "example-wire" : "example-daily";
  s.title = title;
  s.body = body + " (Story " + std::to_string(n) + ".)";
  s.published_at = "2026-11-2" + std::to_string(n % 8) + "T0" + std::to_string(n % 10) + ":15:00Z";
  return s;
}

// Decodes output records into articles keyed by id; a record that does not parse fails the test.
std::map<std::string, std::vector<v1::NormalizedArticle>> decode_all(
    const std::vector<Record>& records) {
  std::map<std::string, std::vector<v1::NormalizedArticle>> out;
  for (const auto& r : records) {
    v1::NormalizedArticle a;
    if (!a.ParseFromString(r.value)) {
      ADD_FAILURE() << "output " << r.partition << "@" << r.offset << " is not a NormalizedArticle";
      continue;
    }
    EXPECT_EQ(r.key.value_or("<no key>"), a.id()) << "output key must be the article id";
    out[a.id()].push_back(std::move(a));
  }
  return out;
}

std::set<std::string> ids_of(const std::vector<Record>& records) {
  std::set<std::string> ids;
  for (const auto& r : records) {
    v1::NormalizedArticle a;
    if (a.ParseFromString(r.value)) ids.insert(a.id());
  }
  return ids;
}

// Polls `out` until every input's key came out as an article id, or the timeout passes (early
// once `watch` exited); returns the keys that never came out, in order.
std::vector<std::string> wait_for_all(Collector& out, const std::vector<Record>& inputs,
                                      std::chrono::milliseconds timeout, Daemon* watch) {
  std::set<std::string> want;
  for (const auto& in : inputs) want.insert(*in.key);
  out.poll_until(
      [&](const std::vector<Record>& r) {
        const auto seen = ids_of(r);
        return std::includes(seen.begin(), seen.end(), want.begin(), want.end());
      },
      timeout, watch);
  const auto seen = ids_of(out.records());
  std::vector<std::string> missing;
  std::set_difference(want.begin(), want.end(), seen.begin(), seen.end(),
                      std::back_inserter(missing));
  return missing;
}

// Samples from..from+n-1 as (key, JSON value) pairs to produce.
std::vector<std::pair<std::string, std::string>> samples(int from, int n) {
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = from; i < from + n; ++i) {
    Sample s = sample(i);
    kvs.emplace_back(s.id, s.json());
  }
  return kvs;
}

// A config with one JSON input topic and topic/group names unique to the running test.
DaemonConfig json_config() {
  DaemonConfig cfg;
  cfg.inputs = {{unique_name("news.raw"), "json"}};
  cfg.output_topic = unique_name("news.normalized");
  cfg.dead_letter_topic = unique_name("news.deadletter");
  cfg.group_id = unique_name("newsflowd");
  return cfg;
}

// Creates the config's input and output topics with `partitions` and its dead-letter topic with
// one; returns the first error, or empty.
std::string create_topics(const DaemonConfig& cfg, int partitions) {
  for (const auto& in : cfg.inputs) {
    if (auto err = create_topic(in.name, partitions); !err.empty()) return err;
  }
  if (auto err = create_topic(cfg.output_topic, partitions); !err.empty()) return err;
  return create_topic(cfg.dead_letter_topic, 1);
}

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(bootstrap_servers().empty())
        << "no broker: run `ctest -L integration` (its fixture starts one), or start one with "
           "tests/kafka/broker.sh start DIR and set IT_KAFKA_BOOTSTRAP";
    work_ = test_work_dir();
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "[ integration ] broker logs: " << (broker_dir() / "broker.log").string() << "\n"
                << "[ integration ] test files (config, daemon log): " << work_.string() << "\n";
      for (const auto& log : daemon_logs_) {
        if (std::filesystem::exists(log)) std::cerr << file_tail(log);
      }
    }
  }

  // Creates a topic or fails the test.
  void topic(const std::string& name, int partitions) {
    const std::string err = create_topic(name, partitions);
    ASSERT_TRUE(err.empty()) << err;
  }

  std::filesystem::path daemon_log(const std::string& name) {
    daemon_logs_.push_back(work_ / name);
    return daemon_logs_.back();
  }

  std::filesystem::path work_;
  std::vector<std::filesystem::path> daemon_logs_;
};

// (a) Good JSON input: every item comes out once as a NormalizedArticle with the right fields and
// provenance, keyed by id; nothing goes to the dead-letter topic; SIGTERM exits 0.
TEST_F(DaemonTest, NormalizesJsonArticles) {
  constexpr int kPartitions = 3;
  constexpr int kCount = 24;
  DaemonConfig cfg = json_config();
  ASSERT_EQ(create_topics(cfg, kPartitions), "");

  std::map<std::string, Sample> samples;
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = 0; i < kCount; ++i) {
    Sample s = sample(i);
    if (i == 5) {  // an HTML body: tags dropped, entities decoded
      s.content_type = "text/html";
      s.body = "<p>Storm hits the <b>coast</b> &amp; islands.</p><p>Residents were evacuated.</p>";
    }
    if (i == 7) s.published_at = "2026-11-27T12:30:00+02:00";  // normalized to UTC "Z"
    kvs.emplace_back(s.id, s.json());
    samples[s.id] = s;
  }
  Producer producer;
  std::map<std::string, Record> inputs;
  for (auto& r : producer.produce(cfg.inputs[0].name, kvs)) inputs[*r.key] = r;

  Daemon daemon(write_config(work_, cfg), daemon_log("newsflowd.log"));
  Collector out(cfg.output_topic, kPartitions);
  const bool all = out.poll_until(
      [&](const std::vector<Record>& r) { return ids_of(r).size() >= static_cast<size_t>(kCount); },
      90s, &daemon);
  const int code = daemon.terminate(30s);
  ASSERT_TRUE(all) << "only " << ids_of(out.records()).size() << " of " << kCount
                   << " articles came out";
  EXPECT_EQ(code, 0) << "newsflowd must exit 0 on SIGTERM";

  const auto articles = decode_all(out.records());
  for (const auto& [id, s] : samples) {
    SCOPED_TRACE(id);
    auto it = articles.find(id);
    ASSERT_NE(it, articles.end());
    EXPECT_EQ(it->second.size(), 1u) << "no failure happened, so no duplicates are expected";
    const v1::NormalizedArticle& a = it->second.front();
    const Record& in = inputs.at(id);
    EXPECT_EQ(a.source(), s.source);
    EXPECT_EQ(a.url(), s.url);
    EXPECT_EQ(a.title(), s.title);
    EXPECT_EQ(a.language(), s.language);
    if (s.content_type == "text/html") {
      EXPECT_EQ(a.body().find('<'), std::string::npos) << a.body();
      EXPECT_NE(a.body().find("Storm hits the coast & islands."), std::string::npos) << a.body();
      EXPECT_NE(a.body().find("Residents were evacuated."), std::string::npos) << a.body();
    } else {
      EXPECT_EQ(a.body(), s.body);
    }
    if (s.published_at.back() == 'Z') {
      EXPECT_EQ(a.published_at(), s.published_at);
    } else {
      EXPECT_EQ(a.published_at(), "2026-11-27T10:30:00Z");
    }
    EXPECT_EQ(a.provenance().input_topic(), cfg.inputs[0].name);
    EXPECT_EQ(a.provenance().partition(), in.partition);
    EXPECT_EQ(a.provenance().offset(), in.offset);
    EXPECT_FALSE(a.provenance().normalizer_version().empty());
  }
  for (const auto& [p, wm] : watermarks(cfg.dead_letter_topic, 1)) {
    EXPECT_EQ(wm.second, 0) << "good input must not reach the dead-letter topic";
  }
}

// pipeline.transform none (the Kafka path alone, for the benchmark): every input's key and
// value come out unchanged on the articles topic, once each, through the exactly-once loop.
TEST_F(DaemonTest, TransformNoneForwardsEveryInputUnchanged) {
  constexpr int kPartitions = 3;
  constexpr int kCount = 60;
  DaemonConfig cfg = json_config();
  cfg.transform = "none";
  ASSERT_EQ(create_topics(cfg, kPartitions), "");
  auto kvs = samples(0, kCount);
  kvs.emplace_back("not-json", "{ this is no article");  // forwarded as is, no dead letter
  Producer producer;
  std::map<std::string, std::string> want;
  for (const auto& r : producer.produce(cfg.inputs[0].name, kvs)) want[*r.key] = r.value;

  Daemon daemon(write_config(work_, cfg), daemon_log("newsflowd.log"));
  Collector out(cfg.output_topic, kPartitions);
  const bool all = out.wait_for_count(want.size(), 90s, &daemon);
  out.poll_for(500ms);  // nothing more may follow
  EXPECT_EQ(daemon.terminate(30s), 0);
  ASSERT_TRUE(all) << out.records().size() << " of " << want.size() << " came out";
  EXPECT_EQ(out.records().size(), want.size()) << "each input exactly once";
  std::set<std::string> seen;
  for (const auto& r : out.records()) {
    ASSERT_TRUE(r.key.has_value());
    ASSERT_TRUE(want.count(*r.key)) << *r.key;
    EXPECT_EQ(r.value, want.at(*r.key)) << *r.key;
    EXPECT_TRUE(seen.insert(*r.key).second) << "duplicate " << *r.key;
  }
  for (const auto& [p, wm] : watermarks(cfg.dead_letter_topic, 1)) EXPECT_EQ(wm.second, 0);
}

// (b) Bad input goes to the dead-letter topic with its original bytes and the error headers, and
// the good messages around it still flow, in order.
TEST_F(DaemonTest, DeadLettersMalformedInput) {
  DaemonConfig cfg = json_config();
  cfg.max_message_bytes = 4096;
  ASSERT_EQ(create_topics(cfg, 1), "");

  Sample oversized = sample(100);
  oversized.id = "bad-oversized";
  for (int i = 0; i < 80; ++i)
    oversized.body += " The committee met again and adjourned without a vote.";
  ASSERT_GT(oversized.json().size(), 4096u);
  const std::vector<std::pair<std::string, std::string>> kvs = {
      {"good-1",
       [] {
         Sample s = sample(1);
         s.id = "good-1";
         return s.json();
       }()},
      {"bad-json", R"({"id":"bad-json","body":"unterminated string, )"},
      {"good-2",
       [] {
         Sample s = sample(2);
         s.id = "good-2";
         return s.json();
       }()},
      {"bad-utf8", std::string(R"({"id":"bad-utf8","title":"x","body":"caf)") +
                       "\xC3\x28 \xFF\xFE" +
                       R"( au lait","language":"fr","content_type":"text/plain"})"},
      {"good-3",
       [] {
         Sample s = sample(3);
         s.id = "good-3";
         return s.json();
       }()},
      {"bad-no-body",
       R"({"id":"bad-no-body","url":"https://news.example.org/x","title":"No body"})"},
      {"good-4",
       [] {
         Sample s = sample(4);
         s.id = "good-4";
         return s.json();
       }()},
      {"bad-oversized", oversized.json()},
      {"good-5",
       [] {
         Sample s = sample(5);
         s.id = "good-5";
         return s.json();
       }()},
  };
  Producer producer;
  const std::vector<Record> inputs = producer.produce(cfg.inputs[0].name, kvs, 0);

  Daemon daemon(write_config(work_, cfg), daemon_log("newsflowd.log"));
  Collector out(cfg.output_topic, 1);
  Collector dead(cfg.dead_letter_topic, 1);
  const bool outs = out.wait_for_count(5, 90s, &daemon);
  const bool deads = dead.wait_for_count(4, 30s, &daemon);
  // Anything extra (a duplicate, a bad message let through) would show up now.
  out.poll_for(1s);
  dead.poll_for(500ms);
  const int code = daemon.terminate(30s);
  ASSERT_TRUE(outs) << out.records().size() << " of 5 good articles came out";
  ASSERT_TRUE(deads) << dead.records().size() << " of 4 dead letters came out";
  EXPECT_EQ(code, 0);

  // Good ones: in input order, with their offsets.
  std::vector<std::string> good_ids;
  for (const auto& r : out.records()) {
    v1::NormalizedArticle a;
    ASSERT_TRUE(a.ParseFromString(r.value));
    good_ids.push_back(a.id());
    const auto in = std::find_if(inputs.begin(), inputs.end(),
                                 [&](const Record& i) { return *i.key == a.id(); });
    ASSERT_NE(in, inputs.end()) << a.id();
    EXPECT_EQ(a.provenance().offset(), in->offset) << a.id();
  }
  EXPECT_EQ(good_ids, (std::vector<std::string>{"good-1", "good-2", "good-3", "good-4", "good-5"}));

  // Bad ones: original bytes, reason, and where they came from.
  ASSERT_EQ(dead.records().size(), 4u);
  std::set<std::string> reasons;
  for (const auto& d : dead.records()) {
    const auto offset = d.header(kOffsetHeader);
    ASSERT_TRUE(offset.has_value()) << "dead letter without " << kOffsetHeader;
    const auto in = std::find_if(inputs.begin(), inputs.end(), [&](const Record& i) {
      return std::to_string(i.offset) == *offset;
    });
    ASSERT_NE(in, inputs.end()) << "dead letter for unknown offset " << *offset;
    SCOPED_TRACE(*in->key);
    EXPECT_EQ(in->key->rfind("bad-", 0), 0u) << "a good message was dead-lettered";
    EXPECT_EQ(d.value, in->value) << "the dead letter must carry the original bytes";
    EXPECT_EQ(d.header(kTopicHeader).value_or("<missing>"), cfg.inputs[0].name);
    EXPECT_EQ(d.header(kPartitionHeader).value_or("<missing>"), "0");
    const std::string reason = d.header(kErrorHeader).value_or("");
    EXPECT_FALSE(reason.empty()) << "dead letter without a reason";
    reasons.insert(reason);
    std::cerr << "[ integration ] " << *in->key << " -> " << kErrorHeader << ": " << reason << "\n";
  }
  EXPECT_GE(reasons.size(), 2u) << "different faults should give different reasons";
}

// Stops the first daemon with `signal` while input is still arriving, then restarts it:
// at-least-once. The offsets committed when the first run ended never run ahead of the output,
// every input has an output after the second run, and the committed offsets then cover
// everything produced.
void StopAndRestart(int signal, const std::filesystem::path& work,
                    const std::function<std::filesystem::path(const std::string&)>& daemon_log) {
  constexpr int kPartitions = 3;
  constexpr int kFirst = 150;
  constexpr int kSecond = 150;
  DaemonConfig cfg = json_config();
  // The at-least-once loop (kafka.delivery: at_least_once); exactly_once_test.cc checks the
  // transactional default under the same faults.
  cfg.delivery = "at_least_once";
  ASSERT_EQ(create_topics(cfg, kPartitions), "");

  std::vector<Record> inputs;
  {
    Producer producer;
    inputs = producer.produce(cfg.inputs[0].name, samples(0, kFirst));
  }

  const auto config = write_config(work, cfg);
  Collector out(cfg.output_topic, kPartitions);
  int first_code = -2;
  {
    Daemon first(config, daemon_log("newsflowd.1.log"));
    ASSERT_TRUE(out.wait_for_count(20, 90s, &first)) << "the daemon produced nothing";
    // Keep input arriving in small bursts while the daemon is stopped.
    std::vector<Record> second_inputs;
    std::string producer_error;
    std::thread feeder([&] {
      try {
        Producer producer;
        for (int i = 0; i < kSecond; i += 10) {
          for (auto& r : producer.produce(cfg.inputs[0].name, samples(kFirst + i, 10))) {
            second_inputs.push_back(std::move(r));
          }
          std::this_thread::sleep_for(20ms);
        }
      } catch (const std::exception& e) {
        producer_error = e.what();
      }
    });
    std::this_thread::sleep_for(150ms);
    first_code = first.stop(signal, 30s);
    feeder.join();
    ASSERT_TRUE(producer_error.empty()) << producer_error;
    inputs.insert(inputs.end(), second_inputs.begin(), second_inputs.end());
  }
  if (signal == SIGTERM) {
    EXPECT_EQ(first_code, 0) << "newsflowd must exit 0 on SIGTERM";
  } else {
    EXPECT_EQ(first_code, 128 + signal) << "the daemon was expected to die of the signal";
  }

  // What the first run committed must already be in the output topic.
  const auto committed1 = committed_offsets(cfg.group_id, cfg.inputs[0].name, kPartitions);
  int64_t committed_total = 0;
  for (const auto& [p, off] : committed1) committed_total += std::max<int64_t>(off, 0);
  if (signal == SIGTERM) {
    EXPECT_GT(committed_total, 0) << "SIGTERM must commit what was processed";
  }
  int64_t out_total = 0;
  for (const auto& [p, wm] : watermarks(cfg.output_topic, kPartitions))
    out_total += wm.second - wm.first;
  ASSERT_TRUE(out.wait_for_count(static_cast<size_t>(out_total), 30s));
  {
    const std::set<std::string> seen = ids_of(out.records());
    int uncovered = 0;
    for (const auto& in : inputs) {
      const int64_t c = committed1.at(in.partition);
      if (in.offset < c && !seen.count(*in.key)) ++uncovered;
    }
    EXPECT_EQ(uncovered, 0) << "committed offsets ran ahead of the output (at-least-once broken)";
    std::cerr << "[ integration ] first run (signal " << signal << ", exit " << first_code
              << "): " << seen.size() << " of " << inputs.size() << " articles out, "
              << committed_total << " offsets committed\n";
  }

  // Restart: everything comes out, and the commits catch up with the input.
  Daemon second(config, daemon_log("newsflowd.2.log"));
  const std::vector<std::string> missing = wait_for_all(out, inputs, 120s, &second);
  const int second_code = second.terminate(30s);
  EXPECT_EQ(second_code, 0);
  ASSERT_TRUE(missing.empty()) << missing.size() << " inputs never came out, e.g. "
                               << (missing.empty() ? "" : missing[0]);
  const auto committed2 = committed_offsets(cfg.group_id, cfg.inputs[0].name, kPartitions);
  for (const auto& [p, wm] : watermarks(cfg.inputs[0].name, kPartitions)) {
    EXPECT_EQ(committed2.at(p), wm.second) << "partition " << p << ": commits must cover all input";
  }
  const size_t duplicates = out.records().size() - inputs.size();
  ::testing::Test::RecordProperty("duplicates", static_cast<int>(duplicates));
  std::cerr << "[ integration ] " << inputs.size() << " inputs, " << out.records().size()
            << " outputs (" << duplicates << " duplicates after the restart)\n";
}

// (c) SIGTERM mid-stream: clean stop (flush, commit, exit 0), then a restart loses nothing.
TEST_F(DaemonTest, SigtermAndRestartLosesNothing) {
  StopAndRestart(SIGTERM, work_, [this](const std::string& n) { return daemon_log(n); });
}

// (d) SIGKILL mid-stream (a crash): no flush, no final commit; a restart still loses nothing,
// duplicates allowed.
TEST_F(DaemonTest, SigkillAndRestartLosesNothing) {
  StopAndRestart(SIGKILL, work_, [this](const std::string& n) { return daemon_log(n); });
}

// (e) The other input formats: plain text (the message is the body; the id is derived) and
// serialized RawArticle, from two input topics of one daemon. A truncated protobuf is
// dead-lettered with the topic it came from.
TEST_F(DaemonTest, TextAndProtobufInputs) {
  DaemonConfig cfg;
  cfg.inputs = {{unique_name("news.text"), "text"}, {unique_name("news.proto"), "protobuf"}};
  cfg.output_topic = unique_name("news.normalized");
  cfg.dead_letter_topic = unique_name("news.deadletter");
  cfg.group_id = unique_name("newsflowd");
  topic(cfg.inputs[0].name, 2);
  topic(cfg.inputs[1].name, 1);
  topic(cfg.output_topic, 2);
  topic(cfg.dead_letter_topic, 1);
  if (HasFatalFailure()) return;

  std::vector<std::pair<std::string, std::string>> texts;
  for (int i = 0; i < 4; ++i) texts.emplace_back("", sample(i).body);
  std::vector<std::pair<std::string, std::string>> protos;
  std::map<std::string, Sample> proto_samples;
  for (int i = 10; i < 13; ++i) {
    const Sample s = sample(i);
    v1::RawArticle raw;
    raw.set_id(s.id);
    raw.set_url(s.url);
    raw.set_source(s.source);
    raw.set_title(s.title);
    raw.set_body(s.body);
    raw.set_published_at(s.published_at);
    raw.set_language(s.language);
    raw.set_content_type(s.content_type);
    protos.emplace_back(s.id, raw.SerializeAsString());
    proto_samples[s.id] = s;
  }
  // Field 1 (id) announced with 16 bytes, only 5 present.
  protos.emplace_back("bad-proto", std::string("\x0a\x10short", 7));

  Producer producer;
  const auto text_inputs = producer.produce(cfg.inputs[0].name, texts);
  const auto proto_inputs = producer.produce(cfg.inputs[1].name, protos, 0);

  Daemon daemon(write_config(work_, cfg), daemon_log("newsflowd.log"));
  Collector out(cfg.output_topic, 2);
  Collector dead(cfg.dead_letter_topic, 1);
  const bool outs = out.wait_for_count(texts.size() + proto_samples.size(), 90s, &daemon);
  const bool deads = dead.wait_for_count(1, 30s, &daemon);
  out.poll_for(500ms);
  const int code = daemon.terminate(30s);
  ASSERT_TRUE(outs) << out.records().size() << " of " << texts.size() + proto_samples.size()
                    << " came out";
  ASSERT_TRUE(deads) << "the truncated protobuf was not dead-lettered";
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out.records().size(), texts.size() + proto_samples.size());

  size_t text_out = 0;
  for (const auto& [id, articles] : decode_all(out.records())) {
    SCOPED_TRACE(id);
    ASSERT_FALSE(id.empty()) << "every output has an id (derived when the input has none)";
    for (const auto& a : articles) {
      const auto& prov = a.provenance();
      if (prov.input_topic() == cfg.inputs[0].name) {
        ++text_out;
        const auto in = std::find_if(text_inputs.begin(), text_inputs.end(), [&](const Record& r) {
          return r.partition == prov.partition() && r.offset == prov.offset();
        });
        ASSERT_NE(in, text_inputs.end()) << "provenance points at no text input";
        EXPECT_EQ(a.body(), in->value);
        EXPECT_EQ(prov.input_format(), "text");
      } else {
        EXPECT_EQ(prov.input_topic(), cfg.inputs[1].name);
        ASSERT_TRUE(proto_samples.count(id)) << "unexpected article";
        const Sample& s = proto_samples.at(id);
        EXPECT_EQ(a.title(), s.title);
        EXPECT_EQ(a.body(), s.body);
        EXPECT_EQ(a.url(), s.url);
        EXPECT_EQ(a.published_at(), s.published_at);
        EXPECT_EQ(prov.input_format(), "protobuf");
        EXPECT_EQ(prov.partition(), 0);
      }
    }
  }
  EXPECT_EQ(text_out, texts.size());

  ASSERT_EQ(dead.records().size(), 1u);
  const Record& d = dead.records().front();
  EXPECT_EQ(d.value, protos.back().second);
  EXPECT_EQ(d.header(kTopicHeader).value_or("<missing>"), cfg.inputs[1].name);
  EXPECT_EQ(d.header(kOffsetHeader).value_or("<missing>"),
            std::to_string(proto_inputs.back().offset));
  EXPECT_FALSE(d.header(kErrorHeader).value_or("").empty());
}

}  // namespace
}  // namespace newsflow::it

namespace newsflow::it {
namespace {

// At-least-once: two daemons in one group while input keeps arriving: the second joins (partitions
// move to it), then the first leaves on SIGTERM (they move back). Each revocation leaves the
// revoked partitions' unprocessed messages to their next owner, which starts at the committed
// offsets, so every input comes out and the group's commits end at the end of every partition.
TEST_F(DaemonTest, RebalancesBetweenTwoInstancesLoseNothing) {
  constexpr int kPartitions = 4;
  DaemonConfig cfg = json_config();
  cfg.delivery = "at_least_once";
  ASSERT_EQ(create_topics(cfg, kPartitions), "");
  std::vector<Record> inputs;
  Producer producer;
  inputs = producer.produce(cfg.inputs[0].name, samples(0, 100));

  const auto config = write_config(work_, cfg);
  Collector out(cfg.output_topic, kPartitions);
  Daemon first(config, daemon_log("newsflowd.a.log"));
  ASSERT_TRUE(out.wait_for_count(20, 90s, &first)) << "the first daemon produced nothing";
  Daemon second(config, daemon_log("newsflowd.b.log"));
  // Feed while the group rebalances onto two members (about one session timeout).
  for (int i = 0; i < 10; ++i) {
    for (auto& r : producer.produce(cfg.inputs[0].name, samples(100 + 20 * i, 20))) {
      inputs.push_back(std::move(r));
    }
    std::this_thread::sleep_for(400ms);
  }
  EXPECT_EQ(first.terminate(30s), 0) << "the first daemon must leave the group cleanly";
  for (auto& r : producer.produce(cfg.inputs[0].name, samples(300, 50)))
    inputs.push_back(std::move(r));

  const std::vector<std::string> missing = wait_for_all(out, inputs, 120s, &second);
  ASSERT_TRUE(missing.empty()) << missing.size() << " of " << inputs.size()
                               << " inputs never came out, e.g. "
                               << (missing.empty() ? "" : missing[0]);
  // The survivor's commits reach the end of every partition.
  const auto ends = watermarks(cfg.inputs[0].name, kPartitions);
  const auto deadline = steady::now() + 30s;
  std::map<int32_t, int64_t> committed;
  while (steady::now() < deadline) {
    committed = committed_offsets(cfg.group_id, cfg.inputs[0].name, kPartitions);
    bool caught_up = true;
    for (const auto& [p, wm] : ends) caught_up &= committed.at(p) == wm.second;
    if (caught_up) break;
    std::this_thread::sleep_for(200ms);
  }
  for (const auto& [p, wm] : ends) EXPECT_EQ(committed.at(p), wm.second) << "partition " << p;
  EXPECT_EQ(second.terminate(30s), 0);
  std::cerr << "[ integration ] rebalance: " << inputs.size() << " inputs, " << out.records().size()
            << " outputs (" << out.records().size() - inputs.size() << " duplicates)\n";
}

}  // namespace
}  // namespace newsflow::it

namespace newsflow::it {
namespace {

// A missing output topic is a start-up error with a clear message, not minutes of delivery
// timeouts (the test broker does not auto-create topics).
TEST_F(DaemonTest, MissingOutputTopicFailsFastAtStart) {
  DaemonConfig cfg = json_config();
  cfg.output_topic = unique_name("never.created");
  topic(cfg.inputs[0].name, 1);
  topic(cfg.dead_letter_topic, 1);
  Daemon daemon(write_config(work_, cfg), daemon_log("newsflowd.log"));
  const auto started = steady::now();
  EXPECT_EQ(daemon.wait(30s), 1);
  EXPECT_LT(steady::now() - started, 20s);
  EXPECT_NE(daemon.log_tail().find("topic " + cfg.output_topic + " does not exist"),
            std::string::npos)
      << daemon.log_tail();
}

}  // namespace
}  // namespace newsflow::it
