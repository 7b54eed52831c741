#include "daemon/pipeline/decode.h"

#include <gtest/gtest.h>

#include "daemon/pipeline/sha256.h"
#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {
namespace {

RawMessage Json(std::string_view value) {
  RawMessage m;
  m.topic = "t";
  m.value = value;
  m.format = InputFormat::kJson;
  return m;
}

// By value: callers pass a temporary DecodeResult.
DecodedItem Ok(const DecodeResult& r) {
  if (auto* why = std::get_if<Rejection>(&r)) ADD_FAILURE() << why->Describe();
  auto* item = std::get_if<DecodedItem>(&r);
  return item ? *item : DecodedItem{};
}

TEST(Decode, JsonWithAllFields) {
  auto r = Decode(Json(R"({"id":"a1","url":"https://x.test/a","source":"Wire","title":"T",
      "body":"Body text.","published_at":"2026-03-02T09:15:00+01:00","language":"en",
      "content_type":"text/plain","extra":"ignored"})"),
                  {});
  auto item = Ok(r);
  EXPECT_EQ(item.id, "a1");
  EXPECT_EQ(item.url, "https://x.test/a");
  EXPECT_EQ(item.source, "Wire");
  EXPECT_EQ(item.body, "Body text.");
  EXPECT_EQ(item.published_at, "2026-03-02T08:15:00Z");
  EXPECT_EQ(item.language, "en");
}

TEST(Decode, PlainBodyPassesThroughByteForByte) {
  std::string body = "  Line one.\r\n\n\u201cQuoted\u201d \u2014 Biden\u2019s  ";
  std::string json =
      "{\"id\":\"x\",\"body\":\"  Line one.\\r\\n\\n\u201cQuoted\u201d \u2014 Biden\u2019s  \"}";
  EXPECT_EQ(Ok(Decode(Json(json), {})).body, body);
}

TEST(Decode, HtmlBodyBecomesText) {
  auto r = Decode(Json(R"({"id":"h","content_type":"text/html; charset=utf-8",
      "body":"<p>One &amp; two.</p><p>Three</p>"})"),
                  {});
  EXPECT_EQ(Ok(r).body, "One & two.\n\nThree");
}

