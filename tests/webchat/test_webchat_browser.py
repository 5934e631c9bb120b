"""The customer web chat in a real browser: tests/browser/webchat.spec.js (Playwright + Debian's
Chromium) against the real Rasa server, action server and desk (which serves /chat), with the
clock pinned to Saturday 28 November 2026, 10:00 Riga time. `make browser-setup` and
`make webchat-setup` (prerequisites of `make test`) install Chromium, playwright-core and the
widget; screenshots land in results/webchat/ (git-ignored)."""
from __future__ import annotations

import shutil

import pytest

from desk.web import chat
from tests.conftest import ROOT
from tests.playwright_run import require_browser, run_spec

RESULTS = ROOT / "results" / "webchat"
SHOTS = ("hours", "after_reload", "buttons", "button_clicked", "urgent", "maintenance_lv")


def test_web_chat_in_a_browser(assistant):
    require_browser()
    if chat.bundle() is None:
        pytest.fail("webchat/node_modules is missing: run `make webchat-setup`")
    shutil.rmtree(RESULTS, ignore_errors=True)
    published = assistant.status_file.read_bytes()
    try:
        output = run_spec("webchat.spec.js", {
            "DESK_URL": assistant.desk.url, "RASA_URL": assistant.url,
            "STATUS_FILE": str(assistant.status_file), "RESULTS_DIR": str(RESULTS),
        })
    finally:
        assistant.status_file.write_bytes(published)  # the spec publishes a maintenance notice
    for step in ("conversation kept across a reload", "chat kept in sessionStorage only",
                 "Latvian page shows the maintenance banner"):
        assert f"ok {step}" in output, output
    for name in SHOTS:
        assert (RESULTS / f"{name}.png").stat().st_size > 1000, name
