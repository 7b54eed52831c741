#pragma once
// Outputs: a NormalizedArticle → the encoded messages of every configured output topic (the
// article itself, one per quote, actor and place), with their keys. Broker-free: the Kafka layer
// produces what this returns, tests check it without a broker.
//
// Determinism: the bytes depend only on the record (protobuf serialized deterministically, map
// entries sorted; JSON with every field in .proto order), so a replay of the same input with the
// same normalizer and models gives the same keys and values.
//
// Thread safety: free functions over values; safe to call concurrently.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {

enum class WireFormat : uint8_t {
  kProtobuf,           // binary protobuf
  kJson,               // proto3 JSON mapping, .proto field names, zero values printed
  kConfluentProtobuf,  // Confluent Schema Registry framing: 0, schema id, message indexes, binary
};
std::string_view WireFormatName(WireFormat format);
std::optional<WireFormat> ParseWireFormat(std::string_view name);

enum class OutputKind : uint8_t { kArticle = 0, kQuote = 1, kActor = 2, kLocation = 3 };
inline constexpr size_t kOutputKinds = 4;
std::string_view OutputKindName(OutputKind kind);  // "articles", "quotes", "actors", "locations"

struct OutputSpec {
  bool enabled = false;
  WireFormat format = WireFormat::kProtobuf;
  uint32_t schema_id = 0;  // kConfluentProtobuf only
};
using OutputSpecs = std::array<OutputSpec, kOutputKinds>;  // indexed by OutputKind

struct EncodedRecord {
  OutputKind kind = OutputKind::kArticle;
  std::string key;
  std::string value;
};

// Appends the outputs of `record` for every enabled kind: the article first, then its quotes,
// actors and places in record order. Keys: article id; the speaker's canonical name (empty when
// unknown); the actor's canonical name; the place's country code.
void EncodeOutputs(const newsflow::v1::NormalizedArticle& record, const OutputSpecs& specs,
                   std::vector<EncodedRecord>& out);

// Serializes one message in `format` into `out` (replacing its contents).
void EncodeMessage(const google::protobuf::Message& message, WireFormat format, uint32_t schema_id,
                   std::string& out);

// Protobuf bytes with map entries in key order, whatever the library's default.
void SerializeDeterministic(const google::protobuf::Message& message, std::string& out);

// The Confluent message-index path of a message type in its .proto file (top-level: {index}).
std::vector<int> ConfluentMessageIndexes(const google::protobuf::Descriptor* type);

}  // namespace newsflow::pipeline
