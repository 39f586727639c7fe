#!/usr/bin/env bash
# Benchmark 3b, the build step as a whole Maven process (issue #14): `mvn process-resources` of a one-module project
# whose assets are a generated tree (5,000 files of about 100 MB by default, made by BuildStepBench), timed with
# hyperfine: Maven with the goal skipped (the floor), cold (empty output, explicit token), a re-run with the same
# explicit token and nothing changed, re-runs with strategy timestamp and no outputTimestamp (a new token each
# build, nothing changed), and re-runs with strategy git in a one-commit repository (JGit's cold start, which the goal
# runs beside its scan of the sources). The goal's own time ("in N ms" of its summary line) is collected from extra runs.
# The plugin is installed into a local repository under target/ (chained to ~/.m2 read-only with Maven 3.9's
# maven.repo.local.tail), never into ~/.m2. Precompression is off so that cold is the copy, not Brotli.
# Env: FILES (5000) MB (100) RUNS (5) BUILD_WORK (target/build-step; a tmpfs such as /dev/shm/... takes the disk out)
source "$(dirname "$0")/common.sh"
bash "$BENCH_DIR/install-tools.sh"
bench_build
FILES="${FILES:-5000}"; MB="${MB:-100}"; RUNS="${RUNS:-5}"
WORK="${BUILD_WORK:-$BENCH_DIR/target/build-step}"
REPO="$BENCH_DIR/target/mvn-repo"
MVN="$ROOT/mvnw"
mkdir -p "$WORK"
VERSION=$(cd "$ROOT" && sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ] || [ ! -d "$REPO/io/cachebreaker/cachebreaker-maven-plugin/$VERSION" ]; then
  (cd "$ROOT" && "$MVN" -B -o -q -pl cachebreaker-maven-plugin -am install -DskipTests -Dinvoker.skip \
    -Dmaven.repo.local="$REPO" -Dmaven.repo.local.tail="$HOME/.m2/repository") >&2
fi
# The tree, made once by the in-process benchmark's generator (no timed runs).
"$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.BuildStepBench "$WORK" "$FILES" "$MB" 0 0 0 "$WORK/generate.tsv" 0 >/dev/null 2>&1
SRC="$WORK/src-$FILES-$MB"
PROJECT="$WORK/mvn-project"
rm -rf "$PROJECT"; mkdir -p "$PROJECT"
cat > "$PROJECT/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.cachebreaker.bench</groupId>
  <artifactId>build-step-mvn</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.cachebreaker</groupId>
        <artifactId>cachebreaker-maven-plugin</artifactId>
        <version>$VERSION</version>
        <executions><execution><goals><goal>assets</goal></goals><phase>process-resources</phase></execution></executions>
        <configuration>
          <sourceDirectory>$SRC</sourceDirectory>
          <outputDirectory>\${project.build.directory}/classes</outputDirectory>
          <precompress>false</precompress>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
# A git repository with one commit, so that strategy git (and auto, the default) has a HEAD to read.
git -C "$PROJECT" init -q && git -C "$PROJECT" -c user.name=bench -c user.email=bench@localhost add pom.xml \
  && git -C "$PROJECT" -c user.name=bench -c user.email=bench@localhost commit -q -m bench
printf 'target/\n' > "$PROJECT/.gitignore"
M="$MVN -B -o -q -f $PROJECT/pom.xml -Dmaven.repo.local=$REPO -Dmaven.repo.local.tail=$HOME/.m2/repository"
goal_ms() { # runs a command 3 times (after an optional preparation) and prints the goal's own ms
  local prepare="$1"; shift
  for _ in 1 2 3; do
    sh -c "$prepare"
    "$@" 2>&1 | sed -n 's/.*cachebreaker: token .* in \([0-9]*\) ms.*/\1/p'
  done | paste -sd, | sed 's/,/, /g'
}
MI="${M/ -q/}"
{
  echo "## 3b. The build step in a whole Maven process"
  echo
  bench_environment
  echo "- tree: $FILES files, $(du -sb "$SRC" | cut -f1) bytes of directory entries and files, in $SRC ($(df -T "$WORK" | awk 'NR==2 {print $2}'))"
  echo "- Maven: $("$MVN" -v 2>/dev/null | head -1); project: packaging pom, the assets goal at process-resources, precompress=false"
  echo "- method: hyperfine, 1 warm-up, $RUNS runs per command, commands in the order below; the goal's own time from its summary line in 3 more runs of each"
  echo "- command: FILES=$FILES MB=$MB cachebreaker-bench/run-build-mvn.sh"
  echo
  hyperfine -N -w 1 -r "$RUNS" --style none --export-markdown "$OUT/build-mvn-hyperfine.md" --export-json "$OUT/build-mvn-hyperfine.json" \
    --prepare "true" --prepare "rm -rf $PROJECT/target" --prepare "true" --prepare "true" --prepare "true" \
    -n "Maven, goal skipped (floor)" "$M -Dcachebreaker.skip=true process-resources" \
    -n "cold, explicit token" "$M -Dcachebreaker.token=rel-1 process-resources" \
    -n "re-run, same explicit token, nothing changed" "$M -Dcachebreaker.token=rel-1 process-resources" \
    -n "re-run, strategy timestamp (new token each build), nothing changed" "$M -Dcachebreaker.strategy=timestamp process-resources" \
    -n "re-run, strategy git (JGit's cold start), nothing changed" "$M -Dcachebreaker.strategy=git process-resources" \
    >&2
  cat "$OUT/build-mvn-hyperfine.md"
  echo
  echo "The goal's own time (ms, its summary line), 3 runs each:"
  echo
  echo "| case | goal ms |"
  echo "|---|---|"
  echo "| cold, explicit token | $(goal_ms "rm -rf $PROJECT/target" $MI -Dcachebreaker.token=rel-1 process-resources) |"
  echo "| re-run, same explicit token | $(goal_ms true $MI -Dcachebreaker.token=rel-1 process-resources) |"
  echo "| re-run, strategy timestamp (new token) | $(goal_ms true $MI -Dcachebreaker.strategy=timestamp process-resources) |"
  echo "| re-run, strategy git, gitDirty=ignore (the lookup alone) | $(goal_ms true $MI -Dcachebreaker.strategy=git -Dcachebreaker.gitDirty=ignore process-resources) |"
  echo "| re-run, strategy git, gitDirty=suffix (the default) | $(goal_ms true $MI -Dcachebreaker.strategy=git process-resources) |"
} | tee "$OUT/build-mvn.md"
