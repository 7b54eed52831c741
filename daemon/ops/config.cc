#include "daemon/ops/config.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <tuple>

namespace newsflow::ops {
namespace {

enum class Kind { kScalar, kTopics, kMap };

struct Setting {
  std::string_view key;
  Kind kind;
  std::string_view type;  // for the reference
  std::string_view default_text;
  std::string_view description;
  // Scalars: parse + validate one value into the config; returns "" or an error.
  std::function<std::string(Config&, const std::string&)> set = nullptr;
  // Maps: the pass-through map to fill.
  std::function<std::map<std::string, std::string>&(Config&)> map = nullptr;
};

std::string SetInt(int64_t& out, const std::string& v, int64_t lo, int64_t hi) {
  int64_t x = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), x);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size()) return "'" + v + "' is not an integer";
  if (x < lo || x > hi) {
    return std::to_string(x) + " is out of range [" + std::to_string(lo) + ", " +
           std::to_string(hi) + "]";
  }
  out = x;
  return "";
}

std::function<std::string(Config&, const std::string&)> Int(int Config::Kafka::*field, int64_t lo,
                                                            int64_t hi) {
  return [=](Config& c, const std::string& v) {
    int64_t x;
    std::string err = SetInt(x, v, lo, hi);
    if (err.empty()) c.kafka.*field = static_cast<int>(x);
    return err;
  };
}

std::string OneOf(std::string& out, const std::string& v, std::initializer_list<const char*> ok) {
  for (const char* o : ok) {
    if (v == o) {
      out = v;
      return "";
    }
  }
  std::string list;
  for (const char* o : ok) list += (list.empty() ? "" : ", ") + std::string(o);
  return "'" + v + "' is not one of: " + list;
}

// Kafka's own rule for topic names.
std::string ValidTopic(const std::string& v) {
  if (v.empty()) return "topic name is empty";
  if (v.size() > 249) return "topic name is longer than 249 characters";
  if (v == "." || v == "..") return "topic name cannot be '.' or '..'";
  for (char ch : v) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-')) {
      return "topic name '" + v + "' has a character other than [a-zA-Z0-9._-]";
    }
  }
  return "";
}

std::string SetTopic(std::string& out, const std::string& v) {
  std::string err = ValidTopic(v);
  if (err.empty()) out = v;
  return err;
}

std::string NonEmpty(std::string& out, const std::string& v) {
  if (v.empty()) return "must not be empty";
  out = v;
  return "";
}

std::string ValidFormat(const std::string& f) {
  std::string dummy;
  return OneOf(dummy, f, {"json", "text", "protobuf"});
}

// "news.raw:json,other:text" → topics (environment form of kafka.input_topics).
std::string ParseTopicList(Config& c, const std::string& v) {
  std::vector<InputTopic> topics;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ',')) {
    InputTopic t;
    auto colon = item.find(':');
    t.name = item.substr(0, colon);
    if (colon != std::string::npos) t.format = item.substr(colon + 1);
    if (auto e = ValidTopic(t.name); !e.empty()) return e;
    if (auto e = ValidFormat(t.format); !e.empty()) return e;
    topics.push_back(std::move(t));
  }
  if (topics.empty()) return "no input topic given";
  c.kafka.input_topics = std::move(topics);
  return "";
}

std::string SetWireFormat(std::string& out, const std::string& v) {
  return OneOf(out, v, {"protobuf", "json", "confluent_protobuf"});
}

Setting FanoutTopicSetting(std::string_view key, std::string_view description,
                           FanoutTopic Config::Kafka::*field) {
  return {key, Kind::kScalar, "string", "\"\"", description, [=](Config& c, const std::string& v) {
            if (v.empty()) {
              (c.kafka.*field).topic.clear();
              return std::string();
            }
            return SetTopic((c.kafka.*field).topic, v);
          }};
}

Setting FanoutFormatSetting(std::string_view key, FanoutTopic Config::Kafka::*field) {
  return {
      key,
      Kind::kScalar,
      "enum",
      "protobuf",
      "Encoding of that topic's records, as for "
      "kafka.output_format.",
      [=](Config& c, const std::string& v) { return SetWireFormat((c.kafka.*field).format, v); }};
}

