#pragma once
// Normalizer: batch of raw messages in → NormalizedArticle records (or rejections) out, in
// input order, through a Sink. No broker inside: `newsflowd run` feeds it from Kafka,
// `newsflowd normalize` from stdin, tests from vectors — the same code path for all.
//
// Lifecycle: built once at start over a loaded Extractor (which must outlive it).
// Thread safety: Normalize() and ProcessBatch() are const and may run concurrently.

#include <map>
#include <span>
#include <string>

#include "daemon/extract/extractor.h"
#include "daemon/pipeline/decode.h"
#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {

// Where results go. Implementations: Kafka producer, JSON lines writer, test collector.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Publish(const RawMessage& origin, const newsflow::v1::NormalizedArticle& record) = 0;
  virtual void Reject(const RawMessage& origin, const Rejection& why) = 0;
};

// Sees every extraction (the daemon's metrics). Called on whichever thread normalized the
// article (see workers.h): implementations must be thread-safe.
class ExtractionObserver {
 public:
  virtual ~ExtractionObserver() = default;
  virtual void Observe(const extract::Extraction& extraction) = 0;
};

struct NormalizerOptions {
  DecodeOptions decode;
  std::string normalizer_version;  // goes into every record's provenance
  std::string backfill;            // provenance.backfill: the replay's group id, "" when live
  extract::BudgetPolicy budget;    // per-article work budget; {} = unlimited
  ExtractionObserver* observer = nullptr;
};

class Normalizer {
 public:
  Normalizer(const extract::Extractor& extractor, NormalizerOptions options);

  // Decodes and extracts one message. Returns false and fills `why` for bad input.
  bool Normalize(const RawMessage& message, newsflow::v1::NormalizedArticle& record,
                 Rejection& why) const;

  // Every message yields exactly one Publish or one Reject call, in input order.
  void ProcessBatch(std::span<const RawMessage> batch, Sink& sink) const;

 private:
  const extract::Extractor& extractor_;
  NormalizerOptions options_;
  std::map<std::string, std::string> model_versions_;
};

// Copies extraction results into the record (the only place that maps extract → proto).
void FillExtraction(const extract::Extraction& in, newsflow::v1::NormalizedArticle& record);

}  // namespace newsflow::pipeline
