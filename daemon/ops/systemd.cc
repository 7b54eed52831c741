#include "daemon/ops/systemd.h"

#include <systemd/sd-daemon.h>

#include <mutex>

namespace newsflow::ops {

void NotifyReady(const std::string& status) { sd_notifyf(0, "READY=1\nSTATUS=%s", status.c_str()); }

void NotifyStatus(const std::string& status) { sd_notifyf(0, "STATUS=%s", status.c_str()); }

void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

void NotifyWatchdog() {
  static std::mutex mu;
  static std::chrono::steady_clock::time_point last{};
  // Read each time (two getenv calls): cheap at the loop's rate, and right after a test or an
  // embedder sets the environment.
  uint64_t interval_us = 0;
  if (sd_watchdog_enabled(0, &interval_us) <= 0 || interval_us == 0) return;
  std::lock_guard<std::mutex> lock(mu);
  auto now = std::chrono::steady_clock::now();
  if (now - last >= std::chrono::microseconds(interval_us / 2)) {
    last = now;
    sd_notify(0, "WATCHDOG=1");
  }
}

}  // namespace newsflow::ops
