"""End to end: the web chat's Socket.IO channel with session persistence, over a real client.

The real Rasa server (credentials.yml: `session_persistence: true`) and action server run; a real
python-socketio `AsyncClient` (aiohttp transport, as a browser widget would: connect, emit
`session_request` with a session id, then `user_uttered`) must receive the `bot_uttered` replies.
Rasa 3.6.21's stock channel calls `enter_room` without `await` (RasaHQ/rasa#13027): with
python-socketio >= 5.10 the socket never joins the session's room and no reply ever arrives.
`STOCK_SOCKETIO=1` runs the same tests against the stock `socketio` channel: they then fail
(no `bot_uttered`), which is how the fix in eparaksts/channels/socketio.py was shown to matter.
"""
import asyncio
import json
import os
import sqlite3
import uuid

import aiohttp
import pytest
import socketio
import yaml

from tests.conftest import FROZEN
from tests.servers import running_assistant

pytestmark = pytest.mark.filterwarnings("ignore")
WELCOME = "I am the eParaksts virtual assistant"

if not hasattr(aiohttp, "ClientWSTimeout"):
    # Client side only: python-engineio 4.15's WebSocket transport builds aiohttp>=3.10's
    # ClientWSTimeout; the pinned aiohttp 3.9 takes the same close timeout as a float. (The server
    # side, which a browser talks to, is python-engineio's Sanic driver and needs none of this.)
    aiohttp.ClientWSTimeout = lambda ws_close=10.0, **_: ws_close


@pytest.fixture(scope="module")
def assistant(assistant, trained_model, tmp_path_factory):
    """The shared assistant (tests/conftest.py) already serves credentials.yml's channel; the
    stock-channel demonstration needs a server of its own."""
    if os.environ.get("STOCK_SOCKETIO") != "1":
        yield assistant
        return
    # Rasa's own channel, same settings: demonstrates RasaHQ/rasa#13027.
    workdir = tmp_path_factory.mktemp("socketio")
    credentials = workdir / "credentials-stock.yml"
    credentials.write_text(yaml.safe_dump({"rest": {}, "socketio": {
        "user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True,
    }}))
    env = {"ASSISTANT_FROZEN_TIME": FROZEN}
    with running_assistant(trained_model, workdir, env=env, credentials=str(credentials)) as running:
        yield running


def test_credentials_turn_session_persistence_on():
    from tests.conftest import ROOT

    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    channel = credentials["eparaksts.channels.socketio.GuardedSocketIOInput"]
    assert channel["session_persistence"] is True
    assert (channel["user_message_evt"], channel["bot_message_evt"]) == ("user_uttered", "bot_uttered")


class WebChat:
    """What a web chat widget does: one Socket.IO connection bound to a session id."""

    def __init__(self, url, session_id, transport="websocket"):
        self.url, self.session_id, self.transport = url, session_id, transport
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies = asyncio.Queue()
        self.confirmed = asyncio.get_running_loop().create_future()
        self.client.on("bot_uttered", self.replies.put_nowait)
        self.client.on("session_confirm", self._confirm)

    async def _confirm(self, session_id):
        if not self.confirmed.done():
            self.confirmed.set_result(session_id)

    async def __aenter__(self):
        await self.client.connect(self.url, socketio_path="/socket.io", wait_timeout=10,
                                  transports=[self.transport])
        await self.client.emit("session_request", {"session_id": self.session_id})
        assert await asyncio.wait_for(self.confirmed, 10) == self.session_id
        return self

    async def __aexit__(self, *exc):
        await self.client.disconnect()

    async def say(self, text, expect, timeout=30.0):
        """Send a message; collect `bot_uttered` texts until `expect(texts)` holds, then for a short
        quiet period (the rest of the burst)."""
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        got = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not expect("\n".join(got)):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"no matching bot_uttered for {text!r} within {timeout}s; got {got!r}")
            try:
                got.append((await asyncio.wait_for(self.replies.get(), remaining)).get("text", ""))
            except asyncio.TimeoutError:
                continue
        while True:
            try:
                got.append((await asyncio.wait_for(self.replies.get(), 1.0)).get("text", ""))
            except asyncio.TimeoutError:
                return "\n".join(got)


def stored_user_texts(assistant, sender):
    with sqlite3.connect(assistant.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data).get("text") for (data,) in rows]


# WebSocket, as the widget in a browser uses (long-polling works too, but its disconnect waits
# for the server's 25 s ping interval, which makes the test slow).
@pytest.mark.parametrize("transport", ["websocket"])
def test_replies_reach_the_browser_and_the_session_survives_a_reconnect(assistant, transport):
    session_id = uuid.uuid4().hex

    async def chat():
        async with WebChat(assistant.url, session_id, transport) as first:
            hours = await first.say("when are you open?", lambda t: "Monday 30 November, at 9:00" in t)
            assert WELCOME in hours and "recorded" in hours  # a new conversation: welcome, recording notice
            urgent = await first.say("my phone was stolen", lambda t: "67108787" in t)
            assert "https://www.eparaksts.lv" in urgent
        # The page is reloaded: a new socket, the same session id, the same conversation.
        async with WebChat(assistant.url, session_id, transport) as again:
            answer = await again.say("what is your phone number?", lambda t: "67108787" in t)
            assert WELCOME not in answer  # no second welcome: the conversation went on
    asyncio.run(chat())

    assert stored_user_texts(assistant, session_id) == [
        "when are you open?", "my phone was stolen", "what is your phone number?",
    ]


def test_two_tabs_with_different_sessions_do_not_see_each_others_replies(assistant):
    async def chat():
        async with WebChat(assistant.url, uuid.uuid4().hex) as one, WebChat(assistant.url, uuid.uuid4().hex) as two:
            await one.say("when are you open?", lambda t: "Monday 30 November, at 9:00" in t)
            assert two.replies.empty()
            answer = await two.say("kad jūs strādājat?", lambda t: "pirmdiena, 30. novembris" in t)
            assert "Monday" not in answer
    asyncio.run(chat())


def test_the_guard_also_stands_in_front_of_socketio(assistant):
    session_id = uuid.uuid4().hex

    async def chat():
        async with WebChat(assistant.url, session_id) as tab:
            return await tab.say("my PIN is 58392716, it does not work", lambda t: "67108787" in t)
    answer = asyncio.run(chat())
    assert "58392716" not in answer
    [stored] = stored_user_texts(assistant, session_id)
    assert "58392716" not in stored and "[secret]" in stored
