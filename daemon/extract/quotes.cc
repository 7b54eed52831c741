#include "daemon/extract/quotes.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace newsflow::extract {
namespace {

enum class Mark : uint8_t {
  kNone,
  kStraight,
  kOpenDouble,
  kCloseDouble,
  kOpenSingle,
  kCloseSingle
};
enum class Cls : uint8_t { kSpace, kAlnum, kPunct };

Mark MarkAt(std::string_view t, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == '"') {
    len = 1;
    return Mark::kStraight;
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
Cls ClassOfNonAscii(std::string_view t, size_t j) {
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
constexpr auto kAsciiClass = [] {
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

size_t LeadBefore(std::string_view t, size_t i) {
  size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  return k;
}

Cls ClassBefore(std::string_view t, size_t i) {
  return i == 0 ? Cls::kSpace : ClassOfLead(t, LeadBefore(t, i));
}

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

bool EqLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (ToLower(s[i]) != lower[i]) return false;
  }
  return true;
}

// A word list, lowercased and sorted once, for case-insensitive lookups by binary search.
class WordSet {
 public:
  template <size_t N>
  explicit WordSet(const std::string_view (&list)[N]) : words_(list, list + N) {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
    for (std::string_view w : words_) {
      max_len_ = std::max(max_len_, w.size());
      if (w.size() < 32) first_[w.size()] |= Bit(w[0]);
    }
  }
  bool Contains(std::string_view s) const {
    char buf[32];
    if (s.empty() || s.size() > max_len_ || s.size() >= sizeof(buf)) return false;
    if ((first_[s.size()] & Bit(ToLower(s[0]))) == 0) return false;  // most words stop here
    for (size_t i = 0; i < s.size(); ++i) buf[i] = ToLower(s[i]);
    return std::binary_search(words_.begin(), words_.end(), std::string_view(buf, s.size()));
  }

 private:
  static uint64_t Bit(char c) { return uint64_t{1} << (static_cast<unsigned char>(c) & 63); }
  std::vector<std::string_view> words_;  // the lists are lowercase already
  size_t max_len_ = 0;
  uint64_t first_[32] = {};  // per length: bits of the first characters present
};

// In<kList>(word): one WordSet per list, built on first use (thread-safe static init).
template <const auto& List>
bool In(std::string_view s) {
  static const WordSet set(List);
  return set.Contains(s);
}

// Finite speech verbs: the cue of `"Q," X said` and `X said: "Q"`.
constexpr std::string_view kCues[] = {
    "said",       "says",       "say",        "told",         "tells",      "tell",
    "added",      "adds",       "wrote",      "writes",       "warned",     "warns",
    "stated",     "explained",  "explains",   "noted",        "notes",      "asked",
    "asks",       "replied",    "replies",    "insisted",     "insists",    "argued",
    "argues",     "declared",   "declares",   "announced",    "announces",  "continued",
    "continues",  "claimed",    "claims",     "acknowledged", "admitted",   "admits",
    "recalled",   "recalls",    "remarked",   "responded",    "responds",   "tweeted",
    "tweets",     "posted",     "commented",  "suggested",    "suggests",   "predicted",
    "conceded",   "cautioned",  "stressed",   "stresses",     "emphasized", "emphasised",
    "joked",      "quipped",    "boasted",    "complained",   "charged",    "observed",
    "reported",   "reports",    "testified",  "vowed",        "vows",       "promised",
    "asserted",   "asserts",    "maintained", "contended",    "shouted",    "yelled",
    "demanded",   "confirmed",  "confirms",   "denied",       "mused",      "wondered",
    "explained",  "concluded",  "insisted",   "agreed",       "agrees",     "countered",
    "retorted",   "lamented",   "cried",      "whispered",    "blasted",    "slammed",
    "scoffed",    "urged",      "urges",      "pleaded",      "begged",     "speculated",
    "recounted",  "described",  "wrote",      "reiterated",   "told",       "announced",
    "called",     "calls",      "puts",       "put",          "dubbed",     "labeled",
    "labelled",   "branded",    "accused",    "accuses",      "promised",   "promises",
    "admitted",   "believes",   "believed",   "thinks",       "thought",    "touted",
    "praised",    "criticized", "criticised", "attacked",     "blamed",     "mocked",
    "pledged",    "predicts",   "estimated",  "found",        "showed",     "shows",
    "finds",      "alleged",    "alleges",    "indicated",    "hinted",     "defended",
    "questioned", "echoed",     "opined",     "explained",    "answered",   "responded",
    "answers",    "concludes",  "concluded",  "pointed",      "explains",   "counters",
    "assured",    "assures",    "threatened", "proclaimed",   "exclaimed",  "bragged",
    "repeated",   "exhorted",   "snapped",    "teased",       "fumed",      "griped",
    "protested",  "conceded",   "concedes",   "recalls",      "ranted",     "declared",
    "thundered",  "gushed",     "marveled",   "marvelled",    "raged",      "refers",
    "referred",   "describes"};
// Cues that may come before their subject ("..., said professor Paul Beck"); "told" and "asked"
// take an object instead ("..., told CBS News").
constexpr std::string_view kInvertible[] = {
    "said",     "says",   "added",    "adds",      "continued", "noted",   "explained",
    "wrote",    "writes", "insisted", "argued",    "recalled",  "replied", "responded",
    "declared", "stated", "warned",   "concluded", "quipped",   "joked",   "countered"};
// Participles whose subject is the clause's subject ("Wafula urged ..., saying he ...").
constexpr std::string_view kParticipleCues[] = {
    "saying",      "adding",      "telling",   "noting",      "arguing",     "warning",
    "explaining",  "insisting",   "writing",   "declaring",   "stressing",   "asking",
    "claiming",    "suggesting",  "calling",   "tweeting",    "promising",   "vowing",
    "describing",  "accusing",    "admitting", "predicting",  "complaining", "urging",
    "threatening", "demanding",   "recalling", "conceding",   "boasting",    "stating",
    "joking",      "announcing",  "lamenting", "dubbing",     "labeling",    "labelling",
    "branding",    "pledging",    "quipping",  "proclaiming", "mocking",     "acknowledging",
    "cautioning",  "reiterating", "asserting", "replying",    "responding",  "answering",
    "exclaiming",  "pleading",    "deriding",  "dismissing",  "yelling",     "shouting",
    "screaming",   "chanting",    "posting",   "reading"};
constexpr std::string_view kObjectDeterminers[] = {"no",  "a",   "an",    "the", "any", "some",
                                                   "his", "her", "their", "its", "this"};
// What a person's words come in ("Obama’s word:", "the senator's statement:").
constexpr std::string_view kStatementNouns[] = {
    "word",   "words", "statement", "remarks", "tweet",   "tweets", "letter",   "email",
    "memo",   "post",  "response",  "reply",   "message", "view",   "argument", "answer",
    "speech", "note",  "op-ed",     "column",  "essay",   "release"};
// Nouns of something said, owned by its speaker: "Hale's pledge to be “…”", "Hale's “…” remark".
constexpr std::string_view kClaimNouns[] = {"comment",     "comments",    "remark",
                                            "remarks",     "promise",     "pledge",
                                            "vow",         "assertion",   "claim",
                                            "claims",      "call",        "slogan",
                                            "phrase",      "catchphrase", "accusation",
                                            "accusations", "broadside",   "warning",
                                            "description", "quip",        "insistence",
                                            "charge",      "criticism",   "complaint",
                                            "dictum",      "mantra",      "motto",
                                            "refrain",     "label",       "statement",
                                            "words",       "tweet",       "boast",
                                            "declaration", "suggestion",  "argument",
                                            "retort",      "cry",         "characterization",
                                            "prediction",  "threat",      "demand",
                                            "conclusion",  "assessment",  "finding",
                                            "verdict",     "contention",  "observation"};
// Other words opening an introductory phrase before the subject ("During the debate, ...").
constexpr std::string_view kOpeners[] = {"during", "despite", "amid",    "unlike",   "like",
                                         "asked",  "later",   "earlier", "following"};
// Words opening a subordinate clause at the start of a sentence ("When X said ..., Y ...").
constexpr std::string_view kSubordinators[] = {"when", "after",    "as",     "while",   "before",
                                               "once", "although", "though", "because", "since",
                                               "if",   "until",    "whereas"};
constexpr std::string_view kPronouns[] = {"he", "she", "it", "they", "i", "we"};
// Words skipped between a subject and its verb ("Keane also said", "he has said").
constexpr std::string_view kAdverbs[] = {
    "also",   "later",    "then",      "previously",   "recently", "again", "once",       "has",
    "had",    "have",     "was",       "is",           "would",    "will",  "reportedly", "further",
    "simply", "only",     "just",      "subsequently", "had",      "often", "repeatedly", "quickly",
    "flatly", "publicly", "privately", "earlier",      "told",     "has",   "did"};
// Words that end a subject noun phrase when scanning backwards.
constexpr std::string_view kClauseStops[] = {
    "that",   "and",     "but",  "which",   "who",    "as",       "when",      "while", "after",
    "before", "because", "if",   "since",   "so",     "or",       "to",        "where", "whom",
    "whose",  "than",    "in",   "on",      "at",     "by",       "with",      "from",  "about",
    "said",   "says",    "told", "however", "though", "although", "meanwhile", "yet",   "for"};
constexpr std::string_view kDeterminers[] = {"the", "a",   "an",  "this",  "that",
                                             "its", "his", "her", "their", "our"};
// Words after which a cue word is a noun ("those reports", "his remarks").
constexpr std::string_view kNounDeterminers[] = {"the", "a",   "an",    "these", "those", "its",
                                                 "his", "her", "their", "our",   "my",    "your"};
// Heads of organization noun phrases: "the finance ministry said" names an organization.
constexpr std::string_view kOrgHeads[] = {
    "ministry",    "department",  "agency",       "office",       "government",  "administration",
    "committee",   "council",     "commission",   "campaign",     "party",       "company",
    "police",      "military",    "army",         "court",        "embassy",     "bank",
    "university",  "group",       "organization", "organisation", "union",       "board",
    "bureau",      "service",     "house",        "newspaper",    "network",     "center",
    "centre",      "institute",   "foundation",   "association",  "team",        "federation",
    "coalition",   "corporation", "firm",         "inc",          "corp",        "post",
    "times",       "news",        "journal",      "daily",        "paper",       "outlet",
    "broadcaster", "magazine",    "tabloid",      "website",      "station",     "channel",
    "pentagon",    "kremlin",     "secretariat",  "cabinet",      "parliament",  "congress",
    "senate",      "navy",        "regime",       "command",      "authority",   "authorities",
    "watchdog",    "fund",        "club",         "caucus",       "press",       "tribune",
    "herald",      "telegraph",   "guardian",     "reuters",      "ap",          "afp",
    "cnn",         "bbc",         "nbc",          "cbs",          "abc",         "msnbc",
    "fox",         "politico",    "axios",        "spokesman",    "spokeswoman", "spokesperson"};
// Of these, spokesman & co. mark a person speaking for an organization; they are listed so
// that "a White House spokesman" resolves to the White House actor when one is mentioned and
// otherwise becomes an organization speaker (the person is unnamed).
// People who speak for someone named in a possessive before them ("Trump's campaign manager
// says", "Clinton's aides argue"), and documents filed or sent in their name ("Ruiz's brief
// said"); like an organization's spokesman, they give the owner.
constexpr std::string_view kAgentHeads[] = {
    "aide",     "aides",    "adviser",   "advisers",   "advisor",         "advisors",    "lawyer",
    "lawyers",  "attorney", "attorneys", "manager",    "strategist",      "strategists", "staff",
    "staffers", "allies",   "surrogate", "surrogates", "representatives", "team",        "brief",
    "filing",   "lawsuit",  "memo",      "letter",     "statement",       "website"};
// Heads of definite descriptions of a person ("the New Jersey governor").
constexpr std::string_view kPersonHeads[] = {
    "governor",      "senator",       "president",     "candidate",
    "front-runner",  "frontrunner",   "nominee",       "billionaire",
    "businessman",   "businesswoman", "mogul",         "congressman",
    "congresswoman", "secretary",     "minister",      "leader",
    "chairman",      "chairwoman",    "mayor",         "spokesman",
    "spokeswoman",   "lawmaker",      "senator-elect", "president-elect",
    "democrat",      "republican",    "candidate",     "speaker",
    "director",      "official",      "host",          "anchor",
    "businessman",   "star",          "actress",       "actor",
    "author",        "developer",     "tycoon",        "hopeful",
    "rival",         "nominee",       "contender",     "incumbent",
    "challenger",    "ambassador",    "judge",         "justice",
    "chief",         "professor",     "analyst",       "expert",
    "strategist",    "adviser",       "advisor",       "aide",
    "economist",     "historian",     "scientist",     "pollster",
    "attorney",      "lawyer"};
// Anonymous speakers described with a name in a modifier ("a Democratic strategist", "one
// adviser to the governor's rivals"): determiners of one person, of a group, and the heads.
constexpr std::string_view kOneDeterminers[] = {"a", "an", "one", "another"};
constexpr std::string_view kGroupDeterminers[] = {"some", "several", "many", "two",  "three",
                                                  "four", "five",    "few",  "other"};
constexpr std::string_view kDescriptionHeads[] = {
    "person",     "source",       "official",    "operative",     "insider",
    "donor",      "supporter",    "member",      "staffer",       "ally",
    "friend",     "associate",    "confidant",   "officer",       "diplomat",
    "veteran",    "activist",     "consultant",  "organizer",     "delegate",
    "voter",      "lawmaker",     "aide",        "adviser",       "advisor",
    "strategist", "spokesman",    "spokeswoman", "spokesperson",  "leader",
    "democrat",   "republican",   "analyst",     "expert",        "executive",
    "employee",   "lobbyist",     "fundraiser",  "official",      "goper",
    "legislator", "senator",      "congressman", "congresswoman", "representative",
    "attorney",   "lawyer",       "manager",     "pollster",      "observer",
    "economist",  "conservative", "liberal",     "progressive"};
// Plural heads that are no regular plural of a head above.
constexpr std::string_view kGroupHeads[] = {
    "allies", "people", "spokesmen", "spokeswomen", "congressmen", "congresswomen", "staff"};
// Words that open a post-modifier of such a description ("close to", "familiar with").
constexpr std::string_view kPostModifiers[] = {
    "close",  "familiar", "involved", "loyal",   "allied",  "tied",    "connected", "linked",
    "to",     "with",     "for",      "in",      "at",      "from",    "of",        "on",
    "inside", "within",   "working",  "aligned", "briefed", "advising"};
// Words that end a description's post-modifier.
constexpr std::string_view kDescriptionStops[] = {
    "who",   "that",    "which", "said",  "says",   "told", "and",   "but",   "when",
    "while", "because", "as",    "after", "before", "if",   "whose", "where", "since"};
// Titles before a name, dropped from a created actor's name.
constexpr std::string_view kNameTitles[] = {
    "sen",     "rep",    "gov",       "mr",           "mrs",        "ms",         "dr",
    "gen",     "rev",    "pres",      "president",    "senator",    "governor",   "secretary",
    "speaker", "judge",  "mayor",     "sir",          "lt",         "col",        "capt",
    "prof",    "former", "candidate", "presidential", "democratic", "republican", "gop"};
// Upper-case labels opening a transcript line that name no one ("ANNOUNCER:", "UPDATE:"): a
// turn of its own, without a speaker. Others ("HALE:", "MR. REED:") name the speaker.
constexpr std::string_view kUnnamedLabels[] = {
    "announcer",   "moderator",     "audience",   "crowd",        "question",   "answer",
    "reporter",    "reporters",     "unknown",    "unidentified", "voice",      "narrator",
    "crosstalk",   "protester",     "protesters", "male",         "female",     "update",
    "updated",     "note",          "editor",     "editors",      "breaking",   "watch",
    "video",       "audio",         "read",       "related",      "photos",     "photo",
    "correction",  "clarification", "exclusive",  "source",       "sources",    "warning",
    "alert",       "live",          "more",       "also",         "transcript", "caption",
    "interviewer", "host",          "speaker",    "participant",  "caller",     "student",
    "man",         "woman"};
// Lowercase words inside a title ("Contract with America", "State of the Union").
constexpr std::string_view kTitleFunctionWords[] = {"of", "the", "and", "a",  "an",   "in",
                                                    "on", "for", "to",  "at", "with", "from",
                                                    "by", "or",  "vs",  "as"};
// Irregular past tenses that introduce speech after a quote ("Trump went on").
constexpr std::string_view kIrregularPast[] = {"went",  "spoke", "shot", "gave", "began", "swore",
                                               "wrote", "told",  "said", "kept", "threw"};
constexpr std::string_view kPassiveMarkers[] = {"when", "if",  "was", "were",   "been", "being",
                                                "is",   "are", "be",  "unless", "once"};
constexpr std::string_view kPrepositions[] = {"of",      "for",    "to",     "with", "about",
                                              "on",      "in",     "at",     "from", "by",
                                              "against", "toward", "towards"};
// Capitalized words that are never a speaker's name on their own.
constexpr std::string_view kNotNames[] = {
    "republican", "republicans", "democrat",  "democrats", "democratic", "conservatives",
    "liberals",   "officials",   "americans", "voters",    "critics",    "experts",
    "analysts",   "but",         "and",       "so",        "yet",        "then",
    "still",      "also",        "however",   "meanwhile", "asked",      "when",
    "if",         "this",        "that",      "these",     "those",      "some",
    "many",       "most",        "both",      "all",       "others",     "one",
    "latest",     "update",      "breaking",  "exclusive", "watch",      "report",
    "in",         "on",          "at",        "as",        "for",        "because",
    "after",      "before",      "while",     "although",  "though",     "since",
    "until",      "unless",      "whether",   "instead",   "just",       "now",
    "here",       "there",       "monday",    "tuesday",   "wednesday",  "thursday",
    "friday",     "saturday",    "sunday",    "january",   "february",   "march",
    "april",      "june",        "july",      "august",    "september",  "october",
    "november",   "december"};
constexpr std::string_view kAbbrevs[] = {
    "mr",  "mrs", "ms",  "dr",   "st",  "sen", "rep", "gov", "gen", "lt",   "col",  "sgt",
    "jr",  "sr",  "inc", "corp", "co",  "no",  "vs",  "jan", "feb", "aug",  "sept", "sep",
    "oct", "nov", "dec", "u.s",  "u.n", "u.k", "d.c", "a.m", "p.m", "capt", "prof", "rev",
    "mt",  "ft",  "e.g", "i.e",  "ave", "gov", "rep", "adm", "maj", "cpl",  "pvt",  "fig"};

enum class CueType : uint8_t { kNone, kFinite, kParticiple, kAccording };

CueType CueOf(std::string_view w) {
  if (w.size() < 3 || w.size() > 13) return CueType::kNone;
  if (EqLower(w, "according")) return CueType::kAccording;
  if (In<kCues>(w)) return CueType::kFinite;
  if (In<kParticipleCues>(w)) return CueType::kParticiple;
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
void ScanWords(std::string_view t, uint32_t b, uint32_t e, std::vector<W>& out,
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

// Longest entry of kAbbrevs, in bytes.
constexpr size_t kMaxAbbrevBytes = 4;

bool IsAbbrevBefore(std::string_view t, size_t dot, size_t lo) {
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
  return In<kAbbrevs>(w);
}

bool IsSentenceEndAt(std::string_view t, size_t k, size_t lo) {
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
constexpr size_t kQuotesBack = 16;

constexpr int kNoTurn = -1;
constexpr int kUnnamedTurn = -2;

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

  void Run(std::vector<Quote>& out) {
    const size_t actors_before = actors_.actors.size();
    const size_t mentions_before = actors_.mentions.size();
    SplitParagraphs();
    FindQuotes();
    SplitTurns();
    last_actor_ = -1;
    last_pos_ = 0;
    for (size_t qi = 0; qi < raws_.size(); ++qi) Attribute(qi, out);
    ShareBackwards(out);
    DropTitles(out);
    // New speakers, and new mentions (a transcript label can come before the name), can change
    // which actor is mentioned first.
    if (actors_.actors.size() != actors_before || actors_.mentions.size() != mentions_before) {
      Renumber(out);
    }
  }

  // Titles are no quotes: a fragment in Title Case ("Face the Nation", "State of the Union",
  // "Contract with America") with neither speaker nor cue, outside a headline (where every
  // word is capitalized and a quoted fragment is usually speech). Runs after every rule that
  // looks at neighbouring quotes, which index `out` like `raws_`.
  void DropTitles(std::vector<Quote>& out) {
    if (out.size() != raws_.size()) return;
    size_t w = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      const bool title = out[i].speaker_id == 0 && out[i].cue.empty() &&
                         out[i].kind == QuoteKind::kPartial && !TitleCase(raws_[i].para_open) &&
                         LooksLikeTitle(raws_[i]);
      if (title) continue;
      if (w != i) out[w] = std::move(out[i]);
      ++w;
    }
    out.resize(w);
  }

  // Every word capitalized (or a number: "13th"), short function words aside, and at most
  // eight words.
  bool LooksLikeTitle(const RawQuote& r) {
    if (r.seg_end != r.seg_first + 1) return false;
    ScanWords(t_, segs_[r.seg_first].b, segs_[r.seg_first].e, ws_h_, 9);
    int words = 0, caps = 0;
    for (const W& w : ws_h_) {
      if (!IsWord(w)) continue;
      ++words;
      const char c = t_[w.b];
      if (IsUpper(c) || (c >= '0' && c <= '9')) {
        ++caps;
      } else if (!In<kTitleFunctionWords>(Str(w))) {
        return false;
      }
    }
    return caps > 0 && words <= 8;
  }

  // `Guns are “a” and “b,” Dean proclaimed`: a fragment left without a speaker that is listed
  // with the next quote of its paragraph ("and", "or", commas only between) takes its speaker.
  void ShareBackwards(std::vector<Quote>& out) {
    if (out.size() < 2 || out.size() != raws_.size()) return;
    for (size_t i = out.size() - 1; i-- > 0;) {
      if (out[i].speaker_id != 0 || out[i + 1].speaker_id == 0 ||
          out[i].kind != QuoteKind::kPartial || raws_[i].para_close != raws_[i + 1].para_open ||
          !ListedAfterPrevious(raws_[i].close_end, raws_[i + 1].open)) {
        continue;
      }
      out[i].speaker_id = out[i + 1].speaker_id;
      out[i].cue = out[i + 1].cue;
    }
  }

 private:
  // ---- spans --------------------------------------------------------------------------------

  void SplitParagraphs() {
    uint32_t i = 0;
    const auto n = static_cast<uint32_t>(t_.size());
    while (i < n) {
      uint32_t e = i;
      while (e < n && t_[e] != '\n') ++e;
      uint32_t b = i;
      while (b < e && ClassOfLead(t_, b) == Cls::kSpace)
        b += t_[b] == ' ' || t_[b] == '\t' || t_[b] == '\r' ? 1 : 2;
      uint32_t te = e;
      while (te > b && (t_[te - 1] == ' ' || t_[te - 1] == '\r' || t_[te - 1] == '\t')) --te;
      if (te > b) paras_.push_back({b, te});
      i = e + 1;
    }
  }

  struct Open {
    bool active = false;
    bool single = false;
    bool straight = false;
    uint32_t open = 0;
    uint32_t inner_begin = 0;
    uint32_t seg_first = 0;
    uint32_t para = 0;
  };

  void CloseOuter(Open& o, uint32_t mark, uint32_t mark_end, uint32_t para) {
    if (mark > o.inner_begin) segs_.push_back({o.inner_begin, mark});
    const auto se = static_cast<uint32_t>(segs_.size());
    bool has_text = false;
    for (uint32_t s = o.seg_first; s < se && !has_text; ++s) {
      for (uint32_t k = segs_[s].b; k < segs_[s].e; ++k) {
        if (ClassOfLead(t_, k) == Cls::kAlnum) {
          has_text = true;
          break;
        }
      }
    }
    if (has_text) {
      raws_.push_back({o.open, mark_end, o.seg_first, se, o.para, para});
    } else {
      segs_.resize(o.seg_first);
    }
    o.active = false;
  }

  void FindQuotes() {
    Open o;
    bool inner = false, inner_single = false, inner_straight = false;
    uint32_t skip_to = 0;  // continuation mark already consumed
    for (uint32_t p = 0; p < paras_.size(); ++p) {
      inner = false;
      const uint32_t pb = std::max(paras_[p].b, skip_to), pe = paras_[p].e;
      for (uint32_t i = pb; i < pe; ++i) {
        const auto c = static_cast<unsigned char>(t_[i]);
        if (c != '"' && c != 0xE2 && c != 0xC2) continue;
        size_t len = 0;
        const Mark m = MarkAt(t_, i, len);
        if (m == Mark::kNone) continue;
        const auto mend = static_cast<uint32_t>(i + len);
        const Cls before = ClassBefore(t_, i);
        const Cls after = ClassOfLead(t_, mend);
        bool opening = after != Cls::kSpace &&
                       (before == Cls::kSpace || (before == Cls::kPunct && i > 0 &&
                                                  (t_[i - 1] == '(' || t_[i - 1] == '[' ||
                                                   static_cast<unsigned char>(t_[i - 1]) >= 0x80)));
        const bool single_close =
            m == Mark::kCloseSingle && after != Cls::kAlnum && before != Cls::kSpace;
        if (!o.active) {
          if (m == Mark::kOpenDouble || (m == Mark::kStraight && opening)) {
            o = Open{
                true, false, m == Mark::kStraight, i, mend, static_cast<uint32_t>(segs_.size()), p};
          } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
            o = Open{true, true, false, i, mend, static_cast<uint32_t>(segs_.size()), p};
          }
        } else if (!inner) {
          if (!o.single) {
            if (m == Mark::kCloseDouble) {
              CloseOuter(o, i, mend, p);
            } else if (m == Mark::kStraight) {
              if (o.straight || !opening) {
                CloseOuter(o, i, mend, p);
              } else {
                inner = true, inner_single = false, inner_straight = true;
              }
            } else if (m == Mark::kOpenDouble) {
              if (o.straight) {
                inner = true, inner_single = false, inner_straight = false;
              } else {  // the earlier quote never closed: start again here
                segs_.resize(o.seg_first);
                o = Open{true, false, false, i, mend, static_cast<uint32_t>(segs_.size()), p};
              }
            } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
              inner = true, inner_single = true, inner_straight = false;
            }
          } else {
            if (single_close) {
              CloseOuter(o, i, mend, p);
            } else if (m == Mark::kOpenDouble || (m == Mark::kStraight && opening)) {
              inner = true, inner_single = false, inner_straight = m == Mark::kStraight;
            } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
              segs_.resize(o.seg_first);
              o = Open{true, true, false, i, mend, static_cast<uint32_t>(segs_.size()), p};
            }
          }
        } else if (inner_single) {
          if (single_close) {
            inner = false;
          } else if (!o.single && (m == Mark::kCloseDouble || (m == Mark::kStraight && !opening))) {
            inner = false;
            CloseOuter(o, i, mend, p);
          }
        } else {
          if ((m == Mark::kCloseDouble && !inner_straight) ||
              (m == Mark::kStraight && inner_straight)) {
            inner = false;
          } else if (!o.single && ((m == Mark::kStraight && o.straight) ||
                                   (m == Mark::kCloseDouble && !o.straight))) {
            inner = false;
            CloseOuter(o, i, mend, p);
          } else if (o.single && single_close) {
            inner = false;
            CloseOuter(o, i, mend, p);
          }
        }
        i = mend - 1;
      }
      if (o.active) {
        // Continues when the next paragraph opens with a mark of the same family.
        bool cont = false;
        if (p + 1 < paras_.size()) {
          size_t len = 0;
          const uint32_t nb = paras_[p + 1].b;
          const Mark m = MarkAt(t_, nb, len);
          cont =
              o.single ? m == Mark::kOpenSingle : (m == Mark::kOpenDouble || m == Mark::kStraight);
          if (cont) {
            if (pe > o.inner_begin) segs_.push_back({o.inner_begin, pe});
            o.inner_begin = static_cast<uint32_t>(nb + len);
            skip_to = o.inner_begin;
          }
        }
        if (!cont) {
          segs_.resize(o.seg_first);
          o.active = false;
        }
      }
    }
  }

