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
  std::string data_version;  // at most 31 bytes, stored in the header
};

struct CompileStats {
  size_t entries = 0;
  size_t names = 0;
  size_t bytes = 0;
};

// Writes the compiled file to `out_path` (via a temporary file and rename, so a reader never
// sees half a file). Errors name the file and line.
newsflow::extract::Result<CompileStats> Compile(const CompileInputs& in,
                                                const std::string& out_path);

}  // namespace newsflow::gazetteer
