"""Vais panics: the exception that unwinds generated code, the standard panic messages, and the
extraction of a Vais-only stack trace from a Python traceback.

Generated code gives each function's code object `co_filename` = the `.vais` path, line and column
positions = Vais positions (0-based column) and `co_qualname` = the Vais name (`main`,
`Point::norm`), so the Python traceback of a panic already *is* the Vais stack once frames of other
files are dropped.
"""

from __future__ import annotations

import os
from itertools import islice
from types import CodeType, TracebackType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn


class VaisPanic(Exception):
    """A Vais panic. Unwinding runs `D` defers (they are `finally` blocks); `run_program` reports it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- the standard messages (worded like Rust's, so users recognise them) ------------------------------

def panic(message: str) -> NoReturn:
    raise VaisPanic(message)


def panic_index(index: int, length: int) -> NoReturn:
    raise VaisPanic(f"index out of bounds: the len is {length} but the index is {index}")


def panic_div_zero() -> NoReturn:
    raise VaisPanic("attempt to divide by zero")


def panic_rem_zero() -> NoReturn:
    raise VaisPanic("attempt to calculate the remainder with a divisor of zero")


def fn_panic(message: str = "explicit panic") -> NoReturn:
    """`panic(msg)`; the code generator has already formatted the message."""
    raise VaisPanic(message)


def fn_unreachable(message: str = "") -> NoReturn:
    detail = f": {message}" if message else ""
    raise VaisPanic(f"internal error: entered unreachable code{detail}")


def fn_todo(message: str = "") -> NoReturn:
    raise VaisPanic(f"not yet implemented: {message}" if message else "not yet implemented")


def fn_assert(cond: bool, text: str = "") -> None:
    """`assert` as a runtime function; direct calls are lowered inline, building the message
    (the condition's source text or the user's format) only when the assertion fails."""
    if not cond:
        raise VaisPanic(f"assertion failed: {text}" if text else "assertion failed")


def fn_assert_eq(left: Any, right: Any, desc: Any = None, message: Callable[[], str] | None = None) -> None:
    """`assert_eq(a, b)`; `desc` (a `runtime.fmt` descriptor of the operands' type) makes the
    message exact, otherwise values are shown with the duck-typed Debug formatter. `message` builds
    the user's message (`assert_eq(a, b, "what {x}")`) only when the assertion fails."""
    if left != right:
        _assert_failed("==", left, right, desc, message)


def fn_assert_ne(left: Any, right: Any, desc: Any = None, message: Callable[[], str] | None = None) -> None:
    if left == right:
        _assert_failed("!=", left, right, desc, message)


def _assert_failed(op: str, left: Any, right: Any, desc: Any, message: Callable[[], str] | None) -> NoReturn:
    from vais.runtime.fmt import debug_any  # lazy: fmt imports this module

    show = desc.debug if desc is not None else debug_any
    why = f": {message()}" if message is not None else ""
    raise VaisPanic(f"assertion `left {op} right` failed{why}\n  left: {show(left)}\n right: {show(right)}")


# -- Python exceptions that mean a Vais runtime error --------------------------------------------------

_MAPPED = {
    ZeroDivisionError: "attempt to divide by zero",
    RecursionError: "stack overflow: recursion too deep",
    MemoryError: "out of memory",
    IndexError: "index out of bounds",
    KeyError: "key not found in HashMap",
}


def panic_message(exc: BaseException) -> str | None:
    """The panic message for `exc`, or None when it is not a Vais runtime error (an internal error).

    Generated code may use raw Python operations on hot paths (`v[i]` with a non-negative index,
    `m[k]`); the Python exceptions they raise are reported as the matching Vais panic."""
    if isinstance(exc, VaisPanic):
        return exc.message
    for cls, message in _MAPPED.items():
        if isinstance(exc, cls):
            return message
    return None


# -- stack traces -------------------------------------------------------------------------------------

class Frame:
    """One Vais stack frame; `line` and `col` are 1-based (col 0 when unknown)."""

    __slots__ = ("col", "file", "line", "name")

    def __init__(self, name: str, file: str, line: int, col: int):
        self.name = name
        self.file = file
        self.line = line
        self.col = col

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Frame) and (self.name, self.file, self.line, self.col) == (
            other.name, other.file, other.line, other.col)

    def __hash__(self) -> int:
        return hash((self.name, self.file, self.line, self.col))

    def __repr__(self) -> str:
        return f"Frame({self.name!r}, {self.file!r}, {self.line}, {self.col})"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"
        return f"at {self.name} ({where})"


def vais_stack(tb: TracebackType | None) -> list[Frame]:
    """The Vais frames of a traceback, innermost first (frames of non-`.vais` files are dropped)."""
    frames: list[Frame] = []
    seen: dict[tuple[CodeType, int], Frame] = {}  # a deep recursion repeats the same few frames
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".vais"):
            key = (code, tb.tb_lasti)
            frame = seen.get(key)
            if frame is None:
                pos = next(islice(code.co_positions(), tb.tb_lasti // 2, None), None)
                line = pos[0] if pos and pos[0] is not None else tb.tb_lineno
                col = pos[2] + 1 if pos and pos[2] is not None else 0
                frame = seen[key] = Frame(code.co_qualname or code.co_name, code.co_filename, line, col)
            frames.append(frame)
        tb = tb.tb_next
    frames.reverse()
    return frames


# A panic 100 000 frames deep prints its innermost and outermost frames only.
_SHOW_INNER = 16
_SHOW_OUTER = 4


def format_stack(frames: list[Frame]) -> list[str]:
    """`  at name (file:line:col)` lines, eliding the middle of very deep stacks."""
    if len(frames) > _SHOW_INNER + _SHOW_OUTER + 1:
        hidden = len(frames) - _SHOW_INNER - _SHOW_OUTER
        shown = [f"  {f}" for f in frames[:_SHOW_INNER]]
        shown.append(f"  ... {hidden} more frames ...")
        shown.extend(f"  {f}" for f in frames[-_SHOW_OUTER:])
        return shown
    return [f"  {f}" for f in frames]


def report_panic(exc: BaseException, message: str | None = None) -> None:
    """Print `panic: <message>` and the Vais stack to stderr (after flushing program output)."""
    from vais.runtime.console import write_err  # lazy: console is only needed once a panic happens

    text = message if message is not None else panic_message(exc) or str(exc)
    lines = [f"panic: {text}", *format_stack(vais_stack(exc.__traceback__))]
    if os.environ.get("VAIS_BACKTRACE") == "full":
        import traceback

        lines.append("Python traceback (VAIS_BACKTRACE=full):")
        lines.append("".join(traceback.format_exception(exc)).rstrip("\n"))
    write_err("\n".join(lines) + "\n")


def report_internal_error(exc: BaseException) -> None:
    """An exception the runtime did not expect: say so plainly; the Python traceback only on request."""
    from vais.runtime.console import write_err

    lines = [f"internal error in the Vais runtime: {type(exc).__name__}: {exc}",
             *format_stack(vais_stack(exc.__traceback__))]
    if os.environ.get("VAIS_BACKTRACE") == "full":
        import traceback

        lines.append("".join(traceback.format_exception(exc)).rstrip("\n"))
    else:
        lines.append("note: run with VAIS_BACKTRACE=full to see the Python traceback, and please report it")
    write_err("\n".join(lines) + "\n")


def capture_panic(exc: BaseException) -> tuple[str, list[Frame]] | None:
    """(message, Vais frames) of a Vais runtime error, for test runners; None for internal errors."""
    message = panic_message(exc)
    if message is None:
        return None
    return message, vais_stack(exc.__traceback__)

