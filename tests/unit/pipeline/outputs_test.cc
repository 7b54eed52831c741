#include "daemon/pipeline/outputs.h"

#include <gtest/gtest.h>

namespace newsflow::pipeline {
namespace {

using newsflow::v1::NormalizedArticle;

// An article with two actors (one quoted), two quotes (one without a speaker) and two places.
NormalizedArticle Sample() {
  NormalizedArticle a;
  a.set_id("art-1");
  a.set_source("example-wire");
  a.set_url("https://news.example.org/1");
  a.set_published_at("2026-11-20T10:00:00Z");
  a.set_body("\"We will rebuild,\" said Ana Reyes in Lisbon. Northwind Shipping agreed. \"Soon.\"");
  auto* reyes = a.add_actors();
  reyes->set_id(1);
  reyes->set_name("Ana Reyes");
  reyes->set_type(newsflow::v1::Actor::PERSON);
  auto* northwind = a.add_actors();
  northwind->set_id(2);
  northwind->set_name("Northwind Shipping");
  northwind->set_type(newsflow::v1::Actor::ORGANIZATION);
  auto* q1 = a.add_quotes();
  q1->set_text("We will rebuild,");
  q1->set_begin(1);
  q1->set_end(17);
  q1->set_speaker_id(1);
  q1->set_cue("said");
  auto* q2 = a.add_quotes();
  q2->set_text("Soon.");
  auto* lisbon = a.add_locations();
  lisbon->set_name("Lisbon");
  lisbon->set_country_code("PT");
  lisbon->set_geonames_id(2267057);
  auto* europe = a.add_locations();
  europe->set_name("Europe");
  auto* prov = a.mutable_provenance();
  prov->set_input_topic("news.raw");
  prov->set_offset(41);
  (*prov->mutable_model_versions())["ner"] = "n1";
  (*prov->mutable_model_versions())["gazetteer"] = "g1";
  return a;
}

OutputSpecs AllOn(WireFormat format, uint32_t schema_id = 0) {
  OutputSpecs specs;
  for (auto& s : specs) s = {true, format, schema_id};
  return specs;
}

TEST(Outputs, OneRecordPerQuoteActorAndPlaceWithTheirKeys) {
  std::vector<EncodedRecord> out;
  EncodeOutputs(Sample(), AllOn(WireFormat::kProtobuf), out);
  ASSERT_EQ(out.size(), 7u);  // article, 2 quotes, 2 actors, 2 places
  EXPECT_EQ(out[0].kind, OutputKind::kArticle);
  EXPECT_EQ(out[0].key, "art-1");
  EXPECT_EQ(out[1].key, "Ana Reyes");
  EXPECT_EQ(out[2].key, "") << "a quote without a speaker has an empty key";
  EXPECT_EQ(out[3].key, "Ana Reyes");
  EXPECT_EQ(out[4].key, "Northwind Shipping");
  EXPECT_EQ(out[5].key, "PT");
  EXPECT_EQ(out[6].key, "");

  newsflow::v1::QuoteRecord q;
  ASSERT_TRUE(q.ParseFromString(out[1].value));
  EXPECT_EQ(q.article_id(), "art-1");
  EXPECT_EQ(q.published_at(), "2026-11-20T10:00:00Z");
  EXPECT_EQ(q.source(), "example-wire");
  EXPECT_EQ(q.quote().text(), "We will rebuild,");
  EXPECT_EQ(q.speaker().name(), "Ana Reyes") << "the speaker is inlined";
  EXPECT_EQ(q.provenance().offset(), 41);
  ASSERT_TRUE(q.ParseFromString(out[2].value));
  EXPECT_FALSE(q.has_speaker());

  newsflow::v1::LocationRecord l;
  ASSERT_TRUE(l.ParseFromString(out[5].value));
  EXPECT_EQ(l.location().geonames_id(), 2267057);
  EXPECT_EQ(l.url(), "https://news.example.org/1");
}

TEST(Outputs, OnlyEnabledKindsAreEncoded) {
  OutputSpecs specs;
  specs[static_cast<size_t>(OutputKind::kActor)].enabled = true;
  std::vector<EncodedRecord> out;
  EncodeOutputs(Sample(), specs, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, OutputKind::kActor);
  EXPECT_EQ(out[1].kind, OutputKind::kActor);
}

// Magic byte 0, the schema id big-endian, the message-index path as zig-zag varints (count,
// then indexes), then the message itself.
TEST(Outputs, ConfluentFramingCarriesSchemaIdAndMessageIndex) {
  std::vector<EncodedRecord> out;
  EncodeOutputs(Sample(), AllOn(WireFormat::kConfluentProtobuf, 0x01020304), out);
  ASSERT_EQ(out.size(), 7u);
  const struct {
    size_t record;
    int index;
    const google::protobuf::Descriptor* type;
  } cases[] = {
      {0, 6, NormalizedArticle::descriptor()},
      {1, 7, newsflow::v1::QuoteRecord::descriptor()},
      {3, 8, newsflow::v1::ActorRecord::descriptor()},
      {5, 9, newsflow::v1::LocationRecord::descriptor()},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type->full_name());
    EXPECT_EQ(ConfluentMessageIndexes(c.type), std::vector<int>{c.index});
    const std::string& v = out[c.record].value;
    ASSERT_GT(v.size(), 7u);
    EXPECT_EQ(v.substr(0, 5), std::string("\0\x01\x02\x03\x04", 5));
    EXPECT_EQ(static_cast<unsigned char>(v[5]), 2u) << "one index, zig-zag encoded";
    EXPECT_EQ(static_cast<unsigned char>(v[6]), static_cast<unsigned>(c.index * 2));
  }
  // After the header comes the plain protobuf message.
  std::string plain;
  EncodeMessage(Sample(), WireFormat::kProtobuf, 0, plain);
  EXPECT_EQ(out[0].value.substr(7), plain);
  // The first message of the file uses the framing's one-byte form of [0].
  newsflow::v1::RawArticle raw;
  raw.set_body("x");
  std::string framed;
  EncodeMessage(raw, WireFormat::kConfluentProtobuf, 7, framed);
  EXPECT_EQ(framed.substr(0, 6), std::string("\0\0\0\0\x07\0", 6));
  newsflow::v1::RawArticle back;
  ASSERT_TRUE(back.ParseFromString(framed.substr(6)));
  EXPECT_EQ(back.body(), "x");
}

// A record depends only on its content: map entries inserted in another order give the same
// bytes.
TEST(Outputs, SerializationIsDeterministic) {
  NormalizedArticle a = Sample();
  NormalizedArticle b = Sample();
  b.mutable_provenance()->mutable_model_versions()->clear();
  (*b.mutable_provenance()->mutable_model_versions())["gazetteer"] = "g1";
  (*b.mutable_provenance()->mutable_model_versions())["ner"] = "n1";
  for (WireFormat f : {WireFormat::kProtobuf, WireFormat::kJson, WireFormat::kConfluentProtobuf}) {
    std::vector<EncodedRecord> x, y;
    EncodeOutputs(a, AllOn(f, 5), x);
    EncodeOutputs(b, AllOn(f, 5), y);
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].key, y[i].key);
      EXPECT_EQ(x[i].value, y[i].value) << WireFormatName(f) << " record " << i;
    }
  }
}

TEST(Outputs, JsonStatesZeroValues) {
  std::string json;
  EncodeMessage(Sample(), WireFormat::kJson, 0, json);
  EXPECT_NE(json.find("\"partition\":0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"country_code\":\"\""), std::string::npos) << json;
  EXPECT_EQ(json.find('\n'), std::string::npos);
}

TEST(Outputs, FormatNamesRoundTrip) {
  for (WireFormat f : {WireFormat::kProtobuf, WireFormat::kJson, WireFormat::kConfluentProtobuf}) {
    EXPECT_EQ(ParseWireFormat(WireFormatName(f)), f);
  }
  EXPECT_FALSE(ParseWireFormat("avro"));
}

}  // namespace
}  // namespace newsflow::pipeline
