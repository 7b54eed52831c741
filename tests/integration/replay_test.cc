// `newsflowd replay` on a real broker: ranges by time and by offset give the live records again
// (but for provenance.backfill), an interrupted backfill resumes exactly once, later messages
// stay out, and bad arguments are usage errors.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon/ops/logging.h"
#include "daemon/pipeline/outputs.h"
#include "proto/newsflow/v1/article.pb.h"
#include "tests/integration/kafka_harness.h"

namespace newsflow::it {
namespace {

std::vector<std::pair<std::string, std::string>> items(int from, int n) {
  static const char* kBodies[] = {
      "The harbour authority of Lisbon said on Monday that repairs would start in May. \"We are "
      "ready,\" said Ana Reyes, its director.",
      "Storms closed roads near Nairobi, officials said. \"Stay at home,\" the police told "
      "residents.",
      "Northwind Shipping opened an office in Hamburg, its chief executive Tomas Berg said.",
  };
  std::vector<std::pair<std::string, std::string>> kvs;
  for (int i = from; i < from + n; ++i) {
    const std::string id = "rp-" + std::to_string(i);
    kvs.emplace_back(id, "{\"id\":\"" + id + "\",\"body\":\"" +
                             ops::JsonEscape(std::string(kBodies[i % 3]) + " (Item " +
                                             std::to_string(i) + ".)") +
                             "\"}");
  }
  return kvs;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(bootstrap_servers().empty()) << "no broker (ctest -L integration starts one)";
    work_ = test_work_dir();
    cfg_.inputs = {{unique_name("raw"), "json"}};
    cfg_.output_topic = unique_name("normalized");
    cfg_.dead_letter_topic = unique_name("deadletter");
    cfg_.group_id = unique_name("live");
    cfg_.models = true;
  }

  void TearDown() override {
    if (HasFailure()) {
      for (const auto& log : logs_) {
        if (std::filesystem::exists(log)) std::cerr << file_tail(log, 25);
      }
    }
  }

  void topics(int partitions) {
    partitions_ = partitions;
    ASSERT_EQ(create_topic(cfg_.inputs[0].name, partitions), "");
    ASSERT_EQ(create_topic(cfg_.output_topic, partitions), "");
    ASSERT_EQ(create_topic(cfg_.dead_letter_topic, 1), "");
    config_ = write_config(work_, cfg_);
  }

  std::string output(const std::string& prefix) {
    std::string t = unique_name(prefix);
    EXPECT_EQ(create_topic(t, partitions_), "");
    return t;
  }

  // newsflowd replay with `args` after --config; returns the exit status.
  int replay(const std::vector<std::string>& args, const std::string& log_name,
             std::chrono::milliseconds timeout = 180s) {
    Daemon d(command(args), log(log_name));
    return d.wait(timeout);
  }

  std::vector<std::string> command(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"replay", "--config", config_.string()};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  std::filesystem::path log(const std::string& name) {
    logs_.push_back(work_ / name);
    return logs_.back();
  }

  std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  // Reads `topic` until `n` records came (read_committed), then a little longer.
  std::vector<Record> collect(const std::string& topic, size_t n) {
    Collector c(topic, partitions_);
    c.wait_for_count(n, 120s);
    c.poll_for(1s);
    return c.records();
  }

