#pragma once
// Plain result types of the extraction library. Offsets are Unicode code points into the
// article body (half-open [begin, end)), the convention of proto/newsflow/v1/article.proto.

#include <cstdint>
#include <string>
#include <vector>

namespace newsflow::extract {

struct Mention {
  uint32_t begin = 0;  // code point offset, inclusive
  uint32_t end = 0;    // code point offset, exclusive
  // For locations: the mention is a demonym/nationality adjective ("North Korean").
  bool demonym = false;
  // For locations: a place name used as an agent ("Pyongyang has refused").
  bool agent = false;
};

enum class ActorType : uint8_t { kUnknown = 0, kPerson = 1, kOrganization = 2 };

struct Actor {
  uint32_t id = 0;   // unique within one article, starting at 1
  std::string name;  // canonical (fullest) form
  ActorType type = ActorType::kUnknown;
  std::vector<std::string> roles;  // "press secretary", "President"
  std::string country_code;        // ISO 3166-1 alpha-2 affiliation, empty if unknown
  std::vector<Mention> mentions;
};

enum class QuoteKind : uint8_t { kUnknown = 0, kFull = 1, kPartial = 2 };

struct Quote {
  std::string text;    // the quoted text without the quote marks
  uint32_t begin = 0;  // code point offsets of the quoted text (inside the marks)
  uint32_t end = 0;
  uint32_t speaker_id = 0;  // Actor::id; 0 = no speaker known
  std::string cue;          // speech verb as written ("said", "told")
  QuoteKind kind = QuoteKind::kUnknown;
};

enum class Feature : uint8_t {
  kUnknown = 0,
  kContinent = 1,
  kCountry = 2,
  kRegion = 3,  // first-level administrative region or a named area
  kCity = 4,
  kOther = 5,
};

struct Location {
  std::string name;            // the reader's name (see article.proto)
  std::string gazetteer_name;  // the gazetteer's
  int64_t geonames_id = 0;     // 0 when the entry has no GeoNames id (hand-written areas)
  std::string country_code;    // ISO 3166-1 alpha-2
  // GeoNames admin1 code of the first-level division (a region's own); never ISO 3166-2.
  // Joins with GeoNames' admin1CodesASCII.txt as country_code + "." + admin1. See article.proto.
  std::string admin1;
  double latitude = 0;
  double longitude = 0;
  Feature feature = Feature::kUnknown;
  std::vector<Mention> mentions;
};

// A credit line: who wrote, reported, edited or photographed the article, or which agency
// supplied it (see credits.h). Names as written, in text order.
enum class CreditKind : uint8_t {
  kUnknown = 0,
  kByline = 1,       // "By Jane Smith, Reuters"
  kContributor = 2,  // "Reporting by …", "Editing by …", "… contributed to this report"
  kPhoto = 3,        // "Gleb Garanich/Reuters", "AP Photo/Evan Vucci", "Photo: …"
  kSource = 4,       // "Source: News Agencies"
  kCopyright = 5,    // "© 2024 Reuters", "Copyright 2024 The Associated Press"
};
struct Credit {
  CreditKind kind = CreditKind::kUnknown;
  std::string role;  // contributors: "reporting", "additional reporting", "editing", ...
  std::vector<std::string> people;
  std::vector<std::string> agencies;
  uint32_t begin = 0;  // code points of the whole credit
  uint32_t end = 0;
};
// "GENEVA, March 5 (Reuters) -": where and when the report was filed, and by which agency.
struct Dateline {
  std::string place;        // as written: "GENEVA", "KYIV, Ukraine"
  std::string date;         // as written: "March 5", "1996-08-30"; empty when none
  std::string agency;       // "Reuters"; empty when none
  int64_t geonames_id = 0;  // the location the place resolved to; 0 when none
  uint32_t begin = 0;       // code points of the whole dateline, dash excluded
  uint32_t end = 0;         // 0: the article has no dateline
};

struct Extraction {
  std::vector<Actor> actors;
  std::vector<Quote> quotes;
  std::vector<Location> locations;
  std::vector<Credit> credits;
  Dateline dateline;
  // Where the work budget ran out; empty when every stage ran to the end. "ner": tagging
  // stopped at a sentence boundary (actors come from the sentences tagged; no locations, no
  // quotes); "actors": locations complete, no actors or quotes; "quotes": no quotes.
  std::string budget_stop;
  // Wall time of each stage of this article, in seconds (for the daemon's metrics): tokenizing
  // and tagging, geoparsing, grouping actors, quotes. A stage not reached stays 0.
  struct Seconds {
    double ner = 0, places = 0, actors = 0, quotes = 0;
  } seconds;
};

}  // namespace newsflow::extract
