#pragma once
// Facts about the running process for start-up log lines: how much memory loading the models
// took is the first question when a pod is killed for memory.

#include <cstdint>
#include <string>

namespace newsflow::ops {

// Resident set size of this process in bytes (from /proc/self/statm); -1 where unavailable.
int64_t ResidentBytes();

// Directory holding the running executable (from /proc/self/exe); "" where unavailable.
std::string ExecutableDir();

}  // namespace newsflow::ops
