#include "daemon/extract/actors.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <unordered_map>

#include "daemon/extract/lexicon.h"

namespace newsflow::extract {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Word classes of a token, one bit each: bits 0..13 are the lexicon's actor lists (List's first
// fourteen, so one lookup gives them all), the others come from the token.
constexpr uint32_t ListBit(lexicon::List l) { return 1u << static_cast<unsigned>(l); }
enum WordBit : uint32_t {
  kTitleBit = ListBit(lexicon::List::kPersonTitles),                // "Mr.", "Dr."
  kRoleHeadBit = ListBit(lexicon::List::kRoleHeads),                // "president", "minister"
  kRoleModBit = ListBit(lexicon::List::kRoleModifiers),             // "press", "agriculture"
  kOfBit = ListBit(lexicon::List::kRoleConnectors),                 // "of" ("director of ...")
  kCalendarBit = ListBit(lexicon::List::kCalendarWords),            // weekdays and months
  kDeterminerBit = ListBit(lexicon::List::kActorDeterminers),       // "the", "his"
  kMaleBit = ListBit(lexicon::List::kMaleForenames),                // forename lists
  kFemaleBit = ListBit(lexicon::List::kFemaleForenames),            //
  kDemonymBit = ListBit(lexicon::List::kDemonyms),                  // "Japanese", "US"
  kCountryBit = ListBit(lexicon::List::kCountryNames),              // "Hungary"
  kPlacePluralBit = ListBit(lexicon::List::kPlacePlurals),          // "counties", "resorts"
  kPlacePrepBit = ListBit(lexicon::List::kCoordinationPlacePreps),  // "between", "around"
  kCoordBit = ListBit(lexicon::List::kCoordinators),                // "and", "or"
  kOrgHeadBit = ListBit(lexicon::List::kInstitutionHeads),          // "authority", "commission"
  // Token-only bits (set by the grouper from the token, not from the lexicon).
  kUpperBit = 1u << 16,
  kPunctBit = 1u << 17,
  kPossessiveBit = 1u << 18,
};
constexpr uint32_t kLexiconBits = kTitleBit | kRoleHeadBit | kRoleModBit | kOfBit | kCalendarBit |
                                  kDeterminerBit | kMaleBit | kFemaleBit | kDemonymBit |
                                  kCountryBit | kPlacePluralBit | kPlacePrepBit | kCoordBit |
                                  kOrgHeadBit;
static_assert(kLexiconBits == (1u << 14) - 1, "the actor lists are List's first fourteen");
constexpr uint32_t kRoleWordBits = kRoleHeadBit | kRoleModBit | kOfBit;

// Longest word JoinLower takes (longer ones are in no list).
constexpr size_t kMaxLexWord = 40;

uint32_t WordBits(std::string_view w) {
  return static_cast<uint32_t>(lexicon::Lookup(w).lists.Low()) & kLexiconBits;
}

// ISO code of a country name (`name`) or demonym, lowercase with single spaces ("south
// korean"); empty if unknown.
std::string_view CountryOfPhrase(std::string_view lower, bool name) {
  const lexicon::Entry e = lexicon::Lookup(lower);
  const auto list = name ? lexicon::List::kCountryNamePhrases : lexicon::List::kDemonymPhrases;
  return e.lists.Has(list) ? e.country_code : std::string_view();
}

// ASCII capitals and the Latin-1 capitals (À..Þ without ×), enough for news names.
bool IsUpperStart(std::string_view w) {
  if (w.empty()) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && w.size() > 1) {
    const auto d = static_cast<unsigned char>(w[1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
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

// Per-thread working memory, reused across articles so that grouping allocates only for what
// it returns (actor names, roles, mentions) and per actor.
struct Scratch {
  std::vector<uint32_t> cls;      // WordBit classes per token
  std::vector<uint8_t> covered;   // 0 free, 1 PER/ORG span, 2 LOC/MISC span
  std::vector<EntitySpan> spans;  // the recognizer's spans plus names it missed
  std::vector<std::string_view> parts;
  std::vector<std::pair<uint32_t, uint32_t>> places;  // code point ranges of place mentions
  std::vector<NameData> data;
  // Actors by the name parts Match compares (see Grouper::IndexName), so that a mention is
  // compared with the actors that can match it and not with every actor of the article.
  std::unordered_map<std::string, std::vector<uint32_t>> name_keys;
  std::vector<uint32_t> candidates;
};

// Lowercase phrase of `words` joined by single spaces into `buf`; false if too long.
bool JoinLower(const std::string_view* words, size_t n, std::string& buf) {
  buf.clear();
  for (size_t i = 0; i < n; ++i) {
    if (words[i].size() > kMaxLexWord) return false;
    if (i > 0) buf.push_back(' ');
    for (char c : words[i]) buf.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return true;
}

// Country code of a country name (`name`) or demonym made of the last 1..3 of `words`
// (longest first, "South Korean" before "Korean"); the last word must be capitalized.
std::string_view CountryOfWords(const std::string_view* words, size_t n, bool name) {
  if (n == 0 || !IsUpperStart(words[n - 1])) return {};
  std::string buf;
  for (size_t k = std::min<size_t>(n, 3); k >= 1; --k) {
    if (!JoinLower(words + (n - k), k, buf)) continue;
    std::string_view c = CountryOfPhrase(buf, name);
    if (!c.empty()) return c;
  }
  return {};
}

// The country an organization's name gives: a country name or demonym among its words ("Kenya
// Red Cross", "U.S. Navy", "Swiss Bank Corp", "Bank of Canada"), the first one found; empty if
// none. The geoparser does not count these names as places of the story; the record keeps the
// country with the organization instead.
// Whole phrases only, starting at a capitalized word: "New Mexico State University" and
// "Panama City Police" name no country (a "New" before or "City" after the phrase).
std::string_view CountryInName(const std::vector<std::string_view>& words) {
  std::string buf;
  for (size_t s = 0; s < words.size(); ++s) {
    if (!IsUpperStart(words[s]) || (s > 0 && words[s - 1] == "New")) continue;
    for (size_t n = std::min<size_t>(words.size() - s, 3); n >= 1; --n) {
      if (s + n < words.size() && words[s + n] == "City") continue;
      if (!JoinLower(words.data() + s, n, buf)) continue;
      std::string_view c = CountryOfPhrase(buf, true);
      if (c.empty()) c = CountryOfPhrase(buf, false);
      if (!c.empty()) return c;
    }
  }
  return {};
}

class Grouper {
 public:
  Grouper(std::string_view text, const TokenizedText& tk, const EntitySpans& entities,
          const OffsetMap& offsets, const std::vector<Location>* places, ActorSet& out,
          Scratch& scratch)
      : text_(text),
        tk_(tk),
        entities_(entities),
        offsets_(offsets),
        places_(places),
        out_(out),
        cls_(scratch.cls),
        covered_(scratch.covered),
        spans_(scratch.spans),
        parts_(scratch.parts),
        place_ranges_(scratch.places),
        data_(scratch.data),
        name_keys_(scratch.name_keys),
        candidates_(scratch.candidates) {}

  void Run() {
    Classify();
    data_.clear();
    name_keys_.clear();
    Augment();
    for (const EntitySpan& span : spans_) {
      if (span.type != EntityType::kPerson && span.type != EntityType::kOrganization) continue;
      if (span.end_token > tk_.tokens.size() || span.first_token >= span.end_token) continue;
      AddSpan(span);
    }
    std::sort(out_.mentions.begin(), out_.mentions.end(),
              [](const ActorMentionRef& a, const ActorMentionRef& b) { return a.begin < b.begin; });
    DemonymNouns();
  }

 private:
  // "His coach said the Kenyan was in good shape": "the" + a singular demonym used as a noun
  // (followed by punctuation or a singular verb) refers to the person mentioned last before its
  // sentence, at most two sentences back, and gives that person's country when it has none.
  void DemonymNouns() {
    const size_t n = tk_.tokens.size();
    for (size_t i = 1; i + 1 < n; ++i) {
      if ((cls_[i] & (kDemonymBit | kUpperBit | kCountryBit)) != (kDemonymBit | kUpperBit) ||
          covered_[i] == 1 || !EqLower(Tok(i - 1), "the")) {
        continue;
      }
      const std::string_view w = Tok(i);
      const char last = w.back();
      if ((last != 'n' && last != 'i') || (w.size() > 1 && IsUpper(w[1]))) continue;
      if (!Is(i + 1, kPunctBit) && !lexicon::Contains(lexicon::List::kSingularVerbs, Tok(i + 1)))
        continue;
      if (Is(i + 1, kPunctBit) && (tk_.tokens[i + 1].flags & kQuoteMark)) continue;
      // Start of this sentence and of the one two before it.
      size_t s0 = i - 1;
      while (s0 > 0 && !(tk_.tokens[s0].flags & kSentenceStart)) --s0;
      size_t s2 = s0;
      for (int k = 0; k < 2 && s2 > 0; ++k) {
        --s2;
        while (s2 > 0 && !(tk_.tokens[s2].flags & kSentenceStart)) --s2;
      }
      const uint32_t lo = tk_.tokens[s2].begin;
      const uint32_t hi = tk_.tokens[s0].begin;
      int found = -1;
      for (const ActorMentionRef& m : out_.mentions) {
        if (m.begin >= hi) break;
        if (m.begin >= lo && out_.actors[m.actor_index].type == ActorType::kPerson) {
          found = static_cast<int>(m.actor_index);
        }
      }
      if (found < 0) continue;
      const std::string_view code = lexicon::Lookup(w).country_code;
      Actor& a = out_.actors[static_cast<size_t>(found)];
      if (!a.country_code.empty() && a.country_code != code) continue;
      a.country_code.assign(code);
      AddActorMention(text_, tk_.tokens[i - 1].begin, tk_.tokens[i].end,
                      static_cast<uint32_t>(found), offsets_, out_);
    }
  }

  // One lexicon lookup per token; every later test is a bit test.
  void Classify() {
    const size_t n = tk_.tokens.size();
    cls_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const Token& t = tk_.tokens[i];
      uint32_t c = 0;
      if (t.begin > t.end || t.end > text_.size()) {
        cls_[i] = kPunctBit;  // a tokenization of another text: never part of a name
        continue;
      }
      const std::string_view w = text_.substr(t.begin, t.end - t.begin);
      const auto c0 = w.empty() ? 0 : static_cast<unsigned char>(w[0]);
      if (w.size() == 1 &&
          !((c0 >= '0' && c0 <= '9') || ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z'))) {
        c = kPunctBit;
      } else {
        c = WordBits(w);
        if (IsUpperStart(w)) c |= kUpperBit;
      }
      if ((t.flags & kPossessive) || IsPossessiveText(w)) c |= kPossessiveBit;
      cls_[i] = c;
    }
  }
  bool Is(size_t i, uint32_t bits) const { return (cls_[i] & bits) != 0; }

  // Organization spans that name places are places: the span of a place the geoparser
  // resolved (not used as an agent), or a name coordinated with a LOC span in a place context
  // ("between {Brig} and Zermatt", "around Zermatt and {Verbier}", "Kisumu and {Busia}
  // counties"). Not the text of a LOC span elsewhere in the article: "Leeds" the club and
  // "in Leeds" the city share one text (that rule cost 0.006 entity F1 on the record).
  void RetypePlaces() {
    place_ranges_.clear();
    if (places_ != nullptr) {
      for (const Location& l : *places_) {
        for (const Mention& m : l.mentions) {
          if (!m.agent && !m.demonym) place_ranges_.emplace_back(m.begin, m.end);
        }
      }
      std::sort(place_ranges_.begin(), place_ranges_.end());
    }
    for (EntitySpan& s : spans_) {
      if (s.type == EntityType::kOrganization && IsPlace(s)) s.type = EntityType::kLocation;
    }
  }

  std::string_view SpanText(const EntitySpan& s) const {
    const uint32_t b = tk_.tokens[s.first_token].begin;
    const uint32_t e = tk_.tokens[s.end_token - 1].end;
    return b <= e && e <= text_.size() ? text_.substr(b, e - b) : std::string_view();
  }

  bool IsPlace(const EntitySpan& s) const {
    const size_t b = s.first_token;
    const size_t e = s.end_token;
    if (!place_ranges_.empty()) {
      const std::pair<uint32_t, uint32_t> r{offsets_.ToCodePoint(tk_.tokens[b].begin),
                                            offsets_.ToCodePoint(tk_.tokens[e - 1].end)};
      if (std::binary_search(place_ranges_.begin(), place_ranges_.end(), r)) return true;
    }
    const size_t n = tk_.tokens.size();
    const bool coord_before = b >= 2 && Is(b - 1, kCoordBit);
    const bool coord_after = e + 1 < n && Is(e, kCoordBit);
    if (!coord_before && !coord_after) return false;
    for (const EntitySpan& l : spans_) {
      if (l.type != EntityType::kLocation) continue;
      // {LOC} and {ORG}: a place preposition before the pair or a place plural after it.
      if (coord_before && l.end_token + 1 == b) {
        if ((l.first_token > 0 && Is(l.first_token - 1, kPlacePrepBit)) ||
            (e < n && Is(e, kPlacePluralBit))) {
          return true;
        }
      }
      // {ORG} and {LOC}.
      if (coord_after && l.first_token == e + 1) {
        if ((b > 0 && Is(b - 1, kPlacePrepBit)) ||
            (l.end_token < n && Is(l.end_token, kPlacePluralBit))) {
          return true;
        }
      }
    }
    return false;
  }

  // Organization names the recognizer cut short, when the span ends in an institution head
  // ("Authority", "Commission"): "{Port Authority} of {Singapore|LOC}" takes the place, and
  // "Maritime and {Port Authority}" the untagged capitalized word before the "and".
  void ExtendOrganizations() {
    const size_t n = tk_.tokens.size();
    for (size_t k = 0; k < spans_.size(); ++k) {
      EntitySpan& s = spans_[k];
      if (s.type != EntityType::kOrganization || s.first_token >= s.end_token ||
          (cls_[s.end_token - 1] & (kOrgHeadBit | kUpperBit)) != (kOrgHeadBit | kUpperBit)) {
        continue;
      }
      const size_t e = s.end_token;
      if (e + 1 < n && Is(e, kOfBit) && covered_[e + 1] == 2) {
        for (EntitySpan& l : spans_) {
          if (l.type == EntityType::kLocation && l.first_token == e + 1) {
            s.end_token = l.end_token;
            l.end_token = l.first_token;  // now part of the organization's name
            for (size_t i = e; i < s.end_token; ++i) covered_[i] = 1;
            break;
          }
        }
      }
      const size_t b = s.first_token;
      if (b >= 2 && Is(b - 1, kCoordBit) && covered_[b - 2] == 0 &&
          (cls_[b - 2] & (kUpperBit | kPunctBit | kDeterminerBit | kPossessiveBit)) == kUpperBit &&
          !(tk_.tokens[b - 2].flags & kSentenceStart)) {
        s.first_token = static_cast<uint32_t>(b - 2);
        covered_[b - 2] = covered_[b - 1] = 1;
      }
    }
  }

  // "{Kim|PER} {Jong-un|MISC}", "{Wong|PER} Maye-E": a short capitalized hyphenated word right
  // after a person span is the rest of the name (Korean and Chinese given names; CoNLL tags such
  // words mostly as MISC adjectives, "Toronto-based").
  static bool IsHyphenatedGivenName(std::string_view w) {
    const size_t h = w.find('-');
    if (h == std::string_view::npos || h == 0 || h + 1 >= w.size()) return false;
    const std::string_view a = w.substr(0, h);
    const std::string_view b = w.substr(h + 1);
    if (a.size() > 5 || b.size() > 5 || b.find('-') != std::string_view::npos) return false;
    if (!IsUpper(a[0])) return false;
    for (size_t i = 1; i < a.size(); ++i) {
      if (a[i] < 'a' || a[i] > 'z') return false;
    }
    // A capital after the hyphen only as a single letter ("Maye-E"), never "T-Shirt".
    if (b.size() > 1 && !(b[0] >= 'a' && b[0] <= 'z')) return false;
    for (size_t i = 0; i < b.size(); ++i) {
      const char c = b[i];
      if (!((c >= 'a' && c <= 'z') || (i == 0 && c >= 'A' && c <= 'Z'))) return false;
    }
    // Compound adjectives: "Trump-led", "Obama-era".
    return !lexicon::Contains(lexicon::List::kCompoundSuffixes, b);
  }

  void ExtendHyphenatedGivenNames() {
    const size_t n = tk_.tokens.size();
    for (size_t k = 0; k < spans_.size(); ++k) {
      EntitySpan& s = spans_[k];
      const size_t e = s.end_token;
      if (s.type != EntityType::kPerson || s.first_token >= e || e >= n || covered_[e] == 1 ||
          IsPossessiveTok(e - 1) || tk_.tokens[e].begin != tk_.tokens[e - 1].end + 1 ||
          !IsHyphenatedGivenName(Tok(e))) {
        continue;
      }
      for (EntitySpan& m : spans_) {
        if (m.first_token == e && m.end_token == e + 1) m.end_token = m.first_token;  // absorbed
      }
      if (covered_[e] == 2) {
        bool single = false;
        for (const EntitySpan& m : spans_)
          single = single || (m.first_token == e && m.end_token == e);
        if (!single) continue;  // part of a longer MISC/LOC span
      }
      s.end_token = static_cast<uint32_t>(e + 1);
      covered_[e] = 1;
    }
  }

  // Person names the recognizer missed, found with two precise cues: a capitalized run right
  // after a role premodifier ("Kenyan President Odhiambo Wafula"), and later single-word
  // uses of a known multi-word person name ("Park urged" after "Park Ji-hoon").
  void Augment() {
    const size_t n = tk_.tokens.size();
    covered_.assign(n, 0);
    spans_.clear();
    for (const EntitySpan& s : entities_) {
      if (s.end_token > n || s.first_token >= s.end_token) continue;
      spans_.push_back(s);
    }
    RetypePlaces();
    for (const EntitySpan& s : spans_) {
      const bool actor = s.type == EntityType::kPerson || s.type == EntityType::kOrganization;
      for (size_t i = s.first_token; i < s.end_token; ++i) covered_[i] = actor ? 1 : 2;
    }
    ExtendOrganizations();
    ExtendHyphenatedGivenNames();
    constexpr uint32_t kNotName =
        kPunctBit | kTitleBit | kRoleWordBits | kPossessiveBit | kDemonymBit;
    auto cap = [&](size_t i) { return (cls_[i] & (kUpperBit | kNotName)) == kUpperBit; };
    // Makes tokens [b, e) a person: retypes a LOC/MISC span starting at b ("President {Moon
    // Jae-in|MISC}") or adds a new span.
    auto person = [&](size_t b, size_t e) {
      for (EntitySpan& s : spans_) {
        if (s.first_token == b && covered_[b] == 2) {
          s.type = EntityType::kPerson;
          for (size_t k = s.first_token; k < s.end_token; ++k) covered_[k] = 1;
          return;
        }
      }
      spans_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), EntityType::kPerson});
      for (size_t k = b; k < e; ++k) covered_[k] = 1;
    };
    for (size_t i = 0; i + 1 < n; ++i) {
      if (covered_[i + 1] == 1 || !Is(i, kRoleHeadBit) || !cap(i + 1)) continue;
      // Role heads capitalized as titles, or lowercase after a modifier ("press secretary").
      if (!Is(i, kUpperBit) && !(i > 0 && Is(i - 1, kRoleModBit))) continue;
      size_t e = i + 1;
      while (e < n && e < i + 4 && covered_[e] != 1 && cap(e)) ++e;
      person(i + 1, e);
    }
    // "Ana Ruiz, director of Harbor Watch": a two- or three-word capitalized run followed by a
    // role appositive.
    for (size_t i = 0; i + 3 < n; ++i) {
      if (covered_[i] == 1 || !cap(i) || (i > 0 && cap(i - 1))) continue;
      size_t e = i;
      while (e < n && e < i + 3 && covered_[e] != 1 && cap(e)) ++e;
      if (e - i < 2 || e + 1 >= n || Tok(e) != ",") continue;
      size_t h = e + 1;
      if (Is(h, kDeterminerBit)) ++h;
      while (h < n && h < e + 5 && Is(h, kRoleModBit)) ++h;
      if (h >= n || !Is(h, kRoleHeadBit) || Is(h, kUpperBit)) continue;
      person(i, e);
    }
    parts_.clear();
    for (const EntitySpan& s : spans_) {
      if (s.type != EntityType::kPerson || s.end_token - s.first_token < 2) continue;
      parts_.push_back(Tok(s.first_token));
      parts_.push_back(Tok(s.end_token - 1));
    }
    std::sort(parts_.begin(), parts_.end());
    if (!parts_.empty()) RetypeSurnames();
    if (!parts_.empty()) {
      for (size_t i = 0; i < n; ++i) {
        if (covered_[i] || !cap(i)) continue;
        if ((tk_.tokens[i].flags & kSentenceStart) && i + 1 < n && cap(i + 1)) continue;
        if (!std::binary_search(parts_.begin(), parts_.end(), Tok(i))) continue;
        if (i + 1 < n && cap(i + 1) && !covered_[i + 1]) continue;  // part of another name
        spans_.push_back(
            {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), EntityType::kPerson});
      }
    }
    std::stable_sort(spans_.begin(), spans_.end(), [](const EntitySpan& a, const EntitySpan& b) {
      return a.first_token < b.first_token;
    });
  }

  // "{Hollis|ORG} said" in an article about "Dana Hollis": a one-word organization or MISC span
  // equal to the first or last word of a multi-word person name (anywhere in the article) is that
  // person, unless it reads as an organization name ("the Hollis", "Hollis Inc").
  void RetypeSurnames() {
    const size_t n = tk_.tokens.size();
    for (EntitySpan& s : spans_) {
      if (s.type != EntityType::kOrganization && s.type != EntityType::kMisc) continue;
      const size_t i = s.first_token;
      size_t e = s.end_token;
      while (e > i + 1 && IsPossessiveTok(e - 1)) --e;
      if (e != i + 1) continue;
      if (!Is(i, kUpperBit) || Is(i, kPunctBit | kTitleBit | kRoleWordBits | kDemonymBit)) continue;
      if (i > 0 && Is(i - 1, kDeterminerBit)) continue;  // "the Hollis"
      // "Hollis Inc", "Hollis Foundation": the next word continues an organization name.
      if (s.end_token < n && Is(s.end_token, kUpperBit | kOrgHeadBit)) continue;
      std::string_view w = Tok(i);
      for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (w.size() > suf.size() && w.substr(w.size() - suf.size()) == suf) {
          w = w.substr(0, w.size() - suf.size());
          break;
        }
      }
      if (!std::binary_search(parts_.begin(), parts_.end(), w)) continue;
      s.type = EntityType::kPerson;
      covered_[i] = 1;
    }
  }

