#pragma once
// Test helper: hand-made entity spans written inline, "{Jen Psaki|P} told {IAEA|O}", so that
// actor and quote tests do not depend on a trained NER model. P = PER, O = ORG, L = LOC,
// M = MISC. The markup is removed; spans are mapped to the real tokenizer's token ranges.
// Slice() reads a code point range of a result back as text.

#include <string>

#include "daemon/extract/entities.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract::testing {

struct Marked {
  std::string text;
  TokenizedText tokens;
  EntitySpans entities;
};

inline Marked ParseMarkup(const std::string& markup) {
  Marked m;
  struct Byte {
    size_t b, e;
    EntityType type;
  };
  std::vector<Byte> spans;
  size_t i = 0;
  while (i < markup.size()) {
    if (markup[i] == '{') {
      const size_t bar = markup.find('|', i);
      const size_t close = markup.find('}', i);
      const std::string name = markup.substr(i + 1, bar - i - 1);
      const char t = markup[bar + 1];
      const EntityType type = t == 'P'   ? EntityType::kPerson
                              : t == 'O' ? EntityType::kOrganization
                              : t == 'L' ? EntityType::kLocation
                                         : EntityType::kMisc;
      spans.push_back({m.text.size(), m.text.size() + name.size(), type});
      m.text += name;
      i = close + 1;
    } else {
      m.text.push_back(markup[i++]);
    }
  }
  Tokenize(m.text, m.tokens);
  for (const Byte& s : spans) {
    EntitySpan e;
    e.type = s.type;
    e.first_token = e.end_token = 0;
    bool found = false;
    for (uint32_t k = 0; k < m.tokens.tokens.size(); ++k) {
      const Token& tok = m.tokens.tokens[k];
      if (tok.begin == s.b) {
        e.first_token = k;
        found = true;
      }
      if (found && tok.end <= s.e) e.end_token = k + 1;
    }
    if (found && e.end_token > e.first_token) m.entities.push_back(e);
  }
  return m;
}

// The text of the code point range [begin, end): what an offset in a result points at.
inline std::string Slice(const std::string& text, uint32_t begin, uint32_t end) {
  std::string out;
  size_t i = 0;
  uint32_t cp = 0;
  while (i < text.size()) {
    const char32_t c = DecodeUtf8(text, i);
    if (cp >= begin && cp < end) AppendUtf8(out, c);
    ++cp;
  }
  return out;
}

}  // namespace newsflow::extract::testing
