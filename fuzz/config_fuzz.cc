// libFuzzer target: the config loader on any bytes. The input is YAML, optionally followed by
// a line "%%" and NEWSFLOW_* environment lines (the overrides take the same paths as the
// file). Checks that a config either loads (and then passes or fails CheckRunnable with a
// message) or fails with a message: never a crash, an exception or an empty error.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "daemon/ops/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string yaml = input;
  std::vector<std::string> env_lines;
  if (const size_t split = input.find("\n%%\n"); split != std::string::npos) {
    yaml = input.substr(0, split);
    size_t pos = split + 4;
    while (pos < input.size()) {
      size_t end = input.find('\n', pos);
      if (end == std::string::npos) end = input.size();
      env_lines.push_back(input.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  std::vector<char*> env;
  for (auto& l : env_lines) env.push_back(l.data());
  env.push_back(nullptr);
  newsflow::ops::ConfigError error;
  const auto config = newsflow::ops::ParseConfig(yaml, "/fuzz/newsflowd.yaml", env.data(), error);
  if (config) {
    (void)newsflow::ops::CheckRunnable(*config);
    (void)newsflow::ops::EffectiveTransactionalId(*config);
  } else if (error.message.empty()) {
    std::abort();
  }
  return 0;
}
