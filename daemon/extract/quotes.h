#pragma once
// Direct quotations and who said them.
//
//   ActorSet actors;  GroupActors(...);            // PER/ORG actors of the article
//   std::vector<Quote> quotes;
//   ExtractQuotes(text, offsets, actors, quotes);   // may add actors (speakers the NER missed)
//
// Quote spans. Straight and curly double quotes and curly single quotes (‘…’, used in
// headlines) open a quote; inside one, a quote of the other style nests and is part of the outer
// text. ’ followed by a letter or digit is an apostrophe (Hale’s, ’80s, don’t); straight single
// quotes are never quote marks (too ambiguous with apostrophes). A paragraph that opens a quote
// and does not close it continues when the next paragraph opens with a quote mark of the same
// family (news convention); otherwise the unclosed quote is dropped, and so is one still open at
// the end of the article. Quote offsets are the text inside the marks; a multi-paragraph quote
// spans from its first opening to its last closing mark and its `text` joins the paragraphs
// with "\n" without the continuation marks.
//
// Kind. FULL when the quoted text starts with a capital and stands as a sentence (it opens the
// paragraph or follows a sentence end, ':' , ',' or a speech verb); PARTIAL otherwise ("he
// preferred “direct talks”"). Titles are dropped: a fragment in Title Case of at most eight
// words ("Face the Nation", "Contract with America", "13th") with neither speaker nor cue,
// outside a headline. Scare quotes (no speech attached, not Title Case) are kept as PARTIAL
// with speaker_id 0 so that callers can drop them; they never inherit a speaker.
//
// Transcripts. Inside a quote, a paragraph opening with an upper-case speaker label and a colon
// ("HALE: …", "MR. REED: …") starts a turn: a quote of its own, without the label, that runs
// on through unlabelled paragraphs to the next label. Its speaker is the person of the article
// with that surname (the one mentioned last, for two Reeds), else a new actor ("Hale");
// role labels ("ANNOUNCER:", "UPDATE:") give a turn without a speaker. The cue is the colon.
//
// Speakers, highest precision first, within the quote's sentence:
//   0. a quote opening its line and signed after it, the signature alone on the rest of the
//      line: `“…” ― Rosa Medina`, `"…" — Marta L. Ortiz, Phoenix.` (cue: the dash); in
//      running text a dash and a name after a quote is a byline, not a signature;
//   1. `"Q," X said` / `"Q," said X` / `"Q," X, a role, told ...`: a speech verb right after a
//      closing mark that hands over ("," "?" "!"; after "." only a short "X said." sentence, or
//      lowercase text — "." otherwise closes the sentence); a cue three or more words on with no
//      speaker or in a coordinated clause (`"Q," for instance, and Y vowed`) gives way to a cue
//      before the quote that has one;
//   2. `X said: "Q"` / `X said "Q"` / `saying he preferred "Q"`: the nearest speech verb before
//      the opening mark with only "that", punctuation, an object ("told reporters:") or a
//      pronoun clause in between; then any earlier cue of the sentence (`X said the plan is
//      "Q"`), except when the quote is the verb's object (`rules out ‘quick fix’`); reported
//      speech inside reported speech (`X said Y called on members to be "Q"`) goes to the outer
//      say-verb's subject unless the quote is the inner verb's object (`X said Y called it "Q"`
//      stays Y's, but not with a verb that shows rather than speaks: `X said Y shows "Q"`);
//   3. a speech verb later in the sentence (`"Q" with N, she said`), `according to X`;
//   4. any verb next to an actor (or a definite role description: `“…,” the nominee riffed`)
//      right after a handing-over quote (`“…!” Trump barked`);
//      headline `Name: … ‘…’`; an introduction ending in ":" (or "," for a full quote);
//   5. quotes listed in one sentence share its speaker; a claim noun owned by a possessive
//      mention ("Hale's recent pledge to be “…”", "Hale's “…” remark", "Hale's claim is that
//      the board is a “…”") gives its owner; a fragment in a sentence without any cue belongs
//      to the sentence's subject when an actor is mentioned before it;
//   6. a FULL quote with no cue that opens a sentence after a cue-less sentence of its
//      paragraph belongs to the paragraph's first actor when that is a person (`Lind, who
//      lost the primary, named young voters as a reason. “…”`); otherwise a FULL quote
//      with no cue that opens a paragraph, follows a quote of its paragraph or
//      opens a sentence inherits the latest attribution (a quote's speaker, or the cue of the
//      sentence / paragraph just before: "…, X said.") when no other actor is mentioned in
//      between, or every sentence in between has the speaker (or a he/she that fits) as its
//      first actor — objects ("Olsen supports Senator Tully") and the rest of the attribution's
//      own sentence do not interrupt a run; a lowercase cue-less continuation in the next
//      sentence ("…,” X said. Instead, “he …”") keeps the speaker too.
// Before these: quotes listed with "and" / "or" / commas share the first one's speaker (and a
// fragment left without one takes the next listed quote's: `are “a” and “b,” X proclaimed`); in a
// headline (a short paragraph of capitalized words) the name before the colon or opening the
// headline speaks and capitalized verbs are no cues; a question or exclamation introduced by
// "," or ":" keeps the cue before it (`X responds, “Why?” Y then writes back`); after a
// sentence-opening subordinate clause the main clause's subject introduces the quote (`When
// Reed suggested ..., Lind fired back: “…”`); "asked by X" gives the agent.
// Passive or subordinate cues ("when asked", "was told") are ignored, and so is a cue word
// after a determiner, a noun there ("waved away those reports as “…”"). The subject of a cue is
// the actor mention ending right before it; after an appositive ("the mayor’s spokeswoman,
// Ana Ruiz, told") the first non-possessive person of the clause that is not a prepositional
// object; say-type cues after a comma may take their subject after them ("…, said professor
// Paul Beck"); pronouns go to the person opening their sentence when the gender fits (subject
// preference), else to the most recent gender-compatible person among the last three
// ("it" to an organization; names inside quoted speech are skipped); participles ("saying",
// "adding") and "and (then) said" to the sentence's first actor outside an opening phrase
// ("Speaking to X's show, Y ..."), or to a name opening its clause right before the participle
// ("– Ryan saying he was “…” and Trump calling it a “…”"); "X's campaign / aides / campaign
// manager said" and documents in X's name ("X's brief / letter / statement said") to X (also
// as the first actor before a participle: "X's campaign shrugged it
// off, telling reporters"); definite role descriptions ("the New Jersey governor") to the last
// person with that role (the description becomes a mention). A subject with no actor mention
// becomes a new actor when unambiguous: an organization noun phrase ("the Kenyan foreign ministry")
// or a capitalized name (titles dropped; function words such as "Because", "In", "Latest" never);
// a one-word organization ("the Post") joins a known one it ends ("The Washington Post"). A
// colon introduction takes "X's word/statement:" ("From X's Facebook post:") and the main
// clause's subject (from the sentence start when an earlier quote of the sentence cuts it). A
// phrase after the verb that runs into the quote is the quoted clause's subject, not the speaker
// (`said the U.S. “…”`). An anonymous description with a name in a modifier is its own speaker, a
// new actor named by the description: one person after "a" / "an" / "one" / "another" ("one veteran
// Labour organizer said", "said a longtime adviser to the Hale family, who ...", "a Labour official
// who attended the meeting said"), with a post-modifier opened by a preposition or "close" /
// "familiar" / "involved"; a group (organization) as a plural head without a determiner or after
// "some" / "several" / ...
// ("Senate Democrats said", "Republicans said", "some GOP leaders warned"). Descriptions without
// a name ("a source", "officials"; a capital only because it opens the sentence) give 0, and
// end inheritance. speaker_id is
// always an Actor id of `actors` or 0. Actors are renumbered by first mention at the end when
// speakers were added.
//
// Cost: linear in the text (binary-searched mention and quote lookups, bounded look-backs).
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
