#include "daemon/pipeline/workers.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace newsflow::pipeline {
namespace {

// Records what a Sink sees, and on which thread: BatchWorkers promises the caller's only.
class RecordingSink final : public Sink {
 public:
  void Publish(const RawMessage& origin, const newsflow::v1::NormalizedArticle& record) override {
    Seen(origin);
    lines.push_back("ok:" + std::to_string(origin.offset) + ":" + record.SerializeAsString());
  }
  void Reject(const RawMessage& origin, const Rejection& why) override {
    Seen(origin);
    lines.push_back("bad:" + std::to_string(origin.offset) + ":" + why.Describe());
  }
  void Seen(const RawMessage&) {
    if (std::this_thread::get_id() != caller) ++calls_off_caller;
  }
  std::thread::id caller = std::this_thread::get_id();
  int calls_off_caller = 0;
  std::vector<std::string> lines;
};

extract::Extractor NoModels() {
  auto ex = extract::Extractor::Load({});
  EXPECT_TRUE(ex.ok());
  return std::move(ex).value();
}

// Bodies of very different lengths (so workers finish out of order), every third one rejected.
std::vector<std::string> Values(int n, int seed) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) {
    if ((i + seed) % 3 == 0) {
      v.push_back(R"({"id":"x)" + std::to_string(i) + R"("})");  // missing_body
      continue;
    }
    std::string body;
    const int sentences = 1 + ((i * 7919 + seed) % 40);
    for (int s = 0; s < sentences; ++s) {
      body += "Mayor Ann Lee of Springfield said \\\"we will build " + std::to_string(s) +
              " bridges\\\" on Monday. ";
    }
    v.push_back(R"({"id":"a)" + std::to_string(i) + R"(","body":")" + body + R"("})");
  }
  return v;
}

std::vector<RawMessage> Batch(const std::vector<std::string>& values, int64_t first_offset) {
  std::vector<RawMessage> batch;
  for (size_t i = 0; i < values.size(); ++i) {
    RawMessage m;
    m.topic = "news.raw";
    m.partition = 0;
    m.offset = first_offset + static_cast<int64_t>(i);
    m.value = values[i];
    batch.push_back(m);
  }
  return batch;
}

TEST(BatchWorkers, SameResultsInInputOrderOnTheCallerWhateverTheThreadCount) {
  auto ex = NoModels();
  Normalizer n(
      ex,
      {.decode = {}, .normalizer_version = "1", .backfill = "", .budget = {}, .observer = nullptr});
  // Reference: the single-threaded Normalizer.
  RecordingSink expected;
  std::vector<std::vector<std::string>> batches;
  for (int b = 0; b < 12; ++b) batches.push_back(Values(b % 4 == 3 ? 1 : 37 + b, b));
  for (size_t b = 0; b < batches.size(); ++b) {
    n.ProcessBatch(Batch(batches[b], static_cast<int64_t>(b) * 1000), expected);
  }
  ASSERT_GT(expected.lines.size(), 300u);

  for (int threads : {1, 2, 3, 8}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    BatchWorkers workers(n, threads);
    EXPECT_EQ(workers.threads(), threads);
    RecordingSink got;
    // The same workers across many batches: slots and threads are reused.
    for (size_t b = 0; b < batches.size(); ++b) {
      workers.Process(Batch(batches[b], static_cast<int64_t>(b) * 1000), got);
    }
    EXPECT_EQ(got.calls_off_caller, 0);
    EXPECT_EQ(got.lines, expected.lines);
  }
}

TEST(BatchWorkers, EmptyBatchAndZeroMeansEveryUsableCore) {
  auto ex = NoModels();
  Normalizer n(
      ex,
      {.decode = {}, .normalizer_version = "1", .backfill = "", .budget = {}, .observer = nullptr});
  BatchWorkers workers(n, 0);
  EXPECT_EQ(workers.threads(), UsableCores());
  RecordingSink sink;
  workers.Process({}, sink);
  EXPECT_TRUE(sink.lines.empty());
  const auto values = Values(5, 1);
  workers.Process(Batch(values, 0), sink);
  EXPECT_EQ(sink.lines.size(), 5u);
}

// Threads that have not started yet when the first batch is published still join in (and the
// caller does not return while any thread may still touch the batch): run many short-lived pools.
TEST(BatchWorkers, ShortLivedPoolsNeitherHangNorTouchAFinishedBatch) {
  auto ex = NoModels();
  Normalizer n(
      ex,
      {.decode = {}, .normalizer_version = "1", .backfill = "", .budget = {}, .observer = nullptr});
  for (int round = 0; round < 200; ++round) {
    BatchWorkers workers(n, 4);
    RecordingSink sink;
    {
      const auto values = Values(3, round);
      workers.Process(Batch(values, 0), sink);
    }  // the batch's storage is gone here; a late worker reading it would be caught by ASan
    ASSERT_EQ(sink.lines.size(), 3u);
  }
}

}  // namespace
}  // namespace newsflow::pipeline
