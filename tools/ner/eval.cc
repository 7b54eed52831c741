// newsflow-ner-eval: per-type and micro precision/recall/F1 over exact entity spans
// (conlleval style) of a NER model on a CoNLL file, tagged on its gold tokenization.
// Also prints the model's load time and memory.

#include <chrono>
#include <cstdio>
#include <string>

#include "daemon/extract/ner.h"
#include "tools/ner/corpus.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: newsflow-ner-eval MODEL CONLL_FILE\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto model = newsflow::extract::NerModel::Load(argv[1]);
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!model.ok()) {
    std::fprintf(stderr, "newsflow-ner-eval: %s\n", model.error().c_str());
    return 1;
  }
  auto docs = newsflow::tools::ner::ReadConll(argv[2]);
  if (!docs.ok()) {
    std::fprintf(stderr, "newsflow-ner-eval: %s\n", docs.error().c_str());
    return 1;
  }
  std::printf("model %s (version %s): loaded in %.3f s, %.1f MB in memory\n", argv[1],
              model.value().version().c_str(), load_s, model.value().MemoryBytes() / 1e6);
  newsflow::tools::ner::Evaluate(model.value(), docs.value()).Print();
  return 0;
}
