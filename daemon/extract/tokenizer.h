#pragma once
// Tokenizer and sentence splitter for English news text (UTF-8 in, byte offsets out).
// Thread safety: free functions, no shared state. Allocation: reuses `out`'s capacity.

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsflow::extract {

struct Token {
  uint32_t begin = 0;  // byte offset into the text, inclusive
  uint32_t end = 0;    // byte offset, exclusive
  uint32_t flags = 0;  // TokenFlag bits
};

enum TokenFlag : uint32_t {
  kParagraphStart = 1u << 0,  // first token after a blank line / newline-separated paragraph
  kSentenceStart = 1u << 1,
  kQuoteMark = 1u << 2,   // a double or single quotation mark (not an apostrophe)
  kOpenQuote = 1u << 3,   // quote mark judged to open a quote
  kCloseQuote = 1u << 4,  // quote mark judged to close a quote
  kPunct = 1u << 5,
  kNumber = 1u << 6,
  kPossessive = 1u << 7,  // "'s" / "’s" split off a name
};

struct Sentence {
  uint32_t first_token = 0;  // index into tokens
  uint32_t end_token = 0;    // exclusive
};

struct TokenizedText {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  void clear() {
    tokens.clear();
    sentences.clear();
  }
};

// Splits `text` into tokens and sentences. Never fails; precondition: valid UTF-8.
void Tokenize(std::string_view text, TokenizedText& out);

}  // namespace newsflow::extract
