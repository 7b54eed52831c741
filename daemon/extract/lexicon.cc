#include "daemon/extract/lexicon.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace newsflow::extract::lexicon {
namespace {

// The lists, lowercase, as their stages wrote them (a word listed twice is harmless). The names
// follow List; the comment over each says what the list is for.

// ---- Actor grouping (actors.cc).

constexpr std::string_view kPersonTitles[] = {"mr.", "mr",   "ms.", "ms", "mrs.",
                                              "mrs", "miss", "dr.", "dr", "sir"};
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
    "press", "foreign", "prime", "vice", "deputy", "state", "national", "security", "defense",
    "defence", "homeland", "health", "finance", "trade", "interior", "energy", "treasury", "senior",
    "executive", "assistant", "campaign", "communications", "white", "house", "supreme", "court",
    "district", "u.s.", "first", "lady", "majority", "minority", "party", "acting", "top", "chief",
    "foreign-policy", "policy", "army", "military",
    // Portfolios ("Agriculture Minister", "Infrastructure Minister").
    "agriculture", "infrastructure", "transport", "transportation", "economy", "economic",
    "education", "environment", "labour", "labor", "culture", "tourism", "industry", "fisheries",
    "development", "housing", "immigration", "climate", "digital", "social", "welfare",
    "employment", "sports", "sport", "youth", "science", "technology", "commerce", "mining",
    "petroleum", "oil", "food", "aviation", "intelligence", "budget", "planning", "communication",
    "information", "water", "cabinet", "legal", "regional", "internal", "home", "public",
    "relations", "works", "secretary-general", "agricultural", "economics", "financial", "nuclear"};
constexpr std::string_view kRoleConnectors[] = {"of"};
constexpr std::string_view kCalendarWords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday",   "saturday",
    "sunday", "january", "february",  "march",    "april",    "june",
    "july",   "august",  "september", "october",  "november", "december"};
