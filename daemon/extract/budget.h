#pragma once
// Budget: the work one article may cost, as a deadline on the steady clock.
//
//   Budget b = Budget::For(body.size(), {.min_ms = 100, .ms_per_mb = 2000});
//   if (b.Spent()) ...   // stages check it at their boundaries, the tagger per sentence
//
// Every stage is linear in its input, so the budget is a safety net and not the bound itself:
// an overloaded machine or an input no test has found may still cost more than expected, and
// one article must never hold its partition. What ran before the deadline is kept; the
// Extraction says which stage stopped (Extraction::budget_stop). Spent() is sticky so that
// stages after the first miss skip without reading the clock again. Not thread-safe: one
// Budget per Extract() call.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace newsflow::extract {

struct BudgetPolicy {
  int64_t min_ms = 0;     // every article gets at least this
  int64_t ms_per_mb = 0;  // plus this per MB of body; both 0 = no budget
};

class Budget {
 public:
  using Clock = std::chrono::steady_clock;

  Budget() = default;  // unlimited
  static Budget For(size_t body_bytes, const BudgetPolicy& policy, Clock::time_point start) {
    Budget b;
    if (policy.min_ms <= 0 && policy.ms_per_mb <= 0) return b;
    const auto us = policy.min_ms * 1000 +
                    static_cast<int64_t>(static_cast<double>(policy.ms_per_mb) * 1000.0 *
                                         static_cast<double>(body_bytes) / (1024.0 * 1024.0));
    b.limited_ = true;
    b.deadline_ = start + std::chrono::microseconds(us);
    return b;
  }
  static Budget For(size_t body_bytes, const BudgetPolicy& policy) {
    return For(body_bytes, policy, Clock::now());
  }

  // For tests: a budget found spent by its (n+1)-th check, so that where the work stops does
  // not depend on the machine's speed.
  static Budget SpentAfterChecks(int n) {
    Budget b;
    b.checks_left_ = n;
    return b;
  }

  bool Spent() const {
    if (spent_) return true;
    if (checks_left_ >= 0) {
      spent_ = checks_left_-- == 0;
      return spent_;
    }
    if (!limited_) return false;
    spent_ = Clock::now() >= deadline_;
    return spent_;
  }

 private:
  bool limited_ = false;
  mutable bool spent_ = false;
  mutable int checks_left_ = -1;
  Clock::time_point deadline_{};
};

}  // namespace newsflow::extract
