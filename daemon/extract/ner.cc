#include "daemon/extract/ner.h"

#include <array>
#include <deque>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "daemon/extract/huge_pages.h"
#include "daemon/extract/ner_features.h"

namespace newsflow::extract {

using ner::kNumLabels;
using ner::kNumSlots;

namespace {

// Precomputed scores of one word type, by slot.
struct TypeScores {
  std::array<float, kNumSlots * kNumLabels> v;
  uint64_t lower_hash = 0;  // LowerKey hash, for the document history
  bool upper = false;
  bool punct = false;
  bool honorific = false;  // "Mr." and the like: never the first token of a person span
  const float* slot(int s) const { return v.data() + s * kNumLabels; }
};

// Document history: per capitalized word (its LowerKey hash), how often each type was tagged
// so far in the document. Open addressing in memory kept across documents: a node-based map
// allocated a node per word per article. Clear() costs the entries used, not the capacity.
class HistoryCounts {
 public:
  using Counts = std::array<uint16_t, ner::kNumHistory>;
  // nullptr when `key` has no counts yet.
  const Counts* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Start(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.counts;
    }
  }
  // The counts of `key`, zero when new.
  Counts& Get(uint64_t key) {
    if (2 * (used_.size() + 1) > slots_.size()) Grow();
    for (size_t i = Start(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.used && s.key == key) return s.counts;
      if (!s.used) {
        s = Slot{key, true, {}};
        used_.push_back(static_cast<uint32_t>(i));
        return s.counts;
      }
    }
  }
  void Clear() {
    for (uint32_t i : used_) slots_[i].used = false;
    used_.clear();
  }

 private:
  struct Slot {
    uint64_t key = 0;
    bool used = false;
    Counts counts{};
  };
  // The keys are hashes already; the high bits pick the slot (the low ones are as good).
  size_t Start(uint64_t key) const { return static_cast<size_t>(key >> 7) & mask_; }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    mask_ = slots_.size() - 1;
    used_.clear();
    for (const Slot& o : old) {
      if (o.used) Get(o.key) = o.counts;
    }
  }
  std::vector<Slot> slots_;     // power of two, at most half full
  std::vector<uint32_t> used_;  // indices of the used slots
  size_t mask_ = 0;
};

// Per-thread working memory for Tag(); reused across calls so that tagging allocates only while
// it grows.
struct Scratch {
  std::vector<const TypeScores*> types;
  std::vector<float> emissions;
  std::vector<float> delta;
  std::vector<uint8_t> back;
  std::vector<uint8_t> labels;
  std::unordered_map<uint64_t, uint32_t> unknown_index;  // surface hash → unknown slot
  std::deque<TypeScores> unknown;  // deque: pointers stay valid while it grows
  HistoryCounts history;
  std::string normalized;
  std::string lower;
  ner::WordShapes shapes;
  std::vector<uint64_t> features;
  std::vector<uint64_t> keys;  // per sentence: token hashes, then word-pair keys, then entries
};

}  // namespace

struct NerModel::Impl : ner::LexLookup {
  std::string version;
  std::array<float, kNumLabels * kNumLabels> trans{};
  std::array<float, kNumLabels> start{};
  // The tables are read at random per token: huge pages spare most of the TLB misses.
  template <typename T>
  using Table = std::vector<T, HugePageAllocator<T>>;
  ner::HashIndex feature_index;
  Table<float> weights;
  ner::HashIndex pair_index;  // PairKey → entry
  Table<float> pair_weights;  // per entry: kNumPairs vectors of kNumLabels
  ner::HashIndex lex_index;
  Table<ner::LexInfo> lex;
  ner::HashIndex type_index;  // hash of the normalized surface form → types
  Table<TypeScores> types;
  std::array<std::array<float, kNumLabels>, kNumSlots> pad{};
  std::array<std::array<float, kNumLabels>, ner::kNumHistory> history{};

  void AddFeature(uint64_t h, float* acc) const {
    uint32_t f = feature_index.Find(h);
    if (f == ner::HashIndex::kMissing) return;
    const float* w = &weights[static_cast<size_t>(f) * kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) acc[l] += w[l];
  }

  ner::LexInfo Find(std::string_view lower) const override {
    uint32_t li = lex_index.Find(ner::Hash(ner::kLexKind, lower));
    return li == ner::HashIndex::kMissing ? ner::LexInfo{} : lex[li];
  }

