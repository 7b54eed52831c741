#include "daemon/extract/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::lexicon {
namespace {

TEST(Lexicon, ContainsFindsListedWordsWithAsciiCaseFolded) {
  EXPECT_TRUE(Contains(List::kSpeechVerbs, "said"));
  EXPECT_TRUE(Contains(List::kSpeechVerbs, "Said"));
  EXPECT_TRUE(Contains(List::kSpeechVerbs, "SAID"));
  EXPECT_TRUE(Contains(List::kQuoteAbbreviations, "U.S"));
  EXPECT_TRUE(Contains(List::kStatementNouns, "op-ed"));
  EXPECT_TRUE(Contains(List::kMonthNames, "May"));
  EXPECT_TRUE(Contains(List::kCountryNamePhrases, "south georgia and the south sandwich islands"));
}

TEST(Lexicon, ContainsMissesWordsOfOtherListsAndNearMisses) {
  EXPECT_FALSE(Contains(List::kSpeechVerbs, "sai"));
  EXPECT_FALSE(Contains(List::kSpeechVerbs, "saidx"));
  EXPECT_FALSE(Contains(List::kSpeechVerbs, "president"));  // a role head, not a cue
  EXPECT_FALSE(Contains(List::kSpeechVerbs, ""));
  EXPECT_FALSE(Contains(List::kSpeechVerbs, std::string(200, 's')));
  // "may" is a month for the dateline finder only: as a role word it would be a modal verb.
  EXPECT_FALSE(Contains(List::kCalendarWords, "May"));
  // A longer word sharing the first eight bytes ("spokeswo-") is another word.
  EXPECT_TRUE(Contains(List::kRoleHeads, "spokeswoman"));
  EXPECT_FALSE(Contains(List::kRoleHeads, "spokeswomen"));
}

TEST(Lexicon, FoldsOnlyAscii) {
  // "São Tomé" is listed lowercase; its non-ASCII capitals are not folded.
  EXPECT_TRUE(Contains(List::kCountryNamePhrases, "S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe"));
  EXPECT_FALSE(Contains(List::kCountryNamePhrases, "S\xC3\x83O TOM\xC3\x89 AND PR\xC3\x8DNCIPE"));
}

TEST(Lexicon, ContainsExactMatchesOnlyTheWordAsWritten) {
  EXPECT_TRUE(ContainsExact(List::kNotPlaceWords, "reading"));
  EXPECT_FALSE(ContainsExact(List::kNotPlaceWords, "Reading"));
  EXPECT_TRUE(Contains(List::kNotPlaceWords, "Reading"));
  EXPECT_TRUE(ContainsExact(List::kNotPlaceWords, "white house"));
  EXPECT_FALSE(ContainsExact(List::kNotPlaceWords, "whitehouse"));
}

TEST(Lexicon, LookupGivesEveryListOfAWordAndTheCountry) {
  const Entry said = Lookup("Said");
  EXPECT_TRUE(said.lists.Has(List::kSpeechVerbs));
  EXPECT_TRUE(said.lists.Has(List::kInvertibleSpeechVerbs));
  EXPECT_TRUE(said.lists.Has(List::kClauseStops));
  EXPECT_FALSE(said.lists.Has(List::kSpeechParticiples));
  EXPECT_TRUE(said.country_code.empty());

  const Entry kenyan = Lookup("Kenyan");
  EXPECT_TRUE(kenyan.lists.Has(List::kDemonyms));
  EXPECT_TRUE(kenyan.lists.Has(List::kDemonymPhrases));
  EXPECT_FALSE(kenyan.lists.Has(List::kCountryNames));
  EXPECT_EQ(kenyan.country_code, "KE");

  // A multi-word demonym is in the phrase list only: tokens are single words.
  const Entry south_korean = Lookup("south korean");
  EXPECT_TRUE(south_korean.lists.Has(List::kDemonymPhrases));
  EXPECT_FALSE(south_korean.lists.Has(List::kDemonyms));
  EXPECT_EQ(south_korean.country_code, "KR");
  // "Korean" alone names neither Korea.
  EXPECT_TRUE(Lookup("Korean").lists.Empty());

  // Georgia is left out (mostly the US state).
  EXPECT_TRUE(Lookup("Georgia").lists.Empty());
  EXPECT_TRUE(Lookup("zzz").lists.Empty());
}

TEST(Lexicon, EveryListIsLowercaseAndNonEmpty) {
  for (unsigned l = 0; l < static_cast<unsigned>(List::kCount); ++l) {
    const auto list = static_cast<List>(l);
    const auto words = Words(list);
    EXPECT_FALSE(words.empty()) << "list " << l;
    for (std::string_view w : words) {
      EXPECT_FALSE(std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
          << "list " << l << ": " << w;
      // Every word of a list is found in it, both ways.
      EXPECT_TRUE(Contains(list, w)) << "list " << l << ": " << w;
      EXPECT_TRUE(ContainsExact(list, w)) << "list " << l << ": " << w;
    }
  }
}

TEST(Lexicon, QuoteAbbreviationBoundMatchesTheList) {
  size_t longest = 0;
  for (std::string_view w : Words(List::kQuoteAbbreviations)) longest = std::max(longest, w.size());
  EXPECT_EQ(longest, quote_internal::kMaxAbbrevBytes);
}

}  // namespace
}  // namespace newsflow::extract::lexicon
