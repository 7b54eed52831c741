#include "daemon/extract/ner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/extract/extractor.h"
#include "daemon/extract/ner_features.h"
#include "daemon/extract/tokenizer.h"
#include "tests/unit/print_case.h"

namespace newsflow::extract {
namespace {

const std::string kModelPath = std::string(NEWSFLOW_SOURCE_DIR) + "/models/ner-en.bin";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const NerModel& Model() {
  static const NerModel* model = [] {
    auto m = NerModel::Load(kModelPath);
    if (!m.ok()) {
      ADD_FAILURE() << m.error();
      std::abort();
    }
    return new NerModel(std::move(m).value());
  }();
  return *model;
}

// "PER:Angela Merkel|LOC:Paris" for the entities of `text`.
std::string Entities(const std::string& text) {
  TokenizedText tokens;
  Tokenize(text, tokens);
  EntitySpans spans;
  Model().Tag(text, tokens, spans);
  static const char* kNames[] = {"PER", "ORG", "LOC", "MISC"};
  std::string out;
  for (const EntitySpan& s : spans) {
    if (!out.empty()) out += "|";
    uint32_t b = tokens.tokens[s.first_token].begin, e = tokens.tokens[s.end_token - 1].end;
    out += std::string(kNames[static_cast<int>(s.type)]) + ":" + text.substr(b, e - b);
  }
  return out;
}

struct TagCase {
  const char* name;
  const char* text;
  const char* expected;
};

// gtest prints a failing case's parameter; without this it would be a byte dump.
void PrintTo(const TagCase& c, std::ostream* os) {
  newsflow::testing::PrintCase(c.name, c.text, os);
}

class NerTag : public ::testing::TestWithParam<TagCase> {};

TEST_P(NerTag, KnownAnswers) { EXPECT_EQ(Entities(GetParam().text), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Sentences, NerTag,
    ::testing::Values(
        TagCase{"PeopleAndPlace", "Angela Merkel met Emmanuel Macron in Paris on Tuesday.",
                "PER:Angela Merkel|PER:Emmanuel Macron|LOC:Paris"},
        TagCase{"CompanyAndCity", "Shares of Microsoft rose sharply in New York after the report.",
                "ORG:Microsoft|LOC:New York"},
        TagCase{"OrganizationAndCountry",
                "The United Nations said aid would reach Sudan next week.",
                "ORG:United Nations|LOC:Sudan"},
        TagCase{"Demonym", "French officials welcomed the vote.", "MISC:French"},
        TagCase{"TitleAndSurname", "Mr. Lee told reporters the plan was ready.", "PER:Lee"},
        TagCase{"NoEntities", "the weather was mild and nobody went out.", ""},
        TagCase{"Empty", "", ""}),
    [](const ::testing::TestParamInfo<TagCase>& info) { return std::string(info.param.name); });

TEST(NerModel, VersionAndMemory) {
  EXPECT_FALSE(Model().version().empty());
  EXPECT_GT(Model().MemoryBytes(), 0u);
  EXPECT_LT(Model().MemoryBytes(), 200u * 1000 * 1000);
}

TEST(NerModel, SpansStayInsideSentencesAndAreOrdered) {
  std::string text = "Talks in Geneva ended. Officials from Iran and Russia left Vienna.";
  TokenizedText tokens;
  Tokenize(text, tokens);
  EntitySpans spans;
  Model().Tag(text, tokens, spans);
  ASSERT_FALSE(spans.empty());
  uint32_t prev_end = 0;
  for (const EntitySpan& s : spans) {
    EXPECT_LT(s.first_token, s.end_token);
    EXPECT_GE(s.first_token, prev_end);
    prev_end = s.end_token;
    bool inside = false;
    for (const Sentence& sent : tokens.sentences) {
      inside |= s.first_token >= sent.first_token && s.end_token <= sent.end_token;
    }
    EXPECT_TRUE(inside);
  }
}

TEST(NerModel, ToleratesAMismatchedTokenization) {
  TokenizedText tokens;
  Tokenize("Angela Merkel met Emmanuel Macron in Paris on Tuesday.", tokens);
  tokens.sentences.push_back({5, 500});  // past the tokens
  EntitySpans spans;
  Model().Tag("short", tokens, spans);  // token offsets past the text
  for (const EntitySpan& s : spans) EXPECT_LE(s.end_token, tokens.tokens.size());
}

TEST(NerModel, ConcurrentTaggingGivesTheSameAnswer) {
  const std::string text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday.";
  const std::string expected = Entities(text);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) got[t] = Entities(text);
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(NerModel, ExtractorLoadsItAndReportsItsVersion) {
  ExtractorOptions options;
  options.ner_model_path = kModelPath;
  auto ex = Extractor::Load(options);
  ASSERT_TRUE(ex.ok()) << ex.error();
  EXPECT_EQ(ex.value().ner_model_version(), Model().version());
  (void)ex.value().Extract("Angela Merkel met Emmanuel Macron in Paris on Tuesday.");

  options.ner_model_path = "/nonexistent/ner.bin";
  auto bad = Extractor::Load(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("/nonexistent/ner.bin"), std::string::npos) << bad.error();
}

// ---- loading errors ----

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

TEST(NerModelLoad, MissingFile) {
  auto m = NerModel::Load("/nonexistent/ner.bin");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("/nonexistent/ner.bin"), std::string::npos) << m.error();
}

TEST(NerModelLoad, EmptyFile) {
  auto m = NerModel::Load(WriteTemp("empty.bin", ""));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("magic"), std::string::npos) << m.error();
}

TEST(NerModelLoad, TruncatedFile) {
  std::string bytes = ReadAll(kModelPath);
  ASSERT_GT(bytes.size(), 1000u);
  for (size_t keep : {size_t{10}, size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
    auto m = NerModel::Load(WriteTemp("truncated.bin", bytes.substr(0, keep)));
    ASSERT_FALSE(m.ok()) << keep;
    EXPECT_NE(m.error().find("truncated"), std::string::npos) << m.error();
  }
}

TEST(NerModelLoad, BadMagic) {
  std::string bytes = ReadAll(kModelPath);
  bytes[0] = 'X';
  auto m = NerModel::Load(WriteTemp("magic.bin", bytes));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("bad magic"), std::string::npos) << m.error();
}

TEST(NerModelLoad, WrongFormatVersion) {
  std::string bytes = ReadAll(kModelPath);
  bytes[sizeof(ner::kMagic)] = static_cast<char>(ner::kFormatVersion + 1);
  auto m = NerModel::Load(WriteTemp("version.bin", bytes));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("format version"), std::string::npos) << m.error();
}

