"""Compile a typed program to a Python code object whose functions carry Vais names, files and
line/column positions."""

from __future__ import annotations

import types

from vais.backend.python.launch import CompiledProgram
from vais.backend.python.module import FunctionOrigin, ModuleGen
from vais.sema.analysis import Sema
from vais.sema.program import Program


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
