#include "daemon/pipeline/json_writer.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "daemon/extract/utf8.h"
#include "daemon/pipeline/normalizer.h"
#include "daemon/pipeline/outputs.h"
#include "daemon/pipeline/render.h"
#include "json_types_test.pb.h"

namespace newsflow::pipeline {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using newsflow::test::AllTypes;
using newsflow::v1::NormalizedArticle;

// Serializing a string field that holds ill-formed UTF-8 logs an error each time; the tests
// build such strings on purpose, so their log would only hide real failures.
class QuietProtobufLog {
 public:
  QuietProtobufLog() : old_(google::protobuf::SetLogHandler(nullptr)) {}
  ~QuietProtobufLog() { google::protobuf::SetLogHandler(old_); }

 private:
  google::protobuf::LogHandler* old_;
};

// The writer's output against protobuf's, one line and pretty. True when both agree.
bool SameAsProtobuf(const Message& m) {
  for (bool pretty : {false, true}) {
    std::string mine = "prefix:";
    if (!AppendMessageJson(m, pretty, mine)) {
      ADD_FAILURE() << "writer refused " << m.GetDescriptor()->full_name();
      return false;
    }
    std::string want = "prefix:" + RecordToJsonByProtobuf(m, pretty);
    if (mine != want) {
      size_t at = 0;
      while (at < mine.size() && at < want.size() && mine[at] == want[at]) ++at;
      const size_t from = at > 80 ? at - 80 : 0;
      ADD_FAILURE() << m.GetDescriptor()->full_name() << (pretty ? " pretty" : "")
                    << " differs at byte " << at << "\n  protobuf: " << want.substr(from, 160)
                    << "\n  writer:   " << mine.substr(from, 160)
                    << "\n  message: " << m.ShortDebugString().substr(0, 2000);
      return false;
    }
    EXPECT_EQ(RecordToJson(m, pretty), want.substr(7));
  }
  return true;
}

// (a) Every record the repository's sample articles normalize to, and every fan-out record
// (quote, actor, place) made from them.
class CollectingSink final : public Sink {
 public:
  void Publish(const RawMessage&, const NormalizedArticle& record) override {
    records.push_back(record);
  }
  void Reject(const RawMessage&, const Rejection&) override { ++rejected; }
  std::vector<NormalizedArticle> records;
  int rejected = 0;
};

TEST(JsonWriter, MatchesProtobufOnTheSampleRecords) {
  extract::ExtractorOptions models;
  models.ner_model_path = NEWSFLOW_SOURCE_DIR "/models/ner-en.bin";
  if (std::filesystem::exists(NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin")) {
    models.gazetteer_path = NEWSFLOW_SOURCE_DIR "/build/gazetteer/newsflow-gazetteer.bin";
  }
  auto extractor = extract::Extractor::Load(models);
  ASSERT_TRUE(extractor.ok()) << extractor.error();
  Normalizer normalizer(extractor.value(), {.decode = {},
                                            .normalizer_version = "1.2.3",
                                            .backfill = "newsflowd-replay-x",
                                            .budget = {},
                                            .observer = nullptr});
  std::ifstream in(NEWSFLOW_SOURCE_DIR "/config/samples/articles.jsonl");
  ASSERT_TRUE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  std::vector<RawMessage> batch(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    batch[i].topic = "news.raw";
    batch[i].partition = 3;
    batch[i].offset = static_cast<int64_t>(1000 + i);
    batch[i].value = lines[i];
  }
  CollectingSink sink;
  normalizer.ProcessBatch(batch, sink);
  ASSERT_GE(sink.records.size(), 3u);

  OutputSpecs all;
  for (auto& spec : all) spec = {.enabled = true, .format = WireFormat::kProtobuf};
  int fanout = 0;
  for (const auto& record : sink.records) {
    EXPECT_TRUE(SameAsProtobuf(record));
    std::vector<EncodedRecord> encoded;
    EncodeOutputs(record, all, encoded);
    for (const auto& e : encoded) {
      std::unique_ptr<Message> m;
      switch (e.kind) {
        case OutputKind::kArticle:
          m = std::make_unique<NormalizedArticle>();
          break;
        case OutputKind::kQuote:
          m = std::make_unique<newsflow::v1::QuoteRecord>();
          break;
        case OutputKind::kActor:
          m = std::make_unique<newsflow::v1::ActorRecord>();
          break;
        case OutputKind::kLocation:
          m = std::make_unique<newsflow::v1::LocationRecord>();
          break;
      }
      ASSERT_TRUE(m->ParseFromString(e.value));
      EXPECT_TRUE(SameAsProtobuf(*m));
      ++fanout;
    }
  }
  EXPECT_GT(fanout, static_cast<int>(sink.records.size()));
}

// (b) Hand-built messages.

// Text with everything JsonEscaping treats specially, and ordinary text beyond ASCII.
std::vector<std::string> TrickyStrings() {
  std::vector<std::string> out = {
      "",
      "plain ascii",
      "quote \" backslash \\ slash / lt < gt > amp & eq = apos ' tick `",
      "newline\n tab\t cr\r ff\f bs\b vt\v bell\a esc\x1b us\x1f del\x7f",
      std::string("nul\0inside", 10),
      "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 Biden\xE2\x80\x99s "
      "\xE2\x80\x9Cquoted\xE2\x80\x9D",
      "C1 \xC2\x80 \xC2\x85 \xC2\x9F, nbsp \xC2\xA0, soft hyphen \xC2\xAD",
      "line sep \xE2\x80\xA8 para sep \xE2\x80\xA9 rlo \xE2\x80\xAE zwsp \xE2\x80\x8B zwj "
      "\xE2\x80\x8D",
      "word joiner \xE2\x81\xA0 \xE2\x81\xA4 \xE2\x81\xAA \xE2\x81\xAF bom \xEF\xBB\xBF "
      "\xEF\xBF\xB9\xEF\xBF\xBA\xEF\xBF\xBB \xEF\xBF\xBC \xEF\xBF\xBD",
      "arabic \xD8\x80 \xD8\x83 \xD8\x84 \xDB\x9D syriac \xDC\x8F khmer \xE1\x9E\xB4 \xE1\x9E\xB5",
      "tags \xF3\xA0\x80\x81 \xF3\xA0\x80\xA0 \xF3\xA0\x81\xBF \xF3\xA0\x82\x80 music "
      "\xF0\x9D\x85\xB3 \xF0\x9D\x85\xBA \xF0\x9D\x85\xBB",
      "max \xF4\x8F\xBF\xBF",
      // Ill-formed UTF-8: stray continuation, cut sequences (mid-text and at the end), a bad
      // continuation that is itself a quote, surrogates, beyond U+10FFFF, 0xF8+ lead bytes,
      // overlong forms of NUL, '"', '/' and DEL.
      "stray \x80 \xBF end",
      "cut \xE2\x80 mid",
      "bad cont \xC3\" quote",
      "surrogate \xED\xA0\x80 \xED\xBF\xBF",
      "too big \xF4\x90\x80\x80 \xF7\xBF\xBF\xBF",
      "leads \xF8\x88\x80\x80\x80 \xFF \xFE",
      "overlong \xC0\x80 \xC0\xA2 \xC0\xAF \xC1\xBF \xE0\x80\x80 \xE0\x81\x9C",
      "cut at the end \xF0\x9F\x98",
      "\xC3",
  };
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  out.push_back(all_bytes);
  return out;
}

TEST(JsonWriter, MatchesProtobufOnEmptyAndDefaultMessages) {
  EXPECT_TRUE(SameAsProtobuf(NormalizedArticle()));
  EXPECT_TRUE(SameAsProtobuf(AllTypes()));
  NormalizedArticle r;
  r.mutable_provenance();  // set, all zero: printed with its zeros
  r.mutable_dateline();
  r.add_actors();
  r.add_quotes()->set_speaker_id(0);  // set to zero: printed
  r.add_quotes();                     // unset: absent
  r.add_locations()->add_mentions();
  r.add_credits();
  r.add_warnings("");
  EXPECT_TRUE(SameAsProtobuf(r));
  for (const auto* d :
       {newsflow::v1::RawArticle::descriptor(), newsflow::v1::QuoteRecord::descriptor(),
        newsflow::v1::ActorRecord::descriptor(), newsflow::v1::LocationRecord::descriptor()}) {
    std::unique_ptr<Message> m(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
    EXPECT_TRUE(SameAsProtobuf(*m));
  }
}

TEST(JsonWriter, MatchesProtobufOnTrickyStrings) {
  QuietProtobufLog quiet;
  for (const std::string& s : TrickyStrings()) {
    NormalizedArticle r;
    r.set_title(s);
    r.add_warnings(s);
    auto* a = r.add_actors();
    a->set_name(s);
    a->add_roles(s);
    (*r.mutable_provenance()->mutable_model_versions())[s] = s;
    (*r.mutable_provenance()->mutable_model_versions())["k" + s] = "";
    EXPECT_TRUE(SameAsProtobuf(r)) << testing::PrintToString(s);
    AllTypes t;
    t.set_f_bytes(s);
    t.set_c_string(s);
    (*t.mutable_m_bool())[true] = s;
    EXPECT_TRUE(SameAsProtobuf(t)) << testing::PrintToString(s);
  }
}

// Every code point (the escaped ones are scattered over the planes), in strings of 2048.
TEST(JsonWriter, MatchesProtobufOnEveryCodePoint) {
  std::string text;
  int failures = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF && failures < 3; ++cp) {
    if (cp < 0xD800 || cp > 0xDFFF) extract::AppendUtf8(text, cp);
    if ((cp + 1) % 2048 == 0) {
      newsflow::v1::Dateline d;
      d.set_place(text);
      if (!SameAsProtobuf(d)) ++failures;
      text.clear();
    }
  }
  EXPECT_EQ(failures, 0);
}

// Every pair of bytes, each pair between two letters, so ill-formed sequences of every kind
// meet ASCII, other sequences and the end of the string.
TEST(JsonWriter, MatchesProtobufOnEveryBytePair) {
  QuietProtobufLog quiet;
  int failures = 0;
  for (int first = 0; first < 256 && failures < 3; ++first) {
    std::string text;
    for (int second = 0; second < 256; ++second) {
      text += 'a';
      text.push_back(static_cast<char>(first));
      text.push_back(static_cast<char>(second));
    }
    newsflow::v1::Dateline d;
    d.set_place(text);
    d.set_agency(text.substr(text.size() - 2));
    if (!SameAsProtobuf(d)) ++failures;
  }
  EXPECT_EQ(failures, 0);
}

std::vector<double> TrickyDoubles() {
  using L = std::numeric_limits<double>;
  return {0.0,
          -0.0,
          0.1,
          0.2 + 0.1,
          1.0 / 3,
          -2.5,
          1e21,
          1e22,
          1e-7,
          1e-5,
          123456.0,
          1e15,
          1e16,
          1e17,
          123456789012345678.0,
          9007199254740993.0,
          51.922500610351562,
          static_cast<double>(51.9225f),
          static_cast<double>(4.47917f),
          L::max(),
          L::lowest(),
          L::min(),
          L::denorm_min(),
          4.9406564584124654e-324 * 3,
          L::epsilon(),
          L::infinity(),
          -L::infinity(),
          L::quiet_NaN(),
          -L::quiet_NaN()};
}

TEST(JsonWriter, MatchesProtobufOnNumbers) {
  for (double v : TrickyDoubles()) {
    NormalizedArticle r;
    auto* l = r.add_locations();
    l->set_latitude(v);
    l->set_longitude(-v);
    AllTypes t;
    t.set_f_double(v);
    t.set_f_float(static_cast<float>(v));
    t.add_r_double(v);
    t.add_r_float(static_cast<float>(v));
    t.add_r_float(static_cast<float>(v) * 1.0000001f);
    t.set_c_double(v);
    (*t.mutable_m_int64())[-7] = v;
    EXPECT_TRUE(SameAsProtobuf(r)) << v;
    EXPECT_TRUE(SameAsProtobuf(t)) << v;
  }
  for (float v : {0.1f, 1e-7f, 1e21f, 16777217.0f, 3.4028235e38f, 1.17549435e-38f, 1e-45f, -0.0f,
                  0.3f, 2.5f}) {
    AllTypes t;
    t.set_f_float(v);
    EXPECT_TRUE(SameAsProtobuf(t)) << v;
  }
  NormalizedArticle r;
  r.add_locations()->set_geonames_id(std::numeric_limits<int64_t>::max());
  r.add_locations()->set_geonames_id(std::numeric_limits<int64_t>::min());
  r.add_locations()->set_geonames_id(-1);
  r.mutable_provenance()->set_partition(std::numeric_limits<int32_t>::min());
  r.mutable_provenance()->set_offset(std::numeric_limits<int64_t>::max());
  r.mutable_dateline()->set_begin(std::numeric_limits<uint32_t>::max());
  r.mutable_dateline()->set_geonames_id(-42);
  auto* q = r.add_quotes();
  q->set_speaker_id(std::numeric_limits<uint32_t>::max());
  q->set_kind(static_cast<newsflow::v1::Quote::Kind>(77));  // unknown: printed as a number
  r.add_actors()->set_type(static_cast<newsflow::v1::Actor::Type>(-5));
  r.add_credits()->set_kind(newsflow::v1::Credit::COPYRIGHT);
  EXPECT_TRUE(SameAsProtobuf(r));
  AllTypes t;
  t.set_f_uint64(std::numeric_limits<uint64_t>::max());
  t.set_f_fixed64(std::numeric_limits<uint64_t>::max());
  t.set_f_int64(std::numeric_limits<int64_t>::min());
  t.set_f_sint64(std::numeric_limits<int64_t>::min());
  t.set_f_sfixed64(-1);
  t.set_f_int32(-1);
  t.set_f_sint32(std::numeric_limits<int32_t>::min());
  t.set_f_sfixed32(-7);
  t.set_f_fixed32(std::numeric_limits<uint32_t>::max());
  t.set_f_uint32(4000000000u);
  t.set_f_enum(newsflow::test::BLUE);
  t.add_r_enum(newsflow::test::RED);
  t.add_r_enum(static_cast<newsflow::test::Color>(99));
  t.add_r_enum(static_cast<newsflow::test::Color>(-99));
  t.set_o_enum(static_cast<newsflow::test::Color>(12));
  t.add_r_int64(std::numeric_limits<int64_t>::min());
  t.add_r_sint32(-3);
  t.add_r_fixed32(9);
  t.add_r_bool(true);
  t.add_r_bool(false);
  EXPECT_TRUE(SameAsProtobuf(t));
}

TEST(JsonWriter, MatchesProtobufOnMapsOneofsAndNesting) {
  NormalizedArticle r;
  auto& versions = *r.mutable_provenance()->mutable_model_versions();
  for (const char* k :
       {"ner", "gazetteer", "", "Zulu", "alpha", "a", "\xC3\xA9t\xC3\xA9", "b\"q"}) {
    versions[k] = std::string("v-") + k;
  }
  EXPECT_TRUE(SameAsProtobuf(r));

  AllTypes t;
  for (int k : {5, -1, 0, 300, -2000000000}) {
    (*t.mutable_m_int32())[k].set_s("leaf " + std::to_string(k));
    (*t.mutable_m_sint32())[k] = k / 2;  // k * 2 overflows for -2000000000
    (*t.mutable_m_sfixed32())[k];
    (*t.mutable_m_int64())[int64_t{k} * 1000000000] = k / 7.0;
    (*t.mutable_m_uint32())[static_cast<uint32_t>(k)] = static_cast<newsflow::test::Color>(k % 3);
    (*t.mutable_m_uint64())[static_cast<uint64_t>(k)] =
        std::string(static_cast<size_t>(k & 7), 'x');
    (*t.mutable_m_fixed64())[static_cast<uint64_t>(k) * 3] = k > 0;
  }
  (*t.mutable_m_bool())[false] = "no";
  (*t.mutable_m_bool())[true] = "yes";
  t.mutable_f_message()->set_s("nested");
  t.mutable_f_message()->add_u(1);
  t.mutable_f_message()->add_u(std::numeric_limits<uint64_t>::max());
  t.add_r_message()->set_i(3);
  t.add_r_message();
  t.set_c_int32(0);  // a oneof member set to zero is printed, after everything else
  t.set_o_int32(0);
  t.set_o_string("");
  t.mutable_o_message();
  t.set_f_late(1);
  t.set_f_early(2);
  for (const char* b : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xFF\x00\x80"}) {
    t.add_r_bytes(b);
  }
  EXPECT_TRUE(SameAsProtobuf(t));
  t.set_c_string("now a string");
  t.set_c_bytes("\x01\x02");
  EXPECT_TRUE(SameAsProtobuf(t));
  t.mutable_c_message()->set_s("now a message");
  t.clear_o_int32();
  EXPECT_TRUE(SameAsProtobuf(t));
}

TEST(JsonWriter, RefusesWellKnownTypesAndRecordToJsonFallsBack) {
  newsflow::test::WithTimestamp m;
  m.set_name("x");
  std::string out = "kept";
  // An unset Timestamp is never met (protobuf prints nothing for it either): rendered.
  EXPECT_TRUE(AppendMessageJson(m, false, out));
  EXPECT_EQ(out, "kept" + RecordToJsonByProtobuf(m, false));
  m.mutable_at()->set_seconds(1700000000);
  m.mutable_at()->set_nanos(5000000);
  out = "kept";
  EXPECT_FALSE(AppendMessageJson(m, false, out));
  EXPECT_EQ(out, "kept");
  EXPECT_EQ(RecordToJson(m, false), RecordToJsonByProtobuf(m, false));
  EXPECT_NE(RecordToJson(m, false).find("\"2023-11-14T22:13:20.005Z\""), std::string::npos)
      << RecordToJson(m, false);
  EXPECT_EQ(RecordToJson(m, true), RecordToJsonByProtobuf(m, true));
}

// (c) Random messages of every type in both schemas, filled by reflection.
class RandomFiller {
 public:
  explicit RandomFiller(uint64_t seed) : rng_(seed) {}

  void Fill(Message& m, int depth) {
    const Descriptor* d = m.GetDescriptor();
    const Reflection* r = m.GetReflection();
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (!Chance(0.6)) continue;
      if (f->is_map()) {
        const int n = Below(5);
        for (int k = 0; k < n; ++k) {
          Message* entry = r->AddMessage(&m, f);
          Set(*entry, entry->GetReflection(), f->message_type()->map_key(), depth);
          Set(*entry, entry->GetReflection(), f->message_type()->map_value(), depth);
        }
      } else if (f->is_repeated()) {
        const int n = Below(4);
        for (int k = 0; k < n; ++k) Add(m, r, f, depth);
      } else if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || depth < 3) {
        Set(m, r, f, depth);
      }
    }
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  uint64_t Bits() { return rng_(); }

  template <typename Int>
  Int RandomInt() {
    switch (Below(4)) {
      case 0:
        return 0;
      case 1:
        return static_cast<Int>(Below(200) - 50);
      case 2:
        return Below(2) ? std::numeric_limits<Int>::max() : std::numeric_limits<Int>::min();
      default:
        return static_cast<Int>(Bits());
    }
  }
  double RandomDouble() {
    switch (Below(6)) {
      case 0:
        return TrickyDoubles()[static_cast<size_t>(
            Below(static_cast<int>(TrickyDoubles().size())))];
      case 1: {
        uint64_t bits = Bits();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      }
      case 2:
        return static_cast<double>(static_cast<float>(Below(180000000) / 1e6 - 90));
      case 3:
        return std::round(std::uniform_real_distribution<double>(-1e6, 1e6)(rng_) * 1e5) / 1e5;
      case 4:
        return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng_), Below(2100) - 1075);
      default:
        return std::uniform_real_distribution<double>(-180, 180)(rng_);
    }
  }
  float RandomFloat() {
    if (Below(3) == 0) {
      uint32_t bits = static_cast<uint32_t>(Bits());
      float v;
      std::memcpy(&v, &bits, sizeof v);
      return v;
    }
    return static_cast<float>(RandomDouble());
  }
  std::string RandomString() {
    static const std::vector<std::string> pieces = [] {
      std::vector<std::string> p = TrickyStrings();
      for (const char* s : {"a", "Jen Psaki", " ", "said", "\"", "\\", "<", ">", "&", "\n",
                            "\xE2\x80\x99", "\xE2\x80\xA8", "\xC3\xA9", "\xF0\x9F\x98\x80",
                            "\xC2\x9F", "\x7F", "\xED\xA0\x80", "\xC3", "\x80"}) {
        p.push_back(s);
      }
      return p;
    }();
    std::string s;
    const int n = Below(6);
    for (int i = 0; i < n; ++i) {
      if (Chance(0.2)) {
        s.push_back(static_cast<char>(Below(256)));
      } else {
        const std::string& p = pieces[static_cast<size_t>(Below(static_cast<int>(pieces.size())))];
        s += p.substr(0, std::min<size_t>(p.size(), 40));
      }
    }
    return s;
  }
  int RandomEnum(const google::protobuf::EnumDescriptor* e) {
    if (Chance(0.15)) return RandomInt<int32_t>();
    return e->value(Below(e->value_count()))->number();
  }

  void Set(Message& m, const Reflection* r, const FieldDescriptor* f, int depth) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(&m, f, RandomInt<int32_t>());
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r->SetInt64(&m, f, RandomInt<int64_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->SetUInt32(&m, f, RandomInt<uint32_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->SetUInt64(&m, f, RandomInt<uint64_t>());
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->SetDouble(&m, f, RandomDouble());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->SetFloat(&m, f, RandomFloat());
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(&m, f, Chance(0.5));
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->SetEnumValue(&m, f, RandomEnum(f->enum_type()));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        r->SetString(&m, f, RandomString());
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        Fill(*r->MutableMessage(&m, f), depth + 1);
        break;
    }
  }
  void Add(Message& m, const Reflection* r, const FieldDescriptor* f, int depth) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        r->AddInt32(&m, f, RandomInt<int32_t>());
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r->AddInt64(&m, f, RandomInt<int64_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->AddUInt32(&m, f, RandomInt<uint32_t>());
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->AddUInt64(&m, f, RandomInt<uint64_t>());
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->AddDouble(&m, f, RandomDouble());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->AddFloat(&m, f, RandomFloat());
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->AddBool(&m, f, Chance(0.5));
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r->AddEnumValue(&m, f, RandomEnum(f->enum_type()));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        r->AddString(&m, f, RandomString());
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (depth < 3) Fill(*r->AddMessage(&m, f), depth + 1);
        break;
    }
  }

  std::mt19937_64 rng_;
};

TEST(JsonWriter, MatchesProtobufOnRandomMessagesOfEveryType) {
  QuietProtobufLog quiet;
  std::vector<const Descriptor*> types;
  for (const auto* file :
       {NormalizedArticle::descriptor()->file(), AllTypes::descriptor()->file()}) {
    for (int i = 0; i < file->message_type_count(); ++i) {
      if (file->message_type(i) != newsflow::test::WithTimestamp::descriptor()) {
        types.push_back(file->message_type(i));
      }
    }
  }
  ASSERT_EQ(types.size(), 14u);  // 12 newsflow messages, Leaf, AllTypes
  RandomFiller filler(20261204);
  int failures = 0;
  int checked = 0;
  for (int round = 0; round < 300 && failures < 5; ++round) {
    for (const Descriptor* d : types) {
      std::unique_ptr<Message> m(
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
      filler.Fill(*m, 0);
      if (!SameAsProtobuf(*m)) ++failures;
      ++checked;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(checked, 300 * 14);
}

}  // namespace
}  // namespace newsflow::pipeline
