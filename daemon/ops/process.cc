#include "daemon/ops/process.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace newsflow::ops {

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return -1;
  long page = sysconf(_SC_PAGESIZE);
  return page > 0 ? resident_pages * page : -1;
}

std::string ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace newsflow::ops
