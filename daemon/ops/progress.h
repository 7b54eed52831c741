#pragma once
// Progress of a long command (`newsflowd replay`) on stderr: on a terminal a bar redrawn in
// place (records done / total, rate, ETA), otherwise — journald, CI, a pipe — a plain line
// every few seconds. A final summary either way.
//
// Thread safety: one thread.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace newsflow::ops {

class Progress {
 public:
  // `terminal`: draw a bar (usually isatty(stderr)); `every`: the plain mode's interval.
  Progress(std::FILE* out, bool terminal,
           std::chrono::milliseconds every = std::chrono::seconds(5));
  void Update(int64_t done, int64_t total);
  // The last state and a summary line: "replay: done N of M records in S s (R records/s)".
  void Finish(int64_t done, int64_t total, const std::string& extra);

  // "1,234" style; exposed for tests.
  static std::string Thousands(int64_t n);

 private:
  std::string Line(int64_t done, int64_t total, bool bar) const;

  std::FILE* out_;
  bool terminal_;
  std::chrono::milliseconds every_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  int64_t first_done_ = -1;
};

}  // namespace newsflow::ops