  std::string_view Tok(size_t i) const {
    const Token& t = tk_.tokens[i];
    if (t.begin > t.end || t.end > text_.size()) return {};
    return text_.substr(t.begin, t.end - t.begin);
  }
  bool IsPunctTok(size_t i) const { return Is(i, kPunctBit); }
  bool IsPossessiveTok(size_t i) const { return Is(i, kPossessiveBit); }

  static Gender TitleGender(std::string_view w) {
    const lexicon::ListSet lists = lexicon::Lookup(w).lists;
    if (lists.Has(lexicon::List::kMaleTitles)) return Gender::kMale;
    if (lists.Has(lexicon::List::kFemaleTitles)) return Gender::kFemale;
    return Gender::kUnknown;
  }

  // Country named right before token `b`: a demonym ("Dutch", "South Korean") or a possessive
  // country name ("Hungary’s", "South Korea’s").
  std::string_view CountryBefore(size_t b) const {
    std::string_view words[3];
    if (b >= 2 && IsPossessiveTok(b - 1) && Is(b - 2, kUpperBit)) {
      size_t k = 0;
      for (size_t i = b - 1; i-- > 0 && k < 3 && Is(i, kUpperBit) && !IsPossessiveTok(i);) {
        words[2 - k++] = Tok(i);
      }
      return CountryOfWords(words + (3 - k), k, true);
    }
    size_t k = 0;
    for (size_t i = b; i-- > 0 && k < 3 && Is(i, kUpperBit) && !IsPunctTok(i);) {
      words[2 - k++] = Tok(i);
    }
    return CountryOfWords(words + (3 - k), k, false);
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
    std::string_view country;
    // Titles inside the span: gender or role, never part of the name; a demonym before an
    // in-span role ("{Dutch Infrastructure Minister Barry Madlener}") is the country.
    while (e - f > 1) {
      std::string_view w = Tok(f);
      if (Is(f, kTitleBit)) {
        if (Gender g = TitleGender(w); g != Gender::kUnknown) gender = g;
        ++f;
      } else if (type == ActorType::kPerson && Is(f, kRoleHeadBit | kRoleModBit)) {
        size_t r = f;
        while (e - f > 1 && Is(f, kRoleWordBits)) ++f;
        roles.emplace_back(r, f);
        if (country.empty()) country = CountryBefore(r);
      } else if (type == ActorType::kPerson && Is(f, kDemonymBit) && e - f > 2 &&
                 Is(f + 1, kRoleHeadBit | kRoleModBit)) {
        ++f;
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
    if (words.empty() || (words.size() == 1 && (WordBits(words[0]) & kCalendarBit))) return;

    if (type == ActorType::kPerson) {
      PremodifierRoles(span.first_token, roles, country);
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
      IndexName(idx);
    } else if (words.size() > data_[idx].words.size() ||
               (words.size() == data_[idx].words.size() &&
                end - begin > out_.actors[idx].name.size())) {
      // Fullest form wins: "Ruiz" first, "Ana Ruiz" later.
      out_.actors[idx].name.assign(text_.substr(begin, end - begin));
      data_[idx].words = words;
      data_[idx].acronym = Acronym(words);
      IndexName(idx);
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
    // An organization's country: a demonym or possessive country right before it ("South Korean
    // Foreign Ministry", "Japan's Toyota"), else one in its name.
    if (type == ActorType::kOrganization && country.empty()) {
      country = CountryBefore(span.first_token);
      if (country.empty()) country = CountryInName(words);
    }
    if (actor.country_code.empty()) actor.country_code = country;
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
    IndexName(idx);
    // spans_ is sorted by first token; a tagged acronym joins through the alias later.
    auto it = std::lower_bound(spans_.begin(), spans_.end(), static_cast<uint32_t>(p + 1),
                               [](const EntitySpan& s, uint32_t t) { return s.first_token < t; });
    if (it != spans_.end() && it->first_token == p + 1) return;
    AddMention(idx, tk_.tokens[p + 1].begin, tk_.tokens[p + 1].end, false);
  }

  static constexpr uint32_t kNone = ~0u;

  static bool ShortFormWord(std::string_view w) {
    if (w.size() < 3 || !IsUpper(w[0]) || (WordBits(w) & (kOrgHeadBit | kRoleWordBits)) != 0) {
      return false;
    }
    for (std::string_view generic : {"House", "Party", "Senate", "Congress", "Group", "Company",
                                     "Club", "Network", "News", "Institute", "Times"}) {
      if (w == generic) return false;
    }
    return true;
  }

  // Keys under which Match finds actor i: its single word (S), first (F) and last (B) words,
  // first and last of a longer name (P), its alias and acronym (A). Entries are only added, so
  // a renamed actor keeps its old keys too; Match checks every candidate in full.
  static std::string Key(char kind, std::string_view a, std::string_view b = {}) {
    std::string k;
    k.reserve(a.size() + b.size() + 2);
    k.push_back(kind);
    k.append(a);
    if (!b.empty()) {
      k.push_back('\x1f');
      k.append(b);
    }
    return k;
  }
  void AddKey(std::string key, uint32_t i) {
    auto& list = name_keys_[std::move(key)];
    if (list.empty() || list.back() != i) list.push_back(i);
  }
  void IndexName(uint32_t i) {
    const NameData& d = data_[i];
    if (d.words.size() == 1) {
      AddKey(Key('S', d.words[0]), i);
    } else {
      AddKey(Key('P', d.words.front(), d.words.back()), i);
    }
    AddKey(Key('F', d.words.front()), i);
    AddKey(Key('B', d.words.back()), i);
    if (!d.alias.empty()) AddKey(Key('A', d.alias), i);
    if (!d.acronym.empty()) AddKey(Key('A', d.acronym), i);
  }
  void Gather(char kind, std::string_view a, std::string_view b = {}) {
    auto it = name_keys_.find(Key(kind, a, b));
    if (it != name_keys_.end()) {
      candidates_.insert(candidates_.end(), it->second.begin(), it->second.end());
    }
  }
  // Every actor the loop of Match could consider, in index order: each test there compares
  // a word of `words` with the actor's single, first or last word, alias or acronym.
  void Candidates(ActorType type, const std::vector<std::string_view>& words) {
    candidates_.clear();
    if (words.size() == 1) {
      Gather('S', words[0]);
      Gather('B', words[0]);
      if (type == ActorType::kOrganization) {
        Gather('A', words[0]);
      } else {
        Gather('F', words[0]);
      }
    } else {
      Gather('P', words.front(), words.back());
      Gather('S', words.back());
      if (type == ActorType::kOrganization) {
        if (const std::string a = Acronym(words); !a.empty()) Gather('S', a);
      } else {
        Gather('S', words.front());
      }
    }
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  }

  uint32_t Match(ActorType type, const std::vector<std::string_view>& words, Gender gender,
                 uint32_t pos) {
    uint32_t best = kNone;
    uint32_t best_pos = 0;
    auto consider = [&](uint32_t i) {
      if (best == kNone || data_[i].last_pos >= best_pos) {
        best = i;
        best_pos = data_[i].last_pos;
      }
    };
    Candidates(type, words);
    for (const uint32_t i : candidates_) {
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
        if (d.words.size() == 1 && words.size() > 1 && d.words[0] == Acronym(words)) consider(i);
        // "the Post" and "The Washington Post": a distinctive last word (not an institution
        // head such as "Department", nor "House" or "Party") is the short form of the name.
        if (words.size() == 1 && d.words.size() > 1 && d.words.back() == words[0] &&
            ShortFormWord(words[0])) {
          consider(i);
        }
        if (d.words.size() == 1 && words.size() > 1 && words.back() == d.words[0] &&
            ShortFormWord(d.words[0])) {
          consider(i);
        }
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

  // "Kenyan President Odhiambo Wafula", "spokeswoman Ana Ruiz", "the mayor’s spokeswoman, Ana
  // Ruiz", "Hungary’s minister, István Nagy".
  void PremodifierRoles(size_t first, std::vector<std::pair<size_t, size_t>>& roles,
                        std::string_view& country) {
    size_t end = first;
    bool comma = false;
    if (end >= 2 && Tok(end - 1) == ",") {
      comma = true;
      --end;
    }
    size_t b = end;
    while (b > 0 && Is(b - 1, kRoleWordBits)) --b;
    while (b < end && Is(b, kOfBit)) ++b;
    bool has_head = false;
    for (size_t i = b; i < end; ++i) has_head = has_head || Is(i, kRoleHeadBit);
    if (!has_head) return;
    if (comma) {
      // Only a role appositive when what precedes the role cannot be a separate clause.
      if (b == 0) return;
      if (!IsPossessiveTok(b - 1) && !Is(b - 1, kDeterminerBit)) return;
    }
    roles.emplace_back(b, end);
    if (country.empty()) country = CountryBefore(b);
  }

  // "Ana Ruiz, director of Harbor Watch, ..." and "X, a senior fellow at Y,".
  void AppositiveRole(size_t after, std::vector<std::pair<size_t, size_t>>& roles) {
    const size_t n = tk_.tokens.size();
    if (after + 1 >= n || Tok(after) != ",") return;
    size_t b = after + 1;
    if (Is(b, kDeterminerBit)) ++b;
    size_t h = b;
    while (h < n && h < b + 3 && Is(h, kRoleModBit)) ++h;
    if (h >= n || !Is(h, kRoleHeadBit)) return;
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
  const std::vector<Location>* places_;
  ActorSet& out_;
  std::vector<uint32_t>& cls_;
  std::vector<uint8_t>& covered_;
  std::vector<EntitySpan>& spans_;
  std::vector<std::string_view>& parts_;
  std::vector<std::pair<uint32_t, uint32_t>>& place_ranges_;
  std::vector<NameData>& data_;
  std::unordered_map<std::string, std::vector<uint32_t>>& name_keys_;
  std::vector<uint32_t>& candidates_;
};

// "the institute said" after "Switzerland’s avalanche research institute raised ...": the
// nearest earlier noun phrase ending in the same lowercase head with at least one modifier or
// a country gives the fuller description ("avalanche research institute") and the country.
struct Antecedent {
  uint32_t begin = 0;  // bytes of the description (modifiers + head)
  uint32_t end = 0;
  std::string_view country;
};

bool IsLowerWord(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

bool FindAntecedent(std::string_view text, uint32_t before, std::string_view head,
                    Antecedent& out) {
  size_t pos = before;
  for (int tries = 0; tries < 16 && pos > 0; ++tries) {
    const size_t h = text.rfind(head, pos - 1);
    if (h == std::string_view::npos) return false;
    pos = h;
    const size_t he = h + head.size();
    if (he > before) continue;
    if (h > 0 && text[h - 1] != ' ') continue;
    if (he < text.size() && std::isalnum(static_cast<unsigned char>(text[he]))) continue;
    // Walk back over lowercase modifiers, then look for a country.
    size_t start = h;
    int mods = 0;
    std::string_view country;
    size_t cur = h;
    std::string_view prev_word;  // the word before the one looked at, for "South Korea’s"
    while (cur > 0 && text[cur - 1] == ' ') {
      size_t we = cur - 1;
      size_t wb = we;
      while (wb > 0 && text[wb - 1] != ' ' && text[wb - 1] != '\n') --wb;
      std::string_view w = text.substr(wb, we - wb);
      if (IsLowerWord(w) && mods < 4 && !lexicon::Contains(lexicon::List::kNotRoleModifiers, w)) {
        ++mods;
        start = wb;
        cur = wb;
        continue;
      }
      if (IsUpperStart(w)) {
        bool poss = false;
        for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
          if (w.size() > suf.size() && w.substr(w.size() - suf.size()) == suf) {
            w.remove_suffix(suf.size());
            poss = true;
            break;
          }
        }
        // One word before it, for two-word countries ("South Korea’s", "South Korean").
        if (wb > 1 && text[wb - 1] == ' ') {
          size_t pb = wb - 1;
          while (pb > 0 && text[pb - 1] != ' ' && text[pb - 1] != '\n') --pb;
          prev_word = text.substr(pb, wb - 1 - pb);
        }
        std::string_view words[2] = {prev_word, w};
        const bool two = !prev_word.empty() && IsUpperStart(prev_word);
        country = CountryOfWords(two ? words : words + 1, two ? 2 : 1, poss);
      }
      break;
    }
    if (mods == 0 && country.empty()) continue;
    out.begin = static_cast<uint32_t>(start);
    out.end = static_cast<uint32_t>(he);
    out.country = country;
    return true;
  }
  return false;
}

}  // namespace

Gender GenderOfFirstName(std::string_view name) {
  const uint32_t bits = WordBits(name);
  if (bits & kFemaleBit) return Gender::kFemale;
  if (bits & kMaleBit) return Gender::kMale;
  return Gender::kUnknown;
}

std::string_view CountryOfDemonym(std::string_view previous, std::string_view word) {
  if (!IsUpperStart(word)) return {};
  if (!previous.empty() && IsUpperStart(previous)) {
    const std::string_view words[2] = {previous, word};
    std::string buf;
    if (JoinLower(words, 2, buf)) {
      std::string_view c = CountryOfPhrase(buf, false);
      if (!c.empty()) return c;
    }
  }
  const lexicon::Entry e = lexicon::Lookup(word);
  return e.lists.Has(lexicon::List::kDemonyms) ? e.country_code : std::string_view();
}

std::string_view CountryOfName(std::string_view name) {
  std::string buf;
  const std::string_view words[1] = {name};
  if (!IsUpperStart(name) || !JoinLower(words, 1, buf)) return {};
  return CountryOfPhrase(buf, true);
}

void GroupActors(std::string_view text, const TokenizedText& tokenized, const EntitySpans& entities,
                 const OffsetMap& offsets, ActorSet& out, const std::vector<Location>* places) {
  out.clear();
  thread_local Scratch scratch;
  Grouper(text, tokenized, entities, offsets, places, out, scratch).Run();
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

namespace {

std::string NameKey(ActorType type, ActorNameIndex::Part part, std::string_view s) {
  std::string k;
  k.reserve(s.size() + 2);
  k.push_back(static_cast<char>('0' + static_cast<int>(type)));
  k.push_back(static_cast<char>(part));
  k.append(s);
  return k;
}

std::string_view FirstWord(std::string_view s) { return s.substr(0, s.find(' ')); }

std::string_view LastWord(std::string_view s) {
  const size_t space = s.rfind(' ');
  return space == std::string_view::npos ? s : s.substr(space + 1);
}

}  // namespace

void ActorNameIndex::Update(const ActorSet& set) {
  for (; indexed_ < set.actors.size(); ++indexed_) {
    const Actor& a = set.actors[indexed_];
    const std::string_view name = a.name;
    const auto i = static_cast<uint32_t>(indexed_);
    for (auto [part, s] : {std::pair{kName, name}, std::pair{kFirst, FirstWord(name)},
                           std::pair{kLast, LastWord(name)}}) {
      auto& list = keys_[NameKey(a.type, part, s)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
}

const std::vector<uint32_t>& ActorNameIndex::Find(ActorType type, Part part,
                                                  std::string_view s) const {
  static const std::vector<uint32_t> kEmpty;
  auto it = keys_.find(NameKey(type, part, s));
  return it == keys_.end() ? kEmpty : it->second;
}

uint32_t AddSpeakerActor(std::string_view text, uint32_t begin, uint32_t end, ActorType type,
                         const OffsetMap& offsets, ActorSet& set, ActorNameIndex* names) {
  std::string_view name = text.substr(begin, end - begin);
  const bool one_word = name.find(' ') == std::string_view::npos;
  // A lowercase organization description ("institute" from "the institute said").
  const bool description =
      type == ActorType::kOrganization && !name.empty() && name[0] >= 'a' && name[0] <= 'z';
  uint32_t idx = static_cast<uint32_t>(set.actors.size());
  uint32_t by_head = idx;
  // "the ministry" after "the South Korean foreign ministry".
  auto ends_with_head = [&](std::string_view an) {
    return an.size() > name.size() && an.substr(an.size() - name.size()) == name &&
           an[an.size() - name.size() - 1] == ' ';
  };
  if (names != nullptr) {
    // The loop below, by lookup: the latest actor of the type with this name, or (one-word
    // person names) this first or last word, each of which passes its test; and the latest
    // description ending in the name's last word that passes.
    names->Update(set);
    auto latest = [&](ActorNameIndex::Part part, std::string_view s) {
      const auto& found = names->Find(type, part, s);
      if (!found.empty() && (idx == set.actors.size() || found.back() > idx)) idx = found.back();
    };
    latest(ActorNameIndex::kName, name);
    if (one_word && type == ActorType::kPerson) {
      latest(ActorNameIndex::kFirst, name);
      latest(ActorNameIndex::kLast, name);
    }
    if (description) {
      const auto& found = names->Find(type, ActorNameIndex::kLast, LastWord(name));
      for (size_t c = found.size(); c-- > 0;) {
        if (ends_with_head(set.actors[found[c]].name)) {
          by_head = found[c];
          break;
        }
      }
    }
  }
  for (uint32_t i = 0; names == nullptr && i < set.actors.size(); ++i) {
    const Actor& a = set.actors[i];
    if (a.type != type) continue;
    std::string_view an = a.name;
    bool same = an == name;
    if (!same && one_word && type == ActorType::kPerson && an.size() > name.size()) {
      // Surname of an earlier full name ("Ruiz" for "Ana Ruiz"), or a family name written
      // first ("Park" for "Park Ji-hoon").
      same =
          (an.substr(an.size() - name.size()) == name && an[an.size() - name.size() - 1] == ' ') ||
          (an.substr(0, name.size()) == name && an[name.size()] == ' ');
    }
    if (same) idx = i;  // latest wins
    if (description && ends_with_head(an)) by_head = i;
  }
  if (idx == set.actors.size() && by_head < set.actors.size()) idx = by_head;
  if (idx == set.actors.size()) {
    Actor a;
    a.id = idx + 1;
    a.type = type;
    a.name.assign(name);
    Antecedent ante;
    const size_t space = name.rfind(' ');
    const std::string_view head = space == std::string_view::npos ? name : name.substr(space + 1);
    bool with_ante = false;
    if (description && FindAntecedent(text, begin, head, ante)) {
      const std::string_view fuller = text.substr(ante.begin, ante.end - ante.begin);
      if (fuller.size() > name.size()) {
        a.name.assign(fuller);
        with_ante = true;
      }
      a.country_code.assign(ante.country);
    }
    set.actors.push_back(std::move(a));
    set.genders.push_back(Gender::kUnknown);
    if (with_ante) {
      // The antecedent is a mention too, unless another actor already has one there.
      bool taken = false;
      for (const ActorMentionRef& m : set.mentions) {
        taken = taken || (m.begin < ante.end && ante.begin < m.end);
      }
      if (!taken) AddActorMention(text, ante.begin, ante.end, idx, offsets, set);
    }
  }
  AddActorMention(text, begin, end, idx, offsets, set);
  return idx;
}

}  // namespace newsflow::extract
