#pragma once
// systemd notification (Type=notify): READY=1 once consuming, STATUS= lines, WATCHDOG=1 pings,
// STOPPING=1 on shutdown. All calls are no-ops when not started by systemd (no NOTIFY_SOCKET).

#include <chrono>
#include <string>

namespace newsflow::ops {

void NotifyReady(const std::string& status);
void NotifyStatus(const std::string& status);
void NotifyStopping();
// Sends WATCHDOG=1 when the unit has WatchdogSec= and half its interval has passed.
void NotifyWatchdog();

}  // namespace newsflow::ops