  DaemonConfig cfg_;
  std::filesystem::path work_, config_;
  std::vector<std::filesystem::path> logs_;
  int partitions_ = 1;
};

// Byte for byte: a replayed record is the live record plus provenance.backfill.
void expect_same_as_live(const std::vector<Record>& replayed,
                         const std::map<std::string, std::string>& live_by_id,
                         const std::string& group_prefix) {
  for (const auto& r : replayed) {
    v1::NormalizedArticle a;
    ASSERT_TRUE(a.ParseFromString(r.value));
    EXPECT_EQ(a.provenance().backfill().rfind(group_prefix, 0), 0u) << a.provenance().backfill();
    a.mutable_provenance()->clear_backfill();
    std::string bytes;
    pipeline::SerializeDeterministic(a, bytes);
    auto it = live_by_id.find(a.id());
    ASSERT_NE(it, live_by_id.end()) << a.id() << " has no live record";
    EXPECT_EQ(bytes, it->second) << a.id() << ": the replayed record differs from the live one";
    EXPECT_EQ(r.key, a.id());
  }
}

TEST_F(ReplayTest, RangesByTimeAndByOffsetGiveTheLiveRecordsAgain) {
  topics(3);
  Producer producer;
  producer.produce(cfg_.inputs[0].name, items(0, 60));
  // Timestamps are the producer's clock: a millisecond apart is enough to separate the phases.
  std::this_thread::sleep_for(20ms);
  const int64_t t1 = now_ms();
  std::this_thread::sleep_for(20ms);
  auto middle = producer.produce(cfg_.inputs[0].name, items(60, 90));
  std::this_thread::sleep_for(20ms);
  const int64_t t2 = now_ms();
  std::this_thread::sleep_for(20ms);
  producer.produce(cfg_.inputs[0].name, items(150, 50));

  // The live daemon over everything.
  std::map<std::string, std::string> live;
  {
    Daemon d(config_, log("live.log"));
    for (const auto& r : collect(cfg_.output_topic, 200)) {
      v1::NormalizedArticle a;
      ASSERT_TRUE(a.ParseFromString(r.value));
      live[a.id()] = r.value;
    }
    EXPECT_EQ(d.terminate(30s), 0);
  }
  ASSERT_EQ(live.size(), 200u);

  // By time: exactly the middle phase.
  const std::string by_time = output("by-time");
  ASSERT_EQ(replay({"--from", rfc3339(t1), "--to", rfc3339(t2), "--output-topic", by_time},
                   "replay-time.log"),
            0);
  const auto timed = collect(by_time, middle.size());
  EXPECT_EQ(timed.size(), middle.size());
  std::set<std::string> want, got;
  for (const auto& r : middle) want.insert(*r.key);
  for (const auto& r : timed) got.insert(*r.key);
  EXPECT_EQ(got, want);
  expect_same_as_live(timed, live, "newsflowd-replay-");
  size_t live_bytes = 0, replay_bytes = 0;
  for (const auto& r : timed) {
    replay_bytes += r.value.size();
    live_bytes += live.at(*r.key).size();
  }
  std::cerr << "[ integration ] replay by time: " << timed.size() << " records, " << replay_bytes
            << " bytes (live: " << live_bytes << " + the backfill field)\n";

  // By offsets: [10, 30) of every partition.
  const std::string by_offset = output("by-offset");
  ASSERT_EQ(replay({"--from", "0:10,1:10,2:10", "--to", "0:30,1:30,2:30", "--output-topic",
                    by_offset, "--group", "replay-by-offset-" + std::to_string(::getpid())},
                   "replay-offsets.log"),
            0);
  const auto ranged = collect(by_offset, 60);
  EXPECT_EQ(ranged.size(), 60u);
  for (const auto& r : ranged) {
    v1::NormalizedArticle a;
    ASSERT_TRUE(a.ParseFromString(r.value));
    EXPECT_GE(a.provenance().offset(), 10);
    EXPECT_LT(a.provenance().offset(), 30);
  }
  expect_same_as_live(ranged, live, "replay-by-offset-");

  // Twice the same range: byte-identical output.
  const std::string again = output("again");
  ASSERT_EQ(replay({"--from", "0:10,1:10,2:10", "--to", "0:30,1:30,2:30", "--output-topic", again,
                    "--group", "replay-by-offset-" + std::to_string(::getpid()) + "-x"},
                   "replay-again.log"),
            0);
  std::map<std::string, std::string> first, second;
  for (const auto& r : ranged) first[*r.key] = r.value;
  for (const auto& r : collect(again, 60)) second[*r.key] = r.value;
  ASSERT_EQ(first.size(), second.size());
  for (const auto& [id, v] : first) {
    v1::NormalizedArticle a, b;
    ASSERT_TRUE(a.ParseFromString(v));
    ASSERT_TRUE(b.ParseFromString(second.at(id)));
    EXPECT_EQ(a.provenance().backfill(), "replay-by-offset-" + std::to_string(::getpid()));
    a.mutable_provenance()->clear_backfill();
    b.mutable_provenance()->clear_backfill();
    std::string x, y;
    pipeline::SerializeDeterministic(a, x);
    pipeline::SerializeDeterministic(b, y);
    EXPECT_EQ(x, y) << id;
  }
}

// SIGKILL twice mid-backfill, then the same command again: each input once in the target.
TEST_F(ReplayTest, InterruptedTwiceAndResumedGivesEachInputOnce) {
  // Transactions of 10 messages: a whole replay of 3,000 now takes ~0.3 s at the default 500, so
  // it could finish before the SIGKILL meant to interrupt it.
  cfg_.transaction_max_messages = 10;
  topics(4);
  Producer producer;
  auto inputs = producer.produce(cfg_.inputs[0].name, items(0, 3000));
  const std::string target = output("target");
  const std::vector<std::string> args = {"--from", "earliest",       "--to",
                                         "latest", "--output-topic", target};
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> at(300, 2500);
  std::vector<int> points = {at(rng), at(rng)};
  std::sort(points.begin(), points.end());
  Collector progress(target, partitions_);
  for (size_t i = 0; i < points.size(); ++i) {
    Daemon d(command(args), log("replay." + std::to_string(i) + ".log"));
    ASSERT_TRUE(progress.wait_for_count(static_cast<size_t>(points[i]), 120s, &d)) << d.log_tail();
    EXPECT_EQ(d.stop(SIGKILL, 10s), 128 + SIGKILL);
  }
  // More input after the interruptions: the resumed replay keeps the range of its first run.
  producer.produce(cfg_.inputs[0].name, items(3000, 100));
  EXPECT_EQ(replay(args, "replay.final.log"), 0);
  const std::string final_log = read(work_ / "replay.final.log");
  EXPECT_NE(final_log.find("resuming at offset"), std::string::npos) << final_log;
  std::map<std::string, int> count;
  for (const auto& r : collect(target, inputs.size())) ++count[*r.key];
  size_t missing = 0, duplicates = 0;
  for (const auto& in : inputs) {
    const int n = count[*in.key];
    missing += n == 0;
    duplicates += n > 1 ? static_cast<size_t>(n - 1) : 0;
  }
  EXPECT_EQ(missing, 0u);
  EXPECT_EQ(duplicates, 0u);
  EXPECT_EQ(count.size(), inputs.size()) << "records beyond the range";
  std::cerr << "[ integration ] replay with SIGKILL at " << points[0] << " and " << points[1]
            << ": " << inputs.size() << " inputs, " << missing << " missing, " << duplicates
            << " duplicates\n";
}

// The range is fixed at start; an empty partition and a range that begins before the log start
// each get a clear note; the run ends by itself.
TEST_F(ReplayTest, LaterMessagesEmptyPartitionsAndTheLogStart) {
  topics(3);
  Producer producer;
  std::vector<Record> inputs;
  for (int p = 0; p < 2; ++p) {
    auto r = producer.produce(cfg_.inputs[0].name, items(p * 2000, 2000), p);
    inputs.insert(inputs.end(), r.begin(), r.end());
  }
  ASSERT_EQ(delete_records_before(cfg_.inputs[0].name, 0, 20), "");
  const std::string target = output("target");
  Daemon d(command({"--from", "0:0,1:0", "--to", "latest", "--output-topic", target}),
           log("replay.log"));
  Collector out(target, partitions_);
  ASSERT_TRUE(out.wait_for_count(1, 120s, &d)) << d.log_tail();
  // The range was resolved before the first record came out: these are not part of it.
  producer.produce(cfg_.inputs[0].name, items(9000, 50), 1);
  EXPECT_EQ(d.wait(180s), 0) << d.log_tail();
  out.poll_for(1500ms);
  EXPECT_EQ(out.records().size(), 4000u - 20u);
  for (const auto& r : out.records()) {
    EXPECT_LT(std::stoi(r.key->substr(3)), 9000) << "a message produced after the start";
  }
  const std::string text = read(work_ / "replay.log");
  EXPECT_NE(text.find("before the log start 20"), std::string::npos) << text;
  EXPECT_NE(text.find("[2]: nothing in the range"), std::string::npos) << text;
}

TEST_F(ReplayTest, DryRunProgressAndBadArguments) {
  topics(2);
  Producer producer;
  producer.produce(cfg_.inputs[0].name, items(0, 400));
  const std::string target = output("target");
  // --dry-run: the plan, nothing produced.
  {
    const auto path = log("dry.log");
    Daemon d(
        command({"--from", "earliest", "--to", "latest", "--output-topic", target, "--dry-run"}),
        path);
    EXPECT_EQ(d.wait(60s), 0);
    const std::string text = read(path);
    EXPECT_NE(text.find("total: 400 records, 0 already done"), std::string::npos) << text;
    EXPECT_NE(text.find(cfg_.inputs[0].name), std::string::npos) << text;
    Collector c(target, partitions_);
    c.poll_for(1s);
    EXPECT_TRUE(c.records().empty()) << "--dry-run produced records";
  }
  // Bad arguments: status 2 and a message, before anything runs.
  const std::vector<std::vector<std::string>> bad = {
      {"--from", "2026-03-02T00:00:00Z", "--to", "2026-03-01T00:00:00Z"},
      {"--from", "earliest", "--to", "latest", "--topic", unique_name("no-such-topic")},
      {"--from", "yesterdayT", "--to", "latest"},
      {"--from", "0:5", "--to", "0:2"},
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    const auto path = log("bad." + std::to_string(i) + ".log");
    Daemon d(command(bad[i]), path);
    EXPECT_EQ(d.wait(60s), 2) << read(path);
    EXPECT_NE(read(path).find("newsflowd replay: "), std::string::npos) << read(path);
  }
  // Plain progress (stderr is a file here): progress lines and a summary.
  {
    const auto path = log("plain.log");
    Daemon d(command({"--from", "earliest", "--to", "latest", "--output-topic", target}), path);
    EXPECT_EQ(d.wait(120s), 0);
    const std::string text = read(path);
    EXPECT_NE(text.find("replay: 400 of 400 records done"), std::string::npos) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << "no terminal control in plain mode";
  }
  // On a terminal (script(1) gives the command one): a bar redrawn with \r, rate and ETA.
  {
    const auto path = work_ / "tty.log";
    std::string cmd = "script -qfec '" + daemon_path();
    for (const auto& a : command({"--from", "earliest", "--to", "latest", "--output-topic",
                                  output("tty"), "--group", unique_name("tty")})) {
      cmd += " " + a;
    }
    cmd += "' /dev/null > " + path.string() + " 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << read(path);
    const std::string text = read(path);
    EXPECT_NE(text.find('\r'), std::string::npos) << text;
    EXPECT_NE(text.find("ETA"), std::string::npos) << text;
    EXPECT_NE(text.find("] 400 / 400 records"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace newsflow::it
