#include "daemon/extract/credits.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/utf8.h"
#include "tests/unit/extract/entity_markup.h"
#include "tests/unit/print_case.h"

namespace newsflow::extract {
namespace {

using testing::ParseMarkup;
using testing::Slice;

Credits Find(const std::string& text) {
  TokenizedText tokens;
  Tokenize(text, tokens);
  const OffsetMap offsets(text);
  Credits got;
  FindCredits(text, tokens, offsets, got);
  return got;
}

struct ExpectedCredit {
  CreditKind kind;
  std::vector<std::string> people;
  std::vector<std::string> agencies = {};
  std::string role = "";
};

struct CreditCase {
  const char* name;
  const char* text;
  std::vector<ExpectedCredit> credits;
};

void PrintTo(const CreditCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.text, os);
}

class CreditTable : public ::testing::TestWithParam<CreditCase> {};

TEST_P(CreditTable, Finds) {
  const CreditCase& c = GetParam();
  const std::string text = c.text;
  const Credits got = Find(text);
  ASSERT_EQ(got.credits.size(), c.credits.size()) << text;
  for (size_t i = 0; i < c.credits.size(); ++i) {
    EXPECT_EQ(got.credits[i].kind, c.credits[i].kind) << i;
    EXPECT_EQ(got.credits[i].people, c.credits[i].people) << i;
    EXPECT_EQ(got.credits[i].agencies, c.credits[i].agencies) << i;
    EXPECT_EQ(got.credits[i].role, c.credits[i].role) << i;
    EXPECT_LT(got.credits[i].begin, got.credits[i].end);
  }
}

using K = CreditKind;

INSTANTIATE_TEST_SUITE_P(
    Styles, CreditTable,
    ::testing::Values(
        // Bylines: Reuters, AP, newspapers.
        CreditCase{"ReutersByline",
                   "By Jane Smith and Tom Hale, Reuters\n\nThe talks ended.",
                   {{K::kByline, {"Jane Smith", "Tom Hale"}, {"Reuters"}}}},
        CreditCase{"ApByline",
                   "By JANE SMITH, Associated Press Writer\n\nThe talks ended.",
                   {{K::kByline, {"JANE SMITH"}, {"Associated Press"}}}},
        CreditCase{"PipeByline",
                   "By Ana Ruiz | The Harbor Gazette\n\nThe talks ended.",
                   {{K::kByline, {"Ana Ruiz"}, {"The Harbor Gazette"}}}},
        CreditCase{"AgencyOnlyByline",
                   "By the Associated Press\n\nThe talks ended.",
                   {{K::kByline, {}, {"Associated Press"}}}},
        CreditCase{"ByInProseIsNoByline", "By July 2013, the show was named after Hale.\n", {}},
        CreditCase{"ByInLongParagraphIsNoByline",
                   "By Monday the ministry, which had said nothing for weeks, confirmed that "
                   "the two delegations would meet again in Geneva before the end of the month.",
                   {}},
        // Contributor lines.
        CreditCase{"ReutersTail",
                   "The talks ended.\n\n(Reporting by Jane Smith in Geneva and Tom Hale in Bern; "
                   "Additional reporting by Ana Ruiz; Editing by Mark Potter)",
                   {{K::kContributor, {"Jane Smith", "Tom Hale"}, {}, "reporting"},
                    {K::kContributor, {"Ana Ruiz"}, {}, "additional reporting"},
                    {K::kContributor, {"Mark Potter"}, {}, "editing"}}},
        CreditCase{"WritingBy",
                   "The talks ended.\n\nWriting by Luis Moreno; Editing by Kim Lee and Sara Ots",
                   {{K::kContributor, {"Luis Moreno"}, {}, "writing"},
                    {K::kContributor, {"Kim Lee", "Sara Ots"}, {}, "editing"}}},
        CreditCase{
            "UsaTodayContributing",
            "The talks ended.\n\nContributing: Dana Hollis and Greg Toppo, USA TODAY",
            {{K::kContributor, {"Dana Hollis", "Greg Toppo"}, {"USA TODAY"}, "contributing"}}},
        CreditCase{
            "ContributedToThisReport",
            "The talks ended. Associated Press writers Jane Smith in Geneva and Tom Hale "
            "contributed to this report.",
            {{K::kContributor, {"Jane Smith", "Tom Hale"}, {"Associated Press"}, "contributed"}}},
        CreditCase{"SignedByIsNoCredit", "The deal, signed by Hale and Smith, was a win.", {}},
        // Photo credits in several agencies' styles.
        CreditCase{"ApPhoto",
                   "President Ana Ruiz speaks in the Oval Office. (AP Photo/Evan Vucci)",
                   {{K::kPhoto, {"Evan Vucci"}, {"AP Photo"}}}},
        CreditCase{"ReutersFilePhoto",
                   "FILE PHOTO: A man walks in Kyiv, Ukraine, March 5, 2022. "
                   "REUTERS/Gleb Garanich/File Photo",
                   {{K::kPhoto, {"Gleb Garanich"}, {"REUTERS"}}}},
        CreditCase{"AlJazeeraFileCaption",
                   "[File: Protesters in Kyiv. Gleb Garanich/Reuters]",
                   {{K::kPhoto, {"Gleb Garanich"}, {"Reuters"}}}},
        CreditCase{"GettyVia",
                   "(Photo by Jane Doe/AFP via Getty Images)",
                   {{K::kPhoto, {"Jane Doe"}, {"AFP", "Getty Images"}}}},
        CreditCase{"GuardianLabel",
                   "The harbour at dawn. Photograph: Tom Hale/EPA",
                   {{K::kPhoto, {"Tom Hale"}, {"EPA"}}}},
        CreditCase{"PollSponsorsAreNoPhotoCredit",
                   "A Reuters/Ipsos poll and the NBC News/Wall Street Journal survey agree.",
                   {}},
        CreditCase{"SlashWordsAreNoPhotoCredit",
                   "He said the AC/DC show and the Yes/No vote mattered.",
                   {}},
        // Source and copyright lines.
        CreditCase{"AlJazeeraSource",
                   "The talks ended.\n\nSource: Al Jazeera and news agencies",
                   {{K::kSource, {}, {"Al Jazeera", "news agencies"}}}},
        CreditCase{"Copyright",
                   "The talks ended.\n\nCopyright 2024 The Associated Press. All rights "
                   "reserved.",
                   {{K::kCopyright, {}, {"The Associated Press"}}}},
        CreditCase{"CopyrightSign",
                   "The talks ended.\n\n© 2024 Reuters",
                   {{K::kCopyright, {}, {"Reuters"}}}}));

struct DatelineCase {
  const char* text;
  const char* place;  // nullptr: no dateline
  const char* date = "";
  const char* agency = "";
};

class DatelineTable : public ::testing::TestWithParam<DatelineCase> {};

TEST_P(DatelineTable, Finds) {
  const DatelineCase& c = GetParam();
  const std::string text = c.text;
  const Credits got = Find(text);
  if (c.place == nullptr) {
    EXPECT_EQ(got.dateline.end, 0u) << got.dateline.place;
    return;
  }
  ASSERT_NE(got.dateline.end, 0u) << text;
  EXPECT_EQ(got.dateline.place, c.place);
  EXPECT_EQ(got.dateline.date, c.date);
  EXPECT_EQ(got.dateline.agency, c.agency);
  EXPECT_EQ(Slice(text, got.dateline.begin, got.dateline.end).substr(0, 3),
            std::string(c.place).substr(0, 3));
}

INSTANTIATE_TEST_SUITE_P(
    Styles, DatelineTable,
    ::testing::Values(
        DatelineCase{"GENEVA, March 5 (Reuters) - Talks ended.", "GENEVA", "March 5", "Reuters"},
        DatelineCase{"WASHINGTON, D.C., Dec. 8 (UPI) — The Senate voted.", "WASHINGTON, D.C.",
                     "Dec. 8", "UPI"},
        DatelineCase{"KYIV, Ukraine (AP) — Shelling resumed.", "KYIV, Ukraine", "", "AP"},
        DatelineCase{"ST. LOUIS (AP) — A man was hurt.", "ST. LOUIS", "", "AP"},
        DatelineCase{"LONDON 1996-08-30\nLeeds beat Liverpool 2-1.", "LONDON", "1996-08-30"},
        DatelineCase{"BEIJING — China said no.", "BEIJING"},
        DatelineCase{"Washington (AFP) – The US said no.", "Washington", "", "AFP"},
        DatelineCase{"Tom Hale — the senator — said no.", nullptr},
        DatelineCase{"The senator said no - again.", nullptr}));

// The actors an article's credits name are not its actors; a credited name also in the story
// keeps the story's mentions only.
TEST(Credits, CreditedNamesLeaveTheActors) {
  auto m = ParseMarkup(
      "{GENEVA|L} ({Reuters|O}) - {Ana Ruiz|P} met {Tom Hale|P}.\n\n"
      "Hale said {Reuters|O} had asked.\n\n"
      "By {Jane Smith|P}, {Reuters|O}\n\n"
      "[File: {Ruiz|P} in {Geneva|L}. {Gleb Garanich|P}/{Reuters|O}]");
  OffsetMap offsets(m.text);
  Credits credits;
  FindCredits(m.text, m.tokens, offsets, credits);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  DropCreditedMentions(credits, offsets, set);
  std::vector<std::string> names;
  for (const Actor& a : set.actors) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Ana Ruiz", "Tom Hale", "Reuters"}));
  for (size_t i = 0; i < set.actors.size(); ++i) EXPECT_EQ(set.actors[i].id, i + 1);
  ASSERT_EQ(set.actors[2].mentions.size(), 1u);  // "Hale said Reuters had asked" only
  EXPECT_EQ(Slice(m.text, set.actors[2].mentions[0].begin, set.actors[2].mentions[0].end),
            "Reuters");
  for (const ActorMentionRef& r : set.mentions) {
    ASSERT_LT(r.actor_index, set.actors.size());
    EXPECT_EQ(set.genders.size(), set.actors.size());
  }
  EXPECT_EQ(credits.dateline.agency, "Reuters");
  ASSERT_EQ(credits.credits.size(), 2u);
  EXPECT_EQ(credits.credits[1].people, std::vector<std::string>{"Gleb Garanich"});
}

}  // namespace
}  // namespace newsflow::extract
