// The newsflowd command line as a user meets it: help, version, exit codes, error messages,
// and `normalize` on stdin (order, line numbers, bounded memory on huge lines).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs newsflowd with `args`, feeding `input` on stdin.
Result Newsflowd(const std::string& args, const std::string& input = "") {
  auto dir = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(getpid());
  auto in_path = dir / ("newsflow-cli-in-" + tag);
  auto err_path = dir / ("newsflow-cli-err-" + tag);
  {
    std::ofstream f(in_path, std::ios::binary);
    f << input;
  }
  std::string cmd = std::string(NEWSFLOWD_PATH) + " " + args + " <" + in_path.string() + " 2>" +
                    err_path.string();
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

}  // namespace
