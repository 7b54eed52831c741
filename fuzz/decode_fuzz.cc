// libFuzzer target: Decode of a raw JSON item (any bytes: the message straight from Kafka),
// with the default limits. Checks that an accepted item's body and title are valid UTF-8 and
// that a rejection names its reason.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "daemon/extract/utf8.h"
#include "daemon/pipeline/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsflow::pipeline::RawMessage m;
  m.topic = "fuzz";
  m.value = std::string_view(reinterpret_cast<const char*>(data), size);
  m.format = newsflow::pipeline::InputFormat::kJson;
  const auto r = newsflow::pipeline::Decode(m, {});
  if (const auto* item = std::get_if<newsflow::pipeline::DecodedItem>(&r)) {
    if (!newsflow::extract::IsValidUtf8(item->body) ||
        !newsflow::extract::IsValidUtf8(item->title)) {
      std::abort();
    }
  } else if (std::get<newsflow::pipeline::Rejection>(r).Describe().empty()) {
    std::abort();
  }
  return 0;
}
