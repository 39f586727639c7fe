#!/usr/bin/env bash
# Installs what the browser IT (src/it/browser) drives: Debian's Chromium, its matching chromedriver and nginx.
# Only the distribution's packages, never a downloaded browser: the IT points Selenium at /usr/bin/chromium and
# /usr/bin/chromedriver so that Selenium Manager has nothing to fetch. Safe to run again: with everything present it
# installs nothing and only prints the versions.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-test-tools: missing ${missing[*]}; installing chromium chromium-driver nginx from apt"
  if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
  elif command -v sudo >/dev/null 2>&1; then
    as_root() { sudo "$@"; }
  else
    echo "install-test-tools: need root (or sudo) to run apt-get install chromium chromium-driver nginx" >&2
    exit 1
  fi

  # The tests start their own nginx on free ports; the package's service would hold port 80 and outlive the build.
  # policy-rc.d answering 101 stops invoke-rc.d from starting any service during the install. Only a file this script
  # created is removed again.
  policy=/usr/sbin/policy-rc.d
  created_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created_policy=true
  fi
  cleanup() {
    if [ "$created_policy" = true ]; then
      as_root rm -f "$policy"
    fi
  }
  trap cleanup EXIT

  # env, because sudo does not pass the caller's environment on.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver nginx

  # Belt and braces where policy-rc.d was already there and allowed the start: stop the packaged service.
  # (/proc rather than kill -0, which a non-root caller cannot send to root's nginx.)
  nginx_running() { [ -s /run/nginx.pid ] && [ -d "/proc/$(cat /run/nginx.pid)" ]; }
  if nginx_running && command -v service >/dev/null 2>&1; then
    as_root service nginx stop || true
  fi
  if nginx_running; then
    as_root /usr/sbin/nginx -s quit || true
  fi
fi

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || { echo "install-test-tools: $tool is still missing" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "install-test-tools: nginx is still missing" >&2; exit 1; }

/usr/bin/chromium --version
/usr/bin/chromedriver --version
"$nginx_bin" -v 2>&1
