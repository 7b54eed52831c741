#pragma once
// Private to the quote stage (quotes.h is the public API): the character classes and word
// scanner the quote rules share (their word lists are in lexicon.h), and the QuoteFinder class
// whose members live in
//   quote_pairing.cc      pairing of quote marks into quotes, paragraphs, title case;
//   quote_conventions.cc  transcript turns, signatures, headline speakers;
//   quote_attribution.cc  cues and the attribution rules, most precise first (Attribute);
//   quote_speakers.cc     the subject of a cue: mentions, pronouns, descriptions, new actors;
//   quotes.cc             the run: pairing, turns, attribution, titles dropped, ids renumbered.
// A QuoteFinder is made for one article and used once, on one thread.

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

#include "daemon/extract/lexicon.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract::quote_internal {

// The stage's word lists are lexicon.h's; In(list, word) folds ASCII case like the rules expect.
using lexicon::List;
inline bool In(List list, std::string_view word) { return lexicon::Contains(list, word); }

enum class Mark : uint8_t {
  kNone,
  kStraight,
  kOpenDouble,
  kCloseDouble,
  kOpenSingle,
  kCloseSingle,
  kTwoApostrophes,  // '' : opens or closes by context, like a straight double quote (NYT archives)
  kTwoBackticks,    // `` : opens only, closed by '' (Penn Treebank / LDC)
  kOpenLow          // „ : opens only, closed by “ or ” (German, Polish, Czech ...)
};
enum class Cls : uint8_t { kSpace, kAlnum, kPunct };

inline Mark MarkAt(std::string_view t, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == '"') {
    len = 1;
    return Mark::kStraight;
  }
  // One ' is never a mark (apostrophes, possessives, feet); two in a row are the ASCII double
  // quote of archives and transcripts that had no " key or wrote `` '' for “ ”.
  if ((c == '\'' || c == '`') && i + 1 < t.size() && t[i + 1] == t[i]) {
    len = 2;
    return c == '`' ? Mark::kTwoBackticks : Mark::kTwoApostrophes;
  }
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    len = 3;
    switch (static_cast<unsigned char>(t[i + 2])) {
      case 0x9C:
        return Mark::kOpenDouble;
      case 0x9D:
        return Mark::kCloseDouble;
      case 0x98:
        return Mark::kOpenSingle;
      case 0x99:
        return Mark::kCloseSingle;
      case 0x9E:
        return Mark::kOpenLow;
      default:
        return Mark::kNone;
    }
  }
  if (c == 0xC2 && i + 1 < t.size()) {
    len = 2;
    if (static_cast<unsigned char>(t[i + 1]) == 0xAB) return Mark::kOpenDouble;   // «
    if (static_cast<unsigned char>(t[i + 1]) == 0xBB) return Mark::kCloseDouble;  // »
  }
  return Mark::kNone;
}

// Class of the code point starting at byte j (lead byte), past ASCII.
inline Cls ClassOfNonAscii(std::string_view t, size_t j) {
  const auto c = static_cast<unsigned char>(t[j]);
  if (c == 0xC2 && j + 1 < t.size() && static_cast<unsigned char>(t[j + 1]) == 0xA0) {
    return Cls::kSpace;  // no-break space
  }
  if (c == 0xE2 && j + 1 < t.size() && static_cast<unsigned char>(t[j + 1]) == 0x80) {
    const auto d = j + 2 < t.size() ? static_cast<unsigned char>(t[j + 2]) : 0;
    return d <= 0x8A ? Cls::kSpace : Cls::kPunct;  // U+2000..200A are spaces
  }
  if (c == 0xC2 && j + 1 < t.size() && static_cast<unsigned char>(t[j + 1]) < 0xC0) {
    return Cls::kPunct;  // Latin-1 punctuation (« » ¡ ¿ ...)
  }
  return Cls::kAlnum;  // letters of other scripts; good enough for quote-mark context
}

// ASCII classes by table: this runs on nearly every byte the stage looks at.
inline constexpr auto kAsciiClass = [] {
  std::array<Cls, 128> a{};
  for (int c = 0; c < 128; ++c) {
    a[c] = Cls::kPunct;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') a[c] = Cls::kSpace;
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      a[c] = Cls::kAlnum;
    }
  }
  return a;
}();

