#pragma once
// UTF-8 helpers shared by the extraction stages and the pipeline. Offsets reported outside the
// library are code points; inside, stages work on bytes and convert once at the end.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::extract {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Decodes one code point at s[i]; advances i. Precondition: valid UTF-8. Inline: the tokenizer
// and the geoparser call it per character, and most characters are ASCII.
inline char32_t DecodeUtf8(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// Appends the UTF-8 encoding of `cp`.
void AppendUtf8(std::string& out, char32_t cp);

// Number of code points in `s` (valid UTF-8).
size_t CodePointCount(std::string_view s);

// ASCII case-insensitive equality against a lowercase literal: the words the stages compare
// (titles, cue words, heads) are ASCII, so no Unicode folding is needed.
inline bool EqLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != lower[i]) return false;
  }
  return true;
}

// Maps byte offsets to code point offsets for one text. Build once per article, O(n).
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  // Code point index of the character starting at (or containing) byte offset `byte`.
  uint32_t ToCodePoint(size_t byte) const { return cp_of_byte_[byte]; }

 private:
  std::vector<uint32_t> cp_of_byte_;  // size text.size() + 1
};

}  // namespace newsflow::extract
