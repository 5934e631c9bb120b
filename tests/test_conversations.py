"""Conversation tests (tests/conversations/*.yml) through the trained model with `rasa test core`."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_every_conversation_predicts_the_expected_intents_and_actions(trained_model, tmp_path):
    result = subprocess.run(
        [
            sys.executable, "-m", "rasa", "test", "core",
            "--model", str(trained_model),
            "--stories", str(ROOT / "tests" / "conversations"),
            "--out", str(tmp_path),
            "--fail-on-prediction-errors",
            "--no-plot",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"},
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text(encoding="utf-8") if failed.exists() else result.stdout[-4000:] + result.stderr[-4000:]
    assert result.returncode == 0, detail
    assert "Correct:" in result.stdout + result.stderr