// Class of the code point starting at byte j (lead byte).
inline Cls ClassOfLead(std::string_view t, size_t j) {
  if (j >= t.size()) return Cls::kSpace;
  const auto c = static_cast<unsigned char>(t[j]);
  return c < 0x80 ? kAsciiClass[c] : ClassOfNonAscii(t, j);
}

inline size_t LeadBefore(std::string_view t, size_t i) {
  size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  return k;
}

inline Cls ClassBefore(std::string_view t, size_t i) {
  return i == 0 ? Cls::kSpace : ClassOfLead(t, LeadBefore(t, i));
}

inline char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

enum class CueType : uint8_t { kNone, kFinite, kParticiple, kAccording };

inline CueType CueOf(std::string_view w) {
  if (w.size() < 3 || w.size() > 13) return CueType::kNone;
  if (EqLower(w, "according")) return CueType::kAccording;
  if (In(List::kSpeechVerbs, w)) return CueType::kFinite;
  if (In(List::kSpeechParticiples, w)) return CueType::kParticiple;
  return CueType::kNone;
}

enum class WType : uint8_t { kWord, kComma, kColon, kStop, kOther };

struct W {
  uint32_t b = 0;
  uint32_t e = 0;
  WType type = WType::kWord;
};

// Splits [b, e) into words and punctuation (no allocation beyond `out`'s capacity), stopping
// after `max_words` words.
inline void ScanWords(std::string_view t, uint32_t b, uint32_t e, std::vector<W>& out,
                      uint32_t max_words = UINT32_MAX) {
  out.clear();
  uint32_t i = b;
  uint32_t words = 0;
  while (i < e && words < max_words) {
    const auto c = static_cast<unsigned char>(t[i]);
    Cls cls = ClassOfLead(t, i);
    uint32_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (cls == Cls::kSpace) {
      i += len;
      continue;
    }
    if (cls == Cls::kPunct) {
      // Apostrophe inside a word is handled below; here it starts nothing.
      W w{i, i + len, WType::kOther};
      if (c == ',') w.type = WType::kComma;
      if (c == ':' || c == ';') w.type = WType::kColon;
      if (c == '.' || c == '?' || c == '!') w.type = WType::kStop;
      if (c == 0xE2 && i + 2 < t.size() &&
          (static_cast<unsigned char>(t[i + 2]) == 0x94 ||
           static_cast<unsigned char>(t[i + 2]) == 0x93)) {
        w.type = WType::kComma;  // em/en dash works like a comma for appositives
      }
      out.push_back(w);
      i += len;
      continue;
    }
    uint32_t j = i;
    while (j < e) {
      const auto d = static_cast<unsigned char>(t[j]);
      uint32_t l = d < 0x80 ? 1 : d < 0xE0 ? 2 : d < 0xF0 ? 3 : 4;
      Cls k = ClassOfLead(t, j);
      if (k == Cls::kAlnum) {
        j += l;
        continue;
      }
      // ' ’ - . & inside a word: "Hale’s", "Jean-Luc", "U.S", "AT&T".
      bool inner =
          (d == '\'' || d == '-' || d == '.' || d == '&' ||
           (d == 0xE2 && j + 2 < t.size() && static_cast<unsigned char>(t[j + 1]) == 0x80 &&
            static_cast<unsigned char>(t[j + 2]) == 0x99));
      // "9/11", "24/7": a slash between digits.
      inner = inner || (d == '/' && j > i && t[j - 1] >= '0' && t[j - 1] <= '9' && j + 1 < e &&
                        t[j + 1] >= '0' && t[j + 1] <= '9');
      if (inner && j + l < e && ClassOfLead(t, j + l) == Cls::kAlnum) {
        j += l;
        continue;
      }
      break;
    }
    out.push_back({i, j, WType::kWord});
    ++words;
    i = j;
  }
}

// Longest word of List::kQuoteAbbreviations, in bytes (lexicon_test checks it).
inline constexpr size_t kMaxAbbrevBytes = 4;

