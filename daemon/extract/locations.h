#pragma once
// Geoparser: finds the places an article names and resolves each to one gazetteer entry.
//
//   Geoparser geo(gazetteer);                    // borrows; the Gazetteer must outlive it
//   std::vector<Location> places;
//   geo.Find(body, tokens, entities, places);    // one Location per distinct place
//
// Recognition: LOC spans from the NER when given; otherwise (and in addition) capitalized word
// sequences that match a gazetteer name where the context supports a place reading (stop rules
// against common words and person names); nationality adjectives ("North Korean") as their
// country (Mention::demonym); hyphen compounds ("Washington-based", "North Korea-US talks");
// "City, State" and "City, Country" pairs.
// Resolution: each distinct name gets the candidate with the best score combining kind and
// population priors, countries and regions named elsewhere in the article, "X, Y" containment,
// a dateline, proximity to the other places, and exact vs alternate name (see locations.cc).
// A mention that cannot be resolved is dropped alone; Find never fails the document.
//
// Thread safety: Find is const and may run concurrently. Offsets in the output are code points.

#include <string_view>
#include <vector>

#include "daemon/extract/entities.h"
#include "daemon/extract/gazetteer.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/types.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {

struct GeoparserOptions {
  // Report nationality adjectives as mentions of their country.
  bool demonyms = true;
};

class Geoparser {
 public:
  explicit Geoparser(const Gazetteer& gazetteer, GeoparserOptions options = {})
      : gaz_(&gazetteer), options_(options) {}

  // Appends to `out` (cleared first). `tokens` must be Tokenize(text); `entities` may be empty.
  // `offsets` must be OffsetMap(text); callers that already have one pass it, so the per-article
  // byte → code point table is built once.
  void Find(std::string_view text, const TokenizedText& tokens, const EntitySpans& entities,
            const OffsetMap& offsets, std::vector<Location>& out) const;
  void Find(std::string_view text, const TokenizedText& tokens, const EntitySpans& entities,
            std::vector<Location>& out) const {
    Find(text, tokens, entities, OffsetMap(text), out);
  }

 private:
  const Gazetteer* gaz_;
  GeoparserOptions options_;
};

}  // namespace newsflow::extract
