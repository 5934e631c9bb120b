"""Shared fixtures: the project's real domain and paths."""
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The model `make train` builds; EPARAKSTS_MODEL points the tests at another one (e.g. a copy,
# while a new model trains).
MODEL = Path(os.environ.get("EPARAKSTS_MODEL") or ROOT / "models" / "eparaksts.tar.gz")
# Saturday 28 November 2026, 10.00 Riga time: outside working hours.
FROZEN = "2026-11-28T10:00:00+02:00"


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


@pytest.fixture(scope="session")
def assistant(trained_model, tmp_path_factory):
    """One running assistant (Rasa server, action server, case desk serving the web chat) for every
    test that only talks to it: starting one takes most of a minute. The clock is FROZEN; the
    desk's maintenance file is `assistant.status_file` (a test that changes it puts it back)."""
    import shutil

    from tests.servers import running_assistant

    workdir = tmp_path_factory.mktemp("assistant")
    status_file = workdir / "status.yml"
    shutil.copy(ROOT / "webchat" / "status.yml", status_file)  # the tracked example: nothing published
    env = {"ASSISTANT_FROZEN_TIME": FROZEN}
    with running_assistant(trained_model, workdir, env=env, with_desk=True, webchat=True,
                           desk_env={"WEBCHAT_STATUS_FILE": str(status_file), **env}) as running:
        running.status_file = status_file
        yield running
