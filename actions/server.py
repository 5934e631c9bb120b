"""`python -m actions.server [--port N]`: rasa_sdk's action server that answers only callers
with the token.

rasa_sdk 3.6 has no authentication of its own, and the action server files cases and reads
conversations, so anything able to reach its port could act as the assistant. Rasa sends the
token as the `token` query parameter on every call (`action_endpoint.token` in endpoints*.yml);
`/health` stays open for load balancers and the launcher's readiness checks.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import response

from eparaksts import settings

OPEN_PATHS = frozenset({"/health"})


def build_app(token: str):
    if not token:
        raise SystemExit("ACTION_SERVER_TOKEN is empty: the action server will not run without one")
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request):
        if request.path in OPEN_PATHS:
            return None
        if not hmac.compare_digest(request.args.get("token", ""), token):
            return response.json({"error": "a valid token is required"}, status=401)
        return None

    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="eParaksts action server (token required)")
    parser.add_argument("--port", type=int, default=None, help="default: ACTION_PORT")
    args = parser.parse_args()
    settings.load()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = build_app(os.environ["ACTION_SERVER_TOKEN"])
    host = os.environ.get("ACTION_HOST", "127.0.0.1")
    port = args.port or int(os.environ["ACTION_PORT"])
    app.run(host, port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
