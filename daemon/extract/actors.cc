#include "daemon/extract/actors.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace newsflow::extract {
namespace {

// ASCII case-insensitive equality against a lowercase literal; names and cue words we compare
// are ASCII, so no Unicode folding is needed here.
bool EqLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

template <size_t N>
bool InList(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view w : list) {
    if (EqLower(s, w)) return true;
  }
  return false;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Role vocabulary. Heads make a phrase a role; modifiers may only extend one ("press secretary").
constexpr std::string_view kRoleHeads[] = {"president",
                                           "minister",
                                           "premier",
                                           "secretary",
                                           "leader",
                                           "senator",
                                           "sen.",
                                           "rep.",
                                           "representative",
                                           "governor",
                                           "gov.",
                                           "director",
                                           "spokesman",
                                           "spokeswoman",
                                           "spokesperson",
                                           "chairman",
                                           "chairwoman",
                                           "chair",
                                           "ceo",
                                           "ambassador",
                                           "general",
                                           "gen.",
                                           "judge",
                                           "justice",
                                           "mayor",
                                           "chancellor",
                                           "king",
                                           "queen",
                                           "prince",
                                           "official",
                                           "adviser",
                                           "advisor",
                                           "candidate",
                                           "nominee",
                                           "congressman",
                                           "congresswoman",
                                           "chief",
                                           "commissioner",
                                           "attorney",
                                           "envoy",
                                           "professor",
                                           "analyst",
                                           "lawmaker",
                                           "speaker",
                                           "head",
                                           "manager",
                                           "coach",
                                           "founder",
                                           "economist",
                                           "correspondent",
                                           "editor",
                                           "pope",
                                           "commander",
                                           "colonel",
                                           "captain",
                                           "sheriff",
                                           "officer",
                                           "president-elect",
                                           "diplomat",
                                           "negotiator",
                                           "strategist",
                                           "pollster"};
constexpr std::string_view kRoleModifiers[] = {
    "press",          "foreign",   "prime",    "vice",           "deputy",   "state",
    "national",       "security",  "defense",  "defence",        "homeland", "health",
    "finance",        "trade",     "interior", "energy",         "treasury", "senior",
    "executive",      "assistant", "campaign", "communications", "white",    "house",
    "supreme",        "court",     "district", "u.s.",           "first",    "lady",
    "majority",       "minority",  "party",    "acting",         "top",      "chief",
    "foreign-policy", "policy",    "army",     "military"};
constexpr std::string_view kTitles[] = {"mr.", "mr",   "ms.", "ms", "mrs.",
                                        "mrs", "miss", "dr.", "dr", "sir"};
constexpr std::string_view kCalendar[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday",   "saturday",
    "sunday", "january", "february",  "march",    "april",    "june",
    "july",   "august",  "september", "october",  "november", "december"};
constexpr std::string_view kDeterminers[] = {"the", "a", "an", "his", "her", "its"};

// Own short forename lists: enough to give pronoun resolution a gender for the commonest
// names in English-language news; unknown names stay kUnknown (compatible with both).
constexpr std::string_view kMaleNames[] = {
    "joe",      "joseph",      "donald",   "barack",   "bill",    "william", "george",    "john",
    "james",    "robert",      "michael",  "david",    "richard", "thomas",  "charles",   "mike",
    "mark",     "paul",        "steven",   "steve",    "kevin",   "brian",   "jeff",      "jeffrey",
    "chris",    "christopher", "daniel",   "matthew",  "anthony", "andrew",  "peter",     "jim",
    "tom",      "bob",         "ted",      "marco",    "bernie",  "tim",     "ben",       "jeb",
    "rand",     "newt",        "rudy",     "mitch",    "paul",    "eric",    "jason",     "ryan",
    "justin",   "vladimir",    "xi",       "emmanuel", "boris",   "moon",    "yoshihide", "shinzo",
    "benjamin", "recep",       "narendra", "kim",      "jong",    "antony",  "lloyd",     "jake",
    "ron",      "rick",        "scott",    "gary",     "larry",   "frank",   "jack",      "henry",
    "harry",    "sean",        "patrick",  "pete",     "sam",     "samuel",  "adam",      "alan",
    "carl",     "dick",        "dan",      "greg",     "jerry",   "keith",   "kenneth",   "martin",
    "nick",     "nicholas",    "ralph",    "roger",    "stephen", "walter",  "jose"};
constexpr std::string_view kFemaleNames[] = {
    "jen",       "jennifer",  "jenny",    "hillary",   "kamala",      "nancy",     "elizabeth",
    "mary",      "patricia",  "linda",    "barbara",   "susan",       "jessica",   "sarah",
    "karen",     "lisa",      "betty",    "margaret",  "sandra",      "ashley",    "kimberly",
    "emily",     "donna",     "michelle", "carol",     "amanda",      "melissa",   "deborah",
    "stephanie", "rebecca",   "laura",    "helen",     "sharon",      "cynthia",   "kathleen",
    "amy",       "anna",      "angela",   "ann",       "anne",        "melania",   "ivanka",
    "chelsea",   "kellyanne", "sarah",    "huma",      "condoleezza", "madeleine", "theresa",
    "marine",    "jacinda",   "ursula",   "christine", "samantha",    "nikki",     "elaine",
    "janet",     "gina",      "tulsi",    "kirsten",   "amy",         "dianne",    "maxine",
    "debbie",    "jill",      "julie",    "katie",     "kate",        "kelly",     "megyn",
    "maria",     "rachel",    "rosa",     "ruth",      "sally",       "sue",       "victoria",
    "wendy",     "liz",       "judy"};

struct Demonym {
  std::string_view word;
  std::string_view code;
};
constexpr Demonym kDemonyms[] = {
    {"american", "US"},   {"us", "US"},         {"u.s.", "US"},       {"japanese", "JP"},
    {"chinese", "CN"},    {"russian", "RU"},    {"british", "GB"},    {"uk", "GB"},
    {"french", "FR"},     {"german", "DE"},     {"indian", "IN"},     {"iranian", "IR"},
    {"israeli", "IL"},    {"canadian", "CA"},   {"mexican", "MX"},    {"ukrainian", "UA"},
    {"syrian", "SY"},     {"turkish", "TR"},    {"italian", "IT"},    {"spanish", "ES"},
    {"australian", "AU"}, {"saudi", "SA"},      {"pakistani", "PK"},  {"afghan", "AF"},
    {"iraqi", "IQ"},      {"egyptian", "EG"},   {"brazilian", "BR"},  {"taiwanese", "TW"},
    {"filipino", "PH"},   {"philippine", "PH"}, {"vietnamese", "VN"}, {"palestinian", "PS"},
    {"cuban", "CU"},      {"venezuelan", "VE"}, {"polish", "PL"},     {"dutch", "NL"},
    {"swedish", "SE"},    {"nigerian", "NG"},   {"greek", "GR"},      {"irish", "IE"},
    {"belarusian", "BY"}, {"qatari", "QA"},     {"emirati", "AE"},    {"jordanian", "JO"},
    {"lebanese", "LB"},   {"libyan", "LY"},
};

bool IsRoleHead(std::string_view w) { return InList(w, kRoleHeads); }
bool IsRoleWord(std::string_view w) {
  return InList(w, kRoleHeads) || InList(w, kRoleModifiers) || EqLower(w, "of");
}

bool IsPossessiveText(std::string_view w) {
  return w == "'s" || w == "\xE2\x80\x99s" || w == "'" || w == "\xE2\x80\x99";
}

// Per-actor matching data kept only during grouping.
struct NameData {
  std::vector<std::string_view> words;  // name words, views into the text
  std::string acronym;                  // initials of capitalized words ("IAEA")
  std::string_view alias;               // acronym given in parentheses
  uint32_t last_pos = 0;                // byte offset of the latest mention
};

class Grouper {
 public:
  Grouper(std::string_view text, const TokenizedText& tk, const EntitySpans& entities,
          const OffsetMap& offsets, ActorSet& out)
      : text_(text), tk_(tk), entities_(entities), offsets_(offsets), out_(out) {}

