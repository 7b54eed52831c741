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
  for (size_t i = 0; i < g.names_.size(); ++i) {
    const GazName& n = g.names_[i];
    if (uint64_t{n.key_offset} + n.key_length > h.string_bytes || n.entry >= h.entry_count) {
      return Error{"gazetteer: name out of range: corrupt file"};
    }
    // Equal keys must be adjacent for the index (the compiler sorts them).
    if (i > 0 && g.key(g.names_[i - 1]) > g.key(n)) {
      return Error{"gazetteer: names out of order: corrupt file"};
    }
  }
  g.index_ = BuildIndex(g.names_, g.strings_);
  g.buffer_ = std::move(buf);
  return g;
}

namespace {

// The file's FNV-1a 64 with a final mix (its low bits pick the slot), never 0 (0 marks an
// empty slot).
uint64_t KeyHash(std::string_view s) {
  uint64_t h = GazetteerChecksum(s);
  h ^= h >> 32;
  h *= 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  return h == 0 ? 1 : h;
}

uint64_t TableSize(size_t items) {
  uint64_t size = 16;
  while (size < items * 2) size <<= 1;  // load factor at most 1/2
  return size;
}

}  // namespace

std::shared_ptr<const Gazetteer::Index> Gazetteer::BuildIndex(std::span<const GazName> names,
                                                              std::string_view strings) {
  auto index = std::make_shared<Index>();
  auto key = [&](size_t i) { return strings.substr(names[i].key_offset, names[i].key_length); };
  size_t keys = 0, prefixes = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0 && key(i) == key(i - 1)) continue;
    ++keys;
    for (char c : key(i)) prefixes += c == ' ';
  }
  const uint64_t size = TableSize(keys), psize = TableSize(prefixes);
  index->slots.assign(size, KeySlot{});
  index->prefixes.assign(psize, 0);
  index->mask = size - 1;
  index->prefix_mask = psize - 1;
  for (size_t i = 0; i < names.size();) {
    const std::string_view k = key(i);
    size_t j = i + 1;
    while (j < names.size() && key(j) == k) ++j;
    // The file is sorted by key, so equal keys are adjacent: one slot per key.
    const uint64_t key_hash = KeyHash(k);
    uint64_t slot = key_hash & index->mask;
    while (index->slots[slot].first != 0) slot = (slot + 1) & index->mask;
    index->slots[slot] = {key_hash, static_cast<uint32_t>(i + 1), static_cast<uint32_t>(j - i)};
    for (size_t sp = k.find(' '); sp != std::string_view::npos; sp = k.find(' ', sp + 1)) {
      const uint64_t h = KeyHash(k.substr(0, sp));
      uint64_t ps = h & index->prefix_mask;
      while (index->prefixes[ps] != 0 && index->prefixes[ps] != h) {
        ps = (ps + 1) & index->prefix_mask;
      }
      index->prefixes[ps] = h;
    }
    i = j;
  }
  return index;
}

std::span<const GazName> Gazetteer::Find(std::string_view key) const {
  if (!index_) return {};
  const uint64_t h = KeyHash(key);
  for (uint64_t slot = h & index_->mask;; slot = (slot + 1) & index_->mask) {
    const KeySlot& s = index_->slots[slot];
    if (s.first == 0) return {};
    // Equal keys have equal hashes; the key itself decides.
    if (s.hash == h && this->key(names_[s.first - 1]) == key) {
      return names_.subspan(s.first - 1, s.count);
    }
  }
}

bool Gazetteer::HasLongerName(std::string_view prefix) const {
  if (!index_) return false;
  const uint64_t h = KeyHash(prefix);
  for (uint64_t slot = h & index_->prefix_mask;; slot = (slot + 1) & index_->prefix_mask) {
    const uint64_t v = index_->prefixes[slot];
    if (v == 0) return false;
    if (v == h) return true;
  }
}

}  // namespace newsflow::extract
