// Pairing of quote marks: paragraphs, which marks open and close a quote (nesting, apostrophes,
// paragraphs continued by an opening mark), the segments inside, and the title-case test.

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::quote_internal {

namespace {

bool IsGuillemet(std::string_view t, size_t i) {
  return i + 1 < t.size() && static_cast<unsigned char>(t[i]) == 0xC2 &&
         (static_cast<unsigned char>(t[i + 1]) == 0xAB ||
          static_cast<unsigned char>(t[i + 1]) == 0xBB);
}

// Bytes of the space at i: " ", no-break U+00A0, narrow no-break U+202F (French typesetting puts
// one inside guillemets: « Nous partons »); 0 for anything else.
size_t SpaceAt(std::string_view t, size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == ' ') return 1;
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
      static_cast<unsigned char>(t[i + 2]) == 0xAF) {
    return 3;
  }
  return 0;
}

size_t SpaceEndingAt(std::string_view t, size_t e) {
  for (size_t len = 1; len <= 3 && len <= e; ++len) {
    if (SpaceAt(t, e - len) == len) return len;
  }
  return 0;
}

}  // namespace

Mark QuoteFinder::MarkHere(size_t i, size_t& len) const {
  const Mark m = MarkAt(t_, i, len);
  if (!reversed_guillemets_ || !IsGuillemet(t_, i)) return m;
  return m == Mark::kOpenDouble ? Mark::kCloseDouble : Mark::kOpenDouble;
}

void QuoteFinder::SplitParagraphs() {
  uint32_t i = 0;
  const auto n = static_cast<uint32_t>(t_.size());
  while (i < n) {
    uint32_t e = i;
    while (e < n && t_[e] != '\n') ++e;
    uint32_t b = i;
    while (b < e && ClassOfLead(t_, b) == Cls::kSpace)
      b += t_[b] == ' ' || t_[b] == '\t' || t_[b] == '\r' ? 1 : 2;
    uint32_t te = e;
    while (te > b && (t_[te - 1] == ' ' || t_[te - 1] == '\r' || t_[te - 1] == '\t')) --te;
    if (te > b) paras_.push_back({b, te});
    i = e + 1;
  }
}

void QuoteFinder::CloseOuter(Open& o, uint32_t mark, uint32_t mark_end, uint32_t para) {
  uint32_t text_end = mark;
  if (IsGuillemet(t_, mark)) {
    while (text_end > o.inner_begin) {
      const size_t s = SpaceEndingAt(t_, text_end);
      if (s == 0) break;
      text_end -= static_cast<uint32_t>(s);
    }
  }
  if (text_end > o.inner_begin) segs_.push_back({o.inner_begin, text_end});
  const auto se = static_cast<uint32_t>(segs_.size());
  bool has_text = false;
  for (uint32_t s = o.seg_first; s < se && !has_text; ++s) {
    for (uint32_t k = segs_[s].b; k < segs_[s].e; ++k) {
      if (ClassOfLead(t_, k) == Cls::kAlnum) {
        has_text = true;
        break;
      }
    }
  }
  if (has_text) {
    raws_.push_back({o.open, mark_end, o.seg_first, se, o.para, para});
  } else {
    segs_.resize(o.seg_first);
  }
  o.active = false;
}

