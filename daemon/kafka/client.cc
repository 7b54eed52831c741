#include "daemon/kafka/client.h"

#include "daemon/ops/config.h"
#include "daemon/ops/logging.h"

namespace newsflow::kafka {
namespace {

void LogCallback(const rd_kafka_t* rk, int level, const char* fac, const char* buf) {
  static auto log = ops::Logger("rdkafka");
  // syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug.
  spdlog::level::level_enum lv = level <= 3   ? spdlog::level::err
                                 : level == 4 ? spdlog::level::warn
                                 : level <= 6 ? spdlog::level::info
                                              : spdlog::level::debug;
  log->log(lv, "{} {}: {}", rd_kafka_name(rk), fac, buf);
}

}  // namespace

std::string ApplyProperties(rd_kafka_conf_t* conf, const std::map<std::string, std::string>& props,
                            const std::string& what) {
  char err[512];
  for (const auto& [k, v] : props) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      // librdkafka's message quotes the value: not for a secret.
      if (ops::IsSecretProperty(k)) return what + "." + k + ": invalid value (not shown: secret)";
      return what + "." + k + ": " + err;
    }
  }
  return "";
}

void RouteLogs(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_log_cb(conf, LogCallback);
  // Log from librdkafka's own threads straight into spdlog (which is thread-safe), instead of
  // queueing them for a poll call that a blocked consumer may not make for a while.
  char err[256];
  rd_kafka_conf_set(conf, "log.queue", "false", err, sizeof err);
}

}  // namespace newsflow::kafka
