#include "daemon/extract/tokenizer.h"

#include <algorithm>
#include <array>

#include "daemon/extract/utf8.h"

namespace newsflow::extract {
namespace {

enum class Cls : uint8_t {
  kSpace,
  kNewline,
  kLetter,
  kDigit,
  kApostrophe,    // ' ’ (may also be a single closing quote)
  kOpenSingle,    // ‘
  kDoubleQuote,   // " (direction from context)
  kOpenDouble,    // “ „ «
  kCloseDouble,   // ” »
  kHyphen,        // - ‐ ‑
  kDash,          // – — ―
  kOpenBracket,   // ( [ {
  kCloseBracket,  // ) ] }
  kSentenceEnd,   // . ! ?
  kOther,         // any other punctuation or symbol
};

constexpr Cls Classify(char32_t c) {
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return Cls::kLetter;
    if (c >= '0' && c <= '9') return Cls::kDigit;
    switch (c) {
      case ' ':
      case '\t':
      case '\v':
      case '\f':
        return Cls::kSpace;
      case '\n':
      case '\r':
        return Cls::kNewline;
      case '\'':
        return Cls::kApostrophe;
      case '"':
        return Cls::kDoubleQuote;
      case '-':
        return Cls::kHyphen;
      case '(':
      case '[':
      case '{':
        return Cls::kOpenBracket;
      case ')':
      case ']':
      case '}':
        return Cls::kCloseBracket;
      case '.':
      case '!':
      case '?':
        return Cls::kSentenceEnd;
      default:
        return c < 0x20 ? Cls::kSpace : Cls::kOther;
    }
  }
  switch (c) {
    case 0x00A0:  // no-break space
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return Cls::kSpace;
    case 0x0085:
    case 0x2028:
    case 0x2029:
      return Cls::kNewline;
    case 0x2019:  // ’
    case 0x02BC:  // modifier letter apostrophe
      return Cls::kApostrophe;
    case 0x2018:  // ‘
    case 0x201A:
    case 0x2039:
      return Cls::kOpenSingle;
    case 0x201C:  // “
    case 0x201E:
    case 0x00AB:
      return Cls::kOpenDouble;
    case 0x201D:  // ”
    case 0x00BB:
      return Cls::kCloseDouble;
    case 0x2010:
    case 0x2011:
      return Cls::kHyphen;
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
      return Cls::kDash;
    case 0x2026:  // …
      return Cls::kSentenceEnd;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) return Cls::kSpace;
  // General punctuation and symbol blocks; everything else non-ASCII counts as a letter so that
  // names in any script stay whole.
  if ((c >= 0x00A1 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7 || (c >= 0x2016 && c <= 0x206F) ||
      (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF) ||
      (c >= 0x3001 && c <= 0x3003)) {
    return Cls::kOther;
  }
  if (c >= 0x200B && c <= 0x200F) return Cls::kSpace;  // zero-width characters
  return Cls::kLetter;
}

// Classify of every ASCII character, built from Classify itself: the tokenizer asks once per
// character, and most characters are ASCII.
constexpr std::array<Cls, 0x80> kAsciiClass = [] {
  std::array<Cls, 0x80> t{};
  for (char32_t c = 0; c < 0x80; ++c) t[c] = Classify(c);
  return t;
}();

bool IsWordChar(Cls c) { return c == Cls::kLetter || c == Cls::kDigit; }

// Words that keep their trailing period. Case-sensitive: "Gen." is an abbreviation, "gen." is not.
// Titles never end a sentence; the others may not either (we prefer under-splitting).
constexpr std::array<std::string_view, 86> kAbbreviations = {
    "Adm",  "Ala", "Apr",  "Ariz", "Ark",  "Aug",  "Ave",  "Blvd", "Bros", "Calif", "Capt",
    "Cmdr", "Co",  "Col",  "Colo", "Conn", "Corp", "Cpl",  "Dec",  "Del",  "Dept",  "Dr",
    "Feb",  "Fla", "Fri",  "Ft",   "Ga",   "Gen",  "Gov",  "Hon",  "Ill",  "Inc",   "Ind",
    "Jan",  "Jr",  "Jul",  "Jun",  "Kan",  "Ky",   "La",   "Lt",   "Ltd",  "Maj",   "Mar",
    "Mass", "Md",  "Mich", "Minn", "Miss", "Mo",   "Mon",  "Mont", "Mr",   "Mrs",   "Ms",
    "Mt",   "Neb", "Nev",  "No",   "Nov",  "Oct",  "Okla", "Ore",  "Pa",   "Prof",  "Rep",
    "Rev",  "Sat", "Sen",  "Sep",  "Sept", "Sgt",  "Sr",   "St",   "Sun",  "Tenn",  "Tex",
    "Thu",  "Tue", "Va",   "Vt",   "Wash", "Wed",  "Wis",  "etc",  "vs"};

static_assert(std::is_sorted(kAbbreviations.begin(), kAbbreviations.end()));

bool IsAbbreviation(std::string_view w) {
  return std::binary_search(kAbbreviations.begin(), kAbbreviations.end(), w);
}

// Words whose "’s" means "is" or "us" ("it’s", "there’s", "let’s").
bool IsIsContraction(std::string_view w) {
  static constexpr std::string_view kWords[] = {"he",   "here",  "how",  "it",   "let",   "she",
                                                "that", "there", "this", "what", "where", "who"};
  char lower[8];
  if (w.size() > sizeof(lower)) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  std::string_view l(lower, w.size());
  for (std::string_view k : kWords) {
    if (l == k) return true;
  }
  return false;
}

// Reads code points with their classes; one-character lookahead is all the rules need.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done(size_t i) const { return i >= s_.size(); }
  // Class of the code point at byte i and the byte offset after it.
  Cls At(size_t i, size_t* next, char32_t* cp = nullptr) const {
    if (i >= s_.size()) {
      *next = i;
      return Cls::kSpace;
    }
    size_t j = i;
    char32_t c = DecodeUtf8(s_, j);
    *next = j;
    if (cp) *cp = c;
    return c < 0x80 ? kAsciiClass[c] : Classify(c);
  }
  Cls ClassAt(size_t i) const {
    size_t n;
    return At(i, &n);
  }

