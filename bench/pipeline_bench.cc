// Whole-normalizer throughput: raw JSON item → decode → extract → NormalizedArticle →
// serialized bytes, one thread, the work `newsflowd run` does per message minus Kafka.
// Articles: the CoNLL development documents rebuilt as running text and joined into ~4.5 KB
// articles when ../shared is present, else the repository's own sample articles. Models: the
// shipped NER model and the gazetteer built by tools/setup.sh, each when present (the label says
// which ran).
//
//   build/release/bench/pipeline_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true   (one line)

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/ops/logging.h"
#include "daemon/ops/metrics.h"
#include "daemon/pipeline/normalizer.h"
#include "daemon/pipeline/render.h"

namespace {

std::string JsonString(const std::string& s) { return "\"" + newsflow::ops::JsonEscape(s) + "\""; }

// CoNLL "-DOCSTART-" documents joined back into paragraphs of text.
std::vector<std::string> ConllDocuments(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> docs;
  std::string line, doc, sentence;
  auto end_sentence = [&] {
    if (!sentence.empty()) {
      doc += sentence + "\n\n";
      sentence.clear();
    }
  };
  while (std::getline(in, line)) {
    if (line.starts_with("-DOCSTART-")) {
      end_sentence();
      if (!doc.empty()) docs.push_back(std::move(doc));
      doc.clear();
      continue;
    }
    if (line.empty()) {
      end_sentence();
      continue;
    }
    std::string word = line.substr(0, line.find(' '));
    bool no_space = sentence.empty() || word == "," || word == "." || word == "'s" || word == ")" ||
                    word == ":" || word == ";";
    if (!no_space) sentence += ' ';
    sentence += word;
  }
  end_sentence();
  if (!doc.empty()) docs.push_back(std::move(doc));
  return docs;
}

struct Corpus {
  std::vector<std::string> items;  // raw JSON messages
  size_t bytes = 0;
  std::string origin;
};

const Corpus& Articles() {
  static Corpus corpus = [] {
    Corpus c;
    std::string testa = NEWSFLOW_SOURCE_DIR "/../shared/data/ner/conll2003/eng.testa";
    if (std::filesystem::exists(testa)) {
      // Consecutive documents joined into ~4.5 KB articles, the size of a typical news story.
      int i = 0;
      std::string body;
      for (const auto& doc : ConllDocuments(testa)) {
        body += doc;
        if (body.size() < 4500) continue;
        c.items.push_back("{\"id\":\"d" + std::to_string(i++) + "\",\"body\":" + JsonString(body) +
                          "}");
        body.clear();
      }
      c.origin = "eng.testa";
    } else {
      std::ifstream in(NEWSFLOW_SOURCE_DIR "/config/samples/articles.jsonl");
      std::string line;
      while (std::getline(in, line)) {
        if (line.find("\"body\"") != std::string::npos) c.items.push_back(line);
      }
      c.origin = "samples";
    }
    for (const auto& s : c.items) c.bytes += s.size();
    return c;
  }();
  return corpus;
}

newsflow::extract::ExtractorOptions ModelOptions() {
  newsflow::extract::ExtractorOptions o;
  std::string ner = NEWSFLOW_SOURCE_DIR "/models/ner-en.bin";
  std::string gaz = NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin";
  if (std::filesystem::exists(ner)) o.ner_model_path = ner;
  if (std::filesystem::exists(gaz)) o.gazetteer_path = gaz;
  return o;
}

class CountingSink final : public newsflow::pipeline::Sink {
 public:
  void Publish(const newsflow::pipeline::RawMessage&,
               const newsflow::v1::NormalizedArticle& record) override {
    record.SerializeToString(&buffer_);
    bytes_ += buffer_.size();
  }
  void Reject(const newsflow::pipeline::RawMessage&,
              const newsflow::pipeline::Rejection&) override {
    ++rejected_;
  }
  size_t bytes_ = 0;
  size_t rejected_ = 0;

 private:
  std::string buffer_;
};

// What the daemon's metrics cost per article: every stage time and count into the histograms
// of a real ops::Metrics (as newsflowd's observer does), rendered once per iteration as if
// scraped.
class MetricsObserver final : public newsflow::pipeline::ExtractionObserver {
 public:
  void Observe(const newsflow::extract::Extraction& e) override {
    stage_ner_.Observe(e.seconds.ner);
    stage_places_.Observe(e.seconds.places);
    stage_actors_.Observe(e.seconds.actors);
    stage_quotes_.Observe(e.seconds.quotes);
    actors_.Observe(static_cast<double>(e.actors.size()));
    quotes_.Observe(static_cast<double>(e.quotes.size()));
    locations_.Observe(static_cast<double>(e.locations.size()));
  }
  newsflow::ops::Metrics metrics;

