#pragma once
// Health: what /healthz and /readyz answer, and whether systemd's watchdog is fed. The main
// loop reports progress (Beat) and its state; the HTTP thread reads both.
//
// Alive: a Beat within the stall timeout. The loop beats after every poll window (at most
// kafka.*_max_ms, also when idle), every record of a batch and every retry of a client call,
// so only a loop stuck inside one call for the whole timeout is "stalled".
// Ready: the state is kReady (models loaded, producer initialized, group joined or replay
// range assigned); kStarting, kDraining and kFenced are not.
//
// Thread safety: all members are atomics.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace newsflow::ops {

class Health {
 public:
  enum class State : int { kStarting, kReady, kDraining, kFenced };

  explicit Health(std::chrono::milliseconds stall_timeout) : stall_timeout_(stall_timeout) {
    Beat();
  }

  void Beat() { last_beat_ns_.store(Now(), std::memory_order_relaxed); }
  void Set(State s) { state_.store(static_cast<int>(s), std::memory_order_relaxed); }
  State state() const { return static_cast<State>(state_.load(std::memory_order_relaxed)); }

  bool Alive() const { return SinceBeat() < stall_timeout_; }
  bool Ready() const { return state() == State::kReady && Alive(); }
  std::chrono::milliseconds SinceBeat() const {
    return std::chrono::milliseconds((Now() - last_beat_ns_.load(std::memory_order_relaxed)) /
                                     1000000);
  }
  std::chrono::milliseconds stall_timeout() const { return stall_timeout_; }

 private:
  static int64_t Now() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  const std::chrono::milliseconds stall_timeout_;
  std::atomic<int64_t> last_beat_ns_{0};
  std::atomic<int> state_{static_cast<int>(State::kStarting)};
};

const char* StateName(Health::State s);

}  // namespace newsflow::ops