  // `lower`, `shapes` and `feats` (feature hashes, then their weight rows) are scratch.
  void Compute(std::string_view normalized, TypeScores& out, std::string& lower,
               ner::WordShapes& shapes, std::vector<uint64_t>& feats) const {
    ner::LowerKey(normalized, lower);
    const ner::LexInfo info = Find(lower);
    ner::ComputeShapes(normalized, shapes);
    // A word has about 150 features, each a cache miss in the feature index and another in the
    // weights: all are hashed first, their index slots prefetched, then found (prefetching the
    // weights), then added, slot by slot in feature order as before.
    feats.clear();
    std::array<size_t, kNumSlots + 1> begin{};
    for (int s = 0; s < kNumSlots; ++s) {
      begin[s] = feats.size();
      ner::SlotFeatures(lower, shapes, info, *this, static_cast<ner::Slot>(s), feats);
    }
    begin[kNumSlots] = feats.size();
    for (uint64_t h : feats) feature_index.Prefetch(h);
    for (uint64_t& h : feats) {
      h = feature_index.Find(h);
      if (h == ner::HashIndex::kMissing) continue;
      const float* w = &weights[h * kNumLabels];
      __builtin_prefetch(w);
      __builtin_prefetch(w + kNumLabels - 1);
    }
    out.v.fill(0);
    for (int s = 0; s < kNumSlots; ++s) {
      float* acc = out.v.data() + s * kNumLabels;
      for (size_t k = begin[s]; k < begin[s + 1]; ++k) {
        if (feats[k] == ner::HashIndex::kMissing) continue;
        const float* w = &weights[feats[k] * kNumLabels];
        for (int l = 0; l < kNumLabels; ++l) acc[l] += w[l];
      }
    }
    // The sentence-initial vector replaces the current one, so it includes it.
    for (int l = 0; l < kNumLabels; ++l) {
      out.v[ner::kSentInit * kNumLabels + l] += out.v[ner::kCur * kNumLabels + l];
    }
    for (int s = ner::kM2; s <= ner::kP2; ++s) {  // likewise the capitalized-token variants
      float* up = out.v.data() + ner::UpperVariant(static_cast<ner::Slot>(s)) * kNumLabels;
      for (int l = 0; l < kNumLabels; ++l) up[l] += out.v[s * kNumLabels + l];
    }
    out.lower_hash = ner::Hash(ner::kLexKind, lower);
    out.upper = ner::StartsUpper(normalized);
    out.punct = ner::IsPunctWord(normalized);
    out.honorific = ner::IsHonorific(normalized);
  }

  // `h` is ner::Hash(0, raw).
  const TypeScores& Resolve(std::string_view raw, uint64_t h, Scratch& s) const {
    uint32_t t = type_index.Find(h);
    if (t != ner::HashIndex::kMissing) return types[t];
    auto it = s.unknown_index.find(h);
    if (it != s.unknown_index.end()) return s.unknown[it->second];
    ner::NormalizeWord(raw, s.normalized);
    if (s.normalized != raw) {
      t = type_index.Find(ner::Hash(0, s.normalized));
      if (t != ner::HashIndex::kMissing) return types[t];
    }
    // Unknown word: computed once per document.
    s.unknown.emplace_back();
    Compute(s.normalized, s.unknown.back(), s.lower, s.shapes, s.features);
    s.unknown_index.emplace(h, static_cast<uint32_t>(s.unknown.size() - 1));
    return s.unknown.back();
  }
};

Result<NerModel> NerModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot open NER model file " + path};
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) return Error{"cannot read NER model file " + path};
  auto model = FromBytes(buf.str());
  if (!model.ok()) return Error{path + ": " + model.error()};
  return model;
}

