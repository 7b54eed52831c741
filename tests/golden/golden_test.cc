// Golden test: runs the real `newsflowd normalize` with the shipped config (NER model and the
// gazetteer built by tools/setup.sh) over our own sample articles and checks the facts listed
// in tests/golden/expectations.txt. Skips when the gazetteer has not been built.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "daemon/extract/utf8.h"
#include "proto/newsflow/v1/article.pb.h"

namespace {

using newsflow::v1::NormalizedArticle;

struct NormalizeRun {
  std::map<std::string, NormalizedArticle> by_id;
  std::string errors;
  int status = -1;
};

std::string Slice(const std::string& body, uint32_t begin, uint32_t end) {
  // Offsets are code points; walk the UTF-8 once.
  std::string out;
  size_t i = 0;
  uint32_t cp = 0;
  while (i < body.size() && cp < end) {
    size_t start = i;
    newsflow::extract::DecodeUtf8(body, i);
    if (cp >= begin) out.append(body, start, i - start);
    ++cp;
  }
  return out;
}

// Splits `a "b c" d` into {a, b c, d}.
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      size_t end = line.find('"', i + 1);
      out.push_back(line.substr(i + 1, end - i - 1));
      i = end == std::string::npos ? line.size() : end + 1;
    } else {
      size_t end = line.find(' ', i);
      out.push_back(line.substr(i, end == std::string::npos ? std::string::npos : end - i));
      i = end == std::string::npos ? line.size() : end;
    }
  }
  return out;
}

const newsflow::v1::Actor* ActorNamed(const NormalizedArticle& a, const std::string& name) {
  for (const auto& actor : a.actors()) {
    if (actor.name() == name) return &actor;
  }
  return nullptr;
}

const newsflow::v1::Quote* QuoteStarting(const NormalizedArticle& a, const std::string& prefix) {
  for (const auto& q : a.quotes()) {
    if (q.text().rfind(prefix, 0) == 0) return &q;
  }
  return nullptr;
}

std::string Describe(const NormalizedArticle& a) {
  std::ostringstream s;
  for (const auto& actor : a.actors()) {
    s << "  actor " << actor.id() << " " << newsflow::v1::Actor::Type_Name(actor.type()) << " \""
      << actor.name() << "\" roles=" << actor.roles_size() << " cc=" << actor.country_code()
      << "\n";
  }
  for (const auto& q : a.quotes()) {
    s << "  quote speaker=" << (q.has_speaker_id() ? std::to_string(q.speaker_id()) : "-")
      << " cue=" << q.cue() << " \"" << q.text().substr(0, 40) << "\"\n";
  }
  for (const auto& l : a.locations()) {
    s << "  location \"" << l.name() << "\" " << l.country_code() << " [";
    for (const auto& m : l.mentions()) s << Slice(a.body(), m.begin(), m.end()) << ";";
    s << "]\n";
  }
  return s.str();
}

class Golden : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string src = NEWSFLOW_SOURCE_DIR;
    if (!std::filesystem::exists(src + "/build/gazetteer/newsflow-gazetteer.bin")) return;
    std::string cmd = std::string(NEWSFLOWD_PATH) + " normalize --config " + src +
                      "/config/newsflowd.yaml --input " + src +
                      "/config/samples/articles.jsonl 2>" + ErrPath();
    run_ = new NormalizeRun;
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    run_->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      NormalizedArticle a;
      auto st = google::protobuf::util::JsonStringToMessage(line, &a);
      if (st.ok()) run_->by_id[a.id()] = a;
    }
    std::ifstream err(ErrPath());
    std::stringstream ss;
    ss << err.rdbuf();
    run_->errors = ss.str();
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static std::string ErrPath() {
    return (std::filesystem::temp_directory_path() /
            ("newsflow-golden-" + std::to_string(getpid())))
        .string();
  }
  static NormalizeRun* run_;
};

NormalizeRun* Golden::run_ = nullptr;

