#include "daemon/extract/sports.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/extract/entity_markup.h"

namespace newsflow::extract {
namespace {

using testing::ParseMarkup;

struct ReportCase {
  const char* markup;
  bool report;
};

class Reports : public ::testing::TestWithParam<ReportCase> {};

TEST_P(Reports, TellsResultsFromOtherNews) {
  const auto m = ParseMarkup(GetParam().markup);
  EXPECT_EQ(ReportsSportsResults(m.text, m.tokens, m.entities), GetParam().report)
      << GetParam().markup;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Reports,
    ::testing::Values(
        // Wire slugs, one or two words, any case; the sport must be the last word.
        ReportCase{"SOCCER - KEANE SIGNS FOUR-YEAR CONTRACT .", true},
        ReportCase{"RUGBY UNION - {Griqualand West|O} AND {New Zealand|L} DRAW .", true},
        ReportCase{"Tennis - Seles wins in {Montreal|L} .", true},
        ReportCase{"UNION - Workers vote on the deal .", false},
        ReportCase{"ECONOMY - Rates rise in {Ohio|L} .", false},
        // Scores, standings, fixtures, "X beat Y".
        ReportCase{"{Steaua Bucharest|O} 2 {Dinamo Bucharest|O} 1\n{Rapid Bucharest|O} 0 "
                   "{Gloria Bistrita|O} 2",
                   true},
        ReportCase{"SOCCER-ENGLISH LEAGUE RESULTS .", true},  // glued slugs
        ReportCase{"Tennis-Seles wins in {Montreal|L} .", true},
        ReportCase{"SOCCER \xE2\x80\x93 FIXTURES .", true},
        ReportCase{"{Cardiff|O} v. {Colchester|O} , {Plymouth|O} V {Preston|O} .", true},
        // Headlines whose last word is no sport alone.
        ReportCase{"ARAB LEAGUE - Ministers meet in {Cairo|L} .", false},
        ReportCase{"EUROPEAN UNION - Ministers meet in {Brussels|L} .", false},
        ReportCase{"AIR FORCE ONE - The plane landed .", false},
        // Numbers after organizations that are no scores; "held" is no result.
        ReportCase{"The {FTSE|O} 100 fell while the {S&P|O} 500 rose . Votes went 4-1 .", false},
        ReportCase{"A {Boeing|O} 737 landed . The {Boeing|O} 737 MAX waits . Votes went 4-1 .",
                   false},
        ReportCase{"{Toyota|O} beat forecasts while {Honda|O} held its outlook .", false},
        ReportCase{"The {Supreme Court|O} held 5-4 that the law stands .", false},
        ReportCase{"Exit poll : {Labour|O} 52 , {Conservatives|O} 48 . {Ohio|L} 18 , "
                   "{Florida|L} 29 .",
                   false},
        ReportCase{"{Dundee United|O} 3 0 1 2 1 3 1\n{Kilmarnock|O} 3 1 0 2 5 7 3", true},
        ReportCase{"{Cardiff|O} v {Colchester|O} , {Plymouth|O} v {Preston|O} .", true},
        ReportCase{"The {Colorado Rockies|O} beat the {Pittsburgh Pirates|O} on Sunday .", true},
        ReportCase{"{Leeds|O} won 2-1 at home .", false},  // one sign only
        ReportCase{"{Leeds|O} beat {Hull|O} 2-1 .", true},
        // Business news with numbers is no report.
        ReportCase{"{Apple|O} said sales rose 12 percent in {Ohio|L} . Votes went 4-1 .", false},
        ReportCase{"{Toyota|O} beat forecasts . Shares closed at 1,200 yen .", false}));

TEST(RetypeTeams, ClubsOfAResultsPageAreOrganizationsNationalTeamsPlaces) {
  auto m = ParseMarkup(
      "SOCCER - FIXTURES .\n{Swansea|O} v {Lincoln|L} , {Oxford|L} v {Reading|O} .\n"
      "{Japan|L} 2 {Syria|L} 1 . {England|L} v {Wales|L} . Fans flew from {London|L} .\n"
      "{Czech Republic|L} v {Dundee|L} .");
  ASSERT_TRUE(ReportsSportsResults(m.text, m.tokens, m.entities));
  RetypeTeams(m.text, m.tokens, m.entities);
  std::vector<std::string> orgs, places;
  for (const EntitySpan& e : m.entities) {
    std::string s(
        m.text.substr(m.tokens.tokens[e.first_token].begin,
                      m.tokens.tokens[e.end_token - 1].end - m.tokens.tokens[e.first_token].begin));
    (e.type == EntityType::kOrganization ? orgs : places).push_back(s);
  }
  EXPECT_EQ(orgs, (std::vector<std::string>{"Swansea", "Lincoln", "Oxford", "Reading", "Dundee"}));
  EXPECT_EQ(places, (std::vector<std::string>{"Japan", "Syria", "England", "Wales", "London",
                                              "Czech Republic"}));
}

TEST(SportSlugTokens, CountsTheSlugsWords) {
  auto one = ParseMarkup("CRICKET - ENGLAND WIN .");
  EXPECT_EQ(SportSlugTokens(one.text, one.tokens), 1u);
  auto two = ParseMarkup("MOTOR RACING - HILL WINS .");
  EXPECT_EQ(SportSlugTokens(two.text, two.tokens), 2u);
  auto none = ParseMarkup("GENEVA - Talks resumed .");
  EXPECT_EQ(SportSlugTokens(none.text, none.tokens), 0u);
}

}  // namespace
}  // namespace newsflow::extract
