#include "daemon/pipeline/decode.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "daemon/extract/utf8.h"
#include "daemon/pipeline/html_to_text.h"
#include "daemon/pipeline/raw_json.h"
#include "daemon/pipeline/sha256.h"
#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {
namespace {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// Reasons travel in a Kafka header and a log line: one line, no parser caret diagrams.
std::string OneLine(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty() && line != "^") {
      if (!out.empty()) out += "; ";
      out += line;
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

Rejection Reject(RejectCode code, std::string detail) { return Rejection{code, OneLine(detail)}; }

bool ParseDigits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// Fields shared by the JSON and protobuf inputs. `body_is_utf8`: the caller already knows the
// body is valid UTF-8, so the check (a pass over the whole body) is skipped.
DecodeResult FromRawFields(RawFields& raw, bool body_is_utf8) {
  DecodedItem item;
  const std::string& ctype = raw.content_type;
  bool html;
  if (ctype.empty() || ctype.starts_with("text/plain")) {
    html = false;
  } else if (ctype.starts_with("text/html") || ctype.starts_with("application/xhtml")) {
    html = true;
  } else {
    return Reject(RejectCode::kUnsupportedContentType,
                  "content_type '" + ctype + "' is not text/plain or text/html");
  }
  if (!body_is_utf8 && !extract::IsValidUtf8(raw.body)) {
    return Reject(RejectCode::kInvalidUtf8, "body is not valid UTF-8");
  }
  const bool missing = raw.body.empty();
  item.body = html ? HtmlToText(raw.body) : std::move(raw.body);
  if (IsBlank(item.body)) {
    return Reject(RejectCode::kMissingBody,
                  missing ? "body is missing or empty" : "body has no text");
  }
  if (!raw.published_at.empty()) {
    auto ts = NormalizeRfc3339(raw.published_at);
    if (!ts) {
      return Reject(RejectCode::kInvalidField,
                    "published_at '" + raw.published_at + "' is not an RFC 3339 timestamp");
    }
    item.published_at = std::move(*ts);
  }
  item.url = std::move(raw.url);
  item.source = std::move(raw.source);
  item.title = html ? HtmlToText(raw.title) : std::move(raw.title);
  item.language = std::move(raw.language);
  item.id = raw.id.empty() ? DeriveId(item.url, item.title, item.body) : std::move(raw.id);
  return item;
}

}  // namespace

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kJson:
      return "json";
    case InputFormat::kText:
      return "text";
    case InputFormat::kProtobuf:
      return "protobuf";
  }
  return "unknown";
}

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "json") return InputFormat::kJson;
  if (name == "text") return InputFormat::kText;
  if (name == "protobuf") return InputFormat::kProtobuf;
  return std::nullopt;
}

std::string_view RejectCodeName(RejectCode code) {
  switch (code) {
    case RejectCode::kTooLarge:
      return "too_large";
    case RejectCode::kInvalidUtf8:
      return "invalid_utf8";
    case RejectCode::kInvalidJson:
      return "invalid_json";
    case RejectCode::kInvalidProtobuf:
      return "invalid_protobuf";
    case RejectCode::kMissingBody:
      return "missing_body";
    case RejectCode::kInvalidField:
      return "invalid_field";
    case RejectCode::kUnsupportedContentType:
      return "unsupported_content_type";
  }
  return "unknown";
}

std::string Rejection::Describe() const {
  std::string s(RejectCodeName(code));
  if (!detail.empty()) {
    s += ": ";
    s += detail;
  }
  return s;
}

std::optional<std::string> NormalizeRfc3339(std::string_view s) {
  // date-time = YYYY-MM-DD ("T" / "t" / " ") HH:MM:SS [.frac] ("Z" / "z" / ±HH:MM)
  int year, month, day, hour, minute, second;
  if (s.size() < 20 || !ParseDigits(s, 0, 4, year) || s[4] != '-' || !ParseDigits(s, 5, 2, month) ||
      s[7] != '-' || !ParseDigits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !ParseDigits(s, 11, 2, hour) || s[13] != ':' || !ParseDigits(s, 14, 2, minute) ||
      s[16] != ':' || !ParseDigits(s, 17, 2, second)) {
    return std::nullopt;
  }
  size_t pos = 19;
  std::string_view frac;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
    frac = s.substr(start, pos - start);
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!ParseDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ParseDigits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  // Leap second 60 is legal in RFC 3339; fold it into the next second's minute as :59.
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  sys_seconds t = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{std::min(second, 59)} -
                  minutes{offset_minutes};
  auto day_point = floor<days>(t);
  year_month_day out_ymd{day_point};
  hh_mm_ss<seconds> tod{t - day_point};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(out_ymd.year()),
                static_cast<unsigned>(out_ymd.month()), static_cast<unsigned>(out_ymd.day()),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  std::string out = buf;
  if (!frac.empty()) {
    out += '.';
    out += frac;
  }
  out += 'Z';
  return out;
}

std::string DeriveId(std::string_view url, std::string_view title, std::string_view body) {
  if (!url.empty()) return "u-" + Sha256Hex(url, 16);
  std::string content;
  content.reserve(title.size() + body.size() + 1);
  content.append(title);
  content.push_back('\n');
  content.append(body);
  return "c-" + Sha256Hex(content, 16);
}

DecodeResult Decode(const RawMessage& message, const DecodeOptions& options) {
  std::string_view value = message.value;
  if (value.size() > options.max_message_bytes) {
    // Callers may pass only the first limit + 1 bytes of a huge input, so no exact size here.
    return Reject(RejectCode::kTooLarge, "message is larger than the limit of " +
                                             std::to_string(options.max_message_bytes) + " bytes");
  }
  switch (message.format) {
    case InputFormat::kText: {
      if (!extract::IsValidUtf8(value)) {
        return Reject(RejectCode::kInvalidUtf8, "message is not valid UTF-8");
      }
      if (IsBlank(value)) return Reject(RejectCode::kMissingBody, "message is empty");
      DecodedItem item;
      item.body = std::string(value);
      item.id = DeriveId({}, {}, item.body);
      return item;
    }
    case InputFormat::kJson: {
      if (!extract::IsValidUtf8(value)) {
        return Reject(RejectCode::kInvalidUtf8, "message is not valid UTF-8");
      }
      RawFields raw;
      if (auto error = ParseRawJson(value, raw)) return Reject(RejectCode::kInvalidJson, *error);
      // The message was valid UTF-8, so its strings are: ParseRawJson copies runs that end at
      // ASCII bytes (never inside a sequence) and decodes \u escapes to code points (unpaired
      // surrogates rejected), each re-encoded well-formed.
      return FromRawFields(raw, /*body_is_utf8=*/true);
    }
    case InputFormat::kProtobuf: {
      newsflow::v1::RawArticle raw;
      if (!raw.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        return Reject(RejectCode::kInvalidProtobuf,
                      "not a newsflow.v1.RawArticle (or a string field is not UTF-8)");
      }
      RawFields fields{std::move(*raw.mutable_id()),       std::move(*raw.mutable_url()),
                       std::move(*raw.mutable_source()),   std::move(*raw.mutable_title()),
                       std::move(*raw.mutable_body()),     std::move(*raw.mutable_published_at()),
                       std::move(*raw.mutable_language()), std::move(*raw.mutable_content_type())};
      // ParseFromArray checks proto3 strings with protobuf's own validator; the body is
      // checked here too so that the rules are ours (and the rejection the same as for JSON).
      return FromRawFields(fields, /*body_is_utf8=*/false);
    }
  }
  return Reject(RejectCode::kInvalidField, "unknown input format");
}

}  // namespace newsflow::pipeline
