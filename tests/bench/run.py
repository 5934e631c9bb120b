"""`make bench`: accuracy and latency of the assistant, beside a baseline from the same run.

- Intent macro-F1 per language on the held-out sets (tests/nlu/), for the project's model and for
  the stock `rasa init` NLU pipeline trained here on the same data; and, to show what the project's
  intent classifier adds, for the project's pipeline with DIET in its place (the configuration
  before the linear classifier). The difference to stock comes with a 95 % paired-bootstrap
  interval: a few hundred messages per language leave two to four points of chance either way, and a
  target of "5 points above" should be read with that width in view.
- Urgent routing per language on tests/urgent/ for the three models: recall of urgent messages, urgent
  type accuracy, false-urgent rate on calm questions, and the messages each got wrong.
- REST round-trip latency (p50/p95) with 1 and 20 concurrent conversations against the real
  Rasa server and action server.

Writes results/bench.json. Not a test: nothing here passes or fails.

The stock pipeline's training takes most of the time (one to three hours on two cores, growing
with the data). `BENCH_STOCK=0 make bench` leaves it out and writes results/bench_without_stock.json
instead: the project beside its DIET variant, urgent routing and latency, in about half an hour.
It cannot tell the distance to stock, which is a target.
"""
from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import aiohttp

from tests import nlu_evaluation, urgent_evaluation
from tests.conftest import MODEL, ROOT
from tests.servers import running_assistant

RESULTS = ROOT / "results" / "bench.json"
RESULTS_WITHOUT_STOCK = ROOT / "results" / "bench_without_stock.json"
STOCK_CONFIG = ROOT / "tests" / "bench" / "stock_config.yml"
QUESTIONS = [
    "Kad jūs strādājat?", "ka parakstit dokumentu", "my phone was stolen", "как проверить подписанный документ",
    "kāds ir jūsu tālrunis", "how do I get eParaksts mobile", "забыл PIN ID-карты", "pazaudeju eid karti",
]


# The project's DIET settings before the linear classifier replaced it (commit c34ec85), here on
# the project's current features.
DIET = {
    "name": "DIETClassifier", "epochs": 60, "number_of_transformer_layers": 0,
    "entity_recognition": False, "constrain_similarities": True, "random_seed": 1,
}


# Each training gets one TensorFlow thread, so that the two DIET trainings can run side by side on
# a two-core machine without competing for cores, and their times compare across machines.
ONE_THREAD = {"TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1"}
BOOTSTRAP_SAMPLES = 2000


def start_training(config: Path, out: Path, name: str) -> tuple:
    # The log goes to a file, not a pipe: a pipe nobody reads yet would stall the second training.
    log = out / f"{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", "data/nlu",
             "--out", str(out), "--fixed-model-name", name],
            cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
            env={**os.environ, **ONE_THREAD, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"},
        )
    return process, time.monotonic(), out / f"{name}.tar.gz", log


def finish_training(started: tuple) -> tuple:
    process, began, model, log = started
    if process.wait() != 0:
        raise RuntimeError(f"training {model.name} failed:\n{log.read_text(errors='replace')[-3000:]}")
    return model, round(time.monotonic() - began, 1)


def train_nlu(config: Path, out: Path, name: str) -> tuple:
    return finish_training(start_training(config, out, name))


def difference_interval(ours: dict, stock: dict, samples: int = BOOTSTRAP_SAMPLES) -> list:
    """95 % paired-bootstrap interval of (project − stock) macro-F1, in points: the same resampled
    messages score both models, so the interval is about the difference, not each model alone."""
    import numpy as np

    gold = np.array(ours["gold"])
    assert list(gold) == list(stock["gold"]), "both models must be scored on the same messages"
    mine, theirs = np.array(ours["predicted"], dtype=object), np.array(stock["predicted"], dtype=object)
    rng = np.random.default_rng(1)
    differences = []
    for _ in range(samples):
        pick = rng.integers(0, len(gold), len(gold))
        g = list(gold[pick])
        differences.append(
            nlu_evaluation.macro_f1(g, list(mine[pick])) - nlu_evaluation.macro_f1(g, list(theirs[pick]))
        )
    low, high = np.percentile(differences, [2.5, 97.5])
    return [round(100 * float(low), 1), round(100 * float(high), 1)]


