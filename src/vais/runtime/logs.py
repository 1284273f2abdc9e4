"""`info!`, `warn!`, `error!`, `debug!` and `trace!`: one line per event on stderr, in the shape of
Rust's `tracing` default formatter (`2026-11-27T09:31:00.123456Z  INFO user 7 logged in role="admin"`).

Which levels are shown comes from `$VAIS_LOG` (`error`, `warn`, `info`, `debug`, `trace` or `off`;
default `info`), read once when the first event is logged.
"""

from __future__ import annotations

import os

from vais.runtime.console import write_err

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_LEVELS = {"off": 0, "error": 1, "warn": 2, "info": 3, "debug": 4, "trace": 5}
_shown: list[int] = []  # the most verbose level shown, once known


def _threshold() -> int:
    if not _shown:
        _shown.append(_LEVELS.get(os.environ.get("VAIS_LOG", "info").strip().lower(), _LEVELS["info"]))
    return _shown[0]


def fn_log_event(level: str, message: Any, fields: tuple[tuple[str, Any], ...] = ()) -> None:
    """Log `message` at `level` with `key = value` fields (shown with Debug formatting)."""
    if _LEVELS[level] > _threshold():
        return
    from datetime import UTC, datetime

    from vais.runtime.fmt import debug_any, display_any

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = f"{stamp} {level.upper():>5} {display_any(message)}"
    for name, value in fields:
        text += f" {name}={debug_any(value)}"
    write_err(text + "\n")