  void Run() {
    Augment();
    for (const EntitySpan& span : spans_) {
      if (span.type != EntityType::kPerson && span.type != EntityType::kOrganization) continue;
      if (span.end_token > tk_.tokens.size() || span.first_token >= span.end_token) continue;
      AddSpan(span);
    }
    std::sort(out_.mentions.begin(), out_.mentions.end(),
              [](const ActorMentionRef& a, const ActorMentionRef& b) { return a.begin < b.begin; });
  }

 private:
  // Person names the recognizer missed, found with two precise cues: a capitalized run right
  // after a role premodifier ("South Korean President Moon Jae-in"), and later single-word
  // uses of a known multi-word person name ("Moon urged" after "Moon Jae-in").
  void Augment() {
    const size_t n = tk_.tokens.size();
    // 0: free, 1: PER/ORG span, 2: LOC/MISC span (may be a mistyped person, see below).
    std::vector<uint8_t> covered(n, 0);
    spans_.clear();
    for (const EntitySpan& s : entities_) {
      if (s.end_token > n || s.first_token >= s.end_token) continue;
      spans_.push_back(s);
      const bool actor = s.type == EntityType::kPerson || s.type == EntityType::kOrganization;
      for (size_t i = s.first_token; i < s.end_token; ++i) covered[i] = actor ? 1 : 2;
    }
    auto cap = [&](size_t i) {
      std::string_view w = Tok(i);
      return !w.empty() && IsUpper(w[0]) && !IsPunctTok(i) && !InList(w, kTitles) &&
             !IsRoleWord(w) && !IsPossessiveTok(i) && CountryOfDemonym("", w).empty();
    };
    // Makes tokens [b, e) a person: retypes a LOC/MISC span starting at b ("President {Moon
    // Jae-in|MISC}") or adds a new span.
    auto person = [&](size_t b, size_t e) {
      for (EntitySpan& s : spans_) {
        if (s.first_token == b && covered[b] == 2) {
          s.type = EntityType::kPerson;
          for (size_t k = s.first_token; k < s.end_token; ++k) covered[k] = 1;
          return;
        }
      }
      spans_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), EntityType::kPerson});
      for (size_t k = b; k < e; ++k) covered[k] = 1;
    };
    for (size_t i = 0; i + 1 < n; ++i) {
      if (covered[i + 1] == 1 || !IsRoleHead(Tok(i)) || !cap(i + 1)) continue;
      // Role heads capitalized as titles, or lowercase after a modifier ("press secretary").
      if (!IsUpper(Tok(i)[0]) && !(i > 0 && InList(Tok(i - 1), kRoleModifiers))) continue;
      size_t e = i + 1;
      while (e < n && e < i + 4 && covered[e] != 1 && cap(e)) ++e;
      person(i + 1, e);
    }
    // "Jenny Town, director of 38 North": a two- or three-word capitalized run followed by a
    // role appositive.
    for (size_t i = 0; i + 3 < n; ++i) {
      if (covered[i] == 1 || !cap(i) || (i > 0 && cap(i - 1))) continue;
      size_t e = i;
      while (e < n && e < i + 3 && covered[e] != 1 && cap(e)) ++e;
      if (e - i < 2 || e + 1 >= n || Tok(e) != ",") continue;
      size_t h = e + 1;
      if (InList(Tok(h), kDeterminers)) ++h;
      while (h < n && h < e + 5 && InList(Tok(h), kRoleModifiers)) ++h;
      if (h >= n || !IsRoleHead(Tok(h)) || IsUpper(Tok(h)[0])) continue;
      person(i, e);
    }
    std::vector<std::string_view> parts;
    for (const EntitySpan& s : spans_) {
      if (s.type != EntityType::kPerson || s.end_token - s.first_token < 2) continue;
      parts.push_back(Tok(s.first_token));
      parts.push_back(Tok(s.end_token - 1));
    }
    std::sort(parts.begin(), parts.end());
    if (!parts.empty()) {
      for (size_t i = 0; i < n; ++i) {
        if (covered[i] || !cap(i)) continue;
        if ((tk_.tokens[i].flags & kSentenceStart) && i + 1 < n && cap(i + 1)) continue;
        if (!std::binary_search(parts.begin(), parts.end(), Tok(i))) continue;
        if (i + 1 < n && cap(i + 1) && !covered[i + 1]) continue;  // part of another name
        spans_.push_back(
            {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), EntityType::kPerson});
      }
    }
    std::stable_sort(spans_.begin(), spans_.end(), [](const EntitySpan& a, const EntitySpan& b) {
      return a.first_token < b.first_token;
    });
  }

  std::string_view Tok(size_t i) const {
    const Token& t = tk_.tokens[i];
    return text_.substr(t.begin, t.end - t.begin);
  }
  bool IsPunctTok(size_t i) const {
    std::string_view w = Tok(i);
    return w.size() == 1 && !std::isalnum(static_cast<unsigned char>(w[0]));
  }
  bool IsPossessiveTok(size_t i) const {
    return (tk_.tokens[i].flags & kPossessive) != 0 || IsPossessiveText(Tok(i));
  }

  static Gender TitleGender(std::string_view w) {
    if (EqLower(w, "mr.") || EqLower(w, "mr") || EqLower(w, "sir")) return Gender::kMale;
    if (EqLower(w, "ms.") || EqLower(w, "ms") || EqLower(w, "mrs.") || EqLower(w, "mrs") ||
        EqLower(w, "miss")) {
      return Gender::kFemale;
    }
    return Gender::kUnknown;
  }

  void AddSpan(const EntitySpan& span) {
    const ActorType type =
        span.type == EntityType::kPerson ? ActorType::kPerson : ActorType::kOrganization;
    size_t f = span.first_token;
    size_t e = span.end_token;
    bool possessive = false;
    while (e > f && IsPossessiveTok(e - 1)) {
      possessive = true;
      --e;
    }
    if (e < tk_.tokens.size() && e == span.end_token && IsPossessiveTok(e)) possessive = true;
    Gender gender = Gender::kUnknown;
    if (f > 0) gender = TitleGender(Tok(f - 1));   // "Mr. {Clinton}"
    std::vector<std::pair<size_t, size_t>> roles;  // token ranges
    // Titles inside the span: gender or role, never part of the name.
    while (e - f > 1) {
      std::string_view w = Tok(f);
      if (InList(w, kTitles)) {
        if (Gender g = TitleGender(w); g != Gender::kUnknown) gender = g;
        ++f;
      } else if (type == ActorType::kPerson && IsRoleWord(w) && !EqLower(w, "of")) {
        size_t r = f;
        while (e - f > 1 && IsRoleWord(Tok(f))) ++f;
        roles.emplace_back(r, f);
      } else if (type == ActorType::kOrganization && EqLower(w, "the")) {
        ++f;
      } else {
        break;
      }
    }
    if (f >= e) return;
    // A possessive glued to the last token ("Biden’s" as one token).
    uint32_t begin = tk_.tokens[f].begin;
    uint32_t end = tk_.tokens[e - 1].end;
    std::string_view last = text_.substr(begin, end - begin);
    for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
      if (last.size() > suf.size() && last.substr(last.size() - suf.size()) == suf) {
        end -= static_cast<uint32_t>(suf.size());
        possessive = true;
        break;
      }
    }
    std::vector<std::string_view> words;
    for (size_t i = f; i < e; ++i) {
      if (IsPunctTok(i)) continue;
      std::string_view w = Tok(i);
      if (tk_.tokens[i].end > end) w = w.substr(0, end - tk_.tokens[i].begin);
      if (!w.empty()) words.push_back(w);
    }
    // Recognizer slips on calendar words ("Friday said") are no actors.
    if (words.empty() || (words.size() == 1 && InList(words[0], kCalendar))) return;

    if (type == ActorType::kPerson) {
      PremodifierRoles(span.first_token, roles);
      if (e == span.end_token) AppositiveRole(e, roles);
    }
    uint32_t idx = Match(type, words, gender, begin);
    if (idx == kNone) {
      idx = static_cast<uint32_t>(out_.actors.size());
      Actor a;
      a.id = idx + 1;
      a.type = type;
      a.name.assign(text_.substr(begin, end - begin));
      out_.actors.push_back(std::move(a));
      out_.genders.push_back(Gender::kUnknown);
      NameData nd;
      nd.words = words;
      nd.acronym = Acronym(words);
      data_.push_back(std::move(nd));
    } else if (words.size() > data_[idx].words.size() ||
               (words.size() == data_[idx].words.size() &&
                end - begin > out_.actors[idx].name.size())) {
      // Fullest form wins: "Psaki" first, "Jen Psaki" later.
      out_.actors[idx].name.assign(text_.substr(begin, end - begin));
      data_[idx].words = words;
      data_[idx].acronym = Acronym(words);
    }
    Actor& actor = out_.actors[idx];
    data_[idx].last_pos = begin;
    if (gender == Gender::kUnknown && type == ActorType::kPerson && words.size() > 1) {
      gender = GenderOfFirstName(words[0]);
    }
    if (out_.genders[idx] == Gender::kUnknown) out_.genders[idx] = gender;
    for (auto [rb, re] : roles) {
      std::string_view role =
          text_.substr(tk_.tokens[rb].begin, tk_.tokens[re - 1].end - tk_.tokens[rb].begin);
      if (std::find(actor.roles.begin(), actor.roles.end(), role) == actor.roles.end()) {
        actor.roles.emplace_back(role);
      }
    }
    if (actor.country_code.empty()) actor.country_code = country_;
    country_ = {};
    AddMention(idx, begin, end, possessive);
    if (type == ActorType::kOrganization) ParenAlias(span, idx);
  }

  void AddMention(uint32_t idx, uint32_t begin, uint32_t end, bool possessive) {
    Mention m;
    m.begin = offsets_.ToCodePoint(begin);
    m.end = offsets_.ToCodePoint(end);
    out_.actors[idx].mentions.push_back(m);
    out_.mentions.push_back({idx, begin, end, possessive});
  }

  static std::string Acronym(const std::vector<std::string_view>& words) {
    std::string a;
    if (words.size() < 2) return a;
    for (std::string_view w : words) {
      if (IsUpper(w[0])) a.push_back(w[0]);
    }
    return a.size() >= 2 ? a : std::string();
  }

  // "International Atomic Energy Agency (IAEA)": remember IAEA; add it as a mention when the
  // recognizer did not tag it itself.
  void ParenAlias(const EntitySpan& span, uint32_t idx) {
    size_t p = span.end_token;
    if (p + 2 >= tk_.tokens.size() || Tok(p) != "(" || Tok(p + 2) != ")") return;
    std::string_view a = Tok(p + 1);
    if (a.size() < 2 || !IsUpper(a[0])) return;
    data_[idx].alias = a;
    // spans_ is sorted by first token; a tagged acronym joins through the alias later.
    auto it = std::lower_bound(spans_.begin(), spans_.end(), static_cast<uint32_t>(p + 1),
                               [](const EntitySpan& s, uint32_t t) { return s.first_token < t; });
    if (it != spans_.end() && it->first_token == p + 1) return;
    AddMention(idx, tk_.tokens[p + 1].begin, tk_.tokens[p + 1].end, false);
  }

  static constexpr uint32_t kNone = ~0u;

  uint32_t Match(ActorType type, const std::vector<std::string_view>& words, Gender gender,
                 uint32_t pos) const {
    uint32_t best = kNone;
    uint32_t best_pos = 0;
    auto consider = [&](uint32_t i) {
      if (best == kNone || data_[i].last_pos >= best_pos) {
        best = i;
        best_pos = data_[i].last_pos;
      }
    };
    for (uint32_t i = 0; i < out_.actors.size(); ++i) {
      const Actor& a = out_.actors[i];
      const NameData& d = data_[i];
      if (d.last_pos > pos) continue;
      if (a.type != type) continue;
      if (gender != Gender::kUnknown && out_.genders[i] != Gender::kUnknown &&
          gender != out_.genders[i]) {
        continue;
      }
      if (d.words == words) {
        consider(i);
        continue;
      }
      if (type == ActorType::kOrganization) {
        if (words.size() == 1 && (words[0] == d.alias || words[0] == d.acronym)) consider(i);
        if (d.words.size() == 1 && d.words[0] == Acronym(words)) consider(i);
        continue;
      }
      if (words.size() == 1) {
        if (d.words.front() == words[0] || d.words.back() == words[0]) consider(i);
      } else if (d.words.size() == 1) {
        if (words.back() == d.words[0] || words.front() == d.words[0]) consider(i);
      } else if (words.front() == d.words.front() && words.back() == d.words.back()) {
        consider(i);  // "Donald J. Trump" and "Donald Trump"
      }
    }
    return best;
  }

  // "South Korean President Moon Jae-in", "press secretary Jen Psaki", "Biden’s press
  // secretary, Jen Psaki".
  void PremodifierRoles(size_t first, std::vector<std::pair<size_t, size_t>>& roles) {
    size_t end = first;
    bool comma = false;
    if (end >= 2 && Tok(end - 1) == ",") {
      comma = true;
      --end;
    }
    size_t b = end;
    while (b > 0 && IsRoleWord(Tok(b - 1))) --b;
    while (b < end && EqLower(Tok(b), "of")) ++b;
    bool has_head = false;
    for (size_t i = b; i < end; ++i) has_head = has_head || IsRoleHead(Tok(i));
    if (!has_head) return;
    if (comma) {
      // Only a role appositive when what precedes the role cannot be a separate clause.
      if (b == 0) return;
      if (!IsPossessiveTok(b - 1) && !InList(Tok(b - 1), kDeterminers)) return;
    }
    roles.emplace_back(b, end);
    if (b >= 1) {
      std::string_view prev = b >= 2 ? Tok(b - 2) : std::string_view();
      country_ = CountryOfDemonym(prev, Tok(b - 1));
    }
  }

  // "Jenny Town, director of 38 North, ..." and "X, a senior fellow at Y,".
  void AppositiveRole(size_t after, std::vector<std::pair<size_t, size_t>>& roles) {
    const size_t n = tk_.tokens.size();
    if (after + 1 >= n || Tok(after) != ",") return;
    size_t b = after + 1;
    if (InList(Tok(b), kDeterminers)) ++b;
    size_t h = b;
    while (h < n && h < b + 3 && InList(Tok(h), kRoleModifiers)) ++h;
    if (h >= n || !IsRoleHead(Tok(h))) return;
    size_t e = h + 1;
    while (e < n && e < b + 9) {
      std::string_view w = Tok(e);
      if (w == "," || w == "." || w == ";" || w == ")" || w == ":") break;
      if (tk_.tokens[e].flags & kQuoteMark) break;
      ++e;
    }
    if (e >= n || (Tok(e) != "," && Tok(e) != ".")) return;
    roles.emplace_back(b, e);
  }

  std::string_view text_;
  const TokenizedText& tk_;
  const EntitySpans& entities_;
  const OffsetMap& offsets_;
  ActorSet& out_;
  std::vector<NameData> data_;
  std::vector<EntitySpan> spans_;  // the recognizer's spans plus names it missed
  std::string_view country_;
};

}  // namespace