 private:
  newsflow::ops::Series& stage_ner_ = metrics.extraction_stage.With({"ner"});
  newsflow::ops::Series& stage_places_ = metrics.extraction_stage.With({"places"});
  newsflow::ops::Series& stage_actors_ = metrics.extraction_stage.With({"actors"});
  newsflow::ops::Series& stage_quotes_ = metrics.extraction_stage.With({"quotes"});
  newsflow::ops::Series& actors_ = metrics.record_actors.With({});
  newsflow::ops::Series& quotes_ = metrics.record_quotes.With({});
  newsflow::ops::Series& locations_ = metrics.record_locations.With({});
};

// Arg 0: no metrics; 1: metrics as the daemon keeps them.
void BM_Normalize(benchmark::State& state) {
  const Corpus& corpus = Articles();
  auto options = ModelOptions();
  auto ex = newsflow::extract::Extractor::Load(options);
  if (!ex.ok()) {
    state.SkipWithError(ex.error().c_str());
    return;
  }
  MetricsObserver observer;
  const bool metrics = state.range(0) != 0;
  newsflow::pipeline::Normalizer normalizer(ex.value(),
                                            {.decode = {},
                                             .normalizer_version = "bench",
                                             .backfill = "",
                                             .budget = {},
                                             .observer = metrics ? &observer : nullptr});
  std::vector<newsflow::pipeline::RawMessage> batch;
  for (const auto& item : corpus.items) {
    newsflow::pipeline::RawMessage m;
    m.topic = "bench";
    m.value = item;
    batch.push_back(m);
  }
  CountingSink sink;
  auto& consumed = observer.metrics.records_consumed.With({"bench"});
  for (auto _ : state) {
    if (metrics) consumed.Inc(static_cast<double>(batch.size()));
    normalizer.ProcessBatch(batch, sink);
    benchmark::DoNotOptimize(sink.bytes_);
    if (metrics) benchmark::DoNotOptimize(observer.metrics.Render().size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus.bytes));
  state.SetLabel(corpus.origin + " " + std::to_string(batch.size()) + " articles, avg " +
                 std::to_string(corpus.bytes / std::max<size_t>(1, batch.size())) +
                 " B; ner=" + (options.ner_model_path.empty() ? "off" : "on") +
                 " gazetteer=" + (options.gazetteer_path.empty() ? "off" : "on") +
                 " metrics=" + (metrics ? "on" : "off"));
}
BENCHMARK(BM_Normalize)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Decode + record building alone (no models): the pipeline's own overhead.
void BM_NormalizeNoModels(benchmark::State& state) {
  const Corpus& corpus = Articles();
  auto ex = newsflow::extract::Extractor::Load({});
  newsflow::pipeline::Normalizer normalizer(ex.value(), {.decode = {},
                                                         .normalizer_version = "bench",
                                                         .backfill = "",
                                                         .budget = {},
                                                         .observer = nullptr});
  std::vector<newsflow::pipeline::RawMessage> batch;
  for (const auto& item : corpus.items) {
    newsflow::pipeline::RawMessage m;
    m.value = item;
    batch.push_back(m);
  }
  CountingSink sink;
  for (auto _ : state) normalizer.ProcessBatch(batch, sink);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch.size()));
}
BENCHMARK(BM_NormalizeNoModels)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// Decoding alone (JSON parse, UTF-8 check, id, timestamp): the input side of the pipeline.
void BM_Decode(benchmark::State& state) {
  const Corpus& corpus = Articles();
  newsflow::pipeline::RawMessage m;
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& item : corpus.items) {
      m.value = item;
      auto r = newsflow::pipeline::Decode(m, {});
      n += r.index();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.items.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus.bytes));
  if (n != 0) state.SkipWithError("some articles were rejected");
}
BENCHMARK(BM_Decode)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// JSON rendering of records (`normalize`'s output, the `json` output format), of the corpus's
// records normalized once with the models. Arg 0: RecordToJson (our reflection writer) into one
// reused string; 1: protobuf's BinaryToJsonString path it replaced, for the ratio.
void BM_RecordJson(benchmark::State& state) {
  const Corpus& corpus = Articles();
  auto ex = newsflow::extract::Extractor::Load(ModelOptions());
  if (!ex.ok()) {
    state.SkipWithError(ex.error().c_str());
    return;
  }
  newsflow::pipeline::Normalizer normalizer(ex.value(), {.decode = {},
                                                         .normalizer_version = "bench",
                                                         .backfill = "",
                                                         .budget = {},
                                                         .observer = nullptr});
  std::vector<newsflow::v1::NormalizedArticle> records;
  newsflow::pipeline::Rejection why;
  for (const auto& item : corpus.items) {
    newsflow::pipeline::RawMessage m;
    m.value = item;
    if (normalizer.Normalize(m, records.emplace_back(), why)) continue;
    records.pop_back();
  }
  const bool protobuf = state.range(0) != 0;
  std::string out;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& r : records) {
      if (protobuf) {
        out = newsflow::pipeline::RecordToJsonByProtobuf(r, /*pretty=*/false);
      } else {
        out.clear();
        newsflow::pipeline::AppendRecordJson(r, /*pretty=*/false, out);
      }
      bytes += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(protobuf ? "protobuf BinaryToJsonString" : "reflection writer");
}
BENCHMARK(BM_RecordJson)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
