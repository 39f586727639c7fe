# Sourced by the run-*.sh scripts: builds the bench module in the reactor (never installs anything) and sets
#   BENCH_DIR   this directory
#   ROOT        the repository root
#   OUT         cachebreaker-bench/target/results, where every script writes its Markdown and raw figures
#   BENCH_CP    the class path of the benchmark JVMs
#   JAVA        the java to run them with ($JAVA_HOME/bin/java or java on the PATH)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/target/results"
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" = "1" ] && [ -f "$BENCH_DIR/target/bench-classpath.txt" ]; then
    :
  else
    local mvn="mvn"
    [ -x "$ROOT/mvnw" ] && [ "${BENCH_USE_MVNW:-0}" = "1" ] && mvn="$ROOT/mvnw"
    echo "Building: $mvn -B -q -pl cachebreaker-bench -am package -DskipTests" >&2
    (cd "$ROOT" && $mvn -B -q -pl cachebreaker-bench -am package -DskipTests -Dinvoker.skip=true) >&2
  fi
  BENCH_CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/bench-classpath.txt")"
  mkdir -p "$OUT"
}

# Prints the machine, JDK and date as a Markdown list.
bench_environment() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- JDK: $("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
  echo "- load average when this benchmark started (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg); other builds on the machine make figures noisier"
  echo "- git commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
}

# Runs a command pinned to the given CPUs when taskset exists and the machine has them.
pinned() {
  local cpus="$1"; shift
  if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}
