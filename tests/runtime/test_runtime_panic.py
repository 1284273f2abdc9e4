"""Panics: messages, Vais stack extraction from code compiled with a `.vais` file name, reports."""

from __future__ import annotations

import ast

import pytest

from vais.runtime import panic as p
from vais.runtime.panic import Frame, VaisPanic, format_stack, panic_message, vais_stack

SOURCE = """\
def main():
    helper(1)

def helper(n):
    x = n + 1
    fn_panic('boom')
"""


def _run(code: object, names: dict[str, object], entry: str = "main") -> BaseException:
    ns: dict[str, object] = dict(names)
    exec(code, ns)
    try:
        ns[entry]()  # type: ignore[operator]
    except BaseException as exc:
        return exc
    raise AssertionError("no exception")


def test_stack_of_vais_frames_innermost_first():
    code = compile(SOURCE, "/src/app/main.vais", "exec")
    exc = _run(code, {"fn_panic": p.fn_panic})
    assert isinstance(exc, VaisPanic) and exc.message == "boom"
    frames = vais_stack(exc.__traceback__)
    assert frames == [Frame("helper", "/src/app/main.vais", 6, 5), Frame("main", "/src/app/main.vais", 2, 5)]
    assert str(frames[0]) == "at helper (/src/app/main.vais:6:5)"


def test_frames_of_other_files_are_dropped_and_qualnames_are_used():
    code = compile(SOURCE, "geometry.vais", "exec")
    ns: dict[str, object] = {"fn_panic": p.fn_panic}
    exec(code, ns)
    helper = ns["helper"]
    helper.__code__ = helper.__code__.replace(co_qualname="Point::norm")  # type: ignore[attr-defined]
    try:
        ns["main"]()  # type: ignore[operator]
    except VaisPanic as exc:
        frames = vais_stack(exc.__traceback__)
    assert [f.name for f in frames] == ["Point::norm", "main"]  # runtime and test frames are not .vais


def test_positions_come_from_the_code_generator():
    """Generated code carries Vais line/column positions (0-based column) on its AST nodes."""
    tree = ast.parse("def run():\n    fn_panic('x')\n")
    for node in ast.walk(tree):
        if hasattr(node, "lineno"):
            node.lineno, node.end_lineno = 40, 40
            node.col_offset, node.end_col_offset = 8, 20
    code = compile(tree, "lib/util.vais", "exec")
    exc = _run(code, {"fn_panic": p.fn_panic}, "run")
    assert vais_stack(exc.__traceback__) == [Frame("run", "lib/util.vais", 40, 9)]


def test_deep_stacks_are_elided():
    frames = [Frame(f"f{i}", "a.vais", i, 1) for i in range(1000)]
    lines = format_stack(frames)
    assert len(lines) == 16 + 1 + 4
    assert lines[16] == "  ... 980 more frames ..."
    assert lines[0] == "  at f0 (a.vais:0:1)" and lines[-1] == "  at f999 (a.vais:999:1)"


def test_python_errors_map_to_vais_panics():
    assert panic_message(ZeroDivisionError()) == "attempt to divide by zero"
    assert panic_message(IndexError()) == "index out of bounds"
    assert panic_message(RecursionError()) == "stack overflow: recursion too deep"
    assert panic_message(TypeError()) is None
    assert p.capture_panic(TypeError()) is None
    message, frames = p.capture_panic(VaisPanic("m"))  # type: ignore[misc]
    assert (message, frames) == ("m", [])


def test_assertions():
    p.fn_assert(True)
    p.fn_assert_eq([1, 2], [1, 2])
    p.fn_assert_ne(1, 2)
    with pytest.raises(VaisPanic, match=r"^assertion failed: x > 1$"):
        p.fn_assert(False, "x > 1")
    with pytest.raises(VaisPanic) as info:
        p.fn_assert_eq(7, 8)
    assert info.value.message == "assertion `left == right` failed\n  left: 7\n right: 8"
    with pytest.raises(VaisPanic, match='left: "ab"'):
        p.fn_assert_ne("ab", "ab")
    with pytest.raises(VaisPanic, match="entered unreachable code"):
        p.fn_unreachable()
    with pytest.raises(VaisPanic, match="not yet implemented"):
        p.fn_todo()


def test_report_panic_flushes_stdout_then_writes_the_trace(capfd: pytest.CaptureFixture[str]):
    from vais.runtime.console import fn_println

    code = compile(SOURCE, "main.vais", "exec")
    exc = _run(code, {"fn_panic": p.fn_panic})
    fn_println("before")
    p.report_panic(exc)
    out, err = capfd.readouterr()
    assert out == "before\n"
    assert err == "panic: boom\n  at helper (main.vais:6:5)\n  at main (main.vais:2:5)\n"
