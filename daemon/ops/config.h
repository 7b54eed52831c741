#pragma once
// The daemon's configuration: one table of settings (name, type, default, description,
// validator) drives loading, validation, environment overrides and the generated reference
// (`newsflowd check-config --reference`), so the docs cannot drift from the loader.
//
// Errors name the file, the line and the key: "newsflowd.yaml:7: kafka.brokres: unknown key".
// Loading happens once at start; a Config is a plain value afterwards.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsflow::ops {

struct InputTopic {
  std::string name;
  std::string format = "json";  // json | text | protobuf
};

struct Config {
  std::string source_path;  // the file it came from ("" for defaults)

  struct Kafka {
    std::string brokers = "embedded";
    std::string group_id = "newsflowd";
    std::vector<InputTopic> input_topics{{"news.raw", "json"}};
    std::string output_topic = "news.normalized";
    std::string dead_letter_topic = "news.deadletter";
    std::string output_format = "protobuf";  // protobuf | json
    int batch_max_messages = 500;
    int batch_max_ms = 100;
    int commit_retry_max = 10;
    std::map<std::string, std::string> consumer;  // passed to librdkafka as is
    std::map<std::string, std::string> producer;
  } kafka;

  struct Embedded {
    int partitions = 3;
    std::string samples;  // JSON lines file loaded into the first input topic at start
    int rate = 0;         // samples replayed per second after that load; 0 = load once
  } embedded;

  struct Pipeline {
    int64_t max_message_bytes = 1 << 20;
  } pipeline;

  struct Models {
    std::string ner;        // NER model file; "" = no entity recognition
    std::string gazetteer;  // compiled gazetteer; "" = no geoparsing
  } models;

  struct Log {
    std::string level = "info";   // trace | debug | info | warn | error | off
    std::string format = "text";  // text | json
  } log;
};

struct ConfigError {
  std::string message;  // complete, ready to print
};

// Reads YAML from `path`, applies NEWSFLOW_* environment overrides from `env` (a list of
// "NAME=value" strings, usually `environ`), validates. Relative paths inside the file are
// resolved against the file's directory.
std::optional<Config> LoadConfig(const std::string& path, char** env, ConfigError& error);

// Same, from a YAML string (tests). `origin` is used in messages and for relative paths.
std::optional<Config> ParseConfig(const std::string& yaml, const std::string& origin, char** env,
                                  ConfigError& error);

// Markdown reference of every setting, generated from the table the loader uses.
std::string ConfigReference();

}  // namespace newsflow::ops
