// newsflow-train: trains the NER model (averaged structured perceptron, BILOU, first-order
// Viterbi) from CoNLL-2003 eng.train and eng.testa, with word clusters, casing statistics and a
// secondary name list induced from the GMB corpus. Deterministic: fixed document order per epoch
// from a fixed-seed generator, no threads. See daemon/extract/README.md for the command.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/extract/ner.h"
#include "daemon/extract/ner_features.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"
#include "tools/ner/clusters.h"
#include "tools/ner/corpus.h"

namespace newsflow::tools::ner {
namespace {

namespace xn = extract::ner;
constexpr int L = xn::kNumLabels;
int kFolds = 4;  // set from --folds

struct Options {
  // Labelled CoNLL files, read in this order. The shipped model learns from the training and
  // the development split: on four held-out tenths of eng.train, adding eng.testa to the other
  // nine tenths moved F1 by +0.007, -0.004, +0.005, +0.010 (daemon/extract/README.md).
  std::vector<std::string> train = {"/work/shared/data/ner/conll2003/eng.train",
                                    "/work/shared/data/ner/conll2003/eng.testa"};
  bool default_train = true;  // the first --train replaces the defaults
  std::string gmb = "/work/shared/data/ner/gmb/ner_dataset.csv";
  std::string dev;  // optional: scored after every epoch
  std::string out = "models/ner-en.bin";
  std::string version = "en-conll2003-1.2";
  int epochs = 12;
  // Independent perceptron runs (different document orders) whose averaged weights are
  // averaged again: steadier than any single run.
  int ensemble = 5;
  float prune = 0.02f;
  int gmb_train_docs = 0;  // GMB pseudo-documents added to the training set (0 = none)
  // Directories of plain-text articles (*.txt), used only as unlabelled text for clusters and
  // casing statistics; empty = none.
  std::vector<std::string> unlabeled_dirs = {"/work/shared/data/quotes/polnear/train/text",
                                             "/work/shared/data/quotes/polnear/dev/text"};
  bool default_unlabeled = true;  // the first --unlabeled replaces the defaults
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Deterministic 64-bit generator (splitmix64) for the epoch order.
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

// Gazetteer bits of token i: 4 * type + position (B/I/L/U) of each entity span it is in.
uint32_t GazBits(const std::vector<Span>& spans, size_t i) {
  uint32_t bits = 0;
  for (const Span& s : spans) {
    if (i < s.begin || i >= s.end) continue;
    int pos = s.end - s.begin == 1 ? xn::kU
              : i == s.begin       ? xn::kB
              : i + 1 == s.end     ? xn::kL
                                   : xn::kI;
    bits |= 1u << (4 * s.type + pos);
  }
  return bits;
}

// Token-level training instance: feature ids of the token and its window, gold label.
struct Instance {
  std::vector<uint32_t> offsets;  // per token, into feats; size n + 1
  std::vector<uint32_t> feats;
  std::vector<uint8_t> gold;
  std::vector<uint64_t> lower_hash;
  std::vector<uint8_t> upper;
};

// One training run: reads the corpora, builds the lexicon, extracts features, runs the
// perceptron and writes the model. Single-threaded, used once; owns all its data.
class Trainer {
 public:
  explicit Trainer(Options o) : opt_(std::move(o)) {}

  int Run() {
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string& path : opt_.train) {
      auto train = ReadConll(path);
      if (!train.ok()) return Fail(train.error());
      for (auto& d : train.value()) train_.push_back(std::move(d));
    }
    auto gmb = ReadGmb(opt_.gmb, 20);
    if (!gmb.ok()) return Fail(gmb.error());
    gmb_ = std::move(gmb.value());
    std::fprintf(stderr, "read %zu training docs, %zu GMB pseudo-docs (%.1fs)\n", train_.size(),
                 gmb_.size(), Seconds(t0));
    if (!opt_.dev.empty()) {
      auto dev = ReadConll(opt_.dev);
      if (!dev.ok()) return Fail(dev.error());
      dev_ = std::move(dev.value());
    }
    BuildLexicon();
    std::fprintf(stderr, "lexicon: %zu entries (%.1fs)\n", lexicon_.size(), Seconds(t0));
    BuildInstances();
    std::fprintf(stderr, "instances: %zu sentences, %zu features (%.1fs)\n", inst_.size(),
                 feature_hash_.size(), Seconds(t0));
    for (int run = 0; run < opt_.ensemble; ++run) {
      Train(20240503 + 7919ull * run);
      AddToEnsemble();
    }
    std::fprintf(stderr, "trained (%.1fs)\n", Seconds(t0));
    std::string bytes = xn::SerializeModel(Finish(true, true));
    std::ofstream out(opt_.out, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Fail("cannot write " + opt_.out);
    std::fprintf(stderr, "wrote %s: %zu bytes (%.1fs)\n", opt_.out.c_str(), bytes.size(),
                 Seconds(t0));
    return 0;
  }

