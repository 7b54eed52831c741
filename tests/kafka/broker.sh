#!/usr/bin/env bash
# A throwaway single-node Apache Kafka broker (KRaft, combined broker+controller) for the
# integration tests. The jars come from Maven Central through a one-dependency pom; nothing is
# installed system-wide.
#
#   broker.sh fetch                          resolve the jars into the cache (idempotent)
#   broker.sh start DIR                      format and start a broker in DIR; prints host:port
#   broker.sh stop DIR                       SIGTERM, wait, SIGKILL after a timeout
#   broker.sh restart DIR                    stop, then start again on the same data and ports
#   broker.sh resume DIR                     start a stopped broker again (same data and ports)
#   broker.sh create-topic DIR NAME PARTS    create a topic on the broker started in DIR
#   broker.sh classpath                      print the classpath (after fetch)
#
# DIR receives: server.properties, log4j2.properties, data/ (log dirs), broker.log (the broker's
# own log), stdout.log (JVM output), bootstrap (host:port), pid. DIR is never deleted here, so the
# logs of a failed run stay for inspection.
#
# Environment:
#   KAFKA_HARNESS_VERSION   org.apache.kafka:kafka_2.13 version (default 4.1.2)
#   KAFKA_HARNESS_CACHE     cache root (default $HOME/.cache/newsflow)
#   KAFKA_HARNESS_LOG4J_VERSION   log4j-slf4j-impl version, the broker's slf4j binding (default 2.25.3)
#   KAFKA_HARNESS_HEAP      JVM heap (default 512m)
#   KAFKA_HARNESS_START_TIMEOUT  seconds to wait for the broker to answer (default 120)
set -euo pipefail

readonly KAFKA_VERSION="${KAFKA_HARNESS_VERSION:-4.1.2}"
readonly CACHE_ROOT="${KAFKA_HARNESS_CACHE:-${HOME}/.cache/newsflow}"
readonly KAFKA_HOME="${CACHE_ROOT}/kafka-${KAFKA_VERSION}"
readonly LIBS="${KAFKA_HOME}/libs"
# Must match the log4j-core version that kafka_2.13 brings (see libs/ after a fetch).
readonly LOG4J_VERSION="${KAFKA_HARNESS_LOG4J_VERSION:-2.25.3}"
readonly HEAP="${KAFKA_HARNESS_HEAP:-512m}"
readonly START_TIMEOUT="${KAFKA_HARNESS_START_TIMEOUT:-120}"
readonly STOP_TIMEOUT=30