// One pass over the marks, a state machine of at most two levels: the outer quote and one
// nested quote inside it. The other style nests (“… ‘…’ …”, "… “…” …"); so does the same style
// when its marks say which way they face (“… “…” …”, ‘… ‘…’ …’, ``… ``…'' …''), remembered in
// nested_ so that a stray opening mark in a quote that never closes still gives the quotes after
// it, as before nesting was known.
void QuoteFinder::FindQuotes() {
  Open o;
  bool inner = false, inner_single = false, inner_straight = false, inner_apos = false;
  bool inner_same = false;
  uint32_t inner_open = 0, inner_begin = 0;
  uint32_t skip_to = 0;  // continuation mark already consumed
  auto open_outer = [&](const Open& n) {
    o = n;
    if (IsGuillemet(t_, o.open)) {
      while (o.inner_begin < t_.size()) {
        const size_t s = SpaceAt(t_, o.inner_begin);
        if (s == 0) break;
        o.inner_begin += static_cast<uint32_t>(s);
      }
    }
    nested_.clear();
  };
  // The first guillemet says which way the text's guillemets face.
  reversed_guillemets_ = false;
  for (size_t g = t_.find('\xC2'); g != std::string_view::npos; g = t_.find('\xC2', g + 1)) {
    if (!IsGuillemet(t_, g)) continue;
    reversed_guillemets_ = static_cast<unsigned char>(t_[g + 1]) == 0xBB && g + 2 < t_.size() &&
                           SpaceAt(t_, g + 2) == 0 && ClassOfLead(t_, g + 2) != Cls::kSpace;
    break;
  }
  auto open_inner = [&](bool single, bool straight, bool apos, bool same, uint32_t i,
                        uint32_t mend) {
    inner = true, inner_single = single, inner_straight = straight, inner_apos = apos;
    inner_same = same, inner_open = i, inner_begin = mend;
  };
  auto close_inner = [&](uint32_t i, uint32_t mend) {
    // Bounded: a megabyte of “a “b” “c” ... in a quote that never closes keeps the last ones.
    if (inner_same && nested_.size() < 4 * kQuotesBack) {
      nested_.push_back({inner_open, inner_begin, i, mend});
    }
    inner = false;
  };
  for (uint32_t p = 0; p < paras_.size(); ++p) {
    inner = false;
    const uint32_t pb = std::max(paras_[p].b, skip_to), pe = paras_[p].e;
    for (uint32_t i = pb; i < pe; ++i) {
      const auto c = static_cast<unsigned char>(t_[i]);
      if (c != '"' && c != 0xE2 && c != 0xC2 && c != '\'' && c != '`') continue;
      size_t len = 0;
      const Mark m = MarkHere(i, len);
      if (m == Mark::kNone) continue;
      const auto mend = static_cast<uint32_t>(i + len);
      const Cls before = ClassBefore(t_, i);
      const Cls after = ClassOfLead(t_, mend);
      bool opening = after != Cls::kSpace &&
                     (before == Cls::kSpace || (before == Cls::kPunct && i > 0 &&
                                                (t_[i - 1] == '(' || t_[i - 1] == '[' ||
                                                 static_cast<unsigned char>(t_[i - 1]) >= 0x80)));
      const bool single_close =
          m == Mark::kCloseSingle && after != Cls::kAlnum && before != Cls::kSpace;
      const auto segs = static_cast<uint32_t>(segs_.size());
      if (!o.active) {
        if (m == Mark::kOpenDouble || (m == Mark::kStraight && opening)) {
          open_outer(Open{true, false, m == Mark::kStraight, i, mend, segs, p});
        } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
          open_outer(Open{true, true, false, i, mend, segs, p});
        } else if ((m == Mark::kTwoApostrophes && opening) ||
                   (m == Mark::kTwoBackticks && after != Cls::kSpace)) {
          open_outer(Open{true, false, true, i, mend, segs, p, true, false});
        } else if (m == Mark::kOpenLow && after != Cls::kSpace) {
          open_outer(Open{true, false, false, i, mend, segs, p, false, true});
        }
      } else if (!inner) {
        if (o.apos) {
          // '' is symmetric like ": one inside a '' quote closes it (`''x he said ''y`
          // would otherwise nest without end), only `` can open a nested one.
          if (m == Mark::kTwoApostrophes) {
            CloseOuter(o, i, mend, p);
          } else if (m == Mark::kTwoBackticks) {
            open_inner(false, false, true, true, i, mend);
          } else if (m == Mark::kOpenDouble || (m == Mark::kStraight && opening)) {
            open_inner(false, m == Mark::kStraight, false, false, i, mend);
          } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
            open_inner(true, false, false, false, i, mend);
          }
        } else if (o.low) {
          if (m == Mark::kCloseDouble || (m == Mark::kOpenDouble && !opening)) {
            CloseOuter(o, i, mend, p);
          } else if (m == Mark::kOpenLow) {
            open_inner(false, false, false, true, i, mend);
          } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
            open_inner(true, false, false, false, i, mend);
          }
        } else if (!o.single) {
          if (m == Mark::kCloseDouble) {
            CloseOuter(o, i, mend, p);
          } else if (m == Mark::kStraight) {
            // A " inside a " quote closes it, whatever its context: `"x he said "y` is two
            // quotes more often than one nested in the other.
            if (o.straight || !opening) {
              CloseOuter(o, i, mend, p);
            } else {
              open_inner(false, true, false, false, i, mend);
            }
          } else if (m == Mark::kOpenDouble) {
            open_inner(false, false, false, !o.straight, i, mend);
          } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
            open_inner(true, false, false, false, i, mend);
          }
        } else {
          if (single_close) {
            CloseOuter(o, i, mend, p);
          } else if (m == Mark::kOpenDouble || (m == Mark::kStraight && opening)) {
            open_inner(false, m == Mark::kStraight, false, false, i, mend);
          } else if (m == Mark::kOpenSingle && after != Cls::kSpace) {
            open_inner(true, false, false, true, i, mend);
          }
        }
      } else if (inner_single) {
        if (single_close) {
          close_inner(i, mend);
        } else if (o.apos  ? m == Mark::kTwoApostrophes && !opening
                   : o.low ? m == Mark::kCloseDouble || (m == Mark::kOpenDouble && !opening)
                           : !o.single &&
                                 (m == Mark::kCloseDouble || (m == Mark::kStraight && !opening))) {
          inner = false;
          CloseOuter(o, i, mend, p);
        }
      } else {
        if (inner_apos ? m == Mark::kTwoApostrophes && !opening
                       : (m == Mark::kCloseDouble && !inner_straight) ||
                             (m == Mark::kStraight && inner_straight)) {
          close_inner(i, mend);
        } else if (o.apos  ? m == Mark::kTwoApostrophes && !opening
                   : o.low ? m == Mark::kOpenDouble && !opening
                           : !o.single && ((m == Mark::kStraight && o.straight) ||
                                           (m == Mark::kCloseDouble && !o.straight))) {
          inner = false;
          CloseOuter(o, i, mend, p);
        } else if (o.single && single_close) {
          inner = false;
          CloseOuter(o, i, mend, p);
        }
      }
      i = mend - 1;
    }
    if (o.active) {
      // Continues when the next paragraph opens with a mark of the same family.
      bool cont = false;
      if (p + 1 < paras_.size()) {
        size_t len = 0;
        const uint32_t nb = paras_[p + 1].b;
        const Mark m = MarkHere(nb, len);
        cont = o.apos     ? m == Mark::kTwoApostrophes || m == Mark::kTwoBackticks
               : o.low    ? m == Mark::kOpenLow
               : o.single ? m == Mark::kOpenSingle
                          : (m == Mark::kOpenDouble || m == Mark::kStraight);
        if (cont) {
          if (pe > o.inner_begin) segs_.push_back({o.inner_begin, pe});
          o.inner_begin = static_cast<uint32_t>(nb + len);
          skip_to = o.inner_begin;
          nested_.clear();
        }
      }
      if (!cont) {
        segs_.resize(o.seg_first);
        o.active = false;
        // The outer mark was a stray one: the same-style quotes after it stand on their own.
        for (const Nested& n : nested_) {
          Open q = o;
          q.active = true, q.open = n.open, q.inner_begin = n.inner_begin;
          q.seg_first = static_cast<uint32_t>(segs_.size()), q.para = p;
          CloseOuter(q, n.close, n.close_end, p);
        }
        nested_.clear();
      }
    }
  }
}