 private:
  static int Fail(const std::string& msg) {
    std::fprintf(stderr, "newsflow-train: %s\n", msg.c_str());
    return 1;
  }

  void BuildLexicon() {
    std::string norm, lower;
    // Clusters and casing statistics from all unlabelled text (CoNLL train + GMB).
    std::vector<std::vector<std::string>> sents;
    std::unordered_map<std::string, std::array<uint32_t, 2>> casing;  // lower, capitalized
    std::map<std::string, uint32_t> surface;
    auto add = [&](const std::vector<LabeledDocument>& docs) {
      for (const auto& d : docs) {
        for (const auto& s : d.sentences) {
          std::vector<std::string> keys;
          size_t upper_words = 0, alpha_words = 0;
          for (const auto& w : s.words) {
            xn::NormalizeWord(w, norm);
            ++surface[norm];
            xn::LowerKey(norm, lower);
            keys.push_back(lower);
            bool alpha = !xn::IsPunctWord(norm);
            alpha_words += alpha;
            upper_words += alpha && norm == Upper(norm);
          }
          // Headlines in capitals say nothing about casing.
          if (alpha_words == 0 || 2 * upper_words <= alpha_words) {
            for (size_t i = 1; i < s.words.size(); ++i) {
              xn::NormalizeWord(s.words[i], norm);
              if (xn::IsPunctWord(norm) || (i == 1 && xn::IsPunctWord(s.words[0]))) continue;
              auto c = static_cast<unsigned char>(norm[0]);
              if (c >= '0' && c <= '9') continue;
              ++casing[keys[i]][xn::StartsUpper(norm) ? 1 : 0];
            }
          }
          sents.push_back(std::move(keys));
        }
      }
    };
    add(train_);
    add(gmb_);
    auto unlabeled = ReadUnlabeled();
    add(unlabeled);
    auto t0 = std::chrono::steady_clock::now();
    auto clusters = InduceClusters(sents, ClusterOptions{});
    std::fprintf(stderr, "clusters for %zu words (%.1fs)\n", clusters.size(), Seconds(t0));

    // Gazetteers: names by fold from CoNLL train (jackknifed during training), and from GMB.
    // `add(key, bits)` for every word of a labelled name in `doc`.
    auto name_words = [&](const LabeledDocument& doc, const auto& add) {
      for (const auto& s : doc.sentences) {
        auto spans = SpansOf(s.labels);
        for (size_t i = 0; i < s.words.size(); ++i) {
          uint32_t bits = GazBits(spans, i);
          if (!bits) continue;
          xn::NormalizeWord(s.words[i], norm);
          xn::LowerKey(norm, lower);
          add(lower, bits);
        }
      }
    };
    for (size_t d = 0; d < train_.size(); ++d) {
      name_words(train_[d], [&](const std::string& key, uint32_t bits) {
        gaz_folds_[key][d % kFolds] |= bits;
      });
    }
    std::unordered_map<std::string, uint32_t> gaz_extra;
    for (const auto& d : gmb_) {
      name_words(d, [&](const std::string& key, uint32_t bits) { gaz_extra[key] |= bits; });
    }
    std::map<std::string, xn::LexInfo> lex;  // ordered: deterministic file
    for (const auto& [w, id] : clusters) lex[w].cluster = id;
    for (const auto& [w, bits] : gaz_extra) lex[w].gaz_extra = bits;
    for (const auto& [w, folds] : gaz_folds_) {
      uint32_t all = 0;
      for (uint32_t b : folds) all |= b;
      lex[w].gaz_main = all;
    }
    for (const auto& [w, c] : casing) {
      uint32_t total = c[0] + c[1];
      if (total == 0) continue;
      double r = static_cast<double>(c[1]) / total;
      lex[w].case_bucket = c[1] == 0 ? 1 : r < 0.1 ? 2 : r < 0.5 ? 3 : r < 0.9 ? 4 : c[0] ? 5 : 6;
    }
    for (auto& [w, info] : lex) {
      lex_index_.emplace(w, lexicon_.size());
      lexicon_.push_back({w, info});
    }
    for (const auto& [w, n] : surface) {
      if (n >= 2) vocabulary_.push_back(w);
    }
  }

