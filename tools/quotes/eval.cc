// newsflow-quotes-eval: quote detection and speaker attribution against PolNeAR-style data.
//
//   newsflow-quotes-eval [--ner MODEL] [--verbose] DIR     DIR holds text/ and attributions/
//   newsflow-quotes-eval [--ner MODEL] --show FILE.txt     prints actors and quotes of one text
//
// Gold (documented in tools/quotes/README.md): PolNeAR Content spans include indirect speech,
// so the gold direct quotes are the quoted segments of the text (paired here by a deliberately
// simple scanner, independent of daemon/extract/quotes.cc) that overlap a Content span by at
// least half of their length; the gold speaker of such a quote is its attribution's Source.
// One annotator per article: the .ann file that sorts first.
//
// Matching: a predicted and a gold quote match when they overlap by at least half of the
// shorter one (a multi-paragraph prediction may match one gold segment per paragraph).
// Precision = matched predictions / predictions; recall = matched gold / gold.
//
// Scoring changes and the nested-attribution rule: tools/quotes/README.md.
// Speaker accuracy is measured on matched gold quotes whose Source is named (contains a
// capitalized word other than a determiner or pronoun): right when the predicted speaker
// actor has a mention overlapping a Source span piece, or its multi-word canonical name occurs
// in the Source text (head coreference: "Republican front-runner Donald Trump").
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace fs = std::filesystem;
using namespace newsflow::extract;

namespace {

struct Span {
  uint32_t b = 0, e = 0;
};
using Pieces = std::vector<Span>;

struct GoldQuote {
  Span span;
  Pieces source;  // empty: no source
  std::string source_text;
  Pieces content;  // the Content span the quote belongs to (the innermost one covering it)
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::u32string Decode(const std::string& s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) out.push_back(DecodeUtf8(s, i));
  return out;
}

uint32_t Overlap(Span a, Span b) {
  uint32_t lo = std::max(a.b, b.b), hi = std::min(a.e, b.e);
  return hi > lo ? hi - lo : 0;
}

bool IsLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c > 0x7F;
}

// Independent, simple pairing of quote marks per paragraph (code points).
std::vector<Span> GoldSegments(const std::u32string& t) {
  std::vector<Span> out;
  size_t i = 0;
  while (i < t.size()) {
    size_t e = t.find(U'\n', i);
    if (e == std::u32string::npos) e = t.size();
    int open = -1;
    bool single = false;
    for (size_t k = i; k < e; ++k) {
      char32_t c = t[k];
      char32_t next = k + 1 < e ? t[k + 1] : U' ';
      char32_t prev = k > i ? t[k - 1] : U' ';
      if (open < 0) {
        if (c == U'\u201C' || (c == U'"' && next != U' ')) {
          open = static_cast<int>(k), single = false;
        } else if (c == U'\u2018' && next != U' ') {
          open = static_cast<int>(k), single = true;
        }
      } else if (!single && (c == U'\u201D' || c == U'"')) {
        out.push_back({static_cast<uint32_t>(open + 1), static_cast<uint32_t>(k)});
        open = -1;
      } else if (single && c == U'\u2019' && !IsLetter(next) && prev != U' ') {
        out.push_back({static_cast<uint32_t>(open + 1), static_cast<uint32_t>(k)});
        open = -1;
      }
    }
    if (open >= 0 && !single) {
      // Unclosed: a continued paragraph when the next one opens with a mark.
      size_t n = e + 1;
      while (n < t.size() && (t[n] == U'\n' || t[n] == U' ')) ++n;
      if (n < t.size() && (t[n] == U'\u201C' || t[n] == U'"')) {
        out.push_back({static_cast<uint32_t>(open + 1), static_cast<uint32_t>(e)});
      }
    }
    i = e + 1;
  }
  return out;
}

Pieces ParsePieces(const std::string& s) {
  Pieces p;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ';')) {
    unsigned b = 0, e = 0;
    if (std::sscanf(part.c_str(), "%u %u", &b, &e) == 2) p.push_back({b, e});
  }
  return p;
}

