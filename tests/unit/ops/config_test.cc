#include "daemon/ops/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace newsflow::ops {
namespace {

std::optional<Config> Parse(const std::string& yaml, std::string* error = nullptr,
                            std::vector<std::string> env = {}) {
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  ConfigError err;
  auto c = ParseConfig(yaml, "/etc/newsflow/test.yaml", envp.data(), err);
  if (error) *error = err.message;
  return c;
}

TEST(Config, DefaultsFromEmptyFile) {
  auto c = Parse("");
  ASSERT_TRUE(c);
  // No broker default: the in-memory demo cluster must be asked for by name.
  EXPECT_EQ(c->kafka.brokers, "");
  EXPECT_NE(CheckRunnable(*c).find("kafka.brokers: required"), std::string::npos);
  EXPECT_EQ(c->kafka.delivery, "exactly_once");
  EXPECT_EQ(EffectiveTransactionalId(*c).rfind("newsflowd-", 0), 0u);
  EXPECT_EQ(c->kafka.input_topics.size(), 1u);
  EXPECT_EQ(c->kafka.input_topics[0].format, "json");
  EXPECT_EQ(c->log.level, "info");
}

TEST(Config, FullFile) {
  auto c = Parse(R"(
kafka:
  brokers: "k1:9092,k2:9092"
  group_id: g
  input_topics:
    - {name: a, format: text}
    - b
  output_topic: out
  dead_letter_topic: dlq
  output_format: json
  batch_max_messages: 50
  consumer: {session.timeout.ms: 6000, fetch.wait.max.ms: "10"}
models: {ner: ../models/ner.bin}
log: {level: debug, format: json}
)");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kafka.brokers, "k1:9092,k2:9092");
  ASSERT_EQ(c->kafka.input_topics.size(), 2u);
  EXPECT_EQ(c->kafka.input_topics[0].format, "text");
  EXPECT_EQ(c->kafka.input_topics[1].name, "b");
  EXPECT_EQ(c->kafka.input_topics[1].format, "json");
  EXPECT_EQ(c->kafka.batch_max_messages, 50);
  EXPECT_EQ(c->kafka.consumer.at("session.timeout.ms"), "6000");
  EXPECT_EQ(c->models.ner, "/etc/models/ner.bin");  // relative to the file's directory
  EXPECT_EQ(c->log.format, "json");
}

struct BadCase {
  const char* yaml;
  const char* expect;  // substring of the error
};

TEST(Config, ErrorsNameFileLineAndKey) {
  const BadCase cases[] = {
      {"kafka:\n  brokres: x\n",
       "test.yaml:2: kafka.brokres: unknown key (did you mean 'kafka.brokers'?)"},
      {"kafak:\n  brokers: x\n", "test.yaml:1: kafak: unknown key"},
      {"kafka:\n  batch_max_ms: soon\n",
       "test.yaml:2: kafka.batch_max_ms: 'soon' is not an integer"},
      {"kafka:\n  batch_max_ms: 0\n", "kafka.batch_max_ms: 0 is out of range"},
      {"log:\n  level: loud\n", "test.yaml:2: log.level: 'loud' is not one of"},
      {"kafka:\n  output_topic: \"bad topic\"\n", "kafka.output_topic: topic name 'bad topic'"},
      {"kafka:\n  input_topics: []\n", "kafka.input_topics: expected a non-empty list"},
      {"kafka:\n  input_topics:\n    - {name: a, fromat: json}\n",
       "kafka.input_topics.fromat: unknown key"},
      {"kafka:\n  input_topics:\n    - {name: a, format: xml}\n", "'xml' is not one of"},
      {"kafka:\n  consumer: [a]\n", "kafka.consumer: expected a mapping"},
      {"kafka:\n  consumer:\n    enable.auto.commit: true\n", "set by newsflowd itself"},
      {"kafka:\n  output_topic: news.raw\n", "is also an input topic"},
      {"kafka:\n  dead_letter_topic: news.normalized\n", "is also kafka.output_topic"},
      {"kafka:\n  quotes_topic: news.raw\n", "kafka.quotes_topic: 'news.raw' is also an input"},
      {"kafka:\n  actors_topic: x\n  locations_topic: x\n",
       "kafka.locations_topic: 'x' is also kafka.actors_topic"},
      {"kafka:\n  quotes_topic: q\n  quotes_format: confluent_protobuf\n",
       "kafka.quotes_schema_id: `confluent_protobuf` needs the schema id"},
      {"kafka:\n  delivery: maybe_once\n", "'maybe_once' is not one of: exactly_once"},
      {"kafka:\n  transaction:\n    max_ms: 0\n", "kafka.transaction.max_ms: 0 is out of range"},
      {"kafka: [1, 2]\n", "test.yaml:1: kafka: expected a mapping"},
      {"kafka:\n  brokers: [a]\n", "kafka.brokers: expected a single value"},
      {"kafka:\n  brokers: x\n  brokers: y\n", "appears twice"},
      {"kafka: {brokers: \"unclosed}\n", "YAML syntax"},
  };
  for (const auto& c : cases) {
    std::string err;
    EXPECT_FALSE(Parse(c.yaml, &err)) << c.yaml;
    EXPECT_NE(err.find(c.expect), std::string::npos) << "got: " << err << "\nwant: " << c.expect;
  }
}

TEST(Config, EnvironmentOverrides) {
  auto c = Parse("kafka:\n  brokers: a:1\n", nullptr,
                 {"NEWSFLOW_KAFKA__BROKERS=b:2", "NEWSFLOW_LOG__LEVEL=warn",
                  "NEWSFLOW_KAFKA__INPUT_TOPICS=x:text,y",
                  "NEWSFLOW_KAFKA__CONSUMER__SESSION_TIMEOUT_MS=7000", "UNRELATED=1"});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kafka.brokers, "b:2");
  EXPECT_EQ(c->log.level, "warn");
  ASSERT_EQ(c->kafka.input_topics.size(), 2u);
  EXPECT_EQ(c->kafka.input_topics[0].format, "text");
  EXPECT_EQ(c->kafka.consumer.at("session.timeout.ms"), "7000");
}

