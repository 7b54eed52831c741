#include "daemon/pipeline/raw_json.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <random>

#include "daemon/extract/utf8.h"
#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {
namespace {

TEST(RawJson, ReadsKnownFieldsAndSkipsOthers) {
  RawFields f;
  auto err = ParseRawJson(R"( {"id":"a","body":"B\n\"q\" \u00e9\ud83d\ude00\/",
      "extra": {"nested": [1, -2.5e3, true, null, {"k": "v"}, []], "e": {}},
      "publishedAt":"2026-01-01T00:00:00Z", "content_type": null, "n": 0} )",
                          f);
  ASSERT_FALSE(err) << *err;
  EXPECT_EQ(f.id, "a");
  EXPECT_EQ(f.body, "B\n\"q\" \u00e9\U0001F600/");
  EXPECT_EQ(f.published_at, "2026-01-01T00:00:00Z");
  EXPECT_EQ(f.content_type, "");
}

TEST(RawJson, RejectsWithAByteOffset) {
  struct Case {
    const char* json;
    const char* error;
  };
  const Case cases[] = {
      {"", "expected '{' (a JSON object) at the end of the input"},
      {"[]", "expected '{' (a JSON object) at byte 0"},
      {"{\"body\" \"x\"}", "expected ':' at byte 8"},
      {"{\"body\":\"x\"", "expected ',' or '}' at the end of the input"},
      {"{\"body\":\"x}", "unterminated string starting at byte 8"},
      {"{\"body\":17}", "field 'body' must be a string (at byte 8)"},
      {"{\"body\":\"a\tb\"}", "control character in a string at byte 10"},
      {"{\"body\":\"\\x\"}", "bad escape at byte 9"},
      {"{\"body\":\"\\u12\"}", "bad \\u escape at byte 9"},
      {"{\"body\":\"\\ud800\"}", "unpaired surrogate"},
      {"{\"body\":\"\\udc00x\"}", "unpaired surrogate"},
      {"{\"body\":\"x\"} x", "unexpected data after the object at byte 13"},
      {"{\"x\": [1,]}", "expected a JSON value"},
      {"{\"x\": {\"a\" 1}}", "expected ':'"},
      {"{\"x\": 01}", "expected ',' or '}'"},
      {"{\"x\": tru}", "expected a JSON value"},
      {"{body:1}", "expected a quoted key at byte 1"},
      {"{\"x\": "
       "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]"
       "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
       "nesting deeper than 64"},
  };
  for (const auto& c : cases) {
    RawFields f;
    auto err = ParseRawJson(c.json, f);
    ASSERT_TRUE(err.has_value()) << c.json;
    EXPECT_NE(err->find(c.error), std::string::npos) << c.json << " → " << *err;
  }
}

// Differential check against protobuf's JSON mapping: on generated objects with arbitrary
// string content, both parsers must read the same field values.
TEST(RawJson, AgreesWithProtobufOnGeneratedObjects) {
  std::mt19937 rng(12345);
  const char32_t alphabet[] = {U'a',      U'Z',      U' ',      U'"',         U'\\',
                               U'/',      U'\n',     U'\t',     U'\x01',      U'\u00e9',
                               U'\u2019', U'\u201c', U'\u4e2d', U'\U0001F600'};
  const char* keys[] = {"id",           "url",      "source",       "title",  "body",
                        "published_at", "language", "content_type", "unknown"};
  for (int n = 0; n < 2000; ++n) {
    std::string json = "{";
    int fields = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < fields; ++i) {
      if (i) json += ",";
      json += std::string("\"") + keys[rng() % 9] + "\":\"";
      int len = static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) {
        char32_t cp = alphabet[rng() % std::size(alphabet)];
        switch (rng() % 3) {
          case 0:  // \u escape (surrogate pair for astral)
            if (cp > 0xFFFF) {
              char buf[16];
              uint32_t v = cp - 0x10000;
              std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (v >> 10),
                            0xDC00 + (v & 0x3FF));
              json += buf;
            } else {
              char buf[8];
              std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
              json += buf;
            }
            break;
          default:
            if (cp == U'"' || cp == U'\\') {
              json += '\\';
              json += static_cast<char>(cp);
            } else if (cp == U'\n') {
              json += "\\n";
            } else if (cp == U'\t') {
              json += "\\t";
            } else if (cp < 0x20) {
              json += "\\u0001";
            } else {
              extract::AppendUtf8(json, cp);
            }
        }
      }
      json += "\"";
    }
    json += "}";
    RawFields ours;
    auto err = ParseRawJson(json, ours);
    ASSERT_FALSE(err) << json << " → " << *err;
    newsflow::v1::RawArticle theirs;
    google::protobuf::util::JsonParseOptions opts;
    opts.ignore_unknown_fields = true;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &theirs, opts).ok()) << json;
    EXPECT_EQ(ours.id, theirs.id()) << json;
    EXPECT_EQ(ours.url, theirs.url()) << json;
    EXPECT_EQ(ours.source, theirs.source()) << json;
    EXPECT_EQ(ours.title, theirs.title()) << json;
    EXPECT_EQ(ours.body, theirs.body()) << json;
    EXPECT_EQ(ours.published_at, theirs.published_at()) << json;
    EXPECT_EQ(ours.language, theirs.language()) << json;
    EXPECT_EQ(ours.content_type, theirs.content_type()) << json;
  }
}

// Random corruption of valid input: never crashes or reads out of bounds (run under ASan in
// CI), and whatever it accepts decodes to valid UTF-8.
TEST(RawJson, SurvivesCorruptedInput) {
  std::mt19937 rng(777);
  const std::string base =
      R"({"id":"x","body":"Caf\u00e9 \"q\" \ud83d\ude00 text","extra":[1,{"a":null}],"title":"T"})";
  for (int n = 0; n < 20000; ++n) {
    std::string s = base;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % s.size();
      switch (rng() % 3) {
        case 0:
          s[at] = static_cast<char>(rng() % 128);
          break;
        case 1:
          s.erase(at, 1 + rng() % 3);
          break;
        default:
          s.insert(at, 1, "{}[]\",:\\u0"[rng() % 11]);
      }
      if (s.empty()) s = "{";
    }
    RawFields f;
    if (!ParseRawJson(s, f)) {
      EXPECT_TRUE(extract::IsValidUtf8(f.body)) << s;
      EXPECT_TRUE(extract::IsValidUtf8(f.title)) << s;
    }
  }
}

}  // namespace
}  // namespace newsflow::pipeline
