"""Socket.IO channel (the web chat widget) with the customer-input guard.

Rasa 3.6.21's `session_request` handler calls `sio.enter_room(...)` without `await`. Since
python-socketio 5.10 `AsyncServer.enter_room` is a coroutine, so with `session_persistence: true`
the socket never joins the room named after the session id, and every reply (emitted to that
room) is lost: the browser shows nothing (RasaHQ/rasa#13027). The stock blueprint is kept as it
is; only its `session_request` handler is replaced by one that awaits `enter_room`, and with
CORS_ORIGINS set only those origins may connect (Rasa's `--cors` covers the HTTP routes only).
"""
from __future__ import annotations

import inspect
import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput

from eparaksts.channels.guard import guarded

logger = logging.getLogger(__name__)


class GuardedSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        socketio_webhook = super().blueprint(guarded(on_new_message))
        sio = self.sio
        origins = os.environ.get("CORS_ORIGINS", "").split()
        if origins:
            # Rasa turns python-engineio's origin check off (cors_allowed_origins=[]); with
            # CORS_ORIGINS set, only pages from those origins may open a Socket.IO session.
            sio.eio.cors_allowed_origins = origins

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            # As the stock handler, except that enter_room is awaited.
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):  # python-socketio >= 5.10
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug(f"Socket.IO session {sid} joined session {session_id}.")

        # Same registration as the stock handler (python-socketio keeps one handler per event and
        # namespace), so this one replaces it.
        sio.on("session_request", session_request, namespace=self.namespace)
        return socketio_webhook
