// The newsflowd command line as a user meets it: help, version, exit codes, error messages,
// and `normalize` on stdin (order, line numbers, bounded memory on huge lines).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace {

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs newsflowd with `args`, feeding `input` on stdin.
Result Newsflowd(const std::string& args, const std::string& input = "",
                 const std::string& binary = NEWSFLOWD_PATH) {
  auto dir = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(getpid());
  auto in_path = dir / ("newsflow-cli-in-" + tag);
  auto err_path = dir / ("newsflow-cli-err-" + tag);
  {
    std::ofstream f(in_path, std::ios::binary);
    f << input;
  }
  std::string cmd = binary + " " + args + " <" + in_path.string() + " 2>" + err_path.string();
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(err_path);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  std::filesystem::remove(in_path);
  std::filesystem::remove(err_path);
  return r;
}

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, HelpAndVersion) {
  EXPECT_EQ(Newsflowd("--version").status, 0);
  EXPECT_NE(Newsflowd("--version").out.find("newsflowd "), std::string::npos);
  for (const char* cmd : {"--help", "run --help", "normalize --help", "check-config --help"}) {
    auto r = Newsflowd(cmd);
    EXPECT_EQ(r.status, 0) << cmd;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << cmd;
  }
}

// An option as a help text lists it: "  --config FILE   description" → {"--config", "FILE"}.
struct ListedOption {
  std::string name;
  std::string value;  // the placeholder, "" for a flag
};

// The options of a help text's "Options:" section (lines "  --name [VALUE]  description").
std::vector<ListedOption> ListedOptions(const std::string& help) {
  std::vector<ListedOption> out;
  std::istringstream in(help.substr(help.find("\nOptions:") + 1));
  static const std::regex kLine(R"(^  (--[a-z][a-z-]*)(?: ([A-Z]+))?(?:  |$))");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, kLine)) out.push_back({m[1], m[2]});
  }
  return out;
}

// Every "--word" anywhere in a help text, so that the usage line cannot name more than the
// options section documents.
std::vector<std::string> MentionedOptions(const std::string& help) {
  std::vector<std::string> out;
  static const std::regex kOption(R"((^|[^a-z-])(--[a-z][a-z-]*))");
  for (std::sregex_iterator it(help.begin(), help.end(), kOption), end; it != end; ++it) {
    out.push_back((*it)[2]);
  }
  return out;
}

// The commands of the top-level help ("Commands:" section, "  name   description").
std::vector<std::string> ListedCommands(const std::string& help) {
  std::vector<std::string> out;
  size_t start = help.find("\nCommands:\n");
  size_t end = help.find("\n\n", start + 1);
  std::istringstream in(help.substr(start + 11, end - start - 11));
  static const std::regex kLine(R"(^  ([a-z][a-z-]*)  )");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, kLine)) out.push_back(m[1]);
  }
  return out;
}

TEST(Cli, HelpListsOnlyWhatTheParserAccepts) {
  auto top = Newsflowd("--help");
  ASSERT_EQ(top.status, 0);
  auto commands = ListedCommands(top.out);
  EXPECT_EQ(commands, (std::vector<std::string>{"run", "normalize", "replay", "check-config"}))
      << top.out;
  auto top_options = ListedOptions(top.out);
  EXPECT_EQ(top_options.size(), 2u) << top.out;
  for (const auto& o : top_options) {
    auto r = Newsflowd(o.name);
    EXPECT_EQ(r.status, 0) << o.name << ": " << r.err;
    EXPECT_FALSE(r.out.empty()) << o.name;
  }
  for (const auto& cmd : commands) {
    auto help = Newsflowd(cmd + " --help");
    ASSERT_EQ(help.status, 0) << cmd << ": " << help.err;
    auto options = ListedOptions(help.out);
    EXPECT_FALSE(options.empty()) << cmd << " lists no options:\n" << help.out;
    for (const auto& mentioned : MentionedOptions(help.out)) {
      bool listed = std::any_of(options.begin(), options.end(),
                                [&](const ListedOption& o) { return o.name == mentioned; });
      EXPECT_TRUE(listed) << cmd << " --help mentions " << mentioned << " but does not list it";
    }
    // --help first: the command only parses its options and prints its help. A flag the parser
    // wants a value for fails with "needs a value"; a placeholder after an option the parser
    // takes as a flag fails as an unknown option.
    for (const auto& o : options) {
      std::string args = cmd + " --help " + o.name + (o.value.empty() ? "" : " " + o.value);
      auto r = Newsflowd(args);
      EXPECT_EQ(r.status, 0) << args << ": " << r.err;
      EXPECT_EQ(r.err, "") << args;
    }
  }
}

