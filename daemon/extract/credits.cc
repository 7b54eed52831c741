#include "daemon/extract/credits.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "daemon/extract/actors.h"
#include "daemon/extract/lexicon.h"

namespace newsflow::extract {
namespace {

// A byline, source or copyright line longer than this is prose that happens to open with "By".
constexpr size_t kMaxLineTokens = 24;
// A person's or agency's name in a credit: at most this many words.
constexpr size_t kMaxNameWords = 6;
// Every scan from a candidate stops after this many tokens, so that text made of nothing but
// "(Editing by" or "A/B/C/…" stays linear.
constexpr size_t kMaxCreditTokens = 64;
constexpr size_t kMaxSlashRuns = 4;

// The credit word lists (agencies, photo agencies, credit words, contributor roles, months,
// name particles) are in lexicon.h, looked up with ASCII case folded.
using lexicon::List;

class Finder {
 public:
  Finder(std::string_view text, const TokenizedText& tokenized, const OffsetMap& offsets,
         Credits& out)
      : t_(text),
        toks_(tokenized.tokens),
        offsets_(offsets),
        out_(out),
        covered_(tokenized.tokens.size(), false) {}

  void Run() {
    const size_t n = toks_.size();
    std::vector<size_t> paragraphs;  // token index of each paragraph start
    for (size_t i = 0; i < n; ++i) {
      if (i == 0 || (toks_[i].flags & kParagraphStart)) paragraphs.push_back(i);
    }
    for (size_t p = 0; p < paragraphs.size(); ++p) {
      const size_t b = paragraphs[p];
      const size_t e = p + 1 < paragraphs.size() ? paragraphs[p + 1] : n;
      if (p < 2 && out_.dateline.end == 0) Dateline(b, e);
      Line(b, e);
    }
    // Every detector needs a capital, a slash or "contributed" where it starts: one byte test
    // per token rules out the others (this loop runs on every article).
    for (size_t i = 0; i < n; ++i) {
      if (covered_[i]) continue;
      const char c = t_[toks_[i].begin];
      if (Cap(i)) {
        Contributors(i);
        if (!covered_[i]) PhotoLabel(i);
      } else if (c == '/') {
        SlashAt(i);
      } else if (c == 'c') {
        Contributed(i);
      }
    }
    std::sort(out_.credits.begin(), out_.credits.end(),
              [](const Credit& a, const Credit& b) { return a.begin < b.begin; });
    std::sort(out_.name_bytes.begin(), out_.name_bytes.end());
  }

 private:
  std::string_view S(size_t i) const {
    return t_.substr(toks_[i].begin, toks_[i].end - toks_[i].begin);
  }
  bool Is(size_t i, std::string_view w) const { return i < toks_.size() && S(i) == w; }
  bool Cap(size_t i) const {
    const auto c = static_cast<unsigned char>(t_[toks_[i].begin]);
    return (c >= 'A' && c <= 'Z') || c >= 0xC3;
  }
  bool AllCaps(size_t i) const {
    bool letter = false;
    for (char ch : S(i)) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter;
  }
  bool Glued(size_t i) const {  // token i touches token i + 1
    return i + 1 < toks_.size() && toks_[i].end == toks_[i + 1].begin;
  }
  bool Paragraph(size_t i) const { return i == 0 || (toks_[i].flags & kParagraphStart); }
  bool Dash(size_t i) const { return Is(i, "-") || Is(i, "--") || Is(i, "—") || Is(i, "–"); }
  uint32_t Cp(size_t byte) const { return offsets_.ToCodePoint(byte); }
  // Where a credit may open: a paragraph start or after an opening bracket or a semicolon.
  bool Opening(size_t i) const {
    return Paragraph(i) || (i > 0 && (Is(i - 1, "(") || Is(i - 1, "[") || Is(i - 1, ";")));
  }
  bool Separator(size_t i) const {
    return Is(i, ",") || Is(i, ";") || Is(i, "and") || Is(i, "&") || Is(i, "|") || Is(i, "/") ||
           Is(i, "via") || Is(i, "for") || Is(i, "with");
  }
  // A word that may continue a capitalized name run.
  bool NameWord(size_t i) const {
    // An initial or an abbreviation ("Jane Q. Smith", "Martin Luther King Jr."), not a
    // sentence's full stop ("… in Kyiv. Gleb Garanich/Reuters").
    if (toks_[i].flags & (kPunct | kQuoteMark)) {
      return Is(i, ".") && i > 0 && Glued(i - 1) && S(i - 1).size() <= 2 && Cap(i - 1);
    }
    return Cap(i) || lexicon::Contains(List::kNameParticles, S(i));
  }
  bool AgencyRun(size_t b, size_t e) const {
    size_t words = 0;
    for (size_t i = b; i < e; ++i) {
      if (toks_[i].flags & kPunct) continue;
      ++words;
      if (lexicon::Contains(List::kAgencyWords, S(i))) return true;
    }
    return words == 1 && AllCaps(b) && S(b).size() > 1;
  }
  // Two to four name words, no agency word: the shape of a photographer's name.
  bool PersonRun(size_t b, size_t e) const {
    size_t words = 0;
    for (size_t i = b; i < e; ++i) {
      if (toks_[i].flags & kPunct) continue;
      if (lexicon::Contains(List::kAgencyWords, S(i))) return false;
      ++words;
    }
    return words >= 2 && words <= 4;
  }
  std::string Text(size_t b, size_t e) const {
    return std::string(t_.substr(toks_[b].begin, toks_[e - 1].end - toks_[b].begin));
  }

