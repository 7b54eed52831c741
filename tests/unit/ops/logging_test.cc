#include "daemon/ops/logging.h"

#include <gtest/gtest.h>

#include <thread>

namespace newsflow::ops {
namespace {

TEST(LogLimiter, AllowsBurstThenCountsSuppressed) {
  LogLimiter limiter(3, std::chrono::milliseconds(50));
  uint64_t suppressed = 99;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Allow(suppressed));
    EXPECT_EQ(suppressed, 0u);
  }
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.Allow(suppressed));
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_TRUE(limiter.Allow(suppressed));
  EXPECT_EQ(suppressed, 5u);
}

TEST(JsonEscape, EscapesControlAndQuotes) {
  EXPECT_EQ(JsonEscape("a\"b\\c\nd\x01"), "a\\\"b\\\\c\\nd\\u0001");
  EXPECT_EQ(JsonEscape("\u201cok\u201d"), "\u201cok\u201d");
}

TEST(Logging, RejectsBadSettings) {
  EXPECT_FALSE(SetupLogging("loud", "text"));
  EXPECT_FALSE(SetupLogging("info", "xml"));
  EXPECT_TRUE(SetupLogging("info", "json"));
  EXPECT_EQ(Logger("test")->level(), spdlog::level::info);
}

}  // namespace
}  // namespace newsflow::ops
