#pragma once
// The word lists of the extraction stages (actors, quotes, places, credits) and their one
// lookup: every list is an enumerator of List, every word of every list sits in one table built
// once, and a lookup finds a word's entry by its length and first letter (then an 8-byte prefix
// compare), giving the set of lists that hold it and, for country names and demonyms, the
// country's ISO 3166-1 alpha-2 code.
//
//   if (lexicon::Contains(lexicon::List::kSpeechVerbs, word)) ...   // "Said", "said", "SAID"
//   const lexicon::ListSet lists = lexicon::Lookup(word).lists;    // one lookup, many tests
//
// Case: every entry is lowercase. Contains and Lookup fold ASCII A-Z, so a capitalized or
// upper-case word matches (what EqLower-style comparisons did); other bytes compare as they
// are. ContainsExact matches only a word written as the entry is, for callers that compare a
// word they lowercased themselves (their own folding may differ from ASCII's) or that must not
// match a capitalized word.
//
// Lists keep the contents their stage had: where two stages keep lists of the same meaning with
// different words (titles, determiners, month names), both are kept, so no record changes.
//
// Thread safety: the table is built on first use (thread-safe static initialization) and
// read-only afterwards. Lookups do not allocate.

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsflow::extract::lexicon {

enum class List : uint8_t {
  // Actor grouping (actors.cc). These come first and in this order: the grouper keeps them as
  // bits 0..13 of its per-token class word (static_asserts there).
  kPersonTitles,            // "mr.", "dr", "sir": before a name, not part of it
  kRoleHeads,               // "president", "minister": make a phrase a role
  kRoleModifiers,           // "press", "foreign", "agriculture": only extend a role
  kRoleConnectors,          // "of" inside a role ("director of ...")
  kCalendarWords,           // weekdays and months without "may"
  kActorDeterminers,        // "the", "his": before a role or a demonym noun
  kMaleForenames,           // pronoun gender of a first name
  kFemaleForenames,         //
  kDemonyms,                // one-word demonyms and country abbreviations ("japanese", "us")
  kCountryNames,            // one-word country names ("hungary")
  kPlacePlurals,            // "counties", "resorts": "Kisumu and Busia counties"
  kCoordinationPlacePreps,  // "between", "around": "between Brig and Zermatt"
  kCoordinators,            // "and", "or"
  kInstitutionHeads,        // "authority", "commission": heads of institution names
  // Multi-word and one-word forms together, for phrase lookups ("south korean").
  kDemonymPhrases,
  kCountryNamePhrases,
  kSingularVerbs,     // "was", "said": after a demonym used as a noun ("the Kenyan was")
  kCompoundSuffixes,  // "led", "based": second parts of compound adjectives ("Toronto-based")
  kNotRoleModifiers,  // "the", "said": lowercase words that are no modifier of a description
  kMaleTitles,        // "mr.", "sir": a title giving a male gender
  kFemaleTitles,      // "mrs.", "miss": a title giving a female gender

  // Quote stage (quote_*.cc).
  kSpeechVerbs,            // finite cues: `"Q," X said`, `X said: "Q"`
  kWeakSpeechVerbs,        // "shows", "put": name or show rather than speak
  kInvertibleSpeechVerbs,  // cues before their subject: "..., said professor Paul Beck"
  kSpeechParticiples,      // "saying", "adding": subject is the clause's subject
  kObjectDeterminers,      // determiners of a cue's object
  kStatementNouns,         // what words come in: "Obama’s word:", "the senator's statement:"
  kClaimNouns,             // something said, owned by its speaker: "Hale's pledge"
  kIntroOpeners,           // "during", "despite": an introductory phrase before the subject
  kSubordinators,          // "when", "after": a subordinate clause opening a sentence
  kSubjectPronouns,        // "he", "she", "it", "they", "i", "we"
  kSubjectVerbFillers,     // "also", "has": between a subject and its verb
  kClauseStops,            // end a subject noun phrase when scanning backwards
  kQuoteDeterminers,       // "the", "this", "our"
  kNounDeterminers,        // after these a cue word is a noun ("those reports")
  kOrgPhraseHeads,         // "ministry", "campaign", "spokesman": "the finance ministry said"
  kSpokespersonNouns,      // "spokesman": a person speaking for an organization
  kAgentHeads,             // "aides", "lawyer", "brief": speak for a possessive owner
  kPersonHeads,            // "governor", "candidate": definite descriptions of a person
  kOneDeterminers,         // "a", "one": an anonymous speaker
  kGroupDeterminers,       // "some", "several": anonymous speakers
  kDescriptionHeads,       // "person", "source", "official": anonymous speakers' heads
  kGroupHeads,             // irregular plural heads ("people", "spokesmen")
  kPostModifiers,          // "close", "familiar", "to": open a description's post-modifier
  kDescriptionStops,       // "who", "said": end a description's post-modifier
  kNameTitles,             // "sen", "gov", "former": dropped from a created actor's name
  kUnnamedLabels,          // "announcer", "update": transcript labels that name no one
  kTitleFunctionWords,     // lowercase words inside a title ("Contract with America")
  kIrregularPastSpeech,    // "went", "spoke": irregular pasts that introduce speech
  kPassiveMarkers,         // "was", "been": before a participle that is no cue
  kQuotePrepositions,      // "of", "against", "towards"
  kNotNames,               // capitalized words that are never a speaker's name alone
  kQuoteAbbreviations,     // "mr", "u.s", "fig": a dot after them ends no sentence

  // Places (locations.cc). Callers look these up with ContainsExact on their lowercased words.
  kNotPlaceWords,           // capitalized words far more often not places ("mobile", "reading")
  kInstitutionModifiers,    // after a place: "Gainesville Police", "Ohio State"
  kPlaceAgentVerbs,         // "has", "refused": a capital or country as an agent
  kPlaceTitles,             // "sheriff", "pastor": a title before a person, not a place
  kPlacePrepositions,       // "in", "near", "downtown"
  kFeatureHeadsBefore,      // "lake", "mount": "Lake Victoria"
  kFeatureHeadsOf,          // "gulf", "sea": "Gulf of Mexico"
  kFeatureHeadsAfter,       // "river", "sea": "Mississippi River"
  kDiseaseWords,            // "virus", "fever": "Ebola virus", "Zika fever"
  kDirectionWords,          // "north", "greater": before a place in an organization span
  kComplementPrepositions,  // "of", "in", "de": "Bank of Canada"
  kBusinessHeads,           // "airlines", "sun", "party", "corp": a firm, paper or party's name
  kRegionSuffixes,          // "county", "parish": units the gazetteer lacks
  kNameConnectors,          // "upon", "de": inside a multi-word name ("Rio de Janeiro")

  // Sports results (sports.cc).
  kSports,       // "soccer", "rugby union": a wire slug naming a sport ("CRICKET - ...")
  kResultVerbs,  // "beat", "defeated": after a team, a result
  kTeamNations,  // "england", "west indies": national teams outside the ISO country list

  // Credits and datelines (credits.cc).
  kAgencyWords,       // "reuters", "press", "images": a capitalized run that is an agency
  kPhotoAgencies,     // "getty", "file": across a glued slash from a photographer
  kPhotoWords,        // "photo", "pool": in a run across a slash, make it a photo credit
  kPhotoLabels,       // "photo", "credit": open a photo credit line ("Photo: …")
  kNotCreditNames,    // "file photo", "all rights reserved": never a credited name
  kCreditWords,       // "writer", "staff": lowercase words inside a credit line
  kContributorRoles,  // "reporting", "editing": open a contributor line
  kMonthNames,        // months and their abbreviations, "may" included
  kNameParticles,     // "von", "al", "da": lowercase words inside a name

  kCount
};

// A set of lists: what one lookup returns.
class ListSet {
 public:
  constexpr bool Has(List l) const {
    const auto i = static_cast<unsigned>(l);
    return (bits_[i >> 6] >> (i & 63)) & 1;
  }
  constexpr void Add(List l) {
    const auto i = static_cast<unsigned>(l);
    bits_[i >> 6] |= uint64_t{1} << (i & 63);
  }
  constexpr bool Empty() const { return (bits_[0] | bits_[1]) == 0; }
  // Lists 0..63 as bits (bit i = List i), for callers that keep list membership in a word.
  constexpr uint64_t Low() const { return bits_[0]; }

 private:
  uint64_t bits_[2] = {};
};
static_assert(static_cast<unsigned>(List::kCount) <= 128, "ListSet holds 128 lists");

struct Entry {
  ListSet lists;
  std::string_view country_code;  // ISO 3166-1 alpha-2 of a country name or demonym, else ""
};

// The entry of `word` (ASCII case folded); an empty entry if no list holds it.
Entry Lookup(std::string_view word);

// Whether `list` holds `word`, ASCII case folded.
bool Contains(List list, std::string_view word);

// Whether `list` holds `word` exactly as written (so an upper-case ASCII letter never matches).
bool ContainsExact(List list, std::string_view word);

// Every word of `list` (one-word entries of the country lists split out of their rows), for
// tests and tools; allocates.
std::vector<std::string_view> Words(List list);

}  // namespace newsflow::extract::lexicon