std::vector<GoldQuote> LoadGold(const std::u32string& text, const fs::path& ann, bool innermost) {
  std::map<std::string, Pieces> spans;
  std::map<std::string, std::string> span_text;
  std::vector<std::pair<std::string, std::string>> content_source;
  std::ifstream in(ann);
  std::string line;
  while (std::getline(in, line)) {
    std::stringstream ls(line);
    std::string id, rest;
    std::getline(ls, id, '\t');
    std::getline(ls, rest, '\t');
    if (id.empty()) continue;
    if (id[0] == 'T') {
      size_t sp = rest.find(' ');
      if (sp == std::string::npos) continue;
      std::string type = rest.substr(0, sp);
      if (type != "Source" && type != "Content") continue;
      spans[id] = ParsePieces(rest.substr(sp + 1));
      std::string txt;
      std::getline(ls, txt);
      span_text[id] = txt;
    } else if (id[0] == 'E') {
      std::stringstream es(rest);
      std::string tok, content, source;
      while (es >> tok) {
        if (tok.rfind("Content:", 0) == 0) content = tok.substr(8);
        if (tok.rfind("Source:", 0) == 0) source = tok.substr(7);
      }
      if (!content.empty()) content_source.emplace_back(content, source);
    }
  }
  std::vector<GoldQuote> gold;
  for (Span seg : GoldSegments(text)) {
    const uint32_t len = seg.e - seg.b;
    if (len == 0) continue;
    // Nested attributions ("“Q,” X said, according to CNN" annotated twice, or a long Content
    // holding a shorter one): the quote belongs to the innermost Content covering it — the
    // shortest one — since that attribution's Source is who spoke the quoted words. Ties keep
    // file order.
    const std::pair<std::string, std::string>* best = nullptr;
    uint32_t best_len = 0;
    for (const auto& cs : content_source) {
      uint32_t ov = 0, total = 0;
      for (Span p : spans[cs.first]) ov += Overlap(seg, p), total += p.e - p.b;
      if (ov * 2 >= len && (best == nullptr || (innermost && total < best_len))) {
        best = &cs;
        best_len = total;
        if (!innermost) break;
      }
    }
    if (best != nullptr) {
      const std::string& s = best->second;
      gold.push_back(GoldQuote{seg, s.empty() ? Pieces{} : spans[s], s.empty() ? "" : span_text[s],
                               spans[best->first]});
    }
  }
  return gold;
}

// True when `word` (ASCII letters) occurs in lowercase as a whole word of `t`.
bool OccursLowercase(const std::u32string& t, const std::string& word) {
  std::u32string lw;
  for (char c : word) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    lw.push_back(static_cast<char32_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  for (size_t at = t.find(lw); at != std::u32string::npos; at = t.find(lw, at + 1)) {
    const bool left = at == 0 || !IsLetter(t[at - 1]);
    const bool right = at + lw.size() >= t.size() || !IsLetter(t[at + lw.size()]);
    if (left && right) return true;
  }
  return false;
}

// Whether code point `at` opens a sentence: paragraph start or after . ? ! or a closing quote.
bool OpensSentence(const std::u32string& t, size_t at) {
  while (at > 0 && (t[at - 1] == U' ' || t[at - 1] == U'\u00A0')) --at;
  return at == 0 || t[at - 1] == U'\n' || t[at - 1] == U'.' || t[at - 1] == U'?' ||
         t[at - 1] == U'!' || t[at - 1] == U'\u201D' || t[at - 1] == U'"';
}

// True when `word` occurs capitalized, as a whole word, somewhere not opening a sentence
// ("George Will" makes "Will" a name).
bool CapitalizedMidSentence(const std::u32string& t, const std::string& word) {
  std::u32string w(word.begin(), word.end());
  for (size_t at = t.find(w); at != std::u32string::npos; at = t.find(w, at + 1)) {
    const bool left = at == 0 || !IsLetter(t[at - 1]);
    const bool right = at + w.size() >= t.size() || !IsLetter(t[at + w.size()]);
    if (left && right && !OpensSentence(t, at)) return true;
  }
  return false;
}

// The Source's first word is capitalized only because it opens a sentence ("Others shouted",
// "Respondents are obliged to disclose", "Transcript as follows:"): it opens a sentence there,
// the article also uses it in lowercase, and never capitalized inside a sentence.
bool SentenceInitialCommonWord(const std::u32string& t, uint32_t begin, const std::string& w) {
  std::string word;
  for (char c : w) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) word.push_back(c);
  }
  return !word.empty() && OpensSentence(t, begin) && OccursLowercase(t, word) &&
         !CapitalizedMidSentence(t, word);
}