inline bool IsAbbrevBefore(std::string_view t, size_t dot, size_t lo) {
  // Anything longer than the longest abbreviation is none, so the look-back stops there: a
  // megabyte of "a.a.a." would otherwise be walked again for every one of its dots.
  const size_t floor = dot > lo + kMaxAbbrevBytes + 1 ? dot - kMaxAbbrevBytes - 1 : lo;
  size_t k = dot;
  while (k > floor && ClassOfLead(t, k - 1) == Cls::kAlnum) --k;
  // Include inner dots ("U.S").
  while (k > floor + 1 && t[k - 1] == '.' && ClassOfLead(t, k - 2) == Cls::kAlnum) {
    k -= 2;
    while (k > floor && ClassOfLead(t, k - 1) == Cls::kAlnum) --k;
  }
  if (k == floor && floor > lo && dot - k > kMaxAbbrevBytes) return false;
  std::string_view w = t.substr(k, dot - k);
  if (w.size() == 1 && IsUpper(w[0])) return true;  // initials
  return In(List::kQuoteAbbreviations, w);
}

inline bool IsSentenceEndAt(std::string_view t, size_t k, size_t lo) {
  const char c = t[k];
  if (c != '.' && c != '?' && c != '!') return false;
  if (c == '.' && IsAbbrevBefore(t, k, lo)) return false;
  return true;
}

struct Segment {
  uint32_t b;
  uint32_t e;
};

// How many earlier quotes of its paragraph a quote's look-back may cross.
inline constexpr size_t kQuotesBack = 16;

inline constexpr int kNoTurn = -1;
inline constexpr int kUnnamedTurn = -2;

struct RawQuote {
  uint32_t open = 0;       // byte offset of the opening mark
  uint32_t close_end = 0;  // byte offset just after the closing mark
  uint32_t seg_first = 0;  // index into segments
  uint32_t seg_end = 0;
  uint32_t para_open = 0;
  uint32_t para_close = 0;
  // A transcript turn ("HALE: …"): the label's speaker, kUnnamedTurn, or kNoTurn.
  int turn_actor = kNoTurn;
  uint32_t label_b = 0, label_e = 0;  // the label's colon, recorded as the cue
};

class QuoteFinder {
 public:
  QuoteFinder(std::string_view text, const OffsetMap& offsets, ActorSet& actors)
      : t_(text), offsets_(offsets), actors_(actors) {}

  void Run(std::vector<Quote>& out);

  // Titles are no quotes: a fragment in Title Case ("Face the Nation", "State of the Union",
  // "Contract with America") without a cue (a speaker found without one does not make it
  // speech), outside a headline (where every word is capitalized and a quoted fragment is
  // usually speech). Runs after every rule that looks at neighbouring quotes, which index
  // `out` like `raws_`.
  void DropTitles(std::vector<Quote>& out);

  // Every word capitalized (or a number: "13th"), short function words aside, and at most
  // eight words; no exclamation or question.
  bool LooksLikeTitle(const RawQuote& r);

  // `Guns are “a” and “b,” Dean proclaimed`: a fragment left without a speaker that is listed
  // with the next quote of its paragraph ("and", "or", commas only between) takes its speaker.
  void ShareBackwards(std::vector<Quote>& out);

 private:
  // ---- spans --------------------------------------------------------------------------------

  void SplitParagraphs();

  struct Open {
    bool active = false;
    bool single = false;
    bool straight = false;
    uint32_t open = 0;
    uint32_t inner_begin = 0;
    uint32_t seg_first = 0;
    uint32_t para = 0;
    bool apos = false;  // opened by '' or ``: only '' closes it
    bool low = false;   // opened by „: “ or ” closes it
  };
  // A quote nested inside one of the same style (“a “b” c”), kept in case the outer one never
  // closes: then it was no outer quote but a stray mark, and the nested ones are the quotes.
  struct Nested {
    uint32_t open, inner_begin, close, close_end;
  };
  std::vector<Nested> nested_;
  // German and Danish quote »so«: set when the text's first guillemet is a » that opens.
  bool reversed_guillemets_ = false;
  Mark MarkHere(size_t i, size_t& len) const;

  void CloseOuter(Open& o, uint32_t mark, uint32_t mark_end, uint32_t para);

  void FindQuotes();

  // ---- transcript turns ----------------------------------------------------------------------

  // An upper-case speaker label opening [b, e): "HALE: ", "MR. REED: ", "SEN. KARA LIND: ".
  // Returns the byte after the colon and its spaces, and the name in [nb, ne); 0 if none.
  uint32_t TurnLabel(uint32_t b, uint32_t e, uint32_t& nb, uint32_t& ne, uint32_t& colon) const;

