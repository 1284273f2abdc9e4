"""Compile a typed program to a Python code object whose functions carry Vais names, files
and line/column positions, and run it."""

from __future__ import annotations

import types
from dataclasses import dataclass, field

from vais.backend.python.module import FunctionOrigin, ModuleGen
from vais.sema.analysis import Sema
from vais.sema.program import Program


@dataclass
class CompiledProgram:
    """Everything needed to run a program (picklable with marshal: code + plain data)."""

    code: types.CodeType
    main: str | None
    main_kind: str
    main_err_desc: str | None
    tests: list[tuple[str, str, str, int]] = field(default_factory=list)


def compile_program(program: Program, sema: Sema) -> CompiledProgram:
    generated = ModuleGen(program, sema).generate()
    code = compile(generated.module, program.entry.path, "exec", dont_inherit=True, optimize=0)
    code = _rename(code, generated.origins, program.entry.path, None)
    return CompiledProgram(code, generated.main, generated.main_kind, generated.main_err_desc, generated.tests)


def _rename(code: types.CodeType, origins: dict[str, FunctionOrigin], file: str, parent: str | None) -> types.CodeType:
    """Give generated functions their Vais names and files (stack traces print these); nested
    closures are `outer::{closure}` in their outer function's file."""
    origin = origins.get(code.co_name)
    name = code.co_name
    if origin is not None:
        name, file = origin.display, origin.file
    elif parent is not None and code.co_name != "<module>":
        name = f"{parent}::{{closure}}" if not code.co_name.endswith("_mk") else parent
    consts = tuple(_rename(c, origins, file, name if code.co_name != "<module>" else None)
                   if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_consts=consts, co_filename=file, co_name=name, co_qualname=name)


def load_namespace(compiled: CompiledProgram) -> dict:
    """Execute the module body (classes, functions, descriptors, constants)."""
    namespace: dict = {"__name__": "__vais_program__"}
    exec(compiled.code, namespace)
    return namespace


def run(compiled: CompiledProgram, args: list[str]) -> int:
    """Run `main` with the Vais exit-code rules; never lets a Python traceback out."""
    from vais.runtime.rt import run_program, set_program_args

    set_program_args(args)
    holder: dict = {}

    def program():
        namespace = load_namespace(compiled)
        holder["ns"] = namespace
        err_desc = namespace.get(compiled.main_err_desc) if compiled.main_err_desc else None
        holder["err_desc"] = err_desc
        return namespace[compiled.main]()

    return run_program(program, compiled.main_kind, _LazyDesc(holder))


class _LazyDesc:
    """The error descriptor of `main`'s Result, available once the module body has run."""

    def __init__(self, holder: dict):
        self.holder = holder

    def __getattr__(self, name: str):
        return getattr(self.holder.get("err_desc"), name)