  // Plain-text articles, tokenized with the daemon's tokenizer, as unlabelled documents. Files
  // are read in sorted name order so that the clusters do not depend on directory order.
  std::vector<LabeledDocument> ReadUnlabeled() const {
    std::vector<LabeledDocument> docs;
    for (const std::string& dir : opt_.unlabeled_dirs) {
      std::vector<std::filesystem::path> files;
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() == ".txt") files.push_back(e.path());
      }
      if (ec) std::fprintf(stderr, "warning: cannot list %s\n", dir.c_str());
      std::sort(files.begin(), files.end());
      extract::TokenizedText tt;
      for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        const std::string text = buf.str();
        if (!extract::IsValidUtf8(text)) continue;
        extract::Tokenize(text, tt);
        LabeledDocument d;
        for (const extract::Sentence& s : tt.sentences) {
          LabeledSentence ls;
          for (uint32_t t = s.first_token; t < s.end_token; ++t) {
            const extract::Token& tok = tt.tokens[t];
            ls.words.emplace_back(text.substr(tok.begin, tok.end - tok.begin));
          }
          ls.labels.assign(ls.words.size(), 0);
          d.sentences.push_back(std::move(ls));
        }
        docs.push_back(std::move(d));
      }
    }
    std::fprintf(stderr, "unlabelled: %zu documents\n", docs.size());
    return docs;
  }

  static std::string Upper(std::string_view s) {
    std::string u(s);
    for (char& c : u) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
    return u;
  }

  xn::LexInfo LexFor(const std::string& lower, int fold) const {
    xn::LexInfo info;
    auto it = lex_index_.find(lower);
    if (it != lex_index_.end()) info = lexicon_[it->second].info;
    auto g = gaz_folds_.find(lower);
    info.gaz_main = 0;
    if (g != gaz_folds_.end()) {
      for (int f = 0; f < kFolds; ++f) {
        if (f != fold) info.gaz_main |= g->second[f];
      }
    }
    return info;
  }

  struct FoldLookup : xn::LexLookup {
    FoldLookup(const Trainer* t, int f) : trainer(t), fold(f) {}
    xn::LexInfo Find(std::string_view lower) const override {
      return trainer->LexFor(std::string(lower), fold);
    }
    const Trainer* trainer;
    int fold;
  };

  uint32_t FeatureId(uint64_t h) {
    auto [it, inserted] = feature_id_.emplace(h, static_cast<uint32_t>(feature_hash_.size()));
    if (inserted) feature_hash_.push_back(h);
    return it->second;
  }

