#include "daemon/pipeline/outputs.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>

#include "daemon/pipeline/render.h"

namespace newsflow::pipeline {
namespace {

// Confluent encodes the index array as zig-zag varints (Java's ByteUtils.writeVarint).
void PutZigZagVarint(int64_t v, std::string& out) {
  uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (z >= 0x80) {
    out.push_back(static_cast<char>((z & 0x7f) | 0x80));
    z >>= 7;
  }
  out.push_back(static_cast<char>(z));
}

void AppendDeterministic(const google::protobuf::Message& message, std::string& out) {
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
}

template <typename Fanout>
void FillCommon(const newsflow::v1::NormalizedArticle& a, Fanout& r) {
  r.set_article_id(a.id());
  r.set_published_at(a.published_at());
  r.set_source(a.source());
  r.set_url(a.url());
  *r.mutable_provenance() = a.provenance();
}

}  // namespace

std::string_view WireFormatName(WireFormat format) {
  switch (format) {
    case WireFormat::kProtobuf:
      return "protobuf";
    case WireFormat::kJson:
      return "json";
    case WireFormat::kConfluentProtobuf:
      return "confluent_protobuf";
  }
  return "protobuf";
}

std::optional<WireFormat> ParseWireFormat(std::string_view name) {
  for (WireFormat f : {WireFormat::kProtobuf, WireFormat::kJson, WireFormat::kConfluentProtobuf}) {
    if (WireFormatName(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view OutputKindName(OutputKind kind) {
  switch (kind) {
    case OutputKind::kArticle:
      return "articles";
    case OutputKind::kQuote:
      return "quotes";
    case OutputKind::kActor:
      return "actors";
    case OutputKind::kLocation:
      return "locations";
  }
  return "articles";
}

void SerializeDeterministic(const google::protobuf::Message& message, std::string& out) {
  out.clear();
  message.ByteSizeLong();  // caches the sizes SerializeWithCachedSizes relies on
  AppendDeterministic(message, out);
}

std::vector<int> ConfluentMessageIndexes(const google::protobuf::Descriptor* type) {
  std::vector<int> path;
  for (const auto* d = type; d != nullptr; d = d->containing_type()) path.push_back(d->index());
  std::reverse(path.begin(), path.end());
  return path;
}

void EncodeMessage(const google::protobuf::Message& message, WireFormat format, uint32_t schema_id,
                   std::string& out) {
  out.clear();
  switch (format) {
    case WireFormat::kProtobuf:
      SerializeDeterministic(message, out);
      return;
    case WireFormat::kJson:
      // The same rendering as `newsflowd normalize`: zero values printed.
      AppendRecordJson(message, /*pretty=*/false, out);
      return;
    case WireFormat::kConfluentProtobuf: {
      out.push_back('\0');  // magic byte
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((schema_id >> shift) & 0xff));
      }
      std::vector<int> path = ConfluentMessageIndexes(message.GetDescriptor());
      if (path.size() == 1 && path[0] == 0) {
        out.push_back('\0');  // the framing's short form of [0]
      } else {
        PutZigZagVarint(static_cast<int64_t>(path.size()), out);
        for (int i : path) PutZigZagVarint(i, out);
      }
      message.ByteSizeLong();
      AppendDeterministic(message, out);
      return;
    }
  }
}

void EncodeOutputs(const newsflow::v1::NormalizedArticle& record, const OutputSpecs& specs,
                   std::vector<EncodedRecord>& out) {
  auto add = [&](OutputKind kind, const std::string& key, const google::protobuf::Message& m) {
    const OutputSpec& spec = specs[static_cast<size_t>(kind)];
    EncodedRecord& r = out.emplace_back();
    r.kind = kind;
    r.key = key;
    EncodeMessage(m, spec.format, spec.schema_id, r.value);
  };
  if (specs[static_cast<size_t>(OutputKind::kArticle)].enabled) {
    add(OutputKind::kArticle, record.id(), record);
  }
  if (specs[static_cast<size_t>(OutputKind::kQuote)].enabled) {
    for (const auto& q : record.quotes()) {
      newsflow::v1::QuoteRecord r;
      FillCommon(record, r);
      *r.mutable_quote() = q;
      const newsflow::v1::Actor* speaker = nullptr;
      if (q.has_speaker_id()) {
        for (const auto& a : record.actors()) {
          if (a.id() == q.speaker_id()) speaker = &a;
        }
      }
      if (speaker != nullptr) *r.mutable_speaker() = *speaker;
      add(OutputKind::kQuote, speaker != nullptr ? speaker->name() : std::string(), r);
    }
  }
  if (specs[static_cast<size_t>(OutputKind::kActor)].enabled) {
    for (const auto& a : record.actors()) {
      newsflow::v1::ActorRecord r;
      FillCommon(record, r);
      *r.mutable_actor() = a;
      add(OutputKind::kActor, a.name(), r);
    }
  }
  if (specs[static_cast<size_t>(OutputKind::kLocation)].enabled) {
    for (const auto& l : record.locations()) {
      newsflow::v1::LocationRecord r;
      FillCommon(record, r);
      *r.mutable_location() = l;
      add(OutputKind::kLocation, l.country_code(), r);
    }
  }
}

}  // namespace newsflow::pipeline
