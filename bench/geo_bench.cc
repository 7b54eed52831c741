// Geoparser benchmarks: gazetteer load time and mentions resolved per second on one core.
// Needs the compiled gazetteer (tools/gazetteer/build.sh); reports an error without it.
// Run: build/.../bench/geo_bench [--benchmark_filter=...]

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

#include "daemon/extract/gazetteer.h"
#include "daemon/extract/locations.h"
#include "daemon/extract/tokenizer.h"

namespace newsflow::extract {
namespace {

std::string GazetteerPath() {
  for (const std::string& p :
       {std::string(NEWSFLOW_SOURCE_DIR) + "/build/gazetteer/newsflow-gazetteer.bin",
        std::string(NEWSFLOW_SOURCE_DIR) + "/build/geo/gazetteer.bin"}) {
    if (std::filesystem::exists(p)) return p;
  }
  return {};
}

// A made-up wire story dense in places of every kind: countries, capitals, US towns with
// namesakes, "City, State" pairs, demonyms, compounds and a county.
const char* kArticle =
    "SPRINGFIELD, Ill. (AP) — Officials in Springfield said on Tuesday that flooding along the "
    "Sangamon River had reached Decatur and Peoria, while Chicago-based forecasters warned "
    "residents of Champaign County. The governor flew back from Washington, where talks with "
    "Canadian and Mexican envoys had stalled. In Paris, Texas, volunteers filled sandbags; in "
    "Paris, France, a trade delegation from Japan and South Korea met European ministers.\n\n"
    "Russia and Ukraine traded accusations over Crimea, and Moscow has refused to comment. "
    "Analysts in London, Berlin and Tokyo expect the North Korea-US summit to be delayed. "
    "Georgia, whose capital Tbilisi hosted the meeting, sent observers to the Middle East. "
    "Farmers near Columbus, Ohio, and Athens, Georgia, reported losses, as did growers in "
    "Fresno, California, and Yakima, Wash. Brazilian and Argentine exporters gained.\n\n"
    "Beijing said Chinese vessels would patrol the South China Sea, and Seoul and Pyongyang "
    "exchanged messages. Israeli and Palestinian negotiators met in Cairo; Egypt, Jordan and "
    "Saudi Arabia joined. Kenya, Nigeria and South Africa pledged troops for the mission.";

void BM_GazetteerLoad(benchmark::State& state) {
  std::string path = GazetteerPath();
  if (path.empty()) {
    state.SkipWithError("no compiled gazetteer (run tools/gazetteer/build.sh)");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    auto g = Gazetteer::Load(path);
    if (!g.ok()) {
      state.SkipWithError(g.error().c_str());
      return;
    }
    bytes = g.value().file_bytes();
    benchmark::DoNotOptimize(g);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["max_rss_MB"] = static_cast<double>(ru.ru_maxrss) / 1e3;
}
BENCHMARK(BM_GazetteerLoad)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_Geoparse(benchmark::State& state) {
  std::string path = GazetteerPath();
  if (path.empty()) {
    state.SkipWithError("no compiled gazetteer (run tools/gazetteer/build.sh)");
    return;
  }
  static auto gaz = Gazetteer::Load(path);
  if (!gaz.ok()) {
    state.SkipWithError(gaz.error().c_str());
    return;
  }
  Geoparser geo(gaz.value());
  std::string text = kArticle;
  TokenizedText tokens;
  Tokenize(text, tokens);
  EntitySpans entities;  // gazetteer-driven recognition (the harder, slower path)
  std::vector<Location> out;
  size_t mentions = 0;
  for (auto _ : state) {
    geo.Find(text, tokens, entities, out);
    for (const Location& l : out) mentions += l.mentions.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(mentions));  // items/s = mentions/s
  state.counters["mentions_per_article"] =
      static_cast<double>(mentions) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Geoparse)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace newsflow::extract

BENCHMARK_MAIN();
