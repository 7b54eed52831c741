#include "daemon/pipeline/render.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace newsflow::pipeline {
namespace {

using newsflow::v1::Actor;
using newsflow::v1::Location;
using newsflow::v1::NormalizedArticle;
using newsflow::v1::Quote;

void AddMentions(google::protobuf::RepeatedPtrField<newsflow::v1::Mention>* m, int n) {
  for (int i = 0; i < n; ++i) {
    auto* x = m->Add();
    x->set_begin(static_cast<uint32_t>(10 * i));
    x->set_end(static_cast<uint32_t>(10 * i + 5));
  }
}

Actor* AddActor(NormalizedArticle& r, uint32_t id, const std::string& name, Actor::Type type,
                int mentions) {
  Actor* a = r.add_actors();
  a->set_id(id);
  a->set_name(name);
  a->set_type(type);
  AddMentions(a->mutable_mentions(), mentions);
  return a;
}

Location* AddPlace(NormalizedArticle& r, const std::string& name, int64_t geonames_id,
                   const std::string& cc, int mentions) {
  Location* l = r.add_locations();
  l->set_name(name);
  l->set_geonames_id(geonames_id);
  l->set_country_code(cc);
  l->set_latitude(59.91273);
  l->set_longitude(10.74609);
  l->set_feature(Location::CITY);
  AddMentions(l->mutable_mentions(), mentions);
  return l;
}

Quote* AddQuote(NormalizedArticle& r, const std::string& text, std::optional<uint32_t> speaker,
                const std::string& cue) {
  Quote* q = r.add_quotes();
  q->set_text(text);
  q->set_begin(0);
  q->set_end(static_cast<uint32_t>(text.size()));
  if (speaker) q->set_speaker_id(*speaker);
  q->set_cue(cue);
  q->set_kind(Quote::FULL);
  return q;
}

NormalizedArticle Sample() {
  NormalizedArticle r;
  r.set_id("x1");
  r.set_source("NRK");
  r.set_title("Storm closes\nroads around Oslo");
  r.set_published_at("2026-03-02T09:15:00Z");
  Actor* psaki = AddActor(r, 1, "Jen Psaki", Actor::PERSON, 2);
  psaki->add_roles("press secretary");
  psaki->set_country_code("US");
  AddActor(r, 2, "Norwegian Red Cross", Actor::ORGANIZATION, 1);
  AddQuote(r, "We are ready,", 1, "said");
  AddQuote(r, "Roads stay shut", std::nullopt, ":");
  AddPlace(r, "Oslo", 3143244, "NO", 1);
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.push_back(s.substr(start, nl - start));
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool ValidUtf8Boundaries(const std::string& s) {
  // No lead byte may be followed by fewer continuation bytes than it announces.
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(RecordToJson, PrintsZeroValuesWithProtoFieldNames) {
  NormalizedArticle r = Sample();
  r.mutable_locations(0)->set_country_code("");
  r.mutable_provenance()->set_partition(0);
  std::string json = RecordToJson(r, false);
  EXPECT_EQ(json.find('\n'), std::string::npos) << json;
  EXPECT_NE(json.find("\"begin\":0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"country_code\":\"\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"published_at\":\"2026-03-02T09:15:00Z\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"language\":\"\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"partition\":0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"demonym\":false"), std::string::npos) << json;
  EXPECT_EQ(json.find("publishedAt"), std::string::npos) << json;
}

TEST(RecordToJson, UnsetSpeakerStaysAbsent) {
  NormalizedArticle r;
  AddQuote(r, "Nobody said this", std::nullopt, "");
  EXPECT_EQ(RecordToJson(r, false).find("speaker_id"), std::string::npos);
  r.mutable_quotes(0)->set_speaker_id(0);  // set, even to zero: present
  EXPECT_NE(RecordToJson(r, false).find("\"speaker_id\":0"), std::string::npos);
}

TEST(RecordToJson, PrettyIsTheSameRecordIndented) {
  NormalizedArticle r = Sample();
  std::string pretty = RecordToJson(r, true);
  EXPECT_GT(Lines(pretty).size(), 10u);
  EXPECT_NE(pretty.find("\n  \"id\": \"x1\""), std::string::npos) << pretty;
  EXPECT_NE(pretty.back(), '\n');
  NormalizedArticle back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(pretty, &back).ok());
  EXPECT_EQ(back.SerializeAsString(), r.SerializeAsString());
  NormalizedArticle back_line;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(RecordToJson(r, false), &back_line).ok());
  EXPECT_EQ(back_line.SerializeAsString(), r.SerializeAsString());
}

TEST(RecordSummary, ListsActorsQuotesAndPlaces) {
  std::string s = RecordSummary(Sample());
  auto lines = Lines(s);
  EXPECT_EQ(s.back(), '\n');
  ASSERT_GE(lines.size(), 11u) << s;
  EXPECT_EQ(lines[0], "title: Storm closes roads around Oslo");  // the line break is gone
  EXPECT_EQ(lines[1], "id: x1  source: NRK  published: 2026-03-02T09:15:00Z");
  EXPECT_EQ(lines[2], "actors (2)");
  EXPECT_EQ(lines[3], "  name                 type          roles            country  mentions");
  EXPECT_EQ(lines[4], "  Jen Psaki            PERSON        press secretary  US       2");
  EXPECT_EQ(lines[5], "  Norwegian Red Cross  ORGANIZATION  -                -        1");
  EXPECT_EQ(lines[6], "quotes (2)");
  EXPECT_EQ(lines[7], "  speaker    cue   text");
  EXPECT_EQ(lines[8], "  Jen Psaki  said  We are ready,");
  EXPECT_EQ(lines[9], "  (unknown)  :     Roads stay shut");
  EXPECT_EQ(lines[10], "places (1)");
  EXPECT_EQ(lines[11], "  name  geonames_id  country  lat, lon            feature");
  EXPECT_EQ(lines[12], "  Oslo  3143244      NO       59.91273, 10.74609  CITY");
}

TEST(RecordSummary, AlignsColumnsByCharactersNotBytes) {
  NormalizedArticle r;
  AddActor(r, 1, "Zo\xC3\xAB Kr\xC3\xBCger", Actor::PERSON, 1);  // 10 characters, 12 bytes
  AddActor(r, 2, "Ann Lee", Actor::PERSON, 1);
  auto lines = Lines(RecordSummary(r));
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[4], "  Zo\xC3\xAB Kr\xC3\xBCger  PERSON  -      -        1");
  EXPECT_EQ(lines[5], "  Ann Lee     PERSON  -      -        1");
}

