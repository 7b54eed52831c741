#pragma once
// BatchWorkers: one batch normalized on several cores, results delivered in input order.
//
//   BatchWorkers workers(normalizer, /*threads=*/0);   // 0 = one per core the process may use
//   workers.Process(batch, sink);                        // like Normalizer::ProcessBatch
//
// The calling thread is one of the workers and the only one that calls the Sink: it hands
// out the batch's results in input order as soon as each next one is ready, and normalizes
// messages itself while the next one is not. So a Sink needs no locking (the Kafka loop's
// producer calls stay on its own thread), per-partition order and offsets are unchanged, and
// a batch still yields exactly one Publish or Reject per message. Work is bounded by the batch
// (the caller's count and byte limits): nothing queues beyond it, so a slow stage holds the
// next poll back instead of growing memory.
//
// Lifecycle: threads start in the constructor and wait for batches; the destructor joins
// them. Thread safety: Process() is called by one thread at a time.

#include <atomic>
#include <memory>
#include <span>
#include <thread>
#include <vector>

#include "daemon/pipeline/normalizer.h"

namespace newsflow::pipeline {

// Cores this process may run on (its CPU affinity mask; 1 when unknown). A CPU quota (a
// Kubernetes limit) is not a mask: set pipeline.workers to the quota there.
int UsableCores();

class BatchWorkers {
 public:
  // `threads` = workers including the caller; 0 = UsableCores(). 1 = no extra threads.
  BatchWorkers(const Normalizer& normalizer, int threads);
  ~BatchWorkers();
  BatchWorkers(const BatchWorkers&) = delete;
  BatchWorkers& operator=(const BatchWorkers&) = delete;

  void Process(std::span<const RawMessage> batch, Sink& sink);

  int threads() const { return static_cast<int>(threads_.size()) + 1; }

 private:
  struct Slot;
  void WorkerLoop();
  void Work(size_t i);
  bool ClaimAndWork();

  const Normalizer& normalizer_;
  std::vector<std::thread> threads_;
  std::vector<std::unique_ptr<Slot>> slots_;  // reused across batches
  std::span<const RawMessage> batch_;
  std::atomic<size_t> next_{0};          // next message to claim
  std::atomic<uint64_t> generation_{0};  // bumped per batch (and to stop)
  std::atomic<int> busy_{0};             // threads still inside the current batch
  std::atomic<bool> stop_{false};
};

}  // namespace newsflow::pipeline