  void AddDoc(const LabeledDocument& d, int fold) {
    std::string norm, lower;
    std::vector<uint64_t> tmp;
    doc_begin_.push_back(inst_.size());
    for (const auto& s : d.sentences) {
      const size_t n = s.words.size();
      std::vector<std::array<std::vector<uint32_t>, xn::kNumSlots>> slot(n);
      Instance in;
      for (size_t i = 0; i < n; ++i) {
        xn::NormalizeWord(s.words[i], norm);
        xn::LowerKey(norm, lower);
        xn::LexInfo info = LexFor(lower, fold);
        for (int k = 0; k < xn::kNumSlots; ++k) {
          tmp.clear();
          xn::SlotFeatures(norm, lower, info, FoldLookup{this, fold}, static_cast<xn::Slot>(k),
                           tmp);
          for (uint64_t h : tmp) slot[i][k].push_back(FeatureId(h));
        }
        in.lower_hash.push_back(xn::Hash(xn::kLexKind, lower));
        in.upper.push_back(xn::StartsUpper(norm));
      }
      std::string first_norm;
      xn::NormalizeWord(s.words[0], first_norm);
      const bool first_punct = xn::IsPunctWord(first_norm);
      in.offsets.push_back(0);
      for (size_t i = 0; i < n; ++i) {
        auto append = [&](const std::vector<uint32_t>& v) {
          in.feats.insert(in.feats.end(), v.begin(), v.end());
        };
        append(slot[i][xn::kCur]);
        if (xn::IsSentenceInitial(i, first_punct)) append(slot[i][xn::kSentInit]);
        auto pad = [&](xn::Slot k) { in.feats.push_back(FeatureId(xn::PadFeature(k))); };
        auto neighbor = [&](xn::Slot k, long j) {
          const bool inside = j >= 0 && j < static_cast<long>(n);
          if (inside) {
            append(slot[j][k]);
          } else {
            pad(k);
          }
          if (!in.upper[i]) return;
          if (inside) {
            append(slot[j][xn::UpperVariant(k)]);
          } else {
            pad(xn::UpperVariant(k));
          }
        };
        const long li = static_cast<long>(i);
        neighbor(xn::kM2, li - 2);
        neighbor(xn::kM1, li - 1);
        neighbor(xn::kP1, li + 1);
        neighbor(xn::kP2, li + 2);
        auto word = [&](long k) {
          return k < 0 || k >= static_cast<long>(n) ? xn::kPadWord : in.lower_hash[k];
        };
        in.feats.push_back(FeatureId(xn::PairFeature(0, word(li - 2), word(li - 1))));
        in.feats.push_back(FeatureId(xn::PairFeature(1, word(li - 1), word(li))));
        in.feats.push_back(FeatureId(xn::PairFeature(2, word(li), word(li + 1))));
        in.feats.push_back(FeatureId(xn::PairFeature(3, word(li + 1), word(li + 2))));
        in.offsets.push_back(static_cast<uint32_t>(in.feats.size()));
      }
      in.gold = s.labels;
      inst_.push_back(std::move(in));
    }
  }

  void BuildInstances() {
    for (int k = 0; k < xn::kNumHistory; ++k) history_id_[k] = FeatureId(xn::HistoryFeature(k));
    for (size_t d = 0; d < train_.size(); ++d) AddDoc(train_[d], static_cast<int>(d % kFolds));
    for (int d = 0; d < opt_.gmb_train_docs && d < static_cast<int>(gmb_.size()); ++d) {
      AddDoc(gmb_[d], -1);
    }
    doc_begin_.push_back(inst_.size());
  }

  void Update(uint32_t f, int label, float delta) {
    size_t k = static_cast<size_t>(f) * L + label;
    w_[k] += delta;
    u_[k] += c_ * delta;
  }