TEST(NerModelLoad, CorruptPayload) {
  std::string bytes = ReadAll(kModelPath);
  bytes[bytes.size() / 2] ^= 0x5A;
  auto m = NerModel::Load(WriteTemp("corrupt.bin", bytes));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("checksum"), std::string::npos) << m.error();
}

TEST(NerModelLoad, RoundTripsThroughTheFormat) {
  ner::ModelData data;
  data.version = "test-1";
  data.feature_hashes = {ner::PadFeature(ner::kM1)};
  data.weights.assign(ner::kNumLabels, 0.5f);
  data.lexicon.push_back({"paris", ner::LexInfo{{1, 2, 3}, 4, 5, 6}});
  data.vocabulary = {"Paris"};
  auto m = NerModel::FromBytes(ner::SerializeModel(data));
  ASSERT_TRUE(m.ok()) << m.error();
  EXPECT_EQ(m.value().version(), "test-1");
  auto parsed = ner::ParseModel(ner::SerializeModel(data));
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.value().lexicon.size(), 1u);
  EXPECT_EQ(parsed.value().lexicon[0].info.gaz_extra, 5u);
  EXPECT_NEAR(parsed.value().weights[3], 0.5f, 1e-3);
}

// ---- work budget: an article over budget keeps what was found before, and says where ----

const Extractor& WithNer() {
  static const Extractor* ex = [] {
    auto e = Extractor::Load({.ner_model_path = kModelPath, .gazetteer_path = ""});
    if (!e.ok()) {
      ADD_FAILURE() << e.error();
      std::abort();
    }
    return new Extractor(std::move(e).value());
  }();
  return *ex;
}

const char* const kThreeSentences =
    "Angela Merkel arrived on Monday. Emmanuel Macron followed on Tuesday. "
    "\"We will talk,\" Justin Trudeau said.";

std::vector<std::string> ActorNames(const Extraction& out) {
  std::vector<std::string> names;
  for (const auto& a : out.actors) names.push_back(a.name);
  return names;
}

TEST(WorkBudget, UnlimitedAndAmpleBudgetsChangeNothing) {
  const Extraction plain = WithNer().Extract(kThreeSentences);
  EXPECT_EQ(plain.budget_stop, "");
  EXPECT_EQ(plain.actors.size(), 3u);
  EXPECT_EQ(plain.quotes.size(), 1u);
  const Extraction ample = WithNer().Extract(
      kThreeSentences,
      Budget::For(std::string_view(kThreeSentences).size(), {.min_ms = 60000, .ms_per_mb = 0}));
  EXPECT_EQ(ample.budget_stop, "");
  EXPECT_EQ(ActorNames(ample), ActorNames(plain));
  EXPECT_EQ(ample.quotes.size(), plain.quotes.size());
}

TEST(WorkBudget, TaggingStopsAtASentenceAndKeepsWhatItFound) {
  // One check per sentence in the tagger: the second sentence finds the budget spent.
  const Extraction out = WithNer().Extract(kThreeSentences, Budget::SpentAfterChecks(1));
  EXPECT_EQ(out.budget_stop, "ner");
  EXPECT_EQ(ActorNames(out), std::vector<std::string>{"Angela Merkel"});
  EXPECT_TRUE(out.quotes.empty());
  EXPECT_TRUE(out.locations.empty());

  const Extraction none = WithNer().Extract(kThreeSentences, Budget::SpentAfterChecks(0));
  EXPECT_EQ(none.budget_stop, "ner");
  EXPECT_TRUE(none.actors.empty());
}

