// libFuzzer target: HtmlToText on any valid UTF-8 (its precondition; decode rejects the rest).
// Checks that the text it returns is valid UTF-8, as the extraction stage requires.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "daemon/extract/utf8.h"
#include "daemon/pipeline/html_to_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  if (!newsflow::extract::IsValidUtf8(html)) return -1;  // not worth keeping in the corpus
  const std::string text = newsflow::pipeline::HtmlToText(html);
  if (!newsflow::extract::IsValidUtf8(text)) std::abort();
  return 0;
}
