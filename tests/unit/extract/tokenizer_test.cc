#include "daemon/extract/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/print_case.h"

namespace newsflow::extract {
namespace {

std::vector<std::string> Words(std::string_view text, const TokenizedText& t) {
  std::vector<std::string> out;
  for (const Token& tok : t.tokens) out.emplace_back(text.substr(tok.begin, tok.end - tok.begin));
  return out;
}

struct SplitCase {
  const char* name;
  const char* text;
  std::vector<std::string> tokens;
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const SplitCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.text, os);
}

class TokenizerSplit : public ::testing::TestWithParam<SplitCase> {};

TEST_P(TokenizerSplit, Tokens) {
  const SplitCase& c = GetParam();
  TokenizedText t;
  Tokenize(c.text, t);
  EXPECT_EQ(Words(c.text, t), c.tokens) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizerSplit,
    ::testing::Values(
        SplitCase{"Empty", "", {}}, SplitCase{"Plain", "The cat sat.", {"The", "cat", "sat", "."}},
        SplitCase{"HyphenatedName",
                  "Moon Jae-in met Ri Sol-ju.",
                  {"Moon", "Jae-in", "met", "Ri", "Sol-ju", "."}},
        SplitCase{"NonAsciiName",
                  "Zo\xC3\xAB Kr\xC3\xBCger left",
                  {"Zo\xC3\xAB", "Kr\xC3\xBCger", "left"}},
        SplitCase{"Abbreviations",
                  "Mr. Lee and Gen. Park of the U.S. Army met on Jan. 5.",
                  {"Mr.", "Lee", "and", "Gen.", "Park", "of", "the", "U.S.", "Army", "met", "on",
                   "Jan.", "5", "."}},
        SplitCase{"PossessiveCurly", "Smith\xE2\x80\x99s aide", {"Smith", "\xE2\x80\x99s", "aide"}},
        SplitCase{"PossessiveAscii", "the board's vote", {"the", "board", "'s", "vote"}},
        SplitCase{
            "Contraction", "they don\xE2\x80\x99t know", {"they", "don\xE2\x80\x99t", "know"}},
        SplitCase{"Decade",
                  "the \xE2\x80\x99"
                  "90s boom",
                  {"the",
                   "\xE2\x80\x99"
                   "90s",
                   "boom"}},
        SplitCase{"Numbers",
                  "It cost $1,250.50 at 10:30 on 2021-05-03.",
                  {"It", "cost", "$", "1,250.50", "at", "10:30", "on", "2021-05-03", "."}},
        SplitCase{"Dashes",
                  "talks \xE2\x80\x94 if any \xE2\x80\x93 stall",
                  {"talks", "\xE2\x80\x94", "if", "any", "\xE2\x80\x93", "stall"}},
        SplitCase{"Ellipsis", "Well... no", {"Well", "...", "no"}},
        SplitCase{"Dateline",
                  "SEOUL, May 3 (Reuters) - Talks ended.",
                  {"SEOUL", ",", "May", "3", "(", "Reuters", ")", "-", "Talks", "ended", "."}},
        SplitCase{
            "Headline", "MARKETS RALLY AS FED HOLDS", {"MARKETS", "RALLY", "AS", "FED", "HOLDS"}},
        SplitCase{"CurlyQuotes",
                  "\xE2\x80\x9CNo,\xE2\x80\x9D she said.",
                  {"\xE2\x80\x9C", "No", ",", "\xE2\x80\x9D", "she", "said", "."}}),
    [](const ::testing::TestParamInfo<SplitCase>& info) { return std::string(info.param.name); });

struct FlagCase {
  const char* name;
  const char* text;
  size_t token;
  uint32_t must_have;
  uint32_t must_not_have;
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const FlagCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.text, os);
}

class TokenizerFlags : public ::testing::TestWithParam<FlagCase> {};