bool Named(const std::string& source, const std::u32string* t = nullptr, uint32_t begin = 0) {
  static const char* kSkip[] = {"The",     "A",   "An",    "He",   "She",   "It",      "They",
                                "We",      "I",   "His",   "Her",  "This",  "That",    "These",
                                "Those",   "One", "Some",  "Many", "Other", "Another", "Both",
                                "Several", "Its", "Their", "Our"};
  std::stringstream ss(source);
  std::string w;
  bool first = true;
  while (ss >> w) {
    const bool was_first = first;
    first = false;
    if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) continue;
    bool skip = false;
    for (const char* s : kSkip) skip = skip || w == s;
    if (!skip && was_first && t != nullptr && SentenceInitialCommonWord(*t, begin, w)) skip = true;
    if (!skip) return true;
  }
  return false;
}

struct Pipeline {
  const NerModel* ner = nullptr;
  TokenizedText tokens;
  EntitySpans entities;
  ActorSet actors;
  std::vector<Quote> quotes;

  void Run(const std::string& text) {
    OffsetMap offsets(text);
    Tokenize(text, tokens);
    entities.clear();
    if (ner) ner->Tag(text, tokens, entities);
    GroupActors(text, tokens, entities, offsets, actors);
    ExtractQuotes(text, offsets, actors, quotes);
  }
};

std::string Utf8(const std::u32string& t, Span s) {
  std::string out;
  for (uint32_t i = s.b; i < s.e && i < t.size(); ++i) AppendUtf8(out, t[i]);
  return out;
}

int Show(Pipeline& pl, const fs::path& file) {
  std::string text = ReadFile(file);
  pl.Run(text);
  std::u32string t = Decode(text);
  for (const Actor& a : pl.actors.actors) {
    std::printf("actor %u %s [%s] country=%s roles=", a.id, a.name.c_str(),
                a.type == ActorType::kPerson ? "PER" : "ORG", a.country_code.c_str());
    for (const std::string& r : a.roles) std::printf("'%s' ", r.c_str());
    std::printf("mentions=");
    for (const Mention& m : a.mentions) std::printf("'%s' ", Utf8(t, {m.begin, m.end}).c_str());
    std::printf("\n");
  }
  for (const Quote& q : pl.quotes) {
    std::string who = q.speaker_id ? pl.actors.actors[q.speaker_id - 1].name : "-";
    std::printf("quote %s speaker=%s cue=%s [%u,%u) %s\n",
                q.kind == QuoteKind::kFull ? "FULL" : "PARTIAL", who.c_str(), q.cue.c_str(),
                q.begin, q.end, q.text.c_str());
  }
  return 0;
}

// A quote counts as speech unless it is what the library emits for scare quotes and titles:
// PARTIAL with neither a cue nor a speaker.
bool IsSpeech(const Quote& q) {
  return !q.cue.empty() || q.speaker_id != 0 || q.kind == QuoteKind::kFull;
}

bool SayCue(const std::string& cue) {
  static const char* kSay[] = {"said",  "says", "say",       "told",     "tells",
                               "added", "adds", "wrote",     "writes",   "replied",
                               "asked", "asks", "continued", "explained"};
  for (const char* w : kSay) {
    if (cue == w) return true;
  }
  return false;
}

bool NestedAttribution(const std::u32string& t, const std::vector<GoldQuote>& gold,
                       const GoldQuote& g, const Actor& actor, const std::u32string& cue) {
  for (const Mention& m : actor.mentions) {
    bool in_quote = false;
    for (const GoldQuote& o : gold) in_quote = in_quote || Overlap({m.begin, m.end}, o.span) > 0;
    if (in_quote) continue;
    for (Span p : g.content) {
      if (m.begin < p.b || m.end > p.e) continue;
      // "X said" / "said X": the cue right next to the mention (one space), inside the Content.
      const std::u32string_view c(t.data() + p.b, p.e - p.b);
      const uint32_t mb = m.begin - p.b, me = m.end - p.b;
      if (me + 1 + cue.size() <= c.size() && c.compare(me + 1, cue.size(), cue) == 0) return true;
      if (mb >= cue.size() + 1 && c.compare(mb - 1 - cue.size(), cue.size(), cue) == 0) {
        return true;
      }
    }
  }
  return false;
}

