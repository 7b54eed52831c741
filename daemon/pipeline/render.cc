#include "daemon/pipeline/render.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "daemon/pipeline/json_writer.h"
#include "daemon/pipeline/outputs.h"

namespace newsflow::pipeline {
namespace {

using newsflow::v1::Actor;
using newsflow::v1::Credit;
using newsflow::v1::Location;
using newsflow::v1::NormalizedArticle;
using newsflow::v1::Quote;

// Placeholder for an empty value, so that a table's columns never collapse.
constexpr std::string_view kNone = "-";

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Text from the article (titles, quotes, names) may hold line breaks and tabs; a table cell or
// a log line must not, so every run of whitespace and control characters becomes one space.
std::string OneLine(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Cuts at a code point boundary (never inside a UTF-8 sequence) and marks the cut with "…".
std::string Cut(std::string_view s, size_t max_code_points) {
  std::string line = OneLine(s);
  if (CodePoints(line) <= max_code_points) return line;
  size_t kept = 0;
  size_t i = 0;
  for (; i < line.size(); ++i) {
    if ((line[i] & 0xC0) == 0x80) continue;
    if (kept == max_code_points - 1) break;
    ++kept;
  }
  line.resize(i);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\xE2\x80\xA6";
}

std::string OrNone(std::string s) { return s.empty() ? std::string(kNone) : s; }

std::string JoinOneLine(const google::protobuf::RepeatedPtrField<std::string>& parts,
                        std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += OneLine(p);
  }
  return out;
}

const Actor* FindActor(const NormalizedArticle& r, uint32_t id) {
  for (const auto& a : r.actors()) {
    if (a.id() == id) return &a;
  }
  return nullptr;
}

std::string SpeakerName(const NormalizedArticle& r, const Quote& q) {
  if (!q.has_speaker_id()) return "(unknown)";
  const Actor* a = FindActor(r, q.speaker_id());
  // A dangling id is a normalizer bug; show it rather than hide it behind "unknown".
  return a ? OneLine(a->name()) : "actor #" + std::to_string(q.speaker_id());
}

std::string Coordinates(const Location& l) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.5f, %.5f", l.latitude(), l.longitude());
  return buf;
}

// Rows of cells printed with aligned columns (widths in code points), two spaces apart.
class Table {
 public:
  void Row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void AppendTo(std::string& out, std::string_view indent) const {
    std::vector<size_t> width;
    for (const auto& row : rows_) {
      if (width.size() < row.size()) width.resize(row.size());
      for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], CodePoints(row[c]));
    }
    for (const auto& row : rows_) {
      out += indent;
      for (size_t c = 0; c < row.size(); ++c) {
        out += row[c];
        if (c + 1 < row.size()) out.append(width[c] - CodePoints(row[c]) + 2, ' ');
      }
      out += '\n';
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

// Indices of `items` ordered by mention count, most first; ties keep text order.
template <typename T>
std::vector<int> ByMentions(const google::protobuf::RepeatedPtrField<T>& items) {
  std::vector<int> order(static_cast<size_t>(items.size()));
  for (int i = 0; i < items.size(); ++i) order[static_cast<size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return items.Get(a).mentions_size() > items.Get(b).mentions_size();
  });
  return order;
}

// "A, B, C +2": the first `max` entries and how many were left out.
void AppendList(std::string& out, const std::vector<std::string>& entries, size_t total,
                std::string_view sep) {
  if (entries.empty()) {
    out += "none";
    return;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += sep;
    out += entries[i];
  }
  if (total > entries.size()) out += " +" + std::to_string(total - entries.size());
}

}  // namespace

std::string RecordToJson(const google::protobuf::Message& m, bool pretty) {
  std::string out;
  AppendRecordJson(m, pretty, out);
  return out;
}

void AppendRecordJson(const google::protobuf::Message& m, bool pretty, std::string& out) {
  if (!AppendMessageJson(m, pretty, out)) out += RecordToJsonByProtobuf(m, pretty);
}

