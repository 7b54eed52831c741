#pragma once
// Direct quotations and who said them.
//
//   ActorSet actors;  GroupActors(...);            // PER/ORG actors of the article
//   std::vector<Quote> quotes;
//   ExtractQuotes(text, offsets, actors, quotes);   // may add actors (speakers the NER missed)
//
// Quote spans. Straight and curly double quotes and curly single quotes (‘…’, used in
// headlines) open a quote; inside one, a quote of the other style nests and is part of the outer
// text. ’ followed by a letter or digit is an apostrophe (Biden’s, ’90s, don’t); straight single
// quotes are never quote marks (too ambiguous with apostrophes). A paragraph that opens a quote
// and does not close it continues when the next paragraph opens with a quote mark of the same
// family (news convention); otherwise the unclosed quote is dropped, and so is one still open at
// the end of the article. Quote offsets are the text inside the marks; a multi-paragraph quote
// spans from its first opening to its last closing mark and its `text` joins the paragraphs
// with "\n" without the continuation marks.
//
// Kind. FULL when the quoted text starts with a capital and stands as a sentence (it opens the
// paragraph or follows a sentence end, ':' , ',' or a speech verb); PARTIAL otherwise ("he
// favoured “top-down diplomacy”"). Scare quotes and titles (no speech attached) are kept as
// PARTIAL with speaker_id 0 so that callers can drop them; they never inherit a speaker.
//
// Speakers, highest precision first, within the quote's sentence:
//   1. `"Q," X said` / `"Q," said X` / `"Q," X, a role, told ...`: a speech verb within a few
//      words after the closing mark;
//   2. `X said: "Q"` / `X said "Q"` / `saying he favoured "Q"`: the nearest speech verb before
//      the opening mark, with only "that", punctuation, an object ("told reporters:") or a
//      pronoun clause in between;
//   3. a speech verb later in the sentence (`"Q" with N, she said`), `according to X`;
//   4. a FULL quote with no cue that opens a paragraph or follows a quote of the same paragraph
//      inherits the latest attribution (a quote's speaker, or "…, X said." ending the previous
//      paragraph) when no other actor is mentioned in between.
// The subject of a cue is the actor mention ending right before it; after an appositive
// ("Biden’s press secretary, Jen Psaki, told") the first non-possessive person of the
// clause; pronouns go to the most recent gender-compatible person ("it" to an organization);
// participles ("saying", "adding") to the sentence's first actor. A subject with no actor
// mention becomes a new actor when unambiguous: an organization noun phrase ("the South Korean
// foreign ministry") or a capitalized name. Descriptions ("a source", "officials") give 0.
// speaker_id is always an Actor id of `actors` or 0. Actors are renumbered by first mention
// at the end when speakers were added.
//
// Thread safety: free function over caller-owned data. Never throws on valid UTF-8 input.

#include <string_view>
#include <vector>

#include "daemon/extract/actors.h"
#include "daemon/extract/types.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {

// Finds the quotes of `text` and their speakers; `out` is cleared first.
void ExtractQuotes(std::string_view text, const OffsetMap& offsets, ActorSet& actors,
                   std::vector<Quote>& out);

}  // namespace newsflow::extract
