#!/usr/bin/env bash
# What keeping previous releases costs (issue #12): RetentionBench builds four different releases of the demo's
# assets (examples/demo/src/main/static, each release editing its stylesheet and script), then the fourth retaining
# 0, 1 and 3 of the others, and reports sizes (files, bytes, zipped as in a jar) and the runtime's AssetSite.load
# warm; then one AssetSite.load in each of several fresh JVMs (cold, as at a container's start), interleaved.
# Env: WARM_REPS (50) COLD_RUNS (5)
source "$(dirname "$0")/common.sh"
bench_build
WORK="$BENCH_DIR/target/retention"
{
  echo "## 6. Retention cost"
  echo
  bench_environment
  echo "- releases: examples/demo/src/main/static, four releases each editing css/app.css and js/app.mjs; precompression on (gzip + Brotli); the fourth built retaining 0, 1 and 3 of the others (retainPaths, retainReleases)"
  echo "- command: cachebreaker-bench/run-retention.sh"
  echo
  "$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.RetentionBench build "$WORK" "$ROOT/examples/demo/src/main/static" \
    "${WARM_REPS:-50}" 2>>"$OUT/retention.log"
  echo
  echo "AssetSite.load in a fresh JVM (cold: class loading included), ms, runs interleaved:"
  echo
  echo "| retained releases | runs (ms) | median (ms) |"
  echo "|---|---|---|"
  declare -A runs
  for _ in $(seq 1 "${COLD_RUNS:-5}"); do
    for r in 0 1 3; do
      runs[$r]+=" $("$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.RetentionBench load "$WORK/release-4-retain-$r" | cut -f1)"
    done
  done
  for r in 0 1 3; do
    echo "| $r | $(echo ${runs[$r]} | sed 's/ /, /g') | $(echo ${runs[$r]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') |"
  done
} | tee "$OUT/retention.md"
