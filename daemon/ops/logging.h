#pragma once
// Logging: one named spdlog logger per module ("main", "kafka", "rdkafka", "pipeline"),
// text or JSON lines on stderr (journald and kubectl logs both read stderr).
// Call SetupLogging once at start, before any thread that logs; Logger() is thread-safe.

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace newsflow::ops {

// level: trace|debug|info|warn|error|off; format: text|json. Returns false on a bad value.
bool SetupLogging(const std::string& level, const std::string& format);

// The named logger, created on first use with the configured sinks and level.
std::shared_ptr<spdlog::logger> Logger(const std::string& name);

// Rate limit for per-message log lines: at most `burst` lines per `interval`; the first line
// after a quiet period reports how many were suppressed. Thread-safe; one instance per call site.
class LogLimiter {
 public:
  LogLimiter(int burst, std::chrono::milliseconds interval) : burst_(burst), interval_(interval) {}
  // True when this line may be logged; `suppressed` is set to the count dropped before it.
  bool Allow(uint64_t& suppressed);

 private:
  std::mutex mu_;
  int burst_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point window_start_{};
  int in_window_ = 0;
  uint64_t suppressed_ = 0;
};

// JSON string escaping for the JSON log format and other hand-built JSON.
std::string JsonEscape(std::string_view s);

}  // namespace newsflow::ops
