// Throughput of the actor and quote stages (after tokenizing and tagging, which have their own
// benchmarks), in articles per second on one thread:
//   BM_Quotes/BM_Actors*: the PolNeAR development articles, read at run time from /work/shared
//     (never copied into the repository) and tagged once with models/ner-en.bin when present;
//   BM_QuotesSynthetic/BM_ActorsSynthetic: a quote-heavy article written for this benchmark
//     with hand-marked entities, so the numbers exist without any data or model.
// The quote stage includes building the article's OffsetMap and copying its ActorSet (the stage
// may add speakers), so it is measured as the extractor runs it.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"
#include "tests/unit/extract/entity_markup.h"

namespace {

using namespace newsflow::extract;
namespace fs = std::filesystem;

constexpr const char* kPolnearDev = "/work/shared/data/quotes/polnear/dev/text";

struct Article {
  std::string text;
  TokenizedText tokens;
  EntitySpans entities;
  ActorSet actors;  // grouped once, the quote stage's input
};

std::vector<Article> LoadPolnear() {
  std::vector<Article> out;
  if (!fs::exists(kPolnearDev)) return out;
  std::unique_ptr<NerModel> ner;
  auto model = NerModel::Load(std::string(NEWSFLOW_SOURCE_DIR) + "/models/ner-en.bin");
  if (model.ok()) ner = std::make_unique<NerModel>(std::move(model).value());
  for (const auto& e : fs::directory_iterator(kPolnearDev)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Article a;
    a.text = ss.str();
    Tokenize(a.text, a.tokens);
    if (ner) ner->Tag(a.text, a.tokens, a.entities);
    OffsetMap offsets(a.text);
    GroupActors(a.text, a.tokens, a.entities, offsets, a.actors);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Article> Synthetic(int repeat);

std::vector<Article> Synthetic() { return Synthetic(3); }

std::vector<Article> Synthetic(int repeat) {
  // Own sentences; every attribution pattern the stage knows appears at least once.
  const std::string para =
      "{Maria Lopez|P}, director of the {Harbor Institute|O}, said on Monday that the plan "
      "was sound.\n\n"
      "\xE2\x80\x9CWe have waited long enough,\xE2\x80\x9D {Lopez|P} said. \xE2\x80\x9CThe "
      "city cannot wait another winter.\xE2\x80\x9D\n\n"
      "Finance minister {Tom Berger|P} told reporters: \xE2\x80\x9CThe numbers do not add "
      "up.\xE2\x80\x9D\n\n"
      "The budget will need \xE2\x80\x9C"
      "a serious second look\xE2\x80\x9D before the vote, he "
      "said.\n\n"
      "The port\xE2\x80\x99s owners didn\xE2\x80\x99t comment, the transport ministry "
      "said.\n\n"
      "\xE2\x80\x9CTalks continue with all sides and a decision is expected in the "
      "spring.\xE2\x80\x9D\n\n"
      "Critics call it a \xE2\x80\x98"
      "bridge to nowhere\xE2\x80\x99, according to {Ana "
      "Petrova|P} of the {Civic League|O}.\n\n";
  std::string markup;
  for (int i = 0; i < repeat; ++i) markup += para;
  auto m = newsflow::extract::testing::ParseMarkup(markup);
  Article a;
  a.text = m.text;
  a.tokens = m.tokens;
  a.entities = m.entities;
  OffsetMap offsets(a.text);
  GroupActors(a.text, a.tokens, a.entities, offsets, a.actors);
  return {std::move(a)};
}

void RunQuotes(benchmark::State& state, const std::vector<Article>& articles) {
  if (articles.empty()) {
    state.SkipWithError("no articles (PolNeAR dev not found)");
    return;
  }
  std::vector<Quote> quotes;
  ActorSet actors;
  size_t n = 0, found = 0;
  for (auto _ : state) {
    const Article& a = articles[n++ % articles.size()];
    OffsetMap offsets(a.text);
    actors = a.actors;
    ExtractQuotes(a.text, offsets, actors, quotes);
    found += quotes.size();
    benchmark::DoNotOptimize(quotes.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["quotes_per_article"] =
      benchmark::Counter(static_cast<double>(found) / static_cast<double>(state.iterations()));
}

void RunActors(benchmark::State& state, const std::vector<Article>& articles) {
  if (articles.empty()) {
    state.SkipWithError("no articles (PolNeAR dev not found)");
    return;
  }
  ActorSet actors;
  size_t n = 0;
  for (auto _ : state) {
    const Article& a = articles[n++ % articles.size()];
    OffsetMap offsets(a.text);
    GroupActors(a.text, a.tokens, a.entities, offsets, actors);
    benchmark::DoNotOptimize(actors.actors.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

const std::vector<Article>& Polnear() {
  static const std::vector<Article> kArticles = LoadPolnear();
  return kArticles;
}
const std::vector<Article>& Own() {
  static const std::vector<Article> kArticles = Synthetic();
  return kArticles;
}

// One very long article (about 600 KB, 6,000 quotes): the stage must stay linear.
const std::vector<Article>& Long() {
  static const std::vector<Article> kArticles = Synthetic(1000);
  return kArticles;
}

void BM_Quotes(benchmark::State& state) { RunQuotes(state, Polnear()); }
void BM_QuotesLongArticle(benchmark::State& state) {
  RunQuotes(state, Long());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Long()[0].text.size()));
}
void BM_Actors(benchmark::State& state) { RunActors(state, Polnear()); }
void BM_QuotesSynthetic(benchmark::State& state) { RunQuotes(state, Own()); }
void BM_ActorsSynthetic(benchmark::State& state) { RunActors(state, Own()); }

BENCHMARK(BM_Quotes);
BENCHMARK(BM_Actors);
BENCHMARK(BM_QuotesSynthetic);
BENCHMARK(BM_ActorsSynthetic);
BENCHMARK(BM_QuotesLongArticle);

}  // namespace

BENCHMARK_MAIN();
