"""Running a compiled program. Light on purpose: a warm `vais run` loads cached bytecode and
imports only this module and the runtime, never the compiler (nor dataclasses or pathlib)."""

from __future__ import annotations

import types


class CompiledProgram:
    """A program ready to run: the module code object plus plain data about its entry points.
    `tests` holds (python name, Vais name, file, line) for each `#[test]` function."""

    __slots__ = ("code", "main", "main_err_desc", "main_kind", "tests")

    def __init__(self, code: types.CodeType, main: str | None, main_kind: str, main_err_desc: str | None,
                 tests: list[tuple[str, str, str, int]] | None = None):
        self.code = code
        self.main = main
        self.main_kind = main_kind
        self.main_err_desc = main_err_desc
        self.tests = tests or []


def load_namespace(compiled: CompiledProgram) -> dict:
    """Execute the module body: classes, functions, descriptors, then constants and globals."""
    namespace: dict = {"__name__": "__vais_program__"}
    exec(compiled.code, namespace)
    return namespace


def run(compiled: CompiledProgram, args: list[str]) -> int:
    """Run `main` with the Vais exit-code rules (panic 101, `Err` from main 1, int result as code)."""
    from vais.runtime.process import run_program, set_program_args
    from vais.runtime.tasks import run_async_main

    set_program_args(args)
    state: dict = {}
    kind = compiled.main_kind
    is_async = kind.startswith("async-")

    def program():
        namespace = load_namespace(compiled)
        state["err_desc"] = namespace.get(compiled.main_err_desc) if compiled.main_err_desc else None
        main = namespace[compiled.main]
        return run_async_main(main) if is_async else main()

    return run_program(program, kind.removeprefix("async-"), _ErrDesc(state))


class _ErrDesc:
    """The format descriptor of `main`'s error type, known once the module body has run."""

    def __init__(self, state: dict):
        self.state = state

    def __getattr__(self, name: str):
        return getattr(self.state.get("err_desc"), name)
