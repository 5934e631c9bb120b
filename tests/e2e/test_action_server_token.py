"""The action server answers only callers with the token (actions/server.py); Rasa sends it."""
import asyncio
import os
import secrets
import sys

import aiohttp
import pytest

from tests.servers import ROOT, _start, free_port, stop, wait_for

TOKEN = secrets.token_urlsafe(16)
CALL = {"next_action": "action_answer_hours", "sender_id": "s1", "version": "3.6.2",
        "tracker": {"sender_id": "s1", "slots": {"language": "en"}, "latest_message": {}, "events": [],
                    "paused": False, "followup_action": None, "active_loop": {}, "latest_action_name": None},
        "domain": {}}


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("action-server") / "actions.log"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ACTION_SERVER_TOKEN": TOKEN, "TF_CPP_MIN_LOG_LEVEL": "2"}
    process = _start([sys.executable, "-m", "actions.server", "--port", str(port)], env, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/health", 120, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def post(url, params=None):
    async def go():
        async with aiohttp.ClientSession() as session:
            async with session.post(url, json=CALL, params=params or {}) as response:
                return response.status, await response.json(content_type=None)

    return asyncio.run(go())


@pytest.mark.parametrize("params", [None, {"token": ""}, {"token": "wrong"}, {"token": TOKEN[:-1]}])
def test_calls_without_the_token_are_refused(action_server, params):
    status, body = post(f"{action_server}/webhook", params)
    assert status == 401 and "token" in body["error"]


def test_a_call_with_the_token_runs_the_action(action_server):
    status, body = post(f"{action_server}/webhook", {"token": TOKEN})
    assert status == 200
    assert body["responses"][0]["response"].startswith("utter_hours_")