Result<NerModel> NerModel::FromBytes(std::string_view bytes) {
  auto parsed = ner::ParseModel(bytes);
  if (!parsed.ok()) return Error{parsed.error()};
  ner::ModelData& m = parsed.value();
  auto impl = std::make_unique<Impl>();
  impl->version = m.version;
  for (int from = 0; from < kNumLabels; ++from) {
    for (int to = 0; to < kNumLabels; ++to) {
      impl->trans[from * kNumLabels + to] = ner::TransitionAllowed(from, to)
                                                ? m.transitions[from * kNumLabels + to]
                                                : ner::kForbidden;
    }
    impl->start[from] = ner::StartAllowed(from) ? m.start[from] : ner::kForbidden;
  }
  impl->feature_index.Reserve(m.feature_hashes.size());
  constexpr size_t kPairStride = ner::kNumPairs * kNumLabels;
  for (size_t i = 0; i < m.feature_hashes.size(); ++i) {
    const uint64_t h = m.feature_hashes[i];
    const float* w = &m.weights[i * kNumLabels];
    if (!ner::IsPairFeature(h)) {
      if (impl->feature_index.Insert(h, static_cast<uint32_t>(impl->weights.size() / kNumLabels))) {
        impl->weights.insert(impl->weights.end(), w, w + kNumLabels);
      }
      continue;
    }
    auto entry = static_cast<uint32_t>(impl->pair_weights.size() / kPairStride);
    if (!impl->pair_index.Insert(ner::PairKey(h), entry)) {
      entry = impl->pair_index.Find(ner::PairKey(h));
    } else {
      impl->pair_weights.resize(impl->pair_weights.size() + kPairStride, 0.f);
    }
    std::copy(w, w + kNumLabels,
              &impl->pair_weights[entry * kPairStride + ner::PairWhich(h) * kNumLabels]);
  }
  impl->weights.shrink_to_fit();
  impl->lex_index.Reserve(m.lexicon.size());
  impl->lex.reserve(m.lexicon.size());
  for (const ner::LexEntry& e : m.lexicon) {
    if (impl->lex_index.Insert(ner::Hash(ner::kLexKind, e.key),
                               static_cast<uint32_t>(impl->lex.size()))) {
      impl->lex.push_back(e.info);
    }
  }
  for (int s = ner::kM2; s <= ner::kP2; ++s) {
    const int up = ner::UpperVariant(static_cast<ner::Slot>(s));
    impl->pad[s].fill(0);
    impl->AddFeature(ner::PadFeature(static_cast<ner::Slot>(s)), impl->pad[s].data());
    impl->pad[up] = impl->pad[s];
    impl->AddFeature(ner::PadFeature(static_cast<ner::Slot>(up)), impl->pad[up].data());
  }
  for (int k = 0; k < ner::kNumHistory; ++k) {
    impl->history[k].fill(0);
    impl->AddFeature(ner::HistoryFeature(k), impl->history[k].data());
  }
  impl->type_index.Reserve(m.vocabulary.size());
  impl->types.resize(m.vocabulary.size());
  std::string lower;
  ner::WordShapes shapes;
  std::vector<uint64_t> feats;
  size_t n = 0;
  for (const std::string& w : m.vocabulary) {
    if (!impl->type_index.Insert(ner::Hash(0, w), static_cast<uint32_t>(n))) continue;
    impl->Compute(w, impl->types[n], lower, shapes, feats);
    ++n;
  }
  impl->types.resize(n);
  return NerModel(std::move(impl));
}

