#!/usr/bin/env bash
# Starts the case desk and the action server in the background and the Rasa server in the
# foreground; stopping the Rasa server (Ctrl-C) stops all three. Usage: scripts/serve.sh [run|shell]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
# Re-run under the project's environment (.env over defaults, python-dotenv).
if [ -z "${EPARAKSTS_ENV_LOADED:-}" ]; then
  exec .venv/bin/python -m eparaksts.settings bash "$0" "$@"
fi

# The desk migrates its database on start. If it is slow or down, the action server keeps
# cases in its outbox and delivers them later, so nothing waits for it here.
.venv/bin/python -m desk serve &
desk_pid=$!
# rasa_sdk 3.6 has no authentication: it listens on ACTION_HOST only (default 127.0.0.1).
# rasa_sdk's server behind a token check (actions/server.py); listens on ACTION_HOST.
.venv/bin/python -m actions.server --port "$ACTION_PORT" &
actions_pid=$!
# Urgent cases the action server missed (it was down) are filed from the tracker store, with the
# key the action would have used, so nothing is filed twice (desk/reconcile.py).
(
  trap 'kill $! 2>/dev/null; exit 0' TERM  # stop the pending sleep too, not only this loop
  while true; do
    sleep "${RECONCILE_SECONDS:-300}" & wait $!
    .venv/bin/python -m desk reconcile || true
  done
) &
reconcile_pid=$!
trap 'kill $actions_pid $desk_pid $reconcile_pid 2>/dev/null || true' EXIT

endpoints="${ENDPOINTS_FILE:-endpoints.yml}"
api=()
if [ -n "${API_CORS_ORIGINS:-}" ]; then
  # Browser origins allowed to call Rasa's HTTP routes (REST webhook, API); none by default.
  # Kept apart from CORS_ORIGINS (Socket.IO): both on one origin would send the CORS header twice.
  read -r -a origins <<< "$API_CORS_ORIGINS"
  api+=(--cors "${origins[@]}")
fi
if [ -z "${CORS_ORIGINS:-}" ] && [ "$mode" = run ]; then
  # The web chat page (desk /chat) talks to Socket.IO from the desk's origin: without an explicit
  # CORS_ORIGINS, the channel allows exactly that page on this machine. Not passed to --cors:
  # Sanic-Cors would add a second Access-Control-Allow-Origin to the Socket.IO responses, and
  # browsers refuse a response with two.
  export CORS_ORIGINS="http://127.0.0.1:$DESK_PORT http://localhost:$DESK_PORT"
fi
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  # The HTTP API exists only behind a token; without one it stays off.
  api+=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

if [ "$mode" = shell ]; then
  .venv/bin/rasa shell --model models/eparaksts.tar.gz --endpoints "$endpoints"
else
  echo ""
  echo "Assistant starting on http://127.0.0.1:$RASA_PORT"
  echo "  REST:     curl -s -XPOST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"me\",\"message\":\"Kad jūs strādājat?\"}'"
  echo "  Socket.IO: http://127.0.0.1:$RASA_PORT/socket.io (web chat widget)"
  echo "  Case desk: http://$DESK_HOST:$DESK_PORT/health (API under /api/, token in DESK_API_TOKEN or var/desk_api_token)"
  echo "  Staff console: http://$DESK_HOST:$DESK_PORT/ (first account: .venv/bin/python -m desk create-admin NAME)"
  echo "  Web chat:  http://$DESK_HOST:$DESK_PORT/chat?lang=lv|en|ru (maintenance notice: webchat/status.yml)"
  echo "  Terminal chat instead: make shell"
  echo ""
  .venv/bin/rasa run --model models/eparaksts.tar.gz --endpoints "$endpoints" --interface "${RASA_INTERFACE:-127.0.0.1}" \
    --credentials credentials.yml --port "$RASA_PORT" "${api[@]}"
fi
