"""`make bench-load`: the assistant under concurrent load, beside a stock `rasa init` bot in the same run.

For N in LEVELS concurrent conversations (distinct sender ids), each sending TURNS messages one
after another over the REST channel, against

- the project: the real Rasa server, action server and case desk (tests.servers.running_assistant);
- stock: the moodbot that `rasa init --no-prompt` scaffolds and trains in a temp dir, served with
  `rasa run` and its own credentials.yml (REST channel).

Per level and bot: p50/p95/p99 latency, errors (non-200, timeouts, exceptions), empty replies
(200 with []), messages per second over the level's wall time, and the maximum RSS of the server
processes (Rasa; for the project also the action server) sampled during and after the level.

Writes results/load.json. Not a test: nothing here passes or fails.
"""
from __future__ import annotations

import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

from tests.bench.run import QUESTIONS, percentile
from tests.conftest import MODEL, ROOT
from tests.servers import VENV_BIN, free_port, running_assistant, stop, wait_for

RESULTS = ROOT / "results" / "load.json"
LEVELS = (10, 50, 200)
TURNS = 5
REQUEST_TIMEOUT = 60
STOCK_MESSAGES = ["hello", "I am sad", "yes", "great", "bye"]
ENV = {"TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}


# --- server memory ---------------------------------------------------------------------------

def group_rss_mb(pgid: int) -> float:
    """VmRSS summed over the processes of one process group (the server and any children)."""
    total_kb = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) != pgid:
                continue
            with open(f"/proc/{entry}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
                        break
        except (OSError, ValueError):
            continue
    return round(total_kb / 1024, 1)


class RssSampler:
    """Samples the RSS of named process groups every `interval` seconds in a thread; keeps the max."""

    def __init__(self, groups: Dict[str, int], interval: float = 0.5):
        self.groups, self.interval = groups, interval
        self.peak = {name: 0.0 for name in groups}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        for name, pgid in self.groups.items():
            self.peak[name] = max(self.peak[name], group_rss_mb(pgid))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()  # and once after the level


# --- load ------------------------------------------------------------------------------------

async def conversation(session, webhook: str, messages: List[str], out: dict) -> None:
    sender = "load-" + uuid.uuid4().hex
    for text in messages:
        started = time.perf_counter()
        try:
            async with session.post(webhook, json={"sender": sender, "message": text}) as response:
                body = await response.json(content_type=None)
                if response.status != 200:
                    out["errors"].append(f"HTTP {response.status}")
                elif not body:
                    out["empty"] += 1
        except asyncio.TimeoutError:
            out["errors"].append("timeout")
        except Exception as error:  # noqa: BLE001 - every failure counts as an error here
            out["errors"].append(type(error).__name__)
        out["latencies"].append((time.perf_counter() - started) * 1000)


async def run_level(webhook: str, scripts: List[List[str]]) -> dict:
    out = {"latencies": [], "errors": [], "empty": 0}
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=0)  # no client-side cap on concurrent connections
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session, webhook, script, out) for script in scripts))
        elapsed = time.perf_counter() - started
    latencies = out["latencies"]
    kinds: Dict[str, int] = {}
    for error in out["errors"]:
        kinds[error] = kinds.get(error, 0) + 1
    return {
        "conversations": len(scripts),
        "messages": len(latencies),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1),
        "errors": len(out["errors"]),
        "error_kinds": kinds,
        "empty_replies": out["empty"],
        "wall_seconds": round(elapsed, 2),
        "messages_per_second": round(len(latencies) / elapsed, 2),
    }


def project_scripts(n: int) -> List[List[str]]:
    # Each conversation starts at a different question, so every level mixes lv, en and ru.
    return [[QUESTIONS[(c + t) % len(QUESTIONS)] for t in range(TURNS)] for c in range(n)]


def stock_scripts(n: int) -> List[List[str]]:
    return [list(STOCK_MESSAGES[:TURNS]) for _ in range(n)]


def measure(webhook: str, scripts: List[List[str]], groups: Dict[str, int]) -> dict:
    with RssSampler(groups) as sampler:
        result = asyncio.run(run_level(webhook, scripts))
    result["rss_mb"] = dict(sampler.peak)
    result["rss_mb"]["total"] = round(sum(sampler.peak.values()), 1)
    return result


# --- stock bot -------------------------------------------------------------------------------

