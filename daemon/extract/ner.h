#pragma once
// Named-entity recognizer: averaged structured perceptron over BILOU labels (PER, ORG, LOC,
// MISC) with first-order Viterbi per sentence and document-level history features.
//
//   auto model = NerModel::Load("models/ner-en.bin");   // at start; fails with a message
//   if (!model.ok()) die(model.error());
//   Tokenize(text, tokens);
//   model.value().Tag(text, tokens, spans);             // per article
//
// Lifecycle: loaded once, immutable afterwards. Thread safety: Tag() is const and may run on
// several threads at once (per-call scratch is thread-local). Ownership: the model owns its
// tables; Tag() keeps no reference to the text. Never throws on the tagging path.
//
// Speed: every feature of a word type that depends on that token only is summed at load time
// into one score vector per position (current, sentence-initial, ±1, ±2 neighbor), so a token
// costs one hash lookup plus a few vector additions and the Viterbi step.

#include <memory>
#include <string>
#include <string_view>

#include "daemon/extract/budget.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/result.h"
#include "daemon/extract/tokenizer.h"

namespace newsflow::extract {

class NerModel {
 public:
  // Reads a model written by tools/newsflow-train. Fails (never throws) on a missing, truncated
  // or corrupt file, a wrong magic number or an unsupported format version.
  static Result<NerModel> Load(const std::string& path);
  // Same, from the bytes of a model file (for tests and embedded models).
  static Result<NerModel> FromBytes(std::string_view bytes);

  // Appends nothing but replaces `out` with the entity spans of `tokens`, a tokenization of
  // `text` (one document: earlier sentences inform later ones). Spans never cross sentences.
  // With a budget, tagging stops at the first sentence that finds it spent; the spans of the
  // sentences before it are kept.
  void Tag(std::string_view text, const TokenizedText& tokens, EntitySpans& out,
           const Budget* budget = nullptr) const;

  // Model version string stored in the file ("conll-gmb-1.0"...).
  const std::string& version() const;
  // Approximate heap bytes held by the loaded model.
  size_t MemoryBytes() const;

  NerModel(NerModel&&) noexcept;
  NerModel& operator=(NerModel&&) noexcept;
  ~NerModel();

 private:
  struct Impl;
  explicit NerModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsflow::extract
