// newsflowd: wiring and subcommands only. Everything with behaviour lives in the modules.

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "daemon/extract/extractor.h"
#include "daemon/extract/gazetteer.h"
#include "daemon/extract/ner.h"
#include "daemon/kafka/embedded.h"
#include "daemon/kafka/replay.h"
#include "daemon/kafka/runner.h"
#include "daemon/ops/config.h"
#include "daemon/ops/health.h"
#include "daemon/ops/http.h"
#include "daemon/ops/logging.h"
#include "daemon/ops/metrics.h"
#include "daemon/ops/process.h"
#include "daemon/ops/progress.h"
#include "daemon/ops/signals.h"
#include "daemon/pipeline/normalizer.h"
#include "daemon/pipeline/render.h"
#include "daemon/pipeline/workers.h"

extern char** environ;

namespace {

using newsflow::ops::Config;

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitRejected = 2;  // normalize: some input lines were rejected
constexpr int kExitUsage = 64;

constexpr const char* kUsage = R"(newsflowd — news event-stream normalizer (Kafka in, protobuf out)

Usage: newsflowd <command> [options]

Commands:
  run           consume raw items from Kafka, normalize, produce records (the daemon)
  normalize     normalize raw items, one a line, from stdin or a file; records on stdout
  replay        process a bounded range of the input again (a backfill), resumable
  check-config  validate a config file (and print the settings reference)

Options:
  --help        this text; `newsflowd <command> --help` for a command's options
  --version     print the version, and those of the shipped NER model and gazetteer
)";

constexpr const char* kRunUsage = R"(Usage: newsflowd run --config FILE

Consumes the configured input topics as a consumer group, normalizes every message, produces a
newsflow.v1.NormalizedArticle per article to the output topic (keyed by article id) and bad input
to the dead-letter topic; commits an input offset only once its output is delivered.
With `kafka.brokers: embedded` it starts an in-process demo cluster loaded with the sample
articles and prints its address. SIGTERM/SIGINT: finish in-flight work, commit, exit 0.

Options:
  --config FILE   YAML configuration (required); NEWSFLOW_* environment variables override keys
)";

constexpr const char* kNormalizeUsage =
    R"(Usage: newsflowd normalize [--config FILE | --no-models] [--input FILE]
                          [--format json|text] [--pretty | --summary] [--workers N]

Reads raw items, one per line (from stdin, or --input FILE), and writes one
newsflow.v1.NormalizedArticle per line as JSON (proto3 JSON mapping, .proto field names, zero
values printed) to stdout, in input order. A bad line is reported on stderr with its line number
and reason; the rest go on. Same code path as the daemon.

Options:
  --config FILE   use the models and limits of this config (default: the shipped NER model
                  and gazetteer, installed under share/newsflow/ or found in the build tree;
                  a missing one is an error that names it)
  --no-models     no NER model and no gazetteer: records without actors and places
  --input FILE    read this file instead of stdin
  --format F      input format of each line: json (default) or text (the line is the body)
  --pretty        the same JSON records, indented over several lines
  --summary       a plain-text table per article instead of JSON: title, actors (type, roles),
                  quotes (speaker, cue), places (GeoNames id, country, coordinates); "-" marks
                  an empty value
  --workers N     normalizing threads (default: pipeline.workers of the config, 0 = one per
                  core); the output order is the input order whatever N
Exit status: 0 all lines normalized, 2 some lines rejected, 1 error, 64 usage.
)";

constexpr const char* kReplayUsage =
    R"(Usage: newsflowd replay --config FILE --from X --to Y [--topic T] [--output-topic O]
                        [--group G] [--dry-run]

Normalizes a bounded range of the input topics again and produces the records to the output
topics (fan-out topics included), exactly once: progress is committed in the same transactions
as the output, under a replay group of its own (the live group's offsets are not touched).
Interrupted and started again with the same arguments, it continues where it stopped. The
range is fixed at start: messages that arrive later are not replayed. Records equal the live
daemon's but for provenance.backfill, which holds the replay's group id.

Options:
  --config FILE         the daemon's config (brokers, topics, models, delivery)
  --from X              first bound of the range [X, Y): earliest, an RFC 3339 time (per
                        partition, the first message at or after it) or PARTITION:OFFSET,...
  --to Y                end of the range (exclusive): latest, a time or PARTITION:OFFSET,...
  --topic T             replay only this input topic (default: every configured one)
  --output-topic O      write the records here instead of kafka.output_topic
  --group G             the replay's group id (default: derived from the arguments)
  --dry-run             print the resolved range per partition and the total; produce nothing
On a terminal a progress bar, otherwise a progress line every 5 s; then a summary.
Exit status: 0 the whole range is done, 1 error, 2 bad arguments, 130 interrupted (resumable).
)";

