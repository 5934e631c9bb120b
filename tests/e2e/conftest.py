"""The end-to-end modules share the session's running assistant (tests/conftest.py); modules that
stop or reconfigure a server start their own."""
from tests.conftest import FROZEN  # noqa: F401  (the e2e modules import the frozen time from here)
