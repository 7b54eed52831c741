#pragma once
// Printing of table-driven test cases: gtest shows a parameter in --gtest_list_tests and in
// failure messages, as a byte dump unless the case type has a PrintTo. One line always:
// gtest_discover_tests reads the list line by line, so a raw '\n' would break discovery.

#include <ostream>
#include <string_view>

namespace newsflow::testing {

inline void PrintCase(std::string_view name, std::string_view text, std::ostream* os) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  *os << name << ": \"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      *os << "\\n";
    } else if (c == '"' || c == '\\') {
      *os << '\\' << c;
    } else if (u < 0x20 || u == 0x7F) {
      *os << "\\x" << kHex[u >> 4] << kHex[u & 0xF];
    } else {
      *os << c;  // UTF-8 stays readable
    }
  }
  *os << '"';
}

}  // namespace newsflow::testing
