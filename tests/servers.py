"""Start the real action server and Rasa server as subprocesses (for end-to-end tests and benchmarks)."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, Optional

from tests.conftest import ROOT

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout}s:\n{log.read_text()[-3000:]}")


def _start(args, env, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: Optional[subprocess.Popen]) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Assistant:
    """A running pair of servers; `url` is the Rasa server's base URL."""

    def __init__(self, url: str, action_url: str, rasa: subprocess.Popen, actions: subprocess.Popen, logs: Path):
        self.url, self.action_url = url, action_url
        self.rasa, self.actions, self.logs = rasa, actions, logs

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"


@contextlib.contextmanager
def running_assistant(
    model: Path, workdir: Path, env: Optional[Dict[str, str]] = None, with_actions: bool = True
) -> Iterator[Assistant]:
    rasa_port, action_port = free_port(), free_port()
    base_env = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        "TRACKER_DB": str(workdir / "tracker.db"),
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        **(env or {}),
    }
    settings = [sys.executable, "-m", "eparaksts.settings"]
    actions = None
    try:
        if with_actions:
            actions = _start(
                settings + [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
                base_env,
                workdir / "actions.log",
            )
            wait_for(f"http://127.0.0.1:{action_port}/health", 120, actions, workdir / "actions.log")
        rasa = _start(
            settings
            + [
                str(VENV_BIN / "rasa"), "run", "--model", str(model), "--endpoints", "endpoints.yml",
                "--credentials", "credentials.yml", "--port", str(rasa_port),
            ]
            + base_env.get("RASA_EXTRA_ARGS", "").split(),
            base_env,
            workdir / "rasa.log",
        )
        try:
            wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", 240, rasa, workdir / "rasa.log")
            yield Assistant(
                f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", rasa, actions, workdir
            )
        finally:
            stop(rasa)
    finally:
        stop(actions)
