#pragma once
// Sports results: whether an article reports matches ("SOCCER - ...", "Steaua Bucharest 2
// Dinamo Bucharest 1", "the Colorado Rockies beat the Pittsburgh Pirates", "Cardiff v
// Colchester"), and which of its place names are teams.
//
//   if (ReportsSportsResults(text, tokens, entities)) RetypeTeams(text, tokens, entities);
//
// Why: clubs are named after towns, and the tagger calls a town in a fixture list a location
// as often as a club ("Swansea v Lincoln"). A user counting places must not count the clubs of
// a results page, nor the towns inside club names ("Colorado" in "Colorado Rockies"); the
// geoparser asks ReportsSportsResults for the latter.
//
// Signs (structural, no model): a wire slug naming a sport opens the article ("CRICKET -",
// "MOTOR RACING -", "Tennis-"), or two results: an organization followed by a number or a
// result verb ("beat", "defeated"), "X beat (the) Y" between two organizations counting twice,
// and scores ("2-1") once an organization gave a result. National teams keep the place reading
// (news annotators, CoNLL-2003 among them, mark "Japan beat Syria 2-1" as places): RetypeTeams
// leaves country names alone.
// Thread safety: free functions over caller-owned data. Cost: one pass over the tokens.

#include <cstdint>
#include <string_view>

#include "daemon/extract/entities.h"
#include "daemon/extract/tokenizer.h"

namespace newsflow::extract {

// The number of tokens of a sport slug opening the text ("RUGBY UNION -": 2), 0 when none.
uint32_t SportSlugTokens(std::string_view text, const TokenizedText& tokens);

bool ReportsSportsResults(std::string_view text, const TokenizedText& tokens,
                          const EntitySpans& entities);

// In a results report: a location span that is one side of a match ("Swansea v Lincoln",
// "Lincoln 2 Swansea 1") and not a country becomes an organization. Call only when
// ReportsSportsResults holds.
void RetypeTeams(std::string_view text, const TokenizedText& tokens, EntitySpans& entities);

}  // namespace newsflow::extract
