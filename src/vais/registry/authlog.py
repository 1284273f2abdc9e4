"""One JSON line per authentication attempt: who, from where, outcome and why. Never secrets."""

from __future__ import annotations

import logging

_LOG = logging.getLogger("vais.registry.auth")


def auth_event(action: str, outcome: str, *, user: str | None, ip: str, reason: str | None = None) -> None:
    _LOG.info(
        "auth %s %s", action, outcome,
        extra={"event": "auth", "action": action, "user": user, "ip": ip, "outcome": outcome, "reason": reason},
    )
