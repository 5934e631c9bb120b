"""Clients of external systems, one each. The case desk (desk/) is reached only through
case_desk.CaseDeskClient, which keeps undeliverable requests in a local outbox (outbox.py)."""
from typing import Any

__all__ = ["CaseDeskClient", "FiledCase"]


def __getattr__(name: str) -> Any:
    # Lazy, so `python -m actions.clients.outbox` does not import outbox twice (via case_desk).
    if name in __all__:
        from actions.clients import case_desk

        return getattr(case_desk, name)
    raise AttributeError(name)