TEST(RecordSummary, EmptyArticleSaysSo) {
  EXPECT_EQ(RecordSummary(NormalizedArticle()),
            "title: (no title)\nid: -  source: -  published: -\nactors (0)\nquotes (0)\n"
            "places (0)\n");
}

TEST(RecordLogLine, OneLineWithTopActorsQuotesAndPlaces) {
  NormalizedArticle r = Sample();
  EXPECT_EQ(RecordLogLine(r),
            "\"Storm closes roads around Oslo\" | actors: Jen Psaki, Norwegian Red Cross"
            " | quotes: Jen Psaki: \"We are ready,\"; (unknown): \"Roads stay shut\""
            " | places: Oslo (NO)");
}

TEST(RecordLogLine, KeepsTheMostMentionedAndCountsTheRest) {
  NormalizedArticle r;
  r.set_title("Summit");
  AddActor(r, 1, "Once", Actor::PERSON, 1);
  AddActor(r, 2, "Thrice", Actor::PERSON, 3);
  AddActor(r, 3, "Twice A", Actor::ORGANIZATION, 2);
  AddActor(r, 4, "Twice B", Actor::PERSON, 2);
  AddActor(r, 5, "Also once", Actor::PERSON, 1);
  for (int i = 0; i < 4; ++i) AddQuote(r, "q" + std::to_string(i), 2, "said");
  AddPlace(r, "Europe", 6255148, "", 1);
  AddPlace(r, "Oslo", 3143244, "NO", 4);
  AddPlace(r, "Bergen", 3161732, "NO", 2);
  AddPlace(r, "Paris", 2988507, "FR", 1);
  EXPECT_EQ(RecordLogLine(r),
            "\"Summit\" | actors: Thrice, Twice A, Twice B +2"
            " | quotes: Thrice: \"q0\"; Thrice: \"q1\" +2"
            " | places: Oslo (NO), Bergen (NO), Europe +1");
}

TEST(RecordLogLine, CutsLongTextAtCharacterBoundaries) {
  NormalizedArticle r;
  std::string title;
  for (int i = 0; i < 40; ++i) title += "\xC3\xA9t\xC3\xA9 ";  // "été " × 40: 160 characters
  r.set_title(title);
  AddActor(r, 1, "Anna", Actor::PERSON, 1);
  AddQuote(r, std::string(200, 'x') + "\nend", 1, "said");
  std::string line = RecordLogLine(r);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_TRUE(ValidUtf8Boundaries(line)) << line;
  ASSERT_EQ(line.front(), '"');
  std::string cut_title = line.substr(1, line.find('"', 1) - 1);
  EXPECT_EQ(CodePoints(cut_title), 60u) << cut_title;  // 59 characters and the ellipsis
  EXPECT_TRUE(cut_title.ends_with("\xE2\x80\xA6"));
  EXPECT_NE(line.find("Anna: \"" + std::string(39, 'x') + "\xE2\x80\xA6\""), std::string::npos)
      << line;
  EXPECT_LT(CodePoints(line), 160u);
}

TEST(RecordLogLine, EmptyArticle) {
  EXPECT_EQ(RecordLogLine(NormalizedArticle()),
            "(no title) | actors: none | quotes: none | places: none");
}

TEST(RecordLogLine, DanglingSpeakerIdIsShown) {
  NormalizedArticle r;
  AddQuote(r, "Hi", 7, "said");
  EXPECT_NE(RecordLogLine(r).find("actor #7: \"Hi\""), std::string::npos) << RecordLogLine(r);
}

}  // namespace
}  // namespace newsflow::pipeline
