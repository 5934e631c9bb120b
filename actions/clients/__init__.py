"""Clients of external systems, one each. The case desk (desk/) is reached only through
case_desk.CaseDeskClient, which keeps undeliverable requests in a local outbox (outbox.py)."""
from actions.clients.case_desk import CaseDeskClient, FiledCase

__all__ = ["CaseDeskClient", "FiledCase"]
