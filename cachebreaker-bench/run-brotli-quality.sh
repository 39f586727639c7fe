#!/usr/bin/env bash
# Brotli quality and a size threshold (issue #14): BrotliQualityBench compresses every compressible file of a set on
# one thread with gzip 9 and Brotli qualities 4, 5, 6, 9 (also with a window fitted to the file), 10 and 11 (the
# plugin's), and reports CPU time, bytes stored and bytes a browser downloads against quality 11; then, for quality
# 11, where the CPU time and the saved bytes go by file size, and what a size threshold would have done. Two sets:
# the demo's assets (examples/demo/src/main/static) and the generated tree of run-build.sh (same generator, files).
# Env: SETS ("demo tree"): which sets to measure
#      FILES (10000) MB (200): the tree; the full tree costs several minutes of CPU (Brotli 11 alone about 80 s),
#      FILES=2000 MB=40 is a fifth of it with the same spread of sizes (2-38 KB)
#      DEMO_PASSES (20): passes over the demo, whose files are tiny; TREE_PASSES (1)
#      BUILD_WORK (target/build-step): where the tree is made once (shared with run-build.sh)
#      DIR: a directory of your own, measured as a third set (DIR_PASSES, 1)
#      NICE (10): the JVM's niceness; the figures are CPU time, which niceness barely moves
source "$(dirname "$0")/common.sh"
bench_build
WORK="${BUILD_WORK:-$BENCH_DIR/target/build-step}"
FILES="${FILES:-10000}"; MB="${MB:-200}"
# Few JVM helper threads (serial GC, one processor seen): the measured thread is one, and the machine is shared.
RUN=(nice -n "${NICE:-10}" "$JAVA" -Xmx2g -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -cp "$BENCH_CP"
     io.cachebreaker.maven.BrotliQualityBench)
mkdir -p "$WORK"
{
  echo "## 7. Brotli quality and size threshold (issue #14)"
  echo
  bench_environment
  echo "- brotli4j $(tr ':' '\n' < "$BENCH_DIR/target/bench-classpath.txt" | grep -o 'brotli4j-[0-9.]*\.jar' | head -1 | sed 's/brotli4j-//; s/\.jar//'), default window unless said; gzip 9 as the plugin writes it"
  echo "- command: SETS=\"${SETS:-demo tree}\" FILES=$FILES MB=$MB DEMO_PASSES=${DEMO_PASSES:-20} TREE_PASSES=${TREE_PASSES:-1}${DIR:+ DIR=$DIR} cachebreaker-bench/run-brotli-quality.sh"
  echo
  for set in ${SETS:-demo tree}; do
    case "$set" in
      demo) "${RUN[@]}" "demo (examples/demo/src/main/static)" "$ROOT/examples/demo/src/main/static" \
              "${DEMO_PASSES:-20}" ;;
      tree) "${RUN[@]}" "generated tree, FILES=$FILES MB=$MB" "$WORK" "${TREE_PASSES:-1}" "$FILES" "$MB" ;;
      *) echo "unknown set $set (demo, tree)" >&2; exit 2 ;;
    esac
  done
  if [ -n "${DIR:-}" ]; then
    "${RUN[@]}" "$DIR" "$DIR" "${DIR_PASSES:-1}"
  fi
} | tee "$OUT/brotli-quality.md"