constexpr const char* kCheckUsage =
    R"(Usage: newsflowd check-config --config FILE | --reference | --metrics-reference

Loads and validates FILE (with NEWSFLOW_* overrides), checks the librdkafka pass-through
properties and that the model files load, and prints a summary. Exit 0 when valid.

Options:
  --config FILE   the file to check
  --reference     print the reference of every setting (Markdown) and exit
  --metrics-reference
                  print the reference of every metric /metrics serves (Markdown) and exit
)";

struct Args {
  std::string config;
  std::string input;
  std::string format = "json";
  bool help = false;
  bool reference = false;
  bool metrics_reference = false;
  bool pretty = false;
  bool summary = false;
  bool dry_run = false;
  bool no_models = false;
  std::string from, to, topic, output_topic, group;
  std::string workers;  // "" = the config's pipeline.workers
};

// Parses `--key value` / `--key=value` options; returns an error message or "".
std::string ParseArgs(int argc, char** argv, int start, Args& a,
                      const std::vector<std::string>& allowed) {
  for (int i = start; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    if (arg == "--help" || arg == "-h") {
      a.help = true;
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), arg) == allowed.end()) {
      return "unknown option '" + arg + "'";
    }
    // Flags take no value.
    if (arg == "--reference" || arg == "--metrics-reference" || arg == "--pretty" ||
        arg == "--summary" || arg == "--dry-run" || arg == "--no-models") {
      if (has_value) return "option " + arg + " takes no value";
      a.metrics_reference |= arg == "--metrics-reference";
      a.dry_run |= arg == "--dry-run";
      a.no_models |= arg == "--no-models";
      a.reference |= arg == "--reference";
      a.pretty |= arg == "--pretty";
      a.summary |= arg == "--summary";
      continue;
    }
    if (!has_value) {
      if (i + 1 >= argc) return "option " + arg + " needs a value";
      value = argv[++i];
    }
    if (arg == "--config") a.config = value;
    if (arg == "--input") a.input = value;
    if (arg == "--format") a.format = value;
    if (arg == "--from") a.from = value;
    if (arg == "--to") a.to = value;
    if (arg == "--topic") a.topic = value;
    if (arg == "--output-topic") a.output_topic = value;
    if (arg == "--group") a.group = value;
    if (arg == "--workers") a.workers = value;
  }
  return "";
}

std::optional<newsflow::extract::Extractor> LoadExtractor(const Config& config,
                                                          std::string& error) {
  newsflow::extract::ExtractorOptions opts;
  opts.ner_model_path = config.models.ner;
  opts.gazetteer_path = config.models.gazetteer;
  auto ex = newsflow::extract::Extractor::Load(opts);
  if (!ex.ok()) {
    error = ex.error();
    return std::nullopt;
  }
  return std::move(ex).value();
}

std::optional<Config> LoadConfigOrReport(const std::string& path) {
  newsflow::ops::ConfigError err;
  auto config = newsflow::ops::LoadConfig(path, environ, err);
  if (!config) std::fprintf(stderr, "newsflowd: %s\n", err.message.c_str());
  return config;
}

// A config the Kafka commands can run with: valid, with brokers, librdkafka properties that
// librdkafka accepts and a size policy that cannot loop. Reports and returns nullopt otherwise.
std::optional<Config> LoadRunnableConfigOrReport(const std::string& path) {
  auto config = LoadConfigOrReport(path);
  if (!config) return config;
  if (auto e = newsflow::ops::CheckRunnable(*config); !e.empty()) {
    std::fprintf(stderr, "newsflowd: %s\n", e.c_str());
    return std::nullopt;
  }
  if (auto e = newsflow::kafka::ValidateClientProperties(*config); !e.empty()) {
    std::fprintf(stderr, "newsflowd: %s: %s\n", path.c_str(), e.c_str());
    return std::nullopt;
  }
  return config;
}

