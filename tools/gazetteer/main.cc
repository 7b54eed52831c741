// newsflow-gazetteer: compiles the gazetteer sources into the binary file the daemon loads.
// Usage: newsflow-gazetteer --cities F [--countries F] [--iso3166-1 F] [--iso3166-2 F]
//                           [--states F] [--extra F] [--country-ids F] [--region-ids F]
//                           [--data-version S] --out F
// Normally run by tools/gazetteer/build.sh, which fetches the sources.

#include <cstdio>
#include <string>
#include <string_view>

#include "tools/gazetteer/compiler.h"

int main(int argc, char** argv) {
  newsflow::gazetteer::CompileInputs in;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--cities")
      in.cities = value;
    else if (flag == "--countries")
      in.countries = value;
    else if (flag == "--iso3166-1")
      in.iso3166_1 = value;
    else if (flag == "--iso3166-2")
      in.iso3166_2 = value;
    else if (flag == "--states")
      in.states = value;
    else if (flag == "--extra")
      in.extra = value;
    else if (flag == "--country-ids")
      in.country_ids = value;
    else if (flag == "--region-ids")
      in.region_ids = value;
    else if (flag == "--data-version")
      in.data_version = value;
    else if (flag == "--out")
      out = value;
    else {
      std::fprintf(stderr, "newsflow-gazetteer: unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  if (argc % 2 == 0 || out.empty() || in.cities.empty()) {
    std::fprintf(stderr,
                 "usage: newsflow-gazetteer --cities F [--countries F] [--iso3166-1 F] "
                 "[--iso3166-2 F] [--states F] [--extra F] [--country-ids F] [--region-ids F] "
                 "[--data-version S] --out F\n");
    return 2;
  }
  auto r = newsflow::gazetteer::Compile(in, out);
  if (!r.ok()) {
    std::fprintf(stderr, "newsflow-gazetteer: %s\n", r.error().c_str());
    return 1;
  }
  const auto& st = r.value();
  std::printf("wrote %s: %zu entries, %zu names, %zu bytes\n", out.c_str(), st.entries, st.names,
              st.bytes);
  if (!in.country_ids.empty() || !in.region_ids.empty()) {
    std::printf("GeoNames ids: %zu countries, %zu regions; %zu regions without a GeoNames code\n",
                st.countries_with_id, st.regions_with_id, st.regions_without_code);
  }
  return 0;
}
