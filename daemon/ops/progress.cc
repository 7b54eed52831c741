#include "daemon/ops/progress.h"

#include <algorithm>

namespace newsflow::ops {

Progress::Progress(std::FILE* out, bool terminal, std::chrono::milliseconds every)
    : out_(out), terminal_(terminal), every_(every) {}

std::string Progress::Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string Progress::Line(int64_t done, int64_t total, bool bar) const {
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // The rate counts this run's records only: a resumed replay starts with some done.
  const int64_t here = done - std::max<int64_t>(first_done_, 0);
  const double rate = secs > 0 ? static_cast<double>(here) / secs : 0;
  std::string eta = "?";
  if (rate > 0 && total >= done) {
    const int64_t left = static_cast<int64_t>(static_cast<double>(total - done) / rate);
    eta = left >= 3600 ? std::to_string(left / 3600) + "h" + std::to_string(left % 3600 / 60) + "m"
          : left >= 60 ? std::to_string(left / 60) + "m" + std::to_string(left % 60) + "s"
                       : std::to_string(left) + "s";
  }
  const double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  std::string line;
  if (bar) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    line = "[" + std::string(static_cast<size_t>(filled), '#') +
           std::string(static_cast<size_t>(kWidth - filled), ' ') + "] ";
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s / %s records (%.0f%%), %.0f records/s, ETA %s",
                Thousands(done).c_str(), Thousands(total).c_str(), frac * 100, rate, eta.c_str());
  return line + buf;
}

void Progress::Update(int64_t done, int64_t total) {
  if (first_done_ < 0) first_done_ = done;
  const auto now = std::chrono::steady_clock::now();
  if (terminal_) {
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::fprintf(out_, "\r\033[Kreplay %s", Line(done, total, true).c_str());
  } else {
    if (now - last_ < every_) return;
    last_ = now;
    std::fprintf(out_, "replay: %s\n", Line(done, total, false).c_str());
  }
  std::fflush(out_);
}

void Progress::Finish(int64_t done, int64_t total, const std::string& extra) {
  if (first_done_ < 0) first_done_ = done;
  if (terminal_) {
    std::fprintf(out_, "\r\033[Kreplay %s\n", Line(done, total, true).c_str());
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int64_t here = done - first_done_;
  std::fprintf(out_, "replay: %s of %s records done; %s in this run in %.1f s (%.0f records/s)%s\n",
               Thousands(done).c_str(), Thousands(total).c_str(), Thousands(here).c_str(), secs,
               secs > 0 ? static_cast<double>(here) / secs : 0.0, extra.c_str());
  std::fflush(out_);
}

}  // namespace newsflow::ops
