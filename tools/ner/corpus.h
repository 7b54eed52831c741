#pragma once
// Readers for the labelled corpora the NER tools train and evaluate on, and exact-span scoring.
// Plain value types; no shared state.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/extract/entities.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/result.h"

namespace newsflow::tools::ner {

struct LabeledSentence {
  std::vector<std::string> words;  // UTF-8
  std::vector<uint8_t> labels;     // BILOU labels (daemon/extract/ner_features.h)
};

struct LabeledDocument {
  std::vector<LabeledSentence> sentences;
};

// CoNLL-2003 (IOB1 or IOB2, word first, tag last, -DOCSTART- between documents).
extract::Result<std::vector<LabeledDocument>> ReadConll(const std::string& path);

// GMB-derived CSV ("Sentence #,Word,POS,Tag", latin-1, IOB2 with geo/gpe/per/org/...):
// per → PER, org → ORG, geo → LOC, gpe (mostly nationality adjectives) → MISC when
// `gpe_as_misc`, art/eve/nat → MISC, tim → O. The file has no document boundaries, so
// consecutive sentences are grouped into pseudo-documents of `sentences_per_doc`.
extract::Result<std::vector<LabeledDocument>> ReadGmb(const std::string& path,
                                                      size_t sentences_per_doc);

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  int type = 0;
  bool operator==(const Span&) const = default;
};
std::vector<Span> SpansOf(const std::vector<uint8_t>& labels);

// Per-type true positives, predicted and gold counts over exact spans (conlleval).
struct Scores {
  std::array<uint64_t, 4> tp{}, predicted{}, gold{};
  void Add(const std::vector<Span>& gold_spans, const std::vector<Span>& predicted_spans);
  // Prints per-type and micro P/R/F1 (micro over PER/ORG/LOC and over all four types).
  void Print() const;
  double MicroF1(bool include_misc) const;
};

// Tags every document with the model on its gold tokenization and scores it.
Scores Evaluate(const extract::NerModel& model, const std::vector<LabeledDocument>& docs);

}  // namespace newsflow::tools::ner