  void Train(uint64_t seed) {
    const size_t nf = feature_hash_.size();
    c_ = 1;
    w_.assign(nf * L, 0.f);
    u_.assign(nf * L, 0.0);
    trans_w_.fill(0);
    trans_u_.fill(0);
    start_w_.fill(0);
    start_u_.fill(0);
    const size_t ndocs = doc_begin_.size() - 1;
    std::vector<size_t> order(ndocs);
    for (size_t i = 0; i < ndocs; ++i) order[i] = i;
    Rng rng{seed};
    std::vector<float> em, delta;
    std::vector<uint8_t> back, pred;
    std::vector<int> hist;
    std::array<float, L * L> trans;
    std::array<float, L> start;
    std::unordered_map<uint64_t, std::array<uint16_t, xn::kNumHistory>> history;
    for (int epoch = 0; epoch < opt_.epochs; ++epoch) {
      auto t0 = std::chrono::steady_clock::now();
      for (size_t i = ndocs; i > 1; --i) std::swap(order[i - 1], order[rng.Next() % i]);
      size_t errors = 0, tokens = 0;
      for (size_t di : order) {
        history.clear();
        for (size_t si = doc_begin_[di]; si < doc_begin_[di + 1]; ++si) {
          const Instance& in = inst_[si];
          const size_t n = in.gold.size();
          for (int a = 0; a < L; ++a) {
            for (int b = 0; b < L; ++b) {
              trans[a * L + b] = xn::TransitionAllowed(a, b) ? trans_w_[a * L + b] : xn::kForbidden;
            }
            start[a] = xn::StartAllowed(a) ? start_w_[a] : xn::kForbidden;
          }
          em.assign(n * L, 0.f);
          hist.assign(n, -1);
          for (size_t i = 0; i < n; ++i) {
            float* e = &em[i * L];
            for (uint32_t k = in.offsets[i]; k < in.offsets[i + 1]; ++k) {
              const float* w = &w_[static_cast<size_t>(in.feats[k]) * L];
              for (int l = 0; l < L; ++l) e[l] += w[l];
            }
            if (in.upper[i]) {
              auto it = history.find(in.lower_hash[i]);
              if (it != history.end()) {
                hist[i] = static_cast<int>(history_id_[xn::MajorityHistory(it->second)]);
                const float* w = &w_[static_cast<size_t>(hist[i]) * L];
                for (int l = 0; l < L; ++l) e[l] += w[l];
              }
            }
          }
          pred.resize(n);
          xn::Viterbi(em.data(), n, trans.data(), start.data(), delta, back, pred.data());
          tokens += n;
          bool wrong = false;
          for (size_t i = 0; i < n; ++i) {
            if (pred[i] == in.gold[i]) continue;
            wrong = true;
            ++errors;
            for (uint32_t k = in.offsets[i]; k < in.offsets[i + 1]; ++k) {
              Update(in.feats[k], in.gold[i], 1);
              Update(in.feats[k], pred[i], -1);
            }
            if (hist[i] >= 0) {
              Update(static_cast<uint32_t>(hist[i]), in.gold[i], 1);
              Update(static_cast<uint32_t>(hist[i]), pred[i], -1);
            }
          }
          if (wrong) {
            if (pred[0] != in.gold[0]) {
              start_w_[in.gold[0]] += 1;
              start_u_[in.gold[0]] += c_;
              start_w_[pred[0]] -= 1;
              start_u_[pred[0]] -= c_;
            }
            for (size_t i = 1; i < n; ++i) {
              int g = in.gold[i - 1] * L + in.gold[i], p = pred[i - 1] * L + pred[i];
              if (g == p) continue;
              trans_w_[g] += 1;
              trans_u_[g] += c_;
              trans_w_[p] -= 1;
              trans_u_[p] -= c_;
            }
          }
          c_ += 1;
          // History from the model's own predictions, as at tagging time.
          for (size_t i = 0; i < n; ++i) {
            if (!in.upper[i]) continue;
            int t = xn::TypeOf(pred[i]);
            ++history[in.lower_hash[i]][t < 0 ? xn::kNumTypes : t];
          }
        }
      }
      std::fprintf(stderr, "epoch %d: %zu token errors / %zu (%.1fs)", epoch + 1, errors, tokens,
                   Seconds(t0));
      if (!dev_.empty()) {
        auto model = extract::NerModel::FromBytes(xn::SerializeModel(Finish(false, false)));
        if (model.ok()) {
          Scores s = Evaluate(model.value(), dev_);
          std::fprintf(stderr, "  dev F1 PER/ORG/LOC %.4f, all %.4f", s.MicroF1(false),
                       s.MicroF1(true));
        }
      }
      std::fprintf(stderr, "\n");
    }
  }

  void AddToEnsemble() {
    if (ens_w_.empty()) ens_w_.assign(w_.size(), 0.0);
    for (size_t k = 0; k < w_.size(); ++k) ens_w_[k] += w_[k] - u_[k] / c_;
    for (int k = 0; k < L * L; ++k) ens_trans_[k] += trans_w_[k] - trans_u_[k] / c_;
    for (int k = 0; k < L; ++k) ens_start_[k] += start_w_[k] - start_u_[k] / c_;
    ++ens_runs_;
  }

