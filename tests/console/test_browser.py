"""The console in a real browser: tests/browser/console.spec.js (Playwright + Debian's Chromium)
against a seeded desk on SQLite. `make browser-setup` (a prerequisite of `make test`) installs
Chromium and playwright-core; screenshots land in results/console/ (git-ignored)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.console.conftest import PASSWORDS, running_console

SPEC = ROOT / "tests" / "browser" / "console.spec.js"
RESULTS = ROOT / "results" / "console"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def test_console_in_a_browser(request, tmp_path):
    missing = [what for what, ok in [
        (CHROMIUM, os.access(CHROMIUM, os.X_OK)),
        ("node", shutil.which("node") is not None),
        ("tests/browser/node_modules/playwright-core", (SPEC.parent / "node_modules" / "playwright-core").is_dir()),
    ] if not ok]
    if missing:
        pytest.fail(f"browser test prerequisites missing ({', '.join(missing)}): run `make browser-setup`")
    with running_console("sqlite", tmp_path, request) as console:
        console.file_case()  # an urgent case to move in the browser
        result = subprocess.run(
            ["node", str(SPEC)], cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "CONSOLE_URL": console.url, "RESULTS_DIR": str(RESULTS), "CHROMIUM": CHROMIUM,
                 "ADMIN_PASSWORD": PASSWORDS["admin"], "SUPPORT_PASSWORD": PASSWORDS["support1"],
                 "TRAINER_PASSWORD": PASSWORDS["trainer1"]},
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "all browser checks passed" in result.stdout, output[-4000:]
    for name in ("overview", "transcripts", "conversation", "case", "inbox", "stats", "model", "accounts"):
        assert (RESULTS / f"{name}.png").stat().st_size > 1000, name
