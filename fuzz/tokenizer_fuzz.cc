// libFuzzer target: Tokenize on any valid UTF-8. Checks the invariants later stages index by:
// tokens are non-empty, in order, inside the text and on code point boundaries; sentences
// partition the tokens in order.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace {

bool Boundary(std::string_view s, size_t i) {
  return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!newsflow::extract::IsValidUtf8(text)) return -1;
  newsflow::extract::TokenizedText out;
  newsflow::extract::Tokenize(text, out);
  uint32_t prev_end = 0;
  for (const auto& t : out.tokens) {
    Check(t.begin < t.end && t.end <= text.size() && t.begin >= prev_end);
    Check(Boundary(text, t.begin) && Boundary(text, t.end));
    prev_end = t.end;
  }
  uint32_t next = 0;
  for (const auto& s : out.sentences) {
    Check(s.first_token == next && s.end_token > s.first_token);
    next = s.end_token;
  }
  Check(next == out.tokens.size());
  return 0;
}