// True when segment text starting at `seg_b` opens its paragraph, right after the quote mark
// that opens or reopens it: only there is "NAME:" a speaker label.
bool QuoteFinder::OpensParagraph(uint32_t seg_b) const {
  const uint32_t b = paras_[ParagraphOf(seg_b)].b;
  size_t len = 0;
  return MarkAt(t_, b, len) != Mark::kNone && b + len == seg_b;
}

uint32_t QuoteFinder::ParagraphOf(uint32_t pos) const {
  const auto it = std::upper_bound(paras_.begin(), paras_.end(), pos,
                                   [](uint32_t p, const Segment& s) { return p < s.b; });
  return it == paras_.begin() ? 0 : static_cast<uint32_t>(it - paras_.begin() - 1);
}

// A headline: a short paragraph (at most 30 words) with four or more words of four letters or
// more, at least 90% of them capitalized, outside quotes ("Reed told CNN’s Jake Tapper:" is
// a sentence).
bool QuoteFinder::TitleCase(uint32_t p) {
  if (title_case_.size() != paras_.size()) title_case_.assign(paras_.size(), -1);
  if (title_case_[p] < 0) title_case_[p] = ComputeTitleCase(p) ? 1 : 0;
  return title_case_[p] == 1;
}

bool QuoteFinder::ComputeTitleCase(uint32_t p) {
  ScanWords(t_, paras_[p].b, paras_[p].e, ws_t_, 31);
  int words = 0, long_words = 0, caps = 0;
  for (const W& w : ws_t_) {
    if (!IsWord(w)) continue;
    if (++words > 30) return false;
    if (InAnyQuote(w.b) || w.e - w.b < 4) continue;
    ++long_words;
    caps += IsCap(w);
  }
  return long_words >= 4 && caps * 10 >= long_words * 9;
}

bool QuoteFinder::InAnyQuote(uint32_t pos) const {
  // Quotes are sorted and disjoint: only the last one opening at or before pos can hold it.
  auto it = std::upper_bound(raws_.begin(), raws_.end(), pos,
                             [](uint32_t p, const RawQuote& r) { return p < r.open; });
  return it != raws_.begin() && pos < std::prev(it)->close_end;
}

}  // namespace newsflow::extract::quote_internal
