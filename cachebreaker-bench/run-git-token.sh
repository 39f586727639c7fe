#!/usr/bin/env bash
# Benchmark 4, git token: generates (once) a repository of 100,000 commits with `git fast-import` (10,000 files in
# the work tree), then times the plugin's GitTokenSource.lookup() (JGit) with the dirty check off (gitDirty=ignore)
# and on (gitDirty=suffix): one call in each of several fresh JVMs (cold) and repeated calls in one JVM (warm);
# the git CLI doing the same work is timed for reference.
# Env: COMMITS (100000) FILES (10000) COLD_RUNS (5) WARM_RUNS (10)
source "$(dirname "$0")/common.sh"
bash "$BENCH_DIR/install-tools.sh"
bench_build
COMMITS="${COMMITS:-100000}"
FILES="${FILES:-10000}"
WORK="$BENCH_DIR/target/git-token"
REPO="$WORK/repo-$COMMITS-$FILES"
mkdir -p "$WORK"
if [ ! -f "$REPO.complete" ]; then
  rm -rf "$REPO"
  start=$(date +%s%N)
  git init -q "$REPO"
  git -C "$REPO" symbolic-ref HEAD refs/heads/main
  "$JAVA" -cp "$BENCH_CP" io.cachebreaker.bench.git.FastImportStream "$COMMITS" "$FILES" \
    | git -C "$REPO" fast-import --quiet
  git -C "$REPO" reset -q --hard main
  echo "$(( ($(date +%s%N) - start) / 1000000 ))" > "$REPO.complete"
fi

ms_of() { # runs a command 5 times, prints the median wall time in ms
  local times=()
  for _ in 1 2 3 4 5; do
    local s=$(date +%s%N); "$@" >/dev/null; times+=($(( ($(date +%s%N) - s) / 100000 ))); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f", $1/10}'
}

{
  echo "## 4. Git token"
  echo
  bench_environment
  echo "- repository: $COMMITS commits ($(git -C "$REPO" rev-list --count HEAD) on HEAD), $(git -C "$REPO" ls-files | wc -l) tracked files in the work tree, $(du -sh "$REPO/.git" | cut -f1) .git; made by git fast-import in $(cat "$REPO.complete") ms (once; reused while $REPO.complete exists)"
  echo "- method: GitTokenSource.lookup() called directly (io.cachebreaker.maven.GitTokenBench): cold = one call in a fresh JVM (JGit classes loaded by that call, as in the first module of a Maven build), ${COLD_RUNS:-5} JVMs; warm = ${WARM_RUNS:-10} calls after 5 warm-up calls in one JVM. Times exclude JVM start-up."
  echo "- command: cachebreaker-bench/run-git-token.sh"
  echo
  echo "| dirty check | JVM | runs (ms) | median (ms) | token | target | met |"
  echo "|---|---|---|---|---|---|---|"
  for policy in ignore suffix; do
    cold=()
    token=""
    for _ in $(seq 1 "${COLD_RUNS:-5}"); do
      line=$("$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.GitTokenBench "$REPO" "$policy" once 2>>"$OUT/git-token.log")
      token=$(echo "$line" | cut -f3); cold+=("$(echo "$line" | cut -f4)")
    done
    median=$(printf '%s\n' "${cold[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    label=$([ "$policy" = ignore ] && echo "off (gitDirty=ignore)" || echo "on (gitDirty=suffix)")
    target="-"; met="-"
    if [ "$policy" = ignore ]; then target="< 300 ms"; met=$(awk -v m="$median" 'BEGIN {print (m < 300 ? "yes" : "**no**")}'); fi
    echo "| $label | cold | $(IFS=,; echo "${cold[*]}" | sed 's/,/, /g') | $median | $token | $target | $met |"
    line=$("$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.GitTokenBench "$REPO" "$policy" warm 5 "${WARM_RUNS:-10}" 2>>"$OUT/git-token.log")
    runs=$(echo "$line" | cut -f4- | tr '\t' '\n' | grep -v median | paste -sd, | sed 's/,/, /g')
    median=$(echo "$line" | grep -o 'median [0-9.]*' | cut -d' ' -f2)
    met="-"
    if [ "$policy" = ignore ]; then met=$(awk -v m="$median" 'BEGIN {print (m < 300 ? "yes" : "**no**")}'); fi
    echo "| $label | warm | $runs | $median | $(echo "$line" | cut -f3) | $target | $met |"
  done
  echo
  echo "Where a cold call's time goes (GitTokenBench phases: the same JGit steps, timed one by one in a fresh JVM), on this repository and on a 10-commit, 10-file control repository:"
  echo
  echo '```'
  echo "100k commits: $("$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.GitTokenBench "$REPO" phases 2>>"$OUT/git-token.log")"
  SMALL="$WORK/repo-control-10"
  if [ ! -d "$SMALL/.git" ]; then
    git init -q "$SMALL"; git -C "$SMALL" symbolic-ref HEAD refs/heads/main
    "$JAVA" -cp "$BENCH_CP" io.cachebreaker.bench.git.FastImportStream 10 10 | git -C "$SMALL" fast-import --quiet
    git -C "$SMALL" reset -q --hard main
  fi
  echo "10 commits:   $("$JAVA" -cp "$BENCH_CP" io.cachebreaker.maven.GitTokenBench "$SMALL" phases 2>>"$OUT/git-token.log")"
  echo '```'
  echo
  echo "Reference, the git CLI ($(git --version | cut -d' ' -f3)) on the same repository, median of 5:"
  echo
  echo "| command | ms |"
  echo "|---|---|"
  echo "| \`git rev-parse --short HEAD\` + \`git log -1 --format=%ct\` | $(ms_of sh -c "git -C '$REPO' rev-parse --short HEAD && git -C '$REPO' log -1 --format=%ct") |"
  echo "| \`git status --porcelain --untracked-files=no\` (dirty check) | $(ms_of git -C "$REPO" status --porcelain --untracked-files=no) |"
} | tee "$OUT/git-token.md"
