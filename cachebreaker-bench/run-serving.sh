#!/usr/bin/env bash
# Benchmark 1, serving: one embedded Tomcat 11 serves the same three files through cachebreaker's servlet
# (/static/<token>/...) and Tomcat's DefaultServlet with its cache on (/default/static/<token>/...), plus the 301 of
# an old token; wrk (or JavaLoad when wrk is absent) measures each over HTTP/1.1 keep-alive, round-robin.
# Server pinned to CPU 0, client to CPU 1. Loopback only.
# Env: WRK_THREADS (1) WRK_CONNECTIONS (16) DURATION (5 s) WARMUP (3 s) REPS (5) LOADGEN (wrk|java, auto)
#      SERVER_OPTS (extra server JVM options, such as -Dcachebreaker.memoryCacheAssetLimit=8MiB; cachebreaker reads its
#      settings from system properties too) NAME (serving: the results file name)
source "$(dirname "$0")/common.sh"
bash "$BENCH_DIR/install-tools.sh"
bench_build
LOADGEN="${LOADGEN:-$(command -v wrk >/dev/null 2>&1 && echo wrk || echo java)}"
WORK="$BENCH_DIR/target/serving"
rm -rf "$WORK"; mkdir -p "$WORK"
NAME="${NAME:-serving}"
# shellcheck disable=SC2086
pinned 0 "$JAVA" -Xms1g -Xmx1g ${SERVER_OPTS:-} -cp "$BENCH_CP" io.cachebreaker.bench.serving.ServingServer "$WORK" "$WORK/port" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
# The server writes its own pid (taskset may leave a wrapper between this shell and the JVM); stop exactly that.
stop_server() {
  [ -s "$WORK/server.pid" ] && kill "$(cat "$WORK/server.pid")" 2>/dev/null || true
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 300); do [ -s "$WORK/port" ] && break; kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }; sleep 0.1; done
[ -s "$WORK/port" ] || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
cat "$WORK/server.log" >&2
{
  echo "## 1. Serving${SERVER_OPTS:+ (server options: $SERVER_OPTS)}"
  echo
  bench_environment
  echo "- server: $(grep -m1 "^ServingServer" "$WORK/server.log"), JVM -Xms1g -Xmx1g ${SERVER_OPTS:-}, pinned to CPU 0; client pinned to CPU 1"
  echo "- load generator: $LOADGEN$( [ "$LOADGEN" = wrk ] && echo " ($(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2))")"
  echo "- command: cachebreaker-bench/run-serving.sh"
  echo
  pinned 1 "$JAVA" -cp "$BENCH_CP" io.cachebreaker.bench.serving.ServingDriver "$(cat "$WORK/port")" "$LOADGEN" \
    "${WRK_THREADS:-1}" "${WRK_CONNECTIONS:-16}" "${DURATION:-5}" "${WARMUP:-3}" "${REPS:-5}" "$OUT/$NAME-raw.tsv" \
    "$(cat "$WORK/server.pid")" "$(getconf CLK_TCK 2>/dev/null || echo 100)"
} | tee "$OUT/$NAME.md"
