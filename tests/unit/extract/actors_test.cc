#include "daemon/extract/actors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/extract/utf8.h"
#include "tests/unit/extract/entity_markup.h"
#include "tests/unit/print_case.h"

namespace newsflow::extract {
namespace {

using testing::ParseMarkup;
using testing::Slice;

struct Expected {
  std::string name;
  ActorType type;
  std::vector<std::string> mentions;
  std::vector<std::string> roles = {};
  std::string country = "";
};

struct ActorCase {
  const char* name;
  const char* markup;
  std::vector<Expected> actors;
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const ActorCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.markup, os);
}

class ActorTable : public ::testing::TestWithParam<ActorCase> {};

TEST_P(ActorTable, Groups) {
  const ActorCase& c = GetParam();
  auto m = ParseMarkup(c.markup);
  OffsetMap offsets(m.text);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  ASSERT_EQ(set.actors.size(), c.actors.size()) << m.text;
  for (size_t i = 0; i < c.actors.size(); ++i) {
    const Actor& a = set.actors[i];
    const Expected& e = c.actors[i];
    EXPECT_EQ(a.id, i + 1);
    EXPECT_EQ(a.name, e.name);
    EXPECT_EQ(a.type, e.type) << e.name;
    std::vector<std::string> mentions;
    for (const Mention& mm : a.mentions) mentions.push_back(Slice(m.text, mm.begin, mm.end));
    EXPECT_EQ(mentions, e.mentions) << e.name;
    EXPECT_EQ(a.roles, e.roles) << e.name;
    EXPECT_EQ(a.country_code, e.country) << e.name;
  }
}

constexpr ActorType P = ActorType::kPerson;
constexpr ActorType O = ActorType::kOrganization;

INSTANTIATE_TEST_SUITE_P(
    Table, ActorTable,
    ::testing::Values(
        ActorCase{"Empty", "", {}},
        ActorCase{"SurnameJoinsFullName",
                  "{Jen Psaki|P} spoke on Friday. Later {Psaki|P} left.",
                  {{"Jen Psaki", P, {"Jen Psaki", "Psaki"}}}},
        ActorCase{"FullNameAfterSurname",
                  "{Psaki|P} spoke. Press aide {Jen Psaki|P} left.",
                  {{"Jen Psaki", P, {"Psaki", "Jen Psaki"}}}},
        ActorCase{"FamilyNameFirst",
                  "North Korean leader {Kim Jong Un|P} met envoys. {Kim|P} smiled.",
                  {{"Kim Jong Un", P, {"Kim Jong Un", "Kim"}, {"leader"}, "KP"}}},
        ActorCase{"TitleInsideSpanAndPossessive",
                  "{Joe Biden|P} arrived. {Mr. Biden|P} spoke, and {Biden|P}\xE2\x80\x99s aides "
                  "left.",
                  {{"Joe Biden", P, {"Joe Biden", "Biden", "Biden"}}}},
        ActorCase{"PossessiveInsideSpan",
                  "{Joe Biden|P} arrived. {Biden's|P} aides left.",
                  {{"Joe Biden", P, {"Joe Biden", "Biden"}}}},
        ActorCase{"SurnameTaggedOrgJoinsPerson",
                  "{Dana Hollis|P} spoke. {Hollis|O} said more, and {Hollis|M}\xE2\x80\x99s aide "
                  "left.",
                  {{"Dana Hollis", P, {"Dana Hollis", "Hollis", "Hollis"}}}},
        ActorCase{"SurnameTaggedOrgBeforeFullName",
                  "{Hollis|O} said no. Later {Dana Hollis|P} spoke.",
                  {{"Dana Hollis", P, {"Hollis", "Dana Hollis"}}}},
        ActorCase{"FamilyNameFirstTaggedOrg",
                  "Envoy {Wu Lanfen|P} arrived. {Wu|O} said little.",
                  {{"Wu Lanfen", P, {"Wu Lanfen", "Wu"}, {"Envoy"}}}},
        ActorCase{"SurnameAsOrganizationNameStays",
                  "{Dana Hollis|P} spoke. {Hollis Inc|O} and the {Hollis|O} replied.",
                  {{"Dana Hollis", P, {"Dana Hollis"}},
                   {"Hollis Inc", O, {"Hollis Inc"}},
                   {"Hollis", O, {"Hollis"}}}},
        ActorCase{"OrganizationShortForm",
                  "{The Harbor Gazette|O} reported it first. The {Gazette|O} said more.",
                  {{"Harbor Gazette", O, {"Harbor Gazette", "Gazette"}}}},
        ActorCase{"OrganizationShortFormBeforeFullName",
                  "The {Gazette|O} said so. {The Harbor Gazette|O} agreed.",
                  {{"Harbor Gazette", O, {"Gazette", "Harbor Gazette"}}}},
        ActorCase{
            "GenericLastWordIsNoShortForm",
            "The {Harbor Department|O} spoke. The {Department|O} left.",
            {{"Harbor Department", O, {"Harbor Department"}}, {"Department", O, {"Department"}}}},
        ActorCase{"SharedSurnameMostRecent",
                  "{Bill Clinton|P} spoke first. Then {Hillary Clinton|P} spoke. {Clinton|P} "
                  "added more.",
                  {{"Bill Clinton", P, {"Bill Clinton"}},
                   {"Hillary Clinton", P, {"Hillary Clinton", "Clinton"}}}},
        ActorCase{"SharedSurnameGenderFromTitle",
                  "{Bill Clinton|P} spoke first. Then {Hillary Clinton|P} spoke. Mr. {Clinton|P} "
                  "added more.",
                  {{"Bill Clinton", P, {"Bill Clinton", "Clinton"}},
                   {"Hillary Clinton", P, {"Hillary Clinton"}}}},
        ActorCase{"RolePremodifierAndCountry",
                  "South Korean President {Park Ji-hoon|P} will visit.",
                  {{"Park Ji-hoon", P, {"Park Ji-hoon"}, {"President"}, "KR"}}},
        ActorCase{"MultiWordRole",
                  "Japanese Prime Minister {Kenji Mori|P} met him.",
                  {{"Kenji Mori", P, {"Kenji Mori"}, {"Prime Minister"}, "JP"}}},
        ActorCase{"PossessiveRoleAppositive",
                  "{Lopez|P}\xE2\x80\x99s spokeswoman, {Ana Ruiz|P}, met donors.",
                  {{"Lopez", P, {"Lopez"}}, {"Ana Ruiz", P, {"Ana Ruiz"}, {"spokeswoman"}}}},
        ActorCase{"RoleAppositiveAfter",
                  "{Ana Ruiz|P}, director of {Harbor Watch|O}, said so.",
                  {{"Ana Ruiz", P, {"Ana Ruiz"}, {"director of Harbor Watch"}},
                   {"Harbor Watch", O, {"Harbor Watch"}}}},
        ActorCase{"ClauseIsNotARole",
                  "In Seoul the president spoke, {Jen Psaki|P} said.",
                  {{"Jen Psaki", P, {"Jen Psaki"}}}},
        ActorCase{"AcronymInParentheses",
                  "The {International Atomic Energy Agency|O} ({IAEA|O}) reported. The {IAEA|O} "
                  "said more.",
                  {{"International Atomic Energy Agency",
                    O,
                    {"International Atomic Energy Agency", "IAEA", "IAEA"}}}},
        ActorCase{"AcronymUntaggedInParentheses",
                  "The {International Atomic Energy Agency|O} (IAEA) reported. The {IAEA|O} said.",
                  {{"International Atomic Energy Agency",
                    O,
                    {"International Atomic Energy Agency", "IAEA", "IAEA"}}}},
        ActorCase{"AcronymFromInitials",
                  "The {European Central Bank|O} met. The {ECB|O} said.",
                  {{"European Central Bank", O, {"European Central Bank", "ECB"}}}},
        ActorCase{"MissedNameAfterRole",
                  "South Korean President Moon Jae-in met {Joe Biden|P}. Moon smiled.",
                  {{"Moon Jae-in", P, {"Moon Jae-in", "Moon"}, {"President"}, "KR"},
                   {"Joe Biden", P, {"Joe Biden"}}}},
        ActorCase{"MistypedRoleLedName",
                  "President {Moon Jae-in|M} spoke.",
                  {{"Moon Jae-in", P, {"Moon Jae-in"}, {"President"}}}},
        ActorCase{"AppositiveRoleWithoutNer",
                  "Jenny Town, director of {38 North|O}, said so.",
                  {{"Jenny Town", P, {"Jenny Town"}, {"director of 38 North"}},
                   {"38 North", O, {"38 North"}}}},
        ActorCase{"LocationsAndMiscIgnored",
                  "{Seoul|L} and {Korean|M} officials met {Jen Psaki|P}.",
                  {{"Jen Psaki", P, {"Jen Psaki"}}}},
        ActorCase{"CodePointOffsets",
                  "Zo\xC3\xAB and \xE2\x80\x9C{Jen Psaki|P}\xE2\x80\x9D met.",
                  {{"Jen Psaki", P, {"Jen Psaki"}}}},
        // An organization's country: in its name, or right before it.
        ActorCase{"OrganizationCountryFromItsName",
                  "The {U.S. Navy|O}, the {Kenya Red Cross|O}, {Swiss Bank Corp|O}, the "
                  "{Bank of Canada|O} and {General Motors|O} met.",
                  {{"U.S. Navy", O, {"U.S. Navy"}, {}, "US"},
                   {"Kenya Red Cross", O, {"Kenya Red Cross"}, {}, "KE"},
                   {"Swiss Bank Corp", O, {"Swiss Bank Corp"}, {}, "CH"},
                   {"Bank of Canada", O, {"Bank of Canada"}, {}, "CA"},
                   {"General Motors", O, {"General Motors"}, {}, ""}}},
        ActorCase{"OrganizationCountryWholePhrasesOnly",
                  "The {New Mexico State University|O} and the {Panama City Police|O} met.",
                  {{"New Mexico State University", O, {"New Mexico State University"}, {}, ""},
                   {"Panama City Police", O, {"Panama City Police"}, {}, ""}}},
        ActorCase{"OrganizationCountryBeforeIt",
                  "The South Korean {Foreign Ministry|O} said {Japan|L}'s {Toyota|O} would help.",
                  {{"Foreign Ministry", O, {"Foreign Ministry"}, {}, "KR"},
                   {"Toyota", O, {"Toyota"}, {}, "JP"}}},
        // Affiliation country and portfolio roles.
        ActorCase{"PortfolioRoleAndDemonym",
                  "Norwegian Fisheries Minister {Ola Berg|P} left early.",
                  {{"Ola Berg", P, {"Ola Berg"}, {"Fisheries Minister"}, "NO"}}},
        ActorCase{"DemonymAndRoleInsideSpan",
                  "{Dutch Transport Minister Anna Visser|P} opened the bridge.",
                  {{"Anna Visser", P, {"Anna Visser"}, {"Transport Minister"}, "NL"}}},
        ActorCase{"RoleInsideSpanDemonymBefore",
                  "Polish {Energy Minister Jan Nowicki|P} disagreed.",
                  {{"Jan Nowicki", P, {"Jan Nowicki"}, {"Energy Minister"}, "PL"}}},
        ActorCase{"PossessiveCountryRoleAppositive",
                  "{Kenya|L}\xE2\x80\x99s energy minister, {Ruth Wanjiru|P}, disagreed.",
                  {{"Ruth Wanjiru", P, {"Ruth Wanjiru"}, {"energy minister"}, "KE"}}},
        ActorCase{"TwoWordPossessiveCountry",
                  "South Korea's trade minister, {Park Min-ho|P}, flew home.",
                  {{"Park Min-ho", P, {"Park Min-ho"}, {"trade minister"}, "KR"}}},
        ActorCase{"TwoWordDemonym",
                  "Sri Lankan President {Ranil Perera|P} arrived.",
                  {{"Ranil Perera", P, {"Ranil Perera"}, {"President"}, "LK"}}},
        ActorCase{"UsStateIsNoCountry",
                  "{Georgia|L}'s governor, {Brian Kemp|P}, signed it.",
                  {{"Brian Kemp", P, {"Brian Kemp"}, {"governor"}}}},
        ActorCase{"ClauseBeforeCommaGivesNoCountry",
                  "In Hungary the minister spoke, {Anna Kovacs|P} said.",
                  {{"Anna Kovacs", P, {"Anna Kovacs"}}}},
        ActorCase{"DemonymNounRefersToEarlierPerson",
                  "{Faith Chepkoech|P} won the race. Her coach, {Tom Mwangi|P}, said the Kenyan "
                  "was tired.",
                  {{"Faith Chepkoech", P, {"Faith Chepkoech", "the Kenyan"}, {}, "KE"},
                   {"Tom Mwangi", P, {"Tom Mwangi"}, {"coach"}}}},
        ActorCase{"DemonymAdjectiveIsNoMention",
                  "{Faith Chepkoech|P} won the race. Then the Kenyan government said no.",
                  {{"Faith Chepkoech", P, {"Faith Chepkoech"}}}},
        ActorCase{"DemonymNounKeepsOtherCountry",
                  "Brazilian President {Joao Lima|P} spoke. Then the Kenyan was sent off.",
                  {{"Joao Lima", P, {"Joao Lima"}, {"President"}, "BR"}}},
        // Hyphenated given names after a person span.
        ActorCase{"HyphenatedGivenNameTaggedMisc",
                  "{Park|P} {Ji-hoon|M} scored twice.",
                  {{"Park Ji-hoon", P, {"Park Ji-hoon"}}}},
        ActorCase{"HyphenatedGivenNameUntagged",
                  "Photo: {Lim|P} Soo-E/Agency",
                  {{"Lim Soo-E", P, {"Lim Soo-E"}}}},
        ActorCase{"CompoundAdjectiveIsNoGivenName",
                  "Senator {Lee|P} Obama-era rules stay.",
                  {{"Lee", P, {"Lee"}, {"Senator"}}}},
        // Organization names the recognizer cut short.
        ActorCase{"OrganizationTakesOfPlaceAndCoordinatedWord",
                  "The Harbour and {Port Authority|O} of {Fredonia|L} signed the deal.",
                  {{"Harbour and Port Authority of Fredonia",
                    O,
                    {"Harbour and Port Authority of Fredonia"}}}},
        ActorCase{"OnlyInstitutionHeadsExtend",
                  "Shares of Apple and {Google|O} of {California|L} rose.",
                  {{"Google", O, {"Google"}}}},
        ActorCase{"TaggedNeighbourIsNotTaken",
                  "{Oslo|L} and {Port Authority|O} staff met.",
                  {{"Port Authority", O, {"Port Authority"}}}},
        // Organization spans that are places.
        ActorCase{"CoordinatedPlaceAfterPreposition",
                  "Trains between {Brig|O} and {Zermatt|L} stopped.",
                  {}},
        ActorCase{"CoordinatedPlaceAfterLocation",
                  "Hotels around {Zermatt|L} and {Verbier|O} closed early.",
                  {}},
        ActorCase{"CoordinatedPlacesBeforePlural",
                  "Rain flooded {Kisumu|L} and {Busia|O} counties on Tuesday.",
                  {}},
        // The same text tagged LOC elsewhere does not make an organization a place: clubs
        // carry their city's name (issue 14: a third of CoNLL's ORG names were lost so).
        ActorCase{"SameTextTaggedLocationElsewhereStaysAnOrganization",
                  "Fans in {Leeds|L} cheered. {Leeds|O} beat {Liverpool|O} 2-1.",
                  {{"Leeds", O, {"Leeds"}}, {"Liverpool", O, {"Liverpool"}}}},
        ActorCase{"CoordinationWithoutPlaceContextKeepsOrganization",
                  "{Russia|L} and {Gazprom|O} signed a deal.",
                  {{"Gazprom", O, {"Gazprom"}}}}),
    [](const ::testing::TestParamInfo<ActorCase>& info) { return std::string(info.param.name); });

TEST(Actors, CodePointOffsetsAreExact) {
  auto m = ParseMarkup("Zo\xC3\xAB met {Jen Psaki|P}.");
  OffsetMap offsets(m.text);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  ASSERT_EQ(set.actors.size(), 1u);
  EXPECT_EQ(set.actors[0].mentions[0].begin, 8u);  // "Zoë met " is 8 code points, 9 bytes
  EXPECT_EQ(set.actors[0].mentions[0].end, 17u);
  EXPECT_EQ(set.mentions[0].begin, 9u);  // byte offsets for later stages
}

TEST(Actors, GenderFromFirstNameAndTitle) {
  auto m = ParseMarkup("{Jen Psaki|P} and Mr. {Lee|P} met.");
  OffsetMap offsets(m.text);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  ASSERT_EQ(set.genders.size(), 2u);
  EXPECT_EQ(set.genders[0], Gender::kFemale);
}

TEST(Actors, AddSpeakerActorJoinsSurname) {
  auto m = ParseMarkup("{Jen Psaki|P} spoke. Psaki said so.");
  OffsetMap offsets(m.text);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  const auto pos = static_cast<uint32_t>(m.text.find("Psaki said"));
  EXPECT_EQ(AddSpeakerActor(m.text, pos, pos + 5, ActorType::kPerson, offsets, set), 0u);
  EXPECT_EQ(set.actors.size(), 1u);
  EXPECT_GE(set.actors[0].mentions.size(), 2u);
}

// The geoparser's places: an ORG span that is exactly a resolved place mention is no actor,
// unless the place is used as an agent ("Verbier said").
TEST(Actors, GeoparserPlacesAreNoOrganizations) {
  auto m = ParseMarkup("{Verbier|O} reopened its slopes.");
  OffsetMap offsets(m.text);
  std::vector<Location> places(1);
  places[0].name = "Verbier";
  places[0].mentions.push_back(Mention{0, 7, false, false});
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set, &places);
  EXPECT_TRUE(set.actors.empty());
  places[0].mentions[0].agent = true;
  GroupActors(m.text, m.tokens, m.entities, offsets, set, &places);
  ASSERT_EQ(set.actors.size(), 1u);
  EXPECT_EQ(set.actors[0].name, "Verbier");
  GroupActors(m.text, m.tokens, m.entities, offsets, set);  // no geoparser
  EXPECT_EQ(set.actors.size(), 1u);
}

