#include "daemon/kafka/replay.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>
#include <set>
#include <sstream>

#include "daemon/kafka/client.h"
#include "daemon/ops/logging.h"
#include "daemon/pipeline/decode.h"
#include "daemon/pipeline/sha256.h"

namespace newsflow::kafka {
namespace {

constexpr int kTimeoutMs = 15000;
constexpr std::string_view kMetadataPrefix = "newsflow-replay end=";

struct Bound {
  enum Kind { kEarliest, kLatest, kTime, kOffsets } kind = kEarliest;
  int64_t ms = 0;
  std::map<int32_t, int64_t> offsets;
};

bool ParseInt(std::string_view s, int64_t& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "earliest" | "latest" | RFC 3339 | "P:O,P:O"; "" when well-formed, else the problem.
std::string ParseBound(const std::string& text, const char* flag, Bound& b) {
  if (text == "earliest") {
    b.kind = Bound::kEarliest;
    return "";
  }
  if (text == "latest") {
    b.kind = Bound::kLatest;
    return "";
  }
  if (text.find('T') != std::string::npos || text.find('t') != std::string::npos) {
    b.kind = Bound::kTime;
    if (!ParseTimeMs(text, b.ms)) {
      return std::string(flag) + " '" + text +
             "' is not an RFC 3339 time (e.g. 2026-03-01T00:00:00Z)";
    }
    return "";
  }
  b.kind = Bound::kOffsets;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    auto colon = item.find(':');
    int64_t p = 0, o = 0;
    if (colon == std::string::npos || !ParseInt(std::string_view(item).substr(0, colon), p) ||
        !ParseInt(std::string_view(item).substr(colon + 1), o) || p < 0 || o < 0) {
      return std::string(flag) + " '" + text +
             "': expected earliest, latest, an RFC 3339 time or PARTITION:OFFSET,…";
    }
    b.offsets[static_cast<int32_t>(p)] = o;
  }
  if (b.offsets.empty()) return std::string(flag) + ": empty offset list";
  return "";
}

}  // namespace

bool ParseTimeMs(const std::string& text, int64_t& ms) {
  auto normalized = pipeline::NormalizeRfc3339(text);  // "YYYY-MM-DDTHH:MM:SS[.f]Z"
  if (!normalized) return false;
  std::tm tm{};
  const std::string& n = *normalized;
  tm.tm_year = std::stoi(n.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(n.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(n.substr(8, 2));
  tm.tm_hour = std::stoi(n.substr(11, 2));
  tm.tm_min = std::stoi(n.substr(14, 2));
  tm.tm_sec = std::stoi(n.substr(17, 2));
  int64_t millis = 0;
  if (n.size() > 20 && n[19] == '.') {
    std::string frac = n.substr(20, n.size() - 21);
    frac.resize(3, '0');
    millis = std::stoi(frac.substr(0, 3));
  }
  ms = static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
  return true;
}

std::string ReplayEndMetadata(int64_t end) {
  return std::string(kMetadataPrefix) + std::to_string(end);
}

bool ParseReplayEndMetadata(const std::string& metadata, int64_t& end) {
  if (!metadata.starts_with(kMetadataPrefix)) return false;
  return ParseInt(std::string_view(metadata).substr(kMetadataPrefix.size()), end);
}

ReplayError CheckReplayBounds(const ReplayRequest& request) {
  Bound from, to;
  if (auto e = ParseBound(request.from, "--from", from); !e.empty()) return {e, true};
  if (auto e = ParseBound(request.to, "--to", to); !e.empty()) return {e, true};
  if (from.kind == Bound::kLatest) return {"--from latest: the range would be empty", true};
  if (to.kind == Bound::kEarliest) return {"--to earliest: the range would be empty", true};
  if (from.kind == Bound::kTime && to.kind == Bound::kTime && from.ms > to.ms) {
    return {"--from " + request.from + " is after --to " + request.to, true};
  }
  if (from.kind == Bound::kOffsets && to.kind == Bound::kOffsets) {
    for (const auto& [p, o] : from.offsets) {
      auto it = to.offsets.find(p);
      if (it != to.offsets.end() && o > it->second) {
        return {"--from " + std::to_string(p) + ":" + std::to_string(o) + " is after --to " +
                    std::to_string(p) + ":" + std::to_string(it->second),
                true};
      }
    }
  }
  if ((from.kind == Bound::kOffsets || to.kind == Bound::kOffsets) && request.topics.size() > 1) {
    return {"PARTITION:OFFSET bounds need a single topic (--topic)", true};
  }
  return {};
}

std::string ReplayGroupId(const ReplayRequest& request, const std::string& output_topic) {
  std::string key;
  for (const auto& t : request.topics) key += t + ",";
  key += "|" + request.from + "|" + request.to + "|" + output_topic;
  return "newsflowd-replay-" + pipeline::Sha256Hex(key, 6);
}

bool ResolveReplay(const ops::Config& config, const ReplayRequest& request, ReplayPlan& plan,
                   ReplayError& error) {
  error = CheckReplayBounds(request);
  if (!error.message.empty()) return false;
  Bound from, to;
  ParseBound(request.from, "--from", from);
  ParseBound(request.to, "--to", to);
  plan = ReplayPlan{};
  plan.range.group_id =
      request.group.empty() ? ReplayGroupId(request, config.kafka.output_topic) : request.group;

  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  RouteLogs(conf);
  // kafka.client (TLS, SASL) first, as the run loop does: a secured cluster needs it here too.
  std::map<std::string, std::string> props = config.kafka.client;
  for (const auto& [k, v] : config.kafka.consumer) props[k] = v;
  props["bootstrap.servers"] = config.kafka.brokers;
  props["group.id"] = plan.range.group_id;
  props["enable.auto.commit"] = "false";
  props["isolation.level"] = "read_committed";
  if (auto e = ApplyProperties(conf, props, "kafka.consumer"); !e.empty()) {
    rd_kafka_conf_destroy(conf);
    error = {e, false};
    return false;
  }
  Handle consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err));
  if (!consumer) {
    error = {std::string("cannot create a consumer: ") + err, false};
    return false;
  }

  // Partitions of each topic, from the cluster's metadata.
  std::vector<std::pair<std::string, int32_t>> partitions;
  for (const auto& topic : request.topics) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(consumer.get(), topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t e = rd_kafka_metadata(consumer.get(), 0, rkt, &md, kTimeoutMs);
    rd_kafka_topic_destroy(rkt);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      error = {"cannot read the metadata of " + topic + ": " + rd_kafka_err2str(e), false};
      return false;
    }
    const bool unknown = md->topic_cnt != 1 ||
                         md->topics[0].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
                         md->topics[0].partition_cnt == 0;
    if (!unknown) {
      for (int i = 0; i < md->topics[0].partition_cnt; ++i) {
        partitions.emplace_back(topic, md->topics[0].partitions[i].id);
      }
    }
    rd_kafka_metadata_destroy(md);
    if (unknown) {
      error = {"topic " + topic + " does not exist on " + config.kafka.brokers, true};
      return false;
    }
  }
  std::sort(partitions.begin(), partitions.end());
  for (const auto* b : {&from, &to}) {
    for (const auto& [p, o] : b->offsets) {
      if (std::none_of(partitions.begin(), partitions.end(),
                       [&](const auto& tp) { return tp.second == p; })) {
        error = {"partition " + std::to_string(p) + " does not exist in " + request.topics[0],
                 true};
        return false;
      }
    }
  }