TEST(Config, BadEnvironmentOverridesFail) {
  std::string err;
  EXPECT_FALSE(Parse("", &err, {"NEWSFLOW_KAFKA__BATCH_MAX_MS=never"}));
  EXPECT_NE(err.find("NEWSFLOW_KAFKA__BATCH_MAX_MS (kafka.batch_max_ms)"), std::string::npos)
      << err;
  EXPECT_FALSE(Parse("", &err, {"NEWSFLOW_KAFKA__BROKER=x"}));
  EXPECT_NE(err.find("not a setting"), std::string::npos) << err;
}

TEST(Config, ShippedConfigIsValid) {
  ConfigError err;
  char* env[] = {nullptr};
  auto c = LoadConfig(NEWSFLOW_SOURCE_DIR "/config/newsflowd.yaml", env, err);
  ASSERT_TRUE(c) << err.message;
  EXPECT_EQ(c->kafka.brokers, "embedded");
  EXPECT_FALSE(c->embedded.samples.empty());
  std::ifstream samples(c->embedded.samples);
  EXPECT_TRUE(samples.good()) << c->embedded.samples;
}

TEST(Config, MissingFile) {
  ConfigError err;
  char* env[] = {nullptr};
  EXPECT_FALSE(LoadConfig("/nonexistent/newsflowd.yaml", env, err));
  EXPECT_NE(err.message.find("/nonexistent/newsflowd.yaml: cannot open"), std::string::npos);
}

TEST(Config, ReferenceListsEverySetting) {
  std::string ref = ConfigReference();
  for (const char* key : {"kafka.brokers", "kafka.input_topics", "kafka.consumer", "log.format",
                          "models.ner", "pipeline.max_message_bytes"}) {
    EXPECT_NE(ref.find(std::string("`") + key + "`"), std::string::npos) << key;
  }
  EXPECT_NE(ref.find("NEWSFLOW_KAFKA__BATCH_MAX_MS"), std::string::npos);
}

}  // namespace
}  // namespace newsflow::ops

