#include "daemon/extract/sports.h"

#include <string>
#include <vector>

#include "daemon/extract/lexicon.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {
namespace {

std::string_view TokenText(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A small number on its own ("2", "13"): a score or a column of a standings table, not a year
// or a date ("1996-08-26").
bool IsSmallNumber(std::string_view w) {
  if (w.empty() || w.size() > 3) return false;
  for (char c : w) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// "2-1", "6-3", also when the tokenizer split it ("2", "-", "1").
bool IsScoreAt(std::string_view text, const TokenizedText& tokens, size_t i) {
  const std::string_view w = TokenText(text, tokens.tokens[i]);
  const size_t dash = w.find('-');
  if (dash != std::string_view::npos) {
    return IsSmallNumber(w.substr(0, dash)) && IsSmallNumber(w.substr(dash + 1));
  }
  if (!IsSmallNumber(w) || i + 2 >= tokens.tokens.size()) return false;
  const Token& d = tokens.tokens[i + 1];
  const Token& n = tokens.tokens[i + 2];
  return d.begin == tokens.tokens[i].end && n.begin == d.end && TokenText(text, d) == "-" &&
         IsSmallNumber(TokenText(text, n));
}

bool IsVersus(std::string_view w) {
  return EqLower(w, "v") || EqLower(w, "vs") || EqLower(w, "vs.");
}

bool StartsUpper(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// The token after a "v" at i, past the period of "v." (the tokenizer splits it off).
size_t AfterVersus(std::string_view text, const std::vector<Token>& ts, size_t i) {
  size_t k = i + 1;
  if (k < ts.size() && ts[k].begin == ts[i].end && TokenText(text, ts[k]) == ".") ++k;
  return k;
}

// Before a versus token at i (looking left from a span starting at i + 1 or i + 2).
bool VersusBefore(std::string_view text, const std::vector<Token>& ts, size_t first) {
  if (first == 0) return false;
  size_t k = first - 1;
  if (TokenText(text, ts[k]) == "." && k > 0 && ts[k - 1].end == ts[k].begin &&
      EqLower(TokenText(text, ts[k - 1]), "v")) {
    return true;
  }
  return IsVersus(TokenText(text, ts[k]));
}

// A dash that closes a slug: "-", "–", "—".
bool IsSlugDash(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  if (text[i] == '-') return true;
  return text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94";
}

}  // namespace

uint32_t SportSlugTokens(std::string_view text, const TokenizedText& tokens) {
  const auto& ts = tokens.tokens;
  if (ts.empty()) return 0;
  // Glued: "SOCCER-ENGLISH LEAGUE RESULTS", "Tennis-Seles wins" (one token).
  const std::string_view first = TokenText(text, ts[0]);
  if (const size_t dash = first.find('-'); dash != std::string_view::npos && dash > 0) {
    return lexicon::Contains(lexicon::List::kSports, first.substr(0, dash)) ? 1 : 0;
  }
  std::string phrase;
  for (uint32_t k = 0; k < ts.size() && k < 3; ++k) {
    const std::string_view w = TokenText(text, ts[k]);
    if (!StartsUpper(w)) return 0;
    if (k > 0) phrase.push_back(' ');
    phrase += w;
    size_t i = ts[k].end;
    while (i < text.size() && text[i] == ' ') ++i;
    if (IsSlugDash(text, i)) {
      return lexicon::Contains(lexicon::List::kSports, phrase) ? k + 1 : 0;
    }
  }
  return 0;
}

bool ReportsSportsResults(std::string_view text, const TokenizedText& tokens,
                          const EntitySpans& entities) {
  if (SportSlugTokens(text, tokens) > 0) return true;
  const auto& ts = tokens.tokens;
  std::vector<uint8_t> org_start(ts.size() + 1, 0);
  for (const EntitySpan& e : entities) {
    if (e.type == EntityType::kOrganization && e.first_token < ts.size()) {
      org_start[e.first_token] = 1;
    }
  }
  int results = 0, scores = 0;
  for (size_t i = 0; i < ts.size(); ++i) {
    if (IsScoreAt(text, tokens, i)) ++scores;
  }
  for (const EntitySpan& e : entities) {
    if (e.type != EntityType::kOrganization || e.end_token >= ts.size()) continue;
    const size_t n = e.end_token;
    const std::string_view next = TokenText(text, ts[n]);
    if (IsSmallNumber(next)) {
      // A score against the next team ("Steaua Bucharest 2 Dinamo Bucharest 1") or a standings
      // row ("Dundee United 3 0 1 2"); not "the FTSE 100 fell" nor "Boeing 737 MAX".
      if (n + 1 < ts.size() && (org_start[n + 1] || IsSmallNumber(TokenText(text, ts[n + 1])))) {
        ++results;
      }
    } else if (IsVersus(next)) {
      const size_t o = AfterVersus(text, ts, n);
      if (o < ts.size() && StartsUpper(TokenText(text, ts[o])))
        ++results;  // "Cardiff v Colchester"
    } else if (lexicon::Contains(lexicon::List::kResultVerbs, next)) {
      ++results;
      // "X beat (the) Y": a result between two organizations says it alone.
      size_t o = n + 1;
      if (o < ts.size() && TokenText(text, ts[o]) == "the") ++o;
      if (o < ts.size() && org_start[o]) ++results;
    }
    if (results >= 2 || (results >= 1 && scores >= 1)) return true;
  }
  return false;
}

void RetypeTeams(std::string_view text, const TokenizedText& tokens, EntitySpans& entities) {
  const auto& ts = tokens.tokens;
  std::string phrase;
  for (EntitySpan& e : entities) {
    if (e.type != EntityType::kLocation || e.end_token > ts.size() ||
        e.first_token >= e.end_token) {
      continue;
    }
    const bool versus_before = VersusBefore(text, ts, e.first_token);
    const bool after = e.end_token < ts.size();
    const std::string_view next = after ? TokenText(text, ts[e.end_token]) : std::string_view();
    const size_t partner = after ? AfterVersus(text, ts, e.end_token) : ts.size();
    const bool versus_after =
        after && IsVersus(next) && partner < ts.size() && StartsUpper(TokenText(text, ts[partner]));
    // "Lincoln 2 Swansea 1", "Dundee 3 0 1 2": a score followed by a team or another number.
    const bool score_after = after && IsSmallNumber(next) && e.end_token + 1 < ts.size() &&
                             (StartsUpper(TokenText(text, ts[e.end_token + 1])) ||
                              IsSmallNumber(TokenText(text, ts[e.end_token + 1])));
    if (!versus_before && !versus_after && !score_after) continue;
    phrase.clear();
    for (uint32_t t = e.first_token; t < e.end_token; ++t) {
      if (!phrase.empty()) phrase.push_back(' ');
      phrase += TokenText(text, ts[t]);
    }
    if (lexicon::Contains(lexicon::List::kCountryNamePhrases, phrase) ||
        lexicon::Contains(lexicon::List::kDemonymPhrases, phrase) ||
        lexicon::Contains(lexicon::List::kTeamNations, phrase)) {
      continue;  // a national team: the place reading, as news annotators mark it
    }
    e.type = EntityType::kOrganization;
  }
}

}  // namespace newsflow::extract
