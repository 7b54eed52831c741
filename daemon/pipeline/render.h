#pragma once
// Renderings of records for people and for JSON consumers. The record is the same whatever the
// rendering: `newsflowd normalize` (json, --pretty, --summary), the Kafka sink's `json` output
// format and the daemon's per-record log line all go through here, so they cannot disagree.
//
// Pure functions, thread-safe, no I/O.

#include <google/protobuf/message.h>

#include <string>

#include "proto/newsflow/v1/article.pb.h"

namespace newsflow::pipeline {

// Proto3 JSON mapping with the .proto's field names and every zero value printed (`begin: 0`,
// `country_code: ""`, empty lists), so a reader sees each field the schema has. An unset
// `optional` field (Quote.speaker_id) stays absent: its absence is the information. One line
// without a trailing newline when !pretty; indented by two spaces when pretty.
// Written by our own reflection walk (json_writer.h), byte for byte what protobuf's converter
// prints (RecordToJsonByProtobuf), without its cost.
std::string RecordToJson(const google::protobuf::Message& m, bool pretty);

// RecordToJson appended to `out`, for callers that reuse one string per record.
void AppendRecordJson(const google::protobuf::Message& m, bool pretty, std::string& out);

// The same rendering by protobuf's util::BinaryToJsonString over a deterministic serialization:
// what RecordToJson falls back to for a message the writer does not render (well-known types,
// other descriptor pools: none in the newsflow schema), and what the tests compare it with.
std::string RecordToJsonByProtobuf(const google::protobuf::Message& m, bool pretty);

// A plain-text table per article, several lines, each ending in "\n": the title, then actors
// (type, roles, country), quotes (speaker name, cue, text) and places (GeoNames id, country
// code, coordinates, feature).
std::string RecordSummary(const newsflow::v1::NormalizedArticle& record);

// One line for a log, no newline inside: the title (cut to about 60 characters), the actors
// with the most mentions (up to 3 names), the first quotes with their speakers (up to 2, text
// cut), the places with the most mentions and their country codes (up to 3), each list with
// "+N" for what was left out.
std::string RecordLogLine(const newsflow::v1::NormalizedArticle& record);

}  // namespace newsflow::pipeline
