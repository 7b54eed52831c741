#include "tools/ner/corpus.h"

#include <cstdio>
#include <fstream>

#include "daemon/extract/ner_features.h"
#include "daemon/extract/tokenizer.h"

namespace newsflow::tools::ner {

using extract::Error;
using extract::Result;
namespace xn = extract::ner;

namespace {

int TypeIndex(std::string_view t) {
  if (t == "PER" || t == "per") return 0;
  if (t == "ORG" || t == "org") return 1;
  if (t == "LOC" || t == "geo") return 2;
  return 3;
}

// Entity chunks as (type, starts-new-entity) per token → BILOU labels.
void ToBilou(const std::vector<int>& type, const std::vector<bool>& begins,
             std::vector<uint8_t>& labels) {
  const size_t n = type.size();
  labels.assign(n, 0);
  for (size_t i = 0; i < n;) {
    if (type[i] < 0) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < n && type[j] == type[i] && !begins[j]) ++j;
    if (j - i == 1) {
      labels[i] = xn::Label(type[i], xn::kU);
    } else {
      labels[i] = xn::Label(type[i], xn::kB);
      for (size_t k = i + 1; k + 1 < j; ++k) labels[k] = xn::Label(type[i], xn::kI);
      labels[j - 1] = xn::Label(type[i], xn::kL);
    }
    i = j;
  }
}

// The tokens of the sentence being read; MoveTo hands it, labelled, to a document.
struct PendingSentence {
  std::vector<std::string> words;
  std::vector<int> types;    // entity type per token, -1 outside entities
  std::vector<bool> begins;  // token starts a new entity
  bool empty() const { return words.empty(); }
  void MoveTo(LabeledDocument& doc) {
    LabeledSentence s;
    s.words = std::move(words);
    ToBilou(types, begins, s.labels);
    doc.sentences.push_back(std::move(s));
    words.clear();
    types.clear();
    begins.clear();
  }
};

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Splits one CSV line with double-quote escaping.
void SplitCsv(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
    } else if (c != '\r') {
      cur.push_back(c);
    }
  }
  fields.push_back(std::move(cur));
}

}  // namespace

Result<std::vector<LabeledDocument>> ReadConll(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot open " + path};
  std::vector<LabeledDocument> docs;
  PendingSentence cur;
  auto flush = [&] {
    if (cur.empty()) return;
    if (docs.empty()) docs.emplace_back();
    cur.MoveTo(docs.back());
  };
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    size_t sp = line.find(' ');
    std::string word = line.substr(0, sp);
    if (word == "-DOCSTART-") {
      flush();
      docs.emplace_back();
      continue;
    }
    std::string tag = line.substr(line.rfind(' ') + 1);
    if (tag == "O" || tag.size() < 3) {
      cur.types.push_back(-1);
      cur.begins.push_back(false);
    } else {
      int t = TypeIndex(tag.substr(2));
      // IOB1: I- continues an entity of the same type; B- separates adjacent entities.
      bool begin = tag[0] == 'B' || cur.types.empty() || cur.types.back() != t;
      cur.types.push_back(t);
      cur.begins.push_back(begin);
    }
    cur.words.push_back(std::move(word));
  }
  flush();
  std::erase_if(docs, [](const LabeledDocument& d) { return d.sentences.empty(); });
  return docs;
}

Result<std::vector<LabeledDocument>> ReadGmb(const std::string& path, size_t per_doc) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot open " + path};
  std::vector<LabeledDocument> docs;
  PendingSentence cur;
  auto flush = [&] {
    if (cur.empty()) return;
    if (docs.empty() || docs.back().sentences.size() >= per_doc) docs.emplace_back();
    cur.MoveTo(docs.back());
  };
  std::string line;
  std::vector<std::string> f;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    SplitCsv(line, f);
    if (f.size() < 4) continue;
    if (!f[0].empty()) flush();
    const std::string& tag = f[3];
    int t = -1;
    if (tag.size() > 2) {
      std::string_view k = std::string_view(tag).substr(2);
      if (k == "per" || k == "org" || k == "geo") {
        t = TypeIndex(k);
      } else if (k == "tim") {
        t = -1;
      } else {
        t = 3;  // gpe, art, eve, nat
      }
    }
    cur.types.push_back(t);
    cur.begins.push_back(t >= 0 && tag[0] == 'B');
    cur.words.push_back(Latin1ToUtf8(f[1]));
  }
  flush();
  return docs;
}