TEST_F(Golden, SampleArticles) {
  if (run_ == nullptr)
    GTEST_SKIP() << "build/gazetteer/newsflow-gazetteer.bin missing: run tools/setup.sh";
  EXPECT_EQ(run_->status, 2)
      << "one sample is bad on purpose, so normalize must report a rejection";
  std::ifstream f(NEWSFLOW_SOURCE_DIR "/tests/golden/expectations.txt");
  ASSERT_TRUE(f.good());
  std::string line;
  int line_no = 0;
  int checked = 0;
  while (std::getline(f, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto fl = Fields(line);
    ASSERT_GE(fl.size(), 3u) << "expectations.txt:" << line_no;
    SCOPED_TRACE("expectations.txt:" + std::to_string(line_no) + ": " + line);
    ++checked;
    const std::string& kind = fl[1];
    if (kind == "rejected") {
      std::string want = "articles.jsonl:" + fl[2] + ": " + fl[3];
      EXPECT_NE(run_->errors.find(want), std::string::npos) << run_->errors;
      continue;
    }
    auto it = run_->by_id.find(fl[0]);
    ASSERT_NE(it, run_->by_id.end()) << "no record for " << fl[0];
    const NormalizedArticle& a = it->second;
    std::string got = Describe(a);
    if (kind == "actor") {
      const auto* actor = ActorNamed(a, fl[3]);
      ASSERT_NE(actor, nullptr) << got;
      EXPECT_EQ(newsflow::v1::Actor::Type_Name(actor->type()), fl[2]) << got;
    } else if (kind == "role" || kind == "country" || kind == "mention") {
      const auto* actor = ActorNamed(a, fl[2]);
      ASSERT_NE(actor, nullptr) << got;
      if (kind == "country") {
        EXPECT_EQ(actor->country_code(), fl[3]) << got;
      } else if (kind == "role") {
        bool found = false;
        for (const auto& r : actor->roles()) found |= r == fl[3];
        EXPECT_TRUE(found) << got;
      } else {
        bool found = false;
        for (const auto& m : actor->mentions())
          found |= Slice(a.body(), m.begin(), m.end()) == fl[3];
        EXPECT_TRUE(found) << got;
      }
    } else if (kind == "quote" || kind == "cue" || kind == "speaker-type") {
      const auto* q = QuoteStarting(a, fl[2]);
      ASSERT_NE(q, nullptr) << got;
      // The quote's offsets must point at its text in the body; a multi-paragraph quote's
      // text joins its paragraphs with "\n", without the marks that reopen each one.
      const std::string span = Slice(a.body(), q->begin(), q->end());
      size_t from = 0;
      for (size_t b = 0; b <= q->text().size();) {
        size_t e = q->text().find('\n', b);
        if (e == std::string::npos) e = q->text().size();
        const std::string piece = q->text().substr(b, e - b);
        const size_t at = span.find(piece, from);
        ASSERT_NE(at, std::string::npos) << piece << " not in " << span;
        EXPECT_TRUE(b > 0 || at == 0) << "the span must start with the text";
        // Between two paragraphs of the quote: only line breaks and the reopening mark.
        std::string gap = span.substr(from, at - from);
        for (const char* mark : {"\u201C", "\u201D", "\u2018", "\u2019", "\u00AB", "\u00BB"}) {
          for (size_t m = gap.find(mark); m != std::string::npos; m = gap.find(mark)) {
            gap.erase(m, std::string_view(mark).size());
          }
        }
        EXPECT_EQ(gap.find_first_not_of(" \t\r\n\""), std::string::npos)
            << "text between the paragraphs of " << q->text();
        from = at + piece.size();
        b = e + 1;
      }
      EXPECT_EQ(from, span.size()) << "the span must end with the text";
      if (kind == "cue") {
        EXPECT_EQ(q->cue(), fl[3]) << got;
      } else if (kind == "speaker-type") {
        ASSERT_TRUE(q->has_speaker_id()) << got;
        const newsflow::v1::Actor* speaker = nullptr;
        for (const auto& actor : a.actors()) {
          if (actor.id() == q->speaker_id()) speaker = &actor;
        }
        ASSERT_NE(speaker, nullptr) << "speaker_id names no actor of the record\n" << got;
        EXPECT_EQ(newsflow::v1::Actor::Type_Name(speaker->type()), fl[3]) << got;
      } else if (fl[3] == "-") {
        EXPECT_FALSE(q->has_speaker_id()) << got;
      } else {
        ASSERT_TRUE(q->has_speaker_id()) << got;
        const auto* speaker = ActorNamed(a, fl[3]);
        ASSERT_NE(speaker, nullptr) << got;
        EXPECT_EQ(q->speaker_id(), speaker->id()) << got;
      }
    } else if (kind == "location") {
      bool found = false;
      for (const auto& l : a.locations()) found |= l.name() == fl[2] && l.country_code() == fl[3];
      EXPECT_TRUE(found) << got;
    } else if (kind == "not-location" || kind == "not-actor") {
      bool found = false;
      if (kind == "not-location") {
        for (const auto& l : a.locations()) {
          for (const auto& m : l.mentions()) found |= Slice(a.body(), m.begin(), m.end()) == fl[2];
        }
      } else {
        for (const auto& actor : a.actors()) {
          for (const auto& m : actor.mentions())
            found |= Slice(a.body(), m.begin(), m.end()) == fl[2];
        }
      }
      EXPECT_FALSE(found) << got;
    } else {
      ADD_FAILURE() << "unknown kind " << kind;
    }
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
