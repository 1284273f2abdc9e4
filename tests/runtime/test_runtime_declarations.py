"""Every declaration in src/vais/std/*.vais has its runtime function, with a compatible arity.

The declaration files are parsed with the real parser (`vais.syntax.parse_file`).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

import vais.runtime.rt as rt
from vais.syntax import ast, parse_file

STD = Path(__file__).resolve().parents[2] / "src" / "vais" / "std"

# Intrinsics: compiled specially; these runtime functions implement them (docs/runtime.md).
INTRINSIC_RUNTIME = {
    "print": ["fn_print"], "println": ["fn_println"], "eprint": ["fn_eprint"],
    "eprintln": ["fn_eprintln"], "puts": ["fn_puts"], "format": ["format_positional"],
    "panic": ["fn_panic"], "assert": ["fn_assert"], "assert_eq": ["fn_assert_eq"],
    "assert_ne": ["fn_assert_ne"], "unreachable": ["fn_unreachable"], "todo": ["fn_todo"],
    "exit": ["fn_exit"], "Str": ["display_any"], "len": ["fn_len"], "strlen": ["fn_strlen"],
    "min": ["fn_min"], "max": ["fn_max"], "abs": ["fn_abs"], "clone": ["clone_value"],
    "to_string": ["display_any"], "default": [],
    # comparison methods of built-in and derived types: Python's operators, `ord_cmp`, `Some`
    "eq": [], "ne": [], "lt": [], "le": [], "gt": [], "ge": [], "partial_cmp": ["ord_cmp", "Some"],
    "cmp": ["ord_cmp"], "hash": ["hash_into"],
}


@dataclass
class Decl:
    file: str
    name: str
    attrs: list[str]
    params: list[str]
    self_kind: str | None  # "ref", "mut", "value" or None
    group: str | None  # None for free functions
    in_trait: bool = False

    @property
    def has_self(self) -> bool:
        return self.self_kind is not None

    def runtime_name(self) -> str:
        return f"{self.group}_{self.name}" if self.group else f"fn_{self.name}"

    def arity(self) -> int:
        n = len(self.params) + (1 if self.has_self else 0)
        n += 2 if "width" in self.attrs else 0
        n += 1 if "target" in self.attrs else 0
        n += 1 if "place" in self.attrs else 0
        n += 1 if "default" in self.attrs else 0
        return n


def _group(attrs: list[ast.Attribute]) -> str | None:
    return next((a.args[0] for a in attrs if a.name == "builtin" and a.args), None)


def _decl(path: Path, fn: ast.FnDecl, group: str | None, in_trait: bool) -> Decl:
    self_kind = fn.params[0].self_kind if fn.has_self else None
    params = [p.name for p in (fn.params[1:] if fn.has_self else fn.params)]
    return Decl(path.name, fn.name, [a.name for a in fn.attrs], params, self_kind, group, in_trait)


def read_decls(path: Path) -> list[Decl]:
    module, diagnostics = parse_file(str(path))
    errors = [d.message for d in diagnostics if d.is_error]
    assert not errors, f"{path.name}: {errors}"
    decls: list[Decl] = []
    for item in module.items:
        if isinstance(item, ast.FnDecl):
            decls.append(_decl(path, item, None, False))
        elif isinstance(item, ast.ImplDecl):
            group = _group(item.attrs)
            assert group or not item.methods, f"{path.name}: a builtin impl with methods needs #[builtin(group)]"
            decls.extend(_decl(path, m, group, False) for m in item.methods)
        elif isinstance(item, ast.TraitDecl):
            decls.extend(_decl(path, m, None, True) for m in item.methods)
    return decls


ALL = [d for p in sorted(STD.glob("*.vais")) for d in read_decls(p)]
RUNTIME_DECLS = [d for d in ALL if "intrinsic" not in d.attrs and not d.in_trait]


def test_reader_finds_the_declarations():
    names = {d.runtime_name() for d in RUNTIME_DECLS}
    assert {"vec_push", "str_parse", "int_checked_add", "fn_sqrt", "file_open", "iter_collect"} <= names
    assert len(RUNTIME_DECLS) > 400


@pytest.mark.parametrize("decl", RUNTIME_DECLS, ids=lambda d: f"{d.file}:{d.runtime_name()}")
def test_declaration_has_runtime_function(decl: Decl):
    fn = getattr(rt, decl.runtime_name(), None)
    assert fn is not None, f"{decl.file}: no runtime function {decl.runtime_name()}"
    try:
        sig = inspect.signature(fn)
    except ValueError:  # some builtins have no signature
        return
    try:
        sig.bind(*range(decl.arity()))
    except TypeError as exc:
        pytest.fail(f"{decl.runtime_name()}{sig} cannot take {decl.arity()} arguments: {exc}")


def test_rebind_methods_take_mut_self():
    for d in ALL:
        if "rebind" in d.attrs:
            assert d.self_kind == "mut", d


def test_width_methods_are_in_numeric_groups():
    for d in RUNTIME_DECLS:
        if "width" in d.attrs:
            assert d.group in ("int", "float", "iter", None), d


def test_runtime_names_are_unique_across_files():
    seen: dict[str, Decl] = {}
    for d in RUNTIME_DECLS:
        other = seen.setdefault(d.runtime_name(), d)
        if other is not d:  # the same function declared twice must agree (Box::new / Rc::new)
            assert other.arity() == d.arity(), (other, d)


def test_intrinsics_are_known():
    intrinsics = {d.name for d in ALL if "intrinsic" in d.attrs}
    assert intrinsics <= set(INTRINSIC_RUNTIME), intrinsics - set(INTRINSIC_RUNTIME)
    for names in INTRINSIC_RUNTIME.values():
        for n in names:
            assert hasattr(rt, n), n


def test_every_group_function_is_declared():
    """No dead runtime methods: each exported `G_m` corresponds to a declaration."""
    declared = {d.runtime_name() for d in RUNTIME_DECLS}
    # helpers for generated code whose names happen to start with a group prefix
    helpers = {"int_fmt", "float_str", "duration_str", "ordering_of", "set_program_args", "error_from", "char_range",
               "vec_item_ref"}
    missing = []
    for name in vars(rt):
        group = next((g for g in rt.GROUPS if name.startswith(g + "_")), None)
        if group and name not in declared and name not in helpers:
            missing.append(name)
    assert not missing, f"runtime functions without a declaration: {sorted(missing)}"
