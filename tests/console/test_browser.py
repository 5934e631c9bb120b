"""The console in a real browser: tests/browser/console.spec.js (Playwright + Debian's Chromium)
against a seeded desk on SQLite. `make browser-setup` (a prerequisite of `make test`) installs
Chromium and playwright-core; screenshots land in results/console/ (git-ignored)."""
from __future__ import annotations

from tests.conftest import ROOT
from tests.console.conftest import PASSWORDS, running_console
from tests.playwright_run import require_browser, run_spec

RESULTS = ROOT / "results" / "console"


def test_console_in_a_browser(request, tmp_path):
    require_browser()
    with running_console("sqlite", tmp_path, request) as console:
        console.file_case()  # an urgent case to move in the browser
        run_spec("console.spec.js", {
            "CONSOLE_URL": console.url, "RESULTS_DIR": str(RESULTS),
            "ADMIN_PASSWORD": PASSWORDS["admin"], "SUPPORT_PASSWORD": PASSWORDS["support1"],
            "TRAINER_PASSWORD": PASSWORDS["trainer1"],
        })
    for name in ("overview", "transcripts", "conversation", "case", "inbox", "stats", "model", "accounts"):
        assert (RESULTS / f"{name}.png").stat().st_size > 1000, name
