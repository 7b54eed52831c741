// The speaker behind a cue: mentions of actors near a position, pronouns, subjects before and
// after a verb, role descriptions, and the actors the quote stage creates for unnamed sources.

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::quote_internal {

bool QuoteFinder::IsPossessiveWord(const W& w) const {
  std::string_view s = Str(w);
  return (s.size() > 2 && (s.substr(s.size() - 2) == "'s")) ||
         (s.size() > 4 && s.substr(s.size() - 4) == "\xE2\x80\x99s");
}

// "then loudly asked": lowercase -ly words between a subject and its verb.
bool QuoteFinder::IsLyAdverb(const W& w) const {
  std::string_view s = Str(w);
  return s.size() > 4 && !IsCap(w) && s.substr(s.size() - 2) == "ly";
}

// Actor mention overlapping [b, e) outside the current quote; -1 if none. `skip_possessive`:
// "the mayor’s spokeswoman" is not the mayor speaking.
// Index of the first mention that starts at or after byte `pos` (mentions are sorted).
size_t QuoteFinder::MentionLowerBound(uint32_t pos) const {
  return static_cast<size_t>(
      std::lower_bound(actors_.mentions.begin(), actors_.mentions.end(), pos,
                       [](const ActorMentionRef& m, uint32_t p) { return m.begin < p; }) -
      actors_.mentions.begin());
}

int QuoteFinder::MentionIn(uint32_t b, uint32_t e, bool first, bool skip_possessive,
                           int type) const {
  int found = -1;
  size_t k = MentionLowerBound(b);
  // A mention starting before b may still reach into [b, e); names are short.
  for (int back = 0; k > 0 && back < 4; ++back) --k;
  for (; k < actors_.mentions.size(); ++k) {
    const ActorMentionRef& m = actors_.mentions[k];
    if (m.end <= b) continue;
    if (m.begin >= e) break;
    if (InCurrentQuote(m.begin)) continue;
    if (skip_possessive && m.possessive) continue;
    if (type >= 0 && static_cast<int>(actors_.actors[m.actor_index].type) != type) continue;
    found = static_cast<int>(m.actor_index);
    if (first) return found;
  }
  return found;
}

int QuoteFinder::ResolvePronoun(std::string_view w, uint32_t pos) {
  Gender g = Gender::kUnknown;
  ActorType type = ActorType::kPerson;
  if (EqLower(w, "he")) {
    g = Gender::kMale;
  } else if (EqLower(w, "she")) {
    g = Gender::kFemale;
  } else if (EqLower(w, "it")) {
    type = ActorType::kOrganization;
  } else {
    return -1;  // they/we/I: plural or first person, not resolved
  }
  // Subject preference: a he/she later in a sentence whose subject is a person of that gender
  // ("Bush went after Reed, when he called him ...") refers to that subject.
  if (type == ActorType::kPerson) {
    uint32_t sb = SentenceStart(pos, pos > 400 ? pos - 400 : 0);
    while (sb < pos && (t_[sb] == ' ' || t_[sb] == '\n' || t_[sb] == '\r' || t_[sb] == '\t')) {
      ++sb;
    }
    for (size_t k = MentionLowerBound(sb); k < actors_.mentions.size(); ++k) {
      const ActorMentionRef& m = actors_.mentions[k];
      if (m.begin >= pos) break;
      if (InAnyQuote(m.begin)) continue;
      const auto a = static_cast<int>(m.actor_index);
      if (m.possessive || actors_.actors[a].type != ActorType::kPerson) break;
      if (m.begin != sb) break;  // only a subject opening the sentence
      if (actors_.genders[a] == g) return a;
      if (actors_.genders[a] == Gender::kUnknown) {
        actors_.genders[a] = g;
        return a;
      }
      break;
    }
  }
  // Among the last three distinct candidates, one whose gender is known to match beats a
  // more recent one of unknown gender (after Citron's two-candidate window).
  int unknown = -1;
  int seen[3] = {-1, -1, -1};
  int n_seen = 0;
  // Bounded look-back keeps long articles linear.
  const size_t start = MentionLowerBound(pos);
  for (size_t k = start; k-- > 0 && n_seen < 3 && start - k <= 64;) {
    const ActorMentionRef& m = actors_.mentions[k];
    // Names inside quoted speech are not what a pronoun outside it refers to
    // ("“..., Hillary Clinton called ...,” Sanders said. “…,” she continued.").
    if (m.begin >= pos || InAnyQuote(m.begin)) continue;
    const auto a = static_cast<int>(m.actor_index);
    if (actors_.actors[a].type != type) continue;
    if (std::find(seen, seen + n_seen, a) != seen + n_seen) continue;
    seen[n_seen++] = a;
    if (type != ActorType::kPerson) return a;
    const Gender ag = actors_.genders[a];
    if (ag == g) return a;
    if (ag == Gender::kUnknown && unknown < 0) unknown = a;
  }
  if (unknown >= 0) actors_.genders[unknown] = g;  // later pronouns agree with this one
  return unknown;
}

// Head of an anonymous description: 1 for one person ("strategist"), 2 for a group
// ("strategists", "Republicans"), 0 otherwise.
int QuoteFinder::DescriptionHead(std::string_view w) {
  if (In(List::kDescriptionHeads, w)) return 1;
  if (In(List::kGroupHeads, w)) return 2;
  if (w.size() > 3 && w.back() == 's' && In(List::kDescriptionHeads, w.substr(0, w.size() - 1))) {
    return 2;
  }
  return 0;
}

// True when byte `b` opens a sentence (only spaces, and a closing quote mark, after a stop).
bool QuoteFinder::OpensSentence(uint32_t b) const {
  uint32_t k = b;
  while (k > 0 && t_[k - 1] == ' ') --k;
  return k == 0 || t_[k - 1] == '.' || t_[k - 1] == '!' || t_[k - 1] == '?' || t_[k - 1] == '\n';
}

// An anonymous description starting at ws[d] (before ws[hi]): "a Democratic strategist",
// "one senior adviser to the Hale campaign", "some GOP lawmakers", "White House officials".
// Returns the index of its last word and sets `group`, or -1 when ws[d..] is no such
// description or holds no capitalized word past its opening (a name in a modifier: "a source"
// names nobody).
int QuoteFinder::DescriptionAt(const std::vector<W>& ws, int d, int hi, bool& group) const {
  if (d >= hi || !IsWord(ws[d])) return -1;
  std::string_view w0 = Str(ws[d]);
  int b = d;
  int det = 0;  // 1: one person, 2: a group, 0: none
  if (In(List::kOneDeterminers, w0)) det = 1;
  if (In(List::kGroupDeterminers, w0)) det = 2;
  if (det != 0) ++b;
  // Premodifiers and the head: at most five words.
  int h = -1;
  int kind = 0;
  for (int k = b; k < hi && k < b + 5; ++k) {
    if (!IsWord(ws[k]) || IsPossessiveWord(ws[k]) || CueOf(Str(ws[k])) != CueType::kNone ||
        In(List::kQuoteDeterminers, Str(ws[k])) || In(List::kDescriptionStops, Str(ws[k])) ||
        In(List::kSubjectPronouns, Str(ws[k])) || In(List::kQuotePrepositions, Str(ws[k])) ||
        In(List::kClauseStops, Str(ws[k])) || EqLower(Str(ws[k]), "percent") ||
        (Str(ws[k])[0] >= '0' && Str(ws[k])[0] <= '9')) {
      break;
    }
    if (int kd = DescriptionHead(Str(ws[k])); kd != 0) {
      // "one veteran party organizer": the head is the last head word of the run.
      h = k;
      kind = kd;
    }
  }
  if (h < 0) return -1;
  if (det == 1 && kind != 1) return -1;  // "a officials"
  if (det == 2 && kind != 2) return -1;
  if (det == 0 && kind != 2) return -1;  // a bare singular is a name or a title
  group = kind == 2;
  // "a Republican strategist, Ana Ruiz" is fine, "a Republican strategist Ana Ruiz" names her.
  if (h + 1 < hi && IsWord(ws[h + 1]) && IsCap(ws[h + 1])) return -1;
  int end = h;
  // Post-modifier: "close to the Clintons", "familiar with the talks", "for Platte River".
  if (h + 1 < hi && IsWord(ws[h + 1]) && In(List::kPostModifiers, Str(ws[h + 1]))) {
    int k = h + 1;
    while (k < hi && k < h + 9 && IsWord(ws[k]) && !In(List::kDescriptionStops, Str(ws[k])) &&
           CueOf(Str(ws[k])) == CueType::kNone) {
      ++k;
    }
    end = k - 1;
  }
  bool named = false;
  for (int k = b; k <= end && !named; ++k) {
    if (!IsWord(ws[k]) || !IsCap(ws[k]) || In(List::kQuoteDeterminers, Str(ws[k]))) continue;
    // A capital opening the sentence is positional, except for a party's members.
    if (k == d && OpensSentence(ws[k].b) && !EqLower(Str(ws[k]), "republicans") &&
        !EqLower(Str(ws[k]), "democrats")) {
      continue;
    }
    named = true;
  }
  return named ? end : -1;
}

// New actor for the description ws[d..end]: a person, or an organization for a group.
int QuoteFinder::CreateDescription(const std::vector<W>& ws, int d, int end, bool group) {
  const ActorType type = group ? ActorType::kOrganization : ActorType::kPerson;
  return static_cast<int>(
      AddSpeakerActor(t_, ws[d].b, ws[end].e, type, offsets_, actors_, &names_));
}

// The description ending at ws[j] (the word before a cue), looking left down to ws[lo].
int QuoteFinder::DescriptionBefore(const std::vector<W>& ws, int j, int lo) {
  for (int d = j; d >= lo && d > j - 14; --d) {
    if (!IsWord(ws[d])) break;
    std::string_view w = Str(ws[d]);
    if (CueOf(w) != CueType::kNone && d < j) break;
    const bool opener = In(List::kOneDeterminers, w) || In(List::kGroupDeterminers, w);
    // Without a determiner the description opens at the sentence, a clause stop or a comma.
    const bool bare =
        !opener && (d == lo || !IsWord(ws[d - 1]) || In(List::kClauseStops, Str(ws[d - 1])));
    if (!opener && !bare) continue;
    bool group = false;
    const int end = DescriptionAt(ws, d, j + 1, group);
    if (end == j) return CreateDescription(ws, d, j, group);
    // "a Labour official who spoke on condition of anonymity said": a relative clause.
    if (end >= 0 && !group && end + 1 < j && EqLower(Str(ws[end + 1]), "who")) {
      return CreateDescription(ws, d, end, group);
    }
    if (opener) break;
  }
  return -1;
}

// New actor for a speaker noun phrase words[b..e] (inclusive) the NER did not tag.
int QuoteFinder::CreateFromPhrase(const std::vector<W>& ws, int b, int e) {
  while (b <= e && (In(List::kQuoteDeterminers, Str(ws[b])) || !IsWord(ws[b]))) ++b;
  if (b > e) return -1;
  const W& head = ws[e];
  const bool org_head = In(List::kOrgPhraseHeads, Str(head));
  bool all_cap = true;
  for (int k = b; k <= e; ++k) all_cap = all_cap && IsCap(ws[k]) && !IsPossessiveWord(ws[k]);
  ActorType type;
  int from = b;
  if (org_head) {
    type = ActorType::kOrganization;
    if (In(List::kSpokespersonNouns, Str(head))) {
      // "a White House spokesman": the organization speaks; needs a capitalized owner.
      int k = e - 1;
      while (k >= b && IsCap(ws[k])) --k;
      if (k == e - 1) return -1;
      from = k + 1;
      e = e - 1;
    }
  } else {
    // A name: the trailing capitalized run ("Democratic presidential candidate Bernie
    // Sanders", "MSNBC’s Chris Matthews"), titles dropped. One all-caps word is an acronym
    // (an organization); a lone party or nationality word is a description, not a name.
    (void)all_cap;
    if (!IsWord(ws[e]) || !IsCap(ws[e]) || IsPossessiveWord(ws[e])) return -1;
    int r = e;
    while (r - 1 >= b && IsWord(ws[r - 1]) && IsCap(ws[r - 1]) && !IsPossessiveWord(ws[r - 1])) {
      --r;
    }
    while (r < e && In(List::kNameTitles, Str(ws[r]))) ++r;
    if (In(List::kNameTitles, Str(ws[r]))) return -1;
    if (e - r > 3) return -1;
    std::string_view s = Str(ws[r]);
    if (r == e && (In(List::kQuoteDeterminers, s) || In(List::kNotNames, s) ||
                   (r > b && In(List::kQuoteDeterminers, Str(ws[r - 1]))))) {
      return -1;
    }
    bool acronym = r == e && s.size() >= 2;
    for (char c : s) acronym = acronym && (IsUpper(c) || c == '.' || c == '&');
    type = acronym ? ActorType::kOrganization : ActorType::kPerson;
    from = r;
  }
  if (type == ActorType::kOrganization && from == e) {
    // "the Post" after "The Washington Post", "the Journal", "the Times".
    std::string_view word = Str(ws[e]);
    // Only names ending in the word can pass the test below.
    names_.Update(actors_);
    const std::vector<uint32_t>& ending =
        names_.Find(ActorType::kOrganization, ActorNameIndex::kLast, word);
    for (size_t c = ending.size(); c-- > 0;) {
      const uint32_t i = ending[c];
      const Actor& a = actors_.actors[i];
      std::string_view an = a.name;
      if (a.type == ActorType::kOrganization && an.size() > word.size() + 1 &&
          an.substr(an.size() - word.size()) == word && an[an.size() - word.size() - 1] == ' ') {
        AddActorMention(t_, ws[e].b, ws[e].e, static_cast<uint32_t>(i), offsets_, actors_);
        return static_cast<int>(i);
      }
    }
  }
  const int idx =
      static_cast<int>(AddSpeakerActor(t_, ws[from].b, ws[e].e, type, offsets_, actors_, &names_));
  Actor& a = actors_.actors[idx];
  if (type == ActorType::kPerson && e > from && actors_.genders[idx] == Gender::kUnknown) {
    actors_.genders[idx] = GenderOfFirstName(Str(ws[from]));
  }
  if (a.country_code.empty()) {
    for (int k = from; k <= e; ++k) {
      std::string_view c =
          CountryOfDemonym(k > from ? Str(ws[k - 1]) : std::string_view(), Str(ws[k]));
      if (!c.empty()) {
        a.country_code.assign(c);
        break;
      }
    }
  }
  return idx;
}

// The first actor mentioned in ws[lo, j) that is not the object of a preposition ("Of
// Carson, Levine, who backs Rubio, said"), persons first; -1 if none.
// Index after a sentence-opening phrase ("Speaking to MSNBC's Morning Joe in Concord, ...",
// "In an interview with CNN, ...", "After Reed left, ...") that ends at a comma before `j`
// and is followed by more words; `lo` when the sentence opens otherwise.
int QuoteFinder::AfterOpeningPhrase(const std::vector<W>& ws, int lo, int j) const {
  // A dateline: "Washington (AFP) – ...", "WASHINGTON, Dec. 8 (UPI) — ...".
  for (int k = lo; k + 2 < j && k < lo + 10; ++k) {
    if (Str(ws[k]) == ")" && ws[k + 1].type == WType::kComma && t_[ws[k + 1].b] != ',') {
      lo = k + 2;
      break;
    }
  }
  // "In June, after Reed fell ill, Lind emailed": opening phrases in a row.
  for (int round = 0; round < 3; ++round) {
    if (lo >= j || !IsWord(ws[lo])) return lo;
    std::string_view w = Str(ws[lo]);
    const bool first = round == 0;
    const bool opener =
        In(List::kSubordinators, w) || In(List::kQuotePrepositions, w) ||
        In(List::kIntroOpeners, w) ||
        (first && IsCap(ws[lo]) && w.size() > 5 && w.substr(w.size() - 3) == "ing" &&
         !EqLower(w, "according")) ||  // "According to a poll, ..." names a source
        // "Preceded at the lectern by X, Trump ...", "Pressed on ..., Y said".
        (first && IsCap(ws[lo]) && w.size() > 4 && w.substr(w.size() - 2) == "ed" &&
         MentionIn(ws[lo].b, ws[lo].e, true, false, -1) < 0);
    if (!opener) return lo;
    int next = lo;
    for (int k = lo + 1; k + 1 < j; ++k) {
      if (ws[k].type == WType::kComma && !InAnyQuote(ws[k].b)) {
        next = k + 1;
        break;
      }
    }
    if (next == lo) return lo;
    lo = next;
  }
  return lo;
}

// "Reed's campaign shrugged it off, telling ...": X's campaign or aides (ws[k] and ws[k + 1],
// before ws[j]) speak for X; -1 otherwise.
int QuoteFinder::OwnerOfAgent(const std::vector<W>& ws, int k, int j) const {
  if (k + 1 >= j || !IsPossessiveWord(ws[k]) || !IsWord(ws[k + 1]) ||
      !(In(List::kAgentHeads, Str(ws[k + 1])) || EqLower(Str(ws[k + 1]), "campaign"))) {
    return -1;
  }
  return MentionIn(ws[k].b, ws[k].e, true, false, -1);
}

int QuoteFinder::ClauseActor(const std::vector<W>& ws, int lo, int j) const {
  lo = AfterOpeningPhrase(ws, lo, j);
  int a = -1, any = -1;
  for (int k = lo; k < j && a < 0; ++k) {
    if (!IsWord(ws[k]) || (k > lo && In(List::kQuotePrepositions, Str(ws[k - 1])))) continue;
    if (k > lo && IsWord(ws[k - 1]) && IsCap(ws[k - 1]) &&
        MentionIn(ws[k - 1].b, ws[k - 1].e, true, false, -1) >= 0) {
      continue;  // inside a mention already considered
    }
    if (any < 0) {
      if (int m = OwnerOfAgent(ws, k, j); m >= 0) return m;
    }
    const int m = MentionIn(ws[k].b, ws[k].e, true, true, -1);
    if (m < 0) continue;
    if (actors_.actors[m].type == ActorType::kPerson) a = m;
    if (any < 0) any = m;
  }
  if (a < 0 && any < 0) {
    // "a fundraising email sent out by Sanders on Tuesday warned": the agent of "by".
    for (int k = lo + 1; k < j; ++k) {
      if (!IsWord(ws[k]) || !EqLower(Str(ws[k - 1]), "by")) continue;
      if (int m = MentionIn(ws[k].b, ws[k].e, true, true, -1); m >= 0) return m;
    }
  }
  return a >= 0 ? a : any;
}

// Subject of the cue ws[vi], looking left down to ws[lo].
int QuoteFinder::SubjectBefore(const std::vector<W>& ws, int vi, int lo) {
  int j = vi - 1;
  // ("Will wrote": a capitalized name that is also an auxiliary is the subject.)
  while (j >= lo && IsWord(ws[j]) &&
         (In(List::kSubjectVerbFillers, Str(ws[j])) || IsLyAdverb(ws[j])) &&
         !(IsCap(ws[j]) && MentionIn(ws[j].b, ws[j].e, true, false, -1) >= 0)) {
    --j;
  }
  // "Rep. Jim McDermott (D-Wash.) said": skip a parenthetical after the name.
  if (j > lo && Str(ws[j]) == ")") {
    int k = j - 1;
    while (k > lo && Str(ws[k]) != "(" && j - k < 8) --k;
    if (k > lo && Str(ws[k]) == "(") j = k - 1;
  }
  if (j < lo) return -1;
  const W& w = ws[j];
  if (w.type == WType::kComma) {
    // Appositive: "the mayor’s spokeswoman, Ana Ruiz, told" / "Ruiz, director of X, said".
    int a = ClauseActor(ws, lo, j);
    if (a >= 0) return a;
    for (int k = lo; k < j; ++k) {
      if (!IsWord(ws[k]) || !IsCap(ws[k]) || IsPossessiveWord(ws[k]) ||
          In(List::kQuoteDeterminers, Str(ws[k])) || In(List::kSubjectPronouns, Str(ws[k]))) {
        continue;
      }
      int e = k;
      while (e + 1 < j && IsWord(ws[e + 1]) && IsCap(ws[e + 1]) && !IsPossessiveWord(ws[e + 1]))
        ++e;
      return CreateFromPhrase(ws, k, e);
    }
    return -1;
  }
  if (!IsWord(w)) return -1;
  if (In(List::kSubjectPronouns, Str(w))) return ResolvePronoun(Str(w), w.b);
  if (int a = DescriptionBefore(ws, j, lo); a >= 0) return a;
  if (int a = MentionIn(w.b, w.e, false, false, -1); a >= 0) return a;
  int k = j;
  while (k - 1 >= lo && IsWord(ws[k - 1]) && !In(List::kClauseStops, Str(ws[k - 1])) &&
         CueOf(Str(ws[k - 1])) == CueType::kNone && j - k < 6) {
    --k;
  }
  if (int a = MentionIn(ws[k].b, w.e, false, true, -1); a >= 0) return a;
  if (int a = RoleDescription(ws, k, j); a >= 0) return a;
  if (int a = OpeningDescription(ws, lo, j + 1); a >= 0) return a;
  if (In(List::kOrgPhraseHeads, Str(w)) || In(List::kAgentHeads, Str(w))) {
    // "Kasich’s campaign said", "Trump's spokeswoman said", "Trump's campaign manager says":
    // speaks for the owner.
    if (int a = MentionIn(ws[k].b, w.e, false, false, -1); a >= 0) return a;
  }
  if (int a = CreateFromPhrase(ws, k, j); a >= 0) return a;
  // "Nate Silver, the polling guru who founded fivethirtyeight.com tweeted": an unclosed
  // relative clause; the clause's first person is its subject.
  return ClauseActor(ws, lo, j);
}

// "the New Jersey governor said": a definite description whose head is a person role refers
// to the most recent person holding that role, else to the most recent person mentioned
// (outside the quote). The description becomes a mention of that actor.
int QuoteFinder::RoleDescription(const std::vector<W>& ws, int b, int e) {
  if (b >= e || !EqLower(Str(ws[b]), "the") || !In(List::kPersonHeads, Str(ws[e]))) return -1;
  for (int k = b + 1; k < e; ++k) {
    if (!IsWord(ws[k]) || IsPossessiveWord(ws[k])) return -1;
  }
  std::string_view head = Str(ws[e]);
  int fallback = -1;
  const size_t start = MentionLowerBound(ws[b].b);
  for (size_t k = start; k-- > 0 && start - k <= 64;) {
    const ActorMentionRef& m = actors_.mentions[k];
    if (InCurrentQuote(m.begin)) continue;
    const Actor& a = actors_.actors[m.actor_index];
    if (a.type != ActorType::kPerson) continue;
    if (fallback < 0) fallback = static_cast<int>(m.actor_index);
    bool role = false;
    for (const std::string& r : a.roles) {
      role = role || (r.size() >= head.size() &&
                      EqLower(std::string_view(r).substr(r.size() - head.size()), head));
    }
    if (role) {
      fallback = static_cast<int>(m.actor_index);
      break;
    }
  }
  if (fallback >= 0) AddActorMention(t_, ws[b].b, ws[e].e, fallback, offsets_, actors_);
  return fallback;
}

// Subject after the cue ("said Ana Ruiz", "according to the ministry"), up to ws[hi).
int QuoteFinder::SubjectAfter(const std::vector<W>& ws, int vi, int hi) {
  int b = vi + 1;
  if (b < hi && EqLower(Str(ws[b]), "to") && CueOf(Str(ws[vi])) == CueType::kAccording) ++b;
  int e = b;
  while (e < hi && e - b < 8) {
    // "said Sen. Robert Casey": the full stop of a title abbreviation is part of the name.
    const bool title_dot = ws[e].type == WType::kStop && t_[ws[e].b] == '.' && e > b &&
                           In(List::kNameTitles, Str(ws[e - 1]));
    if (!title_dot && (!IsWord(ws[e]) || (e > b && In(List::kClauseStops, Str(ws[e]))))) break;
    ++e;
  }
  if (e == b) return -1;
  if (e - b == 1 && In(List::kSubjectPronouns, Str(ws[b])))
    return ResolvePronoun(Str(ws[b]), ws[b].b);
  // "said a longtime adviser to the governor, who ...": the description speaks.
  if (bool group = false; true) {
    if (int d_end = DescriptionAt(ws, b, hi, group); d_end >= 0) {
      return CreateDescription(ws, b, d_end, group);
    }
  }
  if (int a = MentionIn(ws[b].b, ws[e - 1].e, true, true, -1); a >= 0) return a;
  // The phrase ends at its last capitalized word or organization head.
  int last = e - 1;
  while (last > b && !IsCap(ws[last]) && !In(List::kOrgPhraseHeads, Str(ws[last])) &&
         !In(List::kPersonHeads, Str(ws[last]))) {
    --last;
  }
  if (int a = RoleDescription(ws, b, last); a >= 0) return a;
  return CreateFromPhrase(ws, b, last);
}

// "Wafula urged Hale to ..., saying he preferred": the first actor of the clause.
// "Ryan saying he was ...", "with McCain telling reporters": a name right before the
// participle ws[k] is its subject; -1 otherwise.
// The name must open its clause ("–", ",", "and", "with" or the sentence start before it):
// in "sent a letter to Attorney General Lynch asking ..." the name is an object.
int QuoteFinder::NameBeforeParticiple(const std::vector<W>& ws, int k) const {
  // "with Trump reportedly yelling": adverbs between the name and the participle.
  while (k > 1 && IsWord(ws[k - 1]) && !IsCap(ws[k - 1]) &&
         (In(List::kSubjectVerbFillers, Str(ws[k - 1])) || IsLyAdverb(ws[k - 1]))) {
    --k;
  }
  if (k == 0 || !IsWord(ws[k - 1]) || !IsCap(ws[k - 1])) return -1;
  const int a = MentionIn(ws[k - 1].b, ws[k - 1].e, true, true, -1);
  if (a < 0) return -1;
  int s = k - 1;
  while (s > 0 && IsWord(ws[s - 1]) && IsCap(ws[s - 1])) --s;  // titles and first names
  if (s == 0 || ws[s - 1].type == WType::kComma) return a;
  std::string_view before = Str(ws[s - 1]);
  return EqLower(before, "and") || EqLower(before, "with") || EqLower(before, "but") ? a : -1;
}

int QuoteFinder::ParticipleSubject(const std::vector<W>& ws, int vi) {
  // "Fiorina said, adding that ...": the subject of the clause's own speech verb.
  for (int k = vi - 1; k > 0; --k) {
    if (!IsWord(ws[k]) || InAnyQuote(ws[k].b) || PassiveCue(ws, k)) continue;
    if (CueOf(Str(ws[k])) != CueType::kFinite) continue;
    if (AfterConjunction(ws, k)) continue;  // "says he'd sit Putin down and tell him"
    if (int a = SubjectBefore(ws, k, 0); a >= 0) return a;
    break;
  }
  // "The Florida senator ..., saying": a description opening the sentence.
  if (vi > 1 && EqLower(Str(ws[0]), "the")) {
    int e = 1;
    while (e < vi && e < 5 && IsWord(ws[e]) && !In(List::kPersonHeads, Str(ws[e]))) ++e;
    if (e < vi && e < 5 && IsWord(ws[e])) {
      if (int a = RoleDescription(ws, 0, e); a >= 0) return a;
    }
  }
  for (int k = AfterOpeningPhrase(ws, 0, vi); k < vi; ++k) {
    if (!IsWord(ws[k]) || InAnyQuote(ws[k].b)) continue;
    if (In(List::kSubjectPronouns, Str(ws[k]))) return ResolvePronoun(Str(ws[k]), ws[k].b);
    if (int a = OwnerOfAgent(ws, k, vi); a >= 0) return a;
    if (int a = MentionIn(ws[k].b, ws[k].e, true, true, -1); a >= 0) return a;
    // A capitalized word after the sentence opening ("Last month, Wafula urged") that the
    // recognizer missed, right before a lowercase (verb-like) word.
    if (k > 0 && ws[k - 1].type == WType::kComma && IsCap(ws[k]) && !IsPossessiveWord(ws[k]) &&
        k + 1 < vi && IsWord(ws[k + 1]) && !IsCap(ws[k + 1]) &&
        !In(List::kQuoteDeterminers, Str(ws[k]))) {
      return CreateFromPhrase(ws, k, k);
    }
  }
  return -1;
}

// "Hale's recent pledge to be “…”", "Hale's “…” remark": a claim noun owned by a possessive
// mention right before the quote (at most six words between, none a cue), or a
// possessive mention right before the quote and a claim noun right after it. -1 if none.
int QuoteFinder::PossessiveClaim(const std::vector<W>& wb, const std::vector<W>& wa) const {
  const int n = static_cast<int>(wb.size());
  auto owner = [&](int k) -> int {
    if (k < 0 || k >= n || !IsWord(wb[k]) || !IsPossessiveWord(wb[k])) return -1;
    return MentionIn(wb[k].b, wb[k].e, false, false, -1);
  };
  if (n > 0 && !wa.empty() && IsWord(wa.front()) && In(List::kClaimNouns, Str(wa.front()))) {
    if (int a = owner(n - 1); a >= 0) return a;
  }
  int that = -1;  // "Hale's claim is that the board is a “…”": a longer gap after "that"
  for (int c = n - 1; c >= 0 && c >= n - 16; --c) {
    if (!IsWord(wb[c])) return -1;
    if (CueOf(Str(wb[c])) != CueType::kNone) return -1;
    if (EqLower(Str(wb[c]), "that")) that = c;
    if (!In(List::kClaimNouns, Str(wb[c]))) continue;
    if (c < n - 7 && (that < 0 || that > c + 7)) return -1;
    // The owner: a possessive up to three modifiers before the noun ("Hale's controversial
    // new pledge").
    for (int k = c - 1; k >= 0 && k >= c - 4; --k) {
      if (!IsWord(wb[k])) break;
      if (int a = owner(k); a >= 0) return a;
      if (IsCap(wb[k]) || In(List::kQuoteDeterminers, Str(wb[k]))) break;
    }
    return -1;
  }
  return -1;
}

// The first actor of the clause before a quote, without creating actors: an existing
// non-possessive mention or a sentence-initial he/she.
// "The Florida senator and Republican candidate said", "The Republican nominee for the
// November election later said", "The Florida senator likes “…”": a definite description
// opening the clause at ws[lo], with a person head within its first six words before ws[e].
int QuoteFinder::OpeningDescription(const std::vector<W>& ws, int lo, int e) {
  if (lo >= e || !IsWord(ws[lo]) || !EqLower(Str(ws[lo]), "the")) return -1;
  for (int h = lo + 1; h < e && h <= lo + 6; ++h) {
    if (!IsWord(ws[h]) || IsPossessiveWord(ws[h])) return -1;
    if (In(List::kPersonHeads, Str(ws[h]))) {
      // The longest run of heads joined by "and" ("senator and ... candidate").
      int last = h;
      for (int m = h + 1; m < e && m <= lo + 10 && IsWord(ws[m]); ++m) {
        if (In(List::kPersonHeads, Str(ws[m]))) last = m;
        if (!IsWord(ws[m]) || (m == h + 1 && !EqLower(Str(ws[m]), "and"))) break;
      }
      return RoleDescription(ws, lo, last);
    }
  }
  return -1;
}

int QuoteFinder::SentenceSubject(const std::vector<W>& ws) {
  if (int a = OpeningDescription(ws, 0, static_cast<int>(ws.size())); a >= 0) return a;
  const auto from = static_cast<size_t>(AfterOpeningPhrase(ws, 0, static_cast<int>(ws.size())));
  for (size_t k = from; k < ws.size(); ++k) {
    if (!IsWord(ws[k]) || InAnyQuote(ws[k].b)) continue;
    if (k == 0 && In(List::kSubjectPronouns, Str(ws[k])))
      return ResolvePronoun(Str(ws[k]), ws[k].b);
    if (int a = MentionIn(ws[k].b, ws[k].e, true, true, -1); a >= 0) return a;
  }
  return -1;
}

// First actor mentioned in paragraph p outside quotes (its usual subject); -1 if none.
int QuoteFinder::FirstActorOf(uint32_t p) const {
  for (size_t k = MentionLowerBound(paras_[p].b); k < actors_.mentions.size(); ++k) {
    const ActorMentionRef& m = actors_.mentions[k];
    if (m.begin >= paras_[p].e) break;
    if (m.possessive || InAnyQuote(m.begin)) continue;
    return static_cast<int>(m.actor_index);
  }
  return -1;
}

// The person opening the sentence [sb, se) as its subject: its first mention, when only an
// opening phrase closed by a comma, titles and capitalized words come before it ("On “Morning
// Talk,” Sen. Kara Lind, who ..."); -1 otherwise ("Voters cheered Tom Hale ...").
int QuoteFinder::SentenceOpener(uint32_t sb, uint32_t se) {
  ScanWords(t_, sb, se, ws_h_, 24);
  bool lower_open = false;  // a lowercase word no comma has closed yet
  for (const W& w : ws_h_) {
    if (w.type == WType::kComma) lower_open = false;
    if (!IsWord(w) || InAnyQuote(w.b)) continue;  // a show's title is no subject
    const int m = MentionIn(w.b, w.e, true, false, -1);
    if (m >= 0) {
      const size_t k = MentionLowerBound(w.b);
      const bool possessive = k < actors_.mentions.size() && actors_.mentions[k].begin == w.b &&
                              actors_.mentions[k].possessive;
      if (lower_open || possessive || actors_.actors[m].type != ActorType::kPerson) return -1;
      return m;
    }
    if (!IsCap(w)) lower_open = true;
  }
  return -1;
}

// True when a sentence in [b, e) is about someone else: its first actor mention outside
// quotes (possessives included: "Clinton's campaign said") is another actor, or it opens its
// subject with a he/she of the wrong gender. Objects and later mentions ("Olsen supports
// Senator Mark Tully") do not interrupt the speaker's run.
bool QuoteFinder::OtherSubjectBetween(uint32_t b, uint32_t e, int actor) {
  // The rest of the attribution's own sentence ("Lynch announced the lawsuit against the
  // state, its governor and ...") holds its objects.
  uint32_t sb = b;
  uint32_t pv = b;
  while (pv > 0 && ClassOfLead(t_, LeadBefore(t_, pv)) == Cls::kSpace && t_[pv - 1] != '\n') {
    pv = static_cast<uint32_t>(LeadBefore(t_, pv));
  }
  if (pv > 0 && t_[pv - 1] != '\n' && t_[pv - 1] != '.' && t_[pv - 1] != '?' && t_[pv - 1] != '!') {
    sb = SentenceEnd(b, e);
  }
  // A run is carried over at most six sentences of other material (bounded cost).
  for (int sentences = 0; sb < e; ++sentences) {
    if (sentences == 6) return true;
    const uint32_t se = SentenceEnd(sb, e);
    // Only the words before the sentence's first actor mention matter.
    uint32_t stop = se;
    for (size_t k = MentionLowerBound(sb); k < actors_.mentions.size(); ++k) {
      if (actors_.mentions[k].begin >= se) break;
      if (!InAnyQuote(actors_.mentions[k].begin)) {
        stop = actors_.mentions[k].end;
        break;
      }
    }
    ScanWords(t_, sb, stop, ws_t_);
    for (size_t k = 0; k < ws_t_.size(); ++k) {
      const W& w = ws_t_[k];
      if (!IsWord(w) || InAnyQuote(w.b)) continue;
      if (EqLower(Str(w), "he") || EqLower(Str(w), "she")) {
        const Gender g = EqLower(Str(w), "he") ? Gender::kMale : Gender::kFemale;
        const Gender ag = actors_.genders[actor];
        if (actors_.actors[actor].type != ActorType::kPerson ||
            (ag != Gender::kUnknown && ag != g)) {
          return true;
        }
        break;
      }
      const int m = MentionIn(w.b, w.e, true, false, -1);
      if (m < 0) continue;
      if (m != actor) return true;
      break;
    }
    if (se <= sb) break;
    sb = se;
  }
  return false;
}

bool QuoteFinder::OtherActorBetween(uint32_t b, uint32_t e, int actor) const {
  for (size_t k = MentionLowerBound(b); k < actors_.mentions.size(); ++k) {
    const ActorMentionRef& m = actors_.mentions[k];
    if (m.begin >= e) break;
    if (static_cast<int>(m.actor_index) == actor) continue;
    if (!InAnyQuote(m.begin)) return true;
  }
  return false;
}

}  // namespace newsflow::extract::quote_internal