void NerModel::Tag(std::string_view text, const TokenizedText& tt, EntitySpans& out,
                   const Budget* budget) const {
  out.clear();
  thread_local Scratch s;
  s.unknown.clear();
  s.unknown_index.clear();
  s.history.Clear();
  const Impl& m = *impl_;
  constexpr int L = kNumLabels;
  for (const Sentence& sent : tt.sentences) {
    if (budget != nullptr && budget->Spent()) break;
    // A tokenization that does not belong to `text` is a caller bug; skip rather than read out
    // of bounds or throw on the hot path.
    if (sent.end_token <= sent.first_token || sent.end_token > tt.tokens.size()) continue;
    const size_t n = sent.end_token - sent.first_token;
    s.types.resize(n);
    s.keys.resize(n);
    auto surface = [&](size_t i) {
      const Token& tok = tt.tokens[sent.first_token + i];
      const bool valid = tok.begin <= tok.end && tok.end <= text.size();
      return valid ? text.substr(tok.begin, tok.end - tok.begin) : std::string_view();
    };
    for (size_t i = 0; i < n; ++i) {
      s.keys[i] = ner::Hash(0, surface(i));
      m.type_index.Prefetch(s.keys[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      s.types[i] = &m.Resolve(surface(i), s.keys[i], s);
      // The emission loop reads five of its ten slot vectors, and a rare word's are not in
      // cache: start loading them all now, so that the misses overlap.
      const auto* bytes = reinterpret_cast<const char*>(s.types[i]);
      for (size_t off = 0; off < sizeof(TypeScores); off += 64) __builtin_prefetch(bytes + off);
    }
    s.emissions.resize(n * L);
    const bool first_punct = s.types[0]->punct;
    for (size_t i = 0; i < n; ++i) {
      float* e = &s.emissions[i * L];
      const TypeScores& t = *s.types[i];
      const float* cur =
          t.slot(ner::IsSentenceInitial(i, first_punct) ? ner::kSentInit : ner::kCur);
      const int d = t.upper ? ner::kM2U - ner::kM2 : 0;
      const float* m2 = i >= 2 ? s.types[i - 2]->slot(ner::kM2 + d) : m.pad[ner::kM2 + d].data();
      const float* m1 = i >= 1 ? s.types[i - 1]->slot(ner::kM1 + d) : m.pad[ner::kM1 + d].data();
      const float* p1 = i + 1 < n ? s.types[i + 1]->slot(ner::kP1 + d) : m.pad[ner::kP1 + d].data();
      const float* p2 = i + 2 < n ? s.types[i + 2]->slot(ner::kP2 + d) : m.pad[ner::kP2 + d].data();
      for (int l = 0; l < L; ++l) e[l] = cur[l] + m2[l] + m1[l] + p1[l] + p2[l];
      if (t.upper) {
        if (const HistoryCounts::Counts* counts = s.history.Find(t.lower_hash)) {
          const float* h = m.history[ner::MajorityHistory(*counts)].data();
          for (int l = 0; l < L; ++l) e[l] += h[l];
        }
      }
    }
    // Word pairs: the pair at (j, j+1) is (m2, m1) of token j+2, (m1, cur) of j+1, (cur, p1) of
    // j and (p1, p2) of j-1; one lookup each.
    const long ln = static_cast<long>(n);
    auto word = [&](long k) { return k < 0 || k >= ln ? ner::kPadWord : s.types[k]->lower_hash; };
    s.keys.clear();
    for (long j = -2; j <= ln; ++j) {
      s.keys.push_back(ner::PairKey(ner::PairFeature(0, word(j), word(j + 1))));
      m.pair_index.Prefetch(s.keys.back());
    }
    // Found entries first, their weights prefetched, then added: a miss per pair would
    // otherwise stall each addition in turn.
    constexpr size_t kPairStride = ner::kNumPairs * L;
    for (uint64_t& key : s.keys) {
      const uint32_t p = m.pair_index.Find(key);
      key = p;
      if (p == ner::HashIndex::kMissing) continue;
      const auto* bytes = reinterpret_cast<const char*>(&m.pair_weights[p * kPairStride]);
      for (size_t off = 0; off < kPairStride * sizeof(float); off += 64) {
        __builtin_prefetch(bytes + off);
      }
    }
    for (long j = -2; j <= ln; ++j) {
      const uint64_t p = s.keys[static_cast<size_t>(j + 2)];
      if (p == ner::HashIndex::kMissing) continue;
      const float* w = &m.pair_weights[p * kPairStride];
      for (int which = 0; which < ner::kNumPairs; ++which) {
        const long target = j + 2 - which;
        if (target < 0 || target >= ln) continue;
        float* e = &s.emissions[target * L];
        const float* v = w + which * L;
        for (int l = 0; l < L; ++l) e[l] += v[l];
      }
    }
    s.labels.resize(n);
    ner::Viterbi(s.emissions.data(), n, m.trans.data(), m.start.data(), s.delta, s.back,
                 s.labels.data());
    for (size_t i = 0; i < n; ++i) {
      int label = s.labels[i];
      int pos = ner::PosOf(label);
      if (pos == ner::kB || pos == ner::kU) {
        size_t j = i;
        if (pos == ner::kB) {
          while (j + 1 < n && ner::PosOf(s.labels[j + 1]) == ner::kI) ++j;
          if (j + 1 < n) ++j;  // the L label (Viterbi guarantees well-formed sequences)
        }
        size_t b = i;
        // Reuters copy (the training data) rarely uses "Mr."; keep titles out of names.
        if (ner::TypeOf(label) == 0 && j > b && s.types[b]->honorific) ++b;
        out.push_back(EntitySpan{static_cast<uint32_t>(sent.first_token + b),
                                 static_cast<uint32_t>(sent.first_token + j + 1),
                                 static_cast<EntityType>(ner::TypeOf(label))});
      }
      if (s.types[i]->upper) {
        auto& counts = s.history.Get(s.types[i]->lower_hash);
        int type = ner::TypeOf(label);
        ++counts[type < 0 ? ner::kNumTypes : type];
      }
    }
  }
}

const std::string& NerModel::version() const { return impl_->version; }

size_t NerModel::MemoryBytes() const {
  const Impl& m = *impl_;
  return sizeof(Impl) + m.feature_index.MemoryBytes() + m.weights.capacity() * sizeof(float) +
         m.lex_index.MemoryBytes() + m.lex.capacity() * sizeof(ner::LexInfo) +
         m.type_index.MemoryBytes() + m.types.capacity() * sizeof(TypeScores) +
         m.pair_index.MemoryBytes() + m.pair_weights.capacity() * sizeof(float);
}

NerModel::NerModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NerModel::NerModel(NerModel&&) noexcept = default;
NerModel& NerModel::operator=(NerModel&&) noexcept = default;
NerModel::~NerModel() = default;

}  // namespace newsflow::extract
