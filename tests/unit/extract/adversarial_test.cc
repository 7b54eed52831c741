// Pathological bodies that once took quadratic time in the extraction stages. Each test checks
// what comes out; the inputs are large enough (about a megabyte, the pipeline's message limit,
// or more) that the old code ran for minutes, so this binary's ctest TIMEOUT catches a
// regression without any test measuring time itself.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/credits.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {
namespace {

constexpr size_t kMegabyte = 1 << 20;

std::string Repeat(std::string_view unit, size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// A distinct capitalized word for every i ("Qba", "Qbe", ..., "Qbaba", ...), no real name.
std::string Word(size_t i) {
  static constexpr char kCons[] = "bdfgklmnprstvz";
  static constexpr char kVowels[] = "aeiou";
  std::string w = "Q";  // no English word, title or role starts with "Qb"
  do {
    w += kCons[i % 14];
    i /= 14;
    w += kVowels[i % 5];
    i /= 5;
  } while (i > 0);
  return w;
}

struct Output {
  ActorSet actors;
  std::vector<Quote> quotes;
};

// Actors from `entities` (token ranges), then quotes, as the Extractor runs them.
Output Extract(const std::string& text, const TokenizedText& tokens, const EntitySpans& entities) {
  Output r;
  const OffsetMap offsets(text);
  GroupActors(text, tokens, entities, offsets, r.actors);
  ExtractQuotes(text, offsets, r.actors, r.quotes);
  return r;
}

Output Extract(const std::string& text) {
  TokenizedText tokens;
  Tokenize(text, tokens);
  return Extract(text, tokens, {});
}

// One paragraph, no sentence end: every quote used to scan back to the paragraph start.
TEST(Adversarial, UnclosedQuotesInOneParagraph) {
  const std::string unit = "He said \"x ";
  const std::string text = Repeat(unit, kMegabyte);
  const Output r = Extract(text);
  // Each mark opens, the next one closes: half as many quotes as marks.
  ASSERT_EQ(r.quotes.size(), text.size() / unit.size() / 2);
  for (const Quote& q : r.quotes) ASSERT_EQ(q.text, "x He said ");
}

TEST(Adversarial, QuotesWithoutCuesInOneParagraph) {
  const std::string text = Repeat("\"x\" \"y\" ", kMegabyte);
  const Output r = Extract(text);
  ASSERT_EQ(r.quotes.size(), text.size() / 4);
  EXPECT_EQ(r.quotes.front().text, "x");
  EXPECT_EQ(r.quotes.back().text, "y");
}

// Every dot of "a.a.a." is a possible sentence end; each one walked the whole run back to
// rule out an abbreviation.
TEST(Adversarial, LongInitialismBeforeAQuote) {
  const std::string text = Repeat("a.", kMegabyte) + "x \"Now,\" he said.";
  const Output r = Extract(text);
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "Now,");
  EXPECT_EQ(r.quotes[0].cue, "said");
}

// Each new name was compared with every actor before it.
TEST(Adversarial, ThousandsOfDistinctNames) {
  std::string text;
  size_t names = 0;
  while (text.size() < 3 * kMegabyte) {
    text += Word(2 * names) + " " + Word(2 * names + 1) + " met them. ";
    ++names;
  }
  TokenizedText tokens;
  Tokenize(text, tokens);
  EntitySpans entities;
  for (uint32_t t = 0; t < tokens.tokens.size(); t += 5) {
    EntitySpan e;
    e.type = EntityType::kPerson;
    e.first_token = t;
    e.end_token = t + 2;
    entities.push_back(e);
  }
  const Output r = Extract(text, tokens, entities);
  ASSERT_EQ(r.actors.actors.size(), names);
  EXPECT_EQ(r.actors.actors.back().name, Word(2 * names - 2) + " " + Word(2 * names - 1));
}

// Every speaker the recognizer missed was compared with every actor before it.
TEST(Adversarial, ThousandsOfNewSpeakers) {
  std::string text;
  size_t quotes = 0;
  while (text.size() < 4 * kMegabyte) {
    text += "\"We won,\" said " + Word(quotes) + " Tamm. ";
    ++quotes;
  }
  const Output r = Extract(text);
  ASSERT_EQ(r.quotes.size(), quotes);
  ASSERT_EQ(r.actors.actors.size(), quotes);
  EXPECT_EQ(r.actors.actors[r.quotes.back().speaker_id - 1].name, Word(quotes - 1) + " Tamm");
}

// Credit openers with nothing to close them: each scan is bounded, so the finder stays linear.
// Guillemets decide their direction from the first one and trim the spaces inside: a megabyte
// of marks and no-break spaces stays linear.
TEST(Adversarial, GuillemetsAndSpaces) {
  for (const char* unit : {"\xC2\xBB \xC2\xA0", "\xC2\xAB\xC2\xA0 x \xC2\xA0\xC2\xBB ",
                           "\xC2\xBBx\xC2\xAB \xC2\xBB"}) {
    const std::string text = Repeat(unit, kMegabyte) + "\n\n\"Now,\" he said.";
    const Output r = Extract(text);
    // The last unit may open a quote that the next paragraph's mark continues.
    ASSERT_FALSE(r.quotes.empty()) << unit;
    EXPECT_TRUE(r.quotes.back().text.ends_with("Now,")) << unit;
  }
}

TEST(Adversarial, CreditOpenersWithoutEnd) {
  for (const char* unit : {"(Editing by Qba Qbe ", "Photo: Qba Qbe ", "Qba/Reuters/",
                           "Qba Qbe contributed to this report ", "By Qba, "}) {
    const std::string text = Repeat(unit, kMegabyte);
    TokenizedText tokens;
    Tokenize(text, tokens);
    const OffsetMap offsets(text);
    Credits credits;
    FindCredits(text, tokens, offsets, credits);
    EXPECT_LE(credits.credits.size(), text.size() / 4) << unit;
  }
}

// A mark whose first byte looks like a capital's ("…", "“", "—") inside a source, copyright or
// byline line once stopped the name scanner on the spot: the article never finished (found by
// the extractor fuzzer). A hang here hits the test's TIMEOUT.
TEST(Adversarial, MarksInCreditLinesEndTheNames) {
  for (const char* line :
       {"Source: \xE2\x80\xA6 agencies", "COPYRIGHT \xE2\x80\x9CH\xE2\x80\xA6\xE2\x80\x9D y.",
        "By Ana Ruiz \xE2\x80\x94 Reuters", "Sources: News \xE2\x80\x9C agencies"}) {
    const std::string text = std::string("Talks resumed.\n\n") + line;
    TokenizedText tokens;
    Tokenize(text, tokens);
    const OffsetMap offsets(text);
    Credits credits;
    FindCredits(text, tokens, offsets, credits);
    EXPECT_LE(credits.credits.size(), 1u) << line;
  }
}

}  // namespace
}  // namespace newsflow::extract
