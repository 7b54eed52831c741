#include "daemon/extract/ner_features.h"

#include <cmath>
#include <cstring>

#include "daemon/extract/utf8.h"

namespace newsflow::extract::ner {

bool TransitionAllowed(int from, int to) {
  int fp = PosOf(from), tp = PosOf(to);
  bool from_inside = fp == kB || fp == kI;  // an entity is open and must continue
  bool to_continues = tp == kI || tp == kL;
  if (from_inside) return to_continues && TypeOf(from) == TypeOf(to);
  return !to_continues;
}
bool StartAllowed(int label) { return PosOf(label) != kI && PosOf(label) != kL; }
bool EndAllowed(int label) { return PosOf(label) != kB && PosOf(label) != kI; }

uint64_t Hash(uint64_t kind, std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull ^ ((kind + 1) * 0x9E3779B97F4A7C15ull);
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  // splitmix64 finalizer: FNV alone leaves the low bits (the table index) poorly mixed.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  if ((h >> 56) == kPairTag) h ^= 1ull << 56;  // the pair-feature tag is reserved
  return h;
}

void NormalizeWord(std::string_view raw, std::string& out) {
  out.clear();
  for (size_t i = 0; i < raw.size();) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = DecodeUtf8(raw, j);
    switch (cp) {
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x201B:
      case 0x02BC:
        out.push_back('\'');
        break;
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x00AB:
      case 0x00BB:
        out.push_back('"');
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
        out.push_back('-');
        break;
      case 0x2014:
      case 0x2015:
        out.append("--");
        break;
      case 0x2026:
        out.append("...");
        break;
      default:
        out.append(raw.substr(i, j - i));
    }
    i = j;
  }
}

