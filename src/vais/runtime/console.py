"""Program output and input: the printing built-ins of language.md section 8, and `read_line`.

stdout goes through a buffer of text pieces (an append per `println`), written as UTF-8 when it
grows, before anything is written to stderr, before reading stdin, and at exit. When stdout is a
terminal every print is written at once, so interactive programs behave as expected.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Iterator

from vais.runtime.floatrepr import f64_str
from vais.runtime.ints import cast_int_to_char
from vais.runtime.values import Some

_pieces: list[str] = []
_limit = 1 if sys.stdout is not None and sys.stdout.isatty() else 512


def flush_out() -> None:
    """Write buffered program output to stdout."""
    n = len(_pieces)
    if not n:
        return
    # take exactly the first n pieces: another thread may append while we write (each step is atomic)
    data = "".join(_pieces[:n])
    del _pieces[:n]
    out = sys.stdout
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(data.encode("utf-8", "surrogatepass"))
            buffer.flush()
        else:
            out.write(data)
            out.flush()
    except BrokenPipeError:
        # the reader went away (`vais run prog | head`): stop like a native program killed by SIGPIPE
        os._exit(141)


def write_out(text: str) -> None:
    _pieces.append(text)
    if len(_pieces) >= _limit:
        flush_out()


def write_err(text: str) -> None:
    """Write to stderr, after the program's pending stdout so the two interleave in order."""
    flush_out()
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except BrokenPipeError:
        pass


atexit.register(flush_out)


def fn_print(s: str) -> None:
    write_out(s)


def fn_println(s: str = "") -> None:
    _pieces.append(s + "\n")
    if len(_pieces) >= _limit:
        flush_out()


fn_puts = fn_println


def fn_eprint(s: str) -> None:
    write_err(s)


def fn_eprintln(s: str = "") -> None:
    write_err(s + "\n")


def fn_putchar(c: int) -> None:
    """The character with code point `c`, without a newline."""
    write_out(cast_int_to_char(c))


def fn_print_i64(n: int) -> None:
    write_out(f"{n}\n")


def fn_print_f64(x: float) -> None:
    write_out(f64_str(x) + "\n")


def fn_flush() -> None:
    flush_out()


def fn_read_line() -> Some | None:
    """One line of stdin without its line ending (`\\n` or `\\r\\n`); None at end of input."""
    flush_out()
    line = sys.stdin.readline()
    if not line:
        return None
    if line.endswith("\n"):
        line = line[:-2] if line.endswith("\r\n") else line[:-1]
    return Some(line)


def fn_stdin_lines() -> Iterator[str]:
    """The remaining lines of stdin, lazily, without line endings."""
    flush_out()
    for line in sys.stdin:
        yield line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith("\n") else line


def fn_read_all() -> str:
    """The rest of stdin."""
    flush_out()
    return sys.stdin.read()
