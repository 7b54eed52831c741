#include "daemon/extract/extractor.h"

#include <chrono>
#include <optional>

#include "daemon/extract/actors.h"
#include "daemon/extract/entities.h"
#include "daemon/extract/gazetteer.h"
#include "daemon/extract/locations.h"
#include "daemon/extract/ner.h"
#include "daemon/extract/quotes.h"
#include "daemon/extract/tokenizer.h"
#include "daemon/extract/utf8.h"

namespace newsflow::extract {

// Stages, in order: tokenize → NER → places (gazetteer) → actors (which drop ORG spans that
// are resolved places) → quotes (which may add speakers the NER missed).
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
  out.seconds.ner = lap();
  if (impl_->ner) {
    if (budget.Spent()) {
      out.budget_stop = "ner";
      // The spans tagged so far still make actors: a person named in the first paragraphs is
      // worth publishing; places and quotes wait for a budget that was not spent.
      const OffsetMap offsets(body_utf8);
      ActorSet actors;
      GroupActors(body_utf8, tokens, entities, offsets, actors, nullptr);
      out.actors = std::move(actors.actors);
      out.seconds.actors = lap();
      return out;
    }
  }
  const OffsetMap offsets(body_utf8);
  if (impl_->geoparser) {
    impl_->geoparser->Find(body_utf8, tokens, entities, offsets, out.locations);
  }
  out.seconds.places = lap();
  if (budget.Spent()) {
    out.budget_stop = "actors";
    return out;
  }
  // Actors before quotes: speakers resolve to actors, and quotes may add the ones NER missed.
  ActorSet actors;
  // Places the geoparser resolved are no organizations ("Verbier" tagged ORG).
  GroupActors(body_utf8, tokens, entities, offsets, actors, &out.locations);
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
