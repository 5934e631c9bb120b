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
from tests.servers import running_assistant

RESULTS = ROOT / "results" / "webchat"
FROZEN = "2026-11-28T10:00:00+02:00"
SHOTS = ("hours", "after_reload", "buttons", "button_clicked", "urgent", "maintenance_lv")


def test_web_chat_in_a_browser(trained_model, tmp_path):
    require_browser()
    if chat.bundle() is None:
        pytest.fail("webchat/node_modules is missing: run `make webchat-setup`")
    status = tmp_path / "status.yml"
    shutil.copy(ROOT / "webchat" / "status.yml", status)  # the tracked example: nothing published
    shutil.rmtree(RESULTS, ignore_errors=True)
    env = {"ASSISTANT_FROZEN_TIME": FROZEN}
    with running_assistant(trained_model, tmp_path, env=env, with_desk=True, webchat=True,
                           desk_env={"WEBCHAT_STATUS_FILE": str(status), **env}) as assistant:
        output = run_spec("webchat.spec.js", {
            "DESK_URL": assistant.desk.url, "RASA_URL": assistant.url,
            "STATUS_FILE": str(status), "RESULTS_DIR": str(RESULTS),
        })
    for step in ("conversation kept across a reload", "chat kept in sessionStorage only",
                 "Latvian page shows the maintenance banner"):
        assert f"ok {step}" in output, output
    for name in SHOTS:
        assert (RESULTS / f"{name}.png").stat().st_size > 1000, name
