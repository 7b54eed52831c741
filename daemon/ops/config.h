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

// A fan-out output topic (quotes, actors, locations); off while `topic` is empty.
struct FanoutTopic {
  std::string topic;
  std::string format = "protobuf";  // protobuf | json | confluent_protobuf
  int64_t schema_id = 0;            // confluent_protobuf only
};

struct Config {
  std::string source_path;  // the file it came from ("" for defaults)

  struct Kafka {
    // No default: `embedded` (the demo's in-memory cluster) must be asked for by name.
    std::string brokers;
    std::string group_id = "newsflowd";
    std::vector<InputTopic> input_topics{{"news.raw", "json"}};
    std::string output_topic = "news.normalized";
    std::string dead_letter_topic = "news.deadletter";
    std::string output_format = "protobuf";  // protobuf | json | confluent_protobuf
    int64_t output_schema_id = 0;
    FanoutTopic quotes;
    FanoutTopic actors;
    FanoutTopic locations;
    std::string delivery = "exactly_once";  // exactly_once | at_least_once
    std::string transactional_id;           // "" = "<group_id>-<host name>"
    int transaction_max_messages = 500;
    int transaction_max_ms = 100;
    int batch_max_messages = 500;
    int batch_max_ms = 100;
    int64_t batch_max_bytes = int64_t{32} << 20;
    int commit_retry_max = 10;
    int shutdown_timeout_ms = 25000;
    // librdkafka properties passed through as is: `client` to both clients (security.protocol,
    // ssl.*, sasl.*), then `consumer` / `producer` to one. A key ending in `_file` (or `.file`,
    // the environment form) is replaced at load by the property without it, set to the file's
    // content (secrets from mounted files); see IsSecretProperty for what is never shown.
    std::map<std::string, std::string> client;
    std::map<std::string, std::string> consumer;
    std::map<std::string, std::string> producer;
  } kafka;

  struct Embedded {
    int partitions = 3;
    std::string samples;  // JSON lines file loaded into the first input topic at start
    int rate = 0;         // samples replayed per second after that load; 0 = load once
  } embedded;

  struct Pipeline {
    // Below librdkafka's default message.max.bytes (1,000,000) with room for a dead letter's
    // key and headers, so a rejected input can always be dead-lettered.
    int64_t max_message_bytes = 983040;
    // Work budget of one article's extraction: min + per MB of body (see extract/budget.h).
    int64_t work_budget_min_ms = 100;
    int64_t work_budget_ms_per_mb = 2000;
    int64_t workers = 0;  // normalizing threads per batch; 0 = one per usable core
    // "normalize", or "none": each input is forwarded unchanged to the articles topic (a
    // measure of the Kafka path alone; bench/e2e.sh --passthrough).
    std::string transform = "normalize";
  } pipeline;

  struct Models {
    std::string ner;        // NER model file; "" = no entity recognition
    std::string gazetteer;  // compiled gazetteer; "" = no geoparsing
  } models;

  struct Ops {
    // The HTTP endpoint (/healthz, /readyz, /metrics); "" = none. Loopback unless asked.
    std::string http_listen = "127.0.0.1:9464";
    // /healthz turns 503 (and systemd's watchdog stops being fed) when the loop has made no
    // progress for this long while it had work.
    int64_t stall_timeout_ms = 60000;
  } ops;

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

// What `run` and `check-config` need beyond a valid file: a broker list (the demo cluster only
// when asked for by name). Returns "" or the error.
std::string CheckRunnable(const Config& config);

// The transactional.id the daemon uses: kafka.transactional_id, or "<group_id>-<host name>".
std::string EffectiveTransactionalId(const Config& config);

// librdkafka properties whose values are secrets (passwords, keys, tokens): never logged or
// printed; RedactedProperties shows them as "[redacted]".
bool IsSecretProperty(const std::string& key);
// "k=v k=v …" of a property map for logs and check-config, secrets redacted.
std::string RedactedProperties(const std::map<std::string, std::string>& props);

// Markdown reference of every setting, generated from the table the loader uses.
std::string ConfigReference();

}  // namespace newsflow::ops