def init_stock(directory: Path) -> tuple:
    started = time.monotonic()
    directory.mkdir()  # rasa init wants the directory to exist
    done = subprocess.run(
        [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(directory)],
        cwd=directory, capture_output=True, text=True, env={**os.environ, **ENV},
    )
    if done.returncode != 0:
        raise RuntimeError(f"rasa init exited with {done.returncode}:\n{(done.stdout + done.stderr)[-3000:]}")
    models = sorted((directory / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"rasa init made no model in {directory / 'models'}")
    credentials = (directory / "credentials.yml").read_text()
    if not any(line.strip() == "rest:" for line in credentials.splitlines()):
        raise RuntimeError("the stock credentials.yml has no rest: channel")
    return models[-1], round(time.monotonic() - started, 1)


def start_stock(directory: Path, model: Path) -> tuple:
    port = free_port()
    log = directory / "stock-rasa.log"
    process = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--model", str(model), "--credentials", "credentials.yml",
         "--endpoints", "endpoints.yml", "--port", str(port)],
        cwd=directory, env={**os.environ, **ENV}, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/webhooks/rest/", 240, process, log)
    except Exception:
        stop(process)
        raise
    return process, f"http://127.0.0.1:{port}/webhooks/rest/webhook"


# --- report ----------------------------------------------------------------------------------

def ratio(a: float, b: float) -> Optional[float]:
    return round(a / b, 2) if b else None


def table(levels: dict) -> str:
    head = f"{'N':>4} {'bot':<8} {'msgs':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'err':>4} {'empty':>5} {'msg/s':>7} {'RSS MB':>8}"
    rows = [head, "-" * len(head)]
    for n, level in levels.items():
        for bot in ("project", "stock"):
            r = level[bot]
            rows.append(
                f"{n:>4} {bot:<8} {r['messages']:>5} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8} "
                f"{r['errors']:>4} {r['empty_replies']:>5} {r['messages_per_second']:>7} {r['rss_mb']['total']:>8}"
            )
        rows.append(f"{'':>4} {'ratio':<8} p50 x{level['ratio_p50']}  p95 x{level['ratio_p95']}  p99 x{level['ratio_p99']}")
    return "\n".join(rows)


def main() -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    rate_limit = os.environ.get("RATE_LIMIT_PER_MINUTE", "30")
    levels: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("rasa init --no-prompt (scaffold and train the stock moodbot) ...", flush=True)
        stock_model, stock_seconds = init_stock(tmp / "stock")
        stock_process, stock_webhook = start_stock(tmp / "stock", stock_model)
        try:
            print("starting the project (desk, action server, Rasa) ...", flush=True)
            with running_assistant(MODEL, tmp, env=ENV, with_desk=True) as assistant:
                project_groups = {"rasa": assistant.rasa.pid, "actions": assistant.actions.pid}
                stock_groups = {"rasa": stock_process.pid}
                # Warm-up: a few conversations on each, not measured.
                asyncio.run(run_level(assistant.webhook, project_scripts(3)))
                asyncio.run(run_level(stock_webhook, stock_scripts(3)))
                for n in LEVELS:
                    print(f"N={n}: project ...", flush=True)
                    project = measure(assistant.webhook, project_scripts(n), project_groups)
                    print(f"N={n}: stock ...", flush=True)
                    stock = measure(stock_webhook, stock_scripts(n), stock_groups)
                    levels[n] = {
                        "project": project, "stock": stock,
                        "ratio_p50": ratio(project["p50_ms"], stock["p50_ms"]),
                        "ratio_p95": ratio(project["p95_ms"], stock["p95_ms"]),
                        "ratio_p99": ratio(project["p99_ms"], stock["p99_ms"]),
                        "ratio_messages_per_second": ratio(project["messages_per_second"], stock["messages_per_second"]),
                        "ratio_rss": ratio(project["rss_mb"]["total"], stock["rss_mb"]["total"]),
                    }
        finally:
            stop(stock_process)
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_at_end": list(os.getloadavg())},
        "turns_per_conversation": TURNS,
        "request_timeout_seconds": REQUEST_TIMEOUT,
        "levels": levels,
        "stock_init_and_training_seconds": stock_seconds,
        "total_seconds": round(time.monotonic() - began, 1),
        "notes": [
            "Project: Rasa server + action server + case desk (SQLite) from tests.servers.running_assistant; "
            "messages cycle through lv/en/ru customer questions (tests/bench/run.py QUESTIONS), so some "
            "conversations run urgent forms and custom actions. Stock: the `rasa init` moodbot, no action server.",
            f"RATE_LIMIT_PER_MINUTE={rate_limit} (the guard's per-sender limit, left as is): every conversation "
            f"is its own sender and sends {TURNS} messages, below the limit.",
            "Levels run one bot at a time (project, then stock, per N); both servers stay up for the whole run, "
            "and the idle one uses little CPU.",
            "Errors: non-200, timeouts (60 s per request) and exceptions. Empty replies: 200 with []. "
            "messages_per_second: messages of the level over its wall time. rss_mb: max VmRSS sampled every 0.5 s "
            "during and once after the level, summed over each server's process group; 'total' adds the action "
            "server for the project.",
            "The load generator runs on the same machine as the servers, and the machine is shared with other "
            "work: absolute figures are noisy; the project/stock ratios from the same run are the figure to compare.",
        ],
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(levels))
    print(f"wrote {RESULTS.relative_to(ROOT)} in {result['total_seconds']} s")


if __name__ == "__main__":
    main()
