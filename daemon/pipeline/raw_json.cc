#include "daemon/pipeline/raw_json.h"

#include "daemon/extract/utf8.h"

namespace newsflow::pipeline {
namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(std::string_view s, RawFields& out) : s_(s), out_(&out) {}

  std::optional<std::string> Object() {
    Ws();
    if (!Eat('{')) return Expected("'{' (a JSON object)");
    Ws();
    if (Eat('}')) return End();
    while (true) {
      Ws();
      if (Peek() != '"') return Expected("a quoted key");
      std::string key;
      if (auto e = String(&key)) return e;
      Ws();
      if (!Eat(':')) return Expected("':'");
      Ws();
      std::string* field = Field(key);
      if (field != nullptr) {
        if (Literal("null")) {
          field->clear();
        } else if (Peek() == '"') {
          field->clear();
          if (auto e = String(field)) return e;
        } else {
          return "field '" + key + "' must be a string (at byte " + std::to_string(pos_) + ")";
        }
      } else if (auto e = SkipValue()) {
        return e;
      }
      Ws();
      if (Eat(',')) continue;
      if (Eat('}')) return End();
      return Expected("',' or '}'");
    }
  }

 private:
  std::string* Field(std::string_view key) {
    if (key == "body") return &out_->body;
    if (key == "id") return &out_->id;
    if (key == "url") return &out_->url;
    if (key == "source") return &out_->source;
    if (key == "title") return &out_->title;
    if (key == "published_at" || key == "publishedAt") return &out_->published_at;
    if (key == "language") return &out_->language;
    if (key == "content_type" || key == "contentType") return &out_->content_type;
    return nullptr;
  }

  std::optional<std::string> End() {
    Ws();
    if (pos_ != s_.size())
      return "unexpected data after the object at byte " + std::to_string(pos_);
    return std::nullopt;
  }

  std::string Expected(std::string_view what) const {
    if (pos_ >= s_.size()) return "expected " + std::string(what) + " at the end of the input";
    return "expected " + std::string(what) + " at byte " + std::to_string(pos_);
  }

  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c || pos_ >= s_.size()) return false;
    ++pos_;
    return true;
  }
  void Ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t& v) {
    if (pos_ + 4 > s_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = Hex(s_[pos_ + i]);
      if (h < 0) return false;
      v = (v << 4) | static_cast<uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  // Reads a string at s_[pos_] == '"'; appends its decoded value to `out` (when not null).
  std::optional<std::string> String(std::string* out) {
    size_t open = pos_++;
    while (true) {
      // Copy the run up to the next quote, backslash or control character in one go.
      size_t run = pos_;
      while (pos_ < s_.size()) {
        auto c = static_cast<unsigned char>(s_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++pos_;
      }
      if (out != nullptr) out->append(s_.data() + run, pos_ - run);
      if (pos_ >= s_.size()) {
        return "unterminated string starting at byte " + std::to_string(open);
      }
      char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return std::nullopt;
      }
      if (c != '\\') {
        return "control character in a string at byte " + std::to_string(pos_) +
               " (must be escaped)";
      }
      size_t esc = pos_++;
      char e = Peek();
      ++pos_;
      char32_t cp;
      switch (e) {
        case '"':
          cp = '"';
          break;
        case '\\':
          cp = '\\';
          break;
        case '/':
          cp = '/';
          break;
        case 'b':
          cp = '\b';
          break;
        case 'f':
          cp = '\f';
          break;
        case 'n':
          cp = '\n';
          break;
        case 'r':
          cp = '\r';
          break;
        case 't':
          cp = '\t';
          break;
        case 'u': {
          uint32_t v;
          if (!Hex4(v)) return "bad \\u escape at byte " + std::to_string(esc);
          if (v >= 0xD800 && v <= 0xDBFF) {
            uint32_t lo;
            if (!(Literal("\\u") && Hex4(lo) && lo >= 0xDC00 && lo <= 0xDFFF)) {
              return "unpaired surrogate in a \\u escape at byte " + std::to_string(esc);
            }
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
          } else if (v >= 0xDC00 && v <= 0xDFFF) {
            return "unpaired surrogate in a \\u escape at byte " + std::to_string(esc);
          }
          cp = static_cast<char32_t>(v);
          break;
        }
        default:
          return "bad escape at byte " + std::to_string(esc);
      }
      if (out != nullptr) extract::AppendUtf8(*out, cp);
    }
  }

  std::optional<std::string> Number() {
    size_t start = pos_;
    Eat('-');
    if (Eat('0')) {
    } else if (Peek() >= '1' && Peek() <= '9') {
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    } else {
      pos_ = start;
      return Expected("a JSON value");
    }
    if (Eat('.')) {
      if (!(Peek() >= '0' && Peek() <= '9')) return Expected("a digit");
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!(Peek() >= '0' && Peek() <= '9')) return Expected("a digit");
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
    }
    return std::nullopt;
  }

  // Skips one JSON value of an unknown field, checking its syntax, without recursion.
  std::optional<std::string> SkipValue() {
    // Each level remembers whether it is an object (true) or an array.
    bool stack[kMaxDepth];
    int depth = 0;
    while (true) {
      Ws();
      char c = Peek();
      if (c == '{' || c == '[') {
        if (depth == kMaxDepth) return "nesting deeper than 64 at byte " + std::to_string(pos_);
        stack[depth++] = c == '{';
        ++pos_;
        Ws();
        if (Eat(c == '{' ? '}' : ']')) {
          --depth;
        } else {
          if (c == '{') {
            if (Peek() != '"') return Expected("a quoted key");
            if (auto e = String(nullptr)) return e;
            Ws();
            if (!Eat(':')) return Expected("':'");
          }
          continue;  // read the first member's value
        }
      } else if (c == '"') {
        if (auto e = String(nullptr)) return e;
      } else if (Literal("true") || Literal("false") || Literal("null")) {
      } else if (auto e = Number()) {
        return e;
      }
      // After a complete value: close levels or move to the next member.
      while (true) {
        if (depth == 0) return std::nullopt;
        Ws();
        bool object = stack[depth - 1];
        if (Eat(',')) {
          if (object) {
            Ws();
            if (Peek() != '"') return Expected("a quoted key");
            if (auto e = String(nullptr)) return e;
            Ws();
            if (!Eat(':')) return Expected("':'");
          }
          break;
        }
        if (Eat(object ? '}' : ']')) {
          --depth;
          continue;
        }
        return Expected(object ? "',' or '}'" : "',' or ']'");
      }
    }
  }

  std::string_view s_;
  RawFields* out_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> ParseRawJson(std::string_view json, RawFields& out) {
  return Parser(json, out).Object();
}

}  // namespace newsflow::pipeline