newsflow::pipeline::NormalizerOptions NormalizerOptionsFor(const Config& config) {
  newsflow::pipeline::NormalizerOptions nopts;
  nopts.decode.max_message_bytes = static_cast<size_t>(config.pipeline.max_message_bytes);
  nopts.normalizer_version = NEWSFLOW_VERSION;
  nopts.budget = {.min_ms = config.pipeline.work_budget_min_ms,
                  .ms_per_mb = config.pipeline.work_budget_ms_per_mb};
  return nopts;
}

// A config may leave a model out (tests do, to run fast), but records without actors or places
// must not come as a surprise.
template <typename Report>
void WarnOfMissingModels(const Config& config, Report report) {
  if (config.models.ner.empty()) report("models.ner is not set: records will have no actors");
  if (config.models.gazetteer.empty()) {
    report("models.gazetteer is not set: records will have no locations");
  }
}

// Per-article extraction figures into the metrics (called on the normalizing threads).
class ExtractionMetrics final : public newsflow::pipeline::ExtractionObserver {
 public:
  explicit ExtractionMetrics(newsflow::ops::Metrics& m)
      : ner_(m.extraction_stage.With({"ner"})),
        places_(m.extraction_stage.With({"places"})),
        actors_(m.extraction_stage.With({"actors"})),
        quotes_(m.extraction_stage.With({"quotes"})),
        n_actors_(m.record_actors.With({})),
        n_quotes_(m.record_quotes.With({})),
        n_locations_(m.record_locations.With({})) {}
  void Observe(const newsflow::extract::Extraction& e) override {
    ner_.Observe(e.seconds.ner);
    if (e.budget_stop != "ner") places_.Observe(e.seconds.places);
    actors_.Observe(e.seconds.actors);
    if (e.budget_stop.empty()) quotes_.Observe(e.seconds.quotes);
    n_actors_.Observe(static_cast<double>(e.actors.size()));
    n_quotes_.Observe(static_cast<double>(e.quotes.size()));
    n_locations_.Observe(static_cast<double>(e.locations.size()));
  }

 private:
  newsflow::ops::Series &ner_, &places_, &actors_, &quotes_, &n_actors_, &n_quotes_, &n_locations_;
};

// What `run` and `replay` report to operators: metrics, health and the HTTP endpoint.
struct Operations {
  explicit Operations(const Config& config)
      : health(std::chrono::milliseconds(config.ops.stall_timeout_ms)), observer(metrics) {}

  // Serves ops.http_listen (when set); returns "" or the error.
  std::string Serve(const Config& config) {
    if (config.ops.http_listen.empty()) return "";
    std::string error;
    http = newsflow::ops::HttpEndpoint::Start(config.ops.http_listen, health, metrics, error);
    return error;
  }

  void SetBuildInfo(const Config& config, const newsflow::extract::Extractor& extractor) {
    metrics.build_info
        .With({NEWSFLOW_VERSION, config.models.ner.empty() ? "" : extractor.ner_model_version(),
               config.models.gazetteer.empty() ? "" : extractor.gazetteer_version()})
        .Set(1);
  }

  newsflow::ops::Metrics metrics;
  newsflow::ops::Health health;
  ExtractionMetrics observer;
  std::unique_ptr<newsflow::ops::HttpEndpoint> http;
};

