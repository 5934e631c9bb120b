"""Shared fixtures: the project's real domain and paths."""
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The model `make train` builds; EPARAKSTS_MODEL points the tests at another one (e.g. a copy,
# while a new model trains).
MODEL = Path(os.environ.get("EPARAKSTS_MODEL") or ROOT / "models" / "eparaksts.tar.gz")


@pytest.fixture(scope="session")
def domain():
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def trained_model():
    """The model `make train` built; tests that need it run against the real thing."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it for you)")
    return MODEL


@pytest.fixture(scope="session")
def nlu_agent(trained_model):
    """The trained model loaded once for the NLU and urgent gates (loading takes a while)."""
    from tests.nlu_evaluation import load_agent

    return load_agent(trained_model)