  // What a label names, without side effects: a person of the article with that surname (or
  // full name), the one mentioned last before the label when there are two Reeds; kUnnamedTurn
  // for a role ("ANNOUNCER"); kNoTurn for a name the article does not have. [fb, fe) is the
  // name past titles.
  int LabelActor(uint32_t nb, uint32_t ne, uint32_t& fb, uint32_t& fe);

  // The speaker of a turn: LabelActor's person, the label becoming its mention; else, with
  // `create`, a new person named by the label.
  int TurnSpeaker(uint32_t nb, uint32_t ne, bool create);

  // True when segment text starting at `seg_b` opens its paragraph, right after the quote mark
  // that opens or reopens it: only there is "NAME:" a speaker label.
  bool OpensParagraph(uint32_t seg_b) const;

  // A label at the start of segment s, as TurnLabel; 0 if none.
  uint32_t SegmentLabel(uint32_t s, uint32_t& nb, uint32_t& ne, uint32_t& colon) const;

  uint32_t ParagraphOf(uint32_t pos) const;

  // A quote whose paragraphs open with speaker labels is a transcript: each labelled paragraph
  // starts a turn (a quote of its own, the label left out of its text) that runs on through
  // unlabelled paragraphs until the next label.
  void SplitTurns();

  // ---- helpers over context ------------------------------------------------------------------

  std::string_view Str(const W& w) const;
  bool IsWord(const W& w) const;
  bool IsCap(const W& w) const;
  bool IsPossessiveWord(const W& w) const;
  // "then loudly asked": lowercase -ly words between a subject and its verb.
  bool IsLyAdverb(const W& w) const;
  bool InCurrentQuote(uint32_t pos) const;

  // Start of the sentence holding byte `pos`, not before `lo`.
  uint32_t SentenceStart(uint32_t pos, uint32_t lo) const;
  // End (exclusive, after the stop) of the sentence holding `pos`, not after `hi`.
  uint32_t SentenceEnd(uint32_t pos, uint32_t hi) const;

  // Actor mention overlapping [b, e) outside the current quote; -1 if none. `skip_possessive`:
  // "the mayor’s spokeswoman" is not the mayor speaking.
  // Index of the first mention that starts at or after byte `pos` (mentions are sorted).
  size_t MentionLowerBound(uint32_t pos) const;

  int MentionIn(uint32_t b, uint32_t e, bool first, bool skip_possessive, int type) const;

  int ResolvePronoun(std::string_view w, uint32_t pos);

  // Head of an anonymous description: 1 for one person ("strategist"), 2 for a group
  // ("strategists", "Republicans"), 0 otherwise.
  static int DescriptionHead(std::string_view w);

  // True when byte `b` opens a sentence (only spaces, and a closing quote mark, after a stop).
  bool OpensSentence(uint32_t b) const;

  // An anonymous description starting at ws[d] (before ws[hi]): "a Democratic strategist",
  // "one senior adviser to the Hale campaign", "some GOP lawmakers", "White House officials".
  // Returns the index of its last word and sets `group`, or -1 when ws[d..] is no such
  // description or holds no capitalized word past its opening (a name in a modifier: "a source"
  // names nobody).
  int DescriptionAt(const std::vector<W>& ws, int d, int hi, bool& group) const;

  // New actor for the description ws[d..end]: a person, or an organization for a group.
  int CreateDescription(const std::vector<W>& ws, int d, int end, bool group);

  // The description ending at ws[j] (the word before a cue), looking left down to ws[lo].
  int DescriptionBefore(const std::vector<W>& ws, int j, int lo);

  // New actor for a speaker noun phrase words[b..e] (inclusive) the NER did not tag.
  int CreateFromPhrase(const std::vector<W>& ws, int b, int e);

  // The first actor mentioned in ws[lo, j) that is not the object of a preposition ("Of
  // Carson, Levine, who backs Rubio, said"), persons first; -1 if none.
  // Index after a sentence-opening phrase ("Speaking to MSNBC's Morning Joe in Concord, ...",
  // "In an interview with CNN, ...", "After Reed left, ...") that ends at a comma before `j`
  // and is followed by more words; `lo` when the sentence opens otherwise.
  int AfterOpeningPhrase(const std::vector<W>& ws, int lo, int j) const;

  // "Reed's campaign shrugged it off, telling ...": X's campaign or aides (ws[k] and ws[k + 1],
  // before ws[j]) speak for X; -1 otherwise.
  int OwnerOfAgent(const std::vector<W>& ws, int k, int j) const;