int CmdCheckConfig(const Args& a) {
  if (a.metrics_reference) {
    std::fputs(newsflow::ops::MetricsReference().c_str(), stdout);
    return kExitOk;
  }
  if (a.reference) {
    std::fputs(newsflow::ops::ConfigReference().c_str(), stdout);
    return kExitOk;
  }
  if (a.config.empty()) {
    std::fputs(kCheckUsage, stderr);
    return kExitUsage;
  }
  auto config = LoadRunnableConfigOrReport(a.config);
  if (!config) return kExitError;
  std::string error;
  auto extractor = LoadExtractor(*config, error);
  if (!extractor) {
    std::fprintf(stderr, "newsflowd: %s: %s\n", a.config.c_str(), error.c_str());
    return kExitError;
  }
  std::printf("%s: OK\n  brokers: %s\n  group: %s\n  inputs:", a.config.c_str(),
              config->kafka.brokers.c_str(), config->kafka.group_id.c_str());
  for (const auto& t : config->kafka.input_topics)
    std::printf(" %s(%s)", t.name.c_str(), t.format.c_str());
  std::printf(
      "\n  delivery: %s%s\n", config->kafka.delivery.c_str(),
      config->kafka.delivery == "exactly_once"
          ? (" (transactional.id " + newsflow::ops::EffectiveTransactionalId(*config) + ")").c_str()
          : "");
  for (const auto* f : {&config->kafka.quotes, &config->kafka.actors, &config->kafka.locations}) {
    if (!f->topic.empty()) std::printf("  fan-out: %s (%s)\n", f->topic.c_str(), f->format.c_str());
  }
  std::printf("  output: %s (%s)\n  dead letters: %s\n  ner model: %s\n  gazetteer: %s\n",
              config->kafka.output_topic.c_str(), config->kafka.output_format.c_str(),
              config->kafka.dead_letter_topic.c_str(),
              config->models.ner.empty() ? "(none)" : extractor->ner_model_version().c_str(),
              config->models.gazetteer.empty() ? "(none)" : extractor->gazetteer_version().c_str());
  // What goes to librdkafka, secrets shown as [redacted].
  for (const auto& [name, props] :
       {std::pair{"client", &config->kafka.client}, std::pair{"consumer", &config->kafka.consumer},
        std::pair{"producer", &config->kafka.producer}}) {
    if (!props->empty()) {
      std::printf("  %s properties: %s\n", name, newsflow::ops::RedactedProperties(*props).c_str());
    }
  }
  std::printf("  http endpoint: %s\n",
              config->ops.http_listen.empty() ? "(none)" : config->ops.http_listen.c_str());
  return kExitOk;
}

enum class Rendering { kJson, kPrettyJson, kSummary };

// Writes records to stdout (as JSON lines, indented JSON or text tables) and rejections with
// their line number to stderr.
class StdoutSink final : public newsflow::pipeline::Sink {
 public:
  explicit StdoutSink(Rendering rendering) : rendering_(rendering) {}

  void Publish(const newsflow::pipeline::RawMessage&,
               const newsflow::v1::NormalizedArticle& record) override {
    switch (rendering_) {
      case Rendering::kJson:
      case Rendering::kPrettyJson:
        out_.clear();  // keeps its capacity: one allocation for the whole run
        newsflow::pipeline::AppendRecordJson(record, rendering_ == Rendering::kPrettyJson, out_);
        out_.push_back('\n');
        break;
      case Rendering::kSummary:
        // A blank line between articles, none before the first, so tables never run together.
        out_ = published_ > 0 ? "\n" : "";
        out_ += newsflow::pipeline::RecordSummary(record);
        break;
    }
    ++published_;
    std::fwrite(out_.data(), 1, out_.size(), stdout);
  }
  void Reject(const newsflow::pipeline::RawMessage& origin,
              const newsflow::pipeline::Rejection& why) override {
    ++rejected_;
    std::fflush(stdout);  // keep the order of records and errors when both go to one stream
    std::fprintf(stderr, "%.*s:%lld: %s\n", static_cast<int>(origin.topic.size()),
                 origin.topic.data(), static_cast<long long>(origin.offset),
                 why.Describe().c_str());
  }
  int64_t rejected() const { return rejected_; }

 private:
  Rendering rendering_;
  std::string out_;
  int64_t published_ = 0;
  int64_t rejected_ = 0;
};

// Reads one line (without its "\n" or "\r\n") keeping at most `keep` bytes of it.
bool ReadBoundedLine(std::istream& in, std::string& line, size_t keep) {
  line.clear();
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
    any = true;
    if (c == '\n') break;
    if (line.size() < keep) line.push_back(static_cast<char>(c));
  }
  if (!any) {
    in.setstate(std::ios::eofbit);
    return false;
  }
  if (!line.empty() && line.back() == '\r' && line.size() < keep) line.pop_back();
  return true;
}

// The shipped model files, relative to the executable's directory: where `cmake --install` puts
// them (<prefix>/bin → <prefix>/share/newsflow), then a preset's build tree
// (build/<preset>/daemon → models/ and build/gazetteer/, where tools/setup.sh writes it).
struct ShippedFile {
  const char* what;
  std::vector<const char*> candidates;
};
const ShippedFile kShippedNer{
    "NER model", {"../share/newsflow/models/ner-en.bin", "../../../models/ner-en.bin"}};