 private:
  std::string_view s_;
};

bool IsUpperStart(std::string_view text, const Token& t) {
  unsigned char c = static_cast<unsigned char>(text[t.begin]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  return c >= 0x80 && !(t.flags & kPunct);  // non-ASCII letter: assume it may start a sentence
}

}  // namespace

void Tokenize(std::string_view text, TokenizedText& out) {
  out.clear();
  const Cursor cur(text);
  auto& toks = out.tokens;
  bool paragraph_pending = true;  // the next token starts a paragraph
  bool double_open = false;       // a straight double quote is currently open
  bool single_open = false;       // a ‘…’ single quote is currently open
  size_t i = 0;
  const size_t n = text.size();

  auto push = [&](size_t b, size_t e, uint32_t flags) {
    if (paragraph_pending) flags |= kParagraphStart;
    paragraph_pending = false;
    toks.push_back(Token{static_cast<uint32_t>(b), static_cast<uint32_t>(e), flags});
  };
  // True when the character before byte `b` is a space, newline, opening bracket, dash or quote.
  auto opens_context = [&](size_t b) {
    if (b == 0) return true;
    size_t p = b - 1;
    while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    Cls c = cur.ClassAt(p);
    return c == Cls::kSpace || c == Cls::kNewline || c == Cls::kOpenBracket || c == Cls::kDash ||
           c == Cls::kOpenDouble || c == Cls::kOpenSingle || c == Cls::kHyphen;
  };
  auto closes_context = [&](size_t e) {
    if (e >= n) return true;
    Cls c = cur.ClassAt(e);
    return !IsWordChar(c);
  };

  while (i < n) {
    size_t next;
    char32_t cp = 0;
    Cls c = cur.At(i, &next, &cp);
    if (c == Cls::kNewline) {
      paragraph_pending = true;
      double_open = single_open = false;  // quotes are judged per paragraph
      i = next;
      continue;
    }
    if (c == Cls::kSpace) {
      i = next;
      continue;
    }
    const size_t b = i;
    if (IsWordChar(c) || (c == Cls::kApostrophe && IsWordChar(cur.ClassAt(next)) &&
                          cur.ClassAt(next) == Cls::kDigit && opens_context(b))) {
      // A word: letters/digits joined by hyphens, internal apostrophes, periods of initialisms,
      // and digit separators. "’90s" starts with its apostrophe.
      bool all_digits = c == Cls::kDigit;
      bool has_letter = c == Cls::kLetter;
      size_t seg_len = 1;  // letters since the last internal period
      size_t e = next;
      bool has_internal_period = false;
      while (e < n) {
        size_t e2;
        char32_t ch = 0;
        Cls k = cur.At(e, &e2, &ch);
        if (IsWordChar(k)) {
          if (k == Cls::kLetter) {
            has_letter = true;
            all_digits = false;
          }
          ++seg_len;
          e = e2;
          continue;
        }
        size_t e3;
        Cls after = cur.At(e2, &e3);
        if (k == Cls::kHyphen && IsWordChar(after)) {
          all_digits = false;
          seg_len = 0;
          e = e2;
          continue;
        }
        if (k == Cls::kApostrophe && after == Cls::kLetter) {
          // Possessive "’s" followed by a non-letter is split off below.
          char32_t s_cp = 0;
          size_t e4;
          cur.At(e2, &e4, &s_cp);
          if ((s_cp == 's' || s_cp == 'S') && !IsWordChar(cur.ClassAt(e4))) break;
          e = e2;
          continue;
        }
        if ((ch == ',' || ch == ':' || ch == '/') && all_digits && after == Cls::kDigit) {
          e = e2;
          continue;
        }
        if (ch == '.' && after == Cls::kDigit && !has_letter) {
          e = e2;
          continue;
        }
        if (ch == '.' && after == Cls::kLetter && seg_len <= 2 && has_letter) {
          // Initialisms: U.S, N.C, a.m — the final period is decided below.
          has_internal_period = true;
          seg_len = 0;
          e = e2;
          continue;
        }
        if (ch == '&' && after == Cls::kLetter && has_letter) {  // AT&T
          e = e2;
          continue;
        }
        break;
      }
      // Trailing period: keep it on initialisms, single capitals and listed abbreviations.
      if (e < n && text[e] == '.') {
        std::string_view w = text.substr(b, e - b);
        bool single_capital = w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
        if (has_internal_period || single_capital || IsAbbreviation(w)) ++e;
      }
      uint32_t flags = 0;
      if (all_digits) flags |= kNumber;
      push(b, e, flags);
      i = e;
      continue;
    }
    if (c == Cls::kApostrophe) {
      // Possessive "’s" right after a word.
      size_t e2;
      char32_t s_cp = 0;
      cur.At(next, &e2, &s_cp);
      bool after_word = !toks.empty() && toks.back().end == b && !(toks.back().flags & kPunct);
      if (after_word && (s_cp == 's' || s_cp == 'S') && !IsWordChar(cur.ClassAt(e2))) {
        // Split like the training data does, but "it’s", "there’s" are "is", not possessives.
        const Token& prev = toks.back();
        bool contraction = IsIsContraction(text.substr(prev.begin, prev.end - prev.begin));
        push(b, e2, contraction ? 0u : kPossessive);
        i = e2;
        continue;
      }
      // "the Smiths’ house": a bare apostrophe after a word ending in s, when no ‘ is open.
      if (after_word && !single_open && text[b - 1] == 's' && closes_context(next)) {
        push(b, next, kPossessive);
        i = next;
        continue;
      }
      uint32_t flags = kPunct | kQuoteMark;
      if (single_open && closes_context(next)) {
        flags |= kCloseQuote;
        single_open = false;
      } else if (opens_context(b) && !closes_context(next)) {
        flags |= kOpenQuote;
        single_open = true;
      } else {
        flags |= kCloseQuote;
      }
      push(b, next, flags);
      i = next;
      continue;
    }
    if (c == Cls::kOpenSingle) {
      push(b, next, kPunct | kQuoteMark | kOpenQuote);
      single_open = true;
      i = next;
      continue;
    }
    if (c == Cls::kOpenDouble || c == Cls::kCloseDouble || c == Cls::kDoubleQuote) {
      uint32_t flags = kPunct | kQuoteMark;
      bool open;
      if (c == Cls::kOpenDouble) {
        open = true;
      } else if (c == Cls::kCloseDouble) {
        open = false;
      } else {
        bool can_open = opens_context(b);
        bool can_close = closes_context(next);
        open = can_open && can_close ? !double_open : can_open;
      }
      flags |= open ? kOpenQuote : kCloseQuote;
      double_open = open;
      push(b, next, flags);
      i = next;
      continue;
    }
    // Punctuation: runs of the same ASCII mark ("...", "--", "!!") stay one token.
    size_t e = next;
    if (cp < 0x80) {
      while (e < n && text[e] == static_cast<char>(cp)) ++e;
    }
    push(b, e, kPunct);
    i = e;
  }

  // Sentences: break after . ! ? … (plus closing quotes/brackets) when the next token looks like
  // a sentence start, at every paragraph start, and after a dateline "SEOUL, May 3 (Reuters) -".
  auto& sents = out.sentences;
  uint32_t first = 0;
  const auto count = static_cast<uint32_t>(toks.size());
  uint32_t para_first = 0;
  for (uint32_t t = 0; t < count; ++t) {
    if (toks[t].flags & kParagraphStart) para_first = t;
    bool boundary = false;
    uint32_t end = t + 1;
    const Token& tok = toks[t];
    if (tok.flags & kPunct) {
      size_t k;
      Cls pc = cur.At(tok.begin, &k);
      if (pc == Cls::kSentenceEnd) {
        while (
            end < count && (toks[end].flags & (kCloseQuote | kPunct)) &&
            !(toks[end].flags & (kOpenQuote | kParagraphStart)) &&
            (toks[end].flags & kCloseQuote || cur.ClassAt(toks[end].begin) == Cls::kCloseBracket)) {
          ++end;
        }
        boundary = end >= count || (toks[end].flags & (kParagraphStart | kOpenQuote)) ||
                   IsUpperStart(text, toks[end]);
      } else if ((pc == Cls::kDash || pc == Cls::kHyphen) && t >= 2 && t - para_first <= 12 &&
                 text.substr(toks[t - 1].begin, toks[t - 1].end - toks[t - 1].begin) == ")" &&
                 t + 1 < count && !(toks[t + 1].flags & kParagraphStart)) {
        boundary = true;  // dateline
      }
    }
    if (!boundary && end < count && (toks[end].flags & kParagraphStart)) boundary = true;
    if (end >= count) boundary = true;
    if (boundary) {
      sents.push_back(Sentence{first, end});
      first = end;
      t = end - 1;
      if (end < count && (toks[end].flags & kParagraphStart)) para_first = end;
    }
  }
  for (const Sentence& s : sents) toks[s.first_token].flags |= kSentenceStart;
}

}  // namespace newsflow::extract
