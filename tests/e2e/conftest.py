"""One running assistant (Rasa server, action server, case desk) shared by the end-to-end modules
that only chat with it; modules that stop or reconfigure a server start their own."""
import pytest

from tests.servers import running_assistant

# Saturday 28 November 2026, 10.00 Riga time: outside working hours.
FROZEN = "2026-11-28T10:00:00+02:00"


@pytest.fixture(scope="session")
def assistant(trained_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("assistant")
    with running_assistant(trained_model, workdir, env={"ASSISTANT_FROZEN_TIME": FROZEN}, with_desk=True) as running:
        yield running
