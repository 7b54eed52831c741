// Attribution of a quote to a speaker: the speech cues around it and the rules, most precise
// first, that pick the cue and its speaker (Attribute), including inheritance across paragraphs.

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::quote_internal {

std::string_view QuoteFinder::Str(const W& w) const { return t_.substr(w.b, w.e - w.b); }

bool QuoteFinder::IsWord(const W& w) const { return w.type == WType::kWord; }

bool QuoteFinder::IsCap(const W& w) const { return IsUpper(t_[w.b]); }

bool QuoteFinder::InCurrentQuote(uint32_t pos) const {
  return pos >= cur_open_ && pos < cur_close_;
}

// Start of the sentence holding byte `pos`, not before `lo`.
uint32_t QuoteFinder::SentenceStart(uint32_t pos, uint32_t lo) const {
  for (uint32_t k = pos; k > lo; --k) {
    const uint32_t d = k - 1;
    // The cheap test first: only a stop followed by a space needs the abbreviation look-back.
    if (d + 1 < pos && ClassOfLead(t_, d + 1) == Cls::kSpace && IsSentenceEndAt(t_, d, lo)) {
      uint32_t b = d + 1;  // first character of the sentence
      while (b < pos && t_[b] == ' ') ++b;
      return b;
    }
  }
  return lo;
}

// End (exclusive, after the stop) of the sentence holding `pos`, not after `hi`.
uint32_t QuoteFinder::SentenceEnd(uint32_t pos, uint32_t hi) const {
  for (uint32_t k = pos; k < hi; ++k) {
    if ((k + 1 >= hi || ClassOfLead(t_, k + 1) == Cls::kSpace) && IsSentenceEndAt(t_, k, pos)) {
      return k + 1;
    }
  }
  return hi;
}

// "“….” Trump said.": after a closed quote, a short sentence made of a name and a cue is
// still its attribution (some outlets close quotes with a full stop).
bool QuoteFinder::ShortAttribution(const std::vector<W>& ws) const {
  int words = 0;
  bool cue = false;
  for (const W& w : ws) {
    if (!IsWord(w)) continue;
    if (++words > 6) return false;
    cue = cue || CueOf(Str(w)) == CueType::kFinite;
  }
  return cue && !ws.empty() && ws.back().type == WType::kStop;
}

// "and said", "but then wrote", "and later told": a second verb of the clause's subject.
bool QuoteFinder::AfterConjunction(const std::vector<W>& ws, int k) const {
  int j = k - 1;
  while (j >= 0 && IsWord(ws[j]) &&
         (In(List::kSubjectVerbFillers, Str(ws[j])) || IsLyAdverb(ws[j])) && k - j <= 3) {
    --j;
  }
  return j >= 0 && IsWord(ws[j]) && (EqLower(Str(ws[j]), "and") || EqLower(Str(ws[j]), "but"));
}

// "when asked whether", "was told": a passive or subordinate cue has no speaker subject.
bool QuoteFinder::PassiveCue(const std::vector<W>& ws, int k) const {
  return k > 0 && IsWord(ws[k - 1]) && In(List::kPassiveMarkers, Str(ws[k - 1]));
}

// Cue after the quote: the first speech verb within `max_words` words.
QuoteFinder::Attribution QuoteFinder::AfterCue(const std::vector<W>& ws, int max_words) {
  Attribution at;
  // `“…,” while Lind refers to him as ...`: a cue inside a subordinate clause opening right
  // after the quote is not its attribution; one after the clause's comma is (`“…” if she
  // loses, said Wasserman`), and so is "as" (`“…,” as Reed put it`).
  bool subordinate = false;
  for (const W& w : ws) {
    if (!IsWord(w)) continue;
    subordinate = In(List::kSubordinators, Str(w)) && !EqLower(Str(w), "as");
    break;
  }
  int words = 0;
  for (int k = 0; k < static_cast<int>(ws.size()); ++k) {
    if (ws[k].type == WType::kComma) subordinate = false;
    if (!IsWord(ws[k]) || subordinate) continue;
    if (++words > max_words) break;
    const CueType ct = CueOf(Str(ws[k]));
    if (ct == CueType::kNone || PassiveCue(ws, k)) continue;
    if (ct == CueType::kAccording &&
        !(k + 1 < static_cast<int>(ws.size()) && EqLower(Str(ws[k + 1]), "to")))
      continue;
    at.found = true;
    at.cue_b = ws[k].b;
    at.cue_e = ct == CueType::kAccording ? ws[k + 1].e : ws[k].e;
    bool words_before = false;
    for (int m = 0; m < k; ++m) words_before = words_before || IsWord(ws[m]);
    if (ct == CueType::kAccording) {
      at.actor = SubjectAfter(ws, k, static_cast<int>(ws.size()));
    } else if (ct == CueType::kParticiple || AfterConjunction(ws, k)) {
      // "..., saying" / "X did Y “Q” and said": the subject opens the sentence, or, when the
      // quote does, follows it ("“…,” Braynard is quoted as saying.").
      at.actor = ct == CueType::kParticiple ? NameBeforeParticiple(ws, k) : -1;
      if (at.actor < 0) at.actor = ParticipleSubject(ws_s_, static_cast<int>(ws_s_.size()));
      if (at.actor < 0) at.actor = ParticipleSubject(ws, k);
    } else if (!words_before) {
      at.actor = SubjectAfter(ws, k, static_cast<int>(ws.size()));
    } else if (k > 0 && ws[k - 1].type == WType::kComma &&
               In(List::kInvertibleSpeechVerbs, Str(ws[k])) &&
               k + 1 < static_cast<int>(ws.size()) && IsWord(ws[k + 1]) &&
               (IsCap(ws[k + 1]) || In(List::kQuoteDeterminers, Str(ws[k + 1])) ||
                In(List::kPersonHeads, Str(ws[k + 1])))) {
      // "“…” in the 2008 primary, said professor Paul Beck": inverted after a comma.
      at.actor = SubjectAfter(ws, k, static_cast<int>(ws.size()));
      if (at.actor < 0) at.actor = SubjectBefore(ws, k, 0);
    } else {
      at.actor = SubjectBefore(ws, k, 0);
    }
    return at;
  }
  return at;
}

// `“…!” Trump barked.` / `“…,” beamed Donald Hartley`: right after a quote that hands over,
// an actor next to a lowercase verb-like word is the speaker whatever the verb.
QuoteFinder::Attribution QuoteFinder::AfterAnyVerb(const std::vector<W>& ws) {
  Attribution at;
  size_t k = 0;
  while (k < ws.size() && ws[k].type == WType::kComma) ++k;
  if (k + 1 >= ws.size() || !IsWord(ws[k])) return at;
  // `“…,” while Trump refers to him as ...`: a new clause, not an attribution.
  if (In(List::kClauseStops, Str(ws[k])) || In(List::kSubordinators, Str(ws[k]))) return at;
  auto verb_like = [&](const W& w) {
    std::string_view v = Str(w);
    return IsWord(w) && !IsCap(w) && v.size() >= 4 &&
           (v.substr(v.size() - 2) == "ed" || v.back() == 's' ||
            In(List::kIrregularPastSpeech, v)) &&
           !In(List::kClauseStops, v);
  };
  if (!IsCap(ws[k]) && verb_like(ws[k])) {  // inverted: "beamed Donald Hartley"
    int a = MentionIn(ws[k + 1].b, ws[k + 1].e, true, true, -1);
    if (a < 0) return at;
    at.found = true;
    at.actor = a;
    at.cue_b = ws[k].b;
    at.cue_e = ws[k].e;
    return at;
  }
  // "Trump barked", "Texas delegate Bill Eastland said": the mention closest to the verb.
  size_t v = k;
  while (v < ws.size() && v < k + 5 && IsWord(ws[v]) && !verb_like(ws[v])) ++v;
  if (v >= ws.size() || v == k || !verb_like(ws[v])) return at;
  int a = MentionIn(ws[v - 1].b, ws[v - 1].e, true, true, -1);
  if (a < 0 && In(List::kSubjectPronouns, Str(ws[v - 1])) && v - 1 == k) {
    a = ResolvePronoun(Str(ws[k]), ws[k].b);
  }
  // `“…,” the vice-presidential nominee riffed`: a definite role description.
  if (a < 0 && v - 1 > k) a = RoleDescription(ws, static_cast<int>(k), static_cast<int>(v - 1));
  if (a < 0) return at;
  at.found = true;
  at.actor = a;
  at.cue_b = ws[v].b;
  at.cue_e = ws[v].e;
  return at;
}

// `Lind said (that) Reed called ...`: the subject of a plain say-verb whose complement clause
// opens with the subject of the cue ws[k] (at most four words, no punctuation, no other cue);
// -1 if none or the same actor. `o` is set to the say-verb's index.
int QuoteFinder::OuterReporter(const std::vector<W>& ws, int k, int inner, int& o) {
  o = k - 1;
  int words = 0;
  while (o >= 0 && IsWord(ws[o]) && CueOf(Str(ws[o])) == CueType::kNone && words < 5) {
    --o;
    ++words;
  }
  if (o < 0 || words == 0 || !IsWord(ws[o])) return -1;
  const std::string_view v = Str(ws[o]);
  int outer = -1;
  if (CueOf(v) == CueType::kFinite) {
    if (!(EqLower(v, "said") || EqLower(v, "says") || EqLower(v, "told"))) return -1;
    if (PassiveCue(ws, o)) return -1;
    outer = SubjectBefore(ws, o, 0);
  } else if (CueOf(v) == CueType::kParticiple) {
    // "..., noting that he has put together “…”"
    if (!(EqLower(v, "saying") || EqLower(v, "noting") || EqLower(v, "adding"))) return -1;
    outer = NameBeforeParticiple(ws, o);
    if (outer < 0) {
      outer = &ws == &ws_b_ ? ParticipleSubject(ws_s_, static_cast<int>(ws_s_.size()))
                            : ParticipleSubject(ws, o);
    }
  } else {
    return -1;
  }
  return outer == inner ? -1 : outer;
}

// Cue before the quote: the nearest speech verb with only a short, harmless gap to the mark.
QuoteFinder::Attribution QuoteFinder::BeforeCue(const std::vector<W>& ws, bool loose) {
  Attribution at;
  const int n = static_cast<int>(ws.size());
  for (int k = n - 1; k >= 0; --k) {
    if (!IsWord(ws[k])) continue;
    const CueType ct = CueOf(Str(ws[k]));
    if (ct == CueType::kNone) {
      if (EqLower(Str(ws[k]), "to") && k > 0 && CueOf(Str(ws[k - 1])) == CueType::kAccording) {
        at.found = true;
        at.cue_b = ws[k - 1].b;
        at.cue_e = ws[k].e;
        at.actor = SubjectAfter(ws, k - 1, n);
        return at;
      }
      continue;
    }
    if (ct == CueType::kAccording) continue;  // handled through "to"
    // "waved away those reports as “…”": after a determiner the word is a noun.
    if (k > 0 && IsWord(ws[k - 1]) && In(List::kNounDeterminers, Str(ws[k - 1]))) continue;
    // "Lind was asked by moderator Sam Porter, “…”" / "Asked by Thrush if ...": the agent.
    if (ct == CueType::kFinite && k + 2 < n && EqLower(Str(ws[k + 1]), "by") && IsWord(ws[k + 2])) {
      int e = k + 2;
      while (e + 1 < n && IsWord(ws[e + 1]) && e - k < 6) ++e;
      if (int a = MentionIn(ws[k + 2].b, ws[e].e, true, true, -1); a >= 0) {
        at.found = true;
        at.actor = a;
        at.cue_b = ws[k].b;
        at.cue_e = ws[k].e;
        return at;
      }
    }
    if (PassiveCue(ws, k)) continue;
    // Gap between the cue and the opening mark.
    int gap_words = 0;
    bool colon = false, pronoun_first = false, only_that = true, object_det = false,
         saw_that = false;
    for (int m = k + 1; m < n; ++m) {
      if (!IsWord(ws[m])) {
        colon = colon || ws[m].type == WType::kColon || ws[m].type == WType::kComma;
        continue;
      }
      if (gap_words == 0 && EqLower(Str(ws[m]), "that")) {
        saw_that = true;  // "warned that the “…”": a clause, not an object
        continue;
      }
      if (gap_words == 0 && In(List::kSubjectPronouns, Str(ws[m]))) pronoun_first = true;
      // "rules out ‘quick fix’": the quote is the verb's object, a scare quote.
      if (gap_words == 0 && !saw_that && In(List::kObjectDeterminers, Str(ws[m]))) {
        object_det = true;
      }
      ++gap_words;
      only_that = false;
    }
    const bool ok = only_that || (colon && gap_words <= 6) || (pronoun_first && gap_words <= 4) ||
                    (loose && gap_words <= 30 && !(gap_words == 1 && object_det));
    if (!ok) return at;
    at.found = true;
    at.cue_b = ws[k].b;
    at.cue_e = ws[k].e;
    if (ct == CueType::kParticiple || AfterConjunction(ws, k)) {
      // The subject opens the sentence, possibly before an earlier quote of it.
      at.actor = ct == CueType::kParticiple ? NameBeforeParticiple(ws, k) : -1;
      if (at.actor < 0) {
        at.actor = &ws == &ws_b_ ? ParticipleSubject(ws_s_, static_cast<int>(ws_s_.size()))
                                 : ParticipleSubject(ws, k);
      }
    } else {
      at.actor = SubjectBefore(ws, k, 0);
      // Reported speech inside reported speech: `Lind said Reed called on members to be “…”`
      // — the quote is no object of the inner verb, so the outer speaker's report it is;
      // `Lind said Reed called it “…”` stays Reed's.
      // A verb that names or shows rather than speaks ("shows", "put together") reports the
      // outer speaker's words even with the quote as its object.
      const std::string_view cv = Str(ws[k]);
      const bool weak = In(List::kWeakSpeechVerbs, cv);
      if (at.actor >= 0 && (gap_words > 2 || weak) && !colon) {
        int o = -1;
        if (int outer = OuterReporter(ws, k, at.actor, o); outer >= 0) {
          at.actor = outer;
          at.cue_b = ws[o].b;
          at.cue_e = ws[o].e;
        }
      }
      // `said the Florida senator, “…”`: the subject follows the cue.
      // Not `said the U.S. “…”`: there the phrase after the verb opens the quoted clause.
      bool clause_break = false;
      for (int m = k + 1; m < n && !clause_break; ++m) {
        clause_break = ws[m].type == WType::kComma || ws[m].type == WType::kColon;
      }
      if (at.actor < 0 && k + 1 < n && IsWord(ws[k + 1]) && clause_break) {
        at.actor = SubjectAfter(ws, k, n);
      }
    }
    return at;
  }
  return at;
}

// Words of `ws` before the one starting at byte `b`.
// `“…,” for instance, and Reed vowed ...`: a coordinating conjunction between the quote and
// the cue at byte `b` opens another clause.
bool QuoteFinder::ConjunctionBefore(const std::vector<W>& ws, uint32_t b) const {
  for (const W& w : ws) {
    if (w.b >= b) break;
    if (IsWord(w) && (EqLower(Str(w), "and") || EqLower(Str(w), "but") ||
                      EqLower(Str(w), "while") || EqLower(Str(w), "whereas"))) {
      return true;
    }
  }
  return false;
}

int QuoteFinder::CueDistance(const std::vector<W>& ws, uint32_t b) const {
  int words = 0;
  for (const W& w : ws) {
    if (w.b >= b) break;
    words += IsWord(w);
  }
  return words;
}

// Only "and", "or", commas and spaces between two quotes: items of one list.
bool QuoteFinder::ListedAfterPrevious(uint32_t b, uint32_t e) {
  ScanWords(t_, b, e, ws_t_);
  bool joiner = false;
  for (const W& w : ws_t_) {
    if (w.type == WType::kComma) {
      joiner = true;
      continue;
    }
    if (!IsWord(w) || !(EqLower(Str(w), "and") || EqLower(Str(w), "or"))) return false;
    joiner = true;
  }
  return joiner;
}

// `When Reed suggested ..., Lind fired back: “…”`: after a subordinate clause, the main
// clause's subject introduces the quote, not a speech verb inside the subordinate clause.
QuoteFinder::Attribution QuoteFinder::MainClauseIntro(const std::vector<W>& ws) {
  Attribution at;
  const int n = static_cast<int>(ws.size());
  if (n < 4 || !IsWord(ws[0]) || !In(List::kSubordinators, Str(ws[0]))) return at;
  for (int c = n - 2; c > 0; --c) {
    if (ws[c].type != WType::kComma || !IsWord(ws[c + 1])) continue;
    int a = -1;
    int v = c + 1;
    if (In(List::kSubjectPronouns, Str(ws[c + 1]))) {
      a = ResolvePronoun(Str(ws[c + 1]), ws[c + 1].b);
      v = c + 2;
    } else {
      // Titles and role words before the name: "Governor Kara Lind released".
      while (v < n && v < c + 4 && IsWord(ws[v]) && IsCap(ws[v]) &&
             (a = MentionIn(ws[v].b, ws[v].e, true, true, -1)) < 0) {
        ++v;
      }
      while (a >= 0 && v < n && IsWord(ws[v]) && IsCap(ws[v]) &&
             MentionIn(ws[v].b, ws[v].e, true, true, -1) == a) {
        ++v;
      }
    }
    if (a < 0 || v >= n || !IsWord(ws[v]) || IsCap(ws[v])) continue;
    at.found = true;
    at.actor = a;
    at.cue_b = ws[v].b;
    at.cue_e = ws[v].e;
    return at;
  }
  return at;
}

// The last attribution of paragraph p outside quotes ("…, the ministry said.").
QuoteFinder::Attribution QuoteFinder::ParagraphCue(uint32_t p, uint32_t from) {
  return SentenceCue(paras_[p].e, paras_[p].b, from);
}

// The last attribution of the sentence ending at `pe` (not before `lo` or `from`).
QuoteFinder::Attribution QuoteFinder::SentenceCue(uint32_t pe, uint32_t lo, uint32_t from) {
  Attribution at;
  uint32_t back = pe;
  while (back > lo && ClassOfLead(t_, back - 1) == Cls::kSpace) --back;
  const uint32_t b = std::max(SentenceStart(back > lo + 1 ? back - 1 : back, lo), from);
  if (b >= pe) return at;
  ScanWords(t_, b, pe, ws_a_);
  const int n = static_cast<int>(ws_a_.size());
  for (int k = n - 1; k >= 0; --k) {
    if (!IsWord(ws_a_[k]) || PassiveCue(ws_a_, k)) continue;
    const CueType ct = CueOf(Str(ws_a_[k]));
    if (ct != CueType::kFinite && ct != CueType::kParticiple) continue;
    at.found = true;
    at.cue_b = ws_a_[k].b;
    at.cue_e = ws_a_[k].e;
    if (ct == CueType::kParticiple) {  // "Braynard is quoted as saying."
      at.actor = ParticipleSubject(ws_a_, k);
      return at;
    }
    at.actor = SubjectBefore(ws_a_, k, 0);
    if (at.actor < 0) at.actor = SubjectAfter(ws_a_, k, n);
    return at;
  }
  return at;
}

// An introduction ending in a colon, in the same or the previous paragraph: "President
// Clinton released the following statement:", "Republican pollster Daron Shaw: “…”".
QuoteFinder::Attribution QuoteFinder::ColonIntro(uint32_t open, bool full) {
  Attribution at;
  uint32_t c = open;
  while (c > 0 && ClassOfLead(t_, LeadBefore(t_, c)) == Cls::kSpace) {
    c = static_cast<uint32_t>(LeadBefore(t_, c));
  }
  // A comma works the same for a full quote: "Trump issued a statement, “…”".
  if (c == 0 || (t_[c - 1] != ':' && !(t_[c - 1] == ',' && full))) return at;
  const uint32_t colon = c - 1;
  // The paragraph holding the colon (paragraphs are sorted).
  const auto p =
      static_cast<uint32_t>(std::upper_bound(paras_.begin() + 1, paras_.end(), colon,
                                             [](uint32_t c, const Segment& s) { return c < s.b; }) -
                            paras_.begin() - 1);
  const uint32_t sb =
      SentenceStart(colon, colon >= horizon_ ? std::max(horizon_, paras_[p].b) : paras_[p].b);
  uint32_t b = sb;
  auto it = std::upper_bound(raws_.begin(), raws_.end(), colon,
                             [](uint32_t p, const RawQuote& r) { return p < r.close_end; });
  if (it != raws_.begin() && std::prev(it)->close_end > b) b = std::prev(it)->close_end;
  ScanWords(t_, b, colon, ws_a_);
  int n = static_cast<int>(ws_a_.size());
  if (n == 0) return at;
  int a = MentionIn(ws_a_[n - 1].b, ws_a_[n - 1].e, false, true, -1);
  if (a >= 0) {
    // "delivered a blunt message to Trump:": a name after a preposition is an object.
    int s = n - 1;
    while (s > 0 && IsWord(ws_a_[s - 1]) && IsCap(ws_a_[s - 1]) &&
           MentionIn(ws_a_[s - 1].b, ws_a_[s - 1].e, true, false, -1) == a) {
      --s;
    }
    if (s > 0 && IsWord(ws_a_[s - 1]) && In(List::kQuotePrepositions, Str(ws_a_[s - 1]))) a = -1;
  }
  if (a < 0 && n >= 2 && In(List::kStatementNouns, Str(ws_a_[n - 1]))) {
    // "a blind faith in Obama’s word:", "the senator's statement:", "From Reed's Facebook
    // post:" (at most two capitalized words between the owner and the noun).
    for (int q = n - 2; q >= 0 && q >= n - 4 && IsWord(ws_a_[q]); --q) {
      if (IsPossessiveWord(ws_a_[q])) {
        a = MentionIn(ws_a_[q].b, ws_a_[q].e, false, false, -1);
        break;
      }
      if (!IsCap(ws_a_[q])) break;
    }
  }
  if (a < 0 && b > sb) {
    // "Perez contrasted the candidate, whom he called “volatile,” with Clinton:": an earlier
    // quote of the sentence cut the clause; its subject opens the sentence.
    ScanWords(t_, sb, colon, ws_a_);
    n = static_cast<int>(ws_a_.size());
  }
  if (a < 0) {
    // "When Wallace died, President Clinton released the following statement:".
    const Attribution main = MainClauseIntro(ws_a_);
    if (main.found) a = main.actor;
  }
  if (a < 0) a = ParticipleSubject(ws_a_, n);
  // "In response to the storm, Governor Kara Lind issued the following statement:": the
  // clause's subject after an opening phrase.
  if (a < 0) a = ClauseActor(ws_a_, 0, n);
  if (a < 0 && n <= 6) a = CreateFromPhrase(ws_a_, 0, n - 1);
  if (a < 0) return at;
  at.found = true;
  at.actor = a;
  at.cue_b = colon;
  at.cue_e = colon + 1;
  for (int k = n - 1; k >= 0; --k) {
    if (IsWord(ws_a_[k]) && CueOf(Str(ws_a_[k])) != CueType::kNone) {
      at.cue_b = ws_a_[k].b;
      at.cue_e = ws_a_[k].e;
      break;
    }
  }
  return at;
}

void QuoteFinder::Attribute(size_t qi, std::vector<Quote>& out) {
  const RawQuote& r = raws_[qi];
  cur_open_ = r.open;
  cur_close_ = r.close_end;
  const uint32_t pa = r.para_open, pc = r.para_close;
  const bool prev_same_para = qi > 0 && raws_[qi - 1].para_close == pa;
  const uint32_t lo = prev_same_para ? raws_[qi - 1].close_end : paras_[pa].b;
  const bool next_same_para = qi + 1 < raws_.size() && raws_[qi + 1].para_open == pc;
  const uint32_t hi = next_same_para ? raws_[qi + 1].open : paras_[pc].e;
  const uint32_t sent_b = SentenceStart(r.open, lo);
  const uint32_t sent_e = SentenceEnd(r.close_end, hi);
  // Looks back past earlier quotes of the paragraph stop kQuotesBack quotes back, so a
  // paragraph of thousands of quotes and no sentence end costs linear time, not quadratic.
  horizon_ = qi >= kQuotesBack && raws_[qi - kQuotesBack].para_close == pa
                 ? raws_[qi - kQuotesBack].close_end
                 : paras_[pa].b;

  Quote q;
  const Segment first = segs_[r.seg_first];
  const Segment last = segs_[r.seg_end - 1];
  q.begin = offsets_.ToCodePoint(first.b);
  q.end = offsets_.ToCodePoint(last.e);
  for (uint32_t s = r.seg_first; s < r.seg_end; ++s) {
    if (s > r.seg_first) q.text.push_back('\n');
    q.text.append(t_.substr(segs_[s].b, segs_[s].e - segs_[s].b));
  }

  // How the quoted text ends: "." closes the sentence (news style attributes after a ","),
  // "," / "?" / "!" hand over to an attribution right after the closing mark.
  uint32_t le = last.e;
  while (le > last.b && ClassOfLead(t_, LeadBefore(t_, le)) == Cls::kSpace)
    le = static_cast<uint32_t>(LeadBefore(t_, le));
  const char end_char = le > last.b ? t_[le - 1] : ' ';
  // ... unless lowercase text follows: a sentence never starts lowercase ("“….” said X").
  uint32_t nx = r.close_end;
  while (nx < sent_e && ClassOfLead(t_, nx) == Cls::kSpace) ++nx;
  const bool lower_next = nx < sent_e && t_[nx] >= 'a' && t_[nx] <= 'z';
  ScanWords(t_, r.close_end, sent_e, ws_a_);
  if (end_char == '.' && !lower_next && !ShortAttribution(ws_a_)) ws_a_.clear();
  ScanWords(t_, sent_b, r.open, ws_b_);
  ScanWords(t_, SentenceStart(r.open, horizon_), r.open, ws_s_);
  const bool hands_over = end_char == ',' || end_char == '?' || end_char == '!' ||
                          (end_char == '.' && !ws_a_.empty()) ||
                          (!ws_a_.empty() && ws_a_.front().type == WType::kComma);

  // Kind: a sentence (or more) or a fragment inside one.
  uint32_t k = first.b;
  while (k < first.e && ClassOfLead(t_, k) != Cls::kAlnum) ++k;
  const bool cap = k < first.e && (IsUpper(t_[k]) || (t_[k] >= '0' && t_[k] <= '9'));
  bool start_ok = r.open == paras_[pa].b || ws_b_.empty();
  if (!ws_b_.empty()) {
    const W& pw = ws_b_.back();
    start_ok = start_ok || pw.type == WType::kColon || pw.type == WType::kComma ||
               pw.type == WType::kStop || (IsWord(pw) && CueOf(Str(pw)) != CueType::kNone);
  }
  q.kind = cap && start_ok ? QuoteKind::kFull : QuoteKind::kPartial;

  // `"Q," X said` first when the quote hands over; else the cue before the quote wins over
  // a later one ("Rubio said he has begun “Q” of Trump, whom he called ...").
  Attribution at;
  // `X responds, “Why now?” Y then writes back`: a question or exclamation introduced by
  // "," or ":" belongs to the cue before it; the capitalized word after it opens a new
  // sentence.
  const bool introduced =
      !ws_b_.empty() && (ws_b_.back().type == WType::kColon || ws_b_.back().type == WType::kComma);
  const bool new_sentence_after = nx < sent_e && IsUpper(t_[nx]);
  if (prev_same_para && !out.empty() && out.back().speaker_id != 0 &&
      ListedAfterPrevious(raws_[qi - 1].close_end, r.open)) {
    // “a” and “b”, “a,” “b” or “c”: one list, one speaker — a cue after the last item
    // ("..., whom he described as ...") belongs to another clause.
    q.speaker_id = out.back().speaker_id;
    q.cue = out.back().cue;
    out.push_back(std::move(q));
    return;
  }
  // A transcript turn speaks for its label ("HALE: …"), or for no one ("ANNOUNCER: …").
  if (r.turn_actor == kUnnamedTurn) {
    last_actor_ = -1;
    last_pos_ = r.close_end;
    out.push_back(std::move(q));
    return;
  }
  if (r.turn_actor >= 0) {
    at.found = true;
    at.actor = r.turn_actor;
    at.cue_b = r.label_b;
    at.cue_e = r.label_e;
  }
  // `“…” ― Rosa Medina`: a quote opening its line and signed after it, the signature
  // alone on the rest of the line, is the most explicit attribution there is. (In running
  // text, `insisted her party was "…"--Ana Ruiz.` is the reporter's byline.)
  // A headline may also open with a quote and a dash (`“…” — Reed Attacks Rival Again`):
  // there the capitalized words are no name unless the article has them as an actor.
  if (!at.found && r.open == paras_[pa].b) {
    at = Signature(r.close_end, paras_[pc].e, !TitleCase(pc));
  }
  if (!at.found && TitleCase(pa) && r.para_open == r.para_close) {
    // Headlines ("Cruz: Trump Would Put Liberals On Court, ‘…’", "Donald Trump Praises
    // Editor Matthew Boyle: ‘…’"): capitalized verbs are no cues; the name before a colon,
    // else the name opening the headline, speaks.
    if (!prev_same_para) at = HeadlineSpeaker(pa, r.open);
    if (!at.found) {
      if (const int a = HeadlineOpener(pa, r.open); a >= 0) {
        at.found = true;
        at.actor = a;
        at.cue_b = at.cue_e = 0;
      }
    }
  }
  if (!at.found && hands_over && introduced && (end_char == '?' || end_char == '!') &&
      new_sentence_after) {
    at = BeforeCue(ws_b_, false);
    if (at.found && at.actor < 0) at = Attribution{};
  }
  if (!at.found && hands_over) {
    at = AfterCue(ws_a_, 10);
    if (at.found && CueDistance(ws_a_, at.cue_b) >= 3 &&
        (at.actor < 0 || ConjunctionBefore(ws_a_, at.cue_b))) {
      // `“…,” referencing its donations, but multiple reports reveal`: a far cue after the
      // quote with no speaker gives way to a cue before it that has one.
      Attribution before = BeforeCue(ws_b_, false);
      if (!before.found) before = BeforeCue(ws_b_, true);
      if (before.found && before.actor >= 0) at = before;
    }
  }
  const bool near_after = at.found;
  if (!at.found && introduced) at = MainClauseIntro(ws_b_);
  if (!at.found) at = BeforeCue(ws_b_, false);
  if (!at.found) at = BeforeCue(ws_b_, true);
  if (at.found && at.actor < 0 && !near_after && ws_s_.size() > ws_b_.size()) {
    // `Ortiz, the author of “Paper Towns,” said the days when ... “…”`: the subject stands
    // before an earlier quote of the sentence.
    Attribution whole = BeforeCue(ws_s_, true);
    if (whole.found && whole.actor >= 0 && whole.cue_b == at.cue_b) at = whole;
  }
  if (!at.found && hands_over) at = AfterAnyVerb(ws_a_);
  bool from_after = near_after || at.found;
  if (!at.found) {
    at = AfterCue(ws_a_, 30);
    from_after = at.found;
  }
  if (!at.found) at = SignatureLine(pc, r.close_end);
  // Only for the paragraph's first quote: `Clinton: “…” Bush: “…”` is a dialogue.
  if (!at.found && !prev_same_para) at = HeadlineSpeaker(pa, r.open);
  if (!at.found) at = ColonIntro(r.open, q.kind == QuoteKind::kFull);
  if (!at.found && prev_same_para && !out.empty() && out.back().speaker_id != 0 &&
      SentenceStart(r.open, raws_[qi - 1].close_end) == raws_[qi - 1].close_end) {
    // Quotes listed in one sentence share its attribution: a “loser,” a “liar” and a “…”.
    q.speaker_id = out.back().speaker_id;
    q.cue = out.back().cue;
    out.push_back(std::move(q));
    return;
  }
  if (!at.found) {
    if (int a = PossessiveClaim(ws_b_, ws_a_); a >= 0) {
      at.found = true;
      at.actor = a;
    }
  }
  if (!at.found && q.kind == QuoteKind::kPartial) {
    // A fragment woven into a sentence without a speech verb ("Manafort dismissed the
    // kerfuffle as “…”") is the words of the sentence's subject when one is mentioned before
    // it; no cue is recorded. Scare quotes in sentences without an actor stay unattributed.
    at.actor = SentenceSubject(ws_s_);
    // In a headline every word is capitalized, so a subject the recognizer did not tag
    // ("Angry Farmers Rip Tom Hale As A ‘…’") leaves the object as the first actor:
    // only an actor opening the headline is its subject.
    if (at.actor >= 0 && TitleCase(pa) && HeadlineOpener(pa, r.open) != at.actor) {
      at.actor = -1;
    }
    if (at.actor >= 0) at.found = true;
  }
  if (!at.found && q.kind == QuoteKind::kPartial && prev_same_para && !out.empty() &&
      out.back().speaker_id != 0 && sent_b > raws_[qi - 1].close_end &&
      !OtherActorBetween(sent_b, sent_e, -1)) {
    // `“…,” Doyle said. Instead, “he pretended ...”`: a lowercase continuation in the next
    // sentence, with no actor and no cue of its own, goes on with the quote before it.
    q.speaker_id = out.back().speaker_id;
    q.cue = out.back().cue;
    out.push_back(std::move(q));
    return;
  }
  if (!at.found && q.kind == QuoteKind::kFull &&
      (r.open == paras_[pa].b || prev_same_para || r.open == sent_b)) {
    // A cue-less quote paragraph (or second half of a split quote) continues the latest
    // attribution: a quote's speaker, or "…, X said." ending the previous paragraph.
    int cand = last_actor_;
    uint32_t cand_pos = last_pos_;
    bool no_cue = false;
    Attribution pc_at;
    if (r.open == paras_[pa].b && pa > 0) {
      const uint32_t from =
          qi > 0 && raws_[qi - 1].para_close == pa - 1 ? raws_[qi - 1].close_end : 0;
      pc_at = ParagraphCue(pa - 1, from);
    } else if (r.open == sent_b && sent_b > lo) {
      // "Or maybe Jeb Bush, consultant Phil Musser says. “…”": the sentence before.
      pc_at = SentenceCue(sent_b, lo, lo);
      if (!pc_at.found && (!prev_same_para || (!out.empty() && out.back().speaker_id == 0))) {
        // `Sen. Kara Lind (Vt.), who lost the primary, named young voters as a reason. “…”`:
        // a quote after a cue-less sentence of its paragraph elaborates what that sentence's
        // subject, a person, said.
        const int fa =
            SentenceOpener(SentenceStart(sent_b - 1, std::min(horizon_, sent_b - 1)), sent_b);
        if (fa >= 0) {
          cand = fa;
          cand_pos = r.open;
          no_cue = true;  // the sentence before has no speech verb to record
        }
      }
    }
    if (pc_at.found && pc_at.cue_b > cand_pos) {
      cand = pc_at.actor;
      cand_pos = pc_at.cue_e;
      at.cue_b = pc_at.cue_b;
      at.cue_e = pc_at.cue_e;
    }
    // Another actor in between blocks, unless the paragraph right before is about the
    // speaker ("Viguerie is upbeat about Cruz's chances ..." between two Viguerie quotes).
    if (cand >= 0 && (!OtherActorBetween(cand_pos, r.open, cand) ||
                      !OtherSubjectBetween(cand_pos, r.open, cand) ||
                      (r.open == paras_[pa].b && pa > 0 && FirstActorOf(pa - 1) == cand))) {
      at.actor = cand;
      at.found = true;
      if (at.cue_e == 0 && !no_cue) {
        at.cue_b = last_cue_b_;
        at.cue_e = last_cue_e_;
      }
    }
  }
  if (at.found) {
    q.cue.assign(t_.substr(at.cue_b, at.cue_e - at.cue_b));
    if (at.actor >= 0) {
      q.speaker_id = static_cast<uint32_t>(at.actor) + 1;
      last_actor_ = at.actor;
      // The attribution clause itself ("said Huckabee spokesman Hogan Gidley.") is not an
      // intervening actor for the next quote.
      last_pos_ = std::max({at.cue_e, r.close_end, from_after ? sent_e : 0u});
      last_cue_b_ = at.cue_b;
      last_cue_e_ = at.cue_e;
    } else {
      // "“…,” a source said.": the next cue-less quote continues the unknown speaker, not an
      // earlier named one.
      last_actor_ = -1;
      last_pos_ = std::max(at.cue_e, r.close_end);
    }
  }
  out.push_back(std::move(q));
}

}  // namespace newsflow::extract::quote_internal