TEST(Cli, NormalizeFormatIsWhatHelpSays) {
  auto help = Newsflowd("normalize --help").out;
  EXPECT_NE(help.find("[--format json|text]"), std::string::npos) << help;
  EXPECT_EQ(Newsflowd("normalize --format text", "Hello from Oslo.\n").status, 0);
  EXPECT_EQ(Newsflowd("normalize --format json", "{\"body\":\"x\"}\n").status, 0);
  // The daemon reads RawArticle protobuf from Kafka; a line-oriented stdin cannot carry it.
  EXPECT_EQ(Newsflowd("normalize --format protobuf").status, 64);
}

TEST(Cli, VersionNamesTheShippedModels) {
  auto r = Newsflowd("--version");
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream in(r.out);
  std::string daemon, ner, gazetteer;
  std::getline(in, daemon);
  std::getline(in, ner);
  std::getline(in, gazetteer);
  EXPECT_TRUE(daemon.starts_with("newsflowd ")) << r.out;
  // The build tree's binary finds the committed model through the source tree.
  EXPECT_TRUE(ner.starts_with("ner model: ")) << r.out;
  EXPECT_NE(ner, "ner model: (not found)") << r.out;
  EXPECT_NE(ner.find(NEWSFLOW_SOURCE_DIR "/models/ner-en.bin"), std::string::npos) << r.out;
  EXPECT_TRUE(gazetteer.starts_with("gazetteer: ")) << r.out;
  if (std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    EXPECT_NE(gazetteer.find("/build/gazetteer/newsflow-gazetteer.bin)"), std::string::npos)
        << r.out;
  } else {
    EXPECT_EQ(gazetteer, "gazetteer: (not found)") << r.out;
  }
}

constexpr const char* kPlacesAndPeople =
    "{\"id\":\"m1\",\"body\":\"Angela Merkel met Emmanuel Macron in Paris on Monday.\"}\n";

// Without --config the shipped NER model and gazetteer load: people and places in the record.
TEST(Cli, NormalizeLoadsTheShippedModelsByDefault) {
  if (!std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    auto r = Newsflowd("normalize", kPlacesAndPeople);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("the shipped gazetteer is missing"), std::string::npos) << r.err;
    GTEST_SKIP() << "tools/setup.sh has not built the gazetteer";
  }
  auto r = Newsflowd("normalize", kPlacesAndPeople);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("\"name\":\"Angela Merkel\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"Paris\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"country_code\":\"FR\""), std::string::npos) << r.out;
  auto bare = Newsflowd("normalize --no-models", kPlacesAndPeople);
  ASSERT_EQ(bare.status, 0) << bare.err;
  EXPECT_NE(bare.out.find("\"locations\":[]"), std::string::npos) << bare.out;
  EXPECT_EQ(bare.out.find("\"name\":\"Angela Merkel\""), std::string::npos) << bare.out;
}

