#include "daemon/ops/systemd.h"

#include <systemd/sd-daemon.h>

#include <mutex>

namespace newsflow::ops {

void NotifyReady(const std::string& status) { sd_notifyf(0, "READY=1\nSTATUS=%s", status.c_str()); }

void NotifyStatus(const std::string& status) { sd_notifyf(0, "STATUS=%s", status.c_str()); }

void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

void NotifyWatchdog() {
  static std::once_flag once;
  static uint64_t interval_us = 0;
  static std::chrono::steady_clock::time_point last{};
  std::call_once(once, [] {
    if (sd_watchdog_enabled(0, &interval_us) <= 0) interval_us = 0;
  });
  if (interval_us == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last >= std::chrono::microseconds(interval_us / 2)) {
    last = now;
    sd_notify(0, "WATCHDOG=1");
  }
}

}  // namespace newsflow::ops