struct DescriptionCase {
  const char* name;
  const char* text;  // the speaker phrase is the last occurrence of `speaker`
  const char* speaker;
  const char* want_name;
  const char* want_country;
  size_t want_mentions;
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const DescriptionCase& c, std::ostream* os) {
  *os << c.name << ": \"" << c.text << '"';
}

class DescriptionTable : public ::testing::TestWithParam<DescriptionCase> {};

// "the institute said": a description-only organization speaker takes the fuller description
// and country of its antecedent.
TEST_P(DescriptionTable, FullerDescription) {
  const DescriptionCase& c = GetParam();
  auto m = ParseMarkup(c.text);
  OffsetMap offsets(m.text);
  ActorSet set;
  GroupActors(m.text, m.tokens, m.entities, offsets, set);
  const auto pos = static_cast<uint32_t>(m.text.rfind(c.speaker));
  const auto len = static_cast<uint32_t>(std::string(c.speaker).size());
  const uint32_t idx =
      AddSpeakerActor(m.text, pos, pos + len, ActorType::kOrganization, offsets, set);
  ASSERT_LT(idx, set.actors.size());
  EXPECT_EQ(set.actors[idx].name, c.want_name);
  EXPECT_EQ(set.actors[idx].country_code, c.want_country);
  EXPECT_EQ(set.actors[idx].mentions.size(), c.want_mentions);
  for (size_t i = 1; i < set.mentions.size(); ++i) {
    EXPECT_LE(set.mentions[i - 1].begin, set.mentions[i].begin);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, DescriptionTable,
    ::testing::Values(
        DescriptionCase{"PossessiveCountry",
                        "Norway\xE2\x80\x99s glacier monitoring institute raised its alert. "
                        "Roads closed, the institute said.",
                        "institute", "glacier monitoring institute", "NO", 2},
        DescriptionCase{"Demonym",
                        "The Danish weather agency issued a warning. Later the agency said more.",
                        "agency", "weather agency", "DK", 2},
        DescriptionCase{"NoAntecedent", "The institute said it was ready.", "institute",
                        "institute", "", 1},
        DescriptionCase{"BareAntecedentOnly", "An institute opened. Later the institute said so.",
                        "institute", "institute", "", 1},
        DescriptionCase{"JoinsOrganizationWithSameHead",
                        "The {South Korean foreign ministry|O} spoke first. Later the ministry "
                        "said more.",
                        // The name's demonym gives the organization's country.
                        "ministry", "South Korean foreign ministry", "KR", 2}),
    [](const ::testing::TestParamInfo<DescriptionCase>& info) {
      return std::string(info.param.name);
    });

TEST(Actors, Demonyms) {
  EXPECT_EQ(CountryOfDemonym("South", "Korean"), "KR");
  EXPECT_EQ(CountryOfDemonym("North", "Korean"), "KP");
  EXPECT_EQ(CountryOfDemonym("", "Korean"), "");
  EXPECT_EQ(CountryOfDemonym("", "U.S."), "US");
  EXPECT_EQ(CountryOfDemonym("", "Japanese"), "JP");
  EXPECT_EQ(CountryOfDemonym("", "Dutch"), "NL");
  EXPECT_EQ(CountryOfDemonym("", "Polish"), "PL");
  EXPECT_EQ(CountryOfDemonym("", "Kenyan"), "KE");
  EXPECT_EQ(CountryOfDemonym("", "Swiss"), "CH");
  EXPECT_EQ(CountryOfDemonym("Sri", "Lankan"), "LK");
  EXPECT_EQ(CountryOfDemonym("New", "Zealand"), "NZ");
  EXPECT_EQ(CountryOfDemonym("Prime", "Japanese"), "JP");  // falls back to the word alone
  EXPECT_EQ(CountryOfDemonym("", "us"), "");               // the pronoun, not the country
  EXPECT_EQ(CountryOfDemonym("", "Hungary"), "");          // a name, not a demonym
  EXPECT_EQ(CountryOfName("Hungary"), "HU");
  EXPECT_EQ(CountryOfName("South Korea"), "KR");
  EXPECT_EQ(CountryOfName("Switzerland"), "CH");
  EXPECT_EQ(CountryOfName("Georgia"), "");  // usually the US state in English news
  EXPECT_EQ(CountryOfName("Atlantis"), "");
}

// Every ISO 3166-1 code the table knows has a name or a demonym, and the commonest demonyms of
// news text resolve.
TEST(Actors, DemonymTableCoversCommonCountries) {
  const std::pair<const char*, const char*> cases[] = {
      {"Mexican", "MX"},  {"Nigerian", "NG"},   {"Ukrainian", "UA"}, {"Brazilian", "BR"},
      {"Filipino", "PH"}, {"Vietnamese", "VN"}, {"Argentine", "AR"}, {"Thai", "TH"},
      {"Saudi", "SA"},    {"Emirati", "AE"},    {"Ethiopian", "ET"}, {"Chilean", "CL"}};
  for (const auto& [word, code] : cases) EXPECT_EQ(CountryOfDemonym("", word), code) << word;
}

}  // namespace
}  // namespace newsflow::extract
