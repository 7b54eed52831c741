// Pathological bodies through the whole normalizer (decode → HTML → extract → record), next to
// ordinary news of the same size, so that the worst case per KB can be compared with the usual
// one (issue 10: linear time on untrusted input). Models: the shipped NER model and the
// gazetteer built by tools/setup.sh, each when present (the label says which ran). The message
// limit is raised so that 1 MB bodies are not rejected for their JSON wrapper.
//
//   build/release/bench/adversarial_bench --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true
//
// us_per_KB is the time per KB of body (the figure to compare); bytes_per_second the same
// the other way round.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "daemon/ops/logging.h"
#include "daemon/pipeline/normalizer.h"

namespace {

std::string Repeat(std::string_view unit, size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// A distinct capitalized word for every i, no real name.
std::string Word(size_t i) {
  static constexpr char kCons[] = "bdfgklmnprstvz";
  static constexpr char kVowels[] = "aeiou";
  std::string w = "Q";
  do {
    w += kCons[i % 14];
    i /= 14;
    w += kVowels[i % 5];
    i /= 5;
  } while (i > 0);
  return w;
}

// Ordinary news: the PolNeAR article texts when ../shared is present, else the repository's
// sample articles, joined with blank lines.
const std::string& NewsText() {
  static const std::string text = [] {
    std::string all;
    const std::filesystem::path dir =
        NEWSFLOW_SOURCE_DIR "/../shared/data/quotes/polnear/train/text";
    if (std::filesystem::is_directory(dir)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::ifstream in(f);
        std::stringstream ss;
        ss << in.rdbuf();
        all += ss.str() + "\n\n";
        if (all.size() > (2u << 20)) break;
      }
    } else {
      std::ifstream in(NEWSFLOW_SOURCE_DIR "/config/samples/articles.jsonl");
      std::string line;
      while (std::getline(in, line)) {
        const size_t b = line.find("\"body\": \"");
        if (b == std::string::npos) continue;
        const size_t e = line.find("\", \"", b + 9);
        all += line.substr(b + 9, e == std::string::npos ? std::string::npos : e - b - 9);
        all += "\n\n";
      }
    }
    return all;
  }();
  return text;
}

std::string Prefix(const std::string& s, size_t bytes) {
  std::string r = Repeat(s, bytes).substr(0, bytes);
  // Cut on a code point boundary: decode rejects invalid UTF-8.
  while (!r.empty() && (static_cast<unsigned char>(r.back()) & 0xC0) == 0x80) r.pop_back();
  if (!r.empty() && static_cast<unsigned char>(r.back()) >= 0xC0) r.pop_back();
  return r;
}

struct Body {
  std::string text;
  bool html = false;
};

using Maker = std::function<Body(size_t)>;

const std::map<std::string, Maker>& Makers() {
  static const std::map<std::string, Maker> makers = {
      {"news", [](size_t n) { return Body{Prefix(NewsText(), n)}; }},
      {"unclosed_quotes", [](size_t n) { return Body{Repeat("He said \"x ", n)}; }},
      {"quote_pairs", [](size_t n) { return Body{Repeat("\"x\" \"y\" ", n)}; }},
      {"capitalized_words",
       [](size_t n) {
         std::string s;
         for (size_t i = 0; s.size() < n; ++i) s += Word(i) + (i % 12 == 11 ? ". " : " ");
         return Body{s};
       }},
      {"new_speakers",
       [](size_t n) {
         std::string s;
         for (size_t i = 0; s.size() < n; ++i) s += "\"We won,\" said " + Word(i) + " Tamm. ";
         return Body{s};
       }},
      {"one_paragraph",
       [](size_t n) {
         std::string s = Prefix(NewsText(), n);
         for (char& c : s) c = c == '\n' ? ' ' : c;
         return Body{s};
       }},
      // No space after any dot: each one is a possible sentence end the quote looks back over.
      {"initialism", [](size_t n) { return Body{Repeat("a.", n) + "x \"Now,\" he said."}; }},
      {"quote_like_utf8",
       [](size_t n) {
         // Combining marks on letters, and every kind of quotation mark and apostrophe.
         return Body{
             Repeat("e\u0301\u0308 \u201cA\u2019s \u2018b\u201d \u00abc\u00bb \u201ed\u201c "
                    "\u2039e\u203a \"f' ",
                    n)};
       }},
      {"html_nesting",
       [](size_t n) {
         return Body{
             Repeat("<div><q><span class=\"a\">x ", n / 2) + Repeat("</span></q></div>", n / 2),
             true};
       }},
      {"html_amp",
       [](size_t n) {
         return Body{Repeat("&", n), true};
       }},
      {"html_lt",
       [](size_t n) {
         return Body{Repeat("<", n), true};
       }},
  };
  return makers;
}

newsflow::extract::ExtractorOptions ModelOptions() {
  newsflow::extract::ExtractorOptions o;
  std::string ner = NEWSFLOW_SOURCE_DIR "/models/ner-en.bin";
  std::string gaz = NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin";
  if (std::filesystem::exists(ner)) o.ner_model_path = ner;
  if (std::filesystem::exists(gaz)) o.gazetteer_path = gaz;
  return o;
}

const newsflow::extract::Extractor* SharedExtractor(std::string& error) {
  static auto ex = newsflow::extract::Extractor::Load(ModelOptions());
  if (!ex.ok()) {
    error = ex.error();
    return nullptr;
  }
  return &ex.value();
}

class CountingSink final : public newsflow::pipeline::Sink {
 public:
  void Publish(const newsflow::pipeline::RawMessage&,
               const newsflow::v1::NormalizedArticle& record) override {
    quotes_ = record.quotes_size();
    ++published_;
  }
  void Reject(const newsflow::pipeline::RawMessage&,
              const newsflow::pipeline::Rejection& why) override {
    ++rejected_;
    reason_ = why.Describe();
  }
  std::string reason_;
  int quotes_ = 0;
  size_t published_ = 0;
  size_t rejected_ = 0;
};

void BM_Body(benchmark::State& state, const std::string& kind) {
  std::string error;
  const auto* ex = SharedExtractor(error);
  if (ex == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  const auto bytes = static_cast<size_t>(state.range(0));
  const Body body = Makers().at(kind)(bytes);
  newsflow::pipeline::RawMessage m;
  m.topic = "bench";
  const std::string json = "{\"id\":\"a\",\"content_type\":\"" +
                           std::string(body.html ? "text/html" : "text/plain") + "\",\"body\":\"" +
                           newsflow::ops::JsonEscape(body.text) + "\"}";
  m.value = json;  // a view: json outlives the loop
  newsflow::pipeline::Normalizer normalizer(
      *ex, {.decode = {.max_message_bytes = 16u << 20},
            .normalizer_version = "bench",
            .backfill = "",
            .budget = {},
            .observer = nullptr});  // unlimited: the bench measures the whole work
  CountingSink sink;
  for (auto _ : state) {
    normalizer.ProcessBatch(std::span(&m, 1), sink);
    benchmark::DoNotOptimize(sink.quotes_);
  }
  if (sink.rejected_ != 0) {
    state.SkipWithError(("the body was rejected: " + sink.reason_).c_str());
    return;
  }
  const double kb = static_cast<double>(body.text.size()) / 1024.0;
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.text.size()));
  // Inverted rate of KB/1e6 per iteration: microseconds per KB.
  state.counters["us_per_KB"] = benchmark::Counter(
      kb / 1e6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["quotes"] = sink.quotes_;
  static const auto options = ModelOptions();
  state.SetLabel(std::string("ner=") + (options.ner_model_path.empty() ? "off" : "on") +
                 " gazetteer=" + (options.gazetteer_path.empty() ? "off" : "on"));
}

const bool kRegistered = [] {
  for (const auto& [kind, maker] : Makers()) {
    benchmark::RegisterBenchmark(("BM_" + kind).c_str(), BM_Body, kind)
        ->Arg(100 << 10)
        ->Arg(1 << 20)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
