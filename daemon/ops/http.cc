#include "daemon/ops/http.h"

#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "daemon/ops/signals.h"

namespace newsflow::ops {

const char* StateName(Health::State s) {
  switch (s) {
    case Health::State::kStarting:
      return "starting";
    case Health::State::kReady:
      return "ready";
    case Health::State::kDraining:
      return "draining";
    case Health::State::kFenced:
      return "fenced";
  }
  return "unknown";
}

struct HttpEndpoint::Impl {
  httplib::Server server;
  std::thread thread;
  std::atomic<bool> finished{false};
  std::string host;
  int port = 0;
};

std::unique_ptr<HttpEndpoint> HttpEndpoint::Start(const std::string& listen, const Health& health,
                                                  const Metrics& metrics, std::string& error) {
  auto impl = std::make_unique<Impl>();
  const auto colon = listen.rfind(':');
  impl->host = listen.substr(0, colon);
  // [::1]:9464 names an IPv6 host in brackets.
  if (impl->host.size() > 2 && impl->host.front() == '[' && impl->host.back() == ']') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  const int port = std::atoi(listen.c_str() + colon + 1);
  auto& s = impl->server;
  // Two threads are plenty for probes and a scrape every few seconds, and bound what a flood
  // of connections can take from the normalizing threads.
  s.new_task_queue = [] { return new httplib::ThreadPool(2); };
  s.set_keep_alive_max_count(100);
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_payload_max_length(1 << 16);
  // httplib's default adds SO_REUSEPORT, with which a second daemon on the same port would
  // bind too and answer every other scrape: refuse a taken port instead.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.Get("/healthz", [&health](const httplib::Request&, httplib::Response& res) {
    if (health.Alive()) {
      res.set_content("alive\n", "text/plain");
    } else {
      res.status = 503;
      res.set_content("stalled: no progress for " + std::to_string(health.SinceBeat().count()) +
                          " ms (ops.stall_timeout_ms = " +
                          std::to_string(health.stall_timeout().count()) + ")\n",
                      "text/plain");
    }
  });
  s.Get("/readyz", [&health](const httplib::Request&, httplib::Response& res) {
    // Not ready from the moment SIGTERM arrives (the loop notices at its next poll window):
    // load balancers and Kubernetes stop routing before the drain starts.
    if (StopRequested()) {
      res.status = 503;
      res.set_content("draining\n", "text/plain");
      return;
    }
    if (health.Ready()) {
      res.set_content("ready\n", "text/plain");
      return;
    }
    res.status = 503;
    res.set_content(std::string(health.Alive() ? StateName(health.state()) : "stalled") + "\n",
                    "text/plain");
  });
  s.Get("/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  s.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("newsflowd: /healthz /readyz /metrics\n", "text/plain");
  });
  if (port == 0) {
    impl->port = s.bind_to_any_port(impl->host);
  } else {
    impl->port = s.bind_to_port(impl->host, port) ? port : -1;
  }
  if (impl->port <= 0) {
    error = "ops.http_listen: cannot listen on " + listen + ": " + std::strerror(errno);
    return nullptr;
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] {
    raw->server.listen_after_bind();
    raw->finished.store(true);
  });
  // stop() is a no-op until the server runs: without this wait, an endpoint destroyed right
  // after Start() would leave its thread serving forever (and the destructor waiting for it).
  while (!raw->server.is_running() && !raw->finished.load()) std::this_thread::yield();
  return std::unique_ptr<HttpEndpoint>(new HttpEndpoint(std::move(impl)));
}

HttpEndpoint::HttpEndpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpEndpoint::~HttpEndpoint() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

int HttpEndpoint::port() const { return impl_->port; }
const std::string& HttpEndpoint::host() const { return impl_->host; }

}  // namespace newsflow::ops
