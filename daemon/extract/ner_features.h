#pragma once
// Internals of the named-entity recognizer shared by the tagger (ner.cc) and the trainer
// (tools/ner): label set, token normalization, feature hashing and the model file format.
// Training and tagging must compute features with exactly this code, or the weights mean
// nothing. Everything here is stateless or a plain value type; thread safety is the caller's.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/extract/huge_pages.h"
#include "daemon/extract/result.h"

namespace newsflow::extract::ner {

// BILOU over PER, ORG, LOC, MISC (EntityType order): label 0 is O; type t has
// B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t.
inline constexpr int kNumTypes = 4;
inline constexpr int kNumLabels = 1 + 4 * kNumTypes;
enum Position : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline constexpr int Label(int type, int pos) { return 1 + 4 * type + pos; }
inline constexpr int TypeOf(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline constexpr int PosOf(int label) { return label == 0 ? -1 : (label - 1) % 4; }
// Whether `to` may follow `from` in a well-formed BILOU sequence.
bool TransitionAllowed(int from, int to);
bool StartAllowed(int label);
bool EndAllowed(int label);

// Feature slots: a token contributes features as the current token, and again as a neighbor at
// offsets -2, -1, +1, +2. kSentInit holds the extra features of a sentence-initial current token;
// kM2U..kP2U the extra neighbor features used when the current token is capitalized ("President"
// before a capitalized word), a conjunction that still depends on one neighbor type only.
enum Slot : int {
  kCur = 0,
  kSentInit = 1,
  kM2 = 2,
  kM1 = 3,
  kP1 = 4,
  kP2 = 5,
  kM2U = 6,
  kM1U = 7,
  kP1U = 8,
  kP2U = 9
};
inline constexpr int kNumSlots = 10;
inline constexpr Slot UpperVariant(Slot neighbor) { return static_cast<Slot>(neighbor + 4); }

uint64_t Hash(uint64_t kind, std::string_view bytes);

// Replaces typographic quotes, apostrophes and dashes by the ASCII forms used in the training
// data ("’s" → "'s", "—" → "--").
void NormalizeWord(std::string_view raw, std::string& out);
// Lowercase (ASCII and Latin-1 capitals) with digits folded to '0': the key of word identity,
// clusters and gazetteers.
void LowerKey(std::string_view normalized, std::string& out);

// Word-type knowledge stored in the model: distributional clusters at three granularities
// (coarse to fine, 0 = unknown), gazetteer bits (bit 4*type+position for names seen in the
// labelled data, and separately in the secondary name list), and how often the word is
// capitalized in running text.
struct LexInfo {
  std::array<uint16_t, 3> cluster{};
  uint32_t gaz_main = 0;
  uint32_t gaz_extra = 0;
  uint8_t case_bucket = 0;  // 0 = unseen; 1 = always lower ... 6 = always capitalized
};

// Lexicon access for the parts of hyphenated words ("Jae-in" → "jae", "in").
class LexLookup {
 public:
  virtual ~LexLookup() = default;
  virtual LexInfo Find(std::string_view lower) const = 0;
};

// Appends the hash of each feature of `normalized` (its LowerKey is `lower`) in `slot` to `out`.
void SlotFeatures(std::string_view normalized, std::string_view lower, const LexInfo& lex,
                  const LexLookup& lookup, Slot slot, std::vector<uint64_t>& out);
// The word shapes every slot's features use: per character class ("Xxxxx", "dd-dd"), capped at
// 12 characters, and with runs collapsed ("Xx").
struct WordShapes {
  std::string full, brief;
};
void ComputeShapes(std::string_view normalized, WordShapes& out);
// SlotFeatures with the shapes of `normalized` computed once for all of a word's slots (the
// tagger computes all ten per word type); the same features in the same order.
void SlotFeatures(std::string_view lower, const WordShapes& shapes, const LexInfo& lex,
                  const LexLookup& lookup, Slot slot, std::vector<uint64_t>& out);
// Word-pair features: (m2, m1), (m1, cur), (cur, p1), (p1, p2) over LowerKey hashes (kPadWord
// outside the sentence). They do not factor per word type, but one adjacent pair serves four
// tokens, so the tagger stores the four weight vectors of a pair together and looks each pair
// up once: a pair feature hash is a pair key (tagged with kPairTag in the top byte, which no
// other feature hash has) plus `which` in the low two bits.
inline constexpr int kNumPairs = 4;
inline constexpr uint64_t kPadWord = 0x5bd1e9955bd1e995ull;
inline constexpr uint64_t kPairTag = 0xA5;
inline constexpr uint64_t kPairKeyMask = 0x00FFFFFFFFFFFFFCull;
inline uint64_t PairFeature(int which, uint64_t a, uint64_t b) {
  uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return (h & kPairKeyMask) | (kPairTag << 56) | static_cast<uint64_t>(which);
}
inline bool IsPairFeature(uint64_t h) { return (h >> 56) == kPairTag; }
inline int PairWhich(uint64_t h) { return static_cast<int>(h & 3); }
// Key of the pair shared by its four features (well mixed in the low bits, for HashIndex).
inline uint64_t PairKey(uint64_t h) { return (h & kPairKeyMask) >> 2; }
// Features of the sentence padding seen from a slot (no token at that offset).
uint64_t PadFeature(Slot slot);
// Document history feature: the word was tagged earlier in the document with `type`
// (0..3), or only outside entities (4).
uint64_t HistoryFeature(int type_or_outside);
inline constexpr int kNumHistory = 5;
// The history feature for per-type counts of earlier tags (index kNumTypes = outside).
inline int MajorityHistory(const std::array<uint16_t, kNumHistory>& counts) {
  int best = kNumTypes;
  for (int t = 0; t < kNumTypes; ++t) {
    if (counts[t] > 0 && (best == kNumTypes || counts[t] > counts[best])) best = t;
  }
  return best;
}

// Whether the token starts with an uppercase letter (ASCII or Latin-1).
bool StartsUpper(std::string_view normalized);
// "Mr.", "Mrs", "Dr." ...: courtesy titles, which are not part of a person's name.
bool IsHonorific(std::string_view normalized);
// Punctuation-only token (first byte neither ASCII alphanumeric nor part of a non-ASCII letter).
bool IsPunctWord(std::string_view normalized);
// Sentence-initial for features: the first token, or the second after leading punctuation
// (an opening quote or a dash).
inline bool IsSentenceInitial(size_t i, bool first_is_punct) {
  return i == 0 || (i == 1 && first_is_punct);
}
// Hash of a LowerKey, for the lexicon and the document history.
inline constexpr uint64_t kLexKind = 7;

// First-order Viterbi. emissions: n * kNumLabels; trans: kNumLabels^2 [from][to]; start:
// kNumLabels. Writes n labels. delta/back are scratch and grow as needed. Precondition: trans
// is kForbidden exactly where !TransitionAllowed and start where !StartAllowed (the tagger and
// the trainer both set them so), and the finite scores are far smaller than 1e30: only allowed
// transitions are scored, which then gives the labels of the full search.
void Viterbi(const float* emissions, size_t n, const float* trans, const float* start,
             std::vector<float>& delta, std::vector<uint8_t>& back, uint8_t* labels);
inline constexpr float kForbidden = -1e30f;

// ---- Model file -----------------------------------------------------------------------------
// Layout (little-endian): "NFNERMDL", u32 format version, u32 length + model version string,
// u64 payload length, payload, u64 FNV-1a checksum of the payload. The payload holds the
// transition and start scores, the feature table (64-bit hashes + int16 weights with one scale),
// the lexicon and the vocabulary of surface forms to precompute at load.
inline constexpr char kMagic[8] = {'N', 'F', 'N', 'E', 'R', 'M', 'D', 'L'};
inline constexpr uint32_t kFormatVersion = 2;

struct LexEntry {
  std::string key;  // LowerKey form
  LexInfo info;
};

struct ModelData {
  std::string version;
  std::array<float, kNumLabels * kNumLabels> transitions{};  // [from * kNumLabels + to]
  std::array<float, kNumLabels> start{};
  std::vector<uint64_t> feature_hashes;
  std::vector<float> weights;  // feature_hashes.size() * kNumLabels
  std::vector<LexEntry> lexicon;
  std::vector<std::string> vocabulary;  // normalized surface forms
};

// Serializes with int16 quantization of the feature weights.
std::string SerializeModel(const ModelData& model);
Result<ModelData> ParseModel(std::string_view bytes);

// Open-addressing map from a 64-bit hash to a 32-bit value (linear probing, load <= 1/2).
// Lifecycle: filled once at model load, then only read; concurrent Find() calls are safe,
// Insert() needs exclusive access. Owns its slots (in huge pages when large: read at random).
class HashIndex {
 public:
  void Reserve(size_t n);
  // Returns false if the key was already present (the value is kept).
  bool Insert(uint64_t key, uint32_t value);
  // kMissing when absent.
  uint32_t Find(uint64_t key) const {
    if (mask_ == 0) return kMissing;
    key = key ? key : 1;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return kMissing;
    }
  }
  // Starts loading the slot `key` hashes to: the tagger asks for every key of a sentence
  // before it reads any, so the cache misses overlap instead of queueing.
  void Prefetch(uint64_t key) const {
    if (mask_ != 0) __builtin_prefetch(&slots_[(key ? key : 1) & mask_]);
  }
  static constexpr uint32_t kMissing = 0xFFFFFFFFu;
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace newsflow::extract::ner
