#!/usr/bin/env bash
# Starts the action server in the background and the Rasa server in the foreground; stopping
# the Rasa server (Ctrl-C) stops both. Usage: scripts/serve.sh [run|shell]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
# Re-run under the project's environment (.env over defaults, python-dotenv).
if [ -z "${EPARAKSTS_ENV_LOADED:-}" ]; then
  exec .venv/bin/python -m eparaksts.settings bash "$0" "$@"
fi

.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT

api=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  # The HTTP API exists only behind a token; without one it stays off.
  api=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

if [ "$mode" = shell ]; then
  .venv/bin/rasa shell --model models/eparaksts.tar.gz --endpoints endpoints.yml
else
  echo ""
  echo "Assistant starting on http://127.0.0.1:$RASA_PORT"
  echo "  REST:     curl -s -XPOST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"me\",\"message\":\"Kad jūs strādājat?\"}'"
  echo "  Socket.IO: http://127.0.0.1:$RASA_PORT/socket.io (web chat widget)"
  echo "  Terminal chat instead: make shell"
  echo ""
  .venv/bin/rasa run --model models/eparaksts.tar.gz --endpoints endpoints.yml --interface "${RASA_INTERFACE:-127.0.0.1}" \
    --credentials credentials.yml --port "$RASA_PORT" "${api[@]}"
fi