constexpr std::string_view kActorDeterminers[] = {"the", "a", "an", "his", "her", "its"};
// Own short forename lists: enough to give pronoun resolution a gender for the commonest
// names in English-language news; unknown names stay kUnknown (compatible with both).
constexpr std::string_view kMaleForenames[] = {
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
constexpr std::string_view kFemaleForenames[] = {
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
constexpr std::string_view kPlacePlurals[] = {
    "counties", "provinces", "states",         "regions",        "districts",     "cities",
    "towns",    "villages",  "resorts",        "cantons",        "islands",       "areas",
    "suburbs",  "oblasts",   "municipalities", "neighbourhoods", "neighborhoods", "prefectures"};
constexpr std::string_view kCoordinationPlacePreps[] = {
    "between", "around", "near", "in", "from", "to", "across", "through", "outside", "at"};
constexpr std::string_view kCoordinators[] = {"and", "or"};
constexpr std::string_view kInstitutionHeads[] = {
    "authority",   "authorities",  "commission",     "agency",    "council",    "board",
    "bank",        "ministry",     "department",     "institute", "office",     "corporation",
    "services",    "service",      "administration", "committee", "union",      "association",
    "federation",  "organisation", "organization",   "fund",      "bureau",     "foundation",
    "university",  "college",      "centre",         "center",    "court",      "police",
    "directorate", "secretariat",  "tribunal",       "assembly",  "parliament", "port"};
// Singular verbs after a demonym used as a noun ("the Kenyan was").
constexpr std::string_view kSingularVerbs[] = {
    "was",  "is",      "has",    "had", "said",  "says", "won",  "wins",     "added",
    "told", "will",    "would",  "can", "could", "did",  "does", "finished", "took",
    "who",  "remains", "became", "led", "leads", "made", "set",  "ran",      "broke"};
// Second parts of capitalized compound adjectives, which are not given names.
constexpr std::string_view kCompoundSuffixes[] = {
    "led",   "era",   "run",    "like",   "style",  "type",     "born",    "made",
    "owned", "proof", "free",   "wide",   "ish",    "based",    "held",    "esque",
    "ite",   "ian",   "area",   "level",  "backed", "bound",    "class",   "eyed",
    "fed",   "hit",   "linked", "loving", "sized",  "speaking", "friendly"};
constexpr std::string_view kNotRoleModifiers[] = {
    "the",  "a",     "an",    "his",    "her",  "its",   "their", "our",  "my",   "your",
    "this", "that",  "these", "those",  "of",   "and",   "or",    "in",   "on",   "at",
    "for",  "to",    "by",    "with",   "from", "which", "who",   "is",   "was",  "were",
    "are",  "be",    "been",  "has",    "have", "had",   "said",  "says", "as",   "but",
    "than", "while", "after", "before", "when", "said",  "not",   "also", "into", "over"};
// Titles that give a person's gender ("Mrs. Ruiz" is a woman).
constexpr std::string_view kMaleTitles[] = {"mr.", "mr", "sir"};
constexpr std::string_view kFemaleTitles[] = {"ms.", "ms", "mrs.", "mrs", "miss"};

// ---- Quote stage (quote_*.cc).

// Finite speech verbs: the cue of `"Q," X said` and `X said: "Q"`.
constexpr std::string_view kSpeechVerbs[] = {
    "said",       "says",       "say",        "told",         "tells",      "tell",
    "added",      "adds",       "wrote",      "writes",       "warned",     "warns",
    "stated",     "explained",  "explains",   "noted",        "notes",      "asked",
    "asks",       "replied",    "replies",    "insisted",     "insists",    "argued",
    "argues",     "declared",   "declares",   "announced",    "announces",  "continued",
    "continues",  "claimed",    "claims",     "acknowledged", "admitted",   "admits",
    "recalled",   "recalls",    "remarked",   "responded",    "responds",   "tweeted",
    "tweets",     "posted",     "commented",  "suggested",    "suggests",   "predicted",
    "conceded",   "cautioned",  "stressed",   "stresses",     "emphasized", "emphasised",
    "joked",      "quipped",    "boasted",    "complained",   "charged",    "observed",
    "reported",   "reports",    "testified",  "vowed",        "vows",       "promised",
    "asserted",   "asserts",    "maintained", "contended",    "shouted",    "yelled",
    "demanded",   "confirmed",  "confirms",   "denied",       "mused",      "wondered",
    "explained",  "concluded",  "insisted",   "agreed",       "agrees",     "countered",
    "retorted",   "lamented",   "cried",      "whispered",    "blasted",    "slammed",
    "scoffed",    "urged",      "urges",      "pleaded",      "begged",     "speculated",
    "recounted",  "described",  "wrote",      "reiterated",   "told",       "announced",
    "called",     "calls",      "puts",       "put",          "dubbed",     "labeled",
    "labelled",   "branded",    "accused",    "accuses",      "promised",   "promises",
    "admitted",   "believes",   "believed",   "thinks",       "thought",    "touted",
    "praised",    "criticized", "criticised", "attacked",     "blamed",     "mocked",
    "pledged",    "predicts",   "estimated",  "found",        "showed",     "shows",
    "finds",      "alleged",    "alleges",    "indicated",    "hinted",     "defended",
    "questioned", "echoed",     "opined",     "explained",    "answered",   "responded",
    "answers",    "concludes",  "concluded",  "pointed",      "explains",   "counters",
    "assured",    "assures",    "threatened", "proclaimed",   "exclaimed",  "bragged",
    "repeated",   "exhorted",   "snapped",    "teased",       "fumed",      "griped",
    "protested",  "conceded",   "concedes",   "recalls",      "ranted",     "declared",
    "thundered",  "gushed",     "marveled",   "marvelled",    "raged",      "refers",
    "referred",   "describes"};
// Cues that name or show rather than speak ("shows", "put together"): they report the outer
// speaker's words even with the quote as their object.
constexpr std::string_view kWeakSpeechVerbs[] = {"shows", "showed", "put",
                                                 "puts",  "found",  "finds"};
// Cues that may come before their subject ("..., said professor Paul Beck"); "told" and "asked"
// take an object instead ("..., told CBS News").
constexpr std::string_view kInvertibleSpeechVerbs[] = {
    "said",     "says",   "added",    "adds",      "continued", "noted",   "explained",
    "wrote",    "writes", "insisted", "argued",    "recalled",  "replied", "responded",
    "declared", "stated", "warned",   "concluded", "quipped",   "joked",   "countered"};
// Participles whose subject is the clause's subject ("Wafula urged ..., saying he ...").
constexpr std::string_view kSpeechParticiples[] = {
    "saying",      "adding",      "telling",   "noting",      "arguing",     "warning",
    "explaining",  "insisting",   "writing",   "declaring",   "stressing",   "asking",
    "claiming",    "suggesting",  "calling",   "tweeting",    "promising",   "vowing",
    "describing",  "accusing",    "admitting", "predicting",  "complaining", "urging",
    "threatening", "demanding",   "recalling", "conceding",   "boasting",    "stating",
    "joking",      "announcing",  "lamenting", "dubbing",     "labeling",    "labelling",
    "branding",    "pledging",    "quipping",  "proclaiming", "mocking",     "acknowledging",
    "cautioning",  "reiterating", "asserting", "replying",    "responding",  "answering",
    "exclaiming",  "pleading",    "deriding",  "dismissing",  "yelling",     "shouting",
    "screaming",   "chanting",    "posting",   "reading"};
constexpr std::string_view kObjectDeterminers[] = {"no",  "a",   "an",    "the", "any", "some",
                                                   "his", "her", "their", "its", "this"};
// What a person's words come in ("Obama’s word:", "the senator's statement:").
constexpr std::string_view kStatementNouns[] = {
    "word",   "words", "statement", "remarks", "tweet",   "tweets", "letter",   "email",
    "memo",   "post",  "response",  "reply",   "message", "view",   "argument", "answer",
    "speech", "note",  "op-ed",     "column",  "essay",   "release"};
// Nouns of something said, owned by its speaker: "Hale's pledge to be “…”", "Hale's “…” remark".
constexpr std::string_view kClaimNouns[] = {"comment",     "comments",    "remark",
                                            "remarks",     "promise",     "pledge",
                                            "vow",         "assertion",   "claim",
                                            "claims",      "call",        "slogan",
                                            "phrase",      "catchphrase", "accusation",
                                            "accusations", "broadside",   "warning",
                                            "description", "quip",        "insistence",
                                            "charge",      "criticism",   "complaint",
                                            "dictum",      "mantra",      "motto",
                                            "refrain",     "label",       "statement",
                                            "words",       "tweet",       "boast",
                                            "declaration", "suggestion",  "argument",
                                            "retort",      "cry",         "characterization",
                                            "prediction",  "threat",      "demand",
                                            "conclusion",  "assessment",  "finding",
                                            "verdict",     "contention",  "observation"};
// Other words opening an introductory phrase before the subject ("During the debate, ...").
constexpr std::string_view kIntroOpeners[] = {"during", "despite", "amid",    "unlike",   "like",
                                              "asked",  "later",   "earlier", "following"};
// Words opening a subordinate clause at the start of a sentence ("When X said ..., Y ...").
constexpr std::string_view kSubordinators[] = {"when", "after",    "as",     "while",   "before",
                                               "once", "although", "though", "because", "since",
                                               "if",   "until",    "whereas"};
constexpr std::string_view kSubjectPronouns[] = {"he", "she", "it", "they", "i", "we"};
// Words skipped between a subject and its verb ("Keane also said", "he has said").
constexpr std::string_view kSubjectVerbFillers[] = {
    "also",   "later",    "then",      "previously",   "recently", "again", "once",       "has",
    "had",    "have",     "was",       "is",           "would",    "will",  "reportedly", "further",
    "simply", "only",     "just",      "subsequently", "had",      "often", "repeatedly", "quickly",
    "flatly", "publicly", "privately", "earlier",      "told",     "has",   "did"};
// Words that end a subject noun phrase when scanning backwards.
constexpr std::string_view kClauseStops[] = {
    "that",   "and",     "but",  "which",   "who",    "as",       "when",      "while", "after",
    "before", "because", "if",   "since",   "so",     "or",       "to",        "where", "whom",
    "whose",  "than",    "in",   "on",      "at",     "by",       "with",      "from",  "about",
    "said",   "says",    "told", "however", "though", "although", "meanwhile", "yet",   "for"};
constexpr std::string_view kQuoteDeterminers[] = {"the", "a",   "an",  "this",  "that",
                                                  "its", "his", "her", "their", "our"};
// Words after which a cue word is a noun ("those reports", "his remarks").
constexpr std::string_view kNounDeterminers[] = {"the", "a",   "an",    "these", "those", "its",
                                                 "his", "her", "their", "our",   "my",    "your"};
// Heads of organization noun phrases: "the finance ministry said" names an organization.
constexpr std::string_view kOrgPhraseHeads[] = {
    "ministry",    "department",  "agency",       "office",       "government",  "administration",
    "committee",   "council",     "commission",   "campaign",     "party",       "company",
    "police",      "military",    "army",         "court",        "embassy",     "bank",
    "university",  "group",       "organization", "organisation", "union",       "board",
    "bureau",      "service",     "house",        "newspaper",    "network",     "center",
    "centre",      "institute",   "foundation",   "association",  "team",        "federation",
    "coalition",   "corporation", "firm",         "inc",          "corp",        "post",
    "times",       "news",        "journal",      "daily",        "paper",       "outlet",
    "broadcaster", "magazine",    "tabloid",      "website",      "station",     "channel",
    "pentagon",    "kremlin",     "secretariat",  "cabinet",      "parliament",  "congress",
    "senate",      "navy",        "regime",       "command",      "authority",   "authorities",
    "watchdog",    "fund",        "club",         "caucus",       "press",       "tribune",
    "herald",      "telegraph",   "guardian",     "reuters",      "ap",          "afp",
    "cnn",         "bbc",         "nbc",          "cbs",          "abc",         "msnbc",
    "fox",         "politico",    "axios",        "spokesman",    "spokeswoman", "spokesperson"};
// Heads of "a White House spokesman": the organization speaks.
constexpr std::string_view kSpokespersonNouns[] = {"spokesman", "spokeswoman", "spokesperson"};
// Of these, spokesman & co. mark a person speaking for an organization; they are listed so
// that "a White House spokesman" resolves to the White House actor when one is mentioned and
// otherwise becomes an organization speaker (the person is unnamed).
// People who speak for someone named in a possessive before them ("Trump's campaign manager
// says", "Clinton's aides argue"), and documents filed or sent in their name ("Ruiz's brief
// said"); like an organization's spokesman, they give the owner.
constexpr std::string_view kAgentHeads[] = {
    "aide",     "aides",    "adviser",   "advisers",   "advisor",         "advisors",    "lawyer",
    "lawyers",  "attorney", "attorneys", "manager",    "strategist",      "strategists", "staff",
    "staffers", "allies",   "surrogate", "surrogates", "representatives", "team",        "brief",
    "filing",   "lawsuit",  "memo",      "letter",     "statement",       "website"};
// Heads of definite descriptions of a person ("the New Jersey governor").
constexpr std::string_view kPersonHeads[] = {
    "governor",      "senator",       "president",     "candidate",
    "front-runner",  "frontrunner",   "nominee",       "billionaire",
    "businessman",   "businesswoman", "mogul",         "congressman",
    "congresswoman", "secretary",     "minister",      "leader",
    "chairman",      "chairwoman",    "mayor",         "spokesman",
    "spokeswoman",   "lawmaker",      "senator-elect", "president-elect",
    "democrat",      "republican",    "candidate",     "speaker",
    "director",      "official",      "host",          "anchor",
    "businessman",   "star",          "actress",       "actor",
    "author",        "developer",     "tycoon",        "hopeful",
    "rival",         "nominee",       "contender",     "incumbent",
    "challenger",    "ambassador",    "judge",         "justice",
    "chief",         "professor",     "analyst",       "expert",
    "strategist",    "adviser",       "advisor",       "aide",
    "economist",     "historian",     "scientist",     "pollster",
    "attorney",      "lawyer"};
// Anonymous speakers described with a name in a modifier ("a Democratic strategist", "one
// adviser to the governor's rivals"): determiners of one person, of a group, and the heads.
constexpr std::string_view kOneDeterminers[] = {"a", "an", "one", "another"};
constexpr std::string_view kGroupDeterminers[] = {"some", "several", "many", "two",  "three",
                                                  "four", "five",    "few",  "other"};
constexpr std::string_view kDescriptionHeads[] = {
    "person",     "source",       "official",    "operative",     "insider",
    "donor",      "supporter",    "member",      "staffer",       "ally",
    "friend",     "associate",    "confidant",   "officer",       "diplomat",
    "veteran",    "activist",     "consultant",  "organizer",     "delegate",
    "voter",      "lawmaker",     "aide",        "adviser",       "advisor",
    "strategist", "spokesman",    "spokeswoman", "spokesperson",  "leader",
    "democrat",   "republican",   "analyst",     "expert",        "executive",
    "employee",   "lobbyist",     "fundraiser",  "official",      "goper",
    "legislator", "senator",      "congressman", "congresswoman", "representative",
    "attorney",   "lawyer",       "manager",     "pollster",      "observer",
    "economist",  "conservative", "liberal",     "progressive"};
// Plural heads that are no regular plural of a head above.
constexpr std::string_view kGroupHeads[] = {
    "allies", "people", "spokesmen", "spokeswomen", "congressmen", "congresswomen", "staff"};
// Words that open a post-modifier of such a description ("close to", "familiar with").
constexpr std::string_view kPostModifiers[] = {
    "close",  "familiar", "involved", "loyal",   "allied",  "tied",    "connected", "linked",
    "to",     "with",     "for",      "in",      "at",      "from",    "of",        "on",
    "inside", "within",   "working",  "aligned", "briefed", "advising"};
// Words that end a description's post-modifier.
constexpr std::string_view kDescriptionStops[] = {
    "who",   "that",    "which", "said",  "says",   "told", "and",   "but",   "when",
    "while", "because", "as",    "after", "before", "if",   "whose", "where", "since"};
// Titles before a name, dropped from a created actor's name.
constexpr std::string_view kNameTitles[] = {
    "sen",     "rep",    "gov",       "mr",           "mrs",        "ms",         "dr",
    "gen",     "rev",    "pres",      "president",    "senator",    "governor",   "secretary",
    "speaker", "judge",  "mayor",     "sir",          "lt",         "col",        "capt",
    "prof",    "former", "candidate", "presidential", "democratic", "republican", "gop"};
// Upper-case labels opening a transcript line that name no one ("ANNOUNCER:", "UPDATE:"): a
// turn of its own, without a speaker. Others ("HALE:", "MR. REED:") name the speaker.
constexpr std::string_view kUnnamedLabels[] = {
    "announcer",   "moderator",     "audience",   "crowd",        "question",   "answer",
    "reporter",    "reporters",     "unknown",    "unidentified", "voice",      "narrator",
    "crosstalk",   "protester",     "protesters", "male",         "female",     "update",
    "updated",     "note",          "editor",     "editors",      "breaking",   "watch",
    "video",       "audio",         "read",       "related",      "photos",     "photo",
    "correction",  "clarification", "exclusive",  "source",       "sources",    "warning",
    "alert",       "live",          "more",       "also",         "transcript", "caption",
    "interviewer", "host",          "speaker",    "participant",  "caller",     "student",
    "man",         "woman"};
// Lowercase words inside a title ("Contract with America", "State of the Union").
constexpr std::string_view kTitleFunctionWords[] = {"of", "the", "and", "a",  "an",   "in",
                                                    "on", "for", "to",  "at", "with", "from",
                                                    "by", "or",  "vs",  "as"};
// Irregular past tenses that introduce speech after a quote ("Trump went on").
constexpr std::string_view kIrregularPastSpeech[] = {
    "went", "spoke", "shot", "gave", "began", "swore", "wrote", "told", "said", "kept", "threw"};
constexpr std::string_view kPassiveMarkers[] = {"when", "if",  "was", "were",   "been", "being",
                                                "is",   "are", "be",  "unless", "once"};
constexpr std::string_view kQuotePrepositions[] = {"of",      "for",    "to",     "with", "about",
                                                   "on",      "in",     "at",     "from", "by",
                                                   "against", "toward", "towards"};
// Capitalized words that are never a speaker's name on their own.
constexpr std::string_view kNotNames[] = {
    "republican", "republicans", "democrat",  "democrats", "democratic", "conservatives",
    "liberals",   "officials",   "americans", "voters",    "critics",    "experts",
    "analysts",   "but",         "and",       "so",        "yet",        "then",
    "still",      "also",        "however",   "meanwhile", "asked",      "when",
    "if",         "this",        "that",      "these",     "those",      "some",
    "many",       "most",        "both",      "all",       "others",     "one",
    "latest",     "update",      "breaking",  "exclusive", "watch",      "report",
    "in",         "on",          "at",        "as",        "for",        "because",
    "after",      "before",      "while",     "although",  "though",     "since",
    "until",      "unless",      "whether",   "instead",   "just",       "now",
    "here",       "there",       "monday",    "tuesday",   "wednesday",  "thursday",
    "friday",     "saturday",    "sunday",    "january",   "february",   "march",
    "april",      "june",        "july",      "august",    "september",  "october",
    "november",   "december"};
constexpr std::string_view kQuoteAbbreviations[] = {
    "mr",  "mrs", "ms",  "dr",   "st",  "sen", "rep", "gov", "gen", "lt",   "col",  "sgt",
    "jr",  "sr",  "inc", "corp", "co",  "no",  "vs",  "jan", "feb", "aug",  "sept", "sep",
    "oct", "nov", "dec", "u.s",  "u.n", "u.k", "d.c", "a.m", "p.m", "capt", "prof", "rev",
    "mt",  "ft",  "e.g", "i.e",  "ave", "gov", "rep", "adm", "maj", "cpl",  "pvt",  "fig"};

// ---- Places (locations.cc).

// Capitalized words that are far more often ordinary words, titles or parts of names than
// places, although GeoNames has towns with these names. Lowercase, ASCII.
constexpr std::string_view kNotPlaceWords[] = {
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "another", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "best", "both", "but", "by", "can",
    "could", "did", "do", "does", "during", "each", "even", "every", "few", "for", "from", "had",
    "has", "have", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "just", "last", "like", "many", "may", "more", "most", "much", "my", "new", "next", "no", "nor",
    "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over",
    "same", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "two",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "why", "will", "with", "would", "yet", "you", "your", "yes", "already", "though",
    "although", "however", "meanwhile", "according", "among", "despite", "without", "within",
    // calendar
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "today", "tomorrow", "yesterday", "christmas", "easter",
    // titles and institutions
    "mr", "mrs", "ms", "dr", "sir", "president", "governor", "senator", "mayor", "police",
    "sheriff", "officer", "chief", "judge", "court", "county", "city", "state", "states",
    "university", "college", "school", "church", "street", "road", "avenue", "park", "lake",
    "river", "mount", "north", "south", "east", "west", "central", "great", "little", "big",
    "congress", "senate", "house", "white", "black", "green", "brown", "god", "home", "office",
    "center", "centre", "department", "market", "bank", "post", "mobile", "reading", "bath", "nice",
    "deal", "sale", "bonus", "energy", "media", "mission", "victory", "security", "progress",
    "commerce", "industry", "enterprise", "union", "republic", "liberty", "justice", "hope",
    "unity", "independence", "freedom", "democrat", "republican", "democrats", "republicans",
    "government", "minister", "ministry", "prime", "secretary", "general", "army", "navy", "force",
    "forces", "council", "committee", "party", "news", "times", "press", "agency", "agencies",
    "source", "sources", "file", "photo", "service", "services", "health", "fire", "board",
    "public", "national", "international", "federal", "royal", "first", "second", "third", "man",
    "woman", "men", "women", "people", "child", "children", "family", "friends", "life", "world",
    "day", "week", "month", "year", "time", "team", "club", "church", "st", "good", "bad", "long",
    "high", "low", "young", "old", "early", "late", "major", "minor", "town", "village", "summit",
    "ocean", "beach", "island", "valley", "bay", "hill", "hills", "spring", "springs", "fall",
    "falls", "winter", "summer", "star", "sun", "moon", "sea", "gold", "silver", "paradise", "eden",
    "bethlehem", "goshen", "canaan", "zion", "western", "eastern", "northern", "southern", "hamas",
    "hezbollah", "taliban", "drug", "chase", "hunt", "page", "price", "love", "rich", "young",
    "king", "queen", "prince", "princess", "bishop", "pope", "marshal", "captain", "colonel",
    "sergeant", "lieutenant", "major", "ambassador", "director", "chairman", "leader", "spokesman",
    "spokeswoman", "professor", "coach", "manager", "founder", "after", "both", "either", "neither",
    "whether", "unless", "until", "upon", "whose", "whom", "via", "per", "plus", "mid", "covid",
    "ebola", "zika", "aids", "hiv", "sars", "flu", "internet", "web", "online", "video", "tv",
    "radio",
    // month abbreviations, sentence-initial words and common nouns and adjectives
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "none",
    "give", "along", "northwest", "southwest", "northeast", "southeast", "coast", "island", "delta",
    "monument", "parkway", "supreme", "marines", "labor", "liberal", "conservative", "continental",
    "gulf", "pacific", "atlantic", "the city", "port", "maritime", "harbour", "harbor", "authority",
    // multi-word names of buildings and institutions that GeoNames also has as towns
    "white house", "supreme court", "city hall", "state house", "union station"};
// Words right after a place that make the place a modifier of an institution ("Gainesville
// Police", "Ohio State") rather than part of a person's name.
constexpr std::string_view kInstitutionModifiers[] = {
    "police",        "county",    "city",        "council",    "department",  "school",
    "schools",       "high",      "university",  "college",    "fire",        "sheriff",
    "sheriffs",      "board",     "hospital",    "mayor",      "airport",     "community",
    "times",         "news",      "post",        "herald",     "chamber",     "public",
    "library",       "state",     "district",    "area",       "region",      "province",
    "township",      "parish",    "government",  "ministry",   "embassy",     "army",
    "navy",          "national",  "federal",     "court",      "courts",      "jail",
    "prison",        "church",    "museum",      "zoo",        "park",        "club",
    "team",          "health",    "medical",     "regional",   "metro",       "metropolitan",
    "international", "airlines",  "air",         "water",      "power",       "electric",
    "bank",          "stock",     "exchange",    "democrats",  "republicans", "party",
    "senate",        "assembly",  "legislature", "congress",   "parliament",  "president",
    "prime",         "foreign",   "defense",     "defence",    "interior",    "border",
    "coast",         "guard",     "navy",        "forces",     "military",    "officials",
    "authorities",   "township",  "borough",     "street",     "road",        "avenue",
    "center",        "centre",    "middle",      "elementary", "junior",      "senior",
    "academy",       "institute", "hall",        "square",     "valley"};
// Verbs that make a preceding capital or country an agent ("Pyongyang has refused").
constexpr std::string_view kPlaceAgentVerbs[] = {
    "has",       "have",     "had",       "is",         "was",       "will",      "would",
    "wants",     "wanted",   "said",      "says",       "refused",   "refuses",   "rejected",
    "rejects",   "demanded", "demands",   "announced",  "announces", "informed",  "warned",
    "warns",     "accused",  "accuses",   "insisted",   "insists",   "denied",    "denies",
    "agreed",    "agrees",   "plans",     "planned",    "launched",  "launches",  "threatened",
    "threatens", "urged",    "urges",     "claimed",    "claims",    "sent",      "sends",
    "signed",    "signs",    "blamed",    "blames",     "vowed",     "vows",      "hopes",
    "believes",  "sees",     "may",       "might",      "could",     "should",    "must",
    "can",       "did",      "does",      "responded",  "reacted",   "condemned", "condemns",
    "imposed",   "imposes",  "considers", "considered", "decided",   "decides",   "seeks",
    "sought"};
constexpr std::string_view kPlaceTitles[] = {"mr",
                                             "mrs",
                                             "ms",
                                             "miss",
                                             "dr",
                                             "sen",
                                             "rep",
                                             "gov",
                                             "lt",
                                             "sgt",
                                             "capt",
                                             "col",
                                             "gen",
                                             "president",
                                             "governor",
                                             "senator",
                                             "mayor",
                                             "sheriff",
                                             "deputy",
                                             "officer",
                                             "judge",
                                             "coach",
                                             "chief",
                                             "detective",
                                             "trooper",
                                             "pastor",
                                             "rev",
                                             "father",
                                             "sister",
                                             "brother",
                                             "prof",
                                             "professor",
                                             "minister",
                                             "secretary",
                                             "commissioner",
                                             "councilman",
                                             "councilwoman",
                                             "superintendent",
                                             "principal",
                                             "attorney",
                                             "representative",
                                             "director",
                                             "chairman"};
constexpr std::string_view kPlacePrepositions[] = {"in",      "near",       "from",   "outside",
                                                   "across",  "throughout", "around", "toward",
                                                   "towards", "downtown",   "into",   "via"};
// Heads of natural-feature names. Before a place name ("Lake Victoria", "Mount Kenya", "Gulf
// of Mexico") or after it ("Mississippi River", "Red Sea") they make the phrase a lake, river,
// mountain or sea, which the gazetteer does not list, so the town or country of the same name
// is not what the text means. Multi-word names the gazetteer does list ("Lake Charles",
// "Victoria Falls", "Mount Vernon") are longer matches and never reach this test.
constexpr std::string_view kFeatureHeadsBefore[] = {"lake", "mount", "mt",  "river",
                                                    "cape", "loch",  "lac", "mont"};
// "Gulf of Mexico", "Sea of Japan", "Bay of Bengal": the head comes two words before.
constexpr std::string_view kFeatureHeadsOf[] = {"gulf", "sea",     "bay",   "strait", "straits",
                                                "lake", "isthmus", "mouth", "gulfs",  "lakes"};
constexpr std::string_view kFeatureHeadsAfter[] = {
    "river",   "rivers", "lake",   "lakes", "mountain", "mountains", "sea",   "creek", "canyon",
    "glacier", "ocean",  "strait", "basin", "desert",   "volcano",   "gorge", "reef",  "lagoon"};
constexpr std::string_view kDiseaseWords[] = {"virus",   "viruses", "fever",
                                              "disease", "variant", "strain"};
// Words that may precede a place at the start of an organization span without making the
// place a part of the name ("Northeast Georgia" tagged ORG, "Greater Boston").
constexpr std::string_view kDirectionWords[] = {"north",     "south",     "east",      "west",
                                                "northern",  "southern",  "eastern",   "western",
                                                "northeast", "northwest", "southeast", "southwest",
                                                "central",   "greater",   "upper",     "lower"};
// Prepositions before a place that complements an organization's name ("Bank of Canada",
// "Mission in Georgia", "Coalition for Iowa").
constexpr std::string_view kComplementPrepositions[] = {"of", "in", "for", "at", "de"};
// Sports a wire slug names, one to three words ("SOCCER -", "RUGBY UNION -", "MOTOR RACING -").
constexpr std::string_view kSports[] = {
    "soccer",       "football",    "cricket",     "tennis",        "baseball",
    "basketball",   "golf",        "rugby",       "athletics",     "cycling",
    "boxing",       "hockey",      "skiing",      "swimming",      "rowing",
    "sailing",      "nfl",         "nba",         "nhl",           "mlb",
    "motorsport",   "handball",    "volleyball",  "snooker",       "badminton",
    "squash",       "motocross",   "rugby union", "rugby league",  "motor racing",
    "horse racing", "formula one", "ice hockey",  "alpine skiing", "american football"};
constexpr std::string_view kResultVerbs[] = {
    "beat",     "beats",    "defeated", "drew",    "edged",     "routed",
    "thrashed", "downed",   "blanked",  "whipped", "outscored", "crushed",
    "trounced", "hammered", "overcame", "stunned", "outplayed"};
constexpr std::string_view kTeamNations[] = {
    "england",    "scotland",     "wales", "northern ireland", "great britain", "west indies",
    "yugoslavia", "soviet union", "ussr",  "czechoslovakia",   "zaire",         "ireland",
    "britain"};
// Words after a place inside an organization's name that make the organization a company, a
// newspaper, a party or an airline ("Vancouver Sun", "Balkan Airlines", "Pakistan People's
// Party", "Saskatchewan Wheat Pool"): its place is not one the story is about.
constexpr std::string_view kBusinessHeads[] = {
    "party",     "airlines",        "airways",    "airline",    "sun",
    "times",     "herald",          "journal",    "tribune",    "gazette",
    "telegraph", "chronicle",       "observer",   "daily",      "bank",
    "corp",      "corporation",     "inc",        "ltd",        "limited",
    "co",        "company",         "plc",        "holdings",   "exchange",
    "pool",      "motors",          "industries", "securities", "jewellers",
    "jewelers",  "insurance",       "petroleum",  "oil",        "mining",
    "steel",     "telecom",         "cement",     "brewery",    "breweries",
    "foods",     "stores",          "hotels",     "resources",  "shipping",
    "lines",     "investments",     "bancorp",    "financial",  "gas",
    "chemicals", "pharmaceuticals", "electronics"};
// "Laurel County", "Rapides Parish": second-level units the gazetteer lacks.
constexpr std::string_view kRegionSuffixes[] = {"county", "parish", "township", "borough"};
// Lowercase words allowed inside a multi-word name ("Stratford upon Avon", "Rio de Janeiro").
constexpr std::string_view kNameConnectors[] = {"of", "de", "la", "del", "upon", "on", "du",  "des",
                                                "al", "el", "da", "do",  "dos",  "y",  "the", "le"};

// ---- Credits and datelines (credits.cc).

// A capitalized run holding one of these words is an agency, not a person. Compared
// case-insensitively; wire services by their usual names and the words agencies' names end in.
constexpr std::string_view kAgencyWords[] = {
    "afp",        "ap",        "reuters",  "upi",          "dpa",     "xinhua",  "efe",
    "ansa",       "kyodo",     "yonhap",   "pti",          "ians",    "tass",    "epa",
    "anadolu",    "bloomberg", "getty",    "aap",          "ani",     "bernama", "pa",
    "press",      "agency",    "agencies", "images",       "photo",   "photos",  "pool",
    "staff",      "news",      "newsroom", "wire",         "wires",   "service", "services",
    "media",      "handout",   "times",    "post",         "journal", "herald",  "tribune",
    "television", "radio",     "network",  "broadcasting", "jazeera", "today"};
// Photo and wire agencies: the other side of a glued slash from a photographer's name. Kept apart
// from kAgencyWords because "Reuters/Ipsos" and "NBC News/Wall Street Journal" are poll
// sponsors in the story, not credits.
constexpr std::string_view kPhotoAgencies[] = {
    "afp",   "ap",     "reuters", "upi",   "dpa",     "xinhua", "efe", "ansa",
    "kyodo", "yonhap", "epa",     "getty", "anadolu", "aap",    "pa",  "bloomberg",
    "photo", "photos", "images",  "pool",  "handout", "file"};
// Words of a slash run that make it a photo credit ("AP Photo/…", "Pool/Getty Images").
constexpr std::string_view kPhotoWords[] = {"photo", "images", "pool", "handout"};
// Labels opening a photo credit: "Photo: …", "Photograph: …", "Photo by …", "Credit: …".
constexpr std::string_view kPhotoLabels[] = {"photo", "photos", "photograph",
                                             "image", "credit", "picture"};
// What a credit line may hold that is nobody's name.
constexpr std::string_view kNotCreditNames[] = {"file", "photo", "file photo",
                                                "all rights reserved"};
// Lowercase words that may stand between the names of a credit line ("Associated Press
// writers …", "By Jane Smith, staff writer"); any other lowercase word makes it prose.
constexpr std::string_view kCreditWords[] = {
    "writer",    "writers", "staff",   "correspondent", "correspondents", "reporter",
    "reporters", "editor",  "editors", "photographer",  "photographers",  "columnist",
    "special",   "senior",  "chief",   "political",     "bureau",         "contributor"};
// Words a contributor line opens with, before "by".
constexpr std::string_view kContributorRoles[] = {"reporting", "additional", "writing",  "editing",
                                                  "compiled",  "translated", "produced", "graphics",
                                                  "research",  "reported",   "written",  "edited"};
constexpr std::string_view kMonthNames[] = {
    "jan",   "feb",  "mar",  "apr",    "may",       "jun",     "jul",      "aug",
    "sep",   "sept", "oct",  "nov",    "dec",       "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december"};
// Lowercase words a name may hold ("Ursula von der Leyen", "Ahmed al-Sharif", "Luiz da Silva").
constexpr std::string_view kNameParticles[] = {"de",  "da", "van", "von", "der", "den",
                                               "bin", "al", "la",  "le",  "du"};

// ISO 3166-1 alpha-2 code, English short names, demonyms (adjectives), lowercase and
// '|'-separated; multi-word forms are written with single spaces. Own list; names as commonly
// written in news. Names that are far more often something else in English news (Georgia, the
// US state; Jersey; Chad and Jordan as first names are kept as they are rarely premodifiers of
// a person) are left out where noted.
struct CountryRow {
  std::string_view code;
  std::string_view names;
  std::string_view demonyms;
};
constexpr CountryRow kCountries[] = {
    {"AD", "andorra", "andorran"},
    {"AE", "united arab emirates|uae|u.a.e.", "emirati"},
    {"AF", "afghanistan", "afghan"},
    {"AG", "antigua and barbuda|antigua", "antiguan"},
    {"AI", "anguilla", "anguillan"},
    {"AL", "albania", "albanian"},
    {"AM", "armenia", "armenian"},
    {"AO", "angola", "angolan"},
    {"AQ", "antarctica", ""},
    {"AR", "argentina", "argentine|argentinian"},
    {"AS", "american samoa", ""},
    {"AT", "austria", "austrian"},
    {"AU", "australia", "australian"},
    {"AW", "aruba", "aruban"},
    {"AX", "aland islands|\xC3\xA5land islands|\xC3\xA5land", ""},
    {"AZ", "azerbaijan", "azerbaijani|azeri"},
    {"BA", "bosnia and herzegovina|bosnia", "bosnian"},
    {"BB", "barbados", "barbadian"},
    {"BD", "bangladesh", "bangladeshi"},
    {"BE", "belgium", "belgian"},
    {"BF", "burkina faso", "burkinabe|burkinab\xC3\xA9"},
    {"BG", "bulgaria", "bulgarian"},
    {"BH", "bahrain", "bahraini"},
    {"BI", "burundi", "burundian"},
    {"BJ", "benin", "beninese"},
    {"BL", "saint barthelemy|saint barth\xC3\xA9lemy|st. barts", ""},
    {"BM", "bermuda", "bermudian"},
    {"BN", "brunei|brunei darussalam", "bruneian"},
    {"BO", "bolivia", "bolivian"},
    {"BQ", "bonaire", ""},
    {"BR", "brazil", "brazilian"},
    {"BS", "bahamas|the bahamas", "bahamian"},
    {"BT", "bhutan", "bhutanese"},
    {"BV", "bouvet island", ""},
    {"BW", "botswana", "botswanan|motswana"},
    {"BY", "belarus", "belarusian|belarussian"},
    {"BZ", "belize", "belizean"},
    {"CA", "canada", "canadian"},
    {"CC", "cocos islands|cocos (keeling) islands", ""},
    {"CD", "democratic republic of the congo|democratic republic of congo|dr congo|drc",
     "congolese"},
    {"CF", "central african republic", "central african"},
    {"CG", "republic of the congo|congo-brazzaville", ""},
    {"CH", "switzerland", "swiss"},
    {"CI", "ivory coast|c\xC3\xB4te d'ivoire|cote d'ivoire|c\xC3\xB4te d\xE2\x80\x99ivoire",
     "ivorian"},
    {"CK", "cook islands", ""},
    {"CL", "chile", "chilean"},
    {"CM", "cameroon", "cameroonian"},
    {"CN", "china", "chinese"},
    {"CO", "colombia", "colombian"},
    {"CR", "costa rica", "costa rican"},
    {"CU", "cuba", "cuban"},
    {"CV", "cape verde|cabo verde", "cape verdean|cabo verdean"},
    {"CW",
     "curacao|cura\xC3\xA7"
     "ao",
     ""},
    {"CX", "christmas island", ""},
    {"CY", "cyprus", "cypriot"},
    {"CZ", "czech republic|czechia", "czech"},
    {"DE", "germany", "german"},
    {"DJ", "djibouti", "djiboutian"},
    {"DK", "denmark", "danish"},
    {"DM", "dominica", ""},
    {"DO", "dominican republic", "dominican"},
    {"DZ", "algeria", "algerian"},
    {"EC", "ecuador", "ecuadorian|ecuadorean"},
    {"EE", "estonia", "estonian"},
    {"EG", "egypt", "egyptian"},
    {"EH", "western sahara", "sahrawi"},
    {"ER", "eritrea", "eritrean"},
    {"ES", "spain", "spanish"},
    {"ET", "ethiopia", "ethiopian"},
    {"FI", "finland", "finnish"},
    {"FJ", "fiji", "fijian"},
    {"FK", "falkland islands|falklands", ""},
    {"FM", "micronesia", "micronesian"},
    {"FO", "faroe islands|faroes", "faroese"},
    {"FR", "france", "french"},
    {"GA", "gabon", "gabonese"},
    {"GB", "united kingdom|uk|u.k.|britain|great britain", "british"},
    {"GD", "grenada", "grenadian"},
    {"GE", "", "georgian"},  // "Georgia" is more often the US state in English news
    {"GF", "french guiana", ""},
    {"GG", "guernsey", ""},
    {"GH", "ghana", "ghanaian"},
    {"GI", "gibraltar", ""},
    {"GL", "greenland", "greenlandic"},
    {"GM", "gambia|the gambia", "gambian"},
    {"GN", "guinea", "guinean"},
    {"GP", "guadeloupe", ""},
    {"GQ", "equatorial guinea", "equatorial guinean|equatoguinean"},
    {"GR", "greece", "greek"},
    {"GS", "south georgia and the south sandwich islands|south georgia", ""},
    {"GT", "guatemala", "guatemalan"},
    {"GU", "guam", ""},
    {"GW", "guinea-bissau", "bissau-guinean"},
    {"GY", "guyana", "guyanese"},
    {"HK", "hong kong", ""},
    {"HM", "heard island and mcdonald islands", ""},
    {"HN", "honduras", "honduran"},
    {"HR", "croatia", "croatian"},
    {"HT", "haiti", "haitian"},
    {"HU", "hungary", "hungarian"},
    {"ID", "indonesia", "indonesian"},
    {"IE", "ireland|republic of ireland", "irish"},
    {"IL", "israel", "israeli"},
    {"IM", "isle of man", "manx"},
    {"IN", "india", "indian"},
    {"IO", "british indian ocean territory", ""},
    {"IQ", "iraq", "iraqi"},
    {"IR", "iran", "iranian"},
    {"IS", "iceland", "icelandic"},
    {"IT", "italy", "italian"},
    {"JE", "", ""},  // "Jersey": far more often New Jersey or a garment
    {"JM", "jamaica", "jamaican"},
    {"JO", "jordan", "jordanian"},
    {"JP", "japan", "japanese"},
    {"KE", "kenya", "kenyan"},
    {"KG", "kyrgyzstan", "kyrgyz|kyrgyzstani"},
    {"KH", "cambodia", "cambodian"},
    {"KI", "kiribati", ""},
    {"KM", "comoros", "comoran|comorian"},
    {"KN", "saint kitts and nevis|st. kitts and nevis", ""},
    {"KP", "north korea|dprk", "north korean"},
    {"KR", "south korea|republic of korea", "south korean"},
    {"KW", "kuwait", "kuwaiti"},
    {"KY", "cayman islands", ""},
    {"KZ", "kazakhstan", "kazakh|kazakhstani"},
    {"LA", "laos", "laotian|lao"},
    {"LB", "lebanon", "lebanese"},
    {"LC", "saint lucia|st. lucia", "saint lucian"},
    {"LI", "liechtenstein", ""},
    {"LK", "sri lanka", "sri lankan"},
    {"LR", "liberia", "liberian"},
    {"LS", "lesotho", "basotho"},
    {"LT", "lithuania", "lithuanian"},
    {"LU", "luxembourg", "luxembourgish"},
    {"LV", "latvia", "latvian"},
    {"LY", "libya", "libyan"},
    {"MA", "morocco", "moroccan"},
    {"MC", "monaco", "monegasque"},
    {"MD", "moldova", "moldovan"},
    {"ME", "montenegro", "montenegrin"},
    {"MF", "saint martin", ""},
    {"MG", "madagascar", "malagasy"},
    {"MH", "marshall islands", "marshallese"},
    {"MK", "north macedonia|macedonia", "macedonian"},
    {"ML", "mali", "malian"},
    {"MM", "myanmar|burma", "burmese"},
    {"MN", "mongolia", "mongolian"},
    {"MO", "macau|macao", ""},
    {"MP", "northern mariana islands", ""},
    {"MQ", "martinique", ""},
    {"MR", "mauritania", "mauritanian"},
    {"MS", "montserrat", ""},
    {"MT", "malta", "maltese"},
    {"MU", "mauritius", "mauritian"},
    {"MV", "maldives", "maldivian"},
    {"MW", "malawi", "malawian"},
    {"MX", "mexico", "mexican"},
    {"MY", "malaysia", "malaysian"},
    {"MZ", "mozambique", "mozambican"},
    {"NA", "namibia", "namibian"},
    {"NC", "new caledonia", ""},
    {"NE", "niger", "nigerien"},
    {"NF", "norfolk island", ""},
    {"NG", "nigeria", "nigerian"},
    {"NI", "nicaragua", "nicaraguan"},
    {"NL", "netherlands|the netherlands|holland", "dutch"},
    {"NO", "norway", "norwegian"},
    {"NP", "nepal", "nepali|nepalese"},
    {"NR", "nauru", "nauruan"},
    {"NU", "niue", ""},
    {"NZ", "new zealand", "new zealand"},
    {"OM", "oman", "omani"},
    {"PA", "panama", "panamanian"},
    {"PE", "peru", "peruvian"},
    {"PF", "french polynesia", ""},
    {"PG", "papua new guinea", "papua new guinean"},
    {"PH", "philippines|the philippines", "filipino|philippine"},
    {"PK", "pakistan", "pakistani"},
    {"PL", "poland", "polish"},
    {"PM", "saint pierre and miquelon", ""},
    {"PN", "pitcairn|pitcairn islands", ""},
    {"PR", "puerto rico", "puerto rican"},
    {"PS", "palestine", "palestinian"},
    {"PT", "portugal", "portuguese"},
    {"PW", "palau", "palauan"},
    {"PY", "paraguay", "paraguayan"},
    {"QA", "qatar", "qatari"},
    {"RE", "reunion|r\xC3\xA9union", ""},
    {"RO", "romania", "romanian"},
    {"RS", "serbia", "serbian"},
    {"RU", "russia|russian federation", "russian"},
    {"RW", "rwanda", "rwandan"},
    {"SA", "saudi arabia", "saudi|saudi arabian"},
    {"SB", "solomon islands", ""},
    {"SC", "seychelles", "seychellois"},
    {"SD", "sudan", "sudanese"},
    {"SE", "sweden", "swedish"},
    {"SG", "singapore", "singaporean"},
    {"SH", "saint helena", ""},
    {"SI", "slovenia", "slovenian|slovene"},
    {"SJ", "svalbard and jan mayen|svalbard", ""},
    {"SK", "slovakia", "slovak|slovakian"},
    {"SL", "sierra leone", "sierra leonean"},
    {"SM", "san marino", "sammarinese"},
    {"SN", "senegal", "senegalese"},
    {"SO", "somalia", "somali"},
    {"SR", "suriname", "surinamese"},
    {"SS", "south sudan", "south sudanese"},
    {"ST", "sao tome and principe|s\xC3\xA3o tom\xC3\xA9 and pr\xC3\xADncipe", ""},
    {"SV", "el salvador", "salvadoran|salvadorean"},
    {"SX", "sint maarten", ""},
    {"SY", "syria", "syrian"},
    {"SZ", "eswatini|swaziland", "swazi"},
    {"TC", "turks and caicos islands|turks and caicos", ""},
    {"TD", "chad", "chadian"},
    {"TF", "french southern territories", ""},
    {"TG", "togo", "togolese"},
    {"TH", "thailand", "thai"},
    {"TJ", "tajikistan", "tajik"},
    {"TK", "tokelau", ""},
    {"TL", "east timor|timor-leste", "timorese"},
    {"TM", "turkmenistan", "turkmen"},
    {"TN", "tunisia", "tunisian"},
    {"TO", "tonga", "tongan"},
    {"TR", "turkey|t\xC3\xBCrkiye", "turkish"},
    {"TT", "trinidad and tobago|trinidad", "trinidadian"},
    {"TV", "tuvalu", "tuvaluan"},
    {"TW", "taiwan", "taiwanese"},
    {"TZ", "tanzania", "tanzanian"},
    {"UA", "ukraine", "ukrainian"},
    {"UG", "uganda", "ugandan"},
    {"UM", "united states minor outlying islands", ""},
    {"US", "united states|united states of america|usa|u.s.a.|us|u.s.|america", "american|us|u.s."},
    {"UY", "uruguay", "uruguayan"},
    {"UZ", "uzbekistan", "uzbek"},
    {"VA", "vatican|vatican city|holy see", "vatican"},
    {"VC", "saint vincent and the grenadines", "vincentian"},
    {"VE", "venezuela", "venezuelan"},
    {"VG", "british virgin islands", ""},
    {"VI", "us virgin islands|u.s. virgin islands", ""},
    {"VN", "vietnam|viet nam", "vietnamese"},
    {"VU", "vanuatu", "ni-vanuatu"},
    {"WF", "wallis and futuna", ""},
    {"WS", "samoa", "samoan"},
    {"YE", "yemen", "yemeni"},
    {"YT", "mayotte", ""},
    {"ZA", "south africa", "south african"},
    {"ZM", "zambia", "zambian"},
    {"ZW", "zimbabwe", "zimbabwean"},
};

struct Source {
  List list;
  const std::string_view* begin = nullptr;
  const std::string_view* end = nullptr;
};
template <size_t N>
constexpr Source Of(List l, const std::string_view (&words)[N]) {
  return {l, words, words + N};
}

// Indexed by List. The country lists (empty here) come from kCountries.
constexpr Source kSources[] = {
    Of(List::kPersonTitles, kPersonTitles),
    Of(List::kRoleHeads, kRoleHeads),
    Of(List::kRoleModifiers, kRoleModifiers),
    Of(List::kRoleConnectors, kRoleConnectors),
    Of(List::kCalendarWords, kCalendarWords),
    Of(List::kActorDeterminers, kActorDeterminers),
    Of(List::kMaleForenames, kMaleForenames),
    Of(List::kFemaleForenames, kFemaleForenames),
    {List::kDemonyms},
    {List::kCountryNames},
    Of(List::kPlacePlurals, kPlacePlurals),
    Of(List::kCoordinationPlacePreps, kCoordinationPlacePreps),
    Of(List::kCoordinators, kCoordinators),
    Of(List::kInstitutionHeads, kInstitutionHeads),
    {List::kDemonymPhrases},
    {List::kCountryNamePhrases},
    Of(List::kSingularVerbs, kSingularVerbs),
    Of(List::kCompoundSuffixes, kCompoundSuffixes),
    Of(List::kNotRoleModifiers, kNotRoleModifiers),
    Of(List::kMaleTitles, kMaleTitles),
    Of(List::kFemaleTitles, kFemaleTitles),
    Of(List::kSpeechVerbs, kSpeechVerbs),
    Of(List::kWeakSpeechVerbs, kWeakSpeechVerbs),
    Of(List::kInvertibleSpeechVerbs, kInvertibleSpeechVerbs),
    Of(List::kSpeechParticiples, kSpeechParticiples),
    Of(List::kObjectDeterminers, kObjectDeterminers),
    Of(List::kStatementNouns, kStatementNouns),
    Of(List::kClaimNouns, kClaimNouns),
    Of(List::kIntroOpeners, kIntroOpeners),
    Of(List::kSubordinators, kSubordinators),
    Of(List::kSubjectPronouns, kSubjectPronouns),
    Of(List::kSubjectVerbFillers, kSubjectVerbFillers),
    Of(List::kClauseStops, kClauseStops),
    Of(List::kQuoteDeterminers, kQuoteDeterminers),
    Of(List::kNounDeterminers, kNounDeterminers),
    Of(List::kOrgPhraseHeads, kOrgPhraseHeads),
    Of(List::kSpokespersonNouns, kSpokespersonNouns),
    Of(List::kAgentHeads, kAgentHeads),
    Of(List::kPersonHeads, kPersonHeads),
    Of(List::kOneDeterminers, kOneDeterminers),
    Of(List::kGroupDeterminers, kGroupDeterminers),
    Of(List::kDescriptionHeads, kDescriptionHeads),
    Of(List::kGroupHeads, kGroupHeads),
    Of(List::kPostModifiers, kPostModifiers),
    Of(List::kDescriptionStops, kDescriptionStops),
    Of(List::kNameTitles, kNameTitles),
    Of(List::kUnnamedLabels, kUnnamedLabels),
    Of(List::kTitleFunctionWords, kTitleFunctionWords),
    Of(List::kIrregularPastSpeech, kIrregularPastSpeech),
    Of(List::kPassiveMarkers, kPassiveMarkers),
    Of(List::kQuotePrepositions, kQuotePrepositions),
    Of(List::kNotNames, kNotNames),
    Of(List::kQuoteAbbreviations, kQuoteAbbreviations),
    Of(List::kNotPlaceWords, kNotPlaceWords),
    Of(List::kInstitutionModifiers, kInstitutionModifiers),
    Of(List::kPlaceAgentVerbs, kPlaceAgentVerbs),
    Of(List::kPlaceTitles, kPlaceTitles),
    Of(List::kPlacePrepositions, kPlacePrepositions),
    Of(List::kFeatureHeadsBefore, kFeatureHeadsBefore),
    Of(List::kFeatureHeadsOf, kFeatureHeadsOf),
    Of(List::kFeatureHeadsAfter, kFeatureHeadsAfter),
    Of(List::kDiseaseWords, kDiseaseWords),
    Of(List::kDirectionWords, kDirectionWords),
    Of(List::kComplementPrepositions, kComplementPrepositions),
    Of(List::kBusinessHeads, kBusinessHeads),
    Of(List::kRegionSuffixes, kRegionSuffixes),
    Of(List::kNameConnectors, kNameConnectors),
    Of(List::kSports, kSports),
    Of(List::kResultVerbs, kResultVerbs),
    Of(List::kTeamNations, kTeamNations),
    Of(List::kAgencyWords, kAgencyWords),
    Of(List::kPhotoAgencies, kPhotoAgencies),
    Of(List::kPhotoWords, kPhotoWords),
    Of(List::kPhotoLabels, kPhotoLabels),
    Of(List::kNotCreditNames, kNotCreditNames),
    Of(List::kCreditWords, kCreditWords),
    Of(List::kContributorRoles, kContributorRoles),
    Of(List::kMonthNames, kMonthNames),
    Of(List::kNameParticles, kNameParticles),
};
constexpr bool InListOrder() {
  for (size_t i = 0; i < std::size(kSources); ++i) {
    if (static_cast<size_t>(kSources[i].list) != i) return false;
  }
  return std::size(kSources) == static_cast<size_t>(List::kCount);
}
static_assert(InListOrder(), "kSources holds every List, in List's order");
constexpr bool IsCountryList(List l) {
  return l == List::kDemonyms || l == List::kCountryNames || l == List::kDemonymPhrases ||
         l == List::kCountryNamePhrases;
}

template <typename F>
void ForEachPart(std::string_view list, F f) {
  while (!list.empty()) {
    const size_t bar = list.find('|');
    f(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
}

// Calls f(list, word, code) for every word of the country lists: a name or demonym goes to its
// phrase list, and a one-word one also to the one-word list the grouper classifies tokens by.
template <typename F>
void ForEachCountryWord(F f) {
  for (const CountryRow& c : kCountries) {
    ForEachPart(c.names, [&](std::string_view n) {
      f(List::kCountryNamePhrases, n, c.code);
      if (n.find(' ') == std::string_view::npos) f(List::kCountryNames, n, c.code);
    });
    ForEachPart(c.demonyms, [&](std::string_view d) {
      f(List::kDemonymPhrases, d, c.code);
      if (d.find(' ') == std::string_view::npos) f(List::kDemonyms, d, c.code);
    });
  }
}

// Longest word or phrase a list may hold ("south georgia and the south sandwich islands" is
// 44); longer lookups miss at once.
constexpr size_t kMaxKey = 48;
// Per list, lengths below this have a first-letter filter.
constexpr size_t kFilterLengths = 32;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Every word of every list, built once. A word is found by hashing its length and first eight
// bytes (lowercased) into an open-addressing table: one multiplication and mostly one 8-byte
// comparison, no allocation. Contains turns most running-text words away before that with the
// list's filter of first letters per length.
class Table {
 public:
  struct Stored {
    std::string key;  // lowercase
    Entry entry;
  };

  static const Table& Get() {
    static const Table kTable;
    return kTable;
  }

  const Stored* Find(std::string_view w) const {
    if (w.empty() || w.size() > kMaxKey) return nullptr;
    char buf[kMaxKey];
    for (size_t i = 0; i < w.size(); ++i) buf[i] = Lower(w[i]);
    // Most entries are decided by their first eight bytes and length: one integer comparison.
    const uint64_t prefix = Prefix(buf, w.size());
    for (size_t h = Hash(prefix, w.size());; h = (h + 1) & mask_) {
      const uint16_t slot = slots_[h];
      if (slot == 0) return nullptr;
      const Stored& s = words_[slot - 1];
      if (prefixes_[slot - 1] == prefix && s.key.size() == w.size() &&
          (w.size() <= 8 || std::memcmp(s.key.data() + 8, buf + 8, w.size() - 8) == 0)) {
        return &s;
      }
    }
  }

  // False when `list` surely lacks `w` (w not empty).
  bool MayHold(List list, std::string_view w) const {
    if (w.size() >= kFilterLengths) return w.size() <= kMaxKey;
    return (first_[static_cast<size_t>(list)][w.size()] & Bit(Lower(w[0]))) != 0;
  }

 private:
  size_t Hash(uint64_t prefix, size_t len) const {
    return static_cast<size_t>(((prefix ^ (uint64_t{len} << 56)) * 0x9E3779B97F4A7C15u) >> shift_);
  }
  static uint64_t Bit(char c) { return uint64_t{1} << (static_cast<unsigned char>(c) & 63); }
  static uint64_t Prefix(const char* p, size_t n) {
    uint64_t v = 0;
    std::memcpy(&v, p, std::min<size_t>(n, 8));
    return v;
  }

  Table() {
    std::vector<Stored> all;
    std::unordered_map<std::string, size_t> at;
    auto add = [&](List list, std::string_view w, std::string_view code) {
      if (w.empty() || w.size() > kMaxKey) return;
      std::string key(w);
      for (char& c : key) c = Lower(c);
      auto [it, fresh] = at.emplace(key, all.size());
      if (fresh) all.push_back(Stored{std::move(key), {}});
      Entry& e = all[it->second].entry;
      e.lists.Add(list);
      if (e.country_code.empty()) e.country_code = code;
      if (w.size() < kFilterLengths) {
        first_[static_cast<size_t>(list)][w.size()] |= Bit(Lower(w[0]));
      }
    };
    for (size_t l = 0; l < std::size(kSources); ++l) {
      for (const std::string_view* p = kSources[l].begin; p != kSources[l].end; ++p) {
        add(static_cast<List>(l), *p, {});
      }
    }
    ForEachCountryWord(add);
    // Slots hold 16-bit indices; the lists have a few thousand words (lexicon_test looks every
    // word up, so words cut here would fail it).
    if (all.size() >= UINT16_MAX) all.resize(UINT16_MAX - 1);
    words_ = std::move(all);
    for (const Stored& st : words_) prefixes_.push_back(Prefix(st.key.data(), st.key.size()));
    // Open addressing at a load of at most one half: a miss mostly ends at the first slot.
    int bits = 4;
    while ((size_t{1} << bits) < 2 * words_.size()) ++bits;
    shift_ = 64 - bits;
    mask_ = (size_t{1} << bits) - 1;
    slots_.assign(size_t{1} << bits, 0);
    for (size_t i = 0; i < words_.size(); ++i) {
      size_t h = Hash(prefixes_[i], words_[i].key.size());
      while (slots_[h] != 0) h = (h + 1) & mask_;
      slots_[h] = static_cast<uint16_t>(i + 1);
    }
  }

  std::vector<Stored> words_;
  std::vector<uint64_t> prefixes_;  // parallel to words_
  std::vector<uint16_t> slots_;     // index into words_ + 1; 0 = empty
  int shift_ = 0;
  size_t mask_ = 0;
  uint64_t first_[static_cast<size_t>(List::kCount)][kFilterLengths] = {};
};

}  // namespace

Entry Lookup(std::string_view word) {
  const Table::Stored* s = Table::Get().Find(word);
  return s != nullptr ? s->entry : Entry{};
}

bool Contains(List list, std::string_view word) {
  const Table& t = Table::Get();
  if (word.empty() || !t.MayHold(list, word)) return false;
  const Table::Stored* s = t.Find(word);
  return s != nullptr && s->entry.lists.Has(list);
}

bool ContainsExact(List list, std::string_view word) {
  const Table& t = Table::Get();
  if (word.empty() || !t.MayHold(list, word)) return false;
  const Table::Stored* s = t.Find(word);
  // The key is the lowercased word: equal only if the word had no capital.
  return s != nullptr && s->entry.lists.Has(list) && std::string_view(s->key) == word;
}

std::vector<std::string_view> Words(List list) {
  std::vector<std::string_view> out;
  if (IsCountryList(list)) {
    ForEachCountryWord([&](List l, std::string_view w, std::string_view) {
      if (l == list) out.push_back(w);
    });
    return out;
  }
  const Source& s = kSources[static_cast<size_t>(list)];
  out.assign(s.begin, s.end);
  return out;
}

}  // namespace newsflow::extract::lexicon