TEST_P(TokenizerFlags, Flags) {
  const FlagCase& c = GetParam();
  TokenizedText t;
  Tokenize(c.text, t);
  ASSERT_LT(c.token, t.tokens.size()) << c.text;
  uint32_t f = t.tokens[c.token].flags;
  EXPECT_EQ(f & c.must_have, c.must_have) << c.text << " flags=" << f;
  EXPECT_EQ(f & c.must_not_have, 0u) << c.text << " flags=" << f;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizerFlags,
    ::testing::Values(
        FlagCase{"CurlyOpen", "He said \xE2\x80\x9Cyes\xE2\x80\x9D.", 2, kQuoteMark | kOpenQuote,
                 kCloseQuote},
        FlagCase{"CurlyClose", "He said \xE2\x80\x9Cyes\xE2\x80\x9D.", 4, kQuoteMark | kCloseQuote,
                 kOpenQuote},
        FlagCase{"StraightOpen", "He said \"yes\" twice.", 2, kQuoteMark | kOpenQuote, kCloseQuote},
        FlagCase{"StraightClose", "He said \"yes\" twice.", 4, kQuoteMark | kCloseQuote,
                 kOpenQuote},
        FlagCase{"StraightAfterParen", "(\"fine\")", 1, kOpenQuote, kCloseQuote},
        FlagCase{"SingleOpen",
                 "no \xE2\x80\x98"
                 "big deal\xE2\x80\x99 now",
                 1, kQuoteMark | kOpenQuote, 0},
        FlagCase{"SingleClose",
                 "no \xE2\x80\x98"
                 "big deal\xE2\x80\x99 now",
                 4, kQuoteMark | kCloseQuote, kPossessive},
        FlagCase{"PossessiveIsNotQuote", "Psaki\xE2\x80\x99s remark", 1, kPossessive, kQuoteMark},
        FlagCase{"ContractionIsNotPossessive", "There\xE2\x80\x99s time", 1, 0,
                 kPossessive | kQuoteMark},
        FlagCase{"PluralPossessive", "the Smiths\xE2\x80\x99 house", 2, kPossessive, kQuoteMark},
        FlagCase{"ApostropheInWordIsNotQuote", "don\xE2\x80\x99t", 0, 0, kQuoteMark | kPunct},
        FlagCase{"Number", "about 1,200 troops", 1, kNumber, kPunct},
        FlagCase{"Punct", "Yes, sir", 1, kPunct, kNumber},
        FlagCase{"FirstParagraph", "One.\nTwo.", 0, kParagraphStart | kSentenceStart, 0},
        FlagCase{"SecondParagraph", "One.\nTwo.", 2, kParagraphStart | kSentenceStart, 0},
        FlagCase{"BlankLineParagraph", "One\n\nTwo", 1, kParagraphStart | kSentenceStart, 0},
        FlagCase{"NotParagraphStart", "One two", 1, 0, kParagraphStart | kSentenceStart}),
    [](const ::testing::TestParamInfo<FlagCase>& info) { return std::string(info.param.name); });

struct SentenceCase {
  const char* name;
  const char* text;
  std::vector<std::string> first_words;  // first token of each sentence
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const SentenceCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.text, os);
}

class TokenizerSentences : public ::testing::TestWithParam<SentenceCase> {};

