// Special conventions: transcript turns ("HALE: …" inside a quote), signatures on the quote's
// own line ("“…” ― Name"), and headline speakers ("Name: … ‘…’").

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::quote_internal {

// An upper-case speaker label opening [b, e): "HALE: ", "MR. REED: ", "SEN. KARA LIND: ".
// Returns the byte after the colon and its spaces, and the name in [nb, ne); 0 if none.
uint32_t QuoteFinder::TurnLabel(uint32_t b, uint32_t e, uint32_t& nb, uint32_t& ne,
                                uint32_t& colon) const {
  while (b < e && t_[b] == ' ') ++b;
  uint32_t k = b;
  int words = 0, letters = 0;
  while (k < e && k < b + 40) {
    const char c = t_[k];
    if (IsUpper(c)) {
      ++letters;
    } else if (c == ' ') {
      if (k == b || t_[k - 1] == ' ') return 0;
      ++words;
    } else if (c == ':') {
      break;
    } else if (c != '.' && c != '-' && c != '\'') {
      return 0;  // lowercase, digits, other marks: a sentence, a time ("10:30"), …
    }
    ++k;
  }
  auto space_at = [&](uint32_t i) -> uint32_t {  // length of a space or no-break space
    if (i < e && t_[i] == ' ') return 1;
    return i + 1 < e && static_cast<unsigned char>(t_[i]) == 0xC2 &&
                   static_cast<unsigned char>(t_[i + 1]) == 0xA0
               ? 2
               : 0;
  };
  if (k >= e || t_[k] != ':' || letters < 2 || words > 3 || space_at(k + 1) == 0) return 0;
  uint32_t after = k + 1;
  while (uint32_t l = space_at(after)) after += l;
  if (after >= e) return 0;  // a label with nothing said
  nb = b;
  ne = k;
  colon = k;
  while (ne > nb && (t_[ne - 1] == ' ' || t_[ne - 1] == '.')) --ne;
  return after;
}

// What a label names, without side effects: a person of the article with that surname (or
// full name), the one mentioned last before the label when there are two Reeds; kUnnamedTurn
// for a role ("ANNOUNCER"); kNoTurn for a name the article does not have. [fb, fe) is the
// name past titles.
int QuoteFinder::LabelActor(uint32_t nb, uint32_t ne, uint32_t& fb, uint32_t& fe) {
  ScanWords(t_, nb, ne, ws_sig_);
  int f = 0;
  const int n = static_cast<int>(ws_sig_.size());
  while (f < n && (!IsWord(ws_sig_[f]) || In(List::kNameTitles, Str(ws_sig_[f])))) ++f;
  if (f >= n || !IsWord(ws_sig_[n - 1])) return kUnnamedTurn;
  for (int k = f; k < n; ++k) {
    if (IsWord(ws_sig_[k]) && In(List::kUnnamedLabels, Str(ws_sig_[k]))) return kUnnamedTurn;
  }
  fb = ws_sig_[f].b;
  fe = ws_sig_[n - 1].e;
  const std::string_view surname = Str(ws_sig_[n - 1]);
  const std::string_view full = t_.substr(fb, fe - fb);
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (ToLower(a[i]) != ToLower(b[i])) return false;
    }
    return true;
  };
  int matches[8];
  int n_match = 0;
  for (size_t i = 0; i < actors_.actors.size() && n_match < 8; ++i) {
    const Actor& a = actors_.actors[i];
    if (a.type != ActorType::kPerson) continue;
    std::string_view name = a.name;
    const size_t sp = name.rfind(' ');
    const std::string_view last = sp == std::string_view::npos ? name : name.substr(sp + 1);
    if (same(name, full) || same(last, surname)) matches[n_match++] = static_cast<int>(i);
  }
  if (n_match == 0) return kNoTurn;
  for (size_t k = MentionLowerBound(nb); k-- > 0;) {
    const auto a = static_cast<int>(actors_.mentions[k].actor_index);
    if (std::find(matches, matches + n_match, a) != matches + n_match) return a;
  }
  return matches[0];
}

