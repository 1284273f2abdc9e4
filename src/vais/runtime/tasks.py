"""Async support of the Python engine: `A F` functions are coroutines on asyncio's event loop.

`spawn f(x)` starts the coroutine as a task running concurrently with its spawner; `.await`
waits for a future or task. An async `main` runs in a fresh event loop (`asyncio.run`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def fn_spawn(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """`spawn e`: schedule the coroutine on the running loop and return its task."""
    import asyncio

    return asyncio.ensure_future(coroutine)


def fn_async_platform() -> str:
    """The I/O readiness mechanism async code runs on here: `epoll`, `kqueue`, `iocp`, `poll`, ...

    It is the one asyncio's default event loop uses on this machine, so programs that pick a
    reactor by name (`I platform == "epoll" { ... }`) see the truth.
    """
    import sys

    if sys.platform == "win32":
        return "iocp"
    import selectors

    return selectors.DefaultSelector.__name__.removesuffix("Selector").lower()


def run_async_main(main: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run an `A F main` to completion on a new event loop; its value is main's value."""
    import asyncio

    return asyncio.run(main())
