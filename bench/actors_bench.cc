// Throughput of the whole actor extraction — tokenize, tag (models/ner-en.bin), build the
// article's OffsetMap and group the actors — in articles per second on one thread, on real news
// articles of about 4.5 KB (about 750 words) each:
//   BM_ActorExtraction/polnear: the PolNeAR development articles (US political news), read at
//     run time from /work/shared, joined in file-name order and cut at paragraph boundaries
//     into pieces of at most 4.5 KiB;
//   BM_ActorExtraction/conll: the CoNLL-2003 development documents (eng.testa, Reuters),
//     rebuilt as text (spaces within a sentence, a newline between sentences, a blank line
//     between documents) and cut the same way at sentence boundaries.
// Nothing from /work/shared is copied into the repository; without it (or without the model)
// the benchmark says so and exits 0. BM_Group* time the grouping stage alone on the same
// articles (tokenized and tagged once), to see where the time goes.
//
//   ninja -C build/actors -j1 actors_bench
//   build/actors/bench/actors_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace {

using namespace newsflow::extract;
namespace fs = std::filesystem;

constexpr const char* kPolnearDev = "/work/shared/data/quotes/polnear/dev/text";
constexpr const char* kConllTesta = "/work/shared/data/ner/conll2003/eng.testa";
constexpr size_t kMaxArticleBytes = 4608;  // 4.5 KiB
constexpr size_t kMinArticleBytes = 4096;  // a shorter last piece is dropped

struct Article {
  std::string text;
  TokenizedText tokens;  // for BM_Group*: tokenized and tagged once
  EntitySpans entities;
};

// Greedily packs `units` (paragraphs or sentences, each ending in its separator) into articles
// of at most kMaxArticleBytes; a unit longer than that is cut at a space.
std::vector<Article> Pack(const std::vector<std::string>& units) {
  std::vector<Article> out;
  std::string cur;
  auto emit = [&] {
    if (cur.size() >= kMinArticleBytes) out.push_back(Article{cur, {}, {}});
    cur.clear();
  };
  for (std::string_view u : units) {
    while (u.size() > kMaxArticleBytes) {
      emit();
      size_t cut = u.rfind(' ', kMaxArticleBytes - 1);
      if (cut == std::string_view::npos || cut == 0) cut = kMaxArticleBytes;
      cur.assign(u.substr(0, cut));
      u.remove_prefix(cut);
      while (!u.empty() && u.front() == ' ') u.remove_prefix(1);
    }
    if (cur.size() + u.size() > kMaxArticleBytes) emit();
    cur.append(u);
  }
  emit();
  return out;
}

std::vector<Article> LoadPolnear() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kPolnearDev, ec)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> paragraphs;
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    size_t i = 0;
    while (i < text.size()) {
      size_t nl = text.find('\n', i);
      if (nl == std::string::npos) nl = text.size();
      if (nl > i) paragraphs.push_back(text.substr(i, nl - i) + "\n\n");
      i = nl + 1;
    }
  }
  return Pack(paragraphs);
}

std::vector<Article> LoadConll() {
  std::ifstream in(kConllTesta);
  if (!in) return {};
  std::vector<std::string> sentences;
  std::string line, sentence;
  bool doc_start = false;
  auto flush = [&] {
    if (sentence.empty()) return;
    sentence.push_back('\n');
    if (doc_start) sentence.insert(0, "\n");
    doc_start = false;
    sentences.push_back(std::move(sentence));
    sentence.clear();
  };
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    std::string word = line.substr(0, line.find(' '));
    if (word == "-DOCSTART-") {
      flush();
      doc_start = true;
      continue;
    }
    if (!sentence.empty()) sentence.push_back(' ');
    sentence += word;
  }
  flush();
  return Pack(sentences);
}

const NerModel* g_model = nullptr;
std::vector<Article>* g_polnear = nullptr;
std::vector<Article>* g_conll = nullptr;

