#!/usr/bin/env bash
# Benchmark 3, the build step (issues #6 and #14): AssetsMojo.execute() called directly in one JVM (see
# BuildStepBench) on a generated tree (10,000 assets of about 200 MB by default), each rep back to back: `cp -r` of
# the tree, the goal cold, a no-change re-run, a re-run with one file changed, and a rebuild that mints a new token
# with nothing changed; then precompression cold on 1 and 2 threads. Every figure is printed with the load average.
# Env: FILES (10000) MB (200): the tree; REPS (7); WARMUP (4: unrecorded reps first, for the JIT, which keeps compiling
#      the rebuild paths over the first three); GZIP_REPS (1) BROTLI_REPS (1; 0 skips Brotli, which is slow)
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
  echo "- method: AssetsMojo.execute() called directly in one JVM (-Xmx2g), fields set as Maven injects them, DefaultBuildContext (non-incremental, as on the command line), min(cores, 4) = $(( $(nproc) < 4 ? $(nproc) : 4 )) threads; each run after \`sync\`, page cache warm; strategy timestamp with outputTimestamp set, so the token is stable and the re-run is a true no-change run; precompression through AssetBuild with 1 and 2 threads"
  echo "- command: FILES=${FILES:-10000} MB=${MB:-200} REPS=${REPS:-7} WARMUP=${WARMUP:-4} GZIP_REPS=${GZIP_REPS:-1} BROTLI_REPS=${BROTLI_REPS:-1} cachebreaker-bench/run-build.sh"
  echo
  "$JAVA" -Xmx2g -cp "$BENCH_CP" io.cachebreaker.maven.BuildStepBench "$WORK" "${FILES:-10000}" "${MB:-200}" \
    "${REPS:-7}" "${GZIP_REPS:-1}" "${BROTLI_REPS:-1}" "$OUT/$NAME-raw.tsv" "${WARMUP:-4}"
} | tee "$OUT/$NAME.md"
