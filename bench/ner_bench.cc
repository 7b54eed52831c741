// Throughput of the named-entity recognizer on real news: the CoNLL-2003 development articles
// (eng.testa), rebuilt as text by joining their tokens (spaces within a sentence, a newline
// between sentences). Read at run time from /work/shared; without it the benchmark says so and
// exits 0. Reports tokens/s via SetItemsProcessed.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/extract/entities.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/tokenizer.h"

namespace {

constexpr const char* kConll = "/work/shared/data/ner/conll2003/eng.testa";

struct Corpus {
  std::vector<std::string> docs;
  std::vector<newsflow::extract::TokenizedText> tokens;  // our tokenizer's output per doc
  size_t token_count = 0;
};

bool LoadCorpus(Corpus& c) {
  std::ifstream in(kConll);
  if (!in) return false;
  std::string line, doc;
  bool sentence_open = false;
  auto flush = [&] {
    if (!doc.empty()) c.docs.push_back(std::move(doc));
    doc.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (sentence_open) doc.push_back('\n');
      sentence_open = false;
      continue;
    }
    std::string word = line.substr(0, line.find(' '));
    if (word == "-DOCSTART-") {
      flush();
      continue;
    }
    if (sentence_open) doc.push_back(' ');
    doc += word;
    sentence_open = true;
  }
  flush();
  for (const std::string& d : c.docs) {
    c.tokens.emplace_back();
    newsflow::extract::Tokenize(d, c.tokens.back());
    c.token_count += c.tokens.back().tokens.size();
  }
  return true;
}

Corpus* g_corpus = nullptr;
const newsflow::extract::NerModel* g_model = nullptr;

void BM_Tag(benchmark::State& state) {
  newsflow::extract::EntitySpans spans;
  for (auto _ : state) {
    for (size_t i = 0; i < g_corpus->docs.size(); ++i) {
      g_model->Tag(g_corpus->docs[i], g_corpus->tokens[i], spans);
      benchmark::DoNotOptimize(spans.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(g_corpus->token_count));
}
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);

void BM_TokenizeAndTag(benchmark::State& state) {
  newsflow::extract::TokenizedText tokens;
  newsflow::extract::EntitySpans spans;
  for (auto _ : state) {
    for (const std::string& d : g_corpus->docs) {
      newsflow::extract::Tokenize(d, tokens);
      g_model->Tag(d, tokens, spans);
      benchmark::DoNotOptimize(spans.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(g_corpus->token_count));
}
BENCHMARK(BM_TokenizeAndTag)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  newsflow::extract::TokenizedText tokens;
  for (auto _ : state) {
    for (const std::string& d : g_corpus->docs) {
      newsflow::extract::Tokenize(d, tokens);
      benchmark::DoNotOptimize(tokens.tokens.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(g_corpus->token_count));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  Corpus corpus;
  if (!LoadCorpus(corpus)) {
    std::printf("ner_bench: %s not found; skipping (the benchmark needs /work/shared)\n", kConll);
    return 0;
  }
  const std::string model_path = std::string(NEWSFLOW_SOURCE_DIR) + "/models/ner-en.bin";
  auto model = newsflow::extract::NerModel::Load(model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "ner_bench: %s\n", model.error().c_str());
    return 1;
  }
  g_corpus = &corpus;
  g_model = &model.value();
  std::printf("ner_bench: %zu documents, %zu tokens\n", corpus.docs.size(), corpus.token_count);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
