#include "daemon/pipeline/html_to_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "daemon/extract/utf8.h"

namespace newsflow::pipeline {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

// The references that occur in news markup; anything else is left as written.
constexpr std::array<NamedEntity, 32> kEntities{{
    {"amp", U'&'},         {"lt", U'<'},          {"gt", U'>'},          {"quot", U'"'},
    {"apos", U'\''},       {"nbsp", U' '},        {"ndash", U'\u2013'},  {"mdash", U'\u2014'},
    {"lsquo", U'\u2018'},  {"rsquo", U'\u2019'},  {"ldquo", U'\u201C'},  {"rdquo", U'\u201D'},
    {"hellip", U'\u2026'}, {"copy", U'\u00A9'},   {"reg", U'\u00AE'},    {"trade", U'\u2122'},
    {"eacute", U'\u00E9'}, {"egrave", U'\u00E8'}, {"aacute", U'\u00E1'}, {"oacute", U'\u00F3'},
    {"iacute", U'\u00ED'}, {"uacute", U'\u00FA'}, {"ntilde", U'\u00F1'}, {"ccedil", U'\u00E7'},
    {"uuml", U'\u00FC'},   {"ouml", U'\u00F6'},   {"auml", U'\u00E4'},   {"szlig", U'\u00DF'},
    {"euro", U'\u20AC'},   {"pound", U'\u00A3'},  {"laquo", U'\u00AB'},  {"raquo", U'\u00BB'},
}};

bool IsBlockTag(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "div",    "br",     "li",     "ul",         "ol",    "h1",         "h2",
      "h3",      "h4",     "h5",     "h6",     "tr",         "table", "blockquote", "section",
      "article", "header", "footer", "figure", "figcaption", "pre",   "hr",         "dd",
      "dt",      "dl",     "aside",  "main",   "nav"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), tag) != std::end(kBlocks);
}

bool IsParagraphTag(std::string_view tag) {
  return tag == "p" || tag == "blockquote" || tag == "h1" || tag == "h2" || tag == "h3" ||
         tag == "h4" || tag == "h5" || tag == "h6" || tag == "figure" || tag == "table" ||
         tag == "ul" || tag == "ol" || tag == "section" || tag == "article";
}

bool IsSkippedContent(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "head" || tag == "noscript" ||
         tag == "template";
}

// Accumulates text, collapsing whitespace and tracking pending line breaks so that block
// boundaries produce "\n" (line) or "\n\n" (paragraph) exactly once.
class TextBuilder {
 public:
  void Char(char32_t cp) {
    if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\u00A0') {
      space_ = true;
      return;
    }
    if (!out_.empty()) {
      if (breaks_ > 0) {
        out_.append(breaks_, '\n');
      } else if (space_) {
        out_.push_back(' ');
      }
    }
    breaks_ = 0;
    space_ = false;
    extract::AppendUtf8(out_, cp);
  }
  void Break(int n) { breaks_ = std::max(breaks_, n); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int breaks_ = 0;
  bool space_ = false;
};

std::string LowerAscii(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// Decodes a character reference starting at html[i] == '&'. Returns the code point and
// advances i past it, or returns 0 (and leaves i) when it is not a reference we know.
char32_t DecodeReference(std::string_view html, size_t& i) {
  // A reference longer than 12 bytes is none, so the ';' is looked for only that far: a run of
  // '&' without one would otherwise be searched to the end from each of them.
  size_t semi = html.substr(0, std::min(html.size(), i + 13)).find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12) return 0;
  std::string_view ref = html.substr(i + 1, semi - i - 1);
  if (ref.empty()) return 0;
  if (ref[0] == '#') {
    uint32_t value = 0;
    std::from_chars_result r;
    if (ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X')) {
      r = std::from_chars(ref.data() + 2, ref.data() + ref.size(), value, 16);
    } else {
      r = std::from_chars(ref.data() + 1, ref.data() + ref.size(), value, 10);
    }
    if (r.ec != std::errc() || r.ptr != ref.data() + ref.size()) return 0;
    i = semi + 1;
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return U'\uFFFD';
    return static_cast<char32_t>(value);
  }
  for (const auto& e : kEntities) {
    if (e.name == ref) {
      i = semi + 1;
      return e.cp;
    }
  }
  return 0;
}

}  // namespace