  int ClauseActor(const std::vector<W>& ws, int lo, int j) const;

  // Subject of the cue ws[vi], looking left down to ws[lo].
  int SubjectBefore(const std::vector<W>& ws, int vi, int lo);

  // "the New Jersey governor said": a definite description whose head is a person role refers
  // to the most recent person holding that role, else to the most recent person mentioned
  // (outside the quote). The description becomes a mention of that actor.
  int RoleDescription(const std::vector<W>& ws, int b, int e);

  // Subject after the cue ("said Ana Ruiz", "according to the ministry"), up to ws[hi).
  int SubjectAfter(const std::vector<W>& ws, int vi, int hi);

  // "Wafula urged Hale to ..., saying he preferred": the first actor of the clause.
  // "Ryan saying he was ...", "with McCain telling reporters": a name right before the
  // participle ws[k] is its subject; -1 otherwise.
  // The name must open its clause ("–", ",", "and", "with" or the sentence start before it):
  // in "sent a letter to Attorney General Lynch asking ..." the name is an object.
  int NameBeforeParticiple(const std::vector<W>& ws, int k) const;

  int ParticipleSubject(const std::vector<W>& ws, int vi);

  struct Attribution {
    bool found = false;  // a cue was found (speaker may still be unknown: "a source said")
    int actor = -1;
    uint32_t cue_b = 0, cue_e = 0;
  };

  // "“….” Trump said.": after a closed quote, a short sentence made of a name and a cue is
  // still its attribution (some outlets close quotes with a full stop).
  bool ShortAttribution(const std::vector<W>& ws) const;

  // "and said", "but then wrote", "and later told": a second verb of the clause's subject.
  bool AfterConjunction(const std::vector<W>& ws, int k) const;

  // "when asked whether", "was told": a passive or subordinate cue has no speaker subject.
  bool PassiveCue(const std::vector<W>& ws, int k) const;

  // Cue after the quote: the first speech verb within `max_words` words.
  Attribution AfterCue(const std::vector<W>& ws, int max_words);

  // `“…!” Trump barked.` / `“…,” beamed Donald Hartley`: right after a quote that hands over,
  // an actor next to a lowercase verb-like word is the speaker whatever the verb.
  Attribution AfterAnyVerb(const std::vector<W>& ws);

  // `Lind said (that) Reed called ...`: the subject of a plain say-verb whose complement clause
  // opens with the subject of the cue ws[k] (at most four words, no punctuation, no other cue);
  // -1 if none or the same actor. `o` is set to the say-verb's index.
  int OuterReporter(const std::vector<W>& ws, int k, int inner, int& o);

  // Cue before the quote: the nearest speech verb with only a short, harmless gap to the mark.
  Attribution BeforeCue(const std::vector<W>& ws, bool loose);

  // A headline: a short paragraph (at most 30 words) with four or more words of four letters or
  // more, at least 90% of them capitalized, outside quotes ("Reed told CNN’s Jake Tapper:" is
  // a sentence).
  bool TitleCase(uint32_t p);
  bool ComputeTitleCase(uint32_t p);

  // Words of `ws` before the one starting at byte `b`.
  // `“…,” for instance, and Reed vowed ...`: a coordinating conjunction between the quote and
  // the cue at byte `b` opens another clause.
  bool ConjunctionBefore(const std::vector<W>& ws, uint32_t b) const;

  int CueDistance(const std::vector<W>& ws, uint32_t b) const;

  // Only "and", "or", commas and spaces between two quotes: items of one list.
  bool ListedAfterPrevious(uint32_t b, uint32_t e);

  // `When Reed suggested ..., Lind fired back: “…”`: after a subordinate clause, the main
  // clause's subject introduces the quote, not a speech verb inside the subordinate clause.
  Attribution MainClauseIntro(const std::vector<W>& ws);

  // The last attribution of paragraph p outside quotes ("…, the ministry said.").
  Attribution ParagraphCue(uint32_t p, uint32_t from);

  // The last attribution of the sentence ending at `pe` (not before `lo` or `from`).
  Attribution SentenceCue(uint32_t pe, uint32_t lo, uint32_t from);

  // Byte length of a dash at `b` that can open a signature ("—", "–", "―", "-"); 0 if none.
  uint32_t DashAt(uint32_t b, uint32_t e) const;

