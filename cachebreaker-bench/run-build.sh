#!/usr/bin/env bash
# Benchmark 3, the build step: AssetsMojo.execute() called directly in one JVM (see BuildStepBench) on 10,000
# generated assets of about 200 MB, cold (empty output) and re-run with nothing changed, against `cp -r`.
# Env: REPS (3: cp -r and no-precompression runs), GZIP_REPS (2), BROTLI_REPS (1; 0 skips Brotli, which is slow)
#      BUILD_WORK (target/build-step): where the tree and the outputs go; a tmpfs such as /dev/shm/cachebreaker-bench
#      takes the disk out of the comparison, which helps on a machine whose disk is busy with other work
#      NAME (build-step): the results file name
source "$(dirname "$0")/common.sh"
bench_build
WORK="${BUILD_WORK:-$BENCH_DIR/target/build-step}"
NAME="${NAME:-build-step}"
mkdir -p "$WORK"
{
  echo "## 3. The build step"
  echo
  bench_environment
  echo "- work dir: $WORK, file system $(df -T "$WORK" | awk 'NR==2 {print $2}')"
  echo "- method: AssetsMojo.execute() called directly in one JVM (-Xmx2g), fields set as Maven injects them, DefaultBuildContext (non-incremental, as on the command line); each run after \`sync\`, page cache warm; strategy timestamp with outputTimestamp set, so the token is stable and the re-run is a true no-change run"
  echo "- command: cachebreaker-bench/run-build.sh"
  echo
  "$JAVA" -Xmx2g -cp "$BENCH_CP" io.cachebreaker.maven.BuildStepBench "$WORK" "${REPS:-3}" "${GZIP_REPS:-2}" \
    "${BROTLI_REPS:-1}" "$OUT/$NAME-raw.tsv"
} | tee "$OUT/$NAME.md"