const ShippedFile kShippedGazetteer{"gazetteer",
                                    {"../share/newsflow/gazetteer/newsflow-gazetteer.bin",
                                     "../../gazetteer/newsflow-gazetteer.bin"}};

std::filesystem::path ShippedCandidate(const char* relative) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(
      std::filesystem::path(newsflow::ops::ExecutableDir()) / relative, ec);
  return ec ? std::filesystem::path(relative) : p;
}

// The first candidate that is a file, or "".
std::string FindShipped(const ShippedFile& file) {
  if (newsflow::ops::ExecutableDir().empty()) return "";
  for (const char* c : file.candidates) {
    std::error_code ec;
    auto p = ShippedCandidate(c);
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

// "a or b": where FindShipped looked, for an error message.
std::string ShippedPlaces(const ShippedFile& file) {
  std::string s;
  for (const char* c : file.candidates) {
    if (!s.empty()) s += " or ";
    s += ShippedCandidate(c).string();
  }
  return s;
}

int CmdNormalize(const Args& a) {
  Config config;
  if (!a.config.empty()) {
    auto loaded = LoadConfigOrReport(a.config);
    if (!loaded) return kExitError;
    config = std::move(*loaded);
  }
  // Records without actors and places must be asked for: by default the shipped models load, or
  // the command says which file is missing.
  if (a.no_models) {
    config.models = {};
  } else if (a.config.empty()) {
    for (auto [file, path] : {std::pair{&kShippedNer, &config.models.ner},
                              std::pair{&kShippedGazetteer, &config.models.gazetteer}}) {
      *path = FindShipped(*file);
      if (path->empty()) {
        std::fprintf(stderr,
                     "newsflowd normalize: the shipped %s is missing (looked for %s); "
                     "tools/setup.sh builds it, or pass --config FILE or --no-models\n",
                     file->what, ShippedPlaces(*file).c_str());
        return kExitError;
      }
    }
  } else {
    WarnOfMissingModels(config, [&](const std::string& w) {
      std::fprintf(stderr, "newsflowd normalize: %s: %s\n", a.config.c_str(), w.c_str());
    });
  }
  auto format = newsflow::pipeline::ParseInputFormat(a.format);
  if (!format || *format == newsflow::pipeline::InputFormat::kProtobuf) {
    std::fprintf(stderr, "newsflowd normalize: --format must be json or text\n");
    return kExitUsage;
  }
  if (a.pretty && a.summary) {
    std::fprintf(stderr, "newsflowd normalize: --pretty and --summary exclude each other\n");
    return kExitUsage;
  }
  int64_t workers_wanted = config.pipeline.workers;
  if (!a.workers.empty()) {
    const auto [end, ec] =
        std::from_chars(a.workers.data(), a.workers.data() + a.workers.size(), workers_wanted);
    if (ec != std::errc() || end != a.workers.data() + a.workers.size() || workers_wanted < 0 ||
        workers_wanted > 256) {
      std::fprintf(stderr, "newsflowd normalize: --workers must be 0..256\n");
      return kExitUsage;
    }
  }
  std::string error;
  auto extractor = LoadExtractor(config, error);
  if (!extractor) {
    std::fprintf(stderr, "newsflowd: %s\n", error.c_str());
    return kExitError;
  }
  newsflow::pipeline::Normalizer normalizer(*extractor, NormalizerOptionsFor(config));
  newsflow::pipeline::BatchWorkers workers(normalizer, static_cast<int>(workers_wanted));

  std::ifstream file;
  std::istream* in = &std::cin;
  std::string origin = "stdin";
  if (!a.input.empty() && a.input != "-") {
    file.open(a.input, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "newsflowd: %s: cannot open: %s\n", a.input.c_str(),
                   std::strerror(errno));
      return kExitError;
    }
    in = &file;
    origin = a.input;
  }
  StdoutSink sink(a.summary  ? Rendering::kSummary
                  : a.pretty ? Rendering::kPrettyJson
                             : Rendering::kJson);
  constexpr size_t kBatch = 256;
  std::vector<std::string> lines;
  std::vector<newsflow::pipeline::RawMessage> batch;
  int64_t line_no = 0;
  auto flush = [&] {
    batch.clear();
    int64_t first = line_no - static_cast<int64_t>(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      newsflow::pipeline::RawMessage m;
      m.topic = origin;
      m.partition = 0;
      m.offset = first + static_cast<int64_t>(i) + 1;  // 1-based line number
      m.value = lines[i];
      m.format = *format;
      batch.push_back(m);
    }
    workers.Process(batch, sink);
    lines.clear();
  };
  // Lines longer than the message limit are cut at limit + 1 bytes (enough for Decode to
  // reject them as too_large) and the rest is skipped, so memory stays bounded.
  const size_t keep = static_cast<size_t>(config.pipeline.max_message_bytes) + 1;
  std::string line;
  while (ReadBoundedLine(*in, line, keep)) {
    ++line_no;
    lines.push_back(std::move(line));
    if (lines.size() == kBatch) flush();
  }
  flush();
  std::fflush(stdout);
  if (sink.rejected() > 0) {
    std::fprintf(stderr, "newsflowd: %lld of %lld lines rejected\n",
                 static_cast<long long>(sink.rejected()), static_cast<long long>(line_no));
    return kExitRejected;
  }
  return kExitOk;
}

int CmdRun(const Args& a) {
  if (a.config.empty()) {
    std::fputs(kRunUsage, stderr);
    return kExitUsage;
  }
  auto config = LoadRunnableConfigOrReport(a.config);
  if (!config) return kExitError;
  if (!newsflow::ops::SetupLogging(config->log.level, config->log.format)) return kExitError;
  auto log = newsflow::ops::Logger("main");
  newsflow::ops::InstallStopHandlers();
  log->info("newsflowd {} starting with {}", NEWSFLOW_VERSION, a.config);
  if (!config->kafka.client.empty()) {
    log->info("client properties: {}", newsflow::ops::RedactedProperties(config->kafka.client));
  }
  // Up before the models load: a probe during start-up sees "starting", not a refused port.
  Operations operations(*config);
  if (auto e = operations.Serve(*config); !e.empty()) {
    log->critical("{}", e);
    return kExitError;
  }
  if (operations.http) {
    log->info("serving /healthz /readyz /metrics on {}:{}", operations.http->host(),
              operations.http->port());
  }

  std::string error;
  const int64_t resident_before = newsflow::ops::ResidentBytes();
  const auto load_start = std::chrono::steady_clock::now();
  auto extractor = LoadExtractor(*config, error);
  if (!extractor) {
    log->critical("{}", error);
    return kExitError;
  }
  const auto load_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - load_start)
                           .count();
  const int64_t resident_after = newsflow::ops::ResidentBytes();
  // Loading the models is most of the daemon's memory; say how much it took and what was loaded.
  log->info("models loaded in {} ms, resident memory +{} MiB: ner {}, gazetteer {}", load_ms,
            resident_before < 0 || resident_after < 0
                ? std::string("?")
                : std::to_string((resident_after - resident_before) >> 20),
            config->models.ner.empty() ? "(none)" : extractor->ner_model_version(),
            config->models.gazetteer.empty() ? "(none)" : extractor->gazetteer_version());
  WarnOfMissingModels(*config, [&](const std::string& w) { log->warn("{}", w); });
  operations.SetBuildInfo(*config, *extractor);
  newsflow::pipeline::NormalizerOptions nopts = NormalizerOptionsFor(*config);
  nopts.observer = &operations.observer;
  newsflow::pipeline::Normalizer normalizer(*extractor, nopts);

  newsflow::kafka::RunOptions ropts;
  ropts.metrics = &operations.metrics;
  ropts.health = &operations.health;
  std::optional<newsflow::kafka::EmbeddedCluster> embedded;
  if (config->kafka.brokers == "embedded") {
    embedded.emplace();
    if (auto e = embedded->Start(*config); !e.empty()) {
      log->critical("{}", e);
      return kExitError;
    }
    config->kafka.brokers = embedded->bootstrap_servers();
    log->info("embedded Kafka (in-process mock cluster, demo only) at {}", config->kafka.brokers);
    // Once, at start: how to look at what the demo produces from another terminal.
    log->info("from another terminal: the records ({}), then the dead letters with their reasons:",
              config->kafka.output_format);
    log->info("  kcat -b {} -C -t {} -o beginning -X isolation.level=read_committed",
              config->kafka.brokers, config->kafka.output_topic);
    log->info("  kcat -b {} -C -t {} -o beginning -f '%h  %s\\n'", config->kafka.brokers,
              config->kafka.dead_letter_topic);
    if (!config->embedded.samples.empty()) {
      int n = embedded->LoadSamples(config->embedded.samples,
                                    config->kafka.input_topics.front().name, error);
      if (n < 0) {
        log->critical("{}", error);
        return kExitError;
      }
      log->info("loaded {} sample articles from {} into {}", n, config->embedded.samples,
                config->kafka.input_topics.front().name);
    }
    // The mock cluster answers an empty fetch only after fetch.wait.max.ms and keeps Nagle on.
    ropts.consumer_defaults = {{"fetch.wait.max.ms", "10"}, {"socket.nagle.disable", "true"}};
    ropts.producer_defaults = {{"socket.nagle.disable", "true"}};
    ropts.log_records = true;
  }
  int status = newsflow::kafka::Run(*config, normalizer, ropts);
  log->info("exit {}", status);
  spdlog::shutdown();
  return status;
}

