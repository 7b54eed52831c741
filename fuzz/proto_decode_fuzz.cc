// libFuzzer target: Decode of a newsflow.v1.RawArticle protobuf message (any bytes: the
// message straight from Kafka), with the default limits and with HTML bodies allowed. Checks
// that an accepted item's body and title are valid UTF-8, within the size limit, and that a
// rejection names its reason.

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
  m.format = newsflow::pipeline::InputFormat::kProtobuf;
  const newsflow::pipeline::DecodeOptions options;
  const auto r = newsflow::pipeline::Decode(m, options);
  if (const auto* item = std::get_if<newsflow::pipeline::DecodedItem>(&r)) {
    if (!newsflow::extract::IsValidUtf8(item->body) ||
        !newsflow::extract::IsValidUtf8(item->title) || item->body.empty()) {
      std::abort();
    }
  } else if (std::get<newsflow::pipeline::Rejection>(r).Describe().empty()) {
    std::abort();
  }
  return 0;
}
