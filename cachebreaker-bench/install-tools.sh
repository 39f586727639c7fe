#!/usr/bin/env bash
# Installs the benchmark tools from Debian's packages: wrk (HTTP load generator), hyperfine (command timer) and
# git (for the git-token benchmark). Idempotent: does nothing when they are all there. Needs root or sudo; when it
# cannot install, it says so and exits 0, and the run scripts fall back (JavaLoad instead of wrk, a shell timer
# instead of hyperfine).
set -euo pipefail
missing=()
for tool in wrk hyperfine git; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "install-tools.sh: cannot install ${missing[*]} (not root, no sudo); the scripts fall back." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-tools.sh: no apt-get; install ${missing[*]} by hand, or the scripts fall back." >&2
  exit 0
fi
echo "install-tools.sh: installing ${missing[*]} from Debian's packages" >&2
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >&2; then
  echo "install-tools.sh: apt-get failed; the scripts fall back." >&2
fi
exit 0
