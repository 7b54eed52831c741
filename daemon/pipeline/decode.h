#pragma once
// Raw Kafka message → DecodedItem, or a Rejection that names the reason. Never throws; every
// malformed input (bad JSON, bad UTF-8, no body, too large, bad field) becomes a Rejection that
// the caller routes to the dead-letter topic.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace newsflow::pipeline {

enum class InputFormat : uint8_t { kJson = 0, kText = 1, kProtobuf = 2 };
std::string_view InputFormatName(InputFormat format);
std::optional<InputFormat> ParseInputFormat(std::string_view name);

// One message as it came off an input topic. Views: the caller keeps the bytes alive.
struct RawMessage {
  std::string_view topic;
  int32_t partition = -1;
  int64_t offset = -1;
  std::string_view key;
  std::string_view value;
  InputFormat format = InputFormat::kJson;
};

enum class RejectCode : uint8_t {
  kTooLarge,
  kInvalidUtf8,
  kInvalidJson,
  kInvalidProtobuf,
  kMissingBody,
  kInvalidField,
  kUnsupportedContentType,
};
// Stable snake_case name, used in dead-letter headers and metrics labels.
std::string_view RejectCodeName(RejectCode code);

struct Rejection {
  RejectCode code = RejectCode::kInvalidJson;
  std::string detail;  // human-readable specifics ("body is empty", parser message, …)
  // "invalid_json: expected ',' at byte 17"
  std::string Describe() const;
};

struct DecodedItem {
  std::string id;
  std::string url;
  std::string source;
  std::string title;
  std::string body;          // clean text: HTML already converted
  std::string published_at;  // RFC 3339 normalized to UTC ("...Z"), empty if not given
  std::string language;
};

struct DecodeOptions {
  size_t max_message_bytes = 1 << 20;
};

using DecodeResult = std::variant<DecodedItem, Rejection>;

DecodeResult Decode(const RawMessage& message, const DecodeOptions& options);

// "2021-04-30T17:05:00+09:00" → "2021-04-30T08:05:00Z". nullopt when not RFC 3339.
std::optional<std::string> NormalizeRfc3339(std::string_view text);

// The id used when the producer sent none: from the URL when there is one, else from the
// content. Stable across runs and versions (it is a Kafka key and a dedup key downstream).
std::string DeriveId(std::string_view url, std::string_view title, std::string_view body);

}  // namespace newsflow::pipeline