TEST(Decode, MissingIdIsDerivedFromUrlThenContent) {
  auto a = Ok(Decode(Json(R"({"url":"https://x.test/a","body":"b"})"), {}));
  auto b = Ok(Decode(Json(R"({"url":"https://x.test/a","body":"other"})"), {}));
  EXPECT_EQ(a.id, b.id);  // same URL, same id
  EXPECT_EQ(a.id, "u-" + Sha256Hex("https://x.test/a", 16));
  auto c = Ok(Decode(Json(R"({"body":"same text"})"), {}));
  auto d = Ok(Decode(Json(R"({"body":"same text"})"), {}));
  auto e = Ok(Decode(Json(R"({"body":"different"})"), {}));
  EXPECT_EQ(c.id, d.id);
  EXPECT_NE(c.id, e.id);
  EXPECT_EQ(c.id.substr(0, 2), "c-");
}

TEST(Decode, TextFormatMessageIsTheBody) {
  RawMessage m;
  m.value = "Just a body.";
  m.format = InputFormat::kText;
  auto item = Ok(Decode(m, {}));
  EXPECT_EQ(item.body, "Just a body.");
  EXPECT_EQ(item.id, DeriveId({}, {}, "Just a body."));
}

TEST(Decode, ProtobufRawArticle) {
  newsflow::v1::RawArticle raw;
  raw.set_id("p1");
  raw.set_body("Proto body.");
  raw.set_published_at("2026-01-01T00:00:00Z");
  std::string bytes = raw.SerializeAsString();
  RawMessage m;
  m.value = bytes;
  m.format = InputFormat::kProtobuf;
  auto item = Ok(Decode(m, {}));
  EXPECT_EQ(item.id, "p1");
  EXPECT_EQ(item.body, "Proto body.");
}

struct BadCase {
  const char* name;
  InputFormat format;
  std::string value;
  RejectCode code;
};

TEST(Decode, EveryBadInputIsRejectedWithItsReason) {
  std::string big(2048, 'a');
  const BadCase cases[] = {
      {"invalid json", InputFormat::kJson, R"({"body": "unterminated)", RejectCode::kInvalidJson},
      {"json not an object", InputFormat::kJson, R"(["body"])", RejectCode::kInvalidJson},
      {"json wrong type", InputFormat::kJson, R"({"body": 17})", RejectCode::kInvalidJson},
      {"empty message", InputFormat::kJson, "", RejectCode::kInvalidJson},
      {"invalid utf-8 json", InputFormat::kJson, "{\"body\":\"caf\xE9\"}",
       RejectCode::kInvalidUtf8},
      {"invalid utf-8 text", InputFormat::kText, "caf\xC3", RejectCode::kInvalidUtf8},
      {"missing body", InputFormat::kJson, R"({"id":"x","title":"t"})", RejectCode::kMissingBody},
      {"blank body", InputFormat::kJson, R"({"body":" \n\t "})", RejectCode::kMissingBody},
      {"html with no text", InputFormat::kJson, R"({"body":"<p> </p>","content_type":"text/html"})",
       RejectCode::kMissingBody},
      {"blank text", InputFormat::kText, "   ", RejectCode::kMissingBody},
      {"oversized", InputFormat::kText, big, RejectCode::kTooLarge},
      {"bad timestamp", InputFormat::kJson, R"({"body":"b","published_at":"yesterday"})",
       RejectCode::kInvalidField},
      {"bad content type", InputFormat::kJson, R"({"body":"b","content_type":"application/pdf"})",
       RejectCode::kUnsupportedContentType},
      {"not protobuf", InputFormat::kProtobuf, "\xFF\xFF\xFF\xFF", RejectCode::kInvalidProtobuf},
  };
  DecodeOptions opts;
  opts.max_message_bytes = 1024;
  for (const auto& c : cases) {
    RawMessage m;
    m.value = c.value;
    m.format = c.format;
    auto r = Decode(m, opts);
    auto* why = std::get_if<Rejection>(&r);
    ASSERT_NE(why, nullptr) << c.name;
    EXPECT_EQ(why->code, c.code) << c.name << ": " << why->Describe();
    EXPECT_FALSE(why->Describe().empty());
    EXPECT_EQ(why->Describe().find('\n'), std::string::npos) << why->Describe();
  }
}

TEST(Rfc3339, NormalizesToUtc) {
  EXPECT_EQ(NormalizeRfc3339("2026-03-02T09:15:00Z"), "2026-03-02T09:15:00Z");
  EXPECT_EQ(NormalizeRfc3339("2026-03-02t09:15:00z"), "2026-03-02T09:15:00Z");
  EXPECT_EQ(NormalizeRfc3339("2026-03-02T01:15:00.250-08:00"), "2026-03-02T09:15:00.250Z");
  EXPECT_EQ(NormalizeRfc3339("2026-01-01T00:30:00+01:00"), "2025-12-31T23:30:00Z");
  EXPECT_EQ(NormalizeRfc3339("2024-02-29T12:00:00Z"), "2024-02-29T12:00:00Z");
}

TEST(Rfc3339, RejectsNonTimestamps) {
  for (const char* s : {"", "2026-03-02", "2026-03-02T09:15:00", "2026-13-01T00:00:00Z",
                        "2025-02-29T00:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T09:15:00+1:00",
                        "2026-03-02T09:15:00Zjunk", "Mon, 02 Mar 2026 09:15:00 GMT"}) {
    EXPECT_FALSE(NormalizeRfc3339(s).has_value()) << s;
  }
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace newsflow::pipeline
