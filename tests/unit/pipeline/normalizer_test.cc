#include "daemon/pipeline/normalizer.h"

#include <gtest/gtest.h>

#include "daemon/extract/utf8.h"

namespace newsflow::pipeline {
namespace {

class CollectingSink final : public Sink {
 public:
  void Publish(const RawMessage& origin, const newsflow::v1::NormalizedArticle& record) override {
    order.push_back("ok:" + std::to_string(origin.offset));
    records.push_back(record);
  }
  void Reject(const RawMessage& origin, const Rejection& why) override {
    order.push_back("bad:" + std::to_string(origin.offset));
    reasons.push_back(why.Describe());
  }
  std::vector<std::string> order;
  std::vector<newsflow::v1::NormalizedArticle> records;
  std::vector<std::string> reasons;
};

extract::Extractor NoModels() {
  auto ex = extract::Extractor::Load({});
  EXPECT_TRUE(ex.ok());
  return std::move(ex).value();
}

TEST(Normalizer, BatchKeepsOrderAndFillsProvenance) {
  auto ex = NoModels();
  Normalizer n(ex, {.decode = {},
                    .normalizer_version = "9.9.9",
                    .backfill = "",
                    .budget = {},
                    .observer = nullptr});
  std::vector<std::string> values = {R"({"id":"a","body":"First."})", R"({"id":"b"})",
                                     R"({"id":"c","body":"Third.","title":"T3"})"};
  std::vector<RawMessage> batch;
  for (size_t i = 0; i < values.size(); ++i) {
    RawMessage m;
    m.topic = "news.raw";
    m.partition = 2;
    m.offset = 40 + static_cast<int64_t>(i);
    m.value = values[i];
    batch.push_back(m);
  }
  CollectingSink sink;
  n.ProcessBatch(batch, sink);
  EXPECT_EQ(sink.order, (std::vector<std::string>{"ok:40", "bad:41", "ok:42"}));
  ASSERT_EQ(sink.records.size(), 2u);
  const auto& r = sink.records[1];
  EXPECT_EQ(r.id(), "c");
  EXPECT_EQ(r.title(), "T3");
  EXPECT_EQ(r.provenance().input_topic(), "news.raw");
  EXPECT_EQ(r.provenance().partition(), 2);
  EXPECT_EQ(r.provenance().offset(), 42);
  EXPECT_EQ(r.provenance().normalizer_version(), "9.9.9");
  EXPECT_EQ(r.provenance().input_format(), "json");
  EXPECT_EQ(sink.reasons[0].substr(0, 12), "missing_body");
}

TEST(Normalizer, FillExtractionMapsEveryField) {
  extract::Extraction e;
  extract::Actor a;
  a.id = 1;
  a.name = "Jane Roe";
  a.type = extract::ActorType::kPerson;
  a.roles = {"minister"};
  a.country_code = "NL";
  a.mentions = {{0, 8}, {20, 23}};
  e.actors.push_back(a);
  extract::Quote q;
  q.text = "Hello";
  q.begin = 30;
  q.end = 35;
  q.speaker_id = 1;
  q.cue = "said";
  q.kind = extract::QuoteKind::kFull;
  e.quotes.push_back(q);
  q.speaker_id = 0;  // unknown speaker: field absent
  e.quotes.push_back(q);
  extract::Location l;
  l.name = "Utrecht";
  l.geonames_id = 2745912;
  l.country_code = "NL";
  l.latitude = 52.09;
  l.longitude = 5.12;
  l.feature = extract::Feature::kCity;
  l.mentions = {{40, 47, false, true}};
  e.locations.push_back(l);
  newsflow::v1::NormalizedArticle rec;
  FillExtraction(e, rec);
  ASSERT_EQ(rec.actors_size(), 1);
  EXPECT_EQ(rec.actors(0).type(), newsflow::v1::Actor::PERSON);
  EXPECT_EQ(rec.actors(0).roles(0), "minister");
  EXPECT_EQ(rec.actors(0).mentions(1).begin(), 20u);
  ASSERT_EQ(rec.quotes_size(), 2);
  EXPECT_TRUE(rec.quotes(0).has_speaker_id());
  EXPECT_EQ(rec.quotes(0).speaker_id(), 1u);
  EXPECT_FALSE(rec.quotes(1).has_speaker_id());
  EXPECT_EQ(rec.quotes(0).kind(), newsflow::v1::Quote::FULL);
  EXPECT_EQ(rec.locations(0).feature(), newsflow::v1::Location::CITY);
  EXPECT_TRUE(rec.locations(0).mentions(0).agent());
}

// Offsets are code points into the body: the same body decoded from JSON keeps its
// non-ASCII characters one position each.
TEST(Normalizer, BodyOffsetsAreCodePoints) {
  std::string body = "\u201cHi,\u201d said Mo\u00efra.";
  EXPECT_EQ(extract::CodePointCount(body), 17u);
  extract::OffsetMap map(body);
  size_t byte_of_m = body.find("Mo");
  EXPECT_EQ(map.ToCodePoint(byte_of_m), 11u);
}

}  // namespace
}  // namespace newsflow::pipeline
