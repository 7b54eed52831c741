// The quote stage's entry point and its run: pairing, turns, attribution, titles dropped and
// actor ids renumbered. The rules themselves: see quote_finder.h for which file owns what.

#include "daemon/extract/quotes.h"

#include "daemon/extract/quote_finder.h"

namespace newsflow::extract::quote_internal {

void QuoteFinder::Run(std::vector<Quote>& out) {
  const size_t actors_before = actors_.actors.size();
  const size_t mentions_before = actors_.mentions.size();
  SplitParagraphs();
  FindQuotes();
  SplitTurns();
  last_actor_ = -1;
  last_pos_ = 0;
  for (size_t qi = 0; qi < raws_.size(); ++qi) Attribute(qi, out);
  ShareBackwards(out);
  DropTitles(out);
  // New speakers, and new mentions (a transcript label can come before the name), can change
  // which actor is mentioned first.
  if (actors_.actors.size() != actors_before || actors_.mentions.size() != mentions_before) {
    Renumber(out);
  }
}

// Titles are no quotes: a fragment in Title Case ("Face the Nation", "State of the Union",
// "Contract with America") without a cue, outside a headline (where every word is
// capitalized and a quoted fragment is usually speech). A speaker found without a cue does
// not make it speech: the fragment rules give the sentence's subject to whatever it quotes
// ("Cruz named “Criminal Minds” as his top show"). Runs after every rule that looks at
// neighbouring quotes, which index `out` like `raws_`.
void QuoteFinder::DropTitles(std::vector<Quote>& out) {
  if (out.size() != raws_.size()) return;
  size_t w = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const bool title = out[i].cue.empty() && out[i].kind == QuoteKind::kPartial &&
                       !TitleCase(raws_[i].para_open) && LooksLikeTitle(raws_[i]);
    if (title) continue;
    if (w != i) out[w] = std::move(out[i]);
    ++w;
  }
  out.resize(w);
}

// Every word capitalized (or a number: "13th"), short function words aside, and at most
// eight words; not an exclamation or a question ("Feel the Bern!", "Mr. Ruiz?"): those are
// said, shouted or chanted.
bool QuoteFinder::LooksLikeTitle(const RawQuote& r) {
  if (r.seg_end != r.seg_first + 1) return false;
  const Segment& seg = segs_[r.seg_first];
  uint32_t last = seg.e;
  while (last > seg.b && (t_[last - 1] == ',' || ClassBefore(t_, last) == Cls::kSpace)) {
    last = static_cast<uint32_t>(LeadBefore(t_, last));
  }
  if (last > seg.b && (t_[last - 1] == '!' || t_[last - 1] == '?')) return false;
  ScanWords(t_, segs_[r.seg_first].b, segs_[r.seg_first].e, ws_h_, 9);
  int words = 0, caps = 0;
  for (const W& w : ws_h_) {
    if (!IsWord(w)) continue;
    ++words;
    const char c = t_[w.b];
    if (IsUpper(c) || (c >= '0' && c <= '9')) {
      ++caps;
    } else if (!In(List::kTitleFunctionWords, Str(w))) {
      return false;
    }
  }
  return caps > 0 && words <= 8;
}

// `Guns are “a” and “b,” Dean proclaimed`: a fragment left without a speaker that is listed
// with the next quote of its paragraph ("and", "or", commas only between) takes its speaker.
void QuoteFinder::ShareBackwards(std::vector<Quote>& out) {
  if (out.size() < 2 || out.size() != raws_.size()) return;
  for (size_t i = out.size() - 1; i-- > 0;) {
    if (out[i].speaker_id != 0 || out[i + 1].speaker_id == 0 ||
        out[i].kind != QuoteKind::kPartial || raws_[i].para_close != raws_[i + 1].para_open ||
        !ListedAfterPrevious(raws_[i].close_end, raws_[i + 1].open)) {
      continue;
    }
    out[i].speaker_id = out[i + 1].speaker_id;
    out[i].cue = out[i + 1].cue;
  }
}

// Actor ids follow first mentions; speakers added here may come before NER actors.
void QuoteFinder::Renumber(std::vector<Quote>& out) {
  const size_t n = actors_.actors.size();
  auto first = [&](uint32_t i) {
    const auto& ms = actors_.actors[i].mentions;
    return ms.empty() ? ~0u : ms.front().begin;
  };
  bool sorted = true;
  for (uint32_t i = 1; i < n && sorted; ++i) sorted = first(i - 1) <= first(i);
  if (sorted) return;  // the usual case: nothing to move
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return first(a) < first(b); });
  std::vector<uint32_t> new_of_old(n);
  std::vector<Actor> actors(n);
  std::vector<Gender> genders(n);
  for (uint32_t i = 0; i < n; ++i) {
    new_of_old[order[i]] = i;
    actors[i] = std::move(actors_.actors[order[i]]);
    actors[i].id = i + 1;
    genders[i] = actors_.genders[order[i]];
  }
  actors_.actors = std::move(actors);
  actors_.genders = std::move(genders);
  for (ActorMentionRef& m : actors_.mentions) m.actor_index = new_of_old[m.actor_index];
  for (Quote& q : out) {
    if (q.speaker_id != 0) q.speaker_id = new_of_old[q.speaker_id - 1] + 1;
  }
}

}  // namespace newsflow::extract::quote_internal

namespace newsflow::extract {

void ExtractQuotes(std::string_view text, const OffsetMap& offsets, ActorSet& actors,
                   std::vector<Quote>& out) {
  out.clear();
  quote_internal::QuoteFinder(text, offsets, actors).Run(out);
}

}  // namespace newsflow::extract