void LowerKey(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
    } else if (c >= '0' && c <= '9') {
      out.push_back('0');
    } else if (c == 0xC3 && i + 1 < s.size()) {
      // Latin-1 capitals U+00C0..U+00DE (except ×) are C3 80..9E; lowercase is +0x20.
      auto d = static_cast<unsigned char>(s[i + 1]);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && s.size() > 1) {
    auto d = static_cast<unsigned char>(s[1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

bool IsHonorific(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s == "Mr" || s == "Mrs" || s == "Ms" || s == "Dr" || s == "Prof" || s == "Mme" ||
         s == "Mlle" || s == "Messrs";
}

bool IsPunctWord(std::string_view s) {
  if (s.empty()) return true;
  auto c = static_cast<unsigned char>(s[0]);
  bool alnum = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  alnum = alnum || (c >= '0' && c <= '9') || c >= 0xC0;
  return !alnum;
}

namespace {

// The labels that may precede O, B_t and U_t: O and every L and U (TransitionAllowed), in
// increasing order. I_t and L_t may only follow B_t and I_t.
constexpr std::array<int, 9> kAfterOutside = {0,
                                              Label(0, kL),
                                              Label(0, kU),
                                              Label(1, kL),
                                              Label(1, kU),
                                              Label(2, kL),
                                              Label(2, kU),
                                              Label(3, kL),
                                              Label(3, kU)};
// The labels those may precede: O, B_t, U_t. Each gets one lane below.
constexpr std::array<int, 9> kOutsideTargets = {0,
                                                Label(0, kB),
                                                Label(0, kU),
                                                Label(1, kB),
                                                Label(1, kU),
                                                Label(2, kB),
                                                Label(2, kU),
                                                Label(3, kB),
                                                Label(3, kU)};
// I_t and L_t: their candidates are B_t and I_t only.
constexpr std::array<int, 2 * kNumTypes> kInsideTargets = {Label(0, kI), Label(0, kL), Label(1, kI),
                                                           Label(1, kL), Label(2, kI), Label(2, kL),
                                                           Label(3, kI), Label(3, kL)};

// Four lanes (GCC/Clang vector extensions: SSE on x86-64, NEON on ARM, plain code elsewhere).
// Lane-wise + and > are the scalar IEEE operations, so the results do not depend on the width.
typedef float F4 __attribute__((vector_size(16)));
typedef int32_t I4 __attribute__((vector_size(16)));
constexpr int kOutsideVecs = 3;  // 9 targets in 12 lanes
constexpr int kInsideVecs = 2;   // 8 targets

}  // namespace

void Viterbi(const float* em, size_t n, const float* trans, const float* start,
             std::vector<float>& delta, std::vector<uint8_t>& back, uint8_t* labels) {
  if (n == 0) return;
  constexpr int L = kNumLabels;
  if (delta.size() < n * L) delta.resize(n * L);
  if (back.size() < n * L) back.resize(n * L);
  for (int l = 0; l < L; ++l) delta[l] = start[l] + em[l];
  // Only allowed transitions are scored. A forbidden one adds kForbidden, which no finite
  // score survives (-1e30 + x rounds to -1e30), and every label has a predecessor with a
  // finite score (O follows O; B_t follows O, I_t and L_t follow B_t), so the forbidden
  // candidates never won a comparison nor tied: the maxima and back pointers are those of the
  // full 17 * 17 search (ner_test.cc compares the two).
  //
  // Each step updates all targets of one candidate together, one lane per target: the same
  // additions and comparisons, in the same order, as target by target. The allowed transition
  // scores are gathered into lanes once per call: out[k] holds kAfterOutside[k] →
  // kOutsideTargets (the padding lanes score 0 and are never read); in_b / in_i hold B_t / I_t →
  // kInsideTargets.
  F4 out[kAfterOutside.size()][kOutsideVecs];
  for (size_t k = 0; k < kAfterOutside.size(); ++k) {
    for (int j = 0; j < 4 * kOutsideVecs; ++j) {
      out[k][j / 4][j % 4] = j < static_cast<int>(kOutsideTargets.size())
                                 ? trans[kAfterOutside[k] * L + kOutsideTargets[j]]
                                 : 0.f;
    }
  }
  F4 in_b[kInsideVecs], in_i[kInsideVecs];
  I4 arg_b[kInsideVecs], arg_i[kInsideVecs];
  for (int j = 0; j < 4 * kInsideVecs; ++j) {
    const int b = Label(j / 2, kB), in = Label(j / 2, kI);
    in_b[j / 4][j % 4] = trans[b * L + kInsideTargets[j]];
    in_i[j / 4][j % 4] = trans[in * L + kInsideTargets[j]];
    arg_b[j / 4][j % 4] = b;
    arg_i[j / 4][j % 4] = in;
  }
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &delta[(i - 1) * L];
    float* cur = &delta[i * L];
    uint8_t* bp = &back[i * L];
    const float* e = em + i * L;
    // Candidates in increasing `from` with a strict >, as in the full search: ties go to the
    // smallest `from`.
    F4 best[kOutsideVecs];
    I4 arg[kOutsideVecs];
    for (int v = 0; v < kOutsideVecs; ++v) {
      best[v] = prev[0] + out[0][v];
      arg[v] = I4{} + 0;
    }
    for (size_t k = 1; k < kAfterOutside.size(); ++k) {
      const float p = prev[kAfterOutside[k]];
      const I4 from = I4{} + kAfterOutside[k];
      for (int v = 0; v < kOutsideVecs; ++v) {
        const F4 score = p + out[k][v];
        const I4 gt = score > best[v];
        arg[v] = gt ? from : arg[v];
        best[v] = gt ? score : best[v];
      }
    }
    for (size_t j = 0; j < kOutsideTargets.size(); ++j) {
      const int to = kOutsideTargets[j];
      cur[to] = best[j / 4][j % 4] + e[to];
      bp[to] = static_cast<uint8_t>(arg[j / 4][j % 4]);
    }
    for (int v = 0; v < kInsideVecs; ++v) {
      // Lanes 2t and 2t + 1 are I_t and L_t, both with candidates B_t and I_t.
      const int t0 = 2 * v, t1 = 2 * v + 1;
      const F4 pb = {prev[Label(t0, kB)], prev[Label(t0, kB)], prev[Label(t1, kB)],
                     prev[Label(t1, kB)]};
      const F4 pi = {prev[Label(t0, kI)], prev[Label(t0, kI)], prev[Label(t1, kI)],
                     prev[Label(t1, kI)]};
      const F4 vb = pb + in_b[v], vi = pi + in_i[v];
      const I4 gt = vi > vb;
      const F4 best_in = gt ? vi : vb;
      const I4 arg_in = gt ? arg_i[v] : arg_b[v];
      for (int lane = 0; lane < 4; ++lane) {
        const int to = kInsideTargets[4 * v + lane];
        cur[to] = best_in[lane] + e[to];
        bp[to] = static_cast<uint8_t>(arg_in[lane]);
      }
    }
  }
  const float* last = &delta[(n - 1) * L];
  int arg = 0;
  float best = kForbidden * 2;
  for (int l = 0; l < L; ++l) {
    if (EndAllowed(l) && last[l] > best) {
      best = last[l];
      arg = l;
    }
  }
  for (size_t i = n; i-- > 0;) {
    labels[i] = static_cast<uint8_t>(arg);
    if (i > 0) arg = back[i * L + arg];
  }
}

namespace {

enum Kind : uint64_t {
  kBias = 1,
  kWord,
  kShape,
  kShortShape,
  kPrefix,  // + length (1..4)
  kSuffix = kPrefix + 8,
  kCluster = kSuffix + 8,  // + level
  kGazMain = kCluster + 4,
  kGazMainSet,
  kGazExtra,
  kGazExtraSet,
  kCase,
  kCaseShape,
  kLength,
  kSiBias,
  kSiShape,
  kSiCase,
  kSiWord,
  kNeighbor = 100,  // + 20 * slot + feature
  kNeighborUpper = 500,
  kPad = 300,
  kHyphen = 320,
  kHistory = 400,
};

// "Xxxxx" / "XX" / "dd-dd": per character class, full (capped) and with runs collapsed.
void Shapes(std::string_view s, std::string& full, std::string& brief) {
  full.clear();
  brief.clear();
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char k;
    if (c >= 'A' && c <= 'Z') {
      k = 'X';
    } else if (c >= 'a' && c <= 'z') {
      k = 'x';
    } else if (c >= '0' && c <= '9') {
      k = 'd';
    } else if (c >= 0x80) {
      size_t j = i;
      char32_t cp = DecodeUtf8(s, j);
      k = (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ? 'X' : 'x';
      i = j;
      if (full.size() < 12) full.push_back(k);
      if (brief.empty() || brief.back() != k) brief.push_back(k);
      continue;
    } else {
      k = static_cast<char>(c);
    }
    ++i;
    if (full.size() < 12) full.push_back(k);
    if (brief.empty() || brief.back() != k) brief.push_back(k);
  }
}

uint64_t Num(uint64_t kind, uint64_t v) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  return Hash(kind, std::string_view(buf, 8));
}

}  // namespace

void ComputeShapes(std::string_view normalized, WordShapes& out) {
  Shapes(normalized, out.full, out.brief);
}

void SlotFeatures(std::string_view norm, std::string_view lower, const LexInfo& lex,
                  const LexLookup& lookup, Slot slot, std::vector<uint64_t>& out) {
  WordShapes shapes;
  ComputeShapes(norm, shapes);
  SlotFeatures(lower, shapes, lex, lookup, slot, out);
}

void SlotFeatures(std::string_view lower, const WordShapes& shapes, const LexInfo& lex,
                  const LexLookup& lookup, Slot slot, std::vector<uint64_t>& out) {
  const std::string_view full = shapes.full, brief = shapes.brief;
  if (slot == kCur) {
    out.push_back(Num(kBias, 0));
    out.push_back(Hash(kWord, lower));
    out.push_back(Hash(kShape, full));
    out.push_back(Hash(kShortShape, brief));
    for (size_t k = 1; k <= 4 && k < lower.size(); ++k) {
      out.push_back(Hash(kPrefix + k, lower.substr(0, k)));
      out.push_back(Hash(kSuffix + k, lower.substr(lower.size() - k)));
    }
    for (int l = 0; l < 3; ++l) out.push_back(Num(kCluster + l, lex.cluster[l]));
    for (int b = 0; b < 32; ++b) {
      if (lex.gaz_main >> b & 1) out.push_back(Num(kGazMain, b));
      if (lex.gaz_extra >> b & 1) out.push_back(Num(kGazExtra, b));
    }
    // Only presence: an "absent from the name lists" feature would learn that unseen names are
    // not names, since the training names are mostly in the (jackknifed) lists.
    if (lex.gaz_main) out.push_back(Num(kGazMainSet, lex.gaz_main));
    if (lex.gaz_extra) out.push_back(Num(kGazExtraSet, lex.gaz_extra));
    out.push_back(Num(kCase, lex.case_bucket));
    out.push_back(Hash(kCaseShape + 1000ull * lex.case_bucket, brief));
    out.push_back(Num(kLength, lower.size() > 12 ? 12 : lower.size()));
    // Hyphenated words: what the first and last parts are on their own separates
    // "Toronto-based" (a place + a participle) from "Jae-in" (unknown name syllables).
    size_t first = lower.find('-'), last = lower.rfind('-');
    if (first != std::string_view::npos && first > 0 && last + 1 < lower.size()) {
      std::string_view parts[2] = {lower.substr(0, first), lower.substr(last + 1)};
      for (int p = 0; p < 2; ++p) {
        LexInfo info = lookup.Find(parts[p]);
        const uint64_t base = kHyphen + 10ull * p;
        out.push_back(Hash(base, parts[p]));
        out.push_back(Num(base + 1, info.cluster[1]));
        out.push_back(Num(base + 2, info.gaz_main));
        out.push_back(Num(base + 3, info.gaz_extra));
        out.push_back(Num(base + 4, info.case_bucket));
        out.push_back(Num(base + 5, parts[p].size() > 6 ? 6 : parts[p].size()));
      }
    }
    return;
  }
  if (slot == kSentInit) {
    out.push_back(Num(kSiBias, 0));
    out.push_back(Hash(kSiShape, brief));
    out.push_back(Num(kSiCase, lex.case_bucket));
    out.push_back(Hash(kSiWord, lower));
    return;
  }
  if (slot >= kM2U) {
    const uint64_t base = kNeighborUpper + 20ull * slot;
    out.push_back(Hash(base + 0, lower));
    out.push_back(Num(base + 1, lex.cluster[1]));
    out.push_back(Hash(base + 2, brief));
    return;
  }
  const uint64_t base = kNeighbor + 20ull * slot;
  out.push_back(Hash(base + 0, lower));
  out.push_back(Hash(base + 1, brief));
  out.push_back(Num(base + 2, lex.cluster[1]));
  if (slot == kM1 || slot == kP1) {
    out.push_back(Num(base + 3, lex.cluster[0]));
    out.push_back(Num(base + 4, lex.cluster[2]));
    for (int b = 0; b < 32; ++b) {
      if (lex.gaz_main >> b & 1) out.push_back(Num(base + 5, b));
      if (lex.gaz_extra >> b & 1) out.push_back(Num(base + 6, b));
    }
    out.push_back(Num(base + 7, lex.case_bucket));
    if (lower.size() > 3) out.push_back(Hash(base + 8, lower.substr(lower.size() - 3)));
  }
}

uint64_t PadFeature(Slot slot) { return Num(kPad, slot); }
uint64_t HistoryFeature(int t) { return Num(kHistory, static_cast<uint64_t>(t)); }

// ---- Model file -----------------------------------------------------------------------------

namespace {

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

template <typename T>
void Put(std::string& out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}
void PutString(std::string& out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

// Bounds-checked reader: any overrun sets failed and returns zeros.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  template <typename T>
  T Get() {
    T v{};
    if (s_.size() - pos_ < sizeof(T)) {
      failed_ = true;
      pos_ = s_.size();
      return v;
    }
    std::memcpy(&v, s_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view Bytes(size_t n) {
    if (s_.size() - pos_ < n) {
      failed_ = true;
      pos_ = s_.size();
      return {};
    }
    std::string_view v = s_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string_view String() { return Bytes(Get<uint32_t>()); }
  bool failed() const { return failed_; }
  size_t remaining() const { return s_.size() - pos_; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace

std::string SerializeModel(const ModelData& m) {
  std::string payload;
  Put<uint32_t>(payload, kNumLabels);
  for (float v : m.transitions) Put<float>(payload, v);
  for (float v : m.start) Put<float>(payload, v);
  const auto nf = static_cast<uint32_t>(m.feature_hashes.size());
  Put<uint32_t>(payload, nf);
  for (uint64_t h : m.feature_hashes) Put<uint64_t>(payload, h);
  float max_abs = 0;
  for (float w : m.weights) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  Put<float>(payload, scale);
  for (float w : m.weights) Put<int16_t>(payload, static_cast<int16_t>(std::lround(w / scale)));
  Put<uint32_t>(payload, static_cast<uint32_t>(m.lexicon.size()));
  for (const LexEntry& e : m.lexicon) {
    PutString(payload, e.key);
    for (uint16_t c : e.info.cluster) Put<uint16_t>(payload, c);
    Put<uint32_t>(payload, e.info.gaz_main);
    Put<uint32_t>(payload, e.info.gaz_extra);
    Put<uint8_t>(payload, e.info.case_bucket);
  }
  Put<uint32_t>(payload, static_cast<uint32_t>(m.vocabulary.size()));
  for (const std::string& w : m.vocabulary) PutString(payload, w);

  std::string out(kMagic, sizeof(kMagic));
  Put<uint32_t>(out, kFormatVersion);
  PutString(out, m.version);
  Put<uint64_t>(out, payload.size());
  out += payload;
  Put<uint64_t>(out, Fnv1a(payload));
  return out;
}

Result<ModelData> ParseModel(std::string_view bytes) {
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Error{"not a newsflow NER model (bad magic)"};
  }
  Reader head(bytes.substr(sizeof(kMagic)));
  const auto format = head.Get<uint32_t>();
  if (head.failed()) return Error{"NER model truncated in header"};
  if (format != kFormatVersion) {
    return Error{"NER model format version " + std::to_string(format) + ", this build reads " +
                 std::to_string(kFormatVersion)};
  }
  ModelData m;
  m.version = std::string(head.String());
  const auto payload_size = head.Get<uint64_t>();
  if (head.failed() || head.remaining() < payload_size ||
      head.remaining() - payload_size != sizeof(uint64_t)) {
    return Error{"NER model truncated or has trailing bytes"};
  }
  std::string_view payload = head.Bytes(payload_size);
  const auto checksum = head.Get<uint64_t>();
  if (checksum != Fnv1a(payload)) return Error{"NER model checksum mismatch (corrupt file)"};

  Reader r(payload);
  if (r.Get<uint32_t>() != kNumLabels) return Error{"NER model has a different label set"};
  for (float& v : m.transitions) v = r.Get<float>();
  for (float& v : m.start) v = r.Get<float>();
  const auto nf = r.Get<uint32_t>();
  if (r.failed() || r.remaining() / (sizeof(uint64_t) + kNumLabels * sizeof(int16_t)) < nf) {
    return Error{"NER model feature table truncated"};
  }
  m.feature_hashes.resize(nf);
  for (uint64_t& h : m.feature_hashes) h = r.Get<uint64_t>();
  const auto scale = r.Get<float>();
  m.weights.resize(static_cast<size_t>(nf) * kNumLabels);
  for (float& w : m.weights) w = static_cast<float>(r.Get<int16_t>()) * scale;
  const auto nl = r.Get<uint32_t>();
  if (r.failed() || r.remaining() / 19 < nl) return Error{"NER model lexicon truncated"};
  m.lexicon.resize(nl);
  for (LexEntry& e : m.lexicon) {
    e.key = std::string(r.String());
    for (uint16_t& c : e.info.cluster) c = r.Get<uint16_t>();
    e.info.gaz_main = r.Get<uint32_t>();
    e.info.gaz_extra = r.Get<uint32_t>();
    e.info.case_bucket = r.Get<uint8_t>();
  }
  const auto nv = r.Get<uint32_t>();
  if (r.failed() || r.remaining() / 4 < nv) return Error{"NER model vocabulary truncated"};
  m.vocabulary.resize(nv);
  for (std::string& w : m.vocabulary) w = std::string(r.String());
  if (r.failed() || r.remaining() != 0) return Error{"NER model payload is malformed"};
  return m;
}

void HashIndex::Reserve(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  size_ = 0;
}

bool HashIndex::Insert(uint64_t key, uint32_t value) {
  if (mask_ == 0 || 2 * (size_ + 1) > slots_.size()) {
    auto old = std::move(slots_);
    Reserve(std::max<size_t>(size_ + 1, old.size()));
    for (const Slot& s : old) {
      if (s.key) Insert(s.key, s.value);
    }
  }
  key = key ? key : 1;
  for (size_t i = key & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.key == key) return false;
    if (s.key == 0) {
      s.key = key;
      s.value = value;
      ++size_;
      return true;
    }
  }
}

}  // namespace newsflow::extract::ner