std::string RecordToJsonByProtobuf(const google::protobuf::Message& m, bool pretty) {
  google::protobuf::util::JsonPrintOptions opts;
  opts.preserve_proto_field_names = true;
  opts.always_print_primitive_fields = true;
  opts.add_whitespace = pretty;
  std::string out;
  // Conversion fails only for google.protobuf.Any with an unknown type, which the newsflow
  // schema does not use; the status would name it, so keep it visible in the output.
  // The JSON printer walks a binary form of the message; from MessageToJsonString that form
  // has map entries in hash order, so two equal records could print differently. Printing from
  // a deterministic serialization puts them in key order.
  static auto* const resolver = google::protobuf::util::NewTypeResolverForDescriptorPool(
      "type.googleapis.com", google::protobuf::DescriptorPool::generated_pool());
  std::string binary;
  SerializeDeterministic(m, binary);
  auto status = google::protobuf::util::BinaryToJsonString(
      resolver, "type.googleapis.com/" + m.GetDescriptor()->full_name(), binary, &out, opts);
  if (!status.ok()) {
    std::string message = OneLine(status.ToString());
    std::replace(message.begin(), message.end(), '"', '\'');
    return "{\"error\":\"" + message + "\"}";
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  if (!pretty) return out;
  // Protobuf indents by one space per level, too little to follow deep nesting by eye; double
  // it. Safe line by line: JSON strings escape their line breaks, so every '\n' ends a line.
  std::string wide;
  wide.reserve(out.size() * 5 / 4);
  bool line_start = true;
  for (char c : out) {
    if (line_start && c == ' ') {
      wide += "  ";
      continue;
    }
    line_start = c == '\n';
    wide.push_back(c);
  }
  return wide;
}

std::string RecordSummary(const NormalizedArticle& r) {
  std::string out = "title: " + (r.title().empty() ? "(no title)" : OneLine(r.title())) + "\n";
  out += "id: " + OrNone(r.id()) + "  source: " + OrNone(OneLine(r.source())) +
         "  published: " + OrNone(r.published_at()) + "\n";
  if (r.truncated() || r.warnings_size() > 0) {
    out += std::string(r.truncated() ? "truncated: " : "warnings: ") +
           OrNone(JoinOneLine(r.warnings(), ", ")) + "\n";
  }

  out += "actors (" + std::to_string(r.actors_size()) + ")\n";
  if (r.actors_size() > 0) {
    Table t;
    t.Row({"name", "type", "roles", "country", "mentions"});
    for (const auto& a : r.actors()) {
      t.Row({OrNone(OneLine(a.name())), Actor::Type_Name(a.type()),
             OrNone(JoinOneLine(a.roles(), ", ")), OrNone(a.country_code()),
             std::to_string(a.mentions_size())});
    }
    t.AppendTo(out, "  ");
  }

  out += "quotes (" + std::to_string(r.quotes_size()) + ")\n";
  if (r.quotes_size() > 0) {
    Table t;
    t.Row({"speaker", "cue", "text"});
    for (const auto& q : r.quotes()) {
      t.Row({SpeakerName(r, q), OrNone(OneLine(q.cue())), Cut(q.text(), 100)});
    }
    t.AppendTo(out, "  ");
  }

  out += "places (" + std::to_string(r.locations_size()) + ")\n";
  if (r.locations_size() > 0) {
    Table t;
    t.Row({"name", "geonames_id", "country", "lat, lon", "feature"});
    for (const auto& l : r.locations()) {
      t.Row({OrNone(OneLine(l.name())),
             l.geonames_id() == 0 ? std::string(kNone) : std::to_string(l.geonames_id()),
             OrNone(l.country_code()), Coordinates(l), Location::Feature_Name(l.feature())});
    }
    t.AppendTo(out, "  ");
  }

  if (r.has_dateline()) {
    const auto& d = r.dateline();
    out += "dateline: " + OneLine(d.place());
    if (!d.date().empty()) out += ", " + OneLine(d.date());
    if (!d.agency().empty()) out += " (" + OneLine(d.agency()) + ")";
    out += "\n";
  }
  if (r.credits_size() > 0) {
    out += "credits (" + std::to_string(r.credits_size()) + ")\n";
    Table t;
    t.Row({"kind", "role", "people", "agencies"});
    for (const auto& c : r.credits()) {
      t.Row({Credit::Kind_Name(c.kind()), OrNone(c.role()), OrNone(JoinOneLine(c.people(), ", ")),
             OrNone(JoinOneLine(c.agencies(), ", "))});
    }
    t.AppendTo(out, "  ");
  }
  return out;
}

std::string RecordLogLine(const NormalizedArticle& r) {
  constexpr size_t kTitle = 60, kQuote = 40, kActors = 3, kQuotes = 2, kPlaces = 3;
  std::string out = r.title().empty() ? "(no title)" : "\"" + Cut(r.title(), kTitle) + "\"";

  std::vector<std::string> entries;
  for (int i : ByMentions(r.actors())) {
    if (entries.size() == kActors) break;
    entries.push_back(Cut(r.actors(i).name(), kTitle));
  }
  out += " | actors: ";
  AppendList(out, entries, static_cast<size_t>(r.actors_size()), ", ");

  entries.clear();
  for (const auto& q : r.quotes()) {
    if (entries.size() == kQuotes) break;
    entries.push_back(SpeakerName(r, q) + ": \"" + Cut(q.text(), kQuote) + "\"");
  }
  out += " | quotes: ";
  AppendList(out, entries, static_cast<size_t>(r.quotes_size()), "; ");

  entries.clear();
  for (int i : ByMentions(r.locations())) {
    if (entries.size() == kPlaces) break;
    const Location& l = r.locations(i);
    std::string e = Cut(l.name(), kTitle);
    if (!l.country_code().empty()) e += " (" + l.country_code() + ")";
    entries.push_back(std::move(e));
  }
  out += " | places: ";
  AppendList(out, entries, static_cast<size_t>(r.locations_size()), ", ");
  return out;
}

}  // namespace newsflow::pipeline