// The speaker of a turn: LabelActor's person, the label becoming its mention; else, with
// `create`, a new person named by the label.
int QuoteFinder::TurnSpeaker(uint32_t nb, uint32_t ne, bool create) {
  uint32_t fb = 0, fe = 0;
  const int a = LabelActor(nb, ne, fb, fe);
  if (a >= 0) {
    // The recognizer may have tagged the label already.
    bool has = false;
    for (size_t k = MentionLowerBound(fb); k < actors_.mentions.size() && !has; ++k) {
      const ActorMentionRef& m = actors_.mentions[k];
      if (m.begin != fb) break;
      has = m.end == fe && static_cast<int>(m.actor_index) == a;
    }
    if (!has) AddActorMention(t_, fb, fe, static_cast<uint32_t>(a), offsets_, actors_);
    return a;
  }
  if (a == kUnnamedTurn || !create) return a;
  const size_t before = actors_.actors.size();
  const auto idx =
      static_cast<int>(AddSpeakerActor(t_, fb, fe, ActorType::kPerson, offsets_, actors_, &names_));
  if (actors_.actors.size() > before) {
    // "HALE" is written in capitals only as a label: the actor is "Hale".
    std::string& name = actors_.actors[idx].name;
    bool word_start = true;
    for (char& c : name) {
      if (!word_start && IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
      word_start = c == ' ' || c == '-' || c == '\'';
    }
  }
  return idx;
}

// A label at the start of segment s, as TurnLabel; 0 if none.
uint32_t QuoteFinder::SegmentLabel(uint32_t s, uint32_t& nb, uint32_t& ne, uint32_t& colon) const {
  if (!OpensParagraph(segs_[s].b)) return 0;
  return TurnLabel(segs_[s].b, segs_[s].e, nb, ne, colon);
}

// A quote whose paragraphs open with speaker labels is a transcript: each labelled paragraph
// starts a turn (a quote of its own, the label left out of its text) that runs on through
// unlabelled paragraphs until the next label.
void QuoteFinder::SplitTurns() {
  uint32_t nb = 0, ne = 0, colon = 0;
  bool any_label = false;
  for (uint32_t s = 0; s < segs_.size() && !any_label; ++s) {
    any_label = SegmentLabel(s, nb, ne, colon) != 0;
  }
  if (!any_label) return;  // the usual case
  std::vector<RawQuote> out;
  for (const RawQuote& r : raws_) {
    // A transcript: two labels or more, one of them a person of the article (new actors
    // for the others), or one label that names such a person. "AMERICA FIRST: …" alone, or
    // "FACT: …" and "FICTION: …", are no speakers.
    int labels = 0, known = 0;
    for (uint32_t s = r.seg_first; s < r.seg_end; ++s) {
      if (SegmentLabel(s, nb, ne, colon) == 0) continue;
      ++labels;
      uint32_t fb = 0, fe = 0;
      if (LabelActor(nb, ne, fb, fe) >= 0) ++known;
    }
    if (known == 0) {
      out.push_back(r);
      continue;
    }
    RawQuote cur = r;
    bool open_piece = false;
    for (uint32_t s = r.seg_first; s < r.seg_end; ++s) {
      const uint32_t after = SegmentLabel(s, nb, ne, colon);
      if (after == 0) {
        if (!open_piece) {
          cur = r;
          cur.seg_first = s;
          open_piece = true;
        }
        continue;
      }
      if (open_piece) {
        cur.seg_end = s;
        cur.close_end = segs_[s - 1].e;
        cur.para_close = ParagraphOf(segs_[s - 1].e - 1);
        out.push_back(cur);
      }
      cur = r;
      cur.open = colon + 1;  // the turn opens after its label, as after "X said:"
      cur.para_open = ParagraphOf(segs_[s].b);
      cur.seg_first = s;
      cur.turn_actor = TurnSpeaker(nb, ne, labels >= 2);
      cur.label_b = colon;
      cur.label_e = colon + 1;
      segs_[s].b = after;
      open_piece = true;
    }
    if (open_piece) {
      cur.seg_end = r.seg_end;
      cur.close_end = r.close_end;
      cur.para_close = r.para_close;
      out.push_back(cur);
    }
  }
  raws_ = std::move(out);
}

// Byte length of a dash at `b` that can open a signature ("—", "–", "―", "-"); 0 if none.
uint32_t QuoteFinder::DashAt(uint32_t b, uint32_t e) const {
  const auto c = static_cast<unsigned char>(t_[b]);
  if (c == '-') return b + 1 < e && t_[b + 1] == '-' ? 2 : 1;
  if (c == 0xE2 && b + 2 < e && static_cast<unsigned char>(t_[b + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(t_[b + 2]);
    if (d == 0x93 || d == 0x94 || d == 0x95) return 3;
  }
  return 0;
}

// A signature filling [b, e): spaces, a dash, then a short name of capitalized words and
// initials ("― Marta L. Ortiz Vega.") and nothing else. A name the article has no actor for
// becomes one only with `create`.
QuoteFinder::Attribution QuoteFinder::Signature(uint32_t b, uint32_t e, bool create) {
  Attribution at;
  while (b < e && ClassOfLead(t_, b) == Cls::kSpace) {
    const auto c = static_cast<unsigned char>(t_[b]);
    b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  if (b >= e) return at;
  const uint32_t len = DashAt(b, e);
  if (len == 0) return at;
  ScanWords(t_, b + len, e, ws_sig_);
  int n = static_cast<int>(ws_sig_.size());
  while (n > 0 && ws_sig_[n - 1].type == WType::kStop) --n;
  // "- Dana Holt, Portland.": a capitalized place or affiliation after a comma.
  int name_end = n;
  for (int k = 0; k < n; ++k) {
    if (ws_sig_[k].type != WType::kComma) continue;
    if (k == 0 || n - k - 1 > 4) return at;
    for (int j = k + 1; j < n; ++j) {
      if (ws_sig_[j].type != WType::kComma && (!IsWord(ws_sig_[j]) || !IsCap(ws_sig_[j]))) {
        return at;
      }
    }
    name_end = k;
    break;
  }
  n = name_end;
  int words = 0;
  for (int k = 0; k < n; ++k) {
    const W& w = ws_sig_[k];
    if (w.type == WType::kStop && t_[w.b] == '.' && k > 0) continue;  // "A." initials
    if (!IsWord(w) || !IsCap(w) || IsPossessiveWord(w)) return at;
    ++words;
  }
  if (words == 0 || words > 5) return at;
  int a = MentionIn(ws_sig_[0].b, ws_sig_[n - 1].e, true, true, -1);
  if (a < 0 && !create) return at;
  if (a < 0 && words < n) {
    // Initials ("Marta L. Ortiz"): the whole signature is the name, past any title.
    int f = 0;
    while (f + 1 < n && (!IsWord(ws_sig_[f]) || In(List::kNameTitles, Str(ws_sig_[f])))) ++f;
    a = static_cast<int>(AddSpeakerActor(t_, ws_sig_[f].b, ws_sig_[n - 1].e, ActorType::kPerson,
                                         offsets_, actors_, &names_));
    if (actors_.genders[a] == Gender::kUnknown) {
      actors_.genders[a] = GenderOfFirstName(Str(ws_sig_[f]));
    }
  }
  if (a < 0) a = CreateFromPhrase(ws_sig_, 0, n - 1);
  if (a < 0) return at;
  at.found = true;
  at.actor = a;
  at.cue_b = b;
  at.cue_e = b + len;
  return at;
}

// A quote paragraph signed on the next line: "“…”" then "- Sanders." / "— Hillary Clinton".
// (Signed on its own line, `“…” ― Rosa Medina`, is checked first of all.)
QuoteFinder::Attribution QuoteFinder::SignatureLine(uint32_t p, uint32_t close_end) {
  Attribution at;
  if (p + 1 >= paras_.size()) return at;
  for (uint32_t k = close_end; k < paras_[p].e; ++k) {
    if (ClassOfLead(t_, k) != Cls::kSpace && t_[k] != '.') return at;  // quote ends paragraph
  }
  return Signature(paras_[p + 1].b, paras_[p + 1].e, true);
}

// Headline and transcript style: "Graham: Trump’s ‘…’ Destroying GOP’s Chance" — a short
// capitalized name and a colon open the paragraph.
QuoteFinder::Attribution QuoteFinder::HeadlineSpeaker(uint32_t p, uint32_t open) {
  Attribution at;
  const uint32_t pb = paras_[p].b;
  uint32_t colon = pb;
  while (colon < open && colon < pb + 60 && t_[colon] != ':') ++colon;
  if (colon >= open || t_[colon] != ':') return at;
  ScanWords(t_, pb, colon, ws_a_);
  const int n = static_cast<int>(ws_a_.size());
  if (n == 0 || n > 4) return at;
  for (const W& w : ws_a_) {
    if (w.type == WType::kStop && t_[w.b] == '.') continue;  // "Dr. Ben Carson:"
    if (!IsWord(w) || !IsCap(w) || IsPossessiveWord(w)) return at;
  }
  int a = MentionIn(ws_a_.front().b, ws_a_.back().e, true, true, -1);
  if (a < 0) a = CreateFromPhrase(ws_a_, 0, n - 1);
  if (a < 0) return at;
  at.found = true;
  at.actor = a;
  at.cue_b = colon;
  at.cue_e = colon + 1;
  return at;
}

// The actor whose mention opens headline paragraph p (before byte `limit`), past a tag such
// as "WATCH:" and titles ("WATCH: Sen. Ted Cruz Rips …"); -1 if none or a possessive.
int QuoteFinder::HeadlineOpener(uint32_t p, uint32_t limit) {
  ScanWords(t_, paras_[p].b, std::min(paras_[p].e, limit), ws_h_, 8);
  size_t k = 0;
  // "WATCH:" is a tag; "Trump:" is a speaker and stays.
  if (ws_h_.size() > 2 && IsWord(ws_h_[0]) && ws_h_[1].type == WType::kColon &&
      MentionIn(ws_h_[0].b, ws_h_[0].e, true, false, -1) < 0) {
    k = 2;
  }
  while (k < ws_h_.size() && ((IsWord(ws_h_[k]) && In(List::kNameTitles, Str(ws_h_[k]))) ||
                              (ws_h_[k].type == WType::kStop && t_[ws_h_[k].b] == '.'))) {
    ++k;
  }
  if (k >= ws_h_.size() || !IsWord(ws_h_[k])) return -1;
  const size_t m = MentionLowerBound(ws_h_[k].b);
  if (m >= actors_.mentions.size() || actors_.mentions[m].begin != ws_h_[k].b ||
      actors_.mentions[m].end > limit || actors_.mentions[m].possessive) {
    return -1;
  }
  return static_cast<int>(actors_.mentions[m].actor_index);
}

}  // namespace newsflow::extract::quote_internal