die() {
  echo "broker.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------------------------
write_pom() {
  # kafka-tools brings TopicCommand for create-topic; kafka_2.13 has the server and StorageTool.
  cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.newsflow.test</groupId>
  <artifactId>kafka-broker-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${KAFKA_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>${KAFKA_VERSION}</version>
    </dependency>
    <!-- The server logs through slf4j 1.x; its POM brings no binding, so add Log4j2's. -->
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>${LOG4J_VERSION}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

cmd_fetch() {
  if [[ -f "${LIBS}/.complete" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (Debian package: maven)"
  command -v java >/dev/null || die "java not found (Debian package: openjdk-17-jre-headless)"
  mkdir -p "${KAFKA_HOME}"
  write_pom "${KAFKA_HOME}/pom.xml"
  local tmp="${LIBS}.tmp.$$"
  rm -rf "${tmp}"
  # -B: no colours or progress bars in CI logs.
  echo "broker.sh: resolving kafka_2.13:${KAFKA_VERSION} with maven into ${LIBS}" >&2
  if ! mvn -B -q -Dstyle.color=never -f "${KAFKA_HOME}/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="${tmp}" >"${KAFKA_HOME}/fetch.log" 2>&1; then
    tail -n 40 "${KAFKA_HOME}/fetch.log" >&2
    rm -rf "${tmp}"
    die "maven could not resolve kafka_2.13:${KAFKA_VERSION} (log: ${KAFKA_HOME}/fetch.log)"
  fi
  ls "${tmp}"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "${tmp}"; die "no kafka_2.13 jar resolved"; }
  touch "${tmp}/.complete"
  rm -rf "${LIBS}"
  mv "${tmp}" "${LIBS}"
}

classpath() {
  [[ -f "${LIBS}/.complete" ]] || die "jars missing: run '$0 fetch' first"
  echo "${LIBS}/*"
}

# ---------------------------------------------------------------------------------------------
# start / stop
# ---------------------------------------------------------------------------------------------
# Two distinct free loopback ports. With python3 the kernel picks them; without, random ports
# below the kernel's ephemeral range that nothing answers on. There is a short window before the
# broker binds them, which is acceptable for a test harness.
free_ports() {
  if command -v python3 >/dev/null; then
    python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
    return
  fi
  local ports=() p
  while ((${#ports[@]} < 2)); do
    p=$((20000 + RANDOM % 12000))
    [[ " ${ports[*]-} " == *" ${p} "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then
      ports+=("${p}")
    fi
  done
  echo "${ports[0]} ${ports[1]}"
}

# A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'.
cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "${id}" != -* ]] && break
  done
  echo "${id}"
}

java_opts() {
  local dir="$1"
  echo "-Xms${HEAP} -Xmx${HEAP} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true" \
    "-Dlog4j2.configurationFile=${dir}/log4j2.properties -Dkafka.logs.dir=${dir}"
}

write_configs() {
  local dir="$1" port="$2" cport="$3"
  cat >"${dir}/server.properties" <<EOF
# Written by tests/kafka/broker.sh: one node, broker and controller in one process.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${cport}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dir}/data
num.partitions=1
default.replication.factor=1
# Tests create every topic they use, with the partition count they need.
auto.create.topics.enable=false
# A single node cannot hold replicas of the internal topics.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fast groups: no delay before the first rebalance, short sessions allowed.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000
num.network.threads=2
num.io.threads=4
log.flush.interval.messages=9223372036854775807
EOF
  cat >"${dir}/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${dir}/broker.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF
  # Command-line tools (create-topic) log warnings to stderr, not into the broker's log.
  cat >"${dir}/tools-log4j2.properties" <<EOF
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = STDERR
EOF
}

is_running() {
  local pid="$1"
  [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null
}

# The broker answers a metadata request that lists itself.
answers_metadata() {
  local bootstrap="$1"
  if command -v kcat >/dev/null; then
    kcat -b "${bootstrap}" -L -m 3 2>/dev/null | grep -q "broker 1 at"
  else
    # Without kcat, fall back on the log line written once the broker serves requests.
    grep -q "Kafka Server started" "${DIR}/broker.log" 2>/dev/null
  fi
}

cmd_start() {
  DIR="$1"
  mkdir -p "${DIR}"
  DIR="$(cd "${DIR}" && pwd)"
  if [[ -f "${DIR}/pid" ]] && is_running "$(cat "${DIR}/pid")"; then
    die "a broker is already running from ${DIR} (pid $(cat "${DIR}/pid"))"
  fi
  cmd_fetch
  local cp
  cp="$(classpath)"
  rm -rf "${DIR}/data" "${DIR}/bootstrap" "${DIR}/pid" "${DIR}/stdout.log"
  local ports port cport
  ports="$(free_ports)"
  port="${ports% *}"
  cport="${ports#* }"
  write_configs "${DIR}" "${port}" "${cport}"
  local t0=${SECONDS}

  # shellcheck disable=SC2046
  java $(java_opts "${DIR}") -cp "${cp}" kafka.tools.StorageTool format \
    -t "$(cluster_id)" -c "${DIR}/server.properties" >"${DIR}/format.log" 2>&1 ||
    { cat "${DIR}/format.log" >&2; die "formatting the log dir failed (see ${DIR}/format.log)"; }

  launch "${DIR}" "127.0.0.1:${port}" "${t0}"
}

# Starts the broker of DIR (formatted, configs written) and waits until it answers on $2.
launch() {
  local dir="$1" bootstrap="$2" t0="$3" cp
  cp="$(classpath)"
  # setsid + redirected fds: the broker must not hold the caller's pipes open (ctest waits on them).
  # shellcheck disable=SC2046
  setsid java $(java_opts "${dir}") -cp "${cp}" kafka.Kafka "${dir}/server.properties" \
    </dev/null >>"${dir}/stdout.log" 2>&1 &
  local pid=$!
  echo "${pid}" >"${dir}/pid"

  local deadline=$((SECONDS + START_TIMEOUT))
  until answers_metadata "${bootstrap}"; do
    if ! is_running "${pid}"; then
      tail -n 30 "${dir}/broker.log" "${dir}/stdout.log" >&2 || true
      die "the broker exited during startup; logs in ${dir}"
    fi
    if ((SECONDS >= deadline)); then
      kill -KILL "${pid}" 2>/dev/null || true
      die "the broker did not answer within ${START_TIMEOUT}s; logs in ${dir}"
    fi
    sleep 0.5
  done
  echo "${bootstrap}" >"${dir}/bootstrap"
  echo "broker.sh: kafka ${KAFKA_VERSION} ready at ${bootstrap} (pid ${pid}, $((SECONDS - t0))s, dir ${dir})" >&2
  echo "${bootstrap}"
}

# Stops the broker of DIR and starts it again on the same data dir and ports: what a broker
# restart in production looks like to clients (same address, the log and offsets kept).
cmd_restart() {
  cmd_stop "$1"
  cmd_resume "$1"
}

# Starts a stopped broker again on its data dir and ports.
cmd_resume() {
  DIR="$(cd "$1" && pwd)"
  [[ -f "${DIR}/bootstrap" && -f "${DIR}/server.properties" ]] || die "no broker started in ${DIR}"
  if [[ -f "${DIR}/pid" ]] && is_running "$(cat "${DIR}/pid")"; then
    die "the broker of ${DIR} is running (pid $(cat "${DIR}/pid"))"
  fi
  local bootstrap t0=${SECONDS}
  bootstrap="$(cat "${DIR}/bootstrap")"
  launch "${DIR}" "${bootstrap}" "${t0}"
}

cmd_stop() {
  local dir="$1"
  [[ -f "${dir}/pid" ]] || { echo "broker.sh: no pid file in ${dir}; nothing to stop" >&2; return 0; }
  local pid
  pid="$(cat "${dir}/pid")"
  if ! is_running "${pid}"; then
    rm -f "${dir}/pid"
    return 0
  fi
  kill -TERM "${pid}" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while is_running "${pid}"; do
    if ((SECONDS >= deadline)); then
      echo "broker.sh: broker ${pid} ignored SIGTERM for ${STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "${pid}" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "${dir}/pid"
}

cmd_create_topic() {
  local dir="$1" name="$2" partitions="$3"
  [[ -f "${dir}/bootstrap" ]] || die "no broker started in ${dir}"
  local cp
  cp="$(classpath)"
  java -Xmx256m -Dlog4j2.configurationFile="${dir}/tools-log4j2.properties" -cp "${cp}" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$(cat "${dir}/bootstrap")" \
    --create --if-not-exists --topic "${name}" --partitions "${partitions}" \
    --replication-factor 1 >&2
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"
  shift
  case "${cmd}" in
    fetch) [[ $# -eq 0 ]] || usage; cmd_fetch ;;
    classpath) [[ $# -eq 0 ]] || usage; classpath ;;
    start) [[ $# -eq 1 ]] || usage; cmd_start "$1" ;;
    stop) [[ $# -eq 1 ]] || usage; cmd_stop "$1" ;;
    restart) [[ $# -eq 1 ]] || usage; cmd_restart "$1" ;;
    resume) [[ $# -eq 1 ]] || usage; cmd_resume "$1" ;;
    create-topic) [[ $# -eq 3 ]] || usage; cmd_create_topic "$@" ;;
    *) usage ;;
  esac
}

main "$@"
