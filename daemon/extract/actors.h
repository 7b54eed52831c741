#pragma once
// Actor grouping: turns an article's PER and ORG entity spans into one Actor per real-world
// person or organization (within-article coreference by name), with roles, an affiliation
// country and every mention.
//
//   ActorSet set;
//   GroupActors(text, tokenized, entities, offsets, set, &locations);  // set.actors: ids 1..n
//
// Rules, in order (deterministic, cheap; after Lee et al. 2013's name sieves):
//   - organization spans that name places are places, not actors: the exact text of a place
//     the geoparser resolved (not used as an agent: "Pyongyang said" stays an actor), a text
//     tagged LOC elsewhere in the article (document-level consistency), or a name coordinated
//     with a LOC span in a place context ("between {Brig} and Zermatt", "around Zermatt and
//     {Verbier}", "Kisumu and {Busia} counties");
//   - titles ("Mr.", "President") and a trailing possessive are not part of a name;
//   - an exact name, an acronym ("IAEA" for "International Atomic Energy Agency", or one given
//     in parentheses after the full name), or a single token equal to the first or last token of
//     an earlier full name joins that actor; several candidates (two people sharing a surname):
//     the gender-compatible one mentioned most recently wins; a one-word ORG or MISC span equal
//     to the first or last word of a multi-word person name anywhere in the article ("{Hollis|ORG}
//     said" with "Dana Hollis") is that person, unless "the" precedes it or a capitalized word or
//     institution head follows it ("Hollis Inc"); a one-word organization equal to the last
//     word of a longer one ("the Gazette", "The Harbor Gazette") is its short form, unless the
//     word is generic (an institution head, "House", "Party", "Times", ...);
//   - the canonical name is the fullest form seen;
//   - persons the recognizer missed or mistyped come from two precise patterns: a capitalized
//     run right after a role word ("President Park Ji-hoon") and a capitalized run followed by
//     a role appositive ("Ana Ruiz, director of ..."); later single-word uses of a known
//     full name ("Park urged") become mentions; calendar words are never actors;
//   - roles come from premodifiers ("Kenyan President Odhiambo Wafula", "Dutch
//     Infrastructure Minister Barry Madlener": portfolio words extend a role), a possessive role
//     appositive before the name ("the mayor's spokeswoman, Ana Ruiz") and a role appositive
//     after it ("Ana Ruiz, director of Harbor Watch,");
//   - the affiliation country (ISO 3166-1 alpha-2; own table of names and demonyms covering
//     every ISO country) comes from a demonym before the role ("Polish Agriculture Minister",
//     "Sri Lankan President") or a possessive country name before it ("Hungary's minister,
//     István Nagy"); "the Kenyan was ..." (a singular demonym used as a noun) is a mention of the
//     person mentioned last before its sentence and gives that person's country.
// AddSpeakerActor (used by the quote stage): a lowercase organization description ("the
// institute said") joins an organization whose name ends in it ("the ministry" after "the
// South Korean foreign ministry"), else takes the fuller description and country of its nearest
// antecedent ("Switzerland's avalanche research institute" → "avalanche research institute",
// CH), which becomes a mention too.
// Thread safety: free functions over caller-owned data; per-thread scratch. Speed: one lexicon
// lookup per token (length and first letter, then an 8-byte prefix compare: no hashing, no
// list scans), every later test a bit test. Allocation: the returned strings and vectors and
// two small vectors per entity span; none per token once the per-thread scratch has grown.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/extract/entities.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/types.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {

enum class Gender : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

// One mention in byte offsets, for later stages (quotes) that work on bytes.
struct ActorMentionRef {
  uint32_t actor_index = 0;  // index into ActorSet::actors (id - 1)
  uint32_t begin = 0;        // byte offset, inclusive
  uint32_t end = 0;          // byte offset, exclusive
  bool possessive = false;   // followed by "'s" / "’s" ("Biden’s press secretary")
};

// The actors of one article plus what the quote stage needs to resolve speakers.
struct ActorSet {
  std::vector<Actor> actors;              // Actor::id == index + 1
  std::vector<Gender> genders;            // parallel to actors
  std::vector<ActorMentionRef> mentions;  // sorted by begin
  void clear() {
    actors.clear();
    genders.clear();
    mentions.clear();
  }
};

// Groups the PER and ORG spans of `entities` (token ranges of `tokenized`) into `out`
// (cleared first). Never fails.
// `places`, when given (the geoparser's result for the same text), lets organization spans that
// are exactly a resolved, non-agent place mention ("Verbier" tagged ORG) count as places.
void GroupActors(std::string_view text, const TokenizedText& tokenized, const EntitySpans& entities,
                 const OffsetMap& offsets, ActorSet& out,
                 const std::vector<Location>* places = nullptr);

// The actors of an ActorSet by name, first word and last word (space-separated), so that a
// stage adding many speakers looks up the few actors a name can join instead of walking all of
// them. Update() indexes the actors appended since its last call; the actors it has seen must
// keep their names and places (true while only AddSpeakerActor adds to the set).
class ActorNameIndex {
 public:
  enum Part : char { kName = 'N', kFirst = 'F', kLast = 'L' };
  void Update(const ActorSet& set);
  // Ascending indices of the actors of `type` whose `part` is `s`; empty if none.
  const std::vector<uint32_t>& Find(ActorType type, Part part, std::string_view s) const;

 private:
  std::unordered_map<std::string, std::vector<uint32_t>> keys_;
  size_t indexed_ = 0;
};

// Adds a mention [begin, end) (bytes) for a speaker the NER missed: joins an existing actor
// with the same name (or whose surname it is, for one-word person names) or creates a new one.
// Keeps `mentions` sorted. Returns the actor index. `names`, when given, must be an index of
// `set` (it is updated here); the result is the same, found without a walk over every actor.
uint32_t AddSpeakerActor(std::string_view text, uint32_t begin, uint32_t end, ActorType type,
                         const OffsetMap& offsets, ActorSet& set, ActorNameIndex* names = nullptr);

// Adds [begin, end) (bytes) as a mention of actor `actor_index` (a description or alias found
// by a later stage: "the New Jersey governor"). Keeps the mention lists sorted.
void AddActorMention(std::string_view text, uint32_t begin, uint32_t end, uint32_t actor_index,
                     const OffsetMap& offsets, ActorSet& set);

// Gender from a first name in the built-in lists ("Jen" → female); kUnknown otherwise.
Gender GenderOfFirstName(std::string_view name);

// ISO 3166-1 alpha-2 code of a one-word demonym or country abbreviation ("Japanese", "US");
// empty if unknown. "Korean" needs `previous` ("South"/"North").
// Covers every ISO 3166-1 country ("Dutch", "Polish", "Sri Lankan" with previous "Sri").
std::string_view CountryOfDemonym(std::string_view previous, std::string_view word);

// ISO 3166-1 alpha-2 code of a country name ("Hungary", "South Korea"); empty if unknown.
std::string_view CountryOfName(std::string_view name);

}  // namespace newsflow::extract
