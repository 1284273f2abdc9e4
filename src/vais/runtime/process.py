"""Running a compiled Vais program: a big stack, exit codes, panics reported the Vais way.

`run_program(main, kind)` calls `main` in a thread with a large stack and a high recursion limit
(deep non-tail recursion works), maps its result to the process exit code and returns that code;
no Python traceback ever reaches the user. `exit(code)` ends the process at once (no defers).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from vais.runtime.console import flush_out, write_err
from vais.runtime.panic import panic_message, report_internal_error, report_panic
from vais.runtime.values import Err, VaisError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

STACK_BYTES = 1024 * 1024 * 1024  # reserved address space; pages are only used when touched
FALLBACK_STACK_BYTES = 256 * 1024 * 1024
RECURSION_LIMIT = 400_000  # about 2.6 KiB of C stack per level even for recursion through C code
PANIC_EXIT = 101

_program_args: list[str] = []


def set_program_args(args: list[str]) -> None:
    """The engine passes the arguments that followed `--` on the command line."""
    _program_args[:] = args


def fn_args() -> list[str]:
    """`args()`: the program's arguments (without the program name)."""
    return list(_program_args)


def fn_exit(code: int) -> None:
    """`exit(code)`: flush output and end the process now, without running defers."""
    flush_out()
    sys.stderr.flush()
    os._exit(code & 0xFF)


def call_with_big_stack(fn: Callable[..., Any], *args: Any) -> Any:
    """Call `fn(*args)` on a thread with a large stack; its exception (if any) is re-raised here."""
    outcome: dict[str, Any] = {}

    def runner() -> None:
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # handed to the calling thread
            outcome["error"] = exc

    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    old = threading.stack_size()
    thread = None
    for size in (STACK_BYTES, FALLBACK_STACK_BYTES):
        try:
            threading.stack_size(size)
            # a daemon, so that after Ctrl-C (delivered to this thread) the process can exit
            thread = threading.Thread(target=runner, name="vais-main", daemon=True)
            thread.start()
            break
        except (ValueError, RuntimeError):
            thread = None
        finally:
            threading.stack_size(old)
    if thread is None:  # no big stack available: run here with the default stack
        runner()
    else:
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def exit_code(result: Any, kind: str, err_desc: Any = None) -> int:
    """The exit code for `main`'s result: "unit" -> 0, "int" -> the value modulo 256,
    "result" -> 0 for Ok, 1 after printing `error: {e}` (Display of e) for Err."""
    if kind == "int":
        return result & 0xFF
    if kind == "result" and result.__class__ is Err:
        e = result.value
        if err_desc is not None:
            text = err_desc.display(e)
        elif isinstance(e, (str, VaisError)):
            text = str(e)
        else:
            from vais.runtime.fmt import display_any

            text = display_any(e)
        write_err(f"error: {text}\n")
        return 1
    return 0


def run_program(main: Callable[[], Any], kind: str = "unit", err_desc: Any = None) -> int:
    """Run `main` and return the process exit code (101 after a panic, 130 on Ctrl-C).

    `kind` is "unit", "int" or "result" (what `main` returns); `err_desc` is the format descriptor
    of main's error type, used to print `error: {e}`."""
    try:
        code = exit_code(call_with_big_stack(main), kind, err_desc)
    except KeyboardInterrupt:
        flush_out()
        code = 130
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:
        code = PANIC_EXIT
        if panic_message(exc) is not None:
            report_panic(exc)
        else:
            report_internal_error(exc)
    flush_out()
    return code