  // Names and agencies between separators in [b, e) into `c`; stops at a sentence end or a
  // closing bracket. Returns the token after the last one consumed.
  size_t Names(size_t b, size_t e, Credit& c, bool all_agencies) {
    size_t i = b;
    while (i < e) {
      if (Is(i, ")") || Is(i, "]") || Is(i, ";") || Is(i, ".")) break;
      if (Separator(i) || Dash(i) || Is(i, ":")) {
        ++i;
        continue;
      }
      // "in Geneva", "at the United Nations": where the reporter was, up to the next separator.
      if (Is(i, "in") || Is(i, "at") || Is(i, "from")) {
        while (i < e && !Separator(i) && !Is(i, ")") && !Is(i, "]") && !Is(i, ".")) ++i;
        continue;
      }
      if (all_agencies && !Cap(i) && !(toks_[i].flags & kPunct)) {
        // "news agencies": a lowercase agency in a source line.
        size_t j = i;
        while (j < e && !Separator(j) && !(toks_[j].flags & kPunct)) ++j;
        Add(c, i, j, true);
        i = j;
        continue;
      }
      if (!Cap(i)) {
        // "writer", "staff writer": roles around names; "the Associated Press".
        if (lexicon::Contains(List::kCreditWords, S(i)) ||
            (Is(i, "the") && i + 1 < e && Cap(i + 1))) {
          ++i;
          continue;
        }
        return i;  // "By July 2013, the show …": prose
      }
      size_t j = i;
      while (j < e && NameWord(j)) ++j;
      // A mark with a capital-like lead byte ("…", "“"): no name starts here, and without this
      // the loop would stand still on it forever ("Source: … agencies").
      if (j == i) return i;
      if (j - i > kMaxNameWords) return i;  // prose, not a list of names
      // "By Ana Ruiz | The Harbor Gazette": after a bar, or with an article, a publication.
      const bool publication = Is(i, "The") || (i > b && Is(i - 1, "|"));
      Add(c, i, j, all_agencies || publication || AgencyRun(i, j));
      i = j;
    }
    return i;
  }

  void Add(Credit& c, size_t b, size_t e, bool agency) {
    while (e > b && toks_[e - 1].flags & kPunct) --e;
    // "Associated Press Writer", "Jane Smith Staff Correspondent": the role is no part of it.
    while (e > b + 1 && lexicon::Contains(List::kCreditWords, S(e - 1))) --e;
    if (e <= b) return;
    std::string name = Text(b, e);
    if (lexicon::Contains(List::kNotCreditNames, name)) return;
    (agency ? c.agencies : c.people).push_back(std::move(name));
    AddRange(toks_[b].begin, toks_[e - 1].end);
  }

  void AddRange(uint32_t b, uint32_t e) { out_.name_bytes.emplace_back(b, e); }

  void Emit(Credit c, size_t b, size_t e) {
    if (c.people.empty() && c.agencies.empty()) return;
    c.begin = Cp(toks_[b].begin);
    c.end = Cp(toks_[e - 1].end);
    out_.credits.push_back(std::move(c));
    std::fill(covered_.begin() + static_cast<std::ptrdiff_t>(b),
              covered_.begin() + static_cast<std::ptrdiff_t>(e), true);
  }