  // ---- transcript turns ----------------------------------------------------------------------

  // An upper-case speaker label opening [b, e): "HALE: ", "MR. REED: ", "SEN. KARA LIND: ".
  // Returns the byte after the colon and its spaces, and the name in [nb, ne); 0 if none.
  uint32_t TurnLabel(uint32_t b, uint32_t e, uint32_t& nb, uint32_t& ne, uint32_t& colon) const {
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
  int LabelActor(uint32_t nb, uint32_t ne, uint32_t& fb, uint32_t& fe) {
    ScanWords(t_, nb, ne, ws_sig_);
    int f = 0;
    const int n = static_cast<int>(ws_sig_.size());
    while (f < n && (!IsWord(ws_sig_[f]) || In<kNameTitles>(Str(ws_sig_[f])))) ++f;
    if (f >= n || !IsWord(ws_sig_[n - 1])) return kUnnamedTurn;
    for (int k = f; k < n; ++k) {
      if (IsWord(ws_sig_[k]) && In<kUnnamedLabels>(Str(ws_sig_[k]))) return kUnnamedTurn;
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
  int TurnSpeaker(uint32_t nb, uint32_t ne, bool create) {
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
    const auto idx = static_cast<int>(
        AddSpeakerActor(t_, fb, fe, ActorType::kPerson, offsets_, actors_, &names_));
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

  // True when segment text starting at `seg_b` opens its paragraph, right after the quote mark
  // that opens or reopens it: only there is "NAME:" a speaker label.
  bool OpensParagraph(uint32_t seg_b) const {
    const uint32_t b = paras_[ParagraphOf(seg_b)].b;
    size_t len = 0;
    return MarkAt(t_, b, len) != Mark::kNone && b + len == seg_b;
  }

  // A label at the start of segment s, as TurnLabel; 0 if none.
  uint32_t SegmentLabel(uint32_t s, uint32_t& nb, uint32_t& ne, uint32_t& colon) const {
    if (!OpensParagraph(segs_[s].b)) return 0;
    return TurnLabel(segs_[s].b, segs_[s].e, nb, ne, colon);
  }

  uint32_t ParagraphOf(uint32_t pos) const {
    const auto it = std::upper_bound(paras_.begin(), paras_.end(), pos,
                                     [](uint32_t p, const Segment& s) { return p < s.b; });
    return it == paras_.begin() ? 0 : static_cast<uint32_t>(it - paras_.begin() - 1);
  }

  // A quote whose paragraphs open with speaker labels is a transcript: each labelled paragraph
  // starts a turn (a quote of its own, the label left out of its text) that runs on through
  // unlabelled paragraphs until the next label.
  void SplitTurns() {
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

  // ---- helpers over context ------------------------------------------------------------------

  std::string_view Str(const W& w) const { return t_.substr(w.b, w.e - w.b); }
  bool IsWord(const W& w) const { return w.type == WType::kWord; }
  bool IsCap(const W& w) const { return IsUpper(t_[w.b]); }
  bool IsPossessiveWord(const W& w) const {
    std::string_view s = Str(w);
    return (s.size() > 2 && (s.substr(s.size() - 2) == "'s")) ||
           (s.size() > 4 && s.substr(s.size() - 4) == "\xE2\x80\x99s");
  }
  // "then loudly asked": lowercase -ly words between a subject and its verb.
  bool IsLyAdverb(const W& w) const {
    std::string_view s = Str(w);
    return s.size() > 4 && !IsCap(w) && s.substr(s.size() - 2) == "ly";
  }
  bool InCurrentQuote(uint32_t pos) const { return pos >= cur_open_ && pos < cur_close_; }

  // Start of the sentence holding byte `pos`, not before `lo`.
  uint32_t SentenceStart(uint32_t pos, uint32_t lo) const {
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
  uint32_t SentenceEnd(uint32_t pos, uint32_t hi) const {
    for (uint32_t k = pos; k < hi; ++k) {
      if ((k + 1 >= hi || ClassOfLead(t_, k + 1) == Cls::kSpace) && IsSentenceEndAt(t_, k, pos)) {
        return k + 1;
      }
    }
    return hi;
  }

  // Actor mention overlapping [b, e) outside the current quote; -1 if none. `skip_possessive`:
  // "the mayor’s spokeswoman" is not the mayor speaking.
  // Index of the first mention that starts at or after byte `pos` (mentions are sorted).
  size_t MentionLowerBound(uint32_t pos) const {
    return static_cast<size_t>(
        std::lower_bound(actors_.mentions.begin(), actors_.mentions.end(), pos,
                         [](const ActorMentionRef& m, uint32_t p) { return m.begin < p; }) -
        actors_.mentions.begin());
  }

  int MentionIn(uint32_t b, uint32_t e, bool first, bool skip_possessive, int type) const {
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

  int ResolvePronoun(std::string_view w, uint32_t pos) {
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
  static int DescriptionHead(std::string_view w) {
    if (In<kDescriptionHeads>(w)) return 1;
    if (In<kGroupHeads>(w)) return 2;
    if (w.size() > 3 && w.back() == 's' && In<kDescriptionHeads>(w.substr(0, w.size() - 1))) {
      return 2;
    }
    return 0;
  }

  // True when byte `b` opens a sentence (only spaces, and a closing quote mark, after a stop).
  bool OpensSentence(uint32_t b) const {
    uint32_t k = b;
    while (k > 0 && t_[k - 1] == ' ') --k;
    return k == 0 || t_[k - 1] == '.' || t_[k - 1] == '!' || t_[k - 1] == '?' || t_[k - 1] == '\n';
  }

  // An anonymous description starting at ws[d] (before ws[hi]): "a Democratic strategist",
  // "one senior adviser to the Hale campaign", "some GOP lawmakers", "White House officials".
  // Returns the index of its last word and sets `group`, or -1 when ws[d..] is no such
  // description or holds no capitalized word past its opening (a name in a modifier: "a source"
  // names nobody).
  int DescriptionAt(const std::vector<W>& ws, int d, int hi, bool& group) const {
    if (d >= hi || !IsWord(ws[d])) return -1;
    std::string_view w0 = Str(ws[d]);
    int b = d;
    int det = 0;  // 1: one person, 2: a group, 0: none
    if (In<kOneDeterminers>(w0)) det = 1;
    if (In<kGroupDeterminers>(w0)) det = 2;
    if (det != 0) ++b;
    // Premodifiers and the head: at most five words.
    int h = -1;
    int kind = 0;
    for (int k = b; k < hi && k < b + 5; ++k) {
      if (!IsWord(ws[k]) || IsPossessiveWord(ws[k]) || CueOf(Str(ws[k])) != CueType::kNone ||
          In<kDeterminers>(Str(ws[k])) || In<kDescriptionStops>(Str(ws[k])) ||
          In<kPronouns>(Str(ws[k])) || In<kPrepositions>(Str(ws[k])) ||
          In<kClauseStops>(Str(ws[k])) || EqLower(Str(ws[k]), "percent") ||
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
    if (h + 1 < hi && IsWord(ws[h + 1]) && In<kPostModifiers>(Str(ws[h + 1]))) {
      int k = h + 1;
      while (k < hi && k < h + 9 && IsWord(ws[k]) && !In<kDescriptionStops>(Str(ws[k])) &&
             CueOf(Str(ws[k])) == CueType::kNone) {
        ++k;
      }
      end = k - 1;
    }
    bool named = false;
    for (int k = b; k <= end && !named; ++k) {
      if (!IsWord(ws[k]) || !IsCap(ws[k]) || In<kDeterminers>(Str(ws[k]))) continue;
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
  int CreateDescription(const std::vector<W>& ws, int d, int end, bool group) {
    const ActorType type = group ? ActorType::kOrganization : ActorType::kPerson;
    return static_cast<int>(
        AddSpeakerActor(t_, ws[d].b, ws[end].e, type, offsets_, actors_, &names_));
  }

  // The description ending at ws[j] (the word before a cue), looking left down to ws[lo].
  int DescriptionBefore(const std::vector<W>& ws, int j, int lo) {
    for (int d = j; d >= lo && d > j - 14; --d) {
      if (!IsWord(ws[d])) break;
      std::string_view w = Str(ws[d]);
      if (CueOf(w) != CueType::kNone && d < j) break;
      const bool opener = In<kOneDeterminers>(w) || In<kGroupDeterminers>(w);
      // Without a determiner the description opens at the sentence, a clause stop or a comma.
      const bool bare =
          !opener && (d == lo || !IsWord(ws[d - 1]) || In<kClauseStops>(Str(ws[d - 1])));
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
  int CreateFromPhrase(const std::vector<W>& ws, int b, int e) {
    while (b <= e && (In<kDeterminers>(Str(ws[b])) || !IsWord(ws[b]))) ++b;
    if (b > e) return -1;
    const W& head = ws[e];
    const bool org_head = In<kOrgHeads>(Str(head));
    bool all_cap = true;
    for (int k = b; k <= e; ++k) all_cap = all_cap && IsCap(ws[k]) && !IsPossessiveWord(ws[k]);
    ActorType type;
    int from = b;
    if (org_head) {
      type = ActorType::kOrganization;
      if (EqLower(Str(head), "spokesman") || EqLower(Str(head), "spokeswoman") ||
          EqLower(Str(head), "spokesperson")) {
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
      while (r < e && In<kNameTitles>(Str(ws[r]))) ++r;
      if (In<kNameTitles>(Str(ws[r]))) return -1;
      if (e - r > 3) return -1;
      std::string_view s = Str(ws[r]);
      if (r == e && (In<kDeterminers>(s) || In<kNotNames>(s) ||
                     (r > b && In<kDeterminers>(Str(ws[r - 1]))))) {
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
    const int idx = static_cast<int>(
        AddSpeakerActor(t_, ws[from].b, ws[e].e, type, offsets_, actors_, &names_));
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
  int AfterOpeningPhrase(const std::vector<W>& ws, int lo, int j) const {
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
          In<kSubordinators>(w) || In<kPrepositions>(w) || In<kOpeners>(w) ||
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
  int OwnerOfAgent(const std::vector<W>& ws, int k, int j) const {
    if (k + 1 >= j || !IsPossessiveWord(ws[k]) || !IsWord(ws[k + 1]) ||
        !(In<kAgentHeads>(Str(ws[k + 1])) || EqLower(Str(ws[k + 1]), "campaign"))) {
      return -1;
    }
    return MentionIn(ws[k].b, ws[k].e, true, false, -1);
  }

  int ClauseActor(const std::vector<W>& ws, int lo, int j) const {
    lo = AfterOpeningPhrase(ws, lo, j);
    int a = -1, any = -1;
    for (int k = lo; k < j && a < 0; ++k) {
      if (!IsWord(ws[k]) || (k > lo && In<kPrepositions>(Str(ws[k - 1])))) continue;
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
  int SubjectBefore(const std::vector<W>& ws, int vi, int lo) {
    int j = vi - 1;
    // ("Will wrote": a capitalized name that is also an auxiliary is the subject.)
    while (j >= lo && IsWord(ws[j]) && (In<kAdverbs>(Str(ws[j])) || IsLyAdverb(ws[j])) &&
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
            In<kDeterminers>(Str(ws[k])) || In<kPronouns>(Str(ws[k]))) {
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
    if (In<kPronouns>(Str(w))) return ResolvePronoun(Str(w), w.b);
    if (int a = DescriptionBefore(ws, j, lo); a >= 0) return a;
    if (int a = MentionIn(w.b, w.e, false, false, -1); a >= 0) return a;
    int k = j;
    while (k - 1 >= lo && IsWord(ws[k - 1]) && !In<kClauseStops>(Str(ws[k - 1])) &&
           CueOf(Str(ws[k - 1])) == CueType::kNone && j - k < 6) {
      --k;
    }
    if (int a = MentionIn(ws[k].b, w.e, false, true, -1); a >= 0) return a;
    if (int a = RoleDescription(ws, k, j); a >= 0) return a;
    if (int a = OpeningDescription(ws, lo, j + 1); a >= 0) return a;
    if (In<kOrgHeads>(Str(w)) || In<kAgentHeads>(Str(w))) {
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
  int RoleDescription(const std::vector<W>& ws, int b, int e) {
    if (b >= e || !EqLower(Str(ws[b]), "the") || !In<kPersonHeads>(Str(ws[e]))) return -1;
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
  int SubjectAfter(const std::vector<W>& ws, int vi, int hi) {
    int b = vi + 1;
    if (b < hi && EqLower(Str(ws[b]), "to") && CueOf(Str(ws[vi])) == CueType::kAccording) ++b;
    int e = b;
    while (e < hi && e - b < 8) {
      // "said Sen. Robert Casey": the full stop of a title abbreviation is part of the name.
      const bool title_dot = ws[e].type == WType::kStop && t_[ws[e].b] == '.' && e > b &&
                             In<kNameTitles>(Str(ws[e - 1]));
      if (!title_dot && (!IsWord(ws[e]) || (e > b && In<kClauseStops>(Str(ws[e]))))) break;
      ++e;
    }
    if (e == b) return -1;
    if (e - b == 1 && In<kPronouns>(Str(ws[b]))) return ResolvePronoun(Str(ws[b]), ws[b].b);
    // "said a longtime adviser to the governor, who ...": the description speaks.
    if (bool group = false; true) {
      if (int d_end = DescriptionAt(ws, b, hi, group); d_end >= 0) {
        return CreateDescription(ws, b, d_end, group);
      }
    }
    if (int a = MentionIn(ws[b].b, ws[e - 1].e, true, true, -1); a >= 0) return a;
    // The phrase ends at its last capitalized word or organization head.
    int last = e - 1;
    while (last > b && !IsCap(ws[last]) && !In<kOrgHeads>(Str(ws[last])) &&
           !In<kPersonHeads>(Str(ws[last]))) {
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
  int NameBeforeParticiple(const std::vector<W>& ws, int k) const {
    // "with Trump reportedly yelling": adverbs between the name and the participle.
    while (k > 1 && IsWord(ws[k - 1]) && !IsCap(ws[k - 1]) &&
           (In<kAdverbs>(Str(ws[k - 1])) || IsLyAdverb(ws[k - 1]))) {
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

  int ParticipleSubject(const std::vector<W>& ws, int vi) {
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
      while (e < vi && e < 5 && IsWord(ws[e]) && !In<kPersonHeads>(Str(ws[e]))) ++e;
      if (e < vi && e < 5 && IsWord(ws[e])) {
        if (int a = RoleDescription(ws, 0, e); a >= 0) return a;
      }
    }
    for (int k = AfterOpeningPhrase(ws, 0, vi); k < vi; ++k) {
      if (!IsWord(ws[k]) || InAnyQuote(ws[k].b)) continue;
      if (In<kPronouns>(Str(ws[k]))) return ResolvePronoun(Str(ws[k]), ws[k].b);
      if (int a = OwnerOfAgent(ws, k, vi); a >= 0) return a;
      if (int a = MentionIn(ws[k].b, ws[k].e, true, true, -1); a >= 0) return a;
      // A capitalized word after the sentence opening ("Last month, Wafula urged") that the
      // recognizer missed, right before a lowercase (verb-like) word.
      if (k > 0 && ws[k - 1].type == WType::kComma && IsCap(ws[k]) && !IsPossessiveWord(ws[k]) &&
          k + 1 < vi && IsWord(ws[k + 1]) && !IsCap(ws[k + 1]) && !In<kDeterminers>(Str(ws[k]))) {
        return CreateFromPhrase(ws, k, k);
      }
    }
    return -1;
  }

  struct Attribution {
    bool found = false;  // a cue was found (speaker may still be unknown: "a source said")
    int actor = -1;
    uint32_t cue_b = 0, cue_e = 0;
  };

  // "“….” Trump said.": after a closed quote, a short sentence made of a name and a cue is
  // still its attribution (some outlets close quotes with a full stop).
  bool ShortAttribution(const std::vector<W>& ws) const {
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
  bool AfterConjunction(const std::vector<W>& ws, int k) const {
    int j = k - 1;
    while (j >= 0 && IsWord(ws[j]) && (In<kAdverbs>(Str(ws[j])) || IsLyAdverb(ws[j])) &&
           k - j <= 3) {
      --j;
    }
    return j >= 0 && IsWord(ws[j]) && (EqLower(Str(ws[j]), "and") || EqLower(Str(ws[j]), "but"));
  }

  // "when asked whether", "was told": a passive or subordinate cue has no speaker subject.
  bool PassiveCue(const std::vector<W>& ws, int k) const {
    return k > 0 && IsWord(ws[k - 1]) && In<kPassiveMarkers>(Str(ws[k - 1]));
  }

  // Cue after the quote: the first speech verb within `max_words` words.
  Attribution AfterCue(const std::vector<W>& ws, int max_words) {
    Attribution at;
    // `“…,” while Lind refers to him as ...`: a cue inside a subordinate clause opening right
    // after the quote is not its attribution; one after the clause's comma is (`“…” if she
    // loses, said Wasserman`), and so is "as" (`“…,” as Reed put it`).
    bool subordinate = false;
    for (const W& w : ws) {
      if (!IsWord(w)) continue;
      subordinate = In<kSubordinators>(Str(w)) && !EqLower(Str(w), "as");
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
      } else if (k > 0 && ws[k - 1].type == WType::kComma && In<kInvertible>(Str(ws[k])) &&
                 k + 1 < static_cast<int>(ws.size()) && IsWord(ws[k + 1]) &&
                 (IsCap(ws[k + 1]) || In<kDeterminers>(Str(ws[k + 1])) ||
                  In<kPersonHeads>(Str(ws[k + 1])))) {
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
  Attribution AfterAnyVerb(const std::vector<W>& ws) {
    Attribution at;
    size_t k = 0;
    while (k < ws.size() && ws[k].type == WType::kComma) ++k;
    if (k + 1 >= ws.size() || !IsWord(ws[k])) return at;
    // `“…,” while Trump refers to him as ...`: a new clause, not an attribution.
    if (In<kClauseStops>(Str(ws[k])) || In<kSubordinators>(Str(ws[k]))) return at;
    auto verb_like = [&](const W& w) {
      std::string_view v = Str(w);
      return IsWord(w) && !IsCap(w) && v.size() >= 4 &&
             (v.substr(v.size() - 2) == "ed" || v.back() == 's' || In<kIrregularPast>(v)) &&
             !In<kClauseStops>(v);
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
    if (a < 0 && In<kPronouns>(Str(ws[v - 1])) && v - 1 == k) {
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
  int OuterReporter(const std::vector<W>& ws, int k, int inner, int& o) {
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
  Attribution BeforeCue(const std::vector<W>& ws, bool loose) {
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
      if (k > 0 && IsWord(ws[k - 1]) && In<kNounDeterminers>(Str(ws[k - 1]))) continue;
      // "Lind was asked by moderator Sam Porter, “…”" / "Asked by Thrush if ...": the agent.
      if (ct == CueType::kFinite && k + 2 < n && EqLower(Str(ws[k + 1]), "by") &&
          IsWord(ws[k + 2])) {
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
        if (gap_words == 0 && In<kPronouns>(Str(ws[m]))) pronoun_first = true;
        // "rules out ‘quick fix’": the quote is the verb's object, a scare quote.
        if (gap_words == 0 && !saw_that && In<kObjectDeterminers>(Str(ws[m]))) {
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
        const bool weak = EqLower(cv, "shows") || EqLower(cv, "showed") || EqLower(cv, "put") ||
                          EqLower(cv, "puts") || EqLower(cv, "found") || EqLower(cv, "finds");
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

  // A headline: a short paragraph (at most 30 words) with four or more words of four letters or
  // more, at least 90% of them capitalized, outside quotes ("Reed told CNN’s Jake Tapper:" is
  // a sentence).
  bool TitleCase(uint32_t p) {
    if (title_case_.size() != paras_.size()) title_case_.assign(paras_.size(), -1);
    if (title_case_[p] < 0) title_case_[p] = ComputeTitleCase(p) ? 1 : 0;
    return title_case_[p] == 1;
  }
  bool ComputeTitleCase(uint32_t p) {
    ScanWords(t_, paras_[p].b, paras_[p].e, ws_t_, 31);
    int words = 0, long_words = 0, caps = 0;
    for (const W& w : ws_t_) {
      if (!IsWord(w)) continue;
      if (++words > 30) return false;
      if (InAnyQuote(w.b) || w.e - w.b < 4) continue;
      ++long_words;
      caps += IsCap(w);
    }
    return long_words >= 4 && caps * 10 >= long_words * 9;
  }

  // Words of `ws` before the one starting at byte `b`.
  // `“…,” for instance, and Reed vowed ...`: a coordinating conjunction between the quote and
  // the cue at byte `b` opens another clause.
  bool ConjunctionBefore(const std::vector<W>& ws, uint32_t b) const {
    for (const W& w : ws) {
      if (w.b >= b) break;
      if (IsWord(w) && (EqLower(Str(w), "and") || EqLower(Str(w), "but") ||
                        EqLower(Str(w), "while") || EqLower(Str(w), "whereas"))) {
        return true;
      }
    }
    return false;
  }

  int CueDistance(const std::vector<W>& ws, uint32_t b) const {
    int words = 0;
    for (const W& w : ws) {
      if (w.b >= b) break;
      words += IsWord(w);
    }
    return words;
  }

  // Only "and", "or", commas and spaces between two quotes: items of one list.
  bool ListedAfterPrevious(uint32_t b, uint32_t e) {
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
  Attribution MainClauseIntro(const std::vector<W>& ws) {
    Attribution at;
    const int n = static_cast<int>(ws.size());
    if (n < 4 || !IsWord(ws[0]) || !In<kSubordinators>(Str(ws[0]))) return at;
    for (int c = n - 2; c > 0; --c) {
      if (ws[c].type != WType::kComma || !IsWord(ws[c + 1])) continue;
      int a = -1;
      int v = c + 1;
      if (In<kPronouns>(Str(ws[c + 1]))) {
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
  Attribution ParagraphCue(uint32_t p, uint32_t from) {
    return SentenceCue(paras_[p].e, paras_[p].b, from);
  }

  // The last attribution of the sentence ending at `pe` (not before `lo` or `from`).
  Attribution SentenceCue(uint32_t pe, uint32_t lo, uint32_t from) {
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

  // Byte length of a dash at `b` that can open a signature ("—", "–", "―", "-"); 0 if none.
  uint32_t DashAt(uint32_t b, uint32_t e) const {
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
  Attribution Signature(uint32_t b, uint32_t e, bool create) {
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
      while (f + 1 < n && (!IsWord(ws_sig_[f]) || In<kNameTitles>(Str(ws_sig_[f])))) ++f;
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
  Attribution SignatureLine(uint32_t p, uint32_t close_end) {
    Attribution at;
    if (p + 1 >= paras_.size()) return at;
    for (uint32_t k = close_end; k < paras_[p].e; ++k) {
      if (ClassOfLead(t_, k) != Cls::kSpace && t_[k] != '.') return at;  // quote ends paragraph
    }
    return Signature(paras_[p + 1].b, paras_[p + 1].e, true);
  }

  // Headline and transcript style: "Graham: Trump’s ‘…’ Destroying GOP’s Chance" — a short
  // capitalized name and a colon open the paragraph.
  Attribution HeadlineSpeaker(uint32_t p, uint32_t open) {
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

  // "Hale's recent pledge to be “…”", "Hale's “…” remark": a claim noun owned by a possessive
  // mention right before the quote (at most six words between, none a cue), or a
  // possessive mention right before the quote and a claim noun right after it. -1 if none.
  int PossessiveClaim(const std::vector<W>& wb, const std::vector<W>& wa) const {
    const int n = static_cast<int>(wb.size());
    auto owner = [&](int k) -> int {
      if (k < 0 || k >= n || !IsWord(wb[k]) || !IsPossessiveWord(wb[k])) return -1;
      return MentionIn(wb[k].b, wb[k].e, false, false, -1);
    };
    if (n > 0 && !wa.empty() && IsWord(wa.front()) && In<kClaimNouns>(Str(wa.front()))) {
      if (int a = owner(n - 1); a >= 0) return a;
    }
    int that = -1;  // "Hale's claim is that the board is a “…”": a longer gap after "that"
    for (int c = n - 1; c >= 0 && c >= n - 16; --c) {
      if (!IsWord(wb[c])) return -1;
      if (CueOf(Str(wb[c])) != CueType::kNone) return -1;
      if (EqLower(Str(wb[c]), "that")) that = c;
      if (!In<kClaimNouns>(Str(wb[c]))) continue;
      if (c < n - 7 && (that < 0 || that > c + 7)) return -1;
      // The owner: a possessive up to three modifiers before the noun ("Hale's controversial
      // new pledge").
      for (int k = c - 1; k >= 0 && k >= c - 4; --k) {
        if (!IsWord(wb[k])) break;
        if (int a = owner(k); a >= 0) return a;
        if (IsCap(wb[k]) || In<kDeterminers>(Str(wb[k]))) break;
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
  int OpeningDescription(const std::vector<W>& ws, int lo, int e) {
    if (lo >= e || !IsWord(ws[lo]) || !EqLower(Str(ws[lo]), "the")) return -1;
    for (int h = lo + 1; h < e && h <= lo + 6; ++h) {
      if (!IsWord(ws[h]) || IsPossessiveWord(ws[h])) return -1;
      if (In<kPersonHeads>(Str(ws[h]))) {
        // The longest run of heads joined by "and" ("senator and ... candidate").
        int last = h;
        for (int m = h + 1; m < e && m <= lo + 10 && IsWord(ws[m]); ++m) {
          if (In<kPersonHeads>(Str(ws[m]))) last = m;
          if (!IsWord(ws[m]) || (m == h + 1 && !EqLower(Str(ws[m]), "and"))) break;
        }
        return RoleDescription(ws, lo, last);
      }
    }
    return -1;
  }

  int SentenceSubject(const std::vector<W>& ws) {
    if (int a = OpeningDescription(ws, 0, static_cast<int>(ws.size())); a >= 0) return a;
    const auto from = static_cast<size_t>(AfterOpeningPhrase(ws, 0, static_cast<int>(ws.size())));
    for (size_t k = from; k < ws.size(); ++k) {
      if (!IsWord(ws[k]) || InAnyQuote(ws[k].b)) continue;
      if (k == 0 && In<kPronouns>(Str(ws[k]))) return ResolvePronoun(Str(ws[k]), ws[k].b);
      if (int a = MentionIn(ws[k].b, ws[k].e, true, true, -1); a >= 0) return a;
    }
    return -1;
  }

  // First actor mentioned in paragraph p outside quotes (its usual subject); -1 if none.
  int FirstActorOf(uint32_t p) const {
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
  int SentenceOpener(uint32_t sb, uint32_t se) {
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

  // The actor whose mention opens headline paragraph p (before byte `limit`), past a tag such
  // as "WATCH:" and titles ("WATCH: Sen. Ted Cruz Rips …"); -1 if none or a possessive.
  int HeadlineOpener(uint32_t p, uint32_t limit) {
    ScanWords(t_, paras_[p].b, std::min(paras_[p].e, limit), ws_h_, 8);
    size_t k = 0;
    // "WATCH:" is a tag; "Trump:" is a speaker and stays.
    if (ws_h_.size() > 2 && IsWord(ws_h_[0]) && ws_h_[1].type == WType::kColon &&
        MentionIn(ws_h_[0].b, ws_h_[0].e, true, false, -1) < 0) {
      k = 2;
    }
    while (k < ws_h_.size() && ((IsWord(ws_h_[k]) && In<kNameTitles>(Str(ws_h_[k]))) ||
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

  bool InAnyQuote(uint32_t pos) const {
    // Quotes are sorted and disjoint: only the last one opening at or before pos can hold it.
    auto it = std::upper_bound(raws_.begin(), raws_.end(), pos,
                               [](uint32_t p, const RawQuote& r) { return p < r.open; });
    return it != raws_.begin() && pos < std::prev(it)->close_end;
  }

  // An introduction ending in a colon, in the same or the previous paragraph: "President
  // Clinton released the following statement:", "Republican pollster Daron Shaw: “…”".
  Attribution ColonIntro(uint32_t open, bool full) {
    Attribution at;
    uint32_t c = open;
    while (c > 0 && ClassOfLead(t_, LeadBefore(t_, c)) == Cls::kSpace) {
      c = static_cast<uint32_t>(LeadBefore(t_, c));
    }
    // A comma works the same for a full quote: "Trump issued a statement, “…”".
    if (c == 0 || (t_[c - 1] != ':' && !(t_[c - 1] == ',' && full))) return at;
    const uint32_t colon = c - 1;
    // The paragraph holding the colon (paragraphs are sorted).
    const auto p = static_cast<uint32_t>(
        std::upper_bound(paras_.begin() + 1, paras_.end(), colon,
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
      if (s > 0 && IsWord(ws_a_[s - 1]) && In<kPrepositions>(Str(ws_a_[s - 1]))) a = -1;
    }
    if (a < 0 && n >= 2 && In<kStatementNouns>(Str(ws_a_[n - 1]))) {
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

  // True when a sentence in [b, e) is about someone else: its first actor mention outside
  // quotes (possessives included: "Clinton's campaign said") is another actor, or it opens its
  // subject with a he/she of the wrong gender. Objects and later mentions ("Olsen supports
  // Senator Mark Tully") do not interrupt the speaker's run.
  bool OtherSubjectBetween(uint32_t b, uint32_t e, int actor) {
    // The rest of the attribution's own sentence ("Lynch announced the lawsuit against the
    // state, its governor and ...") holds its objects.
    uint32_t sb = b;
    uint32_t pv = b;
    while (pv > 0 && ClassOfLead(t_, LeadBefore(t_, pv)) == Cls::kSpace && t_[pv - 1] != '\n') {
      pv = static_cast<uint32_t>(LeadBefore(t_, pv));
    }
    if (pv > 0 && t_[pv - 1] != '\n' && t_[pv - 1] != '.' && t_[pv - 1] != '?' &&
        t_[pv - 1] != '!') {
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

  bool OtherActorBetween(uint32_t b, uint32_t e, int actor) const {
    for (size_t k = MentionLowerBound(b); k < actors_.mentions.size(); ++k) {
      const ActorMentionRef& m = actors_.mentions[k];
      if (m.begin >= e) break;
      if (static_cast<int>(m.actor_index) == actor) continue;
      if (!InAnyQuote(m.begin)) return true;
    }
    return false;
  }

  void Attribute(size_t qi, std::vector<Quote>& out) {
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
    const bool introduced = !ws_b_.empty() && (ws_b_.back().type == WType::kColon ||
                                               ws_b_.back().type == WType::kComma);
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

  // Actor ids follow first mentions; speakers added here may come before NER actors.
  void Renumber(std::vector<Quote>& out) {
    const size_t n = actors_.actors.size();
    auto first = [&](uint32_t i) {
      const auto& ms = actors_.actors[i].mentions;
      return ms.empty() ? ~0u : ms.front().begin;
    };
    bool sorted = true;
    for (uint32_t i = 1; i < n && sorted; ++i) sorted = first(i - 1) <= first(i);
    if (sorted) return;  // the usual case: nothing to move
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return first(a) < first(b); });
    std::vector<uint32_t> new_of_old(n);
    std::vector<Actor> actors(n);
    std::vector<Gender> genders(n);
    for (uint32_t i = 0; i < n; ++i) {
      new_of_old[order[i]] = i;
      actors[i] = std::move(actors_.actors[order[i]]);
      actors[i].id = i + 1;
      genders[i] = actors_.genders[order[i]];
    }
    actors_.actors = std::move(actors);
    actors_.genders = std::move(genders);
    for (ActorMentionRef& m : actors_.mentions) m.actor_index = new_of_old[m.actor_index];
    for (Quote& q : out) {
      if (q.speaker_id != 0) q.speaker_id = new_of_old[q.speaker_id - 1] + 1;
    }
  }

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

}  // namespace

void ExtractQuotes(std::string_view text, const OffsetMap& offsets, ActorSet& actors,
                   std::vector<Quote>& out) {
  out.clear();
  QuoteFinder(text, offsets, actors).Run(out);
}

}  // namespace newsflow::extract
