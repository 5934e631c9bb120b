#!/usr/bin/env bash
# The customer web chat page's widget: rasa-webchat (pinned in webchat/package-lock.json) from npm
# into webchat/node_modules. Only its UMD bundle (lib/index.js) is served, by the desk at
# /chat/static/rasa-webchat.js; nothing is built. Re-installs only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm is missing: install Node.js 18 or newer (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
STAMP=webchat/node_modules/.package-lock.sha256
want=$(sha256sum webchat/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ] || [ ! -f webchat/node_modules/rasa-webchat/lib/index.js ]; then
  echo "Installing rasa-webchat into webchat/node_modules"
  # --ignore-scripts: the bundle ships prebuilt; no package's install script needs to run.
  (cd webchat && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$STAMP"
fi