  // A short paragraph that is a byline, source line or copyright line.
  void Line(size_t b, size_t e) {
    if (e - b > kMaxLineTokens || e - b < 2) return;
    Credit c;
    size_t from = b + 1;
    if (S(b) == "By" || S(b) == "BY") {
      if (!Cap(b + 1) && !(Is(b + 1, "the") && b + 2 < e && Cap(b + 2))) return;
      c.kind = CreditKind::kByline;
    } else if ((EqLower(S(b), "source") || EqLower(S(b), "sources")) && Is(b + 1, ":")) {
      c.kind = CreditKind::kSource;
      from = b + 2;
    } else if (S(b) == "©" || S(b) == "Copyright" || S(b) == "COPYRIGHT") {
      c.kind = CreditKind::kCopyright;
      while (from < e && (toks_[from].flags & kNumber || Is(from, "©"))) ++from;
    } else {
      return;
    }
    const size_t end = Names(from, e, c, c.kind != CreditKind::kByline);
    if (c.kind == CreditKind::kByline && end < e && !Is(end, ".") && !Is(end, ")") &&
        !Is(end, ";")) {
      // "By the time the vote came, …" — not a list of names.
      Undo(c);
      return;
    }
    Emit(std::move(c), b, std::max(end, from));
  }

  void Undo(const Credit& c) {
    out_.name_bytes.resize(out_.name_bytes.size() - c.people.size() - c.agencies.size());
  }

  // "Reporting by X in Geneva; Additional reporting by Y; Editing by Z", "Contributing: X".
  void Contributors(size_t i) {
    if (!Opening(i) || !Cap(i)) return;
    size_t by = i;
    if (lexicon::Contains(List::kContributorRoles, S(i))) {
      by = i + 1;
      if (EqLower(S(i), "additional") && Is(by, "reporting")) ++by;
      if (!Is(by, "by")) return;
    } else if (S(i) == "Contributing" && Is(i + 1, ":")) {
      by = i + 1;
    } else {
      return;
    }
    Credit c;
    c.kind = CreditKind::kContributor;
    c.role = Text(i, by);
    for (char& ch : c.role) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    size_t e = by + 1;
    while (e < toks_.size() && e - i < kMaxCreditTokens && !Is(e, ";") && !Is(e, ")") &&
           !Is(e, "]") && !(e > by + 1 && Paragraph(e)))
      ++e;
    const size_t end = Names(by + 1, e, c, false);
    Emit(std::move(c), i, std::max(end, by + 1));
  }

  // "Photo: …", "Photograph: …", "Photo by …", "Credit: …", "Image: …" up to a bracket or line end.
  void PhotoLabel(size_t i) {
    if (!(Is(i + 1, ":") || Is(i + 1, "by")) || !Cap(i)) return;
    const std::string_view w = S(i);
    if (!lexicon::Contains(List::kPhotoLabels, w)) return;
    if (!Opening(i) && !(i > 0 && (Is(i - 1, ".") || Is(i - 1, "|")))) return;
    size_t e = i + 2;
    while (e < toks_.size() && e - i < kMaxCreditTokens && !Is(e, ")") && !Is(e, "]") &&
           !Paragraph(e))
      ++e;
    Credit c;
    c.kind = CreditKind::kPhoto;
    const size_t end = Names(i + 2, e, c, false);
    Emit(std::move(c), i, std::max(end, i + 2));
  }

  // "Gleb Garanich/Reuters", "REUTERS/Gleb Garanich/File Photo", "AP Photo/Evan Vucci",
  // "Jane Doe/AFP via Getty Images": a glued slash with an agency on one side.
  // A slash is rare and a name run is short: start from the slash, not from every capital.
  void SlashAt(size_t slash) {
    size_t s = slash;
    while (s > 0 && slash - s <= kMaxNameWords && NameWord(s - 1) && !Is(s - 1, ".")) --s;
    if (s < slash && !covered_[s]) Slash(s);
  }

