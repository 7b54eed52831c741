// libFuzzer target: the whole Extractor (tokenizer, NER, geoparser, actors, quotes) with the
// shipped model and the gazetteer, on any valid UTF-8. Model paths: NEWSFLOW_NER_MODEL and
// NEWSFLOW_GAZETTEER, else models/ner-en.bin and build/gazetteer/newsflow-gazetteer.bin under
// NEWSFLOW_SOURCE_DIR (set by fuzz/build.sh). Checks that every offset lies inside the body and
// every speaker is an actor of the result.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/extract/extractor.h"
#include "daemon/extract/utf8.h"

namespace {

std::unique_ptr<newsflow::extract::Extractor> g_extractor;

std::string PathFrom(const char* env, const char* relative) {
  if (const char* v = std::getenv(env)) return v;
  return std::string(NEWSFLOW_SOURCE_DIR) + "/" + relative;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckSpan(uint32_t begin, uint32_t end, size_t code_points) {
  Check(begin <= end && end <= code_points);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  newsflow::extract::ExtractorOptions options;
  options.ner_model_path = PathFrom("NEWSFLOW_NER_MODEL", "models/ner-en.bin");
  options.gazetteer_path = PathFrom("NEWSFLOW_GAZETTEER", "build/gazetteer/newsflow-gazetteer.bin");
  auto ex = newsflow::extract::Extractor::Load(options);
  if (!ex.ok()) {
    std::fprintf(stderr, "extractor_fuzz: %s\n", ex.error().c_str());
    std::exit(1);
  }
  g_extractor = std::make_unique<newsflow::extract::Extractor>(std::move(ex).value());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (!newsflow::extract::IsValidUtf8(body)) return -1;
  const auto out = g_extractor->Extract(body);
  const newsflow::extract::OffsetMap offsets(body);
  const size_t n = offsets.ToCodePoint(static_cast<uint32_t>(body.size()));
  for (const auto& a : out.actors) {
    for (const auto& m : a.mentions) CheckSpan(m.begin, m.end, n);
  }
  for (const auto& q : out.quotes) {
    CheckSpan(q.begin, q.end, n);
    Check(q.speaker_id <= out.actors.size());
    Check(newsflow::extract::IsValidUtf8(q.text));
  }
  for (const auto& l : out.locations) {
    for (const auto& m : l.mentions) CheckSpan(m.begin, m.end, n);
  }
  for (size_t i = 0; i < out.actors.size(); ++i) Check(out.actors[i].id == i + 1);
  return 0;
}
