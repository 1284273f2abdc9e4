"""The one module generated code imports from: `from vais.runtime.rt import vec_push, fn_println, ...`.

It re-exports the runtime API of every runtime module (docs/runtime.md): the methods of built-in
types `G_m` for each group G in `GROUPS`, free built-ins `fn_*`, operator helpers `op_*`, casts
`cast_*`, wrap functions, indexing helpers, and the value classes, format descriptors and
process/panic entry points listed in `_NAMES`. Everything here is cheap to import: rarely used
standard modules are imported lazily inside the functions that need them.
"""

from __future__ import annotations

import sys
from types import ModuleType

from vais.runtime import (
    chars,
    clock,
    collections,
    console,
    env,
    floatrepr,
    floats,
    fmt,
    fs,
    ints,
    iters,
    logs,
    memory,
    options,
    panic,
    process,
    rng,
    strings,
    tasks,
    values,
)

# Method groups of built-in types: method `m` of group G is the function `G_m`.
GROUPS = (
    "vec", "str", "map", "set", "option", "result", "iter", "range", "int", "float", "char", "bool",
    "error", "ordering", "ord", "box", "duration", "instant", "file", "rng", "entry", "peekable",
)

_PREFIXES = (*(f"{g}_" for g in GROUPS), "fn_", "op_", "cast_", "wrap", "div_", "index_", "slice_", "panic",
             "pat_")

_NAMES = {
    # values
    "Some", "Ok", "Err", "VaisError", "Cell", "ItemRef", "AttrRef", "Ordering", "Less", "Equal", "Greater", "ordering_of",
    "Duration", "Instant", "File", "Rng", "cmp_values", "sort_key", "clone_value", "assign_in_place",
    "min_value", "max_value", "install_eq", "install_order", "install_hash", "hash_into",
    # iterators
    "user_iter",
    # integers and floats
    "BOUNDS", "I64_MIN", "I64_MAX", "make_wrapper", "f32_round", "f64_str", "f32_str", "float_str", "exp_str",
    # formatting
    "Fmt", "Spec", "parse_spec", "format_spec", "format_positional", "IntFmt", "FloatFmt", "BoolFmt",
    "CharFmt", "StrFmt", "UnitFmt", "ErrorFmt", "DurationFmt", "NameFmt", "RangeFmt", "VecFmt", "SetFmt",
    "MapFmt", "TupleFmt", "OptionFmt", "PlaceFmt", "ResultFmt", "StructFmt", "EnumFmt", "UserDisplayFmt", "AnyFmt",
    "I64", "F64", "F32", "BOOL", "CHAR", "STR", "UNIT", "ERROR", "DURATION", "ORDERING", "RANGE", "ANY",
    "int_fmt", "desc_for", "debug_any", "display_any", "quote_str", "quote_char", "duration_str",
    # panics and the process
    "VaisPanic", "Frame", "vais_stack", "format_stack", "report_panic", "report_internal_error",
    "capture_panic", "run_program", "call_with_big_stack", "exit_code", "set_program_args",
    "flush_out", "write_out", "write_err", "run_async_main",
}

_MODULES: tuple[ModuleType, ...] = (
    values, panic, ints, floatrepr, floats, chars, strings, collections, iters, options, fmt, console,
    memory, process, fs, env, clock, rng, tasks, logs,
)


def _exports() -> dict[str, tuple[object, str]]:
    """Every exported name with its value and the module that defines it."""
    found: dict[str, tuple[object, str]] = {}
    for module in _MODULES:
        for name, value in vars(module).items():
            if (name in _NAMES or name.startswith(_PREFIXES)) and not isinstance(value, ModuleType):
                # the defining module, not one that imports the name (`memory` re-uses `ints.wrap_i64`)
                origin = getattr(value, "__module__", None)
                if not (isinstance(origin, str) and origin.startswith("vais.runtime.")
                        and hasattr(sys.modules[origin], name)):  # (an alias lives where it is spelled)
                    origin = found[name][1] if name in found else module.__name__
                found[name] = (value, origin)
    return found


_FOUND = _exports()
# The module each runtime name lives in: generated code imports from there, so a program loads
# only the runtime modules it uses.
ORIGINS: dict[str, str] = {name: origin for name, (_, origin) in _FOUND.items()}
globals().update({name: value for name, (value, _) in _FOUND.items()})