  void Slash(size_t i) {
    if (!Cap(i) || (i > 0 && NameWord(i - 1) && !Is(i - 1, "."))) return;  // a run's start only
    size_t j = i;
    while (j < toks_.size() && NameWord(j) && j - i <= kMaxNameWords) ++j;
    if (j >= toks_.size() || !Is(j, "/") || !Glued(j - 1) || !Glued(j)) return;
    // The chain of runs joined by glued slashes (and "via"), at least one an agency.
    std::vector<std::pair<size_t, size_t>> runs = {{i, j}};
    size_t k = j;
    while (k < toks_.size() && runs.size() < kMaxSlashRuns && (Is(k, "/") || Is(k, "via"))) {
      size_t b = k + 1;
      size_t e = b;
      while (e < toks_.size() && NameWord(e) && e - b <= kMaxNameWords) ++e;
      if (e == b) break;
      runs.emplace_back(b, e);
      k = e;
    }
    // A photographer beside a photo agency ("Gleb Garanich/Reuters", "AP Photo/Evan Vucci"), or
    // photo words alone ("AFP/Getty Images"); never a poll or study ("Reuters/Ipsos poll").
    bool photo_agency = false, person = false, photo_word = false;
    for (auto [b, e] : runs) {
      for (size_t x = b; x < e; ++x) {
        if (lexicon::Contains(List::kPhotoAgencies, S(x))) photo_agency = true;
        if (lexicon::Contains(List::kPhotoWords, S(x))) photo_word = true;
      }
      if (PersonRun(b, e)) person = true;
    }
    if (!photo_agency || !(person || photo_word) || runs.size() < 2) return;
    if (k < toks_.size() && !Cap(k) && !(toks_[k].flags & kPunct)) return;  // "… poll showed"
    Credit c;
    c.kind = CreditKind::kPhoto;
    for (auto [b, e] : runs) Add(c, b, e, AgencyRun(b, e));
    Emit(std::move(c), i, k);
  }

  // "Jane Smith in Geneva and Tom Hale contributed to this report.", "… contributed reporting."
  void Contributed(size_t i) {
    if (!Is(i, "contributed")) return;
    const bool report =
        (Is(i + 1, "to") && (Is(i + 3, "report") || Is(i + 3, "story") || Is(i + 3, "article"))) ||
        Is(i + 1, "reporting");
    if (!report) return;
    size_t b = i;
    while (b > 0 && i - b <= kMaxLineTokens && !(toks_[b].flags & kSentenceStart)) --b;
    if (i - b > kMaxLineTokens) return;
    Credit c;
    c.kind = CreditKind::kContributor;
    c.role = "contributed";
    Names(b, i, c, false);
    size_t e = i + 1;
    while (e < toks_.size() && e - i < kMaxCreditTokens && !Is(e, ".") &&
           !(toks_[e].flags & kSentenceStart))
      ++e;
    Emit(std::move(c), b, std::min(e + 1, toks_.size()));
  }

  bool Month(size_t i) const {
    std::string_view w = S(i);
    if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);  // "Dec."
    return lexicon::Contains(List::kMonthNames, w);
  }
  bool DateWord(size_t i) const { return Month(i) || (toks_[i].flags & kNumber); }
  static bool IsoDate(std::string_view s) {
    return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
           std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
  }

  void Dateline(size_t b, size_t e) {
    size_t i = b;
    auto place_run = [&](size_t from) {
      size_t j = from;
      while (j < e && j - from < 4 && !DateWord(j) && NameWord(j)) ++j;
      return j;
    };
    size_t p_end = place_run(i);
    if (p_end == i) return;
    bool caps = true;
    for (size_t k = i; k < p_end; ++k) caps = caps && (AllCaps(k) || Is(k, "."));
    size_t j = p_end;
    size_t place_end = p_end;
    std::string date;
    // ", Ukraine", ", Calif.", ", D.C."
    if (Is(j, ",") && j + 1 < e && Cap(j + 1) && !Month(j + 1)) {
      const size_t r = place_run(j + 1);
      if (r > j + 1) place_end = j = r;
    }
    // ", March 5", " Dec. 8", " 1996-08-30"
    size_t d = Is(j, ",") ? j + 1 : j;
    if (d < e && (Month(d) || IsoDate(S(d)))) {
      size_t k = d + 1;
      while (k < e && k - d < 4 && ((toks_[k].flags & kNumber) || Is(k, "."))) ++k;
      date = Text(d, k);
      j = k;
    }
    std::string agency;
    size_t agency_b = 0, agency_e = 0;
    if (Is(j, "(") && j + 1 < e && Cap(j + 1)) {
      size_t k = j + 1;
      while (k < e && !Is(k, ")") && k - j <= kMaxNameWords) ++k;
      if (!Is(k, ")")) return;
      agency_b = j + 1;
      agency_e = k;
      agency = Text(agency_b, agency_e);
      j = k + 1;
    }
    // Closed by a dash or an ISO date; a place in title case also needs an agency or a date, so
    // "Tom Hale — the senator —" is no dateline.
    if (!(j < e && Dash(j)) && !IsoDate(date)) return;
    if (!caps && agency.empty() && date.empty()) return;
    auto& dl = out_.dateline;
    dl.place = Text(i, place_end);
    dl.date = std::move(date);
    dl.agency = std::move(agency);
    dl.begin = Cp(toks_[i].begin);
    dl.end = Cp(toks_[j - 1].end);
    if (agency_e > agency_b) AddRange(toks_[agency_b].begin, toks_[agency_e - 1].end);
  }