  // Averaged weights of the current run, or the mean over the ensemble runs; features whose
  // weights are all below the pruning threshold are dropped.
  xn::ModelData Finish(bool verbose, bool ensemble) {
    xn::ModelData m;
    m.version = opt_.version;
    auto weight = [&](size_t k) { return ensemble ? ens_w_[k] / ens_runs_ : w_[k] - u_[k] / c_; };
    for (int k = 0; k < L * L; ++k) {
      m.transitions[k] =
          static_cast<float>(ensemble ? ens_trans_[k] / ens_runs_ : trans_w_[k] - trans_u_[k] / c_);
    }
    for (int k = 0; k < L; ++k) {
      m.start[k] =
          static_cast<float>(ensemble ? ens_start_[k] / ens_runs_ : start_w_[k] - start_u_[k] / c_);
    }
    std::array<float, L> row;
    for (size_t f = 0; f < feature_hash_.size(); ++f) {
      float max_abs = 0;
      for (int l = 0; l < L; ++l) {
        row[l] = static_cast<float>(weight(f * L + l));
        max_abs = std::max(max_abs, std::fabs(row[l]));
      }
      if (max_abs < opt_.prune) continue;
      m.feature_hashes.push_back(feature_hash_[f]);
      m.weights.insert(m.weights.end(), row.begin(), row.end());
    }
    m.lexicon = lexicon_;
    m.vocabulary = vocabulary_;
    if (verbose) {
      std::fprintf(stderr, "kept %zu of %zu features, %zu lexicon entries, %zu vocabulary\n",
                   m.feature_hashes.size(), feature_hash_.size(), m.lexicon.size(),
                   m.vocabulary.size());
    }
    return m;
  }

  Options opt_;
  std::vector<LabeledDocument> train_, gmb_, dev_;
  std::unordered_map<std::string, std::array<uint32_t, 16>> gaz_folds_;
  std::vector<xn::LexEntry> lexicon_;
  std::unordered_map<std::string, size_t> lex_index_;
  std::vector<std::string> vocabulary_;
  std::unordered_map<uint64_t, uint32_t> feature_id_;
  std::vector<uint64_t> feature_hash_;
  std::array<uint32_t, xn::kNumHistory> history_id_{};
  std::vector<Instance> inst_;
  std::vector<size_t> doc_begin_;
  std::vector<float> w_;
  std::vector<double> u_;  // sum of c * delta, for averaging; double keeps it exact enough
  std::array<float, L * L> trans_w_{};
  std::array<double, L * L> trans_u_{};
  std::array<float, L> start_w_{};
  std::array<double, L> start_u_{};
  double c_ = 1;
  std::vector<double> ens_w_;
  std::array<double, L * L> ens_trans_{};
  std::array<double, L> ens_start_{};
  int ens_runs_ = 0;
};

int Usage() {
  std::fprintf(stderr,
               "usage: newsflow-train [--train FILE]... [--gmb ner_dataset.csv] [--dev HELD_OUT]\n"
               "                      [--out models/ner-en.bin] [--version STR] [--epochs N]\n"
               "                      [--prune W] [--gmb-train-docs N]\n");
  return 2;
}

}  // namespace
}  // namespace newsflow::tools::ner

int main(int argc, char** argv) {
  using newsflow::tools::ner::Options;
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return newsflow::tools::ner::Usage();
    std::string v = argv[++i];
    if (a == "--train") {
      if (o.default_train) o.train.clear();
      o.default_train = false;
      o.train.push_back(v);
    } else if (a == "--gmb") {
      o.gmb = v;
    } else if (a == "--dev") {
      o.dev = v;
    } else if (a == "--out") {
      o.out = v;
    } else if (a == "--version") {
      o.version = v;
    } else if (a == "--epochs") {
      o.epochs = std::atoi(v.c_str());
    } else if (a == "--prune") {
      o.prune = std::strtof(v.c_str(), nullptr);
    } else if (a == "--unlabeled") {
      if (o.default_unlabeled) o.unlabeled_dirs.clear();
      o.default_unlabeled = false;
      if (v != "none") o.unlabeled_dirs.push_back(v);
    } else if (a == "--ensemble") {
      o.ensemble = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--folds") {
      newsflow::tools::ner::kFolds = std::atoi(v.c_str());
    } else if (a == "--gmb-train-docs") {
      o.gmb_train_docs = std::atoi(v.c_str());
    } else {
      return newsflow::tools::ner::Usage();
    }
  }
  return newsflow::tools::ner::Trainer(o).Run();
}
