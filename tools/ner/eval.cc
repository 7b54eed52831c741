// newsflow-ner-eval: per-type and micro precision/recall/F1 over exact entity spans
// (conlleval style) of a NER model on a CoNLL file, tagged on its gold tokenization.
// Also prints the model's load time and memory.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "daemon/extract/ner.h"
#include "daemon/extract/tokenizer.h"
#include "tools/ner/corpus.h"

namespace {

int PrintEntities(const newsflow::extract::NerModel& model, const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "newsflow-ner-eval: cannot open %s\n", path);
    return 1;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  newsflow::extract::TokenizedText tokens;
  newsflow::extract::Tokenize(text, tokens);
  newsflow::extract::EntitySpans spans;
  model.Tag(text, tokens, spans);
  const char* names[] = {"PER", "ORG", "LOC", "MISC"};
  for (const auto& s : spans) {
    uint32_t b = tokens.tokens[s.first_token].begin, e = tokens.tokens[s.end_token - 1].end;
    std::printf("%s\t%.*s\n", names[static_cast<int>(s.type)], static_cast<int>(e - b),
                text.data() + b);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool text_mode = argc == 4 && std::string(argv[2]) == "--text";
  if (argc != 3 && !text_mode) {
    std::fprintf(stderr,
                 "usage: newsflow-ner-eval MODEL CONLL_FILE\n"
                 "       newsflow-ner-eval MODEL --text UTF8_FILE   (prints the entities)\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto model = newsflow::extract::NerModel::Load(argv[1]);
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!model.ok()) {
    std::fprintf(stderr, "newsflow-ner-eval: %s\n", model.error().c_str());
    return 1;
  }
  if (text_mode) return PrintEntities(model.value(), argv[3]);
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