Gender GenderOfFirstName(std::string_view name) {
  if (InList(name, kFemaleNames)) return Gender::kFemale;
  if (InList(name, kMaleNames)) return Gender::kMale;
  return Gender::kUnknown;
}

std::string_view CountryOfDemonym(std::string_view previous, std::string_view word) {
  if (EqLower(word, "korean") || EqLower(word, "korea")) {
    if (EqLower(previous, "south")) return "KR";
    if (EqLower(previous, "north")) return "KP";
    return {};
  }
  for (const Demonym& d : kDemonyms) {
    if (EqLower(word, d.word)) return d.code;
  }
  return {};
}

void GroupActors(std::string_view text, const TokenizedText& tokenized, const EntitySpans& entities,
                 const OffsetMap& offsets, ActorSet& out) {
  out.clear();
  Grouper(text, tokenized, entities, offsets, out).Run();
}

void AddActorMention(std::string_view /*text*/, uint32_t begin, uint32_t end, uint32_t actor_index,
                     const OffsetMap& offsets, ActorSet& set) {
  const uint32_t idx = actor_index;
  Mention m;
  m.begin = offsets.ToCodePoint(begin);
  m.end = offsets.ToCodePoint(end);
  auto& ms = set.actors[idx].mentions;
  ms.insert(std::upper_bound(ms.begin(), ms.end(), m,
                             [](const Mention& x, const Mention& y) { return x.begin < y.begin; }),
            m);
  ActorMentionRef ref{idx, begin, end, false};
  set.mentions.insert(std::upper_bound(set.mentions.begin(), set.mentions.end(), ref,
                                       [](const ActorMentionRef& x, const ActorMentionRef& y) {
                                         return x.begin < y.begin;
                                       }),
                      ref);
}