TEST(WorkBudget, EachLaterStageBoundaryIsNamed) {
  TokenizedText tokens;
  Tokenize(kThreeSentences, tokens);
  const int sentences = static_cast<int>(tokens.sentences.size());
  ASSERT_EQ(sentences, 3);
  // Checks: one per sentence, then after tagging, after places, after actors.
  Extraction out = WithNer().Extract(kThreeSentences, Budget::SpentAfterChecks(sentences + 1));
  EXPECT_EQ(out.budget_stop, "actors");
  EXPECT_TRUE(out.actors.empty());
  EXPECT_TRUE(out.quotes.empty());
  out = WithNer().Extract(kThreeSentences, Budget::SpentAfterChecks(sentences + 2));
  EXPECT_EQ(out.budget_stop, "quotes");
  EXPECT_EQ(out.actors.size(), 3u);
  EXPECT_TRUE(out.quotes.empty());
  // Spent only after the last stage: nothing was lost, nothing to flag.
  out = WithNer().Extract(kThreeSentences, Budget::SpentAfterChecks(sentences + 3));
  EXPECT_EQ(out.budget_stop, "");
  EXPECT_EQ(out.quotes.size(), 1u);
}

TEST(WorkBudget, DeadlineInThePastIsSpent) {
  const auto past = Budget::Clock::now() - std::chrono::hours(1);
  const Budget b = Budget::For(1000, {.min_ms = 1, .ms_per_mb = 0}, past);
  EXPECT_TRUE(b.Spent());
  EXPECT_FALSE(Budget::For(1000, {.min_ms = 0, .ms_per_mb = 0}, past).Spent()) << "no budget";
  EXPECT_FALSE(Budget().Spent());
}

// The 17 * 17 search that Viterbi() replaced: it scores forbidden transitions too.
void FullViterbi(const std::vector<float>& em, size_t n, const std::vector<float>& trans,
                 const std::vector<float>& start, std::vector<uint8_t>& labels) {
  constexpr int L = ner::kNumLabels;
  std::vector<float> delta(n * L);
  std::vector<uint8_t> back(n * L);
  for (int l = 0; l < L; ++l) delta[l] = start[l] + em[l];
  for (size_t i = 1; i < n; ++i) {
    for (int to = 0; to < L; ++to) {
      float best = delta[(i - 1) * L] + trans[to];
      int arg = 0;
      for (int from = 1; from < L; ++from) {
        const float v = delta[(i - 1) * L + from] + trans[from * L + to];
        if (v > best) {
          best = v;
          arg = from;
        }
      }
      delta[i * L + to] = best + em[i * L + to];
      back[i * L + to] = static_cast<uint8_t>(arg);
    }
  }
  int arg = 0;
  float best = ner::kForbidden * 2;
  for (int l = 0; l < L; ++l) {
    if (ner::EndAllowed(l) && delta[(n - 1) * L + l] > best) {
      best = delta[(n - 1) * L + l];
      arg = l;
    }
  }
  labels.assign(n, 0);
  for (size_t i = n; i-- > 0;) {
    labels[i] = static_cast<uint8_t>(arg);
    if (i > 0) arg = back[i * L + arg];
  }
}

// Viterbi() scores allowed transitions only; with forbidden ones at kForbidden it must pick
// the labels of the full search, ties included (small integer scores tie often).
TEST(NerViterbi, SameLabelsAsTheFullSearch) {
  constexpr int L = ner::kNumLabels;
  std::mt19937 rng(13);
  std::vector<float> delta;
  std::vector<uint8_t> back;
  for (int round = 0; round < 3000; ++round) {
    const bool ties = round % 2 == 0;
    auto score = [&] {
      return ties ? static_cast<float>(static_cast<int>(rng() % 5) - 2)
                  : std::uniform_real_distribution<float>(-8.f, 8.f)(rng);
    };
    std::vector<float> trans(L * L), start(L);
    for (int from = 0; from < L; ++from) {
      for (int to = 0; to < L; ++to) {
        trans[from * L + to] = ner::TransitionAllowed(from, to) ? score() : ner::kForbidden;
      }
      start[from] = ner::StartAllowed(from) ? score() : ner::kForbidden;
    }
    const size_t n = 1 + rng() % 40;
    std::vector<float> em(n * L);
    for (float& v : em) v = score();
    std::vector<uint8_t> want, got(n);
    FullViterbi(em, n, trans, start, want);
    ner::Viterbi(em.data(), n, trans.data(), start.data(), delta, back, got.data());
    ASSERT_EQ(got, want) << "round " << round << ", " << n << " tokens";
  }
}

}  // namespace
}  // namespace newsflow::extract
