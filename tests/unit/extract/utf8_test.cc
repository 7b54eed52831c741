#include "daemon/extract/utf8.h"

#include <gtest/gtest.h>

namespace newsflow::extract {
namespace {

TEST(Utf8, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Biden\xE2\x80\x99s"));      // curly apostrophe
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80 emoji"));  // 4-byte
}

TEST(Utf8, RejectsMalformed) {
  const char* bad[] = {
      "\xC3",              // truncated
      "\xC0\xAF",          // overlong '/'
      "\xED\xA0\x80",      // surrogate
      "\xF4\x90\x80\x80",  // past U+10FFFF
      "\xFF",              // invalid lead
      "a\x80z",            // stray continuation
  };
  for (const char* s : bad) EXPECT_FALSE(IsValidUtf8(s)) << s;
}

TEST(Utf8, OffsetMapCountsCodePoints) {
  std::string text = "Moon Jae\xE2\x80\x90in \xE2\x80\x9Cquoted\xE2\x80\x9D";
  OffsetMap map(text);
  EXPECT_EQ(map.ToCodePoint(0), 0u);
  // "Moon Jae" is 8 bytes/8 cps; the hyphen U+2010 spans bytes 8..10.
  EXPECT_EQ(map.ToCodePoint(8), 8u);
  EXPECT_EQ(map.ToCodePoint(11), 9u);  // 'i'
  EXPECT_EQ(map.ToCodePoint(text.size()), CodePointCount(text));
}

TEST(Utf8, RoundTripsThroughAppend) {
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u2019', U'\U0001F600'}) AppendUtf8(out, cp);
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(out, i), U'A');
  EXPECT_EQ(DecodeUtf8(out, i), U'\u00E9');
  EXPECT_EQ(DecodeUtf8(out, i), U'\u2019');
  EXPECT_EQ(DecodeUtf8(out, i), U'\U0001F600');
  EXPECT_EQ(i, out.size());
}

}  // namespace
}  // namespace newsflow::extract