Setting FanoutSchemaSetting(std::string_view key, FanoutTopic Config::Kafka::*field) {
  return {key,
          Kind::kScalar,
          "int",
          "0",
          "Schema Registry id of article.proto for that topic, for `confluent_protobuf`.",
          [=](Config& c, const std::string& v) {
            return SetInt((c.kafka.*field).schema_id, v, 0, int64_t{2147483647});
          }};
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      {"kafka.brokers", Kind::kScalar, "string", "(required)",
       "Bootstrap servers (host:port,...), or `embedded` for an in-process demo cluster "
       "preloaded with the sample articles (librdkafka's mock cluster: memory only, no "
       "delivery guarantees). There is no default: `run` refuses a config without it.",
       [](Config& c, const std::string& v) { return NonEmpty(c.kafka.brokers, v); }},
      {"kafka.group_id", Kind::kScalar, "string", "newsflowd",
       "Consumer group; instances with the same group share the input partitions.",
       [](Config& c, const std::string& v) { return NonEmpty(c.kafka.group_id, v); }},
      {"kafka.input_topics", Kind::kTopics, "list of {name, format}",
       "[{name: news.raw, format: json}]",
       "Topics to consume and the format of their messages: `json` (a raw item object), `text` "
       "(the message is the body) or `protobuf` (newsflow.v1.RawArticle). Environment form: "
       "`name:format,name:format`. Read with isolation.level=read_committed.",
       ParseTopicList},
      {"kafka.delivery", Kind::kScalar, "enum", "exactly_once",
       "`exactly_once`: each batch is one Kafka transaction holding its records, fan-out records, "
       "dead letters and input offsets, so a crash, restart or rebalance neither loses nor "
       "doubles a record. Consumers of the output topics must read with "
       "`isolation.level=read_committed` (kcat: `-X isolation.level=read_committed`), or they "
       "also see records of aborted transactions. `at_least_once`: offsets are committed after "
       "every delivery is confirmed; a crash republishes the records of its last batch.",
       [](Config& c, const std::string& v) {
         return OneOf(c.kafka.delivery, v, {"exactly_once", "at_least_once"});
       }},
      {"kafka.transactional_id", Kind::kScalar, "string", "\"\" (<group_id>-<host name>)",
       "exactly_once: the producer's transactional.id. It must be stable across restarts of one "
       "instance and unique among running instances: a new instance with the same id fences the "
       "old one (which then exits). systemd: `NEWSFLOW_KAFKA__TRANSACTIONAL_ID=newsflowd-%H` in "
       "the unit; Kubernetes StatefulSet: the pod name (`metadata.name` through the downward "
       "API). The default is stable per host; two instances on one host need ids of their own.",
       [](Config& c, const std::string& v) {
         c.kafka.transactional_id = v;
         return std::string();
       }},
      {"kafka.transaction.max_messages", Kind::kScalar, "int", "500",
       "exactly_once: most input messages per transaction (one transaction per batch).",
       Int(&Config::Kafka::transaction_max_messages, 1, 100000)},
      {"kafka.transaction.max_ms", Kind::kScalar, "int", "100",
       "exactly_once: longest time (ms) a transaction's batch waits to fill, counted from when "
       "its first message was written to the input topic (its timestamp, when that is less "
       "than a window ago). Records become visible to read_committed consumers when it "
       "commits, so this bounds their latency; "
       "shorter windows mean more commits per second (see docs/PERFORMANCE.md).",
       Int(&Config::Kafka::transaction_max_ms, 1, 30000)},
      {"kafka.output_topic", Kind::kScalar, "string", "news.normalized",
       "Topic for NormalizedArticle records, keyed by article id.",
       [](Config& c, const std::string& v) { return SetTopic(c.kafka.output_topic, v); }},
      {"kafka.output_format", Kind::kScalar, "enum", "protobuf",
       "Encoding of output records: `protobuf` (binary NormalizedArticle), `json` (proto3 JSON "
       "mapping with the .proto field names, zero values printed) or `confluent_protobuf` "
       "(binary in the Confluent Schema Registry wire format: magic byte 0, the 4-byte "
       "`*_schema_id`, the message indexes, then the message).",
       [](Config& c, const std::string& v) { return SetWireFormat(c.kafka.output_format, v); }},
      {"kafka.output_schema_id", Kind::kScalar, "int", "0",
       "Schema Registry id of proto/newsflow/v1/article.proto, for `confluent_protobuf`.",
       [](Config& c, const std::string& v) {
         return SetInt(c.kafka.output_schema_id, v, 0, int64_t{2147483647});
       }},
      FanoutTopicSetting("kafka.quotes_topic",
                         "Topic for one QuoteRecord per quote, keyed by the speaker's name (empty "
                         "key when unknown); empty: off.",
                         &Config::Kafka::quotes),
      FanoutFormatSetting("kafka.quotes_format", &Config::Kafka::quotes),
      FanoutSchemaSetting("kafka.quotes_schema_id", &Config::Kafka::quotes),
      FanoutTopicSetting("kafka.actors_topic",
                         "Topic for one ActorRecord per actor per article, keyed by the actor's "
                         "canonical name; empty: off.",
                         &Config::Kafka::actors),
      FanoutFormatSetting("kafka.actors_format", &Config::Kafka::actors),
      FanoutSchemaSetting("kafka.actors_schema_id", &Config::Kafka::actors),
      FanoutTopicSetting("kafka.locations_topic",
                         "Topic for one LocationRecord per place per article, keyed by its "
                         "country code (empty for continents and areas); empty: off.",
                         &Config::Kafka::locations),
      FanoutFormatSetting("kafka.locations_format", &Config::Kafka::locations),
      FanoutSchemaSetting("kafka.locations_schema_id", &Config::Kafka::locations),
      {"kafka.dead_letter_topic", Kind::kScalar, "string", "news.deadletter",
       "Topic for rejected input: original bytes, with headers newsflow.error (the reason, at "
       "most 1 KiB), newsflow.source.topic, newsflow.source.partition, newsflow.source.offset.",
       [](Config& c, const std::string& v) { return SetTopic(c.kafka.dead_letter_topic, v); }},
      {"kafka.batch_max_messages", Kind::kScalar, "int", "500",
       "at_least_once: most messages normalized and produced per batch before offsets are "
       "committed.",
       Int(&Config::Kafka::batch_max_messages, 1, 100000)},
      {"kafka.batch_max_ms", Kind::kScalar, "int", "100",
       "at_least_once: longest time (ms) a batch waits to fill before it is processed, "
       "counted as `transaction.max_ms` is.",
       Int(&Config::Kafka::batch_max_ms, 1, 30000)},
      {"kafka.batch_max_bytes", Kind::kScalar, "int", "33554432",
       "Most input bytes (keys and values) held in one batch, in both delivery modes: a batch "
       "ends at whichever of its limits comes first, so memory stays bounded under large "
       "messages.",
       [](Config& c, const std::string& v) {
         return SetInt(c.kafka.batch_max_bytes, v, 1, int64_t{1} << 34);
       }},
      {"kafka.commit_retry_max", Kind::kScalar, "int", "10",
       "Times in a row a failed batch (delivery, transaction or commit error) is retried from "
       "its first offset before the daemon exits with an error (the supervisor restarts it).",
       Int(&Config::Kafka::commit_retry_max, 0, 1000)},
      {"kafka.shutdown_timeout_ms", Kind::kScalar, "int", "25000",
       "On SIGTERM, the longest time (ms) spent finishing the batch in flight; keep it below "
       "systemd's TimeoutStopSec and Kubernetes' terminationGracePeriodSeconds. Work not "
       "committed by then is aborted and processed again after the restart.",
       Int(&Config::Kafka::shutdown_timeout_ms, 100, 3600000)},
      {"kafka.client", Kind::kMap, "map", "{}",
       "librdkafka properties for both the consumer and the producer, before their own maps: "
       "the connection's security (`security.protocol: SASL_SSL`, `ssl.ca.location`, "
       "`sasl.mechanisms`, `sasl.username`, `sasl.password`, …). A key ending in `_file` "
       "(`sasl.password_file: /run/secrets/kafka`) sets the property without the suffix to the "
       "file's content (one trailing newline dropped); this works in the consumer and producer "
       "maps too. Secret values (passwords, keys, tokens) are never logged or printed. "
       "Environment form: NEWSFLOW_KAFKA__CLIENT__SASL_PASSWORD, or "
       "NEWSFLOW_KAFKA__CLIENT__SASL_PASSWORD_FILE.",
       nullptr, [](Config& c) -> std::map<std::string, std::string>& { return c.kafka.client; }},
      {"kafka.consumer", Kind::kMap, "map", "{}",
       "librdkafka consumer properties passed through as is (e.g. `session.timeout.ms`). "
       "newsflowd's own defaults bound the prefetch: `queued.max.messages.kbytes` 16384 and "
       "`fetch.max.bytes` 16777216 (librdkafka's: 64 MiB and 50 MiB), so consumed but "
       "unprocessed input holds at most ~32 MiB next to the batch (`batch_max_bytes`); "
       "librdkafka 2.0.2 fetches again only up to a second after a full queue stopped it, so "
       "after consuming half a queue the loop wakes the fetch when it finds the queue empty; "
       "`heartbeat.interval.ms` 250 (librdkafka's: 3000) and `partition.assignment.strategy` "
       "`roundrobin` (one rebalance round; `cooperative-sticky` takes two, at least a second "
       "apart in librdkafka 2.0.2) let a joining instance start within a second instead of "
       "several. A group still running an older newsflowd (cooperative-sticky) cannot take "
       "roundrobin members: stop it first, or set cooperative-sticky here for that group. "
       "Environment form: NEWSFLOW_KAFKA__CONSUMER__SESSION_TIMEOUT_MS (`_` becomes `.`).",
       nullptr, [](Config& c) -> std::map<std::string, std::string>& { return c.kafka.consumer; }},
      {"kafka.producer", Kind::kMap, "map", "{}",
       "librdkafka producer properties passed through as is (e.g. `compression.type`). "
       "newsflowd's own defaults: `enable.idempotence` true (always), `linger.ms` 5; with "
       "exactly_once also `transaction.timeout.ms` 60000, `message.timeout.ms` 55000, "
       "`socket.timeout.ms` 20000 and `retry.backoff.ms` 20 (librdkafka's: 100; offsets sent "
       "right after the last commit often meet CONCURRENT_TRANSACTIONS and wait one backoff).",
       nullptr, [](Config& c) -> std::map<std::string, std::string>& { return c.kafka.producer; }},
      {"embedded.partitions", Kind::kScalar, "int", "3",
       "Partitions of each topic of the embedded cluster.",
       [](Config& c, const std::string& v) {
         int64_t x;
         auto e = SetInt(x, v, 1, 64);
         if (e.empty()) c.embedded.partitions = static_cast<int>(x);
         return e;
       }},
      {"embedded.samples", Kind::kScalar, "path", "\"\"",
       "JSON lines file loaded into the first input topic when kafka.brokers is `embedded` "
       "(relative to the config file).",
       [](Config& c, const std::string& v) {
         c.embedded.samples = v;
         return std::string();
       }},
      {"embedded.rate", Kind::kScalar, "int", "0",
       "After loading embedded.samples, keep producing them again, in a loop, at this many "
       "articles per second (a live demo); 0 loads them once.",
       [](Config& c, const std::string& v) {
         int64_t x;
         auto e = SetInt(x, v, 0, 1000);
         if (e.empty()) c.embedded.rate = static_cast<int>(x);
         return e;
       }},
      {"pipeline.max_message_bytes", Kind::kScalar, "int", "983040",
       "Input messages larger than this go to the dead-letter topic (too_large). With its key "
       "and headers a dead letter must fit the producer's `message.max.bytes` (librdkafka: "
       "1000000), which `run` checks at start.",
       [](Config& c, const std::string& v) {
         return SetInt(c.pipeline.max_message_bytes, v, 1, int64_t{100} << 20);
       }},
      {"pipeline.workers", Kind::kScalar, "int", "0",
       "Threads that normalize each batch (the loop's own thread is one of them); 0 = one per "
       "core in the process's CPU affinity mask. Records keep their input order. Under a CPU "
       "quota (a Kubernetes limit) set it to the quota.",
       [](Config& c, const std::string& v) { return SetInt(c.pipeline.workers, v, 0, 256); }},
      {"pipeline.transform", Kind::kScalar, "enum", "normalize",
       "`normalize`: every input becomes a NormalizedArticle (and its fan-out records). `none`: "
       "every input is forwarded unchanged (key and value) to the articles topic, through the "
       "same batches, transactions and commits: it measures the Kafka path without extraction "
       "(`bench/e2e.sh --passthrough on`) and is not meant for production.",
       [](Config& c, const std::string& v) {
         return OneOf(c.pipeline.transform, v, {"normalize", "none"});
       }},
      {"pipeline.work_budget_min_ms", Kind::kScalar, "int", "100",
       "Work budget of one article's extraction: at least this many ms, plus "
       "`work_budget_ms_per_mb` per MB of body (ordinary news costs about 0.2 ms per KB, the "
       "worst input found ~4x that; docs/PERFORMANCE.md). An article over budget is still "
       "published with what was extracted so far, `truncated: true` and a warning naming the "
       "stage that stopped; 0 and 0 = no budget (records then never depend on timing).",
       [](Config& c, const std::string& v) {
         return SetInt(c.pipeline.work_budget_min_ms, v, 0, 3600000);
       }},
      {"pipeline.work_budget_ms_per_mb", Kind::kScalar, "int", "2000",
       "Work budget per MB of body, on top of `work_budget_min_ms`.",
       [](Config& c, const std::string& v) {
         return SetInt(c.pipeline.work_budget_ms_per_mb, v, 0, 3600000);
       }},
      {"models.ner", Kind::kScalar, "path", "\"\"",
       "NER model file (relative to the config file); empty disables entity recognition.",
       [](Config& c, const std::string& v) {
         c.models.ner = v;
         return std::string();
       }},
      {"models.gazetteer", Kind::kScalar, "path", "\"\"",
       "Compiled gazetteer (relative to the config file); empty disables geoparsing.",
       [](Config& c, const std::string& v) {
         c.models.gazetteer = v;
         return std::string();
       }},
      {"ops.http_listen", Kind::kScalar, "host:port", "127.0.0.1:9464",
       "Address of the HTTP endpoint serving `/healthz`, `/readyz` and `/metrics` (Prometheus); "
       "`0.0.0.0:9464` to be scraped from other hosts (the Kubernetes config does), empty for no "
       "endpoint. `run` and `replay` only.",
       [](Config& c, const std::string& v) {
         if (!v.empty()) {
           const auto colon = v.rfind(':');
           int64_t port = 0;
           if (colon == std::string::npos || colon == 0 ||
               !SetInt(port, v.substr(colon + 1), 0, 65535).empty()) {
             return std::string(
                 "must be host:port (port 0..65535; 0 = any free port), e.g. 127.0.0.1:9464");
           }
         }
         c.ops.http_listen = v;
         return std::string();
       }},
      {"ops.stall_timeout_ms", Kind::kScalar, "int", "60000",
       "`/healthz` answers 503, and the systemd watchdog is no longer fed, once the main loop has "
       "made no progress for this long (no poll returned, no record finished). Longer than the "
       "slowest batch: `kafka.batch_max_messages` × the work budget of one article.",
       [](Config& c, const std::string& v) {
         return SetInt(c.ops.stall_timeout_ms, v, 1000, int64_t{3600} * 1000);
       }},
      {"log.level", Kind::kScalar, "enum", "info", "trace, debug, info, warn, error or off.",
       [](Config& c, const std::string& v) {
         return OneOf(c.log.level, v, {"trace", "debug", "info", "warn", "error", "off"});
       }},
      {"log.format", Kind::kScalar, "enum", "text",
       "`text` for terminals and journald, `json` for one JSON object per line.",
       [](Config& c, const std::string& v) {
         return OneOf(c.log.format, v, {"text", "json"});
       }},
  };
  return kSettings;
}