  // A signature filling [b, e): spaces, a dash, then a short name of capitalized words and
  // initials ("― Marta L. Ortiz Vega.") and nothing else. A name the article has no actor for
  // becomes one only with `create`.
  Attribution Signature(uint32_t b, uint32_t e, bool create);

  // A quote paragraph signed on the next line: "“…”" then "- Sanders." / "— Hillary Clinton".
  // (Signed on its own line, `“…” ― Rosa Medina`, is checked first of all.)
  Attribution SignatureLine(uint32_t p, uint32_t close_end);

  // Headline and transcript style: "Graham: Trump’s ‘…’ Destroying GOP’s Chance" — a short
  // capitalized name and a colon open the paragraph.
  Attribution HeadlineSpeaker(uint32_t p, uint32_t open);

  // "Hale's recent pledge to be “…”", "Hale's “…” remark": a claim noun owned by a possessive
  // mention right before the quote (at most six words between, none a cue), or a
  // possessive mention right before the quote and a claim noun right after it. -1 if none.
  int PossessiveClaim(const std::vector<W>& wb, const std::vector<W>& wa) const;

  // The first actor of the clause before a quote, without creating actors: an existing
  // non-possessive mention or a sentence-initial he/she.
  // "The Florida senator and Republican candidate said", "The Republican nominee for the
  // November election later said", "The Florida senator likes “…”": a definite description
  // opening the clause at ws[lo], with a person head within its first six words before ws[e].
  int OpeningDescription(const std::vector<W>& ws, int lo, int e);

  int SentenceSubject(const std::vector<W>& ws);

  // First actor mentioned in paragraph p outside quotes (its usual subject); -1 if none.
  int FirstActorOf(uint32_t p) const;

  // The person opening the sentence [sb, se) as its subject: its first mention, when only an
  // opening phrase closed by a comma, titles and capitalized words come before it ("On “Morning
  // Talk,” Sen. Kara Lind, who ..."); -1 otherwise ("Voters cheered Tom Hale ...").
  int SentenceOpener(uint32_t sb, uint32_t se);

  // The actor whose mention opens headline paragraph p (before byte `limit`), past a tag such
  // as "WATCH:" and titles ("WATCH: Sen. Ted Cruz Rips …"); -1 if none or a possessive.
  int HeadlineOpener(uint32_t p, uint32_t limit);

  bool InAnyQuote(uint32_t pos) const;

  // An introduction ending in a colon, in the same or the previous paragraph: "President
  // Clinton released the following statement:", "Republican pollster Daron Shaw: “…”".
  Attribution ColonIntro(uint32_t open, bool full);

  // True when a sentence in [b, e) is about someone else: its first actor mention outside
  // quotes (possessives included: "Clinton's campaign said") is another actor, or it opens its
  // subject with a he/she of the wrong gender. Objects and later mentions ("Olsen supports
  // Senator Mark Tully") do not interrupt the speaker's run.
  bool OtherSubjectBetween(uint32_t b, uint32_t e, int actor);

  bool OtherActorBetween(uint32_t b, uint32_t e, int actor) const;

  void Attribute(size_t qi, std::vector<Quote>& out);

  // Actor ids follow first mentions; speakers added here may come before NER actors.
  void Renumber(std::vector<Quote>& out);

  std::string_view t_;
  const OffsetMap& offsets_;
  ActorSet& actors_;
  ActorNameIndex names_;  // of actors_, for speakers added by name
  std::vector<Segment> paras_;
  std::vector<Segment> segs_;
  std::vector<RawQuote> raws_;
  std::vector<W> ws_a_, ws_b_;
  std::vector<W> ws_s_;             // the whole sentence before the quote, earlier quotes included
  std::vector<W> ws_sig_;           // scratch for Signature and TurnSpeaker
  std::vector<W> ws_h_;             // scratch for SentenceOpener and HeadlineOpener
  std::vector<W> ws_t_;             // scratch for OtherSubjectBetween, TitleCase, lists
  std::vector<int8_t> title_case_;  // per paragraph: -1 not computed, 0 / 1
  uint32_t cur_open_ = 0, cur_close_ = 0;
  uint32_t horizon_ = 0;  // see Attribute
  int last_actor_ = -1;
  uint32_t last_pos_ = 0;
  uint32_t last_cue_b_ = 0, last_cue_e_ = 0;
};

}  // namespace newsflow::extract::quote_internal
