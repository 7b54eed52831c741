#include "daemon/extract/gazetteer.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "daemon/extract/utf8.h"

namespace newsflow::extract {
namespace {

// ASCII fold of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A), so that "Bogotá",
// "Bogota" and "BOGOTÁ" share one key. 0 = drop the character; multi-letter folds handled below.
constexpr char kLatinFold[] =
    // U+00C0..U+00FF
    "aaaaaaaceeeeiiii"
    "dnooooo\0ouuuuyts"  // Ð Ñ Ò..Ö × Ø Ù..Ü Ý Þ ß
    "aaaaaaaceeeeiiii"
    "dnooooo\0ouuuuyty"
    // U+0100..U+017F
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "iijjjjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oooorrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";

}  // namespace

Feature FeatureOf(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kContinent:
      return Feature::kContinent;
    case PlaceKind::kCountry:
      return Feature::kCountry;
    case PlaceKind::kRegion:
    case PlaceKind::kArea:
      return Feature::kRegion;
    case PlaceKind::kCapital:
    case PlaceKind::kAdminSeat:
    case PlaceKind::kSeat:
    case PlaceKind::kTown:
      return Feature::kCity;
    case PlaceKind::kDistrict:
      return Feature::kOther;
  }
  return Feature::kUnknown;
}

void NormalizeName(std::string_view name, std::string& out) {
  out.clear();
  bool pending_space = false;
  size_t i = 0;
  while (i < name.size()) {
    char32_t cp = DecodeUtf8(name, i);
    if (cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) continue;
    if (cp == ' ' || cp == '-' || cp == ',' || cp == '\t' || cp == '\n' || cp == '\r' ||
        cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0xA0) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (cp < 0x80) {
      out.push_back(cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp - 'A' + 'a')
                                           : static_cast<char>(cp));
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      if (cp == 0xC6 || cp == 0xE6) {
        out += "ae";
      } else if (cp == 0xDF) {
        out += "ss";
      } else if (cp == 0x152 || cp == 0x153) {
        out += "oe";
      } else if (char c = kLatinFold[cp - 0xC0]; c != 0) {
        out.push_back(c);
      }
    } else {
      AppendUtf8(out, cp);
    }
  }
}

uint64_t GazetteerChecksum(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Result<Gazetteer> Gazetteer::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error{"gazetteer: cannot open " + path + ": " +
                 (ec ? ec.message() : std::string("not a regular file"))};
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return Error{"gazetteer: cannot open " + path + ": " + std::strerror(errno)};
  }
  std::string bytes;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    long size = std::ftell(f);
    // The real file is ~12 MB; anything past 1 GiB is not one of ours.
    if (size > (1l << 30)) {
      std::fclose(f);
      return Error{"gazetteer: " + path + " is too large to be a gazetteer"};
    }
    if (size > 0) bytes.resize(static_cast<size_t>(size));
    std::fseek(f, 0, SEEK_SET);
  }
  size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  if (got != bytes.size()) return Error{"gazetteer: short read of " + path};
  auto g = FromBytes(std::move(bytes));
  if (!g.ok()) return Error{g.error() + " (" + path + ")"};
  return g;
}

Result<Gazetteer> Gazetteer::FromBytes(std::string bytes) {
  if (bytes.size() < sizeof(GazHeader)) return Error{"gazetteer: file too short for a header"};
  GazHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kGazetteerMagic, sizeof h.magic) != 0) {
    return Error{"gazetteer: not a newsflow gazetteer (bad magic)"};
  }
  if (h.format_version != kGazetteerFormatVersion) {
    return Error{"gazetteer: format version " + std::to_string(h.format_version) +
                 ", this build reads version " + std::to_string(kGazetteerFormatVersion) +
                 "; rebuild it with tools/gazetteer/build.sh"};
  }
  uint64_t need = sizeof(GazHeader) + uint64_t{h.entry_count} * sizeof(GazEntry) +
                  uint64_t{h.name_count} * sizeof(GazName) + h.string_bytes;
  if (need != bytes.size()) {
    return Error{"gazetteer: size " + std::to_string(bytes.size()) + " does not match header (" +
                 std::to_string(need) + "): truncated or corrupt"};
  }
  std::string_view payload(bytes.data() + sizeof(GazHeader), bytes.size() - sizeof(GazHeader));
  if (GazetteerChecksum(payload) != h.checksum) {
    return Error{"gazetteer: checksum mismatch: corrupt file"};
  }
  Gazetteer g;
  auto buf = std::make_shared<const std::string>(std::move(bytes));
  const char* p = buf->data() + sizeof(GazHeader);
  g.entries_ = {reinterpret_cast<const GazEntry*>(p), h.entry_count};
  p += size_t{h.entry_count} * sizeof(GazEntry);
  g.names_ = {reinterpret_cast<const GazName*>(p), h.name_count};
  p += size_t{h.name_count} * sizeof(GazName);
  g.strings_ = std::string_view(p, h.string_bytes);
  g.data_version_.assign(h.data_version, strnlen(h.data_version, sizeof h.data_version));
  // Validate every reference once here so that lookups need no bounds checks.
  for (const GazEntry& e : g.entries_) {
    if (uint64_t{e.name_offset} + e.name_length > h.string_bytes ||
        uint64_t{e.admin1_offset} + e.admin1_length > h.string_bytes ||
        e.kind > static_cast<uint8_t>(PlaceKind::kDistrict)) {
      return Error{"gazetteer: entry out of range: corrupt file"};
    }
  }
  for (const GazName& n : g.names_) {
    if (uint64_t{n.key_offset} + n.key_length > h.string_bytes || n.entry >= h.entry_count) {
      return Error{"gazetteer: name out of range: corrupt file"};
    }
  }
  g.buffer_ = std::move(buf);
  return g;
}

std::span<const GazName> Gazetteer::Find(std::string_view key) const {
  auto lo =
      std::lower_bound(names_.begin(), names_.end(), key,
                       [this](const GazName& n, std::string_view k) { return this->key(n) < k; });
  auto hi = lo;
  while (hi != names_.end() && this->key(*hi) == key) ++hi;
  return {lo, hi};
}

bool Gazetteer::HasLongerName(std::string_view prefix) const {
  std::string probe(prefix);
  probe.push_back(' ');
  auto it =
      std::lower_bound(names_.begin(), names_.end(), std::string_view(probe),
                       [this](const GazName& n, std::string_view k) { return this->key(n) < k; });
  return it != names_.end() && this->key(*it).starts_with(probe);
}

}  // namespace newsflow::extract