namespace newsflow::ops {
namespace {

// docs/configuration.md is the generated reference; regenerate it when a setting changes:
//   newsflowd check-config --reference  (below the file's header)
TEST(Config, DeliveryFanoutAndTransactionSettings) {
  auto c = Parse(R"(
kafka:
  brokers: k:9092
  delivery: at_least_once
  transactional_id: newsflowd-host7
  transaction: {max_messages: 50, max_ms: 20}
  quotes_topic: news.quotes
  quotes_format: confluent_protobuf
  quotes_schema_id: 42
  actors_topic: news.actors
  actors_format: json
)",
                 nullptr, {"NEWSFLOW_KAFKA__TRANSACTION__MAX_MS=30"});
  ASSERT_TRUE(c);
  EXPECT_EQ(CheckRunnable(*c), "");
  EXPECT_EQ(c->kafka.delivery, "at_least_once");
  EXPECT_EQ(EffectiveTransactionalId(*c), "newsflowd-host7");
  EXPECT_EQ(c->kafka.transaction_max_messages, 50);
  EXPECT_EQ(c->kafka.transaction_max_ms, 30);
  EXPECT_EQ(c->kafka.quotes.topic, "news.quotes");
  EXPECT_EQ(c->kafka.quotes.format, "confluent_protobuf");
  EXPECT_EQ(c->kafka.quotes.schema_id, 42);
  EXPECT_EQ(c->kafka.actors.format, "json");
  EXPECT_EQ(c->kafka.locations.topic, "");
}

TEST(Config, CommittedReferenceIsCurrent) {
  std::ifstream f(NEWSFLOW_SOURCE_DIR "/docs/configuration.md");
  ASSERT_TRUE(f.good());
  std::string doc((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(doc.find(ConfigReference()), std::string::npos)
      << "docs/configuration.md is stale: regenerate it with `newsflowd check-config --reference`";
}

}  // namespace
}  // namespace newsflow::ops

namespace newsflow::ops {
namespace {

// Secrets: from a file named by `<property>_file` (relative to the config) or from the
// environment; never shown by RedactedProperties; a missing file names the key and the path.
TEST(Config, SecretsComeFromFilesAndTheEnvironmentAndAreRedacted) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("newsflow-secrets-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "kafka-password") << "hunter2-SECRET\n";
  const std::string yaml = R"(
kafka:
  brokers: k:9093
  client:
    security.protocol: SASL_SSL
    sasl.mechanisms: SCRAM-SHA-512
    sasl.username: svc
    sasl.password_file: kafka-password
)";
  std::vector<std::string> env = {"NEWSFLOW_KAFKA__CLIENT__SSL_KEY_PASSWORD=from-env-XYZ"};
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  ConfigError err;
  auto c = ParseConfig(yaml, (dir / "newsflowd.yaml").string(), envp.data(), err);
  ASSERT_TRUE(c) << err.message;
  EXPECT_EQ(c->kafka.client.at("sasl.password"), "hunter2-SECRET");
  EXPECT_EQ(c->kafka.client.count("sasl.password_file"), 0u);
  EXPECT_EQ(c->kafka.client.at("ssl.key.password"), "from-env-XYZ");
  const std::string shown = RedactedProperties(c->kafka.client);
  EXPECT_EQ(shown,
            "sasl.mechanisms=SCRAM-SHA-512 sasl.password=[redacted] sasl.username=svc "
            "security.protocol=SASL_SSL ssl.key.password=[redacted]");

  // The environment form of a file key: NEWSFLOW_KAFKA__CLIENT__SASL_PASSWORD_FILE.
  std::vector<std::string> env2 = {"NEWSFLOW_KAFKA__CLIENT__SASL_PASSWORD_FILE=" +
                                   (dir / "kafka-password").string()};
  std::vector<char*> envp2 = {env2[0].data(), nullptr};
  auto c2 = ParseConfig("kafka:\n  brokers: k:9093\n", "/etc/newsflow/x.yaml", envp2.data(), err);
  ASSERT_TRUE(c2) << err.message;
  EXPECT_EQ(c2->kafka.client.at("sasl.password"), "hunter2-SECRET");

  auto missing = ParseConfig("kafka:\n  client:\n    sasl.password_file: nope\n",
                             (dir / "newsflowd.yaml").string(), nullptr, err);
  EXPECT_FALSE(missing);
  EXPECT_NE(
      err.message.find("kafka.client.sasl.password_file: cannot read " + (dir / "nope").string()),
      std::string::npos)
      << err.message;
  auto both = ParseConfig(
      "kafka:\n  client:\n    sasl.password: a\n    sasl.password_file: kafka-password\n",
      (dir / "newsflowd.yaml").string(), nullptr, err);
  EXPECT_FALSE(both);
  EXPECT_EQ(err.message.find("hunter2"), std::string::npos) << err.message;
  // Not a regular file (a directory, /dev/zero): refused, never read.
  for (const std::string& bad : {dir.string(), std::string("/dev/zero")}) {
    auto odd = ParseConfig("kafka:\n  client:\n    sasl.password_file: " + bad + "\n",
                           (dir / "newsflowd.yaml").string(), nullptr, err);
    EXPECT_FALSE(odd) << bad;
    EXPECT_NE(err.message.find("not a regular file"), std::string::npos) << err.message;
  }
  // The YAML file key and the environment's form of it name one property: a conflict.
  std::vector<std::string> env3 = {"NEWSFLOW_KAFKA__CLIENT__SASL_PASSWORD_FILE=" +
                                   (dir / "kafka-password").string()};
  std::vector<char*> envp3 = {env3[0].data(), nullptr};
  auto twice = ParseConfig("kafka:\n  client:\n    sasl.password_file: kafka-password\n",
                           (dir / "newsflowd.yaml").string(), envp3.data(), err);
  EXPECT_FALSE(twice);
  EXPECT_NE(err.message.find("is set as well"), std::string::npos) << err.message;
  std::filesystem::remove_all(dir);

  for (const char* key :
       {"sasl.password", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
        "sasl.oauthbearer.client.secret", "sasl.oauthbearer.config"}) {
    EXPECT_TRUE(IsSecretProperty(key)) << key;
  }
  for (const char* key : {"security.protocol", "sasl.username", "ssl.ca.location"}) {
    EXPECT_FALSE(IsSecretProperty(key)) << key;
  }
}

}  // namespace
}  // namespace newsflow::ops
