#include "daemon/extract/extractor.h"

#include <chrono>
#include <optional>

#include "daemon/extract/actors.h"
#include "daemon/extract/credits.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/gazetteer.h"
#include "daemon/extract/locations.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/sports.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {
namespace {

// The entity spans that lie inside no credited name: a photographer's name is no actor.
void DropCreditedSpans(const Credits& credits, const TokenizedText& tokens, EntitySpans& entities) {
  if (credits.name_bytes.empty()) return;
  std::erase_if(entities, [&](const EntitySpan& s) {
    return Credited(credits, tokens.tokens[s.first_token].begin,
                    tokens.tokens[s.end_token - 1].end);
  });
}

// The credits and dateline go to the record; the name ranges stay for DropCreditedMentions.
void MoveCredits(Credits& credits, Extraction& out) {
  out.credits = std::move(credits.credits);
  out.dateline = std::move(credits.dateline);
}

}  // namespace

// Stages, in order: tokenize → NER → credits → places (gazetteer) → actors (which drop ORG
// spans that are resolved places, and credited names) → quotes (which may add speakers the NER
// missed).
struct Extractor::Impl {
  ExtractorOptions options;
  std::string ner_version;
  std::string gazetteer_version;
  std::optional<NerModel> ner;
  std::optional<Gazetteer> gazetteer;
  std::optional<Geoparser> geoparser;  // borrows *gazetteer (Impl is heap-allocated, never moves)
};

Result<Extractor> Extractor::Load(const ExtractorOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (!options.ner_model_path.empty()) {
    auto ner = NerModel::Load(options.ner_model_path);
    if (!ner.ok()) return Error{ner.error()};
    impl->ner_version = ner.value().version();
    impl->ner.emplace(std::move(ner).value());
  }
  if (!options.gazetteer_path.empty()) {
    auto gaz = Gazetteer::Load(options.gazetteer_path);
    if (!gaz.ok()) return Error{gaz.error()};
    impl->gazetteer_version = gaz.value().data_version();
    impl->gazetteer.emplace(std::move(gaz).value());
    impl->geoparser.emplace(*impl->gazetteer);
  }
  return Extractor(std::move(impl));
}

Extraction Extractor::Extract(std::string_view body_utf8, const Budget& budget) const {
  Extraction out;
  using Clock = std::chrono::steady_clock;
  auto mark = Clock::now();
  // Seconds since the previous call (the stage just finished).
  auto lap = [&mark] {
    const auto now = Clock::now();
    const double s = std::chrono::duration<double>(now - mark).count();
    mark = now;
    return s;
  };
  // Tokens and entity spans feed the later stages (actors, quotes, locations).
  TokenizedText tokens;
  Tokenize(body_utf8, tokens);
  EntitySpans entities;
  if (impl_->ner) {
    impl_->ner->Tag(body_utf8, tokens, entities, &budget);
  }
  // A results report's clubs are teams even where the tagger read the town ("Swansea v
  // Lincoln"): organizations for the actors, no places for the geoparser.
  if (ReportsSportsResults(body_utf8, tokens, entities)) RetypeTeams(body_utf8, tokens, entities);
  out.seconds.ner = lap();
  const OffsetMap offsets(body_utf8);
  Credits credits;
  FindCredits(body_utf8, tokens, offsets, credits);
  DropCreditedSpans(credits, tokens, entities);
  if (impl_->ner) {
    if (budget.Spent()) {
      out.budget_stop = "ner";
      // The spans tagged so far still make actors: a person named in the first paragraphs is
      // worth publishing; places and quotes wait for a budget that was not spent.
      ActorSet actors;
      GroupActors(body_utf8, tokens, entities, offsets, actors, nullptr);
      DropCreditedMentions(credits, offsets, actors);
      out.actors = std::move(actors.actors);
      MoveCredits(credits, out);
      out.seconds.actors = lap();
      return out;
    }
  }
  if (impl_->geoparser) {
    impl_->geoparser->Find(body_utf8, tokens, entities, offsets, out.locations);
  }
  LinkDateline(out.locations, credits.dateline);
  MoveCredits(credits, out);
  out.seconds.places = lap();
  if (budget.Spent()) {
    out.budget_stop = "actors";
    return out;
  }
  // Actors before quotes: speakers resolve to actors, and quotes may add the ones NER missed.
  ActorSet actors;
  // Places the geoparser resolved are no organizations ("Verbier" tagged ORG).
  GroupActors(body_utf8, tokens, entities, offsets, actors, &out.locations);
  DropCreditedMentions(credits, offsets, actors);
  out.seconds.actors = lap();
  if (budget.Spent()) {
    out.budget_stop = "quotes";
  } else {
    ExtractQuotes(body_utf8, offsets, actors, out.quotes);  // the last stage: nothing lost
    out.seconds.quotes = lap();
  }
  out.actors = std::move(actors.actors);
  return out;
}

const std::string& Extractor::ner_model_version() const { return impl_->ner_version; }
const std::string& Extractor::gazetteer_version() const { return impl_->gazetteer_version; }

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

}  // namespace newsflow::extract
