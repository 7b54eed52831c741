#include "daemon/pipeline/json_writer.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <system_error>
#include <vector>

namespace newsflow::pipeline {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kHex[] = "0123456789abcdef";

// ASCII bytes JsonEscaping leaves as they are: printable, except `"` `\` `<` `>` (the last two
// so that the JSON can sit inside HTML).
constexpr auto kAsciiPlain = [] {
  std::array<bool, 128> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[static_cast<size_t>(c)] = true;
  for (char c : {'"', '\\', '<', '>'}) plain[static_cast<size_t>(c)] = false;
  return plain;
}();

char* Hex4(uint32_t u, char* p) {
  *p++ = '\\';
  *p++ = 'u';
  for (int shift = 12; shift >= 0; shift -= 4) *p++ = kHex[(u >> shift) & 0xF];
  return p;
}

// Writes JsonEscaping's escape of a valid code point into `buf` (12 bytes) and returns its
// length; 0 when the code point is written as it is.
size_t EscapeCodePoint(uint32_t cp, char* buf) {
  if (cp < 0x80) {
    const char* two = nullptr;
    switch (cp) {
      case '"':
        two = "\\\"";
        break;
      case '\\':
        two = "\\\\";
        break;
      case '\b':
        two = "\\b";
        break;
      case '\t':
        two = "\\t";
        break;
      case '\n':
        two = "\\n";
        break;
      case '\f':
        two = "\\f";
        break;
      case '\r':
        two = "\\r";
        break;
      default:
        if (kAsciiPlain[cp]) return 0;
        return static_cast<size_t>(Hex4(cp, buf) - buf);
    }
    buf[0] = two[0];
    buf[1] = two[1];
    return 2;
  }
  // C1 controls, and what protobuf escapes "to prevent security bugs in javascript": invisible,
  // bidirectional and formatting characters a reader would not see in the text.
  if (cp < 0xA0 || cp == 0xAD || cp == 0x6DD || cp == 0x70F || cp == 0x17B4 || cp == 0x17B5 ||
      cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0x600 && cp <= 0x603) ||
      (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
      (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F)) {
    return static_cast<size_t>(Hex4(cp, buf) - buf);
  }
  if (cp == 0xE0001 || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0020 && cp <= 0xE007F)) {
    // Beyond the BMP: a UTF-16 surrogate pair, as JavaScript spells it.
    char* p = Hex4(0xD7C0 + (cp >> 10), buf);
    return static_cast<size_t>(Hex4(0xDC00 + (cp & 0x3FF), p) - buf);
  }
  return 0;
}

// A JSON string body. Ill-formed UTF-8 is dropped the way JsonEscaping drops it: a stray
// continuation byte or 0xF8..0xFF alone; a sequence cut short, or encoding a surrogate or a
// value beyond U+10FFFF, together with every byte read for it (so the non-continuation byte
// that ended it goes too). Overlong forms decode and pass (or are escaped) like the code point.
// The pipeline validates UTF-8, so records never hold such bytes; matching protobuf on them
// keeps the writer a drop-in for any message.
void AppendEscaped(std::string_view s, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  char buf[12];
  auto flush = [&](size_t end) { out.append(s.data() + run, end - run); };
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (kAsciiPlain[b]) {
        ++i;
        continue;
      }
      flush(i);
      out.append(buf, EscapeCodePoint(b, buf));
      run = ++i;
      continue;
    }
    size_t j = i + 1;
    bool ok = b >= 0xC0 && b < 0xF8;
    uint32_t cp = 0;
    if (ok) {
      const int more = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
      cp = b & (b < 0xE0 ? 0x1Fu : b < 0xF0 ? 0x0Fu : 0x07u);
      for (int k = 0; k < more && ok; ++k) {
        if (j == n) {
          ok = false;
          break;
        }
        const unsigned char c = p[j++];
        cp = (cp << 6) | (c & 0x3Fu);
        ok = c >= 0x80 && c <= 0xBF;
      }
      ok = ok && (cp & 0xFFFFF800u) != 0xD800 && cp <= 0x10FFFF;
    }
    if (!ok) {
      flush(i);
      run = i = j;
      continue;
    }
    if (size_t len = EscapeCodePoint(cp, buf); len > 0) {
      flush(i);
      out.append(buf, len);
      run = j;
    }
    i = j;
  }
  flush(n);
}

void AppendQuoted(std::string_view s, std::string& out) {
  out.push_back('"');
  AppendEscaped(s, out);
  out.push_back('"');
}