TEST_P(TokenizerSentences, Sentences) {
  const SentenceCase& c = GetParam();
  TokenizedText t;
  Tokenize(c.text, t);
  std::vector<std::string> words = Words(c.text, t);
  std::vector<std::string> firsts;
  uint32_t expect_next = 0;
  for (const Sentence& s : t.sentences) {
    EXPECT_EQ(s.first_token, expect_next);  // sentences tile the tokens
    EXPECT_LT(s.first_token, s.end_token);
    expect_next = s.end_token;
    firsts.push_back(words[s.first_token]);
  }
  EXPECT_EQ(expect_next, t.tokens.size());
  EXPECT_EQ(firsts, c.first_words) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizerSentences,
    ::testing::Values(
        SentenceCase{"Two", "It rained. We left.", {"It", "We"}},
        SentenceCase{
            "AbbreviationDoesNotSplit", "Mr. Lee met Dr. Kim. They talked.", {"Mr.", "They"}},
        SentenceCase{"InitialismMidSentence", "The U.S. Navy sailed.", {"The"}},
        SentenceCase{"LowercaseAfterPeriod", "It was 5 p.m. on time.", {"It"}},
        SentenceCase{"QuoteAfterPeriod",
                     "\xE2\x80\x9CWe wait.\xE2\x80\x9D Then he left.",
                     {"\xE2\x80\x9C", "Then"}},
        SentenceCase{"QuestionThenQuote", "Why? \"Because.\"", {"Why", "\""}},
        SentenceCase{"Paragraphs", "HEADLINE IN CAPS\nFirst line here.", {"HEADLINE", "First"}},
        SentenceCase{"Dateline",
                     "SEOUL, May 3 (Reuters) - Talks ended. More came.",
                     {"SEOUL", "Talks", "More"}}),
    [](const ::testing::TestParamInfo<SentenceCase>& info) {
      return std::string(info.param.name);
    });

TEST(Tokenizer, OffsetsAreBytesAndReuseOutput) {
  std::string text = "\xE2\x80\x9CHi\xE2\x80\x9D";
  TokenizedText t;
  Tokenize("stale words here", t);
  Tokenize(text, t);
  ASSERT_EQ(t.tokens.size(), 3u);
  EXPECT_EQ(t.tokens[0].begin, 0u);
  EXPECT_EQ(t.tokens[0].end, 3u);
  EXPECT_EQ(t.tokens[1].begin, 3u);
  EXPECT_EQ(t.tokens[1].end, 5u);
  EXPECT_EQ(t.tokens[2].end, text.size());
  ASSERT_EQ(t.sentences.size(), 1u);
}

// Invariants on generated text mixing the characters the rules care about: tokens are ordered,
// non-empty, inside the text, start and end on code point boundaries, and sentences tile them.
TEST(Tokenizer, InvariantsOnGeneratedText) {
  const char* pieces[] = {"a",
                          "Z",
                          "7",
                          " ",
                          "\n",
                          ".",
                          ",",
                          "'",
                          "\"",
                          "-",
                          "(",
                          ")",
                          "!",
                          "?",
                          "Mr.",
                          "U.S",
                          "s",
                          "\xE2\x80\x99",
                          "\xE2\x80\x98",
                          "\xE2\x80\x9C",
                          "\xE2\x80\x9D",
                          "\xE2\x80\x94",
                          "\xC3\xA9",
                          "\xE2\x80\xA6",
                          "\xC2\xA0",
                          "\t",
                          "$",
                          ":"};
  const size_t np = sizeof(pieces) / sizeof(pieces[0]);
  uint64_t state = 12345;
  TokenizedText t;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const int len = static_cast<int>((state >> 40) % 40);
    for (int k = 0; k < len; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text += pieces[(state >> 33) % np];
    }
    Tokenize(text, t);
    uint32_t prev_end = 0;
    for (const Token& tok : t.tokens) {
      ASSERT_LT(tok.begin, tok.end) << text;
      ASSERT_GE(tok.begin, prev_end) << text;
      ASSERT_LE(tok.end, text.size()) << text;
      ASSERT_NE(static_cast<unsigned char>(text[tok.begin]) & 0xC0, 0x80u) << text;
      if (tok.end < text.size()) {
        ASSERT_NE(static_cast<unsigned char>(text[tok.end]) & 0xC0, 0x80u) << text;
      }
      prev_end = tok.end;
    }
    uint32_t next = 0;
    for (const Sentence& s : t.sentences) {
      ASSERT_EQ(s.first_token, next) << text;
      ASSERT_LT(s.first_token, s.end_token) << text;
      next = s.end_token;
    }
    ASSERT_EQ(next, t.tokens.size()) << text;
  }
}

}  // namespace
}  // namespace newsflow::extract
