#include "daemon/extract/extractor.h"

namespace newsflow::extract {

// Stages are added here as they land (tokenizer → NER → actors → quotes → locations).
struct Extractor::Impl {
  ExtractorOptions options;
  std::string ner_version;
  std::string gazetteer_version;
};

Result<Extractor> Extractor::Load(const ExtractorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (!options.ner_model_path.empty()) {
    return Error{"NER model support is not built yet: " + options.ner_model_path};
  }
  if (!options.gazetteer_path.empty()) {
    return Error{"gazetteer support is not built yet: " + options.gazetteer_path};
  }
  return Extractor(std::move(impl));
}

Extraction Extractor::Extract(std::string_view /*body_utf8*/) const { return Extraction{}; }

const std::string& Extractor::ner_model_version() const { return impl_->ner_version; }
const std::string& Extractor::gazetteer_version() const { return impl_->gazetteer_version; }

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

}  // namespace newsflow::extract
