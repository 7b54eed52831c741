#pragma once
// A strict, allocation-light parser for the one JSON shape newsflow reads: a flat object of raw
// item fields with string values. It is several times faster than a general JSON-to-message
// mapping on 5 KB bodies, because it makes one pass, copies each string once and keeps only
// the fields it knows. Unknown keys are skipped (their values are still checked to be JSON);
// `null` means absent. Errors name the byte offset: "expected ':' at byte 17".
// Thread safety: pure function.

#include <optional>
#include <string>
#include <string_view>

namespace newsflow::pipeline {

// The fields of a raw news item, from JSON or from a RawArticle protobuf.
struct RawFields {
  std::string id;
  std::string url;
  std::string source;
  std::string title;
  std::string body;
  std::string published_at;
  std::string language;
  std::string content_type;
};

// Parses `json` (which must be valid UTF-8) into `out`. Returns an error message, or nullopt on
// success. Field names are the .proto names; the proto3 JSON camelCase forms (publishedAt,
// contentType) are accepted too. On success every field is valid UTF-8 (Decode relies on it to
// skip a second check of the body; RawJson.SurvivesCorruptedInput tests it).
std::optional<std::string> ParseRawJson(std::string_view json, RawFields& out);

}  // namespace newsflow::pipeline