  std::string_view t_;
  const std::vector<Token>& toks_;
  const OffsetMap& offsets_;
  Credits& out_;
  std::vector<bool> covered_;  // tokens that belong to a credit already
};

bool Inside(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, uint32_t b, uint32_t e) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), std::make_pair(b, UINT32_MAX));
  return it != ranges.begin() && std::prev(it)->first <= b && e <= std::prev(it)->second;
}

}  // namespace

bool Credited(const Credits& credits, uint32_t begin, uint32_t end) {
  return Inside(credits.name_bytes, begin, end);
}

void FindCredits(std::string_view text, const TokenizedText& tokenized, const OffsetMap& offsets,
                 Credits& out) {
  out.credits.clear();
  out.dateline = Dateline{};
  out.name_bytes.clear();
  if (tokenized.tokens.empty()) return;
  Finder(text, tokenized, offsets, out).Run();
}

void DropCreditedMentions(const Credits& credits, const OffsetMap& offsets, ActorSet& set) {
  if (credits.name_bytes.empty()) return;
  std::vector<std::pair<uint32_t, uint32_t>> cps;  // Actor::mentions are in code points
  cps.reserve(credits.name_bytes.size());
  for (auto [b, e] : credits.name_bytes) {
    cps.emplace_back(offsets.ToCodePoint(b), offsets.ToCodePoint(e));
  }
  std::vector<ActorMentionRef> refs;
  refs.reserve(set.mentions.size());
  for (const ActorMentionRef& r : set.mentions) {
    if (!Inside(credits.name_bytes, r.begin, r.end)) refs.push_back(r);
  }
  bool changed = refs.size() != set.mentions.size();
  for (Actor& a : set.actors) {
    const size_t before = a.mentions.size();
    std::erase_if(a.mentions, [&](const Mention& m) { return Inside(cps, m.begin, m.end); });
    changed = changed || a.mentions.size() != before;
  }
  if (!changed) return;
  // Ids follow first mentions; an actor whose first mention was a credit moves back.
  std::vector<uint32_t> order;
  for (uint32_t a = 0; a < set.actors.size(); ++a) {
    if (!set.actors[a].mentions.empty()) order.push_back(a);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return set.actors[x].mentions.front().begin < set.actors[y].mentions.front().begin;
  });
  std::vector<uint32_t> new_index(set.actors.size(), UINT32_MAX);
  std::vector<Actor> actors;
  std::vector<Gender> genders;
  for (uint32_t a : order) {
    new_index[a] = static_cast<uint32_t>(actors.size());
    actors.push_back(std::move(set.actors[a]));
    actors.back().id = static_cast<uint32_t>(actors.size());
    genders.push_back(set.genders[a]);
  }
  std::erase_if(refs,
                [&](const ActorMentionRef& r) { return new_index[r.actor_index] == UINT32_MAX; });
  for (ActorMentionRef& r : refs) r.actor_index = new_index[r.actor_index];
  set.actors = std::move(actors);
  set.genders = std::move(genders);
  set.mentions = std::move(refs);
}

void LinkDateline(const std::vector<Location>& locations, Dateline& dateline) {
  if (dateline.end == 0) return;
  for (const Location& l : locations) {
    for (const Mention& m : l.mentions) {
      if (m.begin == dateline.begin) {
        dateline.geonames_id = l.geonames_id;
        return;
      }
    }
  }
}

}  // namespace newsflow::extract
