#pragma once
// SHA-256, used only to derive stable article ids from URLs or content (collision resistance
// matters: ids are Kafka keys and downstream dedup keys).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow::pipeline {

std::array<uint8_t, 32> Sha256(std::string_view data);

// Lower-case hex of the first `bytes` bytes of SHA-256(data).
std::string Sha256Hex(std::string_view data, size_t bytes = 32);

}  // namespace newsflow::pipeline