// Position of the first `c` at or after `from`, remembered between calls: every '<' of a run
// without '>' would otherwise search to the end again. Calls must not move `from` backwards.
class NextOf {
 public:
  NextOf(std::string_view s, char c) : s_(s), c_(c) {}
  size_t From(size_t from) {
    if (!valid_ || (pos_ != std::string_view::npos && pos_ < from)) {
      pos_ = s_.find(c_, from);
      valid_ = true;
    }
    return pos_;
  }

 private:
  std::string_view s_;
  char c_;
  size_t pos_ = 0;
  bool valid_ = false;
};

std::string HtmlToText(std::string_view html) {
  TextBuilder text;
  int q_depth = 0;  // open <q> elements: browsers draw their quotation marks, so we write them
  NextOf next_gt(html, '>');
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      size_t end = next_gt.From(i + 1);
      if (end == std::string_view::npos) {
        // A lone '<' is text, not a tag.
        text.Char(U'<');
        ++i;
        continue;
      }
      std::string_view inner = html.substr(i + 1, end - i - 1);
      bool closing = !inner.empty() && inner[0] == '/';
      if (closing) inner.remove_prefix(1);
      size_t name_len = 0;
      while (name_len < inner.size() &&
             (std::isalnum(static_cast<unsigned char>(inner[name_len])) != 0)) {
        ++name_len;
      }
      if (name_len == 0) {
        // "<!DOCTYPE", "<?xml", "< 3": not an element we render.
        if (!inner.empty() && (inner[0] == '!' || inner[0] == '?')) {
          i = end + 1;
        } else {
          text.Char(U'<');
          ++i;
        }
        continue;
      }
      std::string tag = LowerAscii(inner.substr(0, name_len));
      i = end + 1;
      if (!closing && IsSkippedContent(tag)) {
        std::string close = "</" + tag;
        size_t pos = i;
        while (true) {
          pos = html.find("</", pos);
          if (pos == std::string_view::npos) {
            i = html.size();
            break;
          }
          if (LowerAscii(html.substr(pos, close.size())) == close) {
            size_t gt = html.find('>', pos);
            i = gt == std::string_view::npos ? html.size() : gt + 1;
            break;
          }
          pos += 2;
        }
        continue;
      }
      const bool block = IsParagraphTag(tag) || IsBlockTag(tag);
      // A <q> left open closes with its block, as browsers close it: its marks end there.
      for (; block && q_depth > 0; --q_depth) text.Char(q_depth > 1 ? U'\u2019' : U'\u201D');
      if (IsParagraphTag(tag)) {
        text.Break(2);
      } else if (IsBlockTag(tag)) {
        text.Break(1);
      } else if (tag == "q" && !(inner.size() > name_len && inner.back() == '/')) {
        // “…” outside, ‘…’ inside (deeper levels repeat ‘…’), as browsers render English; the
        // quote stage then sees the marks the reader sees.
        if (!closing) {
          text.Char(q_depth > 0 ? U'\u2018' : U'\u201C');
          ++q_depth;
        } else if (q_depth > 0) {
          --q_depth;
          text.Char(q_depth > 0 ? U'\u2019' : U'\u201D');
        }
      }
      continue;
    }
    if (c == '&') {
      char32_t cp = DecodeReference(html, i);
      if (cp != 0) {
        text.Char(cp);
        continue;
      }
    }
    text.Char(extract::DecodeUtf8(html, i));
  }
  for (; q_depth > 0; --q_depth) text.Char(q_depth > 1 ? U'\u2019' : U'\u201D');
  return text.Take();
}

}  // namespace newsflow::pipeline
