// newsflow-geo-eval: scores the geoparser on annotated corpora.
// Usage: newsflow-geo-eval [--ner MODEL] [--no-demonyms] [--errors N] GAZETTEER CORPUS.xml...
// Formats: LGL (<toponym><start><end>…<gaztag><lat><lon>) and GeoVirus (<location><start><end>
// <lat><lon>, whose offsets are one character too far: we subtract 1). Offsets are code points.
// Prints per corpus: exact-span P/R/F1, accuracy within 161 km on matched spans (gold with
// coordinates), and F1@161 (a prediction counts only if its span equals a gold toponym's and it
// lies within 161 km of it).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "daemon/extract/gazetteer.h"
#include "daemon/extract/locations.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace {

using namespace newsflow::extract;

struct Gold {
  uint32_t begin, end;
  bool has_coords;
  double lat, lon;
  std::string phrase;
};

struct Doc {
  std::string text;
  std::vector<Gold> gold;
};

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out.push_back('&');
    else if (ent == "lt")
      out.push_back('<');
    else if (ent == "gt")
      out.push_back('>');
    else if (ent == "quot")
      out.push_back('"');
    else if (ent == "apos")
      out.push_back('\'');
    else if (!ent.empty() && ent[0] == '#') {
      char32_t cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                        ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                        : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10);
      AppendUtf8(out, cp);
    } else {
      out.append(s.substr(i, semi - i + 1));
      i = semi;
      continue;
    }
    i = semi;
  }
  return out;
}

// Content of the first <tag>…</tag> in [from, limit); npos-safe.
bool Element(std::string_view s, std::string_view tag, size_t from, size_t limit, std::string& out,
             size_t* after = nullptr) {
  std::string open(1, '<');
  open.append(tag);
  std::string close("</");
  close.append(tag);
  close.push_back('>');
  size_t b = s.find(open, from);
  while (b != std::string_view::npos && b < limit && s[b + open.size()] != '>' &&
         s[b + open.size()] != ' ') {
    b = s.find(open, b + 1);
  }
  if (b == std::string_view::npos || b >= limit) return false;
  size_t cb = s.find('>', b);
  size_t e = s.find(close, cb);
  if (cb == std::string_view::npos || e == std::string_view::npos || e > limit) return false;
  std::string_view inner = s.substr(cb + 1, e - cb - 1);
  if (inner.starts_with("<![CDATA[") && inner.ends_with("]]>")) {
    out = std::string(inner.substr(9, inner.size() - 12));
  } else {
    out = Unescape(inner);
  }
  if (after != nullptr) *after = e + tag.size() + 3;
  return true;
}

std::vector<Doc> ReadCorpus(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string s = ss.str();
  bool geovirus = s.find("<locations>") != std::string::npos;
  std::vector<Doc> docs;
  size_t pos = 0;
  while (true) {
    size_t a = s.find("<article", pos);
    if (a == std::string::npos) break;
    size_t z = s.find("</article>", a);
    if (z == std::string::npos) break;
    Doc d;
    Element(s, "text", a, z, d.text);
    const char* item = geovirus ? "location" : "toponym";
    size_t p = a;
    std::string block;
    while (Element(s, item, p, z, block, &p)) {
      std::string v;
      Gold g{};
      if (!Element(block, "start", 0, block.size(), v)) continue;
      g.begin = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
      if (!Element(block, "end", 0, block.size(), v)) continue;
      g.end = static_cast<uint32_t>(std::strtoul(v.c_str(), nullptr, 10));
      if (geovirus) {
        g.begin -= 1;
        g.end -= 1;
      }
      Element(block, geovirus ? "name" : "phrase", 0, block.size(), g.phrase);
      std::string lat, lon;
      if (Element(block, "lat", 0, block.size(), lat) &&
          Element(block, "lon", 0, block.size(), lon) && !lat.empty() && !lon.empty()) {
        g.has_coords = true;
        g.lat = std::strtod(lat.c_str(), nullptr);
        g.lon = std::strtod(lon.c_str(), nullptr);
      }
      d.gold.push_back(g);
    }
    docs.push_back(std::move(d));
    pos = z;
  }
  return docs;
}

double Km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::asin(std::min(1.0, std::sqrt(a)));
}

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

