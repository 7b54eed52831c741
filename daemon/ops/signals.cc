#include "daemon/ops/signals.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace newsflow::ops {
namespace {

std::atomic<int> g_stops{0};
static_assert(std::atomic<int>::is_always_lock_free);

void OnSignal(int) {
  if (g_stops.fetch_add(1) >= 1) _exit(130);
}

}  // namespace

void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  // A closed stdout (e.g. `newsflowd normalize | head`) must not kill the process mid-write.
  signal(SIGPIPE, SIG_IGN);
}

bool StopRequested() { return g_stops.load(std::memory_order_relaxed) > 0; }

void RequestStop() { g_stops.fetch_add(1); }

}  // namespace newsflow::ops
