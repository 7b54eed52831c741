#pragma once
// Extractor: the one entry point of daemon/extract. Text in, actors/quotes/locations out.
//
//   auto ex = newsflow::extract::Extractor::Load(options);   // at start; fails with a message
//   if (!ex.ok()) die(ex.error());
//   Extraction out = ex.value().Extract(body_utf8);          // per article, thread-safe
//
// Lifecycle: loaded once at start, immutable afterwards. Thread safety: Extract() is const and
// may be called from several threads at once. Ownership: the Extractor owns its models.
// Extract() never throws on any input; the body must be valid UTF-8 (the pipeline checks).

#include <memory>
#include <string>
#include <string_view>

#include "daemon/extract/budget.h"
#include "daemon/extract/result.h"
#include "daemon/extract/types.h"

namespace newsflow::extract {

struct ExtractorOptions {
  // Path of the NER model file; empty = no entity recognition (actors stay empty).
  std::string ner_model_path;
  // Path of the compiled gazetteer; empty = no geoparsing (locations stay empty).
  std::string gazetteer_path;
};

class Extractor {
 public:
  static Result<Extractor> Load(const ExtractorOptions& options);

  // `budget` bounds the work: when it is spent, the stages not yet run are skipped and
  // Extraction::budget_stop names the stage that stopped (see budget.h).
  Extraction Extract(std::string_view body_utf8, const Budget& budget = Budget()) const;

  // Version strings of the loaded models, for provenance ("ner=conll-1.0"...). Empty if none.
  const std::string& ner_model_version() const;
  const std::string& gazetteer_version() const;

  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsflow::extract
