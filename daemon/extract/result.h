#pragma once
// A value or an error message, for fallible calls that must not throw (per-article path and
// model loading). Deliberately tiny: the daemon's boundary turns errors into log lines or
// dead-letter reasons.

#include <string>
#include <utility>
#include <variant>

namespace newsflow::extract {

struct Error {
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const std::string& error() const { return std::get<1>(v_).message; }

 private:
  std::variant<T, Error> v_;
};

}  // namespace newsflow::extract
