"""The model in use: file date and, when `rasa test nlu` left a report, per-intent scores."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from aiohttp import web

from desk.web.config import CONFIG
from desk.web.render import page
from desk.web.security import roles

SUMMARY_KEYS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def read_report(path):
    """(problem, rows, accuracy, weighted averages) of rasa's intent_report.json."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        return f"{path.name} is not valid JSON: {error}", [], None, {}
    rows = []
    for intent, scores in sorted(report.items()):
        if intent in SUMMARY_KEYS or not isinstance(scores, dict):
            continue
        rows.append({"intent": intent, "precision": scores.get("precision"), "recall": scores.get("recall"),
                     "f1": scores.get("f1-score"), "support": scores.get("support")})
    rows.sort(key=lambda r: (r["f1"] if isinstance(r["f1"], (int, float)) else 2, r["intent"]))
    return None, rows, report.get("accuracy"), report.get("weighted avg", {})


@roles("trainer", "admin")
async def model_page(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    model = config.model_path
    model_time = datetime.fromtimestamp(model.stat().st_mtime, timezone.utc) if model.is_file() else None
    report_path = config.intent_report
    problem, rows, accuracy, weighted = None, [], None, {}
    if report_path.is_file():
        problem, rows, accuracy, weighted = read_report(report_path)
    report_time = datetime.fromtimestamp(report_path.stat().st_mtime, timezone.utc) if report_path.is_file() else None
    return page(request, "model.html", model=model, model_time=model_time, model_size=model.stat().st_size if model_time else 0,
                report=report_path, report_time=report_time, problem=problem, rows=rows, accuracy=accuracy,
                weighted=weighted, stale=bool(model_time and report_time and report_time < model_time))


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/model", model_page)