// "VERSION (PATH)", "(not found)", or the reason a found file does not load.
template <typename Model>
std::string DescribeShipped(const std::string& path) {
  if (path.empty()) return "(not found)";
  auto m = Model::Load(path);
  if (!m.ok()) return "(unreadable: " + m.error() + ")";
  if constexpr (std::is_same_v<Model, newsflow::extract::Gazetteer>) {
    return m.value().data_version() + " (" + path + ")";
  } else {
    return m.value().version() + " (" + path + ")";
  }
}

int CmdVersion() {
  std::string ner = FindShipped(kShippedNer);
  std::string gazetteer = FindShipped(kShippedGazetteer);
  std::printf("newsflowd %s\nner model: %s\ngazetteer: %s\n", NEWSFLOW_VERSION,
              DescribeShipped<newsflow::extract::NerModel>(ner).c_str(),
              DescribeShipped<newsflow::extract::Gazetteer>(gazetteer).c_str());
  return kExitOk;
}

int CmdReplay(const Args& a) {
  auto usage = [](const std::string& e) {
    std::fprintf(stderr, "newsflowd replay: %s\n", e.c_str());
    return kExitRejected;  // 2: bad arguments
  };
  if (a.config.empty() || a.from.empty() || a.to.empty()) {
    std::fputs(kReplayUsage, stderr);
    return kExitRejected;
  }
  auto config = LoadRunnableConfigOrReport(a.config);
  if (!config) return kExitError;
  if (config->kafka.brokers == "embedded") return usage("needs a real broker (kafka.brokers)");
  if (!a.output_topic.empty()) {
    for (const auto& t : config->kafka.input_topics) {
      if (t.name == a.output_topic) return usage("--output-topic " + t.name + " is an input topic");
    }
    config->kafka.output_topic = a.output_topic;
  }
  newsflow::kafka::ReplayRequest request;
  request.from = a.from;
  request.to = a.to;
  request.group = a.group;
  if (!a.topic.empty()) {
    request.topics = {a.topic};
    // A topic outside the config is read with the first input topic's format.
    bool listed = false;
    for (const auto& t : config->kafka.input_topics) listed |= t.name == a.topic;
    if (!listed) {
      newsflow::ops::InputTopic t = config->kafka.input_topics.front();
      t.name = a.topic;
      config->kafka.input_topics = {t};
    } else {
      std::erase_if(config->kafka.input_topics, [&](const auto& t) { return t.name != a.topic; });
    }
  } else {
    for (const auto& t : config->kafka.input_topics) request.topics.push_back(t.name);
  }
  if (auto e = newsflow::kafka::CheckReplayBounds(request); !e.message.empty()) {
    return usage(e.message);
  }
  if (!newsflow::ops::SetupLogging(config->log.level == "info" ? "warn" : config->log.level,
                                   config->log.format)) {
    return kExitError;
  }
  newsflow::kafka::ReplayPlan plan;
  newsflow::kafka::ReplayError rerr;
  if (!newsflow::kafka::ResolveReplay(*config, request, plan, rerr)) {
    if (rerr.usage) return usage(rerr.message);
    std::fprintf(stderr, "newsflowd replay: %s\n", rerr.message.c_str());
    return kExitError;
  }
  for (const auto& n : plan.notes) std::fprintf(stderr, "newsflowd replay: %s\n", n.c_str());
  if (a.dry_run) {
    std::printf("replay group %s → %s\n%-40s %9s %12s %12s %12s %10s\n",
                plan.range.group_id.c_str(), config->kafka.output_topic.c_str(), "topic",
                "partition", "from", "to", "resume at", "records");
    for (const auto& r : plan.rows) {
      std::printf("%-40s %9d %12lld %12lld %12lld %10lld\n", r.topic.c_str(), r.partition,
                  static_cast<long long>(r.begin), static_cast<long long>(r.end),
                  static_cast<long long>(r.start), static_cast<long long>(r.end - r.begin));
    }
    std::printf("total: %lld records, %lld already done\n",
                static_cast<long long>(plan.range.total), static_cast<long long>(plan.range.done));
    return kExitOk;
  }
  newsflow::ops::InstallStopHandlers();
  std::string error;
  auto extractor = LoadExtractor(*config, error);
  if (!extractor) {
    std::fprintf(stderr, "newsflowd: %s\n", error.c_str());
    return kExitError;
  }
  // A replay often runs next to the live daemon on the same host: a taken port costs the
  // replay its endpoint, not its run.
  Operations operations(*config);
  if (auto e = operations.Serve(*config); !e.empty()) {
    std::fprintf(stderr, "newsflowd replay: no HTTP endpoint (%s)\n", e.c_str());
  }
  WarnOfMissingModels(*config, [](const std::string& w) {
    std::fprintf(stderr, "newsflowd replay: %s\n", w.c_str());
  });
  operations.SetBuildInfo(*config, *extractor);
  newsflow::pipeline::NormalizerOptions nopts = NormalizerOptionsFor(*config);
  nopts.backfill = plan.range.group_id;
  nopts.observer = &operations.observer;
  newsflow::pipeline::Normalizer normalizer(*extractor, nopts);
  std::fprintf(stderr, "newsflowd replay: %s records into %s as group %s (%s)\n",
               newsflow::ops::Progress::Thousands(plan.range.total - plan.range.done).c_str(),
               config->kafka.output_topic.c_str(), plan.range.group_id.c_str(),
               config->kafka.delivery.c_str());
  newsflow::ops::Progress progress(stderr, ::isatty(2) == 1);
  progress.Update(plan.range.done, plan.range.total);  // the start: rates count from here
  newsflow::kafka::RunOptions ropts;
  ropts.metrics = &operations.metrics;
  ropts.health = &operations.health;
  int64_t last_done = plan.range.done;
  plan.range.on_progress = [&](int64_t done, int64_t total) {
    last_done = done;
    progress.Update(done, total);
  };
  const int status = newsflow::kafka::Replay(*config, normalizer, ropts, plan.range);
  progress.Finish(last_done, plan.range.total,
                  status == 0     ? ""
                  : status == 130 ? "; interrupted: run the same command again to resume"
                                  : "; failed (see the log above)");
  spdlog::shutdown();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (cmd == "--version" || cmd == "-V") return CmdVersion();
  Args args;
  struct Command {
    const char* name;
    const char* usage;
    std::vector<std::string> options;
    int (*fn)(const Args&);
  };
  const Command commands[] = {
      {"run", kRunUsage, {"--config"}, CmdRun},
      {"normalize",
       kNormalizeUsage,
       {"--config", "--no-models", "--input", "--format", "--pretty", "--summary", "--workers"},
       CmdNormalize},
      {"replay",
       kReplayUsage,
       {"--config", "--from", "--to", "--topic", "--output-topic", "--group", "--dry-run"},
       CmdReplay},
      {"check-config",
       kCheckUsage,
       {"--config", "--reference", "--metrics-reference"},
       CmdCheckConfig},
  };
  for (const auto& c : commands) {
    if (cmd != c.name) continue;
    if (auto e = ParseArgs(argc, argv, 2, args, c.options); !e.empty()) {
      std::fprintf(stderr, "newsflowd %s: %s\n\n%s", c.name, e.c_str(), c.usage);
      return kExitUsage;
    }
    if (args.help) {
      std::fputs(c.usage, stdout);
      return kExitOk;
    }
    return c.fn(args);
  }
  std::fprintf(stderr, "newsflowd: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return kExitUsage;
}