// A config that leaves a model out is obeyed, and said so on stderr.
TEST(Cli, NormalizeWarnsOfAConfigWithoutModels) {
  auto path = std::filesystem::temp_directory_path() /
              ("newsflow-cli-nomodels-" + std::to_string(getpid()) + ".yaml");
  std::ofstream(path) << "pipeline:\n  workers: 1\n";
  auto r = Newsflowd("normalize --config " + path.string(), kPlacesAndPeople);
  std::filesystem::remove(path);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("models.ner is not set: records will have no actors"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("models.gazetteer is not set: records will have no locations"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("\"locations\":[]"), std::string::npos) << r.out;
}

// `cmake --install` puts the models under share/newsflow/, where the installed binary finds
// them; without one of them `normalize` fails naming the file it looked for.
TEST(Cli, InstalledNormalizeFindsItsModelsOrNamesTheMissingOne) {
  if (!std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    GTEST_SKIP() << "tools/setup.sh has not built the gazetteer";
  }
  auto prefix =
      std::filesystem::temp_directory_path() / ("newsflow-cli-install-" + std::to_string(getpid()));
  std::filesystem::remove_all(prefix);
  const std::string install = std::string(CMAKE_COMMAND_PATH) +
                              " --install " NEWSFLOW_BINARY_DIR " --prefix " + prefix.string() +
                              " >/dev/null 2>&1";
  ASSERT_EQ(std::system(install.c_str()), 0) << install;
  const std::string installed = (prefix / "bin/newsflowd").string();
  auto run = [&](const std::string& args) { return Newsflowd(args, kPlacesAndPeople, installed); };
  auto r = run("normalize");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"name\":\"Paris\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"Angela Merkel\""), std::string::npos) << r.out;
  const auto gazetteer = prefix / "share/newsflow/gazetteer/newsflow-gazetteer.bin";
  ASSERT_TRUE(std::filesystem::exists(gazetteer));
  std::filesystem::remove(gazetteer);
  auto missing = run("normalize");
  std::filesystem::remove_all(prefix);
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("the shipped gazetteer is missing"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find(gazetteer.string()), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("--no-models"), std::string::npos) << missing.err;
}

TEST(Cli, NormalizeRendersTheSameRecordThreeWays) {
  std::string input =
      "{\"id\":\"a1\",\"title\":\"Rain\",\"body\":\"It rained.\"}\n"
      "{\"id\":\"a2\",\"title\":\"Sun\",\"body\":\"It shone.\"}\n";
  auto line = Newsflowd("normalize", input);
  ASSERT_EQ(line.status, 0) << line.err;
  EXPECT_EQ(Lines(line.out), 2);
  EXPECT_NE(line.out.find("\"actors\":[]"), std::string::npos) << line.out;  // zero values too
  EXPECT_NE(line.out.find("\"partition\":0"), std::string::npos) << line.out;
  auto pretty = Newsflowd("normalize --pretty", input);
  ASSERT_EQ(pretty.status, 0) << pretty.err;
  EXPECT_GT(Lines(pretty.out), 20);
  EXPECT_NE(pretty.out.find("\n  \"id\": \"a1\""), std::string::npos) << pretty.out;
  auto summary = Newsflowd("normalize --summary", input);
  ASSERT_EQ(summary.status, 0) << summary.err;
  EXPECT_EQ(summary.out,
            "title: Rain\nid: a1  source: -  published: -\nactors (0)\nquotes (0)\nplaces (0)\n"
            "\n"
            "title: Sun\nid: a2  source: -  published: -\nactors (0)\nquotes (0)\nplaces (0)\n");
  EXPECT_EQ(Newsflowd("normalize --pretty --summary", input).status, 64);
  EXPECT_EQ(Newsflowd("normalize --pretty=yes", input).status, 64);
}

TEST(Cli, UsageErrorsExit64) {
  EXPECT_EQ(Newsflowd("").status, 64);
  EXPECT_EQ(Newsflowd("frobnicate").status, 64);
  auto r = Newsflowd("normalize --bogus");
  EXPECT_EQ(r.status, 64);
  EXPECT_NE(r.err.find("unknown option '--bogus'"), std::string::npos) << r.err;
  EXPECT_EQ(Newsflowd("run").status, 64);  // --config is required
  EXPECT_EQ(Newsflowd("normalize --format xml").status, 64);
}

