#!/usr/bin/env bash
# Browser test prerequisites: Debian's Chromium (/usr/bin/chromium) and playwright-core from npm
# into tests/browser/node_modules. Playwright's own browser download is not used: it fetches
# binaries from a CDN outside the package registries, which is not reachable everywhere, and
# the distribution's Chromium gets security updates with the rest of the system.
# Kept apart from setup_venv.sh so the Python setup does not need root or Node.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: $CHROMIUM is missing and apt-get is not available; install Chromium and set CHROMIUM=/path/to/chromium" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "ERROR: $CHROMIUM is missing and installing it needs root: run 'sudo apt-get install -y chromium' once" >&2
      exit 1
    fi
  fi
  echo "Installing Debian's chromium package (browser tests)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm is missing: install Node.js 18 or newer (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
STAMP=tests/browser/node_modules/.package-lock.sha256
want=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "Installing playwright-core into tests/browser/node_modules"
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads nothing, but say it anyway.
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$STAMP"
fi