const Setting* Find(std::string_view key) {
  for (const auto& s : Settings()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool IsSection(std::string_view key) {
  for (const auto& s : Settings()) {
    if (s.key.size() > key.size() && s.key.starts_with(key) && s.key[key.size()] == '.') {
      return true;
    }
  }
  return false;
}

// "kafka.batch_max_ms" → "KAFKA__BATCH_MAX_MS"
std::string EnvName(std::string_view key) {
  std::string out;
  for (char ch : key) {
    if (ch == '.') {
      out += "__";
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

class Loader {
 public:
  Loader(std::string origin, ConfigError& error) : origin_(std::move(origin)), error_(error) {}

  bool Fail(const YAML::Mark& mark, std::string_view key, const std::string& message) {
    error_.message = origin_;
    if (mark.line >= 0) {
      error_.message += ':';
      error_.message += std::to_string(mark.line + 1);
    }
    error_.message += ": ";
    if (!key.empty()) error_.message += std::string(key) + ": ";
    error_.message += message;
    return false;
  }

  bool Walk(const YAML::Node& node, const std::string& prefix, Config& c) {
    if (node.IsNull()) return true;
    if (!node.IsMap()) return Fail(node.Mark(), prefix, "expected a mapping of keys");
    for (auto it = node.begin(); it != node.end(); ++it) {
      YAML::Node k = it->first;
      YAML::Node v = it->second;
      std::string name = k.Scalar();
      std::string key = prefix.empty() ? name : prefix + "." + name;
      if (!seen_.insert(key).second) return Fail(k.Mark(), key, "key appears twice");
      const Setting* s = Find(key);
      if (s == nullptr) {
        if (IsSection(key)) {
          if (!Walk(v, key, c)) return false;
          continue;
        }
        return Fail(k.Mark(), key, "unknown key" + Suggest(key));
      }
      if (!Apply(*s, k, v, c)) return false;
    }
    return true;
  }

 private:
  static std::string Suggest(const std::string& key) {
    // The closest known key by edit distance, to turn typos into one-glance fixes.
    auto dist = [](std::string_view a, std::string_view b) {
      std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
      for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
      for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
          cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        }
        std::swap(prev, cur);
      }
      return prev[b.size()];
    };
    std::string_view best;
    size_t best_d = 4;
    for (const auto& s : Settings()) {
      size_t d = dist(key, s.key);
      if (d < best_d) {
        best_d = d;
        best = s.key;
      }
    }
    return best.empty() ? "" : " (did you mean '" + std::string(best) + "'?)";
  }

  bool Apply(const Setting& s, const YAML::Node& k, const YAML::Node& v, Config& c) {
    std::string key(s.key);
    switch (s.kind) {
      case Kind::kScalar: {
        if (!v.IsScalar()) return Fail(v.Mark(), key, "expected a single value");
        std::string err = s.set(c, v.Scalar());
        return err.empty() ? true : Fail(v.Mark(), key, err);
      }
      case Kind::kMap: {
        auto& out = s.map(c);
        if (v.IsNull()) return true;
        if (!v.IsMap()) return Fail(v.Mark(), key, "expected a mapping of librdkafka properties");
        for (auto it = v.begin(); it != v.end(); ++it) {
          if (!it->second.IsScalar()) {
            return Fail(it->second.Mark(), key + "." + it->first.Scalar(), "expected a value");
          }
          out[it->first.Scalar()] = it->second.Scalar();
        }
        return true;
      }
      case Kind::kTopics: {
        if (!v.IsSequence() || v.size() == 0) {
          return Fail(v.Mark(), key, "expected a non-empty list of topics");
        }
        std::vector<InputTopic> topics;
        for (const auto& item : v) {
          InputTopic t;
          if (item.IsScalar()) {
            t.name = item.Scalar();
          } else if (item.IsMap()) {
            for (auto it = item.begin(); it != item.end(); ++it) {
              std::string f = it->first.Scalar();
              if (!it->second.IsScalar()) {
                return Fail(it->second.Mark(), key + "." + f, "expected a value");
              }
              if (f == "name") {
                t.name = it->second.Scalar();
              } else if (f == "format") {
                t.format = it->second.Scalar();
                if (auto e = ValidFormat(t.format); !e.empty()) {
                  return Fail(it->second.Mark(), key + ".format", e);
                }
              } else {
                return Fail(it->first.Mark(), key + "." + f, "unknown key (expected name, format)");
              }
            }
          } else {
            return Fail(item.Mark(), key, "expected a topic name or {name, format}");
          }
          if (auto e = ValidTopic(t.name); !e.empty()) return Fail(item.Mark(), key, e);
          topics.push_back(std::move(t));
        }
        c.kafka.input_topics = std::move(topics);
        return true;
      }
    }
    (void)k;
    return true;
  }

  std::string origin_;
  ConfigError& error_;
  std::set<std::string> seen_;
};

bool ApplyEnv(char** env, Config& c, ConfigError& error) {
  if (env == nullptr) return true;
  constexpr std::string_view kPrefix = "NEWSFLOW_";
  for (char** e = env; *e != nullptr; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with(kPrefix)) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(kv.substr(kPrefix.size(), eq - kPrefix.size()));
    std::string value(kv.substr(eq + 1));
    bool matched = false;
    for (const auto& s : Settings()) {
      std::string en = EnvName(s.key);
      if (s.kind == Kind::kMap) {
        if (name.size() > en.size() + 2 && name.starts_with(en + "__")) {
          std::string prop = name.substr(en.size() + 2);
          for (char& ch : prop) {
            ch = ch == '_' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          }
          s.map(c)[prop] = value;
          matched = true;
        }
      } else if (name == en) {
        std::string err = s.set(c, value);
        if (!err.empty()) {
          error.message = "environment NEWSFLOW_" + name + " (" + std::string(s.key) + "): " + err;
          return false;
        }
        matched = true;
      }
      if (matched) break;
    }
    if (!matched) {
      error.message = "environment NEWSFLOW_" + name +
                      ": not a setting (form: NEWSFLOW_SECTION__KEY, e.g. NEWSFLOW_KAFKA__BROKERS)";
      return false;
    }
  }
  return true;
}

bool Validate(Config& c, ConfigError& error) {
  auto fail = [&](const std::string& m) {
    error.message = (c.source_path.empty() ? std::string("config") : c.source_path) + ": " + m;
    return false;
  };
  std::set<std::string> names;
  for (const auto& t : c.kafka.input_topics) {
    if (!names.insert(t.name).second)
      return fail("kafka.input_topics: '" + t.name + "' listed twice");
  }
  // Every output is a topic of its own: one topic with two record types (or an input read back
  // as output) would make every consumer's counts wrong.
  const std::pair<const char*, const std::string*> outputs[] = {
      {"kafka.output_topic", &c.kafka.output_topic},
      {"kafka.quotes_topic", &c.kafka.quotes.topic},
      {"kafka.actors_topic", &c.kafka.actors.topic},
      {"kafka.locations_topic", &c.kafka.locations.topic},
      {"kafka.dead_letter_topic", &c.kafka.dead_letter_topic},
  };
  std::map<std::string, const char*> used;
  for (const auto& [key, topic] : outputs) {
    if (topic->empty()) continue;
    if (names.count(*topic))
      return fail(std::string(key) + ": '" + *topic + "' is also an input topic");
    auto [it, fresh] = used.emplace(*topic, key);
    if (!fresh) return fail(std::string(key) + ": '" + *topic + "' is also " + it->second);
  }
  const std::tuple<const char*, const std::string*, int64_t, bool> formats[] = {
      {"kafka.output", &c.kafka.output_format, c.kafka.output_schema_id, true},
      {"kafka.quotes", &c.kafka.quotes.format, c.kafka.quotes.schema_id,
       !c.kafka.quotes.topic.empty()},
      {"kafka.actors", &c.kafka.actors.format, c.kafka.actors.schema_id,
       !c.kafka.actors.topic.empty()},
      {"kafka.locations", &c.kafka.locations.format, c.kafka.locations.schema_id,
       !c.kafka.locations.topic.empty()},
  };
  for (const auto& [prefix, format, schema_id, on] : formats) {
    if (on && *format == "confluent_protobuf" && schema_id <= 0) {
      return fail(std::string(prefix) +
                  "_schema_id: `confluent_protobuf` needs the schema id "
                  "that the Schema Registry gave proto/newsflow/v1/article.proto");
    }
  }
  // Settings the daemon owns: letting them through would silently break its guarantees.
  for (const char* owned : {"enable.auto.commit", "group.id", "bootstrap.servers",
                            "enable.auto.offset.store", "isolation.level"}) {
    if (c.kafka.consumer.count(owned)) {
      return fail(std::string("kafka.consumer.") + owned + ": set by newsflowd itself; remove it");
    }
  }
  for (const char* owned : {"bootstrap.servers", "transactional.id"}) {
    if (c.kafka.producer.count(owned)) {
      return fail(std::string("kafka.producer.") + owned + ": set by newsflowd itself; remove it");
    }
  }
  // Resolve relative paths against the config file's directory, so the daemon does not depend
  // on its working directory (systemd starts it in /).
  std::filesystem::path base = c.source_path.empty()
                                   ? std::filesystem::current_path()
                                   : std::filesystem::path(c.source_path).parent_path();
  for (std::string* p : {&c.embedded.samples, &c.models.ner, &c.models.gazetteer}) {
    if (!p->empty() && std::filesystem::path(*p).is_relative()) *p = (base / *p).lexically_normal();
  }
  // Secrets from files: `<property>_file` → `<property>` = the file's content.
  for (auto [name, map] :
       {std::pair{"kafka.client", &c.kafka.client}, std::pair{"kafka.consumer", &c.kafka.consumer},
        std::pair{"kafka.producer", &c.kafka.producer}}) {
    std::map<std::string, std::string> resolved;
    for (auto it = map->begin(); it != map->end();) {
      const std::string& key = it->first;
      const bool file = key.size() > 5 && (key.ends_with("_file") || key.ends_with(".file"));
      if (!file) {
        ++it;
        continue;
      }
      const std::string property = key.substr(0, key.size() - 5);
      std::filesystem::path path(it->second);
      if (path.is_relative()) path = (base / path).lexically_normal();
      // A regular file of bounded size: /dev/zero or a FIFO must not hang or fill the loader.
      constexpr uintmax_t kMaxSecretBytes = 64 * 1024;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) {
        return fail(std::string(name) + "." + key + ": cannot read " + path.string() + ": " +
                    (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
      }
      if (std::filesystem::file_size(path, ec) > kMaxSecretBytes || ec) {
        return fail(std::string(name) + "." + key + ": " + path.string() +
                    " is larger than 64 KiB");
      }
      std::ifstream in(path, std::ios::binary);
      std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (!in && !in.eof()) {
        return fail(std::string(name) + "." + key + ": cannot read " + path.string() + ": " +
                    std::strerror(errno));
      }
      if (value.ends_with("\n")) value.pop_back();
      if (value.ends_with("\r")) value.pop_back();
      if (map->count(property) || resolved.count(property)) {
        return fail(std::string(name) + "." + key + ": " + property + " is set as well; keep one");
      }
      resolved[property] = std::move(value);
      it = map->erase(it);
    }
    map->merge(resolved);
  }
  for (const char* owned : {"bootstrap.servers", "group.id", "transactional.id"}) {
    if (c.kafka.client.count(owned)) {
      return fail(std::string("kafka.client.") + owned + ": set by newsflowd itself; remove it");
    }
  }
  return true;
}

}  // namespace

std::optional<Config> ParseConfig(const std::string& yaml, const std::string& origin, char** env,
                                  ConfigError& error) {
  Config c;
  c.source_path = origin;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    error.message = origin + ":" + std::to_string(e.mark.line + 1) + ": YAML syntax: " + e.msg;
    return std::nullopt;
  }
  Loader loader(origin, error);
  if (!loader.Walk(root, "", c)) return std::nullopt;
  if (!ApplyEnv(env, c, error)) return std::nullopt;
  if (!Validate(c, error)) return std::nullopt;
  return c;
}

std::optional<Config> LoadConfig(const std::string& path, char** env, ConfigError& error) {
  std::ifstream in(path);
  if (!in) {
    error.message = path + ": cannot open config file: " + std::strerror(errno);
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseConfig(ss.str(), path, env, error);
}

bool IsSecretProperty(const std::string& key) {
  // librdkafka's sensitive properties: sasl.password, ssl.key.password, ssl.keystore.password,
  // ssl.key.pem, ssl_key, sasl.oauthbearer.client.secret, sasl.oauthbearer.config, sasl.kerberos
  // keytab contents… Matched by pattern so that a new one is hidden too.
  for (const char* word : {"password", "secret", "pem", "ssl_key", "oauthbearer.config", "token",
                           "jaas", "credential"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string RedactedProperties(const std::map<std::string, std::string>& props) {
  std::string out;
  for (const auto& [k, v] : props) {
    out += (out.empty() ? "" : " ") + k + "=" + (IsSecretProperty(k) ? "[redacted]" : v);
  }
  return out;
}

std::string CheckRunnable(const Config& config) {
  if (config.kafka.brokers.empty()) {
    return (config.source_path.empty() ? std::string("config") : config.source_path) +
           ": kafka.brokers: required (host:port,...; or `embedded` for the in-memory demo "
           "cluster)";
  }
  return "";
}

std::string EffectiveTransactionalId(const Config& config) {
  if (!config.kafka.transactional_id.empty()) return config.kafka.transactional_id;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') {
    std::snprintf(host, sizeof host, "localhost");
  }
  return config.kafka.group_id + "-" + host;
}

std::string ConfigReference() {
  std::string out = "| key | type | default | environment | description |\n|---|---|---|---|---|\n";
  for (const auto& s : Settings()) {
    out += "| `" + std::string(s.key) + "` | " + std::string(s.type) + " | `" +
           std::string(s.default_text) + "` | `NEWSFLOW_" + EnvName(s.key) +
           (s.kind == Kind::kMap ? "__…" : "") + "` | " + std::string(s.description) + " |\n";
  }
  return out;
}

}  // namespace newsflow::ops
