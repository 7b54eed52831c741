#pragma once
// Credits: the lines of an article that say who made it rather than what happened — bylines
// ("By Jane Smith and Tom Hale, Reuters"), contributor lines ("Reporting by …; Editing by …",
// "… contributed to this report"), photo credits ("Gleb Garanich/Reuters", "AP Photo/Evan
// Vucci", "Photo: …"), source and copyright lines ("Source: News Agencies", "© 2024 Reuters") —
// and the dateline ("GENEVA, March 5 (Reuters) -", "LONDON 1996-08-30").
//
//   Credits c;
//   FindCredits(text, tokenized, offsets, c);   // before the actor stage
//   DropCreditedMentions(c, offsets, actors);     // after it: credited names are no actors
//
// Why a stage of its own: an actor count per day must not count photographers and agencies, and
// a user who wants them wants them typed (who wrote, who edited, which agency) — so the names of
// a credit leave the actors and live in the record's `credits` and `dateline`. A name credited
// and also mentioned in the story stays an actor with the story's mentions only. The dateline's
// place stays a location (it is where the report was filed; the geoparser uses it as evidence);
// its agency is the dateline's, not an actor.
//
// Rules (structural, no model): a credit is recognised by its opening words at a paragraph start
// or after "(", "[" or ";" ("By", "Reporting by", "Editing by", "Source:", "Copyright", "©",
// "Photo:", "Photo by", "Contributing:"), by "contributed to this report" / "contributed
// reporting" closing a sentence, or by a glued slash between a name and an agency (photo
// credits anywhere, "Name/Agency" or "AGENCY/Name"). A byline, source or copyright line is a short
// paragraph (at most kMaxLineTokens tokens). Its names are the capitalized runs between
// separators ("," ";" "and" "&" "|" "/" "via"); "in Geneva" after a name is where the reporter was
// and is skipped. A run is an agency when a word of it is an agency word (a wire name, "Press",
// "Images", "Staff", "agencies", …; kAgencyWords in credits.cc) or it is one all-capital word; else
// a person. The dateline is the first paragraph's (or the second's, after a one-line title in the
// body) capitalized place run with an optional ", Region", an optional date and an optional
// "(Agency)", closed by a dash or an ISO date; a place in title case needs the agency or a date,
// so "Tom Hale — the senator —" is no dateline.
// Thread safety: free functions over caller-owned data. Cost: one pass over the tokens.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/extract/tokenizer.h"
#include "daemon/extract/types.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {

struct ActorSet;

// The byte ranges [begin, end) of the names and agencies the credits hold, sorted: the spans
// whose entity mentions are no actors.
struct Credits {
  std::vector<Credit> credits;  // in text order; offsets in code points
  Dateline dateline;            // dateline.end == 0: none
  std::vector<std::pair<uint32_t, uint32_t>> name_bytes;
};

// Finds the credits and dateline of `text` (tokenized by Tokenize). `out` is cleared first.
void FindCredits(std::string_view text, const TokenizedText& tokenized, const OffsetMap& offsets,
                 Credits& out);

// Removes from `actors` every mention inside a credited name, then every actor left without a
// mention; ids are renumbered 1..n in the order of the actors' first remaining mentions (the
// order GroupActors gives). Keeps ActorSet's parallel vectors consistent.
void DropCreditedMentions(const Credits& credits, const OffsetMap& offsets, ActorSet& actors);

// True when the bytes [begin, end) lie inside one credited name.
bool Credited(const Credits& credits, uint32_t begin, uint32_t end);

// Links the dateline to the location with a mention at its place (geonames_id), if any.
void LinkDateline(const std::vector<Location>& locations, Dateline& dateline);

}  // namespace newsflow::extract