def with_diet(out: Path) -> Path:
    """config.yml with DIET in place of the project's intent classifier, everything else as is."""
    from rasa.shared.utils.io import read_yaml_file, write_yaml

    config = read_yaml_file(ROOT / "config.yml")
    config["pipeline"] = [DIET if c["name"].endswith("LinearIntentClassifier") else c for c in config["pipeline"]]
    path = out / "diet_config.yml"
    write_yaml(config, path)
    return path


def evaluate(model: Path) -> tuple:
    """Held-out intent report and urgent routing of one model, loaded once for both."""
    agent = nlu_evaluation.load_agent(model)
    return nlu_evaluation.evaluate(agent), urgent_evaluation.evaluate(agent)


def compare(ours: dict, diet: dict, stock: Optional[dict]) -> dict:
    """One language's macro-F1 for the models of the run, and the project's distance to stock."""
    row = {
        "project_macro_f1": ours["macro_f1"],
        "project_with_diet_macro_f1": diet["macro_f1"],
        "stock_macro_f1": None, "points_above_stock": None, "points_above_stock_95ci": None, "ratio_to_stock": None,
        "examples": ours["examples"],
    }
    if stock is not None:
        row.update({
            "stock_macro_f1": stock["macro_f1"],
            "points_above_stock": round(100 * (ours["macro_f1"] - stock["macro_f1"]), 1),
            "points_above_stock_95ci": difference_interval(ours, stock),
            "ratio_to_stock": round(ours["macro_f1"] / max(stock["macro_f1"], 1e-9), 3),
        })
    return row


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def conversation(session, webhook, turns, latencies, failures):
    sender = uuid.uuid4().hex
    for i in range(turns):
        started = time.perf_counter()
        try:
            async with session.post(webhook, json={"sender": sender, "message": QUESTIONS[i % len(QUESTIONS)]}) as r:
                replies = await r.json(content_type=None)
                if r.status != 200 or not replies:
                    failures.append(r.status)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            failures.append(repr(error))
        latencies.append((time.perf_counter() - started) * 1000)


async def load(webhook, concurrency, turns):
    latencies, failures = [], []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session, webhook, turns, latencies, failures) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {
        "conversations": concurrency,
        "messages": len(latencies),
        "errors_or_empty": len(failures),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "messages_per_second": round(len(latencies) / elapsed, 1),
    }


def main() -> None:
    with_stock = os.environ.get("BENCH_STOCK", "1") != "0"
    results = RESULTS if with_stock else RESULTS_WITHOUT_STOCK
    results.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project_model, project_seconds = train_nlu(ROOT / "config.yml", tmp, "project")
        # The two DIET trainings take most of the time: side by side, one thread each.
        diet_run = start_training(with_diet(tmp), tmp, "project_with_diet")
        stock_run = start_training(STOCK_CONFIG, tmp, "stock") if with_stock else None
        diet_model, diet_seconds = finish_training(diet_run)
        stock_model, stock_seconds = finish_training(stock_run) if with_stock else (None, None)
        (ours, urgent_ours), (diet, urgent_diet) = map(evaluate, (project_model, diet_model))
        stock, urgent_stock = evaluate(stock_model) if with_stock else ({}, {})
        urgent = {
            lang: {
                "project": urgent_ours[lang], "project_with_diet": urgent_diet[lang], "stock": urgent_stock.get(lang),
            }
            for lang in urgent_ours
        }
        comparison = {lang: compare(ours[lang], diet[lang], stock.get(lang)) for lang in ours}
        with running_assistant(MODEL, tmp) as assistant:
            asyncio.run(load(assistant.webhook, 2, 2))  # warm-up
            latency = [asyncio.run(load(assistant.webhook, c, 10)) for c in (1, 20)]
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "stock": "trained in this run" if with_stock else "left out (BENCH_STOCK=0): no distance to stock",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "intent_macro_f1": comparison,
        "urgent": urgent,
        "targets": {"macro_f1": 0.95, "points_above_stock": 5, "urgent_recall": 1.0, "false_urgent_rate": 0.02},
        # NLU training only (`rasa train nlu`), each in this run on this machine, one TensorFlow
        # thread each; the two DIET models trained side by side.
        "nlu_training_seconds": {"project": project_seconds, "project_with_diet": diet_seconds, "stock": stock_seconds},
        "rest_latency": latency,
        "latency_ratio_20_to_1_p50": round(latency[1]["p50_ms"] / max(latency[0]["p50_ms"], 1e-9), 2),
    }
    results.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