void Prepare(std::vector<Article>& articles) {
  for (Article& a : articles) {
    Tokenize(a.text, a.tokens);
    g_model->Tag(a.text, a.tokens, a.entities);
  }
}

void SetCounters(benchmark::State& state, const std::vector<Article>& articles, size_t actors) {
  size_t bytes = 0, words = 0;
  for (const Article& a : articles) {
    bytes += a.text.size();
    bool in_word = false;
    for (char c : a.text) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
  }
  const double n = static_cast<double>(articles.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["bytes_per_article"] = benchmark::Counter(static_cast<double>(bytes) / n);
  state.counters["words_per_article"] = benchmark::Counter(static_cast<double>(words) / n);
  state.counters["actors_per_article"] = benchmark::Counter(
      static_cast<double>(actors) / static_cast<double>(std::max<int64_t>(state.iterations(), 1)));
}

// One iteration = one article, as the extractor runs it (same scratch reused across articles).
void RunExtraction(benchmark::State& state, const std::vector<Article>& articles) {
  TokenizedText tokens;
  EntitySpans entities;
  ActorSet actors;
  size_t n = 0, found = 0;
  for (auto _ : state) {
    const std::string& text = articles[n++ % articles.size()].text;
    Tokenize(text, tokens);
    g_model->Tag(text, tokens, entities);
    const OffsetMap offsets(text);
    GroupActors(text, tokens, entities, offsets, actors);
    found += actors.actors.size();
    benchmark::DoNotOptimize(actors.actors.data());
  }
  SetCounters(state, articles, found);
}

void RunGroup(benchmark::State& state, const std::vector<Article>& articles) {
  ActorSet actors;
  size_t n = 0, found = 0;
  for (auto _ : state) {
    const Article& a = articles[n++ % articles.size()];
    const OffsetMap offsets(a.text);
    GroupActors(a.text, a.tokens, a.entities, offsets, actors);
    found += actors.actors.size();
    benchmark::DoNotOptimize(actors.actors.data());
  }
  SetCounters(state, articles, found);
}

void BM_ActorExtraction_polnear(benchmark::State& s) { RunExtraction(s, *g_polnear); }
void BM_ActorExtraction_conll(benchmark::State& s) { RunExtraction(s, *g_conll); }
void BM_Group_polnear(benchmark::State& s) { RunGroup(s, *g_polnear); }
void BM_Group_conll(benchmark::State& s) { RunGroup(s, *g_conll); }

}  // namespace

int main(int argc, char** argv) {
  std::vector<Article> polnear = LoadPolnear();
  std::vector<Article> conll = LoadConll();
  if (polnear.empty() && conll.empty()) {
    std::printf(
        "actors_bench: neither %s nor %s found; skipping (the benchmark needs "
        "/work/shared)\n",
        kPolnearDev, kConllTesta);
    return 0;
  }
  const std::string model_path = std::string(NEWSFLOW_SOURCE_DIR) + "/models/ner-en.bin";
  auto model = NerModel::Load(model_path);
  if (!model.ok()) {
    std::printf("actors_bench: %s; skipping\n", model.error().c_str());
    return 0;
  }
  g_model = &model.value();
  Prepare(polnear);
  Prepare(conll);
  g_polnear = &polnear;
  g_conll = &conll;
  std::printf("actors_bench: %zu PolNeAR dev pieces, %zu CoNLL testa pieces (<= %zu bytes)\n",
              polnear.size(), conll.size(), kMaxArticleBytes);
  if (!polnear.empty()) {
    benchmark::RegisterBenchmark("BM_ActorExtraction/polnear", BM_ActorExtraction_polnear);
    benchmark::RegisterBenchmark("BM_Group/polnear", BM_Group_polnear);
  }
  if (!conll.empty()) {
    benchmark::RegisterBenchmark("BM_ActorExtraction/conll", BM_ActorExtraction_conll);
    benchmark::RegisterBenchmark("BM_Group/conll", BM_Group_conll);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