uint32_t AddSpeakerActor(std::string_view text, uint32_t begin, uint32_t end, ActorType type,
                         const OffsetMap& offsets, ActorSet& set) {
  std::string_view name = text.substr(begin, end - begin);
  const bool one_word = name.find(' ') == std::string_view::npos;
  uint32_t idx = static_cast<uint32_t>(set.actors.size());
  for (uint32_t i = 0; i < set.actors.size(); ++i) {
    const Actor& a = set.actors[i];
    if (a.type != type) continue;
    std::string_view an = a.name;
    bool same = an == name;
    if (!same && one_word && type == ActorType::kPerson && an.size() > name.size()) {
      // Surname of an earlier full name ("Psaki" for "Jen Psaki").
      // Surname of an earlier full name ("Psaki" for "Jen Psaki"), or a family name written
      // first ("Moon" for "Moon Jae-in").
      same =
          (an.substr(an.size() - name.size()) == name && an[an.size() - name.size() - 1] == ' ') ||
          (an.substr(0, name.size()) == name && an[name.size()] == ' ');
    }
    if (same) idx = i;  // latest wins
  }
  if (idx == set.actors.size()) {
    Actor a;
    a.id = idx + 1;
    a.type = type;
    a.name.assign(name);
    set.actors.push_back(std::move(a));
    set.genders.push_back(Gender::kUnknown);
  }
  AddActorMention(text, begin, end, idx, offsets, set);
  return idx;
}

}  // namespace newsflow::extract