TEST(Cli, CheckConfigNamesFileLineAndKey) {
  auto path = std::filesystem::temp_directory_path() /
              ("newsflow-cli-" + std::to_string(getpid()) + ".yaml");
  {
    std::ofstream f(path);
    f << "kafka:\n  brokers: localhost:9092\n  bacth_max_ms: 5\n";
  }
  auto r = Newsflowd("check-config --config " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(path.string() + ":3: kafka.bacth_max_ms: unknown key (did you mean "
                                       "'kafka.batch_max_ms'?)"),
            std::string::npos)
      << r.err;
  {
    std::ofstream f(path);
    f << "kafka:\n  brokers: localhost:9092\n  consumer:\n    no.such.property: 1\n";
  }
  r = Newsflowd("check-config --config " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("kafka.consumer.no.such.property"), std::string::npos) << r.err;
  {
    std::ofstream f(path);
    f << "kafka:\n  brokers: localhost:9092\nmodels:\n  ner: /nonexistent/model.bin\n";
  }
  r = Newsflowd("check-config --config " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/nonexistent/model.bin"), std::string::npos) << r.err;
  std::filesystem::remove(path);
  r = Newsflowd("check-config --config " NEWSFLOW_SOURCE_DIR "/config/newsflowd.yaml");
  if (std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    EXPECT_EQ(r.status, 0) << r.err;
  }
}

// A config without kafka.brokers is an error, not a silent run on the in-memory demo cluster;
// a dead letter of the largest accepted input must fit the producer's message.max.bytes.
TEST(Cli, RunNeedsBrokersAndASizePolicyThatCannotLoop) {
  auto path = std::filesystem::temp_directory_path() /
              ("newsflow-cli-run-" + std::to_string(getpid()) + ".yaml");
  {
    std::ofstream f(path);
    f << "kafka:\n  group_id: g\n";
  }
  auto r = Newsflowd("run --config " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("kafka.brokers: required"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("`embedded`"), r.err.find("`embedded` for the in-memory demo")) << r.err;
  r = Newsflowd("check-config --config " + path.string());
  EXPECT_EQ(r.status, 1);
  {
    std::ofstream f(path);
    f << "kafka:\n  brokers: localhost:9092\n  producer:\n    message.max.bytes: \"500000\"\n"
      << "pipeline:\n  max_message_bytes: 499000\n";
  }
  r = Newsflowd("check-config --config " + path.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("pipeline.max_message_bytes (499000)"), std::string::npos) << r.err;
  std::filesystem::remove(path);
}

// The demo keeps news flowing: run on its embedded cluster for a few seconds it normalizes more
// records than it has samples, prints how to watch them once, and Ctrl-C ends it with a
// summary.
TEST(Cli, DemoKeepsNewsFlowing) {
  if (!std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    GTEST_SKIP() << "the demo config needs the gazetteer built by tools/setup.sh";
  }
  const auto log = std::filesystem::temp_directory_path() /
                   ("newsflow-demo-" + std::to_string(getpid()) + ".log");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::setenv("NEWSFLOW_EMBEDDED__RATE", "40", 1);
    ::execl(NEWSFLOWD_PATH, NEWSFLOWD_PATH, "run", "--config",
            NEWSFLOW_SOURCE_DIR "/config/newsflowd.yaml", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  auto read_log = [&] {
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  auto count = [](const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
      ++n;
    return n;
  };
  // The event: the 20th normalized record (9 samples, so at least 11 came from the replay).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count(read_log(), "] normalized ") < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string text = read_log();
  std::filesystem::remove(log);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  EXPECT_GE(count(text, "] normalized "), 20u) << text;
  // Which partition's backlog is normalized first varies, so any first replay will do.
  EXPECT_NE(text.find("-r1 actors="), std::string::npos) << "replays get fresh ids\n" << text;
  EXPECT_EQ(count(text, "isolation.level=read_committed"), 1u) << text;
  EXPECT_NE(text.find("stopped after"), std::string::npos) << text;
  EXPECT_NE(text.find("records/s"), std::string::npos) << text;
}

TEST(Cli, NormalizeKeepsOrderAndReportsBadLines) {
  std::string input =
      "{\"id\":\"one\",\"body\":\"First.\"}\n"
      "not json\r\n"
      "\n"
      "{\"id\":\"four\",\"body\":\"Fourth.\",\"published_at\":\"2026-01-01T01:00:00+01:00\"}\r\n"
      "{\"id\":\"five\",\"body\":\"caf\xC3\"}\n"
      "{\"id\":\"six\",\"body\":\"Last, no newline.\"}";
  auto r = Newsflowd("normalize", input);
  EXPECT_EQ(r.status, 2) << "some lines were rejected";
  EXPECT_EQ(Lines(r.out), 3) << r.out;
  size_t one = r.out.find("\"id\":\"one\""), four = r.out.find("\"id\":\"four\""),
         six = r.out.find("\"id\":\"six\"");
  ASSERT_NE(one, std::string::npos);
  ASSERT_NE(four, std::string::npos);
  ASSERT_NE(six, std::string::npos);
  EXPECT_LT(one, four);
  EXPECT_LT(four, six);
  EXPECT_NE(r.out.find("\"published_at\":\"2026-01-01T00:00:00Z\""), std::string::npos);
  EXPECT_NE(r.err.find("stdin:2: invalid_json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stdin:3: invalid_json"), std::string::npos) << r.err;  // empty line
  EXPECT_NE(r.err.find("stdin:5: invalid_utf8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 of 6 lines rejected"), std::string::npos) << r.err;
  EXPECT_EQ(Newsflowd("normalize", "{\"body\":\"ok\"}\n").status, 0);
}

TEST(Cli, NormalizeRejectsHugeLinesAndGoesOn) {
  std::string input = "{\"id\":\"big\",\"body\":\"" + std::string(3 << 20, 'x') + "\"}\n" +
                      "{\"id\":\"after\",\"body\":\"Still here.\"}\n";
  auto r = Newsflowd("normalize", input);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("stdin:1: too_large"), std::string::npos) << r.err.substr(0, 200);
  EXPECT_NE(r.out.find("\"id\":\"after\""), std::string::npos);
  EXPECT_EQ(Lines(r.out), 1);
}

// An article over its work budget is published anyway, with what was found, `truncated` and a
// warning naming where the work stopped, and the next line is normalized. 1 ms per MB of body
// cannot cover tokenizing 600 kB, so the tagger finds the budget spent at once; the default
// budget covers the same body with room to spare.
TEST(Cli, NormalizeFlagsAnArticleOverItsWorkBudget) {
  std::string body;
  while (body.size() < 600000) body += "Officials in Lisbon said Maria Santos would speak. ";
  const std::string input = "{\"id\":\"long\",\"body\":\"" + body + "\"}\n" +
                            "{\"id\":\"short\",\"body\":\"Maria Santos spoke.\"}\n";
  auto dir =
      std::filesystem::temp_directory_path() / ("newsflow-cli-budget-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& extra) {
    auto path = dir / name;
    std::ofstream(path) << "models:\n  ner: " NEWSFLOW_SOURCE_DIR "/models/ner-en.bin\n"
                        << "pipeline:\n"
                        << extra;
    return path.string();
  };
  auto tight =
      Newsflowd("normalize --summary --config " +
                    write("tight.yaml", "  work_budget_min_ms: 0\n  work_budget_ms_per_mb: 1\n"),
                input);
  auto json =
      Newsflowd("normalize --config " +
                    write("tight2.yaml", "  work_budget_min_ms: 0\n  work_budget_ms_per_mb: 1\n"),
                input);
  auto ample = Newsflowd("normalize --config " + write("default.yaml", "  {}\n"), input);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(json.status, 0) << json.err;
  ASSERT_EQ(Lines(json.out), 2);
  const std::string first = json.out.substr(0, json.out.find('\n'));
  const std::string second = json.out.substr(json.out.find('\n') + 1);
  EXPECT_NE(first.find("\"truncated\":true"), std::string::npos) << first.substr(0, 300);
  EXPECT_NE(first.find("\"warnings\":[\"work_budget_exceeded:ner\"]"), std::string::npos);
  EXPECT_NE(second.find("\"id\":\"short\""), std::string::npos) << second;
  ASSERT_EQ(tight.status, 0) << tight.err;
  EXPECT_NE(tight.out.find("work_budget_exceeded:ner"), std::string::npos) << tight.out;
  ASSERT_EQ(ample.status, 0) << ample.err;
  EXPECT_EQ(ample.out.find("\"truncated\":true"), std::string::npos);
  EXPECT_NE(ample.out.find("\"warnings\":[]"), std::string::npos);
  EXPECT_NE(ample.out.find("\"name\":\"Maria Santos\""), std::string::npos);
}

}  // namespace

namespace {

// A secret from a file or the environment shows in neither check-config's summary nor the
// daemon's log, even with librdkafka's configuration debugging on (the daemon runs 3 s against
// a closed port, then gets SIGTERM).
TEST(Cli, SecretsAreNeverPrintedOrLogged) {
  auto dir =
      std::filesystem::temp_directory_path() / ("newsflow-cli-secret-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "pw") << "hunter2-FILE-SECRET\n";
  const auto config = dir / "newsflowd.yaml";
  std::ofstream(config) << "kafka:\n  brokers: 127.0.0.1:1\n  shutdown_timeout_ms: 1000\n"
                        << "  client:\n    security.protocol: SASL_PLAINTEXT\n"
                        << "    sasl.mechanisms: PLAIN\n    sasl.username: svc\n"
                        << "    sasl.password_file: pw\n"
                        << "    debug: conf,security,broker\n"
                        << "ops:\n  http_listen: \"\"\n"
                        << "log:\n  level: debug\n";
  const std::string env = "NEWSFLOW_KAFKA__PRODUCER__SSL_KEY_PASSWORD=env-SECRET-42 ";
  auto check = Newsflowd("check-config --config " + config.string());
  auto check_env = Result();
  {
    // The environment variable needs the shell: run through `env`.
    const std::string cmd =
        "env " + env + NEWSFLOWD_PATH + " check-config --config " + config.string() + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) check_env.out.append(buf, n);
    check_env.status = pclose(p);
  }
  std::string run_log;
  {
    const std::string cmd = "env " + env + "timeout -s TERM 3 " + NEWSFLOWD_PATH +
                            " run --config " + config.string() + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) run_log.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove_all(dir);
  ASSERT_EQ(check.status, 0) << check.err;
  EXPECT_NE(check.out.find("sasl.password=[redacted]"), std::string::npos) << check.out;
  EXPECT_NE(check_env.out.find("ssl.key.password=[redacted]"), std::string::npos) << check_env.out;
  EXPECT_NE(run_log.find("client properties:"), std::string::npos) << run_log.substr(0, 2000);
  EXPECT_GT(run_log.size(), 1000u) << "librdkafka's debug output is expected: " << run_log;
  for (const std::string* text : {&check.out, &check.err, &check_env.out, &run_log}) {
    EXPECT_EQ(text->find("hunter2"), std::string::npos) << *text;
    EXPECT_EQ(text->find("env-SECRET-42"), std::string::npos) << *text;
  }
}

}  // namespace
