#!/usr/bin/env bash
# Benchmark 2, URL building: JMH (one fork, 3 warm-up and 5 measured iterations of 1 s, -prof gc) of AssetUrls.url
# against plain string concatenation of the same URL; then a check that the helper makes no I/O system call.
# Env: JMH_WI (3) JMH_I (5) warm-up and measured iterations; JMH_ARGS (extra JMH options)
source "$(dirname "$0")/common.sh"
bench_build
{
  echo "## 2. URL building"
  echo
  bench_environment
  echo "- method: JMH 1.37, avgt, -f1 -wi 3 -w 1s -i 5 -r 1s -prof gc; a real Tomcat 11 servlet context started with the runtime's initializer"
  echo "- command: cachebreaker-bench/run-jmh.sh"
  echo
  pinned 1 "$JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main 'io.cachebreaker.bench.urls.AssetUrlsBench' \
    -f 1 -wi "${JMH_WI:-3}" -w 1s -i "${JMH_I:-5}" -r 1s -prof gc -rf csv -rff "$OUT/jmh-urls.csv" ${JMH_ARGS:-} > "$OUT/jmh-urls.log" 2>&1 \
    || { tail -40 "$OUT/jmh-urls.log" >&2; exit 1; }
  "$JAVA" -cp "$BENCH_CP" io.cachebreaker.bench.urls.UrlsReport "$OUT/jmh-urls.csv" 2>/dev/null
  echo
  echo "Raw JMH output: $OUT/jmh-urls.log, $OUT/jmh-urls.csv"
} | tee "$OUT/jmh-urls.md"
