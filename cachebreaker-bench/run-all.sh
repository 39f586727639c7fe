#!/usr/bin/env bash
# Every benchmark of issues #6 and #14 in turn (about 25 minutes on 2 cores), then target/results/all.md with every section.
# Each run-*.sh can also be run alone; see BENCHMARKS.md.
source "$(dirname "$0")/common.sh"
bash "$BENCH_DIR/install-tools.sh"
bench_build
export BENCH_SKIP_BUILD=1
"$BENCH_DIR/run-serving.sh"
# What the serving gap costs to close by configuration alone: the same run with the memory cache allowed to hold
# the medium and large files.
NAME=serving-memory-cache REPS="${WHATIF_REPS:-2}" DURATION="${WHATIF_DURATION:-5}" \
  SERVER_OPTS="-Dcachebreaker.memoryCacheAssetLimit=8MiB -Dcachebreaker.memoryCacheTotalLimit=64MiB" \
  "$BENCH_DIR/run-serving.sh"
"$BENCH_DIR/run-jmh.sh"
"$BENCH_DIR/run-build.sh"
"$BENCH_DIR/run-build-mvn.sh"
"$BENCH_DIR/run-git-token.sh"
"$BENCH_DIR/run-memory.sh"
"$BENCH_DIR/run-retention.sh"
"$BENCH_DIR/run-brotli-quality.sh"
for section in serving serving-memory-cache jmh-urls build-step build-mvn git-token memory retention brotli-quality; do
  cat "$OUT/$section.md"; echo
done > "$OUT/all.md"
echo "All results: $OUT/all.md" >&2