int main(int argc, char** argv) {
  GeoparserOptions options;
  int errors = 0;
  std::string ner_path;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-demonyms")
      options.demonyms = false;
    else if (a == "--errors" && i + 1 < argc)
      errors = std::atoi(argv[++i]);
    else if (a == "--ner" && i + 1 < argc)
      ner_path = argv[++i];
    else
      args.push_back(a);
  }
  if (args.size() < 2) {
    std::fprintf(stderr,
                 "usage: newsflow-geo-eval [--ner MODEL] [--no-demonyms] [--errors N] GAZETTEER "
                 "CORPUS.xml...\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto gaz = Gazetteer::Load(args[0]);
  if (!gaz.ok()) {
    std::fprintf(stderr, "%s\n", gaz.error().c_str());
    return 1;
  }
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("gazetteer %s: %zu entries, %zu names, %zu bytes, loaded in %.3f s\n",
              gaz.value().data_version().c_str(), gaz.value().entry_count(),
              gaz.value().name_count(), gaz.value().file_bytes(), load_s);
  Geoparser geo(gaz.value(), options);
  std::optional<NerModel> ner;
  if (!ner_path.empty()) {
    auto m = NerModel::Load(ner_path);
    if (!m.ok()) {
      std::fprintf(stderr, "%s\n", m.error().c_str());
      return 1;
    }
    ner.emplace(std::move(m).value());
    std::printf("NER model %s\n", ner->version().c_str());
  }
  for (size_t c = 1; c < args.size(); ++c) {
    std::vector<Doc> docs = ReadCorpus(args[c]);
    size_t n_pred = 0, n_gold = 0, span_tp = 0, gold_coords = 0, matched_coords = 0, within = 0,
           pred_on_uncoded = 0, mentions = 0;
    std::map<std::string, int> fp, fn, far;
    double seconds = 0;
    TokenizedText tokens;
    EntitySpans entities;
    std::vector<Location> locs;
    for (const Doc& d : docs) {
      auto s0 = std::chrono::steady_clock::now();
      Tokenize(d.text, tokens);
      entities.clear();
      if (ner) ner->Tag(d.text, tokens, entities);
      geo.Find(d.text, tokens, entities, locs);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
      std::map<std::pair<uint32_t, uint32_t>, const Gold*> gold;
      for (const Gold& g : d.gold) {
        gold[{g.begin, g.end}] = &g;
        ++n_gold;
        if (g.has_coords) ++gold_coords;
      }
      std::map<std::pair<uint32_t, uint32_t>, bool> predicted;
      OffsetMap om(d.text);
      for (const Location& l : locs) {
        for (const Mention& m : l.mentions) {
          ++mentions;
          ++n_pred;
          predicted[{m.begin, m.end}] = true;
          auto it = gold.find({m.begin, m.end});
          std::string surface;
          {
            // Code point → byte for error listing.
            size_t i = 0, cp = 0, b = 0;
            while (i < d.text.size() && cp < m.begin) DecodeUtf8(d.text, i), ++cp;
            b = i;
            while (i < d.text.size() && cp < m.end) DecodeUtf8(d.text, i), ++cp;
            surface = d.text.substr(b, i - b);
          }
          if (it == gold.end()) {
            ++fp[surface];
            continue;
          }
          ++span_tp;
          const Gold& g = *it->second;
          if (!g.has_coords) {
            ++pred_on_uncoded;
            continue;
          }
          ++matched_coords;
          if (Km(g.lat, g.lon, l.latitude, l.longitude) <= 161) {
            ++within;
          } else {
            ++far[surface + " -> " + l.name + " " + l.country_code + "/" + l.admin1];
          }
        }
      }
      for (const Gold& g : d.gold) {
        if (!predicted.count({g.begin, g.end})) ++fn[g.phrase];
      }
    }
    double p = n_pred ? double(span_tp) / n_pred : 0, r = n_gold ? double(span_tp) / n_gold : 0;
    double acc = matched_coords ? double(within) / matched_coords : 0;
    double p161 = n_pred > pred_on_uncoded ? double(within) / (n_pred - pred_on_uncoded) : 0;
    double r161 = gold_coords ? double(within) / gold_coords : 0;
    std::printf("%s: %zu docs, %zu gold toponyms (%zu with coordinates), %zu predicted mentions\n",
                args[c].c_str(), docs.size(), n_gold, gold_coords, n_pred);
    std::printf("  span     P %.3f  R %.3f  F1 %.3f\n", p, r, F1(p, r));
    std::printf("  acc@161  %.3f  (%zu of %zu matched spans with coordinates)\n", acc, within,
                matched_coords);
    std::printf("  F1@161   P %.3f  R %.3f  F1 %.3f\n", p161, r161, F1(p161, r161));
    std::printf(
        "  speed    %.0f mentions/s, %.0f docs/s (tokenize + NER if any + geoparse, one thread)\n",
        mentions / seconds, docs.size() / seconds);
    if (errors > 0) {
      for (auto* m : {&fp, &fn, &far}) {
        std::vector<std::pair<int, std::string>> v;
        for (auto& [k, n] : *m) v.emplace_back(-n, k);
        std::sort(v.begin(), v.end());
        std::printf("  %s:", m == &fp ? "false positives" : m == &fn ? "missed" : "far (>161 km)");
        for (int i = 0; i < errors && i < static_cast<int>(v.size()); ++i) {
          std::printf(" %s(%d)", v[i].second.c_str(), -v[i].first);
        }
        std::printf("\n");
      }
    }
  }
  return 0;
}
