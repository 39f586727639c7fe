#!/usr/bin/env bash
# Benchmark 5, memory: the heap the runtime retains for a 10,000-asset manifest (JOL object graph of AssetSite, with
# a heap-after-GC cross-check), at start-up and with the memory cache filled.
# Env: ASSETS (10000)
source "$(dirname "$0")/common.sh"
bench_build
WORK="$BENCH_DIR/target/memory"
mkdir -p "$WORK"
{
  echo "## 5. Memory"
  echo
  bench_environment
  echo "- method: AssetSite.load (what CachebreakerInitializer, the servlet and AssetUrls share: token file, manifest, catalog, URL builder, request handler) from a generated class path tree; JOL 0.17 GraphLayout of it, less that of a 1-asset site; -Xmx1g, -XX:+UseSerialGC for a steady heap reading"
  echo "- command: cachebreaker-bench/run-memory.sh"
  echo
  "$JAVA" -Xmx1g -XX:+UseSerialGC -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true \
    -cp "$BENCH_CP" io.cachebreaker.bench.memory.MemoryBench "$WORK" "${ASSETS:-10000}" 2>"$OUT/memory.log"
} | tee "$OUT/memory.md"
