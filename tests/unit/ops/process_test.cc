#include "daemon/ops/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

namespace newsflow::ops {
namespace {

TEST(Process, ResidentBytesGrowsWhenMemoryIsTouched) {
  int64_t before = ResidentBytes();
  ASSERT_GT(before, 0);
  constexpr size_t kSize = 64 << 20;
  auto block = std::make_unique<char[]>(kSize);
  for (size_t i = 0; i < kSize; i += 4096) block[i] = static_cast<char>(i);
  int64_t after = ResidentBytes();
  // Touching every page makes it resident; allow for pages the allocator already held.
  EXPECT_GE(after - before, static_cast<int64_t>(kSize / 2)) << before << " -> " << after;
  volatile char sink = block[kSize - 4096];
  (void)sink;
}

TEST(Process, ExecutableDirHoldsThisTest) {
  std::string dir = ExecutableDir();
  ASSERT_FALSE(dir.empty());
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir) / "ops_process_test")) << dir;
}

}  // namespace
}  // namespace newsflow::ops
