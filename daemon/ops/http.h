#pragma once
// The HTTP endpoint (ops.http_listen): GET /healthz, /readyz and /metrics, served by
// cpp-httplib (Debian's libcpp-httplib) on its own threads, off the message path: a scrape
// reads atomics and formats text; it never waits for the loop.
//
//   /healthz  200 "alive" while Health::Alive(), else 503 "stalled: no progress for N ms"
//   /readyz   200 "ready" while Health::Ready() and no stop was requested (SIGTERM), else 503
//             with the state (starting, draining, fenced, stalled)
//   /metrics  Metrics::Render(), Content-Type text/plain; version=0.0.4
//
// Lifecycle: Start() binds (an error names the address) and serves until the object is
// destroyed. Thread safety: Health and Metrics must outlive it.

#include <memory>
#include <string>

#include "daemon/ops/health.h"
#include "daemon/ops/metrics.h"

namespace newsflow::ops {

class HttpEndpoint {
 public:
  // `listen` is host:port; port 0 takes any free port (see port()).
  static std::unique_ptr<HttpEndpoint> Start(const std::string& listen, const Health& health,
                                             const Metrics& metrics, std::string& error);
  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  int port() const;
  const std::string& host() const;

 private:
  struct Impl;
  explicit HttpEndpoint(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsflow::ops
