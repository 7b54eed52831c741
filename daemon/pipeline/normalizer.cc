#include "daemon/pipeline/normalizer.h"

#include <variant>

namespace newsflow::pipeline {
namespace {

void FillMention(const extract::Mention& m, newsflow::v1::Mention* out) {
  out->set_begin(m.begin);
  out->set_end(m.end);
  if (m.demonym) out->set_demonym(true);
  if (m.agent) out->set_agent(true);
}

newsflow::v1::Actor::Type ActorType(extract::ActorType t) {
  switch (t) {
    case extract::ActorType::kPerson:
      return newsflow::v1::Actor::PERSON;
    case extract::ActorType::kOrganization:
      return newsflow::v1::Actor::ORGANIZATION;
    case extract::ActorType::kUnknown:
      break;
  }
  return newsflow::v1::Actor::TYPE_UNSPECIFIED;
}

newsflow::v1::Quote::Kind QuoteKind(extract::QuoteKind k) {
  switch (k) {
    case extract::QuoteKind::kFull:
      return newsflow::v1::Quote::FULL;
    case extract::QuoteKind::kPartial:
      return newsflow::v1::Quote::PARTIAL;
    case extract::QuoteKind::kUnknown:
      break;
  }
  return newsflow::v1::Quote::KIND_UNSPECIFIED;
}

newsflow::v1::Location::Feature LocationFeature(extract::Feature f) {
  switch (f) {
    case extract::Feature::kContinent:
      return newsflow::v1::Location::CONTINENT;
    case extract::Feature::kCountry:
      return newsflow::v1::Location::COUNTRY;
    case extract::Feature::kRegion:
      return newsflow::v1::Location::REGION;
    case extract::Feature::kCity:
      return newsflow::v1::Location::CITY;
    case extract::Feature::kOther:
      return newsflow::v1::Location::OTHER;
    case extract::Feature::kUnknown:
      break;
  }
  return newsflow::v1::Location::FEATURE_UNSPECIFIED;
}

newsflow::v1::Credit::Kind CreditKind(extract::CreditKind k) {
  switch (k) {
    case extract::CreditKind::kByline:
      return newsflow::v1::Credit::BYLINE;
    case extract::CreditKind::kContributor:
      return newsflow::v1::Credit::CONTRIBUTOR;
    case extract::CreditKind::kPhoto:
      return newsflow::v1::Credit::PHOTO;
    case extract::CreditKind::kSource:
      return newsflow::v1::Credit::SOURCE;
    case extract::CreditKind::kCopyright:
      return newsflow::v1::Credit::COPYRIGHT;
    case extract::CreditKind::kUnknown:
      break;
  }
  return newsflow::v1::Credit::KIND_UNSPECIFIED;
}

}  // namespace

void FillExtraction(const extract::Extraction& in, newsflow::v1::NormalizedArticle& record) {
  for (const auto& a : in.actors) {
    auto* out = record.add_actors();
    out->set_id(a.id);
    out->set_name(a.name);
    out->set_type(ActorType(a.type));
    for (const auto& r : a.roles) out->add_roles(r);
    out->set_country_code(a.country_code);
    for (const auto& m : a.mentions) FillMention(m, out->add_mentions());
  }
  for (const auto& q : in.quotes) {
    auto* out = record.add_quotes();
    out->set_text(q.text);
    out->set_begin(q.begin);
    out->set_end(q.end);
    if (q.speaker_id != 0) out->set_speaker_id(q.speaker_id);
    out->set_cue(q.cue);
    out->set_kind(QuoteKind(q.kind));
  }
  for (const auto& l : in.locations) {
    auto* out = record.add_locations();
    out->set_name(l.name);
    out->set_geonames_id(l.geonames_id);
    out->set_country_code(l.country_code);
    out->set_admin1(l.admin1);
    out->set_latitude(l.latitude);
    out->set_longitude(l.longitude);
    out->set_feature(LocationFeature(l.feature));
    out->set_gazetteer_name(l.gazetteer_name);
    for (const auto& m : l.mentions) FillMention(m, out->add_mentions());
  }
  for (const auto& c : in.credits) {
    auto* out = record.add_credits();
    out->set_kind(CreditKind(c.kind));
    out->set_role(c.role);
    for (const auto& p : c.people) out->add_people(p);
    for (const auto& a : c.agencies) out->add_agencies(a);
    out->set_begin(c.begin);
    out->set_end(c.end);
  }
  if (in.dateline.end != 0) {
    auto* d = record.mutable_dateline();
    d->set_place(in.dateline.place);
    d->set_date(in.dateline.date);
    d->set_agency(in.dateline.agency);
    d->set_geonames_id(in.dateline.geonames_id);
    d->set_begin(in.dateline.begin);
    d->set_end(in.dateline.end);
  }
}

Normalizer::Normalizer(const extract::Extractor& extractor, NormalizerOptions options)
    : extractor_(extractor), options_(std::move(options)) {
  if (!extractor_.ner_model_version().empty()) {
    model_versions_["ner"] = extractor_.ner_model_version();
  }
  if (!extractor_.gazetteer_version().empty()) {
    model_versions_["gazetteer"] = extractor_.gazetteer_version();
  }
}

bool Normalizer::Normalize(const RawMessage& message, newsflow::v1::NormalizedArticle& record,
                           Rejection& why) const {
  DecodeResult decoded = Decode(message, options_.decode);
  if (auto* r = std::get_if<Rejection>(&decoded)) {
    why = std::move(*r);
    return false;
  }
  auto& item = std::get<DecodedItem>(decoded);
  extract::Extraction extraction =
      extractor_.Extract(item.body, extract::Budget::For(item.body.size(), options_.budget));
  if (options_.observer != nullptr) options_.observer->Observe(extraction);
  record.Clear();
  record.set_id(std::move(item.id));
  record.set_source(std::move(item.source));
  record.set_url(std::move(item.url));
  record.set_title(std::move(item.title));
  record.set_published_at(std::move(item.published_at));
  record.set_language(std::move(item.language));
  record.set_body(std::move(item.body));
  FillExtraction(extraction, record);
  if (!extraction.budget_stop.empty()) {
    record.set_truncated(true);
    record.add_warnings("work_budget_exceeded:" + extraction.budget_stop);
  }
  auto* prov = record.mutable_provenance();
  prov->set_input_topic(std::string(message.topic));
  prov->set_partition(message.partition);
  prov->set_offset(message.offset);
  prov->set_normalizer_version(options_.normalizer_version);
  prov->set_input_format(std::string(InputFormatName(message.format)));
  if (!options_.backfill.empty()) prov->set_backfill(options_.backfill);
  for (const auto& [k, v] : model_versions_) (*prov->mutable_model_versions())[k] = v;
  return true;
}

void Normalizer::ProcessBatch(std::span<const RawMessage> batch, Sink& sink) const {
  newsflow::v1::NormalizedArticle record;
  Rejection why;
  for (const RawMessage& message : batch) {
    if (Normalize(message, record, why)) {
      sink.Publish(message, record);
    } else {
      sink.Reject(message, why);
    }
  }
}

}  // namespace newsflow::pipeline