  // Times → offsets, one request per bound.
  auto times = [&](int64_t ms, std::map<std::pair<std::string, int32_t>, int64_t>& out) {
    PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& [t, p] : partitions) {
      rd_kafka_topic_partition_list_add(list.get(), t.c_str(), p)->offset = ms;
    }
    rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(consumer.get(), list.get(), kTimeoutMs);
    if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
      error = {std::string("offsets_for_times: ") + rd_kafka_err2str(e), false};
      return false;
    }
    for (int i = 0; i < list->cnt; ++i) {
      out[{list->elems[i].topic, list->elems[i].partition}] = list->elems[i].offset;
    }
    return true;
  };
  std::map<std::pair<std::string, int32_t>, int64_t> from_times, to_times;
  if (from.kind == Bound::kTime && !times(from.ms, from_times)) return false;
  if (to.kind == Bound::kTime && !times(to.ms, to_times)) return false;

  // Where an interrupted run of the same replay stopped, and the end it had.
  PartitionList committed(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& [t, p] : partitions)
    rd_kafka_topic_partition_list_add(committed.get(), t.c_str(), p);
  // read_committed asks for stable offsets: while a killed run's transaction is still open
  // (its offsets sent, its end never), the coordinator answers "unstable" until the broker
  // aborts it, at most the producer's transaction.timeout.ms (60 s) after it began; librdkafka
  // retries that internally and reports a time-out. Waiting it out is right: the offsets that
  // then stand are the ones the output matches.
  rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR__TIMED_OUT;
  for (int tries = 0; tries < 5 && e == RD_KAFKA_RESP_ERR__TIMED_OUT; ++tries) {
    e = rd_kafka_committed(consumer.get(), committed.get(), kTimeoutMs);
  }
  if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
    error = {std::string("cannot read the replay group's offsets: ") + rd_kafka_err2str(e), false};
    return false;
  }

  for (size_t i = 0; i < partitions.size(); ++i) {
    const auto& [topic, p] = partitions[i];
    int64_t lo = 0, hi = 0;
    if (auto e = rd_kafka_query_watermark_offsets(consumer.get(), topic.c_str(), p, &lo, &hi,
                                                  kTimeoutMs)) {
      error = {"watermarks of " + topic + "[" + std::to_string(p) + "]: " + rd_kafka_err2str(e),
               false};
      return false;
    }
    auto resolve = [&](const Bound& b, const std::map<std::pair<std::string, int32_t>, int64_t>& t,
                       bool is_from) -> int64_t {
      switch (b.kind) {
        case Bound::kEarliest:
          return lo;
        case Bound::kLatest:
          return hi;
        case Bound::kTime: {
          const int64_t o = t.at({topic, p});
          return o < 0 ? hi : o;  // no message at or after that time: the end of the log
        }
        case Bound::kOffsets: {
          auto it = b.offsets.find(p);
          return it != b.offsets.end() ? it->second : (is_from ? lo : hi);
        }
      }
      return lo;
    };
    ReplayPlanRow row;
    row.topic = topic;
    row.partition = p;
    row.begin = resolve(from, from_times, true);
    row.end = std::min(resolve(to, to_times, false), hi);
    const rd_kafka_topic_partition_t& c = committed->elems[i];
    int64_t kept_end = 0;
    if (c.metadata != nullptr &&
        ParseReplayEndMetadata(std::string(static_cast<const char*>(c.metadata), c.metadata_size),
                               kept_end)) {
      row.end = std::min(kept_end, hi);
    }
    if (row.begin < lo) {
      plan.notes.push_back(topic + "[" + std::to_string(p) + "]: the range begins at offset " +
                           std::to_string(row.begin) + ", before the log start " +
                           std::to_string(lo) + " (older messages were deleted); starting there");
      row.begin = lo;
    }
    if (row.end < row.begin) row.end = row.begin;
    row.start = row.begin;
    if (c.offset >= 0 && c.offset > row.begin) {
      row.start = std::min(c.offset, row.end);
      plan.notes.push_back(topic + "[" + std::to_string(p) + "]: resuming at offset " +
                           std::to_string(row.start) + " (committed by an earlier run of " +
                           plan.range.group_id + ")");
    }
    if (row.begin == row.end) {
      plan.notes.push_back(topic + "[" + std::to_string(p) + "]: nothing in the range");
    }
    plan.range.partitions[{topic, p}] = {row.start, row.end};
    plan.range.total += row.end - row.begin;
    plan.range.done += row.start - row.begin;
    plan.rows.push_back(row);
  }
  return true;
}

}  // namespace newsflow::kafka