template <typename Int>
void AppendInt(Int v, std::string& out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// protobuf's SimpleDtoa: the shortest of %.15g and %.17g that reads back as the same double.
// to_chars with a precision is specified as printf's %.*g in the C locale.
void AppendDouble(double v, std::string& out) {
  if (!std::isfinite(v)) {
    out += std::isnan(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
  double back = 0;
  auto parsed = std::from_chars(buf, r.ptr, back);
  if (parsed.ec != std::errc()) back = std::strtod(std::string(buf, r.ptr).c_str(), nullptr);
  if (back != v) r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17);
  out.append(buf, r.ptr);
}

// protobuf's SimpleFtoa, done the way it does it (strtof, and any errno, such as a subnormal's
// ERANGE, counts as not reading back): no float in the newsflow schema, so no hurry.
void AppendFloat(float v, std::string& out) {
  if (!std::isfinite(v)) {
    AppendDouble(v, out);
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*g", 6, static_cast<double>(v));
  char* end = nullptr;
  errno = 0;
  float back = std::strtof(buf, &end);
  if (*end != '\0' || errno != 0 || back != v) {
    std::snprintf(buf, sizeof buf, "%.*g", 9, static_cast<double>(v));
  }
  out += buf;
}

void AppendBase64(std::string_view s, std::string& out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  for (; i + 3 <= s.size(); i += 3) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 0x3F]);
  }
  if (const size_t left = s.size() - i; left > 0) {
    const uint32_t v = (uint32_t{p[i]} << 16) | (left == 2 ? uint32_t{p[i + 1]} << 8 : 0);
    out.push_back(kAlphabet[(v >> 18) & 0x3F]);
    out.push_back(kAlphabet[(v >> 12) & 0x3F]);
    out.push_back(left == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=');
    out.push_back('=');
  }
}

bool IsWellKnown(const google::protobuf::FileDescriptor* file) {
  return file->package() == "google.protobuf";
}

void AppendEnum(const EnumDescriptor* type, int number, std::string& out) {
  if (const auto* v = type->FindValueByNumber(number)) {
    AppendQuoted(v->name(), out);
  } else {
    AppendInt(number, out);
  }
}

// Map keys are object member names: strings as they are, numbers in decimal, bools as words.
std::string_view MapKey(const Message& entry, const FieldDescriptor* key, std::string& scratch) {
  const Reflection* r = entry.GetReflection();
  scratch.clear();
  switch (key->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetStringReference(entry, key, &scratch);
    case FieldDescriptor::CPPTYPE_INT32:
      AppendInt(r->GetInt32(entry, key), scratch);
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      AppendInt(r->GetInt64(entry, key), scratch);
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      AppendInt(r->GetUInt32(entry, key), scratch);
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      AppendInt(r->GetUInt64(entry, key), scratch);
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      scratch = r->GetBool(entry, key) ? "true" : "false";
      break;
    default:  // protobuf allows no other key types
      break;
  }
  return scratch;
}

// The deterministic serialization's key order: numeric for numbers, byte order for strings.
bool MapKeyLess(const Message* a, const Message* b, const FieldDescriptor* key) {
  const Reflection* r = a->GetReflection();
  switch (key->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string sa, sb;
      return r->GetStringReference(*a, key, &sa) < r->GetStringReference(*b, key, &sb);
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return r->GetInt32(*a, key) < r->GetInt32(*b, key);
    case FieldDescriptor::CPPTYPE_INT64:
      return r->GetInt64(*a, key) < r->GetInt64(*b, key);
    case FieldDescriptor::CPPTYPE_UINT32:
      return r->GetUInt32(*a, key) < r->GetUInt32(*b, key);
    case FieldDescriptor::CPPTYPE_UINT64:
      return r->GetUInt64(*a, key) < r->GetUInt64(*b, key);
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(*a, key) < r->GetBool(*b, key);
    default:
      return false;
  }
}

// Lays out members and elements the way JsonObjectWriter does: a comma before all but the
// first; when pretty, each on its own line indented by its depth, "name": with a space, and the
// closing bracket on a line of its own unless the container is empty.
class Writer {
 public:
  Writer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

  // False at the first well-known type, with `out` half written.
  bool Object(const Message& m) {
    const Descriptor* d = m.GetDescriptor();
    if (IsWellKnown(d->file())) return false;
    const Reflection* r = m.GetReflection();
    Open('{');
    bool first = true;
    bool oneof_scalars = false;
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (f->is_repeated() || f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        if (!f->is_repeated() && !r->HasField(m, f)) continue;
        Key(f->name(), first);
        if (!Value(m, r, f)) return false;
      } else if (f->containing_oneof() != nullptr) {
        oneof_scalars = true;
      } else {
        Key(f->name(), first);
        if (!Value(m, r, f)) return false;
      }
    }
    // protobuf's DefaultValueObjectWriter lays out a node for every field first, in declaration
    // order, except for oneof members that are not messages (it must not print a default for
    // them); a set one arrives from the binary later and is appended after all the others, in
    // the order of the binary: by field number.
    if (oneof_scalars) {
      // Selection by number rather than a sort: no allocation, and a message has few oneofs.
      int last = 0;
      for (;;) {
        const FieldDescriptor* next = nullptr;
        for (int i = 0; i < d->oneof_decl_count(); ++i) {
          const FieldDescriptor* f = r->GetOneofFieldDescriptor(m, d->oneof_decl(i));
          if (f != nullptr && f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE &&
              f->number() > last && (next == nullptr || f->number() < next->number())) {
            next = f;
          }
        }
        if (next == nullptr) break;
        last = next->number();
        Key(next->name(), first);
        if (!Value(m, r, next)) return false;
      }
    }
    Close('}', first);
    return true;
  }

 private:
  void NewLine() {
    out_.push_back('\n');
    out_.append(static_cast<size_t>(2 * depth_), ' ');
  }
  void Separate(bool& first) {
    if (!first) out_.push_back(',');
    first = false;
    if (pretty_) NewLine();
  }
  void Key(std::string_view name, bool& first) {
    Separate(first);
    AppendQuoted(name, out_);
    out_.push_back(':');
    if (pretty_) out_.push_back(' ');
  }
  void Open(char c) {
    out_.push_back(c);
    ++depth_;
  }
  void Close(char c, bool empty) {
    --depth_;
    if (pretty_ && !empty) NewLine();
    out_.push_back(c);
  }

  // A whole field: its list, map or single value.
  bool Value(const Message& m, const Reflection* r, const FieldDescriptor* f) {
    if (f->is_map()) return Map(m, r, f);
    if (f->is_repeated()) {
      Open('[');
      bool first = true;
      const int n = r->FieldSize(m, f);
      for (int i = 0; i < n; ++i) {
        Separate(first);
        if (!Element(m, r, f, i)) return false;
      }
      Close(']', first);
      return true;
    }
    return Element(m, r, f, -1);
  }

  bool Map(const Message& m, const Reflection* r, const FieldDescriptor* f) {
    const FieldDescriptor* key = f->message_type()->map_key();
    const FieldDescriptor* value = f->message_type()->map_value();
    const int n = r->FieldSize(m, f);
    std::vector<const Message*> entries(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) entries[static_cast<size_t>(i)] = &r->GetRepeatedMessage(m, f, i);
    auto less = [key](const Message* a, const Message* b) { return MapKeyLess(a, b, key); };
    std::stable_sort(entries.begin(), entries.end(), less);
    Open('{');
    bool first = true;
    std::string scratch;
    for (size_t i = 0; i < entries.size(); ++i) {
      // Reflection sees a map as its list of entries, which may repeat a key when the entries
      // were added through reflection; the map (and so the serialization) keeps the last.
      if (i + 1 < entries.size() && !less(entries[i], entries[i + 1])) continue;
      const Message* e = entries[i];
      Key(MapKey(*e, key, scratch), first);
      if (!Element(*e, e->GetReflection(), value, -1)) return false;
    }
    Close('}', first);
    return true;
  }

  // One value: of a singular field when index < 0, else element `index` of a repeated one.
  bool Element(const Message& m, const Reflection* r, const FieldDescriptor* f, int index) {
    const bool one = index < 0;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        AppendInt(one ? r->GetInt32(m, f) : r->GetRepeatedInt32(m, f, index), out_);
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        AppendInt(one ? r->GetUInt32(m, f) : r->GetRepeatedUInt32(m, f, index), out_);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        out_.push_back('"');
        AppendInt(one ? r->GetInt64(m, f) : r->GetRepeatedInt64(m, f, index), out_);
        out_.push_back('"');
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        out_.push_back('"');
        AppendInt(one ? r->GetUInt64(m, f) : r->GetRepeatedUInt64(m, f, index), out_);
        out_.push_back('"');
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        AppendDouble(one ? r->GetDouble(m, f) : r->GetRepeatedDouble(m, f, index), out_);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        AppendFloat(one ? r->GetFloat(m, f) : r->GetRepeatedFloat(m, f, index), out_);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_ += (one ? r->GetBool(m, f) : r->GetRepeatedBool(m, f, index)) ? "true" : "false";
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        if (IsWellKnown(f->enum_type()->file())) return false;  // NullValue prints as null
        AppendEnum(f->enum_type(),
                   one ? r->GetEnumValue(m, f) : r->GetRepeatedEnumValue(m, f, index), out_);
        break;
      case FieldDescriptor::CPPTYPE_STRING: {
        const std::string& s = one ? r->GetStringReference(m, f, &scratch_)
                                   : r->GetRepeatedStringReference(m, f, index, &scratch_);
        if (f->type() == FieldDescriptor::TYPE_BYTES) {
          out_.push_back('"');
          AppendBase64(s, out_);
          out_.push_back('"');
        } else {
          AppendQuoted(s, out_);
        }
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Object(one ? r->GetMessage(m, f) : r->GetRepeatedMessage(m, f, index));
    }
    return true;
  }

  std::string& out_;
  const bool pretty_;
  int depth_ = 0;
  std::string scratch_;
};

}  // namespace

bool AppendMessageJson(const Message& m, bool pretty, std::string& out) {
  if (m.GetDescriptor()->file()->pool() != google::protobuf::DescriptorPool::generated_pool()) {
    return false;
  }
  const size_t start = out.size();
  if (Writer(out, pretty).Object(m)) return true;
  out.resize(start);
  return false;
}

}  // namespace newsflow::pipeline
