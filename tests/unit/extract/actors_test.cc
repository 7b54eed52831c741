#include "daemon/extract/actors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/extract/utf8.h"
#include "tests/unit/extract/entity_markup.h"

namespace newsflow::extract {
namespace {

using testing::ParseMarkup;

// Text of a code point range.
std::string Slice(const std::string& text, uint32_t begin, uint32_t end) {
  std::string out;
  size_t i = 0;
  uint32_t cp = 0;
  while (i < text.size()) {
    char32_t c = DecodeUtf8(text, i);
    if (cp >= begin && cp < end) AppendUtf8(out, c);
    ++cp;
  }
  return out;
}

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
                  "South Korean President {Moon Jae-in|P} will visit.",
                  {{"Moon Jae-in", P, {"Moon Jae-in"}, {"President"}, "KR"}}},
        ActorCase{"MultiWordRole",
                  "Japanese Prime Minister {Yoshihide Suga|P} met him.",
                  {{"Yoshihide Suga", P, {"Yoshihide Suga"}, {"Prime Minister"}, "JP"}}},
        ActorCase{"PossessiveRoleAppositive",
                  "{Biden|P}\xE2\x80\x99s press secretary, {Jen Psaki|P}, told reporters.",
                  {{"Biden", P, {"Biden"}}, {"Jen Psaki", P, {"Jen Psaki"}, {"press secretary"}}}},
        ActorCase{"RoleAppositiveAfter",
                  "{Jenny Town|P}, director of {38 North|O}, said so.",
                  {{"Jenny Town", P, {"Jenny Town"}, {"director of 38 North"}},
                   {"38 North", O, {"38 North"}}}},
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
                  {{"Jen Psaki", P, {"Jen Psaki"}}}}),
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

TEST(Actors, Demonyms) {
  EXPECT_EQ(CountryOfDemonym("South", "Korean"), "KR");
  EXPECT_EQ(CountryOfDemonym("North", "Korean"), "KP");
  EXPECT_EQ(CountryOfDemonym("", "Korean"), "");
  EXPECT_EQ(CountryOfDemonym("", "U.S."), "US");
  EXPECT_EQ(CountryOfDemonym("", "Japanese"), "JP");
}

}  // namespace
}  // namespace newsflow::extract
