#pragma once
// HTML → plain text for article bodies. Not a conforming HTML5 parser: it is the small,
// predictable subset news feeds need. Tags are dropped, character references decoded, block
// elements become line breaks (a paragraph ends with a blank line), <script>/<style>/<head>
// content is dropped, runs of whitespace inside a paragraph collapse to one space, and <q>
// elements get the quotation marks a browser draws (“…”, ‘…’ inside another).
// Offsets of the extraction refer to the text this returns.

#include <string>
#include <string_view>

namespace newsflow::pipeline {

// Input must be valid UTF-8; output is valid UTF-8 (invalid numeric references become U+FFFD).
std::string HtmlToText(std::string_view html);

}  // namespace newsflow::pipeline