struct Counts {
  size_t pred = 0, pred_ok = 0, gold = 0, gold_ok = 0, named = 0, named_ok = 0, strict_ok = 0,
         nested_ok = 0;
};

void Print(const char* label, const Counts& c) {
  double p = c.pred ? double(c.pred_ok) / c.pred : 0, r = c.gold ? double(c.gold_ok) / c.gold : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("%-28s P=%.4f (%zu/%zu) R=%.4f (%zu/%zu) F1=%.4f\n", label, p, c.pred_ok, c.pred, r,
              c.gold_ok, c.gold, f);
}

}  // namespace

int main(int argc, char** argv) {
  std::string ner_path, show, dir;
  bool verbose = false, old_scoring = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--ner" && i + 1 < argc) {
      ner_path = argv[++i];
    } else if (a == "--show" && i + 1 < argc) {
      show = argv[++i];
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "--old-scoring") {
      old_scoring = true;  // before 2026-11: first Content in file order, no nested rule
    } else {
      dir = a;
    }
  }
  if (show.empty() && dir.empty()) {
    std::fprintf(
        stderr,
        "usage: newsflow-quotes-eval [--ner MODEL] [--verbose] [--old-scoring] DIR | --show "
        "FILE\n");
    return 2;
  }
  Pipeline pl;
  std::unique_ptr<NerModel> model;
  if (!ner_path.empty()) {
    auto m = NerModel::Load(ner_path);
    if (!m.ok()) {
      std::fprintf(stderr, "cannot load NER model: %s\n", m.error().c_str());
      return 1;
    }
    model = std::make_unique<NerModel>(std::move(m).value());
    pl.ner = model.get();
  }
  if (!show.empty()) return Show(pl, show);

  std::map<std::string, fs::path> ann_of;  // article -> first annotator file
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "attributions")) {
    std::string name = e.path().stem().string();
    std::string article = name.substr(0, name.rfind('_'));
    auto it = ann_of.find(article);
    if (it == ann_of.end() || e.path() < it->second) ann_of[article] = e.path();
  }
  Counts all, spoken;
  for (const auto& [article, ann] : ann_of) {
    fs::path txt = fs::path(dir) / "text" / (article + ".txt");
    if (!fs::exists(txt)) continue;
    std::string text = ReadFile(txt);
    std::u32string t = Decode(text);
    std::vector<GoldQuote> gold = LoadGold(t, ann, !old_scoring);
    pl.Run(text);
    // "all": every emitted quote; "attributed": quotes with a speech cue or a speaker (scare
    // quotes and titles, emitted as PARTIAL without a cue, left out).
    for (int mode = 0; mode < 2; ++mode) {
      Counts& c = mode == 0 ? all : spoken;
      std::vector<bool> gold_hit(gold.size());
      for (const Quote& q : pl.quotes) {
        if (mode == 1 && !IsSpeech(q)) continue;
        ++c.pred;
        Span ps{q.begin, q.end};
        bool ok = false;
        for (size_t g = 0; g < gold.size(); ++g) {
          uint32_t shorter = std::min(ps.e - ps.b, gold[g].span.e - gold[g].span.b);
          if (Overlap(ps, gold[g].span) * 2 < shorter || shorter == 0) continue;
          ok = true;
          if (gold_hit[g]) continue;
          gold_hit[g] = true;
          if (old_scoring ? !Named(gold[g].source_text)
                          : !Named(gold[g].source_text, &t,
                                   gold[g].source.empty() ? 0 : gold[g].source.front().b)) {
            if (verbose && mode == 0 && Named(gold[g].source_text)) {
              std::printf("UNNAMED %s | %s | pred=%s\n", article.c_str(),
                          gold[g].source_text.c_str(),
                          q.speaker_id ? pl.actors.actors[q.speaker_id - 1].name.c_str() : "-");
            }
            continue;
          }
          ++c.named;
          bool right = false;
          if (q.speaker_id != 0) {
            for (const Mention& m : pl.actors.actors[q.speaker_id - 1].mentions) {
              for (Span s : gold[g].source) right = right || Overlap({m.begin, m.end}, s) > 0;
            }
          }
          c.strict_ok += right;
          // Head coreference: the gold description names the predicted actor ("Republican
          // front-runner Donald Trump" holds "Donald Trump") though no mention overlaps it.
          if (!right && q.speaker_id != 0) {
            const std::string& name = pl.actors.actors[q.speaker_id - 1].name;
            right = name.find(' ') != std::string::npos &&
                    gold[g].source_text.find(name) != std::string::npos;
          }
          // Nested attribution: the gold Content itself holds the attribution that was found
          // ("“Q,” Walker said, according to an AP account": Content “Q,” Walker said, Source
          // the AP account) — a mention of the predicted speaker inside the Content, outside the
          // quote marks, with the predicted cue within 40 code points of it in the Content.
          if (!right && !old_scoring && q.speaker_id != 0 && q.kind == QuoteKind::kFull &&
              SayCue(q.cue)) {
            right = NestedAttribution(t, gold, gold[g], pl.actors.actors[q.speaker_id - 1],
                                      Decode(q.cue));
            c.nested_ok += right;
            if (verbose && right && mode == 0) {
              std::printf("NESTED %s | gold=%s | pred=%s | cue=%s | %s\n", article.c_str(),
                          gold[g].source_text.c_str(),
                          pl.actors.actors[q.speaker_id - 1].name.c_str(), q.cue.c_str(),
                          q.text.substr(0, 60).c_str());
            }
          }
          c.named_ok += right;
          if (verbose && !right && mode == 0) {
            bool reachable = false;  // some actor has a mention on the gold source
            for (const Actor& a : pl.actors.actors) {
              for (const Mention& m : a.mentions) {
                for (Span s : gold[g].source)
                  reachable = reachable || Overlap({m.begin, m.end}, s) > 0;
              }
            }
            std::printf("SPEAKER %s | gold=%s | pred=%s | cue=%s | %s | reachable=%d\n",
                        article.c_str(), gold[g].source_text.c_str(),
                        q.speaker_id ? pl.actors.actors[q.speaker_id - 1].name.c_str() : "-",
                        q.cue.c_str(), q.text.substr(0, 80).c_str(), reachable);
            uint32_t cb = q.begin > 250 ? q.begin - 250 : 0;
            std::string ctx = Utf8(t, {cb, q.begin}) + "[[Q]]" + Utf8(t, {q.end, q.end + 150});
            for (char& ch : ctx) ch = ch == '\n' ? '|' : ch;
            std::printf("   CTX %s\n", ctx.c_str());
          }
        }
        c.pred_ok += ok;
        if (verbose && !ok && mode == 0) {
          std::printf("FP %s | %s\n", article.c_str(), q.text.substr(0, 100).c_str());
        }
      }
      c.gold += gold.size();
      for (size_t g = 0; g < gold.size(); ++g) {
        c.gold_ok += gold_hit[g];
        if (verbose && !gold_hit[g] && mode == 0) {
          std::printf("FN %s | %s\n", article.c_str(),
                      Utf8(t, gold[g].span).substr(0, 100).c_str());
        }
      }
    }
  }
  std::printf("articles %zu\n", ann_of.size());
  Print("quotes (all emitted)", all);
  Print("quotes (attributed)", spoken);
  std::printf(
      "speaker accuracy (named sources, all quotes): %.4f (%zu/%zu); mention overlap "
      "only: %.4f; nested attributions: %zu\n",
      all.named ? double(all.named_ok) / all.named : 0, all.named_ok, all.named,
      all.named ? double(all.strict_ok) / all.named : 0, all.nested_ok);
  std::printf(
      "speaker accuracy (named sources, attributed quotes): %.4f (%zu/%zu); mention "
      "overlap only: %.4f\n",
      spoken.named ? double(spoken.named_ok) / spoken.named : 0, spoken.named_ok, spoken.named,
      spoken.named ? double(spoken.strict_ok) / spoken.named : 0);
  return 0;
}
