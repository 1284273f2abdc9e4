"""Running `#[test]` functions: each in isolation, a panic fails the test with its Vais location."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vais.backend.python.launch import CompiledProgram, load_namespace


@dataclass
class TestOutcome:
    name: str
    file: str
    line: int
    passed: bool
    message: str = ""
    location: str = ""


def run_tests(compiled: CompiledProgram, name_filter: str | None = None,
              report: Callable[[TestOutcome], None] | None = None) -> list[TestOutcome]:
    """Run every test (or those whose name contains `name_filter`); `report` sees each outcome."""
    from vais.runtime.console import flush_out
    from vais.runtime.panic import capture_panic
    from vais.runtime.process import call_with_big_stack

    namespace = call_with_big_stack(load_namespace, compiled)
    outcomes = []
    for py_name, display, file, line in compiled.tests:
        if name_filter and name_filter not in display:
            continue
        try:
            call_with_big_stack(namespace[py_name])
            outcome = TestOutcome(display, file, line, True)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            captured = capture_panic(exc)
            if captured is None:
                message, where = f"internal error: {type(exc).__name__}: {exc}", ""
            else:
                message, frames = captured
                where = str(frames[0]).removeprefix("at ") if frames else ""
            outcome = TestOutcome(display, file, line, False, message, where)
        flush_out()
        outcomes.append(outcome)
        if report is not None:
            report(outcome)
    return outcomes
