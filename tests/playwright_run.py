"""Running a Playwright script of tests/browser/ (playwright-core driving Debian's Chromium) from
pytest: the prerequisites `make browser-setup` installs, and the script's own verdict."""
from __future__ import annotations

import os
import shutil
import subprocess
from typing import Dict

import pytest

from tests.conftest import ROOT

BROWSER_TESTS = ROOT / "tests" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require_browser() -> None:
    missing = [what for what, ok in [
        (CHROMIUM, os.access(CHROMIUM, os.X_OK)),
        ("node", shutil.which("node") is not None),
        ("tests/browser/node_modules/playwright-core", (BROWSER_TESTS / "node_modules" / "playwright-core").is_dir()),
    ] if not ok]
    if missing:
        pytest.fail(f"browser test prerequisites missing ({', '.join(missing)}): run `make browser-setup`")


def run_spec(name: str, env: Dict[str, str], timeout: float = 120) -> str:
    """Run tests/browser/<name>; its output, after checking it ended with "all browser checks passed"."""
    result = subprocess.run(
        ["node", str(BROWSER_TESTS / name)], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "CHROMIUM": CHROMIUM, **env},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "all browser checks passed" in result.stdout, output[-4000:]
    return output
