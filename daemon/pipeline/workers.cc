#include "daemon/pipeline/workers.h"

#include <sched.h>

namespace newsflow::pipeline {

namespace {
// A slot whose record grew past this (a near-limit article) is freed after its batch, so that
// one flood does not keep its memory in every slot for the life of the process.
constexpr size_t kKeepRecordBytes = size_t{1} << 20;
}  // namespace

struct BatchWorkers::Slot {
  newsflow::v1::NormalizedArticle record;
  Rejection why;
  bool ok = false;
  std::atomic<bool> done{false};
};

int UsableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  const int n = CPU_COUNT(&set);
  return n > 0 ? n : 1;
}

BatchWorkers::BatchWorkers(const Normalizer& normalizer, int threads) : normalizer_(normalizer) {
  if (threads <= 0) threads = UsableCores();
  for (int t = 1; t < threads; ++t) threads_.emplace_back([this] { WorkerLoop(); });
}

BatchWorkers::~BatchWorkers() {
  stop_.store(true, std::memory_order_relaxed);
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  for (auto& t : threads_) t.join();
}

void BatchWorkers::WorkerLoop() {
  // 0, not generation_.load(): a thread that starts after the first batch was published must
  // still take part in it (the caller waits for every thread to leave each batch).
  uint64_t seen = 0;
  for (;;) {
    generation_.wait(seen, std::memory_order_acquire);
    seen = generation_.load(std::memory_order_acquire);
    if (stop_.load(std::memory_order_relaxed)) return;
    while (ClaimAndWork()) {
    }
    if (busy_.fetch_sub(1, std::memory_order_acq_rel) == 1) busy_.notify_all();
  }
}

bool BatchWorkers::ClaimAndWork() {
  const size_t i = next_.fetch_add(1, std::memory_order_relaxed);
  if (i >= batch_.size()) return false;
  Work(i);
  return true;
}

void BatchWorkers::Work(size_t i) {
  Slot& s = *slots_[i];
  s.ok = normalizer_.Normalize(batch_[i], s.record, s.why);
  s.done.store(true, std::memory_order_release);
  s.done.notify_one();
}

void BatchWorkers::Process(std::span<const RawMessage> batch, Sink& sink) {
  if (threads_.empty()) {
    normalizer_.ProcessBatch(batch, sink);
    return;
  }
  const size_t n = batch.size();
  while (slots_.size() < n) slots_.push_back(std::make_unique<Slot>());
  for (size_t i = 0; i < n; ++i) slots_[i]->done.store(false, std::memory_order_relaxed);
  batch_ = batch;
  next_.store(0, std::memory_order_relaxed);
  busy_.store(static_cast<int>(threads_.size()), std::memory_order_relaxed);
  generation_.fetch_add(1, std::memory_order_release);  // publishes batch_, slots_, next_
  generation_.notify_all();

  for (size_t emitted = 0; emitted < n;) {
    Slot& s = *slots_[emitted];
    if (!s.done.load(std::memory_order_acquire)) {
      // Rather than wait for the next result in order, normalize one still unclaimed.
      if (ClaimAndWork()) continue;
      s.done.wait(false, std::memory_order_acquire);
    }
    if (s.ok) {
      sink.Publish(batch[emitted], s.record);
    } else {
      sink.Reject(batch[emitted], s.why);
    }
    if (s.record.body().capacity() > kKeepRecordBytes) s.record = newsflow::v1::NormalizedArticle();
    ++emitted;
  }
  // Every thread must be out of this batch before the caller may free or reuse it.
  for (int b = busy_.load(std::memory_order_acquire); b != 0;
       b = busy_.load(std::memory_order_acquire)) {
    busy_.wait(b, std::memory_order_acquire);
  }
  batch_ = {};
}

}  // namespace newsflow::pipeline