std::vector<Span> SpansOf(const std::vector<uint8_t>& labels) {
  std::vector<Span> out;
  for (size_t i = 0; i < labels.size(); ++i) {
    int pos = xn::PosOf(labels[i]);
    if (pos == xn::kU) {
      out.push_back(
          {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), xn::TypeOf(labels[i])});
    } else if (pos == xn::kB) {
      size_t j = i;
      while (j + 1 < labels.size() && xn::PosOf(labels[j + 1]) == xn::kI) ++j;
      if (j + 1 < labels.size() && xn::PosOf(labels[j + 1]) == xn::kL) ++j;
      out.push_back(
          {static_cast<uint32_t>(i), static_cast<uint32_t>(j + 1), xn::TypeOf(labels[i])});
      i = j;
    }
  }
  return out;
}

void Scores::Add(const std::vector<Span>& g, const std::vector<Span>& p) {
  for (const Span& s : g) ++gold[s.type];
  for (const Span& s : p) {
    ++predicted[s.type];
    for (const Span& t : g) {
      if (s == t) {
        ++tp[s.type];
        break;
      }
    }
  }
}

namespace {
void Line(const char* name, uint64_t tp, uint64_t pred, uint64_t gold) {
  double p = pred ? static_cast<double>(tp) / pred : 0;
  double r = gold ? static_cast<double>(tp) / gold : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("%-16s P %.4f  R %.4f  F1 %.4f  (tp %llu, predicted %llu, gold %llu)\n", name, p, r,
              f, static_cast<unsigned long long>(tp), static_cast<unsigned long long>(pred),
              static_cast<unsigned long long>(gold));
}
}  // namespace

double Scores::MicroF1(bool include_misc) const {
  uint64_t t = 0, p = 0, g = 0;
  for (int k = 0; k < (include_misc ? 4 : 3); ++k) {
    t += tp[k];
    p += predicted[k];
    g += gold[k];
  }
  double pr = p ? static_cast<double>(t) / p : 0;
  double rc = g ? static_cast<double>(t) / g : 0;
  return pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
}

void Scores::Print() const {
  const char* names[] = {"PER", "ORG", "LOC", "MISC"};
  for (int k = 0; k < 4; ++k) Line(names[k], tp[k], predicted[k], gold[k]);
  Line("micro PER/ORG/LOC", tp[0] + tp[1] + tp[2], predicted[0] + predicted[1] + predicted[2],
       gold[0] + gold[1] + gold[2]);
  Line("micro all four", tp[0] + tp[1] + tp[2] + tp[3],
       predicted[0] + predicted[1] + predicted[2] + predicted[3],
       gold[0] + gold[1] + gold[2] + gold[3]);
}

Scores Evaluate(const extract::NerModel& model, const std::vector<LabeledDocument>& docs) {
  Scores scores;
  std::string text;
  extract::TokenizedText tt;
  extract::EntitySpans spans;
  for (const LabeledDocument& d : docs) {
    // Rebuild the document on its gold tokenization: tokens joined by spaces, one sentence per
    // line.
    text.clear();
    tt.clear();
    for (const LabeledSentence& s : d.sentences) {
      auto first = static_cast<uint32_t>(tt.tokens.size());
      for (const std::string& w : s.words) {
        auto b = static_cast<uint32_t>(text.size());
        text += w;
        tt.tokens.push_back({b, static_cast<uint32_t>(text.size()), 0});
        text.push_back(' ');
      }
      text.back() = '\n';
      tt.sentences.push_back({first, static_cast<uint32_t>(tt.tokens.size())});
      tt.tokens[first].flags |= extract::kSentenceStart;
    }
    model.Tag(text, tt, spans);
    size_t si = 0;
    for (const LabeledSentence& s : d.sentences) {
      const extract::Sentence& sent = tt.sentences[si++];
      std::vector<Span> pred;
      for (const extract::EntitySpan& e : spans) {
        if (e.first_token >= sent.first_token && e.end_token <= sent.end_token) {
          pred.push_back({e.first_token - sent.first_token, e.end_token - sent.first_token,
                          static_cast<int>(e.type)});
        }
      }
      scores.Add(SpansOf(s.labels), pred);
    }
  }
  return scores;
}

}  // namespace newsflow::tools::ner
